/**
 * Word and web-page export of a full report (issue 16): the .docx built with the docx library
 * (electron/services/export-docx), the HTML page and its fragment (core/document/html.ts), and
 * importing the .docx back. `npm run bench` (NIANBAO_BENCH_ONLY=export).
 */
import { reportHtml } from '../core/document/html';
import { importReport } from '../core/import';
import { reportDocx } from '../electron/services/export-docx/docx';
import { fullReport } from './report';

async function timed(fn: () => unknown | Promise<unknown>, runs: number) {
  await fn(); // warm up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return {
    median: times[Math.floor(times.length / 2)]!,
    p95: times[Math.min(times.length - 1, Math.floor(times.length * 0.95))]!,
    runs,
  };
}

export async function runExportBench(): Promise<void> {
  const report = fullReport();
  const docx = await reportDocx(report);
  const html = reportHtml(report);
  const rows: [string, Awaited<ReturnType<typeof timed>>][] = [
    ['export .docx (full report)', await timed(() => reportDocx(report), 30)],
    ['export HTML page (full report)', await timed(() => reportHtml(report), 200)],
    ['export HTML fragment', await timed(() => reportHtml(report, { fragment: true }), 200)],
    [
      'import the exported .docx',
      await timed(() => importReport(docx, { fileName: 'r.docx' }), 30),
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
