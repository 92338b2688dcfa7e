// 汇总 in the real renderer (issue 15 items 4–6) over the county fixture: from home to the
// aggregation screen, a cell's breakdown, writing the sum into the county's report (signed),
// the breakdown and 重新汇总 in the editor, the .xlsx downloaded and read back; screenshots at
// 1366×768 and 150 % (911×512).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellKey } from '../../core/formats';
import { T3_BLOCK_ID } from '../../core/formats/common';
import {
  launchChromium,
  openPage,
  screenshot,
  startBridge,
  type RunningApp,
} from '../helpers/browser';
import { COUNTY, YEAR, writeCountyArchive, type County } from '../helpers/county';
import { inArchive } from '../helpers/archive';
import { numberAt } from '../helpers/reports';

let dir: string;
let app: RunningApp;
let browser: Browser;
let page: Page;
let errors: string[];
let county: County;

const go = (hash: string) => page.evaluate(`location.hash = ${JSON.stringify(hash)}`);

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-e2e-aggregate-'));
  let file: string;
  ({ file, county } = await writeCountyArchive(dir));
  app = await startBridge(file);
  browser = await launchChromium();
  ({ page, errors } = await openPage(browser, app, {
    initScript: `localStorage.setItem('nianbao.author', '王主任')`,
  }));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The direct members' sum of one cell, from the stored reports (2021 layout only). */
function expected(row: string, col: string): number {
  let sum = 0;
  for (const m of county.members) {
    const r = county.reports2025.get(m.id);
    if (m.parentId !== county.county.id || !r || r.format !== '2021') continue;
    sum += numberAt(r, '三', T3_BLOCK_ID, row, col);
  }
  return sum;
}

describe('汇总 screen', { timeout: 120_000 }, () => {
  it('opens from home, lists the members not summed, shows a cell’s breakdown', async () => {
    await page.click(`[data-role="unit-item"]:has-text("${COUNTY}")`);
    const open = page.locator('nb-home button[data-action="open-aggregate"]');
    await open.waitFor();
    await go(`#/office/${county.county.id}/${YEAR}/aggregate`);
    const summary = page.locator('nb-aggregate [data-role="aggregate-summary"]');
    await expect.poll(() => summary.innerText()).toContain('共 45 个单位，已汇总 42 个');
    expect(await summary.innerText()).toContain('清河县统计局（2019年版格式）');
    expect(await summary.innerText()).toContain('白马乡（未报送）');
    expect(await page.locator('nb-aggregate [data-role="target-summary"]').innerText()).toContain(
      '还没有2025年度报告',
    );
    const key = cellKey('三', T3_BLOCK_ID, 'new', 'natural');
    const cell = page.locator(`nb-aggregate td[data-key="${key}"]`);
    expect(Number(await cell.innerText())).toBe(expected('new', 'natural'));
    await cell.click();
    const breakdown = page.locator('nb-aggregate nb-breakdown [data-role="breakdown"]');
    await expect.poll(() => breakdown.innerText()).toContain('汇总明细：表三');
    expect(await breakdown.locator('[data-role="breakdown-sum"]').innerText()).toBe(
      `合计 ${expected('new', 'natural')}`,
    );
    // 12 largest first; the rest on asking
    expect(await breakdown.locator('tbody tr').count()).toBe(12);
    await breakdown.locator('button[data-action="breakdown-all"]').click();
    await expect.poll(() => breakdown.locator('tbody tr').count()).toBe(42);
    const police = county.byName.get('清河县公安局')!;
    const policeRow = breakdown.locator(`tr[data-unit="${police.id}"] td`).nth(1);
    expect(Number(await policeRow.innerText())).toBe(
      numberAt(county.reports2025.get(police.id)!, '三', T3_BLOCK_ID, 'new', 'natural'),
    );
    // a sub-unit cannot be chosen with its department
    const sub = county.members.find((m) => m.parentId === police.id)!;
    expect(await page.locator(`nb-aggregate label[data-unit="${sub.id}"] input`).isDisabled()).toBe(
      true,
    );
    // the screen fits the window: nothing scrolls the page itself
    expect(
      await page.evaluate('document.body.scrollTop + document.documentElement.scrollTop'),
    ).toBe(0);
    await screenshot(page, 'aggregate-screen');
    await page.setViewportSize({ width: 911, height: 512 });
    await page.waitForTimeout(200);
    await screenshot(page, 'aggregate-screen-150');
    await page.setViewportSize({ width: 1366, height: 768 });
  });

  it('unticking a member sums the rest', async () => {
    const police = county.byName.get('清河县公安局')!;
    const key = cellKey('三', T3_BLOCK_ID, 'new', 'natural');
    await page.click(`nb-aggregate label[data-unit="${police.id}"] input`);
    const minus = numberAt(county.reports2025.get(police.id)!, '三', T3_BLOCK_ID, 'new', 'natural');
    const cell = page.locator(`nb-aggregate td[data-key="${key}"]`);
    await expect
      .poll(async () => Number(await cell.innerText()))
      .toBe(expected('new', 'natural') - minus);
    await page.click(`nb-aggregate label[data-unit="${police.id}"] input`);
    await expect.poll(async () => Number(await cell.innerText())).toBe(expected('new', 'natural'));
  });

  it('exports the .xlsx and writes the sum into the county’s report', async () => {
    const download = page.waitForEvent('download');
    await page.click('nb-aggregate button[data-action="export-xlsx"]');
    const file = await download;
    expect(file.suggestedFilename()).toBe(`${COUNTY}${YEAR}年度汇总表.xlsx`);
    const saved = path.join(dir, 'sum.xlsx');
    await file.saveAs(saved);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(fs.readFileSync(saved) as unknown as ArrayBuffer);
    const ws = book.getWorksheet('各单位数据')!;
    expect(ws.getRow(ws.rowCount).getCell(2).value).toBe('合计（42 个单位）');

    await page.click('nb-aggregate button[data-action="apply-aggregate"]');
    const message = page.locator('nb-aggregate [data-role="aggregate-message"]');
    await expect
      .poll(() => message.innerText())
      .toMatch(/已写入本级报告第 \d+ 版：汇总 42 个单位/u);
    await expect
      .poll(() => page.locator('nb-aggregate [data-role="target-summary"]').innerText())
      .toContain('表中数字已是汇总结果');
  });

  it('the county’s report shows the breakdown of a cell and re-aggregates as one undoable edit', async () => {
    await page.click('nb-aggregate button[data-action="open-parent-report"]');
    const td = page.locator(
      `nb-table-editor[table="三"] td[data-block="${T3_BLOCK_ID}"][data-row="new"][data-col="natural"]`,
    );
    await td.waitFor();
    await td.click();
    const breakdown = page.locator(
      'nb-table-editor[table="三"] nb-breakdown [data-role="breakdown"]',
    );
    await expect.poll(() => breakdown.innerText()).toContain('汇总明细：表三');
    expect(await breakdown.locator('[data-role="breakdown-sum"]').innerText()).toBe(
      `合计 ${expected('new', 'natural')}`,
    );
    // a figure typed over the aggregate: AGGREGATE_MISMATCH
    await page.keyboard.type('1');
    await page.keyboard.press('Enter');
    const finding = page.locator('nb-checks-panel li.finding[data-code="AGGREGATE_MISMATCH"]');
    await expect.poll(() => finding.count()).toBeGreaterThan(0);
    await breakdown.scrollIntoViewIfNeeded();
    await screenshot(page, 'aggregate-editor-breakdown');
    await page.setViewportSize({ width: 911, height: 512 });
    await breakdown.scrollIntoViewIfNeeded();
    await screenshot(page, 'aggregate-editor-breakdown-150');
    await page.setViewportSize({ width: 1366, height: 768 });
    await breakdown.locator('button[data-action="reaggregate"]').click();
    await expect.poll(() => finding.count()).toBe(0);
    expect(Number(await td.innerText())).toBe(expected('new', 'natural'));
    // one undo brings back what was typed
    await page.keyboard.press('Control+z');
    await expect.poll(async () => (await td.innerText()).trim()).toBe('1');
    expect(errors).toEqual([]);
  });

  it('adds the county’s own office as a member (本级)', async () => {
    await go(`#/office/${county.county.id}/${YEAR}/aggregate`);
    const add = page.locator('nb-aggregate button[data-action="add-self-unit"]');
    await expect.poll(() => add.innerText()).toContain(`${COUNTY}（本级）`);
    await add.scrollIntoViewIfNeeded();
    await screenshot(page, 'aggregate-self-unit');
    await add.click();
    await expect
      .poll(() => page.locator('nb-aggregate [data-role="aggregate-message"]').innerText())
      .toContain(`已新建“${COUNTY}（本级）”并加入汇总`);
    await expect.poll(() => add.count()).toBe(0);
    const summary = page.locator('nb-aggregate [data-role="aggregate-summary"]');
    await expect.poll(() => summary.innerText()).toContain('共 46 个单位，已汇总 42 个');
    expect(await summary.innerText()).toContain(`${COUNTY}（本级）（未报送）`);
    const self = await inArchive(app.archive, (archive) =>
      archive.listUnits().find((u) => u.name === `${COUNTY}（本级）`),
    );
    expect(self?.parentId).toBe(county.county.id);
    expect(
      await page.locator(`nb-aggregate label[data-unit="${self!.id}"] input`).isChecked(),
    ).toBe(true);
    expect(errors).toEqual([]);
  });
});
