/**
 * `npm run bench`: performance figures. Targets (issue #2): checks on one full report < 1 ms
 * median without a prior year and < 5 ms with one; import of the real sample (tests/fixtures/samples/) < 20 ms.
 * Then the archive benchmark (issue #3, bench/archive.ts; NIANBAO_BENCH_ARCHIVE=0 skips it)
 * the PDF benchmark (issue #4, bench/pdf.ts) and the user interface in Chromium (issue #5,
 * bench/ui.ts).
 *
 * PDF and .doc import: bench/import.ts. Word and HTML export: bench/export.ts.
 *
 * NIANBAO_BENCH_ONLY=pdf (or checks, import, archive, ui; several separated by commas) runs only
 * those parts.
 */
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runChecks } from '../core/checks';
import { importReport } from '../core/import';
import { benchUnits, runArchiveBench } from './archive';
import { runExportBench } from './export';
import { runImportBench } from './import';
import { runPdfBench } from './pdf';
import { runUiBench } from './ui';
import { runCompareBench } from './compare';
import { runAggregateBench } from './aggregate';
import { runOfficeBench } from './office';
import { runExchangeBench } from './exchange';
import { fullReport, priorOf, SAMPLE_PATH } from './report';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const PARTS = [
  'checks',
  'import',
  'archive',
  'pdf',
  'export',
  'ui',
  'compare',
  'office',
  'aggregate',
  'exchange',
] as const;
const only = (process.env['NIANBAO_BENCH_ONLY'] ?? '')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const unknown = only.filter((p) => !(PARTS as readonly string[]).includes(p));
if (unknown.length) {
  throw new Error(`NIANBAO_BENCH_ONLY: unknown part ${unknown.join(', ')} (${PARTS.join(', ')})`);
}
const selected = (part: (typeof PARTS)[number]) => only.length === 0 || only.includes(part);

function measure(
  fn: () => unknown,
  minRuns = 200,
  minMs = 1000,
): { median: number; p95: number; runs: number } {
  const warm = performance.now();
  while (performance.now() - warm < Math.min(minMs, 1000)) fn(); // warm up (JIT)
  const times: number[] = [];
  const start = performance.now();
  while (times.length < minRuns || performance.now() - start < minMs) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return {
    median: times[Math.floor(times.length / 2)]!,
    p95: times[Math.floor(times.length * 0.95)]!,
    runs: times.length,
  };
}

const rows: [string, string, string, string, string][] = [];
function row(
  name: string,
  target: number | null,
  r: { median: number; p95: number; runs: number },
) {
  const ok = target === null ? '' : r.median < target ? `✓ < ${target} ms` : `✗ ≥ ${target} ms`;
  rows.push([name, r.median.toFixed(3), r.p95.toFixed(3), String(r.runs), ok]);
}

function runChecksBench(): void {
  const report = fullReport();
  const findings = runChecks(report, { kind: '部门' });
  if (findings.length)
    throw new Error(`benchmark report is not clean: ${findings.map((f) => f.code).join(', ')}`);
  const chars = (['一', '五'] as const).map(
    (id) => report.sections[id]!.paragraphs.map((p) => p.text).join('').length,
  );

  row(
    'checks, full report, no prior',
    1,
    measure(() => runChecks(report, { kind: '部门' })),
  );
  for (const [label, keep] of [
    ['prior copied (97 % same)', 0.97],
    ['prior edited (85 % same)', 0.85],
    ['prior rewritten (20 % same)', 0.2],
  ] as const) {
    const prior = priorOf(report, keep);
    row(
      `checks, with ${label}`,
      5,
      measure(() => runChecks(report, { kind: '部门', prior })),
    );
  }
  const sampleBytes = new Uint8Array(readFileSync(SAMPLE_PATH));
  row(
    'import of the real sample',
    20,
    measure(() => importReport(sampleBytes, { fileName: 'sample.txt' })),
  );
  row(
    'import + checks of the sample',
    null,
    measure(() => runChecks(importReport(sampleBytes, { fileName: 'sample.txt' }).report)),
  );

  // a pathological but legal input: 9 MB of unpunctuated lines that all join into one paragraph
  const long = new TextEncoder().encode(
    [
      '某县统计局2021年政府信息公开工作年度报告',
      '一、总体情况',
      ...Array.from(
        { length: 90000 },
        () => '这是一行没有标点的很长的文字用来测试段落合并是否会变成平方复杂度',
      ),
      '六、其他需要报告的事项',
      '无。',
    ].join('\n'),
  );
  row(
    `import of ${(long.length / 1e6).toFixed(1)} MB of unpunctuated lines`,
    null,
    measure(() => importReport(long, { fileName: 'long.txt' }), 3, 0),
  );

  const cli = path.join(root, 'dist', 'cli.cjs');
  const cold: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t0 = performance.now();
    spawnSync(process.execPath, [cli, 'validate', SAMPLE_PATH, '--json'], { stdio: 'ignore' });
    cold.push(performance.now() - t0);
  }
  cold.sort((a, b) => a - b);
  rows.push([
    'cold CLI: nianbao validate sample (whole process)',
    cold[5]!.toFixed(1),
    cold[9]!.toFixed(1),
    '10',
    '',
  ]);

  console.log(
    `Nianbao benchmarks — node ${process.version}, ${new Date().toISOString().slice(0, 10)}`,
  );
  console.log(
    `full report: 2021 format, every cell filled, section 一 ${chars[0]} chars, 五 ${chars[1]} chars\n`,
  );
  const header = ['benchmark', 'median ms', 'p95 ms', 'runs', 'target'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (r: readonly string[]) =>
    r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(fmt(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(fmt(r));
}

if (selected('checks')) runChecksBench();

if (selected('import')) {
  console.log('');
  await runImportBench();
}

if (selected('archive') && process.env['NIANBAO_BENCH_ARCHIVE'] !== '0') {
  console.log('');
  await runArchiveBench(benchUnits());
}

if (selected('pdf')) {
  console.log('');
  await runPdfBench();
}

if (selected('export')) await runExportBench();

if (selected('ui')) {
  console.log('');
  await runUiBench();
}

if (selected('compare')) {
  console.log('');
  await runCompareBench();
}
if (selected('aggregate')) {
  console.log('');
  await runAggregateBench();
}

// County office (issue 15): the submissions dashboard and the 审核意见
if (selected('office')) {
  console.log('');
  await runOfficeBench();
}

// The exchange file between offline offices (issue 15 item 1)
if (selected('exchange')) {
  console.log('');
  await runExchangeBench();
}
