/**
 * `npm run corpus`: imports every real report in tests/fixtures/corpus/ and compares it with its
 * hand-read truth. One line per file; `--verbose` adds the cells and findings behind the figures;
 * `--update-baseline` raises tests/fixtures/corpus/baseline.json to this run's figures (it never
 * lowers one); `--json` prints the results for other tools.
 */
import { writeFileSync } from 'node:fs';
import {
  BASELINE_FILE,
  findingKey,
  raiseBaseline,
  readBaseline,
  regressions,
  runCorpus,
  type FileResult,
} from '../tests/helpers/corpus';

const args = new Set(process.argv.slice(2));
const verbose = args.has('--verbose') || args.has('-v');
const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));

const loc = (l: Record<string, unknown>) =>
  Object.entries(l)
    .map(([k, v]) => (k === 'section' ? `${String(v)}` : String(v)))
    .join(' / ');

function line(r: FileResult, width: number): string {
  const c = r.cells;
  const f = r.findings;
  const parts = [
    r.name.padEnd(width),
    `right ${String(c.right).padStart(3)}/${String(c.total).padEnd(3)}`,
    `blank ${String(c.blankButKnown.length).padStart(3)}`,
    `wrong ${String(c.wrong.length).padStart(2)}`,
    `defects ${f.found.length}/${r.meta.defects.length}`.padEnd(13),
    `false errors ${f.falseErrors.length}`.padEnd(15),
    `${r.ms.toFixed(1).padStart(6)} ms`,
  ];
  if (r.refused) parts.push(`refused: ${r.refused.slice(0, 40)}…`);
  return parts.join('  ');
}

function details(r: FileResult): string[] {
  const out: string[] = [];
  const c = r.cells;
  if (r.refused) out.push(`  refused: ${r.refused}`);
  if (c.wrong.length) {
    out.push(`  wrong cells (${c.wrong.length}):`);
    for (const d of c.wrong) out.push(`    ${d.cell}: truth ${d.want}, import ${d.got}`);
  }
  if (c.blankButKnown.length && !r.refused) {
    out.push(`  blank but known (${c.blankButKnown.length}):`);
    for (const d of c.blankButKnown.slice(0, 40)) out.push(`    ${d.cell}: truth ${d.want}`);
    if (c.blankButKnown.length > 40) out.push(`    … ${c.blankButKnown.length - 40} more`);
  }
  const f = r.findings;
  if (f.missed.length) {
    out.push(`  defects not found (${f.missed.length}):`);
    for (const d of f.missed.slice(0, 20)) out.push(`    ${findingKey(d)}`);
    if (f.missed.length > 20) out.push(`    … ${f.missed.length - 20} more`);
  }
  if (f.falseErrors.length) {
    out.push(`  false errors (${f.falseErrors.length}):`);
    for (const e of f.falseErrors.slice(0, 20))
      out.push(`    ${e.code} ${loc(e.location)}: ${e.message}`);
    if (f.falseErrors.length > 20) out.push(`    … ${f.falseErrors.length - 20} more`);
  }
  const byCode = new Map<string, number>();
  for (const x of f.findings) byCode.set(x.code, (byCode.get(x.code) ?? 0) + 1);
  if (byCode.size) {
    out.push(
      `  findings: ${[...byCode].map(([code, n]) => (n > 1 ? `${code}×${n}` : code)).join(', ')}`,
    );
  }
  return out;
}

let results = await runCorpus();
if (only.length) results = results.filter((r) => only.some((o) => r.name.includes(o)));

if (args.has('--json')) {
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
} else {
  const width = Math.max(...results.map((r) => r.name.length));
  for (const r of results) {
    console.log(line(r, width));
    if (verbose) for (const l of details(r)) console.log(l);
  }
  const sum = (fn: (r: FileResult) => number) => results.reduce((a, r) => a + fn(r), 0);
  console.log(
    `\n${results.length} files, ${sum((r) => r.cells.total)} truth cells: ` +
      `${sum((r) => r.cells.right)} right, ${sum((r) => r.cells.blankButKnown.length)} blank but known, ` +
      `${sum((r) => r.cells.wrong.length)} wrong; defects found ${sum((r) => r.findings.found.length)}/` +
      `${sum((r) => r.meta.defects.length)}; false errors ${sum((r) => r.findings.falseErrors.length)}; ` +
      `import ${sum((r) => r.ms).toFixed(0)} ms in all`,
  );
  const base = readBaseline();
  const worse = results.flatMap((r) => (base[r.name] ? regressions(r, base[r.name]) : []));
  if (worse.length) console.log(`\nWorse than baseline.json:\n  ${worse.join('\n  ')}`);
}

if (args.has('--update-baseline')) {
  if (only.length) throw new Error('--update-baseline runs over the whole corpus; name no file');
  const next = raiseBaseline(readBaseline(), results);
  writeFileSync(BASELINE_FILE, `${JSON.stringify(next, null, 2)}\n`);
  console.log(`\nbaseline.json updated (${Object.keys(next).length} files)`);
}
