// The county office's whole flow (issue 15) in the real renderer against the bridge, as the
// issue's end-to-end test asks: the office's archive holds only its county unit; a folder of 45
// exchange files (2 altered after export) is imported from home — the 2 refused with their
// reasons, 43 added —; the dashboard shows the members received; a member with errors is opened
// and its 审核意见 printed; the members are aggregated, a cell's breakdown seen against an
// independent sum, and the 汇总表 exported as .xlsx and read back.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellKey } from '../../core/formats';
import { T3_BLOCK_ID } from '../../core/formats/common';
import type { Report } from '../../core/model';
import { Archive } from '../../db/archive';
import { Clock } from '../helpers/archive';
import {
  launchChromium,
  openPage,
  screenshot,
  startBridge,
  type RunningApp,
} from '../helpers/browser';
import { COUNTY, MISSING, YEAR, fillCounty, type CountyUnit } from '../helpers/county';
import { numberAt } from '../helpers/reports';
import { alterEntry, alterManifest, exportFile } from '../exchange/helpers';

let dir: string;
let folder: string;
let app: RunningApp;
let browser: Browser;
let page: Page;
let errors: string[];
let countyId: string;
/** The members whose files were sent unaltered: what the office receives. */
let received: CountyUnit[];
let reports: ReadonlyMap<string, Report>;
let civilAffairsId: string;

const FILES = 45;
const ALTERED = ['清河县财政局', '城关镇'];
const go = (hash: string) => page.evaluate(`location.hash = ${JSON.stringify(hash)}`);

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-e2e-county-flow-'));
  folder = path.join(dir, '2025年报');
  fs.mkdirSync(folder);
  const clock = new Clock('2026-01-20T10:00:00');
  const members = await Archive.open(path.join(dir, 'members.sqlite'), { now: clock.now });
  const county = fillCounty(members);
  reports = county.reports2025;
  civilAffairsId = county.byName.get('清河县民政局')!.id;
  // the 43 direct members that reported, and 2 sub-units: 45 files
  const direct = county.members.filter(
    (m) => m.parentId === county.county.id && !(MISSING as readonly string[]).includes(m.name),
  );
  const subs = county.members.filter(
    (m) => m.name.startsWith('公安局') && m.parentId !== county.county.id,
  );
  const sending = [...direct, ...subs];
  for (const m of sending) {
    const file = exportFile(members, m.id, YEAR);
    let data = file.data;
    if (m.name === ALTERED[0]) data = alterEntry(data, 'report.nianbao.json');
    if (m.name === ALTERED[1]) data = alterManifest(data, (x) => (x.year = Number(x.year) - 1));
    fs.writeFileSync(path.join(folder, file.fileName), data);
  }
  members.close();
  received = sending.filter((m) => !ALTERED.includes(m.name));
  const office = await Archive.open(path.join(dir, 'office.sqlite'), { now: clock.now });
  countyId = office.createUnit({ name: COUNTY, kind: '政府' }).id;
  office.close();
  app = await startBridge(path.join(dir, 'office.sqlite'));
  browser = await launchChromium();
  ({ page, errors } = await openPage(browser, app, {
    initScript: `localStorage.setItem('nianbao.author', '王主任')`,
  }));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The received direct members' sum of a T3 cell, from the reports as stored (2021 layout). */
function expected(row: string, col: string): { sum: number; units: number } {
  let sum = 0;
  let units = 0;
  for (const m of received) {
    const r = reports.get(m.id);
    if (m.parentId === null || !r || r.format !== '2021' || m.name.startsWith('公安局')) continue;
    sum += numberAt(r, '三', T3_BLOCK_ID, row, col) ?? 0;
    units++;
  }
  return { sum, units };
}

describe('the county office’s flow', { timeout: 180_000 }, () => {
  it('imports 45 exchange files: 2 altered refused with their reasons, 43 added', async () => {
    expect(fs.readdirSync(folder)).toHaveLength(FILES);
    await page.locator('nb-home a[data-action="open-exchange"]').click();
    await page.setInputFiles('nb-exchange [data-role="exchange-folder-input"]', folder);
    await page.locator('nb-exchange [data-role="exchange-summary"]').waitFor({ timeout: 120_000 });
    const n = (name: string) =>
      page.locator(`nb-exchange [data-count="${name}"] .n`).innerText().then(Number);
    expect(await n('added')).toBe(FILES - 2);
    expect(await n('refused')).toBe(2);
    const refused = page.locator('nb-exchange table[data-role="exchange-refused"] tbody tr');
    expect(await refused.filter({ hasText: '清河县财政局' }).innerText()).toContain(
      '报告数据（report.nianbao.json）在导出后被改动过',
    );
    expect(await refused.filter({ hasText: '城关镇' }).innerText()).toContain(
      '清单（manifest.json）在导出后被改动过',
    );
    await screenshot(page, 'county-flow-exchange');
  });

  it('shows the members received on the dashboard, opens one with errors and prints its 审核意见', async () => {
    await go(`#/office/${countyId}/${YEAR}`);
    const rows = page.locator('nb-office table[data-role="submissions"] tbody tr[data-unit]');
    await expect.poll(() => rows.count()).toBe(FILES - 2);
    const civil = page.locator('nb-office tr[data-unit="清河县民政局"]');
    expect(await civil.locator('.state').innerText()).toMatch(/^草稿（\d+ 个错误）$/u);
    await screenshot(page, 'county-flow-dashboard');

    await civil.locator('button[data-action="open"]').click();
    await expect
      .poll(() => page.evaluate('location.hash'))
      .toBe(`#/report/${civilAffairsId}/${YEAR}/edit`);
    await page
      .locator('nb-checks-panel li.finding[data-code="T3_ROW_TOTAL"]')
      .first()
      .waitFor({ timeout: 60_000 });
    await page.goBack();
    await expect.poll(() => rows.count()).toBe(FILES - 2);

    await page
      .locator('nb-office tr[data-unit="清河县民政局"] button[data-action="review"]')
      .click();
    const groups = page.locator('nb-office nb-review-sheet [data-role="review-groups"]');
    await groups.waitFor();
    expect(await groups.innerText()).toContain('表三行总计不符');
    const [tab] = await Promise.all([
      page.context().waitForEvent('page'),
      page.click('nb-review-sheet button[data-action="print-review"]'),
    ]);
    expect(tab.url()).toMatch(/^blob:/u);
    await tab.close();
  });

  it('aggregates the members, shows a cell’s breakdown and exports the .xlsx', async () => {
    await page.click('nb-office a[data-action="aggregate"]');
    const { sum, units } = expected('new', 'natural');
    const summary = page.locator('nb-aggregate [data-role="aggregate-summary"]');
    await expect.poll(() => summary.innerText()).toContain(`已汇总 ${units} 个`);
    expect(await summary.innerText()).toContain('清河县统计局（2019年版格式）');
    const key = cellKey('三', T3_BLOCK_ID, 'new', 'natural');
    const cell = page.locator(`nb-aggregate td[data-key="${key}"]`);
    expect(Number(await cell.innerText())).toBe(sum);
    await cell.click();
    const breakdown = page.locator('nb-aggregate nb-breakdown [data-role="breakdown"]');
    await expect.poll(() => breakdown.innerText()).toContain('汇总明细：表三');
    expect(await breakdown.locator('[data-role="breakdown-sum"]').innerText()).toBe(`合计 ${sum}`);
    await screenshot(page, 'county-flow-aggregate');

    const download = page.waitForEvent('download');
    await page.click('nb-aggregate button[data-action="export-xlsx"]');
    const file = await download;
    expect(file.suggestedFilename()).toBe(`${COUNTY}${YEAR}年度汇总表.xlsx`);
    const saved = path.join(dir, 'sum.xlsx');
    await file.saveAs(saved);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(fs.readFileSync(saved) as unknown as ArrayBuffer);
    const ws = book.getWorksheet('各单位数据')!;
    expect(ws.getRow(ws.rowCount).getCell(2).value).toBe(`合计（${units} 个单位）`);
    expect(errors.filter((e) => !/status of 404/u.test(e))).toEqual([]);
  });
});
