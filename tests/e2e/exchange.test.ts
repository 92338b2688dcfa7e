// The exchange import (issue 15 item 1) in the real renderer against the bridge: the office's
// archive holds only its county unit; a folder of the members' exchange files (two altered after
// export) is imported from home; the two are refused with their reasons, the rest added; the
// dashboard then shows the members received; a received report is exported again from its print
// tab. Screenshots at 1366×768 and 150 % (911×512).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzipSync, strFromU8 } from 'fflate';
import { Archive } from '../../db/archive';
import { Clock } from '../helpers/archive';
import {
  launchChromium,
  openPage,
  screenshot,
  startBridge,
  type RunningApp,
} from '../helpers/browser';
import { COUNTY, MISSING, YEAR, fillCounty } from '../helpers/county';
import { alterEntry, alterManifest, exportFile } from '../exchange/helpers';

let dir: string;
let folder: string;
let app: RunningApp;
let browser: Browser;
let page: Page;
let errors: string[];
let countyId: string;
let sent: number;
/** 清河县财政局's id: kept by the office's archive (it was free there). */
let financeId: string;

const ALTERED_DATA = '清河县民政局-2025.nianbao';
const ALTERED_MANIFEST = '城关镇-2025.nianbao';
const OWN_NAME = '清河县教育局（体育局）';
const AS_CLERK = `localStorage.setItem('nianbao.author', '县政务公开办');`;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-e2e-exchange-'));
  folder = path.join(dir, '2025年报交换文件');
  fs.mkdirSync(folder);
  const clock = new Clock('2026-01-20T10:00:00');
  // the members' side: the county fixture, one exchange file per member that reported
  const members = await Archive.open(path.join(dir, 'members.sqlite'), { now: clock.now });
  const county = fillCounty(members);
  financeId = county.byName.get('清河县财政局')!.id;
  for (const m of county.members) {
    if ((MISSING as readonly string[]).includes(m.name)) continue;
    const file = exportFile(members, m.id, YEAR);
    let data = file.data;
    if (file.fileName === ALTERED_DATA) data = alterEntry(data, 'report.nianbao.json');
    if (file.fileName === ALTERED_MANIFEST) {
      data = alterManifest(data, (manifest) => (manifest.revision = Number(manifest.revision) + 1));
    }
    fs.writeFileSync(path.join(folder, file.fileName), data);
  }
  members.close();
  sent = fs.readdirSync(folder).length;
  // the office's archive: its own unit only
  const office = await Archive.open(path.join(dir, 'office.sqlite'), { now: clock.now });
  countyId = office.createUnit({ name: COUNTY, kind: '政府' }).id;
  // the office's own name for one department: the file's name only resembles it (needs-unit)
  office.createUnit({ name: OWN_NAME, kind: '部门', parentId: countyId });
  office.close();
  app = await startBridge(path.join(dir, 'office.sqlite'));
  browser = await launchChromium();
  ({ page, errors } = await openPage(browser, app, { initScript: AS_CLERK }));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const count = (name: string) =>
  page.locator(`nb-exchange [data-count="${name}"] .n`).innerText().then(Number);

describe('exchange import', { timeout: 180_000 }, () => {
  it('imports a folder from home: the two altered files refused with their reasons, the rest added', async () => {
    expect(sent).toBe(48);
    await page.locator('nb-home a[data-action="open-exchange"]').waitFor();
    await screenshot(page, 'exchange-home');
    await page.locator('nb-home a[data-action="open-exchange"]').click();
    await page.locator('nb-exchange [data-role="exchange-title"]').waitFor();
    await screenshot(page, 'exchange-empty');
    await page.setInputFiles('nb-exchange [data-role="exchange-folder-input"]', folder);
    await page.locator('nb-exchange [data-role="exchange-summary"]').waitFor({ timeout: 120_000 });
    expect(await count('added')).toBe(sent - 3);
    expect(await count('refused')).toBe(2);
    expect(await count('identical')).toBe(0);
    expect(await count('needs-unit')).toBe(1);
    const refused = page.locator('nb-exchange table[data-role="exchange-refused"] tbody tr');
    await expect.poll(() => refused.count()).toBe(2);
    const data = refused.filter({ hasText: ALTERED_DATA });
    expect(await data.getAttribute('data-reason')).toBe('data');
    expect(await data.innerText()).toContain(
      '交换文件中的报告数据（report.nianbao.json）在导出后被改动过：SHA-256 与清单不符',
    );
    const manifest = refused.filter({ hasText: ALTERED_MANIFEST });
    expect(await manifest.getAttribute('data-reason')).toBe('manifest');
    expect(await manifest.innerText()).toContain('清单（manifest.json）在导出后被改动过');
    expect(
      await page.locator('nb-exchange table[data-role="exchange-added"] tbody tr').count(),
    ).toBe(sent - 3);
    await screenshot(page, 'exchange-results');

    // the unit to choose: the resembling unit is offered first; imported with it
    const needs = page.locator('nb-exchange table[data-role="exchange-needs-unit"] tbody tr');
    expect(await needs.innerText()).toContain('清河县教育局 2025年度');
    expect(await needs.locator('select option:checked').innerText()).toContain(OWN_NAME);
    await needs.scrollIntoViewIfNeeded();
    await screenshot(page, 'exchange-needs-unit');
    await page.click('nb-exchange button[data-action="exchange-import-chosen"]');
    await expect.poll(() => count('needs-unit')).toBe(0);
    expect(await count('added')).toBe(sent - 2);
    expect(await count('refused')).toBe(2);
  });

  it('shows the members received on the dashboard', async () => {
    await page.evaluate(`location.hash = ${JSON.stringify(`#/office/${countyId}/${YEAR}`)}`);
    const rows = page.locator('nb-office table[data-role="submissions"] tbody tr[data-unit]');
    await expect.poll(() => rows.count()).toBe(sent - 2);
    expect(
      await page.locator('nb-office tr[data-unit="清河县财政局"]').getAttribute('data-state'),
    ).toMatch(/^(待定稿|已定稿)$/u);
    expect(await page.locator('nb-office tr[data-unit="柳林镇"]').getAttribute('data-state')).toBe(
      '草稿',
    );
    expect(
      await page.locator('nb-office tr[data-unit="公安局交通管理大队"]').innerText(),
    ).toContain('清河县公安局');
    // the same folder again from the dashboard: nothing new, and a way back
    await page.click('nb-office a[data-action="exchange-import"]');
    await page.setInputFiles('nb-exchange [data-role="exchange-folder-input"]', folder);
    await page.locator('nb-exchange [data-role="exchange-summary"]').waitFor({ timeout: 120_000 });
    expect(await count('identical')).toBe(sent - 2);
    expect(await count('added')).toBe(0);
    await page.click('nb-exchange a[data-action="exchange-dashboard"]');
    await expect.poll(() => rows.count()).toBe(sent - 2);
  });

  it('exports a received report again from its print tab', async () => {
    await page.evaluate(
      `location.hash = ${JSON.stringify(`#/report/${encodeURIComponent(financeId)}/${YEAR}/print`)}`,
    );
    const button = page.locator('nb-print button[data-action="export-exchange"]');
    await button.waitFor();
    const download = page.waitForEvent('download');
    await button.click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('清河县财政局-2025.nianbao');
    const saved = path.join(dir, 'again.nianbao');
    await file.saveAs(saved);
    const manifest = JSON.parse(
      strFromU8(unzipSync(new Uint8Array(fs.readFileSync(saved)))['manifest.json']!),
    );
    expect(manifest).toMatchObject({
      kind: 'nianbao-exchange',
      unit: { name: '清河县财政局' },
      year: YEAR,
    });
    expect(errors.filter((e) => !/status of 404/u.test(e))).toEqual([]);
  });

  it('fits at 150 % (911×512)', async () => {
    const zoomed = await openPage(browser, app, { zoom: 1.5, initScript: AS_CLERK });
    await zoomed.page.setViewportSize({ width: 911, height: 512 });
    await zoomed.page.evaluate(
      `location.hash = ${JSON.stringify(`#/exchange?office=${countyId}/${YEAR}`)}`,
    );
    await zoomed.page.locator('nb-exchange [data-role="exchange-title"]').waitFor();
    await zoomed.page.setInputFiles('nb-exchange [data-role="exchange-files-input"]', [
      path.join(folder, ALTERED_DATA),
      path.join(folder, '清河县财政局-2025.nianbao'),
    ]);
    await zoomed.page.locator('nb-exchange [data-role="exchange-summary"]').waitFor();
    await screenshot(zoomed.page, 'exchange-results-150');
    await zoomed.page.context().close();
  });
});
