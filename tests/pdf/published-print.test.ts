// Printing a report marked 已发布（存档） (issue 13 item 13): the document as it was published —
// no 草稿 watermark although it has open errors, each page noted "存档副本（已发布）" in the top
// margin (so a printed copy is not taken for a new 定稿); once the mark is taken back the same
// revision prints as a draft again, watermark and no note. Through the archive and renderer in
// this process, the flag once through the database and PDF workers (the app's arrangement), and
// once through `nianbao render --db` (its message).
// Bundled fonts (fontDirs: []). A page of each is written to /tmp/h13q/ as PNG (60 dpi).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { API_METHODS, validatedApi, type NianbaoApi } from '../../core/api';
import { T3_BLOCK_ID } from '../../core/formats/common';
import type { Report } from '../../core/model';
import { openArchiveWorker, type ArchiveConnection } from '../../electron/services/archive/client';
import { openArchiveInProcess } from '../../electron/services/archive/in-process';
import { openPdfWorker } from '../../electron/services/pdf/client';
import { ARCHIVE_NOTE_TEXT } from '../../electron/services/pdf/render';
import {
  composeService,
  createPdfRenderer,
  type PdfRenderer,
} from '../../electron/services/pdf/service';
import { PAGE } from '../../electron/services/pdf/types';
import { serialiseReport } from '../../core/file';
import { Clock, inArchive } from '../helpers/archive';
import { runCli } from '../helpers/cli';
import { pdfText, pdfWords, renderPages, stripCjkSpaces } from '../helpers/pdf';
import { DEPARTMENT, balancedReport, clone, setCell } from '../helpers/reports';
import { ROOT } from '../helpers/paths';

const AUTHOR = '张三';
const BUNDLED = { fontDirs: [] as string[] };
const SLOW = 180_000;
const SHOTS = path.join(ROOT, 'tests', 'artifacts', 'published-print');
// the archive's clock: the report being written is 2022's, so 2021 is a past year
const NOW = '2023-03-01T09:30:00';
const YEAR = 2021;
const NOTE = '存档副本（已发布）';

/** A past year's report with open errors (two T3 totals broken). */
function brokenReport(unitId: string): Report {
  const report = clone(balancedReport(YEAR));
  setCell(report, '三', T3_BLOCK_ID, 'granted', 'natural', '999');
  return { ...report, unit: { ...report.unit, id: unitId } };
}

/** The API over a new archive (in this process, or the app's two workers), closed after the test. */
async function harness(mode: 'in-process' | 'worker'): Promise<NianbaoApi> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-published-print-'));
  const file = path.join(dir, 'archive.sqlite');
  let connection: ArchiveConnection | null = null;
  let renderer: PdfRenderer | null = null;
  onTestFinished(async () => {
    await connection?.close();
    await renderer?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  connection =
    mode === 'in-process'
      ? await openArchiveInProcess(file, { now: new Clock(NOW).now })
      : await openArchiveWorker(file);
  expect(connection.openError).toBeNull();
  renderer = mode === 'in-process' ? createPdfRenderer(BUNDLED) : openPdfWorker(BUNDLED);
  return validatedApi(composeService(connection, renderer), API_METHODS);
}

/** A unit with the broken report saved (revision 2) and marked 已发布（存档） (revision 3). */
async function publishedReport(api: NianbaoApi): Promise<{ unitId: string; report: Report }> {
  const unit = await api.createUnit({ name: '清河县存档打印测试局', kind: '部门' });
  await api.createReport({ unitId: unit.id, year: YEAR, author: AUTHOR });
  const report = brokenReport(unit.id);
  await api.saveReport({ unitId: unit.id, year: YEAR, report, author: AUTHOR });
  await api.markPublished({ unitId: unit.id, year: YEAR, author: AUTHOR, reason: '' });
  return { unitId: unit.id, report };
}

/** Light grey pixels per page at 30 dpi: the 草稿 watermark (outlines at 12 % black) adds thousands. */
async function lightGrey(pdf: Uint8Array): Promise<number[]> {
  const pages = await renderPages(pdf, { dpi: 30 });
  return pages.map((p) => {
    let n = 0;
    for (let i = 0; i < p.data.length; i += 4) {
      const g = p.data[i]!;
      if (g >= 215 && g <= 245) n++;
    }
    return n;
  });
}

/** Page 1 as a PNG at 60 dpi under tests/artifacts/published-print, to look at. */
async function savePage(pdf: Uint8Array, name: string): Promise<void> {
  const [page] = await renderPages(pdf, { dpi: 60, first: 1, last: 1, gray: false });
  fs.mkdirSync(SHOTS, { recursive: true });
  fs.writeFileSync(path.join(SHOTS, `${name}.png`), page!.png);
}

const flat = (text: string) => stripCjkSpaces(text).replace(/\s+/gu, '');

describe('printing a report marked 已发布（存档）', () => {
  it(
    'prints without the 草稿 watermark, each page noted as an archive copy; unmarked it is a draft again',
    async () => {
      expect(ARCHIVE_NOTE_TEXT).toBe(NOTE);
      const api = await harness('in-process');
      const { unitId, report } = await publishedReport(api);

      const published = await api.renderPdf({ source: { unitId, year: YEAR } });
      expect(published).toMatchObject({
        published: true,
        draft: false,
        finalised: false,
        revision: 3,
        openErrors: [],
      });
      const pubText = await pdfText(published.pdf);
      expect(pubText).toHaveLength(published.pages);
      expect(published.pages).toBeGreaterThan(1);
      pubText.forEach((text, i) => {
        expect(flat(text), `page ${i + 1}`).toContain(NOTE);
        expect(text, `page ${i + 1}`).not.toContain('草稿');
      });
      // the note sits in the top margin, right-aligned to the text block, small
      const words = await pdfWords(published.pdf);
      words.forEach((page, i) => {
        const line = page.lines.find((l) => flat(l.text).includes(NOTE));
        expect(line, `page ${i + 1}: the note`).toBeDefined();
        expect(line!.yMax).toBeLessThan(PAGE.top);
        expect(line!.xMax).toBeCloseTo(PAGE.left + PAGE.blockWidth, -1);
        // 9 pt type: its box (ascent + descent of the face) well under the body's 16 pt
        expect(line!.yMax - line!.yMin).toBeLessThan(16);
      });
      // no watermark: the pages are as light as the same report rendered without one
      const plain = await createPdfRenderer(BUNDLED).render({
        report,
        draft: false,
        creationDate: '2023-03-01T00:00:00Z',
        pageNumbers: 'alternate',
      });
      const [pubGrey, plainGrey] = [await lightGrey(published.pdf), await lightGrey(plain.pdf)];
      expect(pubGrey).toHaveLength(plainGrey.length);
      pubGrey.forEach((n, i) =>
        expect(Math.abs(n - plainGrey[i]!), `page ${i + 1}`).toBeLessThan(200),
      );
      await savePage(published.pdf, 'pdf-published-p1');

      // an older revision (before the mark) is not the published document: a draft
      const older = await api.renderPdf({ source: { unitId, year: YEAR, revision: 2 } });
      expect(older).toMatchObject({ published: false, draft: true });

      // the mark taken back: the newest revision is a draft again, watermark and no note
      await api.unmarkPublished({ unitId, year: YEAR, author: AUTHOR, reason: '网站版本有误' });
      const draft = await api.renderPdf({ source: { unitId, year: YEAR } });
      expect(draft).toMatchObject({ published: false, draft: true, revision: 4 });
      expect(draft.openErrors.map((e) => e.code).sort()).toEqual([
        'T3_RESULT_TOTAL',
        'T3_ROW_TOTAL',
      ]);
      const draftText = await pdfText(draft.pdf);
      for (const text of draftText) expect(flat(text)).not.toContain(NOTE);
      // the watermark is drawn as outlines: thousands of light grey pixels on every page
      const draftGrey = await lightGrey(draft.pdf);
      draftGrey.forEach((n, i) =>
        expect(n - pubGrey[i]!, `page ${i + 1}: watermark pixels`).toBeGreaterThan(1000),
      );
      await savePage(draft.pdf, 'pdf-draft-p1');
    },
    SLOW,
  );

  it(
    'the flag passes through the database and PDF workers (the app)',
    async () => {
      const api = await harness('worker');
      const { unitId } = await publishedReport(api);
      const published = await api.renderPdf({ source: { unitId, year: YEAR } });
      expect(published).toMatchObject({ published: true, draft: false });
      const [first] = await pdfText(published.pdf, { first: 1, last: 1 });
      expect(flat(first!)).toContain(NOTE);
    },
    SLOW,
  );

  it(
    '`nianbao render --db` says it printed the archive copy (no 草稿 watermark)',
    async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-published-cli-'));
      onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }));
      const db = path.join(dir, 'archive.sqlite');
      const file = path.join(dir, `${YEAR}.nianbao.json`);
      fs.writeFileSync(file, serialiseReport(brokenReport('u-cli')));
      const env = { NIANBAO_DATA_DIR: dir, NIANBAO_AUTHOR: AUTHOR, NIANBAO_FONT_DIRS: '' };
      const imported = await runCli(dir, env, ['archive', 'import', file, '--db', db]);
      expect(imported.code, imported.stdout + imported.stderr).toBe(0);
      await inArchive(db, (a) => {
        const unitId = a.listUnits().find((u) => u.name === DEPARTMENT)!.id;
        a.markPublished({ unitId, year: YEAR, author: AUTHOR, reason: '' });
      });
      const out = path.join(dir, 'copy.pdf');
      const args = ['render', '--db', db, '--unit', DEPARTMENT, '--year', String(YEAR), '-o', out];
      const r = await runCli(dir, env, args);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain('已标记为已发布（存档）');
      expect(r.stderr).toContain('存档副本（已发布）');
      expect(r.stderr).not.toMatch(/还有未解决的错误/u);
      const [first] = await pdfText(out, { first: 1, last: 1 });
      expect(flat(first!)).toContain(NOTE);
    },
    SLOW,
  );
});
