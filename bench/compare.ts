/**
 * The comparison benchmark (issue 14; `NIANBAO_BENCH_ONLY=compare`): comparing two full reports
 * (target < 20 ms median), a unit's trends over 8 years from the generated archive (3,000 units
 * × 8 years, bench/archive-data.ts; NIANBAO_BENCH_UNITS for a smaller one; < 50 ms), opening
 * the compare screen in headless Chromium (< 300 ms) and keystroke → findings with 对比上年 on
 * (< 50 ms) in a report copied from last year.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { compareReports } from '../core/compare';
import { Archive } from '../db/archive';
import { CHROMIUM, launchChromium, startBridge } from '../tests/helpers/browser';
import { writeCompareArchive } from '../tests/helpers/compare-archive';
import { benchArchive } from './archive-data';
import { benchUnits } from './archive';
import { fullReport, priorOf } from './report';
import { printTable, summary, type Timing, timingRow } from './table';
import { INSTRUMENT } from './ui';

function timed(fn: (i: number) => unknown, runs: number): Timing {
  for (let i = 0; i < Math.min(20, runs); i++) fn(i); // warm up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn(i);
    times.push(performance.now() - t0);
  }
  return summary(times);
}

export async function runCompareBench(): Promise<void> {
  const rows: string[][] = [];
  const row = (name: string, t: Timing, target: number | null) =>
    rows.push(timingRow(name, t, target));

  // the checks benchmark's full 2023 report and last year's, 85 % / 20 % of the text kept
  const report = fullReport();
  for (const keep of [0.85, 0.2]) {
    const prior = priorOf(report, keep);
    row(
      `compareReports, two full reports (${Math.round(keep * 100)} % of the text kept)`,
      timed(() => compareReports(prior, report), 100),
      20,
    );
  }

  const generated = await benchArchive(benchUnits(), (line) => console.log(line));
  const archive = await Archive.open(generated.file);
  try {
    const units = archive.listUnits().filter((u) => u.years.length >= 8);
    row(
      `unitTrends, 8 years, archive of ${generated.reports} reports`,
      timed((i) => archive.unitTrends({ unitId: units[(i * 37) % units.length]!.id }), 200),
      50,
    );
  } finally {
    archive.close();
  }

  if (fs.existsSync(CHROMIUM)) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-bench-compare-'));
    const file = path.join(dir, 'archive.sqlite');
    const ids = await writeCompareArchive(file);
    const app = await startBridge(file);
    const browser = await launchChromium();
    try {
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
      const page = await context.newPage();
      await page.goto(app.url);
      await page.waitForSelector('nb-home');
      const open: number[] = [];
      for (let i = 0; i < 10; i++) {
        await page.evaluate(`location.hash = '#/'`);
        await page.waitForSelector('nb-home');
        const [ya, yb] = i % 2 ? [2022, 2023] : [2023, 2024];
        const t0 = performance.now();
        await page.evaluate(
          `location.hash = '#/compare?a=${ids.pingtan}/${ya}&b=${ids.pingtan}/${yb}'`,
        );
        await page.waitForSelector(`nb-compare [data-role="summary"]:has-text("${yb}年")`);
        await page.waitForSelector('nb-compare details[data-section="一"]');
        open.push(performance.now() - t0);
      }
      row('opening the compare screen (hash → comparison shown), headless', summary(open), 300);

      await page.evaluate(`location.hash = '#/report/${ids.pingtan}/2026/edit'`);
      await page.waitForSelector('nb-table-editor [data-prior]');
      await page.evaluate(INSTRUMENT(null));
      const paragraph = page.locator('nb-narrative-editor[place="五"] textarea').first();
      await paragraph.click();
      await page.keyboard.press('End');
      for (let i = 0; i < 40; i++) await page.keyboard.type(String(i % 10), { delay: 30 });
      await page.waitForTimeout(200);
      row(
        'keystroke → findings, 对比上年 on (copied report, prior values shown)',
        summary((await page.evaluate('window.__latencies')) as number[]),
        50,
      );
      await page.evaluate(INSTRUMENT('Enter'));
      const cell = page.locator(
        'nb-table-editor[table="三"] td[data-block="t3"][data-row="new"][data-col="natural"]',
      );
      for (let i = 0; i < 20; i++) {
        await cell.click();
        await page.keyboard.type(String(10 + i));
        await page.keyboard.press('Enter');
        await page.waitForTimeout(50);
      }
      row(
        'Enter in a T3 cell → findings, 对比上年 on',
        summary((await page.evaluate('window.__latencies')) as number[]),
        50,
      );
    } finally {
      await browser.close();
      await app.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  } else console.log(`compare screen benchmark skipped: ${CHROMIUM} not found`);
  console.log('\nYear-over-year comparison\n');
  printTable(['benchmark', 'median ms', 'p95 ms', 'runs', 'target'], rows);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await runCompareBench();
}
