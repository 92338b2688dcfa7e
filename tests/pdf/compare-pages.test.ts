/**
 * The 年度对比表 as a reviewer's document (issue 14): a full report's comparison on a few A4
 * pages — per table only the cells that differ, with both values, the difference, the change
 * in % and the flag, the rest counted — and the list of changed parts with their similarity.
 * Real reports (tests/helpers/compare-archive.ts: 平潭 2020–2023 as published) through the
 * validated API in this process; the text read back with pdftotext, the pages rendered with
 * pdftoppm under tests/artifacts/compare-pages/ to be looked at. Bundled fonts only.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_METHODS, validatedApi, type NianbaoApi } from '../../core/api';
import { FLAG_LABELS, percentChange, type ReportComparison } from '../../core/compare';
import { Archive } from '../../db/archive';
import { openArchiveInProcess } from '../../electron/services/archive/in-process';
import type { ArchiveConnection } from '../../electron/services/archive/client';
import {
  composeService,
  createPdfRenderer,
  type PdfRenderer,
} from '../../electron/services/pdf/service';
import { fillCompareArchive, type CompareArchive } from '../helpers/compare-archive';
import { pdfInfo, pdfText, renderPages } from '../helpers/pdf';
import { ROOT } from '../helpers/paths';

const SLOW = 240_000;
const PAGES = path.join(ROOT, 'tests', 'artifacts', 'compare-pages');

let dir: string;
let ids: CompareArchive;
let connection: ArchiveConnection;
let renderer: PdfRenderer;
let api: NianbaoApi;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-compare-pages-'));
  const file = path.join(dir, 'archive.sqlite');
  const a = await Archive.open(file);
  ids = fillCompareArchive(a);
  a.close();
  connection = await openArchiveInProcess(file);
  renderer = createPdfRenderer({ fontDirs: [] });
  api = validatedApi(composeService(connection, renderer), API_METHODS);
}, SLOW);

afterAll(async () => {
  await connection?.close();
  await renderer?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The PDF's text, each line's runs of white space made one space. */
async function lines(pdf: Uint8Array): Promise<string[]> {
  const pages = await pdfText(pdf, { layout: true });
  return pages.flatMap((p) => p.split('\n')).map((l) => l.trim().replace(/\s+/gu, ' '));
}

async function keepPages(pdf: Uint8Array, name: string): Promise<void> {
  fs.mkdirSync(PAGES, { recursive: true });
  for (const p of await renderPages(pdf, { dpi: 60, gray: false }))
    fs.writeFileSync(path.join(PAGES, `${name}-${p.page}.png`), p.png);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
const shown = (raw: string | null) => (raw === null ? '—' : raw || '空');
const FLAG_AT_END = new RegExp(`(?:${Object.values(FLAG_LABELS).join('|')})$`, 'u');

async function compared(ya: number, yb: number) {
  const a = { unitId: ids.pingtan, year: ya };
  const b = { unitId: ids.pingtan, year: yb };
  const c: ReportComparison = await api.compareReports({ a, b });
  const out = await api.renderComparisonPdf({ a, b });
  return { c, out, text: await lines(out.pdf) };
}

describe('年度对比表 of two full reports', () => {
  it(
    '2022 → 2023: three to five pages; every flagged cell with both values, difference, % and flag',
    async () => {
      const { c, out, text } = await compared(2022, 2023);
      await keepPages(out.pdf, '2022-2023');
      // a full report: 200 cells, 51 of them differ (it printed 13 pages when every cell was listed)
      expect(c.cells).toHaveLength(200);
      expect(c.counts.flagged).toBeGreaterThan(30);
      expect((await pdfInfo(out.pdf)).pages).toBe(out.pages);
      expect(out.pages).toBeGreaterThanOrEqual(3);
      expect(out.pages).toBeLessThanOrEqual(5);

      // each flagged cell is one row: its column, both years' texts, then its flag at the end
      const flagged = c.cells.filter((x) => x.flag);
      for (const x of flagged) {
        const pattern = new RegExp(
          `^${escape(x.column)} ${escape(shown(x.aRaw))} ${escape(shown(x.bRaw))} .*${FLAG_LABELS[x.flag!]}$`,
          'u',
        );
        expect(
          text.some((l) => pattern.test(l)),
          `${x.block} ${x.row} ${x.column}`,
        ).toBe(true);
      }
      // …and no other row ends with a flag
      expect(text.filter((l) => FLAG_AT_END.test(l))).toHaveLength(flagged.length);
      // one in full: 行政许可 10690 → 2629, a jump
      expect(text).toContain('本年处理决定数量 10690 2629 −8061 −75.4% 大幅变化');
      // a cell that changed without a flag: listed with its difference and %
      const plain = c.cells.find((x) => !x.flag && x.ratio !== null && x.a !== x.b)!;
      expect(text).toContain(
        `${plain.column} ${plain.aRaw} ${plain.bRaw} ${plain.delta! > 0 ? '+' : '−'}${Math.abs(plain.delta!)} ${percentChange(plain).replace('-', '−')}`,
      );

      // the cells the years share are counted, not listed, per table
      const joined = text.join('');
      for (const t of ['二', '三', '四'] as const) {
        const cells = c.cells.filter((x) => x.table === t);
        const same = cells.filter((x) => !x.flag && (x.aRaw === x.bRaw || x.a === x.b)).length;
        expect(joined).toContain(`其余${same}格两年相同`);
      }
      expect(joined).toContain(
        `三张统计表共比较200格：两年不同的${c.counts.changedCells}格（其中需要关注的${c.counts.flagged}格`,
      );

      // the changed parts, each with its similarity and characters added and removed
      const changed = c.sections.filter((s) => s.changed);
      expect(joined).toContain(`文字有变化的部分（${changed.length}个）`);
      for (const s of changed) {
        const row = `${s.label.slice(0, 8)}`;
        const line = text.find((l) => l.startsWith(row) && /\d+%/u.test(l))!;
        expect(line, s.label).toContain(
          `${Math.round(s.similarity * 100)}% ${s.insertions} ${s.deletions}`,
        );
      }
      // a figure changed in place, with both values
      expect(joined.replace(/\s/gu, '')).toContain('政府信息公开申请75件→81件');
    },
    SLOW,
  );

  it(
    '2020 → 2021 across the format change: the note, the not comparable items, still a few pages',
    async () => {
      const { c, out, text } = await compared(2020, 2021);
      await keepPages(out.pdf, '2020-2021');
      expect(out.pages).toBeGreaterThanOrEqual(3);
      expect(out.pages).toBeLessThanOrEqual(5);
      const joined = text.join('');
      expect(joined).toContain('两份报告的格式不同');
      expect(joined).toContain(`不可比的项目（只有一种格式有，共${c.notComparable.length}格）`);
      expect(text.filter((l) => FLAG_AT_END.test(l))).toHaveLength(c.counts.flagged);
    },
    SLOW,
  );

  it(
    'a report with itself: one page, the tables the same, no part changed',
    async () => {
      const { out, text } = await compared(2023, 2023);
      await keepPages(out.pdf, 'same');
      expect(out.pages).toBe(1);
      const joined = text.join('');
      expect(joined).toContain('两年不同的0格');
      expect(joined.match(/两年的数字相同（\d+格）/gu)).toHaveLength(3);
      expect(joined).toContain('各部分文字相同');
      expect(text.filter((l) => FLAG_AT_END.test(l))).toHaveLength(0);
    },
    SLOW,
  );
});
