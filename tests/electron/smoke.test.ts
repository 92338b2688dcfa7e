// The desktop app for real, with Playwright's Electron driver: runs only where the Electron
// executable is installed (node_modules/electron/path.txt names it under
// node_modules/electron/dist); elsewhere it is skipped, with the reason in the test's name.
// `require('electron')` is not used to find it: it would try to download the binary.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { API_METHODS } from '../../core/api';
import { ROOT } from '../helpers/paths';

/** The Electron executable, or null when it is not installed. */
function electronBinary(): string | null {
  const pkg = path.join(ROOT, 'node_modules', 'electron');
  try {
    const relative = fs.readFileSync(path.join(pkg, 'path.txt'), 'utf8').trim();
    if (!relative) return null;
    const binary = path.join(
      process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(pkg, 'dist'),
      relative,
    );
    return fs.statSync(binary).isFile() ? binary : null;
  } catch {
    return null;
  }
}

const BINARY = electronBinary();
const SKIPPED =
  'Electron 程序不存在（node_modules/electron/dist），无法运行桌面冒烟测试 / Electron binary missing: smoke test skipped';

// the default reporter shows only "1 skipped": say why, once
if (!BINARY) console.warn(SKIPPED);

describe.skipIf(!BINARY)(BINARY ? 'desktop app (Electron)' : SKIPPED, () => {
  it(
    'opens the window, exposes only the API, and creates a unit through it',
    { timeout: 600_000 },
    async (ctx) => {
      const { _electron } = await import('playwright');
      // better-sqlite3 compiled for Electron (npm start does the same; cached after the first time)
      const { ensureElectronBinding, electronVersion } = await import('../../electron/native.mjs');
      const native = await ensureElectronBinding({ root: ROOT, version: electronVersion(ROOT)! });
      if (!native.ok) {
        console.warn(`桌面冒烟测试跳过 / smoke test skipped: ${native.message}`);
        ctx.skip();
        return;
      }
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-smoke-'));
      const app = await _electron.launch({
        executablePath: BINARY!,
        args: [ROOT],
        cwd: ROOT,
        env: { ...process.env, NIANBAO_DATA_DIR: dataDir, NIANBAO_SQLITE_BINDING: native.binding },
        timeout: 60_000,
      });
      try {
        const page = await app.firstWindow();
        await page.waitForLoadState('domcontentloaded');
        expect(page.url()).toMatch(/^app:\/\/nianbao\//u);
        expect(await page.title()).toBe('年报 — 政府信息公开工作年度报告');

        // no Node in the page; exactly the two exposed objects
        expect(
          await page.evaluate(() => typeof (globalThis as { require?: unknown }).require),
        ).toBe('undefined');
        expect(
          await page.evaluate(() => typeof (globalThis as { process?: unknown }).process),
        ).toBe('undefined');
        const keys = await page.evaluate(() =>
          Object.keys((globalThis as unknown as { nianbao: object }).nianbao),
        );
        expect(keys).toEqual(API_METHODS);
        expect(
          await page.evaluate(
            () =>
              (globalThis as unknown as { nianbaoShell: { desktop: boolean } }).nianbaoShell
                .desktop,
          ),
        ).toBe(true);

        // the API through IPC: create a unit, list it, an error keeps its Chinese message
        const unit = await page.evaluate(() =>
          (
            globalThis as unknown as {
              nianbao: { createUnit(p: unknown): Promise<{ name: string }> };
            }
          ).nianbao.createUnit({ name: '冒烟测试单位' }),
        );
        expect(unit.name).toBe('冒烟测试单位');
        const names = await page.evaluate(async () =>
          (
            await (
              globalThis as unknown as { nianbao: { listUnits(): Promise<{ name: string }[]> } }
            ).nianbao.listUnits()
          ).map((u) => u.name),
        );
        expect(names).toContain('冒烟测试单位');
        const message = await page.evaluate(() =>
          (
            globalThis as unknown as { nianbao: { openReport(p: unknown): Promise<unknown> } }
          ).nianbao
            .openReport({ unitId: 'no-such-unit', year: 2024 })
            .then(
              () => null,
              (e: Error) => e.message,
            ),
        );
        expect(message).toMatch(/\p{Script=Han}/u);

        // no network
        const fetched = await page.evaluate(() =>
          fetch('https://example.com/').then(
            () => 'reached',
            () => 'blocked',
          ),
        );
        expect(fetched).toBe('blocked');

        // the window, from the main process: one, at least 1024×640, showing our page
        const win = await app.evaluate(({ BrowserWindow }) => {
          const all = BrowserWindow.getAllWindows();
          return {
            count: all.length,
            minimum: all[0]!.getMinimumSize(),
            url: all[0]!.webContents.getURL(),
          };
        });
        expect(win).toEqual({ count: 1, minimum: [1024, 640], url: page.url() });
      } finally {
        await app.close();
        fs.rmSync(dataDir, { recursive: true, force: true });
      }
      expect(fs.existsSync(dataDir)).toBe(false);
    },
  );
});
