/**
 * Word and web-page export of a full report (issue 16): the .docx built with the docx library
 * (electron/services/export-docx), the HTML page and its fragment (core/document/html.ts), and
 * importing the .docx back. `npm run bench` (NIANBAO_BENCH_ONLY=export).
 */
import { reportHtml } from '../core/document/html';
import { importReport } from '../core/import';
import { reportDocx } from '../electron/services/export-docx/docx';
import { fullReport } from './report';
import { timedRuns, type Timing } from './table';

export async function runExportBench(): Promise<void> {
  const report = fullReport();
  const docx = await reportDocx(report);
  const html = reportHtml(report);
  const rows: [string, Timing][] = [
    ['export .docx (full report)', await timedRuns(() => reportDocx(report), 30, 1)],
    ['export HTML page (full report)', await timedRuns(() => reportHtml(report), 200, 1)],
    ['export HTML fragment', await timedRuns(() => reportHtml(report, { fragment: true }), 200, 1)],
    [
      'import the exported .docx',
      await timedRuns(() => importReport(docx, { fileName: 'r.docx' }), 30, 1),
    ],
  ];
  console.log(
    `\nExport (issue 16): .docx ${(docx.length / 1024).toFixed(1)} KB, HTML ${(html.length / 1024).toFixed(1)} KB`,
  );
  console.table(
    rows.map(([name, r]) => ({
      benchmark: name,
      'median ms': r.median.toFixed(2),
      'p95 ms': r.p95.toFixed(2),
      runs: r.runs,
    })),
  );
}
