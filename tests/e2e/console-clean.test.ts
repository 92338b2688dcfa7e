// Issue 13 item 19: the console stays clean. Creating and opening a report and importing files
// (several times: the import request used to be cancelled by Chromium after its body had been
// read — net::ERR_ABORTED — in about half the runs) log no error and fail no request.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serialiseReport } from '../../core/file';
import { launchChromium, openPage, startBridge, type RunningApp } from '../helpers/browser';
import { balancedReport } from '../helpers/reports';

let dir: string;
let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-e2e-console-'));
  app = await startBridge(path.join(dir, 'archive.sqlite'));
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('no console errors, no failed requests', { timeout: 120_000 }, () => {
  it('imports five times without a cancelled or failed request', async () => {
    for (let run = 0; run < 5; run++) {
      const { page, errors } = await openPage(browser, app);
      const failed: string[] = [];
      page.on('requestfailed', (r) => failed.push(`${r.url()} ${r.failure()?.errorText}`));
      const finished: string[] = [];
      page.on('requestfinished', (r) => finished.push(r.url()));
      const r = structuredClone(balancedReport(2021));
      r.unit = { ...r.unit, name: `清河县控制台测试局${run}` };
      const file = path.join(dir, `2021-${run}.nianbao.json`);
      fs.writeFileSync(file, serialiseReport(r));
      await page.setInputFiles('[data-role="import-files-input"]', file);
      await page.waitForSelector('[data-role="import-summary"]');
      // the import's own request has completed (not only its body been read)
      await expect
        .poll(() => finished.filter((u) => u.endsWith('/api/importUpload')).length)
        .toBe(1);
      await page.waitForTimeout(300);
      expect(failed).toEqual([]);
      expect(errors).toEqual([]);
      await page.context().close();
    }
  });
});
