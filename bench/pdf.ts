/**
 * The PDF benchmark (issue #4): rendering the print copy of a full report — balancedReport(2021)
 * with its narrative (sections 一 and 五) twice as long, all three tables: about six pages.
 * Targets: a warm render in this process < 150 ms median; the file < 300 KB. Also measured: the
 * first render in a fresh process (fonts loading), the whole `nianbao render` process cold, its
 * peak memory, the main thread's event-loop delay while the PDF worker renders, and — as a
 * reference — LibreOffice converting the same report given as HTML (skipped with a note when
 * `soffice` is not installed).
 *
 * Fonts are the bundled ones only (fontDirs [] / NIANBAO_FONT_DIRS=''), so the figures do not
 * depend on which fonts the machine has. Run alone: `node --import tsx bench/pdf.ts` (after
 * `npm run build`, for dist/cli.cjs and the PDF worker).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runChecks } from '../core/checks';
import { serialiseReport } from '../core/file';
import { FORMATS } from '../core/formats';
import type { Report } from '../core/model';
import { openPdfWorker } from '../electron/services/pdf/client';
import { createPdfRenderer, createPdfApi } from '../electron/services/pdf/service';
import { balancedReport } from '../tests/helpers/reports';
import { ms, printTable, summary, type Timing } from './table';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(root, 'dist', 'cli.cjs');
const PDF_WORKER = path.join(root, 'dist', 'pdf-worker.cjs');
const BUNDLED = { fontDirs: [] as string[] };
const KB = 1024;
const MB = 1024 * 1024;

/** balancedReport(2021) with sections 一 and 五 twice as long: six pages, no open error. */
export function pdfBenchReport(): Report {
  const report = balancedReport(2021);
  for (const id of ['一', '五'] as const) {
    const section = report.sections[id]!;
    section.paragraphs = [1, 2].flatMap(() => section.paragraphs);
  }
  const errors = runChecks(report).filter((f) => f.severity === 'error');
  if (errors.length) {
    throw new Error(`PDF benchmark report has errors: ${errors.map((f) => f.code).join(', ')}`);
  }
  return report;
}

// ---------------------------------------------------------------------------------------------
// The same report as an HTML page, for LibreOffice

const escape = (s: string) =>
  s.replace(/[&<>"]/gu, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** Title, paragraphs and the three tables with borders on every cell, as a person would write it. */
export function reportHtml(report: Report): string {
  const format = FORMATS[report.format];
  const p = (text: string) => `<p>${escape(text)}</p>`;
  const out: string[] = [
    '<!DOCTYPE html>',
    '<html lang="zh-CN"><head><meta charset="utf-8">',
    `<title>${escape(report.title)}</title>`,
    '<style>',
    '@page { size: A4; margin: 37mm 26mm 35mm 28mm; }',
    "body { font-family: 'Noto Serif CJK SC', serif; font-size: 16pt; }",
    'h1 { text-align: center; font-size: 22pt; }',
    'h2 { font-size: 16pt; }',
    'p { text-indent: 2em; margin: 0; line-height: 29pt; }',
    'table { border-collapse: collapse; width: 100%; margin: 8pt 0; }',
    'td, th { border: 1px solid #000; font-size: 10.5pt; padding: 2pt; }',
    '.sign { text-align: right; text-indent: 0; }',
    '</style></head><body>',
    `<h1>${escape(report.title)}</h1>`,
    ...report.opening.map((x) => p(x.text)),
  ];
  for (const def of format.sections) {
    out.push(`<h2>${escape(def.heading)}</h2>`);
    const section = report.sections[def.id];
    for (const para of section?.paragraphs ?? []) out.push(p(para.text));
    if (!def.table) continue;
    const table = format.tables[def.table];
    out.push('<table border="1" cellspacing="0">');
    for (const block of table.blocks) {
      const cells = section?.table?.blocks[block.id]?.rows ?? {};
      if (block.caption) {
        out.push(
          `<tr><th colspan="${block.columns.length + 1}">${escape(block.caption)}</th></tr>`,
        );
      }
      out.push(
        `<tr><th></th>${block.columns.map((c) => `<th>${escape(c.label)}</th>`).join('')}</tr>`,
      );
      for (const row of block.rows) {
        const values = block.columns.map(
          (c) => `<td align="right">${escape(cells[row.id]?.cells[c.id] ?? '')}</td>`,
        );
        out.push(`<tr><td>${escape(row.label)}</td>${values.join('')}</tr>`);
      }
    }
    out.push('</table>');
  }
  out.push(
    `<p class="sign">${escape(report.signature.unit)}</p>`,
    `<p class="sign">${escape(report.signature.date)}</p>`,
    '</body></html>',
  );
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Measuring

/** Written beside the CLI run: records its peak RSS and heap when the process exits. */
const MEMORY_PROBE = `'use strict';
const fs = require('node:fs');
process.on('exit', () => {
  const m = process.memoryUsage();
  fs.writeFileSync(process.env.NIANBAO_BENCH_MEMORY, JSON.stringify({
    maxRss: process.resourceUsage().maxRSS * 1024,
    heapTotal: m.heapTotal,
    heapUsed: m.heapUsed,
    external: m.external,
  }));
});
`;

interface ProcessMemory {
  maxRss: number;
  heapTotal: number;
  heapUsed: number;
  external: number;
}

/** Runs the CLI once; throws with its stderr when it fails. */
function cli(args: readonly string[], env: NodeJS.ProcessEnv = {}, preload?: string): number {
  const t0 = performance.now();
  const r = spawnSync(
    process.execPath,
    [...(preload ? ['--require', preload] : []), CLI, ...args],
    { env: { ...process.env, NIANBAO_FONT_DIRS: '', ...env }, encoding: 'utf8' },
  );
  const took = performance.now() - t0;
  if (r.status !== 0)
    throw new Error(`nianbao ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return took;
}

function cliMemory(args: readonly string[], dir: string): ProcessMemory {
  const probe = path.join(dir, 'memory-probe.cjs');
  const out = path.join(dir, `memory-${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(probe, MEMORY_PROBE);
  cli(args, { NIANBAO_BENCH_MEMORY: out }, probe);
  return JSON.parse(fs.readFileSync(out, 'utf8')) as ProcessMemory;
}

/**
 * The worst event-loop delay of this thread while `work` runs (ms): how late a 5 ms interval
 * timer fires at worst, the stretch from its last tick to the end of the work included (a
 * render that blocks the thread throughout lets the timer fire not even once).
 */
async function loopDelayDuring(work: () => Promise<unknown>): Promise<number> {
  const period = 5;
  let last = performance.now();
  let max = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    max = Math.max(max, now - last - period);
    last = now;
  }, period);
  try {
    await work();
    return Math.max(max, performance.now() - last - period);
  } finally {
    clearInterval(timer);
  }
}

function which(command: string): string | null {
  const r = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() ? r.stdout.trim() : null;
}

// ---------------------------------------------------------------------------------------------

/** Runs the PDF benchmark and prints its figures. */
export async function runPdfBench(): Promise<void> {
  const report = pdfBenchReport();
  const chars = (['一', '五'] as const).map(
    (id) => report.sections[id]!.paragraphs.map((p) => p.text).join('').length,
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-bench-pdf-'));
  const rows: string[][] = [];
  const row = (name: string, target: number | null, t: Timing) => {
    const ok = target === null ? '' : t.median < target ? `✓ < ${target} ms` : `✗ ≥ ${target} ms`;
    rows.push([name, ms(t.median), ms(t.p95), String(t.runs), ok]);
  };
  const figures: string[][] = [];
  const notes: string[] = [];

  try {
    // --- in this process: the first render loads the fonts, then warm renders
    const api = createPdfApi(null, createPdfRenderer(BUNDLED));
    const t0 = performance.now();
    const first = await api.renderPdf({ source: { report } });
    const firstMs = performance.now() - t0;
    if (first.draft) throw new Error('the PDF benchmark report renders as a draft');
    for (let i = 0; i < 3; i++) await api.renderPdf({ source: { report } }); // warm-up (JIT)
    const warm: number[] = [];
    for (let i = 0; i < 20; i++) {
      const s = performance.now();
      await api.renderPdf({ source: { report } });
      warm.push(performance.now() - s);
    }
    row('render, warm, in-process (renderPdf API)', 150, summary(warm));
    // As in a preview while typing: one paragraph differs each time (only it is broken anew).
    const edited: number[] = [];
    for (let i = 0; i < 20; i++) {
      const changed = structuredClone(report);
      const p0 = changed.sections['一']?.paragraphs.find((p) => p.level === 0);
      if (p0) p0.text += `本年度第${i + 1}次修改。`;
      const s = performance.now();
      await api.renderPdf({ source: { report: changed } });
      edited.push(performance.now() - s);
    }
    row('render, warm, one paragraph edited each time', 150, summary(edited));
    rows.push(['render, first in this process (fonts loading)', ms(firstMs), '', '1', '']);

    // --- the whole command, cold: node + the bundle + fonts + render + write
    const input = path.join(dir, 'report.nianbao.json');
    fs.writeFileSync(input, serialiseReport(report));
    const output = path.join(dir, 'report.pdf');
    let cliRuns: Timing | null = null;
    let memory: ProcessMemory | null = null;
    let baseline: ProcessMemory | null = null;
    if (fs.existsSync(CLI)) {
      const args = ['render', input, '-o', output];
      cli(args); // the file cache warm: the bundle and the font files read once
      const times = Array.from({ length: 5 }, () => cli(args));
      cliRuns = summary(times);
      row('cold CLI: nianbao render <file> -o (whole process)', null, cliRuns);
      const version = summary(Array.from({ length: 5 }, () => cli(['--version'])));
      row('cold CLI: nianbao --version (baseline)', null, version);
      memory = cliMemory(args, dir);
      baseline = cliMemory(['--version'], dir);
      const same = fs.readFileSync(output).equals(Buffer.from(first.pdf));
      if (!same) notes.push('note: the CLI wrote other bytes than the in-process render.');
    } else {
      notes.push(`skipped the CLI runs: ${CLI} is missing (npm run build).`);
    }

    // --- the main thread while the PDF worker renders, and while this thread renders
    if (fs.existsSync(PDF_WORKER)) {
      const worker = openPdfWorker(BUNDLED);
      try {
        const viaWorker = createPdfApi(null, worker);
        // fonts loaded and the worker's JIT warm, as in an app that has printed before
        for (let i = 0; i < 4; i++) await viaWorker.renderPdf({ source: { report } });
        const times: number[] = [];
        for (let i = 0; i < 10; i++) {
          const s = performance.now();
          await viaWorker.renderPdf({ source: { report } });
          times.push(performance.now() - s);
        }
        row('render, warm, through the PDF worker (round trip)', null, summary(times));
        const inWorker = await loopDelayDuring(() => viaWorker.renderPdf({ source: { report } }));
        const inProcess = await loopDelayDuring(() => api.renderPdf({ source: { report } }));
        figures.push([
          'main thread event-loop delay, max, during a render: in the worker / in-process',
          `${ms(inWorker)} / ${ms(inProcess)} ms`,
          '',
        ]);
      } finally {
        await worker.close();
      }
    } else {
      notes.push(`skipped the worker run: ${PDF_WORKER} is missing (npm run build).`);
    }

    // --- size and memory
    const kb = first.pdf.length / KB;
    figures.push([
      `PDF file (${first.pages} pages, fonts subset and embedded)`,
      `${kb.toFixed(0)} KB`,
      kb < 300 ? '✓ < 300 KB' : '✗ ≥ 300 KB',
    ]);
    if (memory && baseline) {
      figures.push([
        'nianbao render: peak RSS (maxRSS) / nianbao --version',
        `${(memory.maxRss / MB).toFixed(0)} / ${(baseline.maxRss / MB).toFixed(0)} MB`,
        '',
      ]);
      figures.push([
        'nianbao render at exit: V8 heap total / used, external (buffers)',
        `${(memory.heapTotal / MB).toFixed(0)} / ${(memory.heapUsed / MB).toFixed(0)} MB, ${(memory.external / MB).toFixed(0)} MB`,
        '',
      ]);
    }

    // --- the reference: LibreOffice converting the same report as HTML
    const soffice = which('soffice');
    if (!soffice) {
      notes.push('LibreOffice reference skipped: soffice is not installed.');
    } else {
      const html = path.join(dir, 'report.html');
      fs.writeFileSync(html, reportHtml(report));
      // a private profile: never handed to (or blocked by) a LibreOffice already running
      const profile = pathToFileURL(path.join(dir, 'lo-profile')).href;
      const convert = () => {
        const s = performance.now();
        const r = spawnSync(
          soffice,
          [
            `-env:UserInstallation=${profile}`,
            '--headless',
            '--convert-to',
            'pdf',
            '--outdir',
            path.join(dir, 'lo'),
            html,
          ],
          { encoding: 'utf8', timeout: 300_000 },
        );
        const took = performance.now() - s;
        if (r.status !== 0 || !fs.existsSync(path.join(dir, 'lo', 'report.pdf'))) {
          throw new Error(`soffice failed (${r.status}): ${r.stderr}`);
        }
        return took;
      };
      const profileRun = convert();
      const lo = summary(Array.from({ length: 3 }, convert));
      row('LibreOffice: soffice --convert-to pdf report.html', null, lo);
      rows.push(['LibreOffice, first run (creates its profile)', ms(profileRun), '', '1', '']);
      const loFile = path.join(dir, 'lo', 'report.pdf');
      const loPdf = fs.readFileSync(loFile);
      const info = spawnSync('pdfinfo', [loFile], { encoding: 'utf8' });
      const loPages = info.status === 0 ? /^Pages:\s+(\d+)/mu.exec(info.stdout)?.[1] : undefined;
      figures.push([
        'LibreOffice PDF of the same report',
        `${(loPdf.length / KB).toFixed(0)} KB${loPages ? `, ${loPages} pages` : ''}`,
        '',
      ]);
      const ratio = (x: number) => (lo.median / x).toFixed(1);
      figures.push([
        'LibreOffice / ours: vs the cold CLI process / vs a warm render',
        `${cliRuns ? `${ratio(cliRuns.median)}×` : '–'} / ${ratio(summary(warm).median)}×`,
        '',
      ]);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }

  console.log(
    `PDF benchmarks — node ${process.version}, ${os.cpus().length} cores, ${new Date().toISOString().slice(0, 10)}`,
  );
  console.log(
    `report: balancedReport(2021), sections 一 ${chars[0]} and 五 ${chars[1]} characters, tables 二 三 四; bundled fonts only\n`,
  );
  printTable(['benchmark', 'median ms', 'p95 ms', 'runs', 'target'], rows);
  console.log('');
  printTable(['figure', 'value', 'target'], figures);
  for (const note of notes) console.log(note);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await runPdfBench();
}
