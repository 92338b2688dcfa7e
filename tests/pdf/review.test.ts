/**
 * The 审核意见 as PDF (issue 15, item 3) through the API, in this process and through the two
 * workers: its text read back with poppler (pdftotext), its pages rendered with pdftoppm and kept
 * under tests/artifacts/review/ to be looked at. Bundled fonts only (every machine alike).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { API_METHODS, validatedApi, type NianbaoApi } from '../../core/api';
import { decide } from '../../core/checks';
import { Archive } from '../../db/archive';
import { openArchiveWorker, type ArchiveConnection } from '../../electron/services/archive/client';
import { openArchiveInProcess } from '../../electron/services/archive/in-process';
import { openPdfWorker } from '../../electron/services/pdf/client';
import {
  composeService,
  createPdfRenderer,
  type PdfRenderer,
} from '../../electron/services/pdf/service';
import { Clock } from '../helpers/archive';
import { DRAFT_WITH_ERRORS, MISSING, YEAR, fillCounty, type County } from '../helpers/county';
import {
  pdfFonts,
  pdfInfo,
  pdfText,
  pdfWords,
  renderPages,
  stripCjkSpaces,
  type PdfPage,
} from '../helpers/pdf';
import { MM } from '../../electron/services/pdf/types';
import { ROOT } from '../helpers/paths';

const BUNDLED = { fontDirs: [] as string[] };
const SLOW = 240_000;
const PAGES = path.join(ROOT, 'tests', 'artifacts', 'review');

async function countyApi(mode: 'in-process' | 'worker'): Promise<{ api: NianbaoApi; c: County }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-review-'));
  const file = path.join(dir, 'archive.sqlite');
  const clock = new Clock('2026-01-20T10:00:00');
  let connection: ArchiveConnection | null = null;
  let renderer: PdfRenderer | null = null;
  onTestFinished(async () => {
    await connection?.close();
    await renderer?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const a = await Archive.open(file, { now: clock.now });
  const c = fillCounty(a);
  // 柳林镇 explains one error and checks one warning: the sheet lists both with the reasons
  const unitId = c.byName.get('柳林镇')!.id;
  const opened = a.openReport({ unitId, year: YEAR });
  if (opened.legacy) throw new Error('legacy');
  const checked = a.checkReport({ unitId, year: YEAR });
  const warning =
    checked.findings.find((f) => f.code === 'GOV_ASSESSMENT_MISSING') ??
    checked.findings.find((f) => f.severity === 'warning')!;
  const report = decide(
    opened.report,
    warning,
    'verified',
    '本镇无考核评议事项，已与县政务公开办确认',
    {
      by: '王五',
      at: '2026-01-18T09:00:00.000Z',
    },
  );
  a.saveReport({ unitId, year: YEAR, report, reason: 'save', author: '王五' });
  a.close();
  connection =
    mode === 'in-process'
      ? await openArchiveInProcess(file, { now: clock.now })
      : await openArchiveWorker(file);
  renderer = mode === 'in-process' ? createPdfRenderer(BUNDLED) : openPdfWorker(BUNDLED);
  return { api: validatedApi(composeService(connection, renderer), API_METHODS), c };
}

/** The findings table's columns (review.ts): 序号 26, 问题与位置 104, 说明 150, 处理情况 82, 审核意见. */
const LEFT = 28 * MM;
const COLUMN = {
  problem: [LEFT + 26, LEFT + 130],
  message: [LEFT + 130, LEFT + 280],
  handled: [LEFT + 280, LEFT + 362],
} as const;

/** The text of one table column across the pages, top to bottom, without white space. */
function columnText(pages: readonly PdfPage[], [x0, x1]: readonly [number, number]): string {
  return pages
    .map((p) =>
      p.words
        .filter((w) => w.xMin >= x0 - 1 && w.xMax <= x1 + 1)
        .sort((a, b) => a.yMin - b.yMin || a.xMin - b.xMin)
        .map((w) => w.text)
        .join(''),
    )
    .join('');
}

async function keepPages(pdf: Uint8Array, name: string, last: number): Promise<number> {
  fs.mkdirSync(PAGES, { recursive: true });
  const pages = await renderPages(pdf, { dpi: 60, last, gray: false });
  for (const p of pages) fs.writeFileSync(path.join(PAGES, `${name}-${p.page}.png`), p.png);
  return pages.length;
}

describe('审核意见 PDF', () => {
  it(
    'prints one report’s findings by section with the reasons, reviewer and date',
    async () => {
      const { api, c } = await countyApi('in-process');
      const unitId = c.byName.get('柳林镇')!.id;
      const out = await api.renderReviewPdf({ unitId, year: YEAR, reviewer: '张三' });
      expect(out.fileName).toBe('柳林镇2025年度报告审核意见.pdf');
      expect(out.sheets).toBe(1);
      const info = await pdfInfo(out.pdf);
      expect(info.pages).toBe(out.pages);
      expect(info.pageSizes[0]).toMatchObject({
        width: expect.closeTo(595.3, 0),
        height: expect.closeTo(841.9, 0),
      });
      const fonts = await pdfFonts(out.pdf);
      expect(fonts.length).toBeGreaterThan(0);
      expect(fonts.every((f) => f.embedded && f.subset)).toBe(true);

      const text = stripCjkSpaces((await pdfText(out.pdf)).join('\n'));
      const flat = text.replace(/\s+/gu, '');
      expect(flat).toContain('审核意见');
      expect(flat).toContain('柳林镇2025年度政府信息公开工作年度报告');
      const sheet = (await api.reviewSheets({ unitId, year: YEAR, reviewer: '张三' }))[0]!;
      expect(flat).toContain(`报告状态：草稿（第${sheet.revision}版）`);
      expect(flat).toContain(`未解决：错误${sheet.errors}个，警告${sheet.warnings}个`);
      // every group's heading, in order, and every finding's message in its column
      const words = await pdfWords(out.pdf);
      const messages = columnText(words, COLUMN.message);
      const handled = columnText(words, COLUMN.handled);
      const problems = columnText(words, COLUMN.problem);
      let at = -1;
      for (const g of sheet.groups) {
        const i = flat.indexOf(`${g.label.replace(/\s+/gu, '')}（${g.items.length}项）`);
        expect(i, g.label).toBeGreaterThan(at);
        at = i;
        for (const item of g.items) {
          expect(messages, item.message).toContain(item.message.replace(/\s+/gu, ''));
        }
      }
      expect(problems).toContain('【错误】表三行总计不符');
      expect(flat).toContain('待改正');
      expect(handled).toContain(
        '已核实：本镇无考核评议事项，已与县政务公开办确认（王五，2026-01-18）',
      );
      expect(flat).toContain('审核人：张三');
      expect(flat).toContain('报告单位签收人及日期：');
      expect(flat).toContain('审核日期：2026-01-20');
      expect(await keepPages(out.pdf, 'one', 3)).toBeGreaterThan(0);
    },
    SLOW,
  );

  it(
    'prints every member in one PDF through the workers: an overview, then one section per unit',
    async () => {
      const { api, c } = await countyApi('worker');
      const out = await api.renderReviewPdf({
        unitId: c.county.id,
        year: YEAR,
        members: true,
        reviewer: '张三',
      });
      expect(out.fileName).toBe('清河县人民政府2025年度各下属单位报告审核意见.pdf');
      expect(out.sheets).toBe(51);
      expect(out.pages).toBeGreaterThan(51);
      const pages = (await pdfText(out.pdf)).map((p) => stripCjkSpaces(p).replace(/\s+/gu, ''));
      expect(pages).toHaveLength(out.pages);
      expect(pages[0]).toContain('共51个下属单位：未收到3个，有未解决错误的4个。');
      // each unit starts a page with its part number and name
      const startIndex = pages.flatMap((p, i) => (/^第\d+部分/u.test(p) ? [i] : []));
      expect(startIndex).toHaveLength(51);
      // a unit's part: its pages up to the next unit's
      const starts = startIndex.map((i, k) =>
        pages.slice(i, startIndex[k + 1] ?? pages.length).join(''),
      );
      for (const name of MISSING) {
        const page = starts.find((p) => p.includes(`${name}2025年度政府信息公开工作年度报告`))!;
        expect(page).toContain('报告状态：未收到');
        expect(page).toContain('没有收到2025年度的报告（下属单位缺报）');
      }
      for (const name of DRAFT_WITH_ERRORS) {
        const page = starts.find((p) => p.includes(`${name}2025年度政府信息公开工作年度报告`))!;
        expect(page, name).toContain('【错误】');
      }
      expect(await keepPages(out.pdf, 'members', 3)).toBe(3);
    },
    SLOW,
  );
});
