// .docx files written by LibreOffice from the fixture web pages (tests/fixtures/libreoffice):
// a writer independent of ours, with the page's layout table around the report. Each must
// import exactly like the page (which fixtures.test.ts pins cell by cell to the fixture).
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importReport } from '../../core/import';
import type { Report } from '../../core/model';
import { FIXTURES } from '../helpers/paths';

const DIR = path.join(FIXTURES, 'libreoffice');
const files = readdirSync(DIR).filter((f) => f.endsWith('.docx'));

function load(file: string): Omit<Report, 'source'> {
  const { source: _source, ...report } = importReport(new Uint8Array(readFileSync(file)), {
    fileName: path.basename(file),
  }).report;
  return report;
}

describe('.docx written by LibreOffice', () => {
  it('cover every fixture case', () => {
    const cases = readdirSync(path.join(FIXTURES, 'reports'))
      .filter((f) => f.endsWith('.expected.json'))
      .map((f) => f.replace('.expected.json', '.docx'));
    expect(files.sort()).toEqual(cases.sort());
  });

  it.each(files)('%s imports like the web page it was made from', (file) => {
    const page = path.join(FIXTURES, 'reports', file.replace(/\.docx$/u, '.html'));
    const fromDocx = load(path.join(DIR, file));
    expect(fromDocx).toEqual(load(page));
    // the page's frame (a layout table) did not swallow the report
    expect(Object.keys(fromDocx.sections).length).toBeGreaterThanOrEqual(5);
  });
});
