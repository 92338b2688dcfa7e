/**
 * The PDF and .doc import benchmark: a 10-page PDF of a full report rendered by our own PDF
 * service (section 一 lengthened), read warm in this process (pdf.js extraction + the pure
 * import) — target < 300 ms median — and through the import worker (the app's and the CLI's
 * path, with its bounds), the pure half alone, the real LibreOffice PDF and .doc of the
 * 平潭 2023 report, and the whole `nianbao import` process cold.
 * Run alone: NIANBAO_BENCH_ONLY=import npm run bench.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { importPdfPages } from '../core/import';
import type { Report } from '../core/model';
import { closeImportWorker, importBytes, readSource } from '../electron/services/import';
import { inProcessExtractors } from '../electron/services/import/in-process';
import { extractPdf } from '../electron/services/import/pdf';
import { createPdfRenderer, documentDate } from '../electron/services/pdf/service';
import { balancedReport } from '../tests/helpers/reports';
import { ms, printTable, summary, type Timing } from './table';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(root, 'dist', 'cli.cjs');
const FIXTURES = path.join(root, 'tests', 'fixtures', 'pdf');

/** balancedReport(2021) with section 一 lengthened until the PDF has `pages` pages. */
async function pdfOfPages(pages: number): Promise<{ pdf: Uint8Array; pages: number }> {
  const renderer = createPdfRenderer({ fontDirs: [] });
  const base = balancedReport(2021);
  const one = base.sections['一']!.paragraphs;
  for (let copies = 2; ; copies++) {
    const report: Report = structuredClone(base);
    report.sections['一']!.paragraphs = Array.from({ length: copies }, () => one).flat();
    const out = await renderer.render({
      report,
      draft: false,
      creationDate: documentDate(report),
      pageNumbers: 'alternate',
    });
    if (out.pages >= pages) return out;
  }
}

async function time(fn: () => Promise<unknown>, runs: number, warm = 3): Promise<Timing> {
  for (let i = 0; i < warm; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return summary(times);
}

export async function runImportBench(): Promise<{ tenPagesWarm: number }> {
  const { pdf, pages } = await pdfOfPages(10);
  const pingtanPdf = new Uint8Array(fs.readFileSync(path.join(FIXTURES, 'pingtan-2023.pdf')));
  const pingtanDoc = new Uint8Array(fs.readFileSync(path.join(FIXTURES, 'pingtan-2023.doc')));
  const inProcess = (bytes: Uint8Array, fileName: string) => async () =>
    (await readSource(bytes, { fileName, extractors: inProcessExtractors })).report({ fileName });
  const extracted = await extractPdf(pdf);

  const rows: [string, Timing, string][] = [];
  const tenPages = await time(inProcess(pdf, 'x.pdf'), 20);
  rows.push([`our PDF, ${pages} pages, warm, in this process`, tenPages, '< 300']);
  rows.push([
    `  of which the pure import (pages → report)`,
    await time(async () => importPdfPages(extracted.pages, extracted), 50),
    '',
  ]);
  rows.push([
    `our PDF, ${pages} pages, warm, through the import worker`,
    await time(() => importBytes(pdf, { fileName: 'x.pdf' }), 20),
    '',
  ]);
  rows.push([
    '平潭 2023, LibreOffice PDF (6 pages), warm, in this process',
    await time(inProcess(pingtanPdf, 'p.pdf'), 20),
    '',
  ]);
  rows.push([
    '平潭 2023, LibreOffice .doc, warm, in this process',
    await time(inProcess(pingtanDoc, 'p.doc'), 50),
    '',
  ]);
  rows.push([
    '平潭 2023, LibreOffice .doc, warm, through the import worker',
    await time(() => importBytes(pingtanDoc, { fileName: 'p.doc' }), 20),
    '',
  ]);
  await closeImportWorker();

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-bench-import-'));
  const file = path.join(dir, 'report.pdf');
  fs.writeFileSync(file, pdf);
  const cold: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    spawnSync(process.execPath, [CLI, 'import', file, '-o', path.join(dir, 'out.json')], {
      stdio: 'ignore',
    });
    cold.push(performance.now() - t0);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  rows.push([`the whole \`nianbao import\` of the ${pages}-page PDF, cold`, summary(cold), '']);

  console.log('PDF and .doc import');
  printTable(
    ['benchmark', 'median ms', 'p95 ms', 'runs', 'target ms'],
    rows.map(([name, t, target]) => [
      name,
      ms(t.median),
      ms(t.p95),
      String(t.runs),
      target ? `${t.median < 300 ? '✓' : '✗'} ${target}` : '',
    ]),
  );
  return { tenPagesWarm: tenPages.median };
}
