// Round trip: reports rendered by our own PDF service import back to the same report — every
// table cell, the title, the 导语, each section's heading and paragraphs (with their levels) and
// the 落款 — in both formats, with T3 across page breaks, and in a draft with its watermark.
import { afterAll, describe, expect, it } from 'vitest';
import { pdfToBlocks } from '../../core/import';
import type { Report } from '../../core/model';
import { importBytes, readSource } from '../../electron/services/import';
import { inProcessExtractors } from '../../electron/services/import/in-process';
import { extractPdf } from '../../electron/services/import/pdf';
import { createPdfRenderer, documentDate } from '../../electron/services/pdf/service';
import { compareCells, tableCells } from '../helpers/cells';
import { t3BreakReport } from '../helpers/long-report';
import { balancedReport, GOVERNMENT } from '../helpers/reports';

const renderer = createPdfRenderer({ fontDirs: [] });
afterAll(() => renderer.close());

async function render(report: Report, draft = false): Promise<Uint8Array> {
  const { pdf } = await renderer.render({
    report,
    draft,
    creationDate: documentDate(report),
    pageNumbers: 'alternate',
  });
  return pdf;
}

async function roundTrip(report: Report, draft = false): Promise<Report> {
  const source = await readSource(await render(report, draft), {
    fileName: '报告.pdf',
    extractors: inProcessExtractors,
  });
  return source.report({ fileName: '报告.pdf' }).report;
}

function expectSameReport(got: Report, want: Report): void {
  expect(got.unit.name).toBe(want.unit.name);
  expect(got.year).toBe(want.year);
  expect(got.format).toBe(want.format);
  expect(got.title).toBe(want.title);
  expect(got.opening).toEqual(want.opening);
  expect(Object.keys(got.sections)).toEqual(Object.keys(want.sections));
  for (const [id, section] of Object.entries(want.sections)) {
    const mine = got.sections[id as keyof Report['sections']]!;
    expect(mine.heading, `heading of ${id}`).toBe(section!.heading);
    expect(mine.paragraphs, `paragraphs of ${id}`).toEqual(section!.paragraphs);
    expect(mine.table?.unrecognised ?? [], `unplaced rows of ${id}`).toEqual([]);
  }
  const cells = compareCells(got, want);
  expect(cells.wrong).toEqual([]);
  expect(cells.blank).toEqual([]);
  expect(cells.right).toBe(tableCells(want).size);
  expect(got.signature).toEqual(want.signature);
  expect(got.source).toEqual({ file: '报告.pdf', type: 'pdf' });
}

/** How many ruled tables of the PDF hold T3's rows (more than one: T3 runs across pages). */
async function t3Pieces(pdf: Uint8Array): Promise<number> {
  const { pages } = await extractPdf(pdf);
  return pdfToBlocks(pages).filter(
    (b) =>
      b.kind === 'table' &&
      b.rows.some((r) =>
        r.some((c) => /予以公开|不予公开|无法提供|不予处理|其他处理|结转下年度/u.test(c.text)),
      ),
  ).length;
}

describe('our own PDFs import back to the same report', () => {
  it.each([
    ['2021 format', balancedReport(2021)],
    ['2019 format', balancedReport(2019)],
    ['a government, 2022', balancedReport(2022, { unitName: GOVERNMENT, kind: '政府' })],
  ])('%s', async (_, report) => {
    expectSameReport(await roundTrip(report), report);
  });

  it.each([0, 4, 8, 12, 20, 26])(
    'T3 pushed down by %i more lines of section 一 (across a page break, or whole on the next page)',
    async (lines) => {
      const report = t3BreakReport(lines);
      const pdf = await render(report);
      expect(await t3Pieces(pdf)).toBe(lines === 12 ? 1 : 2);
      const source = await readSource(pdf, {
        fileName: '报告.pdf',
        extractors: inProcessExtractors,
      });
      expectSameReport(source.report({ fileName: '报告.pdf' }).report, report);
    },
  );

  it('a draft: the 草稿 watermark (drawn as outlines) is neither text nor a rule', async () => {
    const report = balancedReport(2021);
    expectSameReport(await roundTrip(report, true), report);
  });

  it('the same through the import worker (importBytes)', async () => {
    const report = balancedReport(2021);
    const { report: got } = await importBytes(await render(report), { fileName: '报告.pdf' });
    expectSameReport(got, report);
  });
});
