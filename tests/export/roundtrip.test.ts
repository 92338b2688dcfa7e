// Round trip (issue 16, item 3): the .docx and the HTML page (whole and fragment) we export
// import back to the same report — title, 导语, every section's heading and paragraphs with
// their levels, every table cell as written (blank cells blank), the 落款 — in both formats.
import { describe, expect, it } from 'vitest';
import { reportHtml } from '../../core/document/html';
import { cellsOf, FORMATS } from '../../core/formats';
import { cellAt, type Report } from '../../core/model';
import { readSource } from '../../electron/services/import';
import { inProcessExtractors } from '../../electron/services/import/in-process';
import { reportDocx } from '../../electron/services/export-docx/docx';
import { EXPORT_REPORTS } from './reports';

async function importAs(bytes: Uint8Array, fileName: string): Promise<Report> {
  const source = await readSource(bytes, { fileName, extractors: inProcessExtractors });
  return source.report({ fileName }).report;
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
  // every cell of the format, as written (a blank cell stays blank)
  let cells = 0;
  for (const cell of cellsOf(FORMATS[want.format])) {
    const args = [cell.table.id, cell.block.id, cell.row.id, cell.column.id] as const;
    const a = cellAt(want, ...args);
    const b = cellAt(got, ...args);
    expect(b.present ? b.raw : null, args.join(' ')).toBe(a.present ? a.raw : null);
    if (a.present) cells++;
  }
  // the cells really compared (every cell of a full report is present)
  expect(cells).toBeGreaterThan(150);
  expect(got.signature).toEqual(want.signature);
}

describe.each(EXPORT_REPORTS)('%s', (_, make) => {
  const report = make();

  it('the .docx imports back to the same report', async () => {
    const got = await importAs(await reportDocx(report), '报告.docx');
    expectSameReport(got, report);
    expect(got.source?.type).toBe('docx');
  });

  it('the web page imports back to the same report', async () => {
    const html = new TextEncoder().encode(reportHtml(report));
    const got = await importAs(html, '报告.html');
    expectSameReport(got, report);
    expect(got.source?.type).toBe('html');
  });

  it('the fragment for a CMS imports back to the same report', async () => {
    const html = new TextEncoder().encode(reportHtml(report, { fragment: true }));
    expectSameReport(await importAs(html, '报告.html'), report);
  });
});
