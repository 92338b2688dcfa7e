/**
 * End-to-end harness: the real app in browser mode (dist/bridge.cjs, the HTTP bridge over a
 * temporary archive) driven by Debian's Chromium through Playwright. Screenshots go to
 * tests/artifacts/screenshots/ (kept as test artefacts, not committed).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { chromium, type Browser, type Page } from 'playwright';
import { ROOT } from './paths';

export const CHROMIUM = process.env.NIANBAO_CHROMIUM ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.join(ROOT, 'tests', 'artifacts', 'screenshots');

export interface RunningApp {
  /**
   * A link with a one-time token (what `npm start` prints): the first one, then, once used,
   * the next one the bridge keeps in its lock file (what a second `npm start` prints).
   */
  readonly url: string;
  readonly origin: string;
  readonly port: number;
  readonly archive: string;
  readonly process: ChildProcess;
  /** Stops the bridge (SIGTERM) and waits for it to exit; the archive is then closed. */
  stop(): Promise<number | null>;
}

/** Starts `dist/bridge.cjs` on a random port over `archive` (bundled fonts only). */
export async function startBridge(archive: string): Promise<RunningApp> {
  const child = spawn(
    process.execPath,
    [path.join(ROOT, 'dist', 'bridge.cjs'), '--db', archive, '--port', '0', '--print-json'],
    { env: { ...process.env, NIANBAO_FONT_DIRS: '' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const line = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => reject(new Error(`bridge did not start: ${stderr}`)), 20_000);
    rl.on('line', (l) => {
      if (l.trim().startsWith('{')) {
        clearTimeout(timer);
        resolve(l);
      }
    });
    void exited.then((code) => reject(new Error(`bridge exited (${code}): ${stderr}`)));
  });
  const { url, port } = JSON.parse(line) as { url: string; port: number };
  const lockFile = `${path.join(fs.realpathSync(path.dirname(archive)), path.basename(archive))}.bridge.lock`;
  return {
    get url() {
      return (JSON.parse(fs.readFileSync(lockFile, 'utf8')) as { url: string }).url;
    },
    port,
    origin: new URL(url).origin,
    archive,
    process: child,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--lang=zh-CN',
    ],
  });
}

/** A page at 1366×768 (the common office screen), Chinese locale, errors collected. */
export async function openPage(
  browser: Browser,
  app: RunningApp,
  options: { zoom?: number; initScript?: string } = {},
): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 768 },
    deviceScaleFactor: options.zoom ?? 1,
    locale: 'zh-CN',
  });
  if (options.initScript) await context.addInitScript(options.initScript);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('dialog', (d) => {
    errors.push(`unexpected dialog: ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(app.url);
  await page.waitForSelector('nb-app');
  return { page, errors };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/**
 * Screenshots at 1366×768 and at 150 % (911×512, `<name>-150`), `show` (a selector) scrolled into
 * view in both; the page is left at 1366×768.
 */
export async function screenshotBoth(page: Page, name: string, show?: string): Promise<void> {
  if (show) await page.locator(show).first().scrollIntoViewIfNeeded();
  await screenshot(page, name);
  await page.setViewportSize({ width: 911, height: 512 });
  if (show) await page.locator(show).first().scrollIntoViewIfNeeded();
  await screenshot(page, `${name}-150`);
  await page.setViewportSize({ width: 1366, height: 768 });
}

/** Answers the open nb-dialog (its text box filled with `text` when given) and waits for it to close. */
export async function confirmDialog(page: Page, text?: string): Promise<void> {
  await page.waitForSelector('nb-dialog dialog[open]');
  if (text !== undefined) await page.fill('nb-dialog textarea', text);
  await page.click('nb-dialog button.confirm');
  await page.waitForSelector('nb-dialog dialog[open]', { state: 'detached' });
}

/** The open report editor's save state ('saved', 'dirty', …; '' when no report is open). */
export async function saveState(page: Page): Promise<string> {
  return (await page.evaluate(
    `document.querySelector('nb-app').shadowRoot.querySelector('nb-report')?.editor?.saveState ?? ''`,
  )) as string;
}
