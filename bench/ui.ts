/**
 * The user interface benchmark (issue #5), in Debian's headless Chromium against the real app
 * in browser mode (dist/bridge.cjs over a temporary archive):
 *   - the renderer bundle: raw and gzip size of what the first page load fetches (the PDF
 *     preview's pdf.js is loaded only on the print tab; shown apart);
 *   - navigation to an interactive editor of a full report (all three tables filled, last
 *     year's report in the archive for the cross-year checks): from `page.goto` until the
 *     keyboard is in the 标题 field and the checks panel is shown (target < 400 ms); and until
 *     every part is drawn (the parts below the first screen follow it, one per idle slice), the T3
 *     grid included;
 *   - keystroke to updated findings: from the keydown (event time) until the checks panel has
 *     re-rendered and the next frame is painted — typing in a paragraph of section 一 and
 *     committing a T3 cell with Enter. Target < 50 ms.
 * Run alone: `node --import tsx bench/ui.ts` (after `npm run build`).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright';
import { Archive } from '../db/archive';
import { CHROMIUM, launchChromium } from '../tests/helpers/browser';
import { fullReport, priorOf } from './report';
import { ms, printTable, summary, type Timing } from './table';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const KB = 1024;

function bundleSizes(): string[][] {
  const dir = path.join(root, 'dist', 'renderer');
  const html = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  const rows: string[][] = [];
  let rawFirst = 0;
  let gzFirst = 0;
  for (const name of fs.readdirSync(path.join(dir, 'assets')).sort()) {
    const bytes = fs.readFileSync(path.join(dir, 'assets', name));
    const gz = gzipSync(bytes, { level: 9 }).length;
    const first = html.includes(`assets/${name}`);
    if (first) {
      rawFirst += bytes.length;
      gzFirst += gz;
    }
    rows.push([
      `${first ? 'first load' : 'print tab only'}: ${name.replace(/-[\w-]{8}\./u, '.')}`,
      (bytes.length / KB).toFixed(0),
      (gz / KB).toFixed(0),
    ]);
  }
  rows.push(['first page load, total', (rawFirst / KB).toFixed(0), (gzFirst / KB).toFixed(0)]);
  return rows;
}

async function prepareArchive(file: string): Promise<{ unitId: string; year: number }> {
  const archive = await Archive.open(file);
  try {
    const unit = archive.createUnit({ name: '某县行政审批服务局', kind: '部门' });
    const report = {
      ...fullReport(1, 2023),
      unit: { id: unit.id, name: unit.name, kind: unit.kind },
    };
    const prior = { ...priorOf(report, 0.9), unit: report.unit, year: 2022 };
    archive.createReport({ unitId: unit.id, year: 2022, author: 'bench' });
    archive.saveReport({
      unitId: unit.id,
      year: 2022,
      report: prior,
      reason: 'save',
      author: 'bench',
    });
    archive.createReport({ unitId: unit.id, year: 2023, author: 'bench' });
    archive.saveReport({ unitId: unit.id, year: 2023, report, reason: 'save', author: 'bench' });
    return { unitId: unit.id, year: 2023 };
  } finally {
    archive.close();
  }
}

async function startBridge(file: string) {
  const child = spawn(
    process.execPath,
    [path.join(root, 'dist', 'bridge.cjs'), '--db', file, '--port', '0', '--print-json'],
    { env: { ...process.env, NIANBAO_FONT_DIRS: '' }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (l) => {
      if (l.startsWith('{')) resolve(l);
    });
    child.once('exit', (code) => reject(new Error(`bridge exited ${code}`)));
  });
  return { child, url: (JSON.parse(line) as { url: string }).url };
}

/**
 * In the page: times from each keydown (its event time) until the editor's change has been
 * rendered by the checks panel and the next frame painted. A string: it runs in Chromium.
 */
export const INSTRUMENT = (onlyKey: string | null) => `(() => {
  const onlyKey = ${JSON.stringify(onlyKey)};
  window.__latencies = [];
  const report = document.querySelector('nb-app').shadowRoot.querySelector('nb-report');
  const panel = report.shadowRoot.querySelector('nb-checks-panel');
  if (window.__keydown) window.removeEventListener('keydown', window.__keydown, true);
  window.__keydown = (e) => {
    if (onlyKey !== null && e.key !== onlyKey) return;
    const t0 = e.timeStamp;
    report.editor.addEventListener('change', () => {
      panel.updateComplete.then(() =>
        requestAnimationFrame(() => window.__latencies.push(performance.now() - t0)),
      );
    }, { once: true });
  };
  window.addEventListener('keydown', window.__keydown, true);
})()`;

/** The header's first field (the 标题) holding the keyboard (`:focus` inside its shadow root). */
const TITLE_FOCUSED = 'nb-header-fields input:focus';

/**
 * In the page, from its start: the time the keyboard first lands in the 标题 field (the editor is
 * drawn, checked and ready to type in), without Playwright's polling delay.
 */
const FOCUS_CLOCK = `window.addEventListener('focusin', (e) => {
  const origin = e.composedPath()[0];
  if (window.__titleFocusAt === undefined && origin.localName === 'input' &&
      origin.getRootNode().host?.localName === 'nb-header-fields') {
    window.__titleFocusAt = performance.now();
  }
}, true);`;

/** Times every keydown (or only those of one key, e.g. the Enter that commits a cell). */
async function instrument(page: Page, onlyKey: string | null = null): Promise<void> {
  await page.evaluate(INSTRUMENT(onlyKey));
}

async function latencies(page: Page): Promise<number[]> {
  return (await page.evaluate('window.__latencies')) as number[];
}

export async function runUiBench(): Promise<void> {
  if (!fs.existsSync(CHROMIUM)) {
    console.log(`UI benchmark skipped: ${CHROMIUM} not found (sudo apt-get install -y chromium)`);
    return;
  }
  console.log('User interface (headless Chromium, browser mode, 1366×768)\n');
  printTable(['renderer bundle', 'KB', 'KB gzip'], bundleSizes());
  console.log('');

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-bench-ui-'));
  const file = path.join(dir, 'archive.sqlite');
  const { unitId, year } = await prepareArchive(file);
  const bridge = await startBridge(file);
  const browser = await launchChromium();
  const rows: string[][] = [];
  const row = (name: string, t: Timing, target: number | null) =>
    rows.push([
      name,
      ms(t.median, 1),
      ms(t.p95, 1),
      String(t.runs),
      target === null ? '' : t.median < target ? `✓ < ${target} ms` : `✗ ≥ ${target} ms`,
    ]);
  try {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    await context.addInitScript(FOCUS_CLOCK);
    const page = await context.newPage();
    await page.goto(bridge.url); // exchanges the token for the cookie
    await page.waitForSelector('nb-home');
    const origin = new URL(bridge.url).origin;
    const target = `${origin}/#/report/${encodeURIComponent(unitId)}/${year}/edit`;

    const nav: number[] = [];
    const inPage: number[] = [];
    const drawn: number[] = [];
    for (let i = 0; i < 8; i++) {
      const p = await context.newPage();
      const t0 = performance.now();
      await p.goto(target);
      await p.waitForSelector(TITLE_FOCUSED);
      await p.waitForSelector('nb-checks-panel [data-summary]');
      nav.push(performance.now() - t0);
      inPage.push((await p.evaluate('window.__titleFocusAt')) as number);
      await p.waitForSelector('nb-table-editor[table="三"] td[role="gridcell"]');
      drawn.push(performance.now() - t0);
      await p.close();
    }
    row('navigation → interactive editor (full report)', summary(nav), 400);
    row('  the same, in the page: navigation start → keyboard in 标题', summary(inPage), null);
    row('navigation → every part drawn (T3 grid)', summary(drawn), null);

    await page.goto(target);
    await page.waitForSelector('nb-checks-panel [data-summary]');
    await instrument(page);
    const paragraph = page.locator('nb-narrative-editor[place="一"] textarea[data-paragraph="0"]');
    await paragraph.click();
    await page.keyboard.press('End');
    for (let i = 0; i < 40; i++) await page.keyboard.type(String(i % 10), { delay: 30 });
    await page.waitForTimeout(200);
    row('keystroke → findings updated (paragraph of 一)', summary(await latencies(page)), 50);

    await instrument(page, 'Enter');
    const cell = page.locator(
      'nb-table-editor[table="三"] td[data-block="t3"][data-row="new"][data-col="natural"]',
    );
    for (let i = 0; i < 20; i++) {
      await cell.click();
      await page.keyboard.type(String(10 + i));
      await page.keyboard.press('Enter');
      await page.waitForTimeout(50);
    }
    row('Enter in a T3 cell → findings updated', summary(await latencies(page)), 50);
  } finally {
    await browser.close();
    bridge.child.kill('SIGTERM');
    await new Promise((r) => bridge.child.once('exit', r));
    fs.rmSync(dir, { recursive: true, force: true });
  }
  printTable(['benchmark', 'median ms', 'p95 ms', 'runs', 'target'], rows);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await runUiBench();
