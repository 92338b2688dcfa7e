// Files written by LibreOffice and poppler from the fixture web pages (tests/fixtures/libreoffice):
// writers independent of ours. A .docx (the page's layout table around the report), that .docx
// saved again as a web page, and its text export (one cell per line) must import exactly like
// the page, which fixtures.test.ts pins cell by cell. Text taken out of a PDF must never put a
// number in a wrong cell.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { normaliseCellText } from '../../core/cells';
import { importReport } from '../../core/import';
import type { Report } from '../../core/model';
import { FIXTURES } from '../helpers/paths';

const DIR = path.join(FIXTURES, 'libreoffice');
const CASES = readdirSync(path.join(FIXTURES, 'reports'))
  .filter((f) => f.endsWith('.expected.json'))
  .map((f) => f.replace('.expected.json', ''))
  .sort();

function load(file: string): Omit<Report, 'source'> {
  const { source: _source, ...report } = importReport(new Uint8Array(readFileSync(file)), {
    fileName: path.basename(file),
  }).report;
  return report;
}

const page = (id: string) => load(path.join(FIXTURES, 'reports', `${id}.html`));

describe('files written by LibreOffice', () => {
  it('cover every fixture case in every form', () => {
    const files = readdirSync(DIR).filter((f) => f !== 'README.md');
    const want = CASES.flatMap((id) => [
      `${id}.docx`,
      `${id}.lo.html`,
      `${id}.txt`,
      `${id}.pdftotext.txt`,
    ]);
    expect(files.sort()).toEqual(want.sort());
  });

  describe.each(CASES)('%s', (id) => {
    const expected = page(id);

    it('as .docx imports like the web page', () => {
      const report = load(path.join(DIR, `${id}.docx`));
      expect(report).toEqual(expected);
      expect(Object.keys(report.sections).length).toBeGreaterThanOrEqual(5);
    });

    it('saved again as a web page by LibreOffice imports like the original page', () => {
      expect(load(path.join(DIR, `${id}.lo.html`))).toEqual(expected);
    });

    it('as text, one cell per line, imports like the web page', () => {
      expect(load(path.join(DIR, `${id}.txt`))).toEqual(expected);
    });

    it('as text taken from a PDF puts no number in a wrong cell', () => {
      const report = load(path.join(DIR, `${id}.pdftotext.txt`));
      let placed = 0;
      for (const tid of ['二', '三', '四'] as const) {
        for (const [bid, block] of Object.entries(report.sections[tid]?.table?.blocks ?? {})) {
          for (const [rid, row] of Object.entries(block.rows)) {
            for (const [cid, raw] of Object.entries(row.cells)) {
              const want = expected.sections[tid]?.table?.blocks[bid]?.rows[rid]?.cells[cid];
              expect(want, `${tid}/${bid}/${rid}/${cid} is no cell of the page`).toBeDefined();
              expect(normaliseCellText(raw), `${tid}/${bid}/${rid}/${cid}`).toBe(
                normaliseCellText(want!),
              );
              placed++;
            }
          }
        }
      }
      // what could not be placed is reported, not dropped
      const unplaced = ['二', '三', '四'].flatMap(
        (tid) => report.sections[tid as '二']?.table?.unrecognised ?? [],
      );
      expect(placed + unplaced.length).toBeGreaterThan(0);
    });
  });
});
