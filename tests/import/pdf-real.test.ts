// PDFs and .doc files made by other programs: a real report printed to PDF and saved as .doc by
// LibreOffice (the truth: the same report's web page, which imports correctly), and the
// generated fixtures converted by LibreOffice at test time (skipped, saying so, without it).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importReport } from '../../core/import';
import { ReportFileError, type Report } from '../../core/model';
import { readSource } from '../../electron/services/import';
import { inProcessExtractors } from '../../electron/services/import/in-process';
import { compareCells, tableCells } from '../helpers/cells';
import { FIXTURES } from '../helpers/paths';

const PDF_DIR = path.join(FIXTURES, 'pdf');
const bytes = (file: string) => new Uint8Array(readFileSync(file));

async function importFile(file: string): Promise<Report> {
  const name = path.basename(file);
  const source = await readSource(bytes(file), { fileName: name, extractors: inProcessExtractors });
  return source.report({ fileName: name }).report;
}

describe('平潭综合实验区 2023 (a real report) as PDF and .doc', () => {
  const truth = importReport(bytes(path.join(PDF_DIR, 'pingtan-2023.html')), {
    fileName: 'pingtan-2023.html',
  }).report;

  it('the web page is the truth: its published figures (corpus README)', () => {
    const cells = tableCells(truth);
    expect(cells.size).toBe(200);
    expect(cells.get('三/t3/new/total')).toBe('81');
    expect(cells.get('三/t3/total/total')).toBe('81');
    expect(cells.get('二/art20_1/normative/effective')).toBe('470');
    expect(cells.get('二/art20_8/fees/fees')).toBe('5949.088667');
    expect(cells.get('四/suitDirect/case/total')).toBe('5');
  });

  it('the PDF (LibreOffice): every cell of every table right, the text as the page has it', async () => {
    const report = await importFile(path.join(PDF_DIR, 'pingtan-2023.pdf'));
    const cells = compareCells(report, truth);
    expect(cells.wrong).toEqual([]);
    expect(cells.blank).toEqual([]);
    expect(cells.right).toBe(200);
    expect(report.title).toBe(truth.title);
    expect(report.opening).toEqual(truth.opening);
    for (const id of ['一', '二', '三', '四', '五', '六'] as const) {
      expect(report.sections[id]!.paragraphs, `section ${id}`).toEqual(
        truth.sections[id]!.paragraphs,
      );
    }
    expect(report.source).toEqual({ file: 'pingtan-2023.pdf', type: 'pdf' });
  });

  it('the .doc (LibreOffice): every cell of every table right', async () => {
    const report = await importFile(path.join(PDF_DIR, 'pingtan-2023.doc'));
    const cells = compareCells(report, truth);
    expect(cells.wrong).toEqual([]);
    expect(cells.blank).toEqual([]);
    expect(cells.right).toBe(200);
    expect(report.title).toBe(truth.title);
    expect(report.source).toEqual({ file: 'pingtan-2023.doc', type: 'doc' });
  });

  it('the same .doc named .wps is read the same way (WPS writes the Word binary format)', async () => {
    const doc = bytes(path.join(PDF_DIR, 'pingtan-2023.doc'));
    const source = await readSource(doc, { fileName: '报告.wps', extractors: inProcessExtractors });
    expect(compareCells(source.report({}).report, truth).wrong).toEqual([]);
  });
});

const SOFFICE = spawnSync('soffice', ['--version'], { stdio: 'ignore' }).error === undefined;
const withSoffice = SOFFICE ? describe : describe.skip;
if (!SOFFICE) {
  console.warn(
    'LibreOffice (soffice) is not installed: the tests of PDFs and .doc files it makes are skipped. ' +
      'Debian: apt-get install libreoffice-writer-nogui',
  );
}

withSoffice('generated fixtures converted by LibreOffice (soffice --headless)', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'nianbao-soffice-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Converts a fixture with LibreOffice: `to` is "pdf" or "doc". */
  function convert(fixture: string, to: 'pdf' | 'doc', infilter?: string): string {
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=file://${path.join(dir, 'profile')}`,
        '--headless',
        ...(infilter ? [`--infilter=${infilter}`] : []),
        '--convert-to',
        to,
        '--outdir',
        dir,
        path.join(FIXTURES, 'reports', fixture),
      ],
      { stdio: 'ignore', timeout: 120_000 },
    );
    return path.join(dir, fixture.replace(/\.[^.]+$/u, `.${to}`));
  }

  interface Expected {
    tables: Record<
      string,
      { blocks: Record<string, { rows: Record<string, { cells: Record<string, string> }> }> }
    >;
    title: string;
    signature: Report['signature'];
  }
  const expected = (id: string) =>
    JSON.parse(
      readFileSync(path.join(FIXTURES, 'reports', `${id}.expected.json`), 'utf8'),
    ) as Expected;

  function truthCells(id: string): Map<string, string> {
    const out = new Map<string, string>();
    for (const [sid, table] of Object.entries(expected(id).tables)) {
      for (const [bid, block] of Object.entries(table.blocks)) {
        for (const [rid, row] of Object.entries(block.rows)) {
          for (const [cid, raw] of Object.entries(row.cells))
            out.set(`${sid}/${bid}/${rid}/${cid}`, raw);
        }
      }
    }
    return out;
  }

  it.each([
    ['ok-2021.word.docx', 'ok-2021'],
    ['ok-2019.wps.docx', 'ok-2019'],
    ['split.word.docx', 'split'],
  ])(
    '%s printed to PDF: every cell right (a row broken across pages, tracked changes shown)',
    { timeout: 120_000 },
    async (fixture, id) => {
      const report = await importFile(convert(fixture, 'pdf'));
      const cells = compareCells(report, truthCells(id));
      expect(cells.wrong).toEqual([]);
      expect(cells.blank).toEqual([]);
      expect(report.title).toBe(expected(id).title);
      expect(report.signature).toEqual(expected(id).signature);
    },
  );

  it.each([
    ['ok-2021.word.docx', 'ok-2021'],
    ['ok-2019.wps.docx', 'ok-2019'],
  ])('%s saved as .doc: every cell right', { timeout: 120_000 }, async (fixture, id) => {
    const report = await importFile(convert(fixture, 'doc'));
    const cells = compareCells(report, truthCells(id));
    expect(cells.wrong).toEqual([]);
    expect(cells.blank).toEqual([]);
    expect(report.signature).toEqual(expected(id).signature);
  });

  it(
    'the CMS web page printed to PDF: no wrong cell (LibreOffice clips the page at its layout table)',
    { timeout: 120_000 },
    async () => {
      const pdf = convert('ok-2021.html', 'pdf');
      const report = await importFile(pdf).catch((error: unknown) => {
        // the clipped page may lack the report's sections: then a clear message
        expect(error).toBeInstanceOf(ReportFileError);
        return null;
      });
      if (report) expect(compareCells(report, truthCells('ok-2021')).wrong).toEqual([]);
    },
  );
});
