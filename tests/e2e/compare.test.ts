// Year-over-year comparison (issue 14) in the real renderer: 对比上年 in a report copied from last
// year (last year's value in a T3 cell; the toggle turns it off and on), a part's diff opened from
// a TEXT_COPIED finding, the compare screen for two townships reached from home, printed as the
// 年度对比表 PDF; screenshots at 1366×768 and 150 %.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { T3_BLOCK_ID } from '../../core/formats/common';
import {
  launchChromium,
  openPage,
  screenshot,
  startBridge,
  type RunningApp,
} from '../helpers/browser';
import {
  TOWN_A,
  TOWN_B,
  writeCompareArchive,
  type CompareArchive,
} from '../helpers/compare-archive';

let dir: string;
let app: RunningApp;
let browser: Browser;
let page: Page;
let errors: string[];
let ids: CompareArchive;

const go = (hash: string) => page.evaluate(`location.hash = ${JSON.stringify(hash)}`);

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-e2e-compare-'));
  ids = await writeCompareArchive(path.join(dir, 'archive.sqlite'));
  app = await startBridge(path.join(dir, 'archive.sqlite'));
  browser = await launchChromium();
  ({ page, errors } = await openPage(browser, app));
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('对比上年 and the compare screen', { timeout: 90_000 }, () => {
  it('a copied report opens with 对比上年 on: a T3 cell shows last year’s value; the toggle hides it', async () => {
    await go(`#/report/${ids.pingtan}/2026/edit`);
    const toggle = page.locator('nb-report button[data-action="toggle-compare"]');
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');
    // 2025's 结转下年度 total was copied into 2026's 上年结转; 2025's own 上年结转 shows beside it
    const carried = page.locator(
      `nb-table-editor[table="三"] td[data-block="${T3_BLOCK_ID}"][data-row="carried"][data-col="total"]`,
    );
    await carried.locator('[data-prior]').waitFor();
    // the parts below the first screen are rendered as they come into view (content-visibility):
    // read what the clerk sees there once scrolled to
    await carried.scrollIntoViewIfNeeded();
    // 6 carried in, none the year before: flagged as appeared
    await expect.poll(() => carried.locator('[data-prior]').innerText()).toBe('▲0');
    expect(await carried.locator('[data-prior]').getAttribute('data-prior')).toBe('appeared');
    const natural = page.locator(
      `nb-table-editor[table="三"] td[data-block="${T3_BLOCK_ID}"][data-row="unavailable1"][data-col="total"]`,
    );
    await natural.scrollIntoViewIfNeeded();
    await expect.poll(() => natural.locator('[data-prior]').innerText()).toBe('50');
    expect(await natural.getAttribute('aria-label')).toContain('上年：50');
    await screenshot(page, 'compare-editor-t3');
    await toggle.click();
    await expect.poll(() => carried.locator('[data-prior]').count()).toBe(0);
    await toggle.click();
    await expect.poll(() => carried.locator('[data-prior]').count()).toBe(1);
  });

  it('a TEXT_COPIED finding opens the part beside last year’s text', async () => {
    await page.click('nb-checks-panel li.finding[data-code="TEXT_COPIED"] button.go >> nth=0');
    const panel = page.locator('nb-section-compare [data-role="part-compare"]').first();
    await panel.waitFor();
    expect(await panel.innerText()).toContain('文字与上年完全相同');
    expect(await panel.locator('[data-side="b"]').innerText()).toContain('2025年，平潭综合实验区');
    await page.waitForTimeout(300);
    await screenshot(page, 'compare-editor-section');
    // an edit shows as an insertion on this year's side
    await page.locator('nb-narrative-editor[place="一"] textarea').first().focus();
    await page.keyboard.press('Control+Home');
    await page.keyboard.type('本年度');
    const ins = panel.locator('[data-side="b"] ins[data-op="insert"]');
    await expect.poll(() => ins.first().innerText()).toBe('本年度');
    expect(await panel.innerText()).toContain('新增 3 字');
  });

  it('the compare screen for two townships, opened from home, keyboard reachable, printed', async () => {
    await go('#/');
    await page.click(`[data-role="unit-item"]:has-text("${TOWN_A}")`);
    await page.waitForSelector('nb-year-tools button[data-action="open-trends"]');
    // one year only: comparing two years is not offered; pick the other township on the screen
    expect(
      await page.locator('nb-year-tools button[data-action="compare-years"]').isDisabled(),
    ).toBe(true);
    await go(`#/compare?a=${ids.townA}/2022&b=`);
    const b = page.locator('nb-compare select[data-side="b"][data-pick="unit"]');
    await b.waitFor();
    await b.focus();
    await b.selectOption({ label: TOWN_B });
    const summary = page.locator('nb-compare [data-role="summary"]');
    await expect.poll(() => summary.innerText()).toContain(`${TOWN_A} 2022年 → ${TOWN_B} 2022年`);
    expect(await page.locator('nb-compare table[data-role="header"] thead').innerText()).toContain(
      TOWN_A,
    );
    expect(await page.locator('nb-compare table[data-table="三"]').count()).toBe(1);
    expect(
      await page.locator('nb-compare details[data-section="一"]').getAttribute('open'),
    ).not.toBeNull();
    await screenshot(page, 'compare-townships');
    const download = page.waitForEvent('download');
    await page.click('nb-compare button[data-action="print-compare"]');
    const file = await download;
    expect(file.suggestedFilename()).toBe(`${TOWN_A}与${TOWN_B}2022年度对比表.pdf`);
    const saved = path.join(dir, 'compare.pdf');
    await file.saveAs(saved);
    expect(fs.readFileSync(saved).subarray(0, 5).toString()).toBe('%PDF-');
    await expect
      .poll(() => page.locator('nb-compare [role="status"].note').innerText())
      .toContain('已生成年度对比表');
  });

  it('two years with flagged cells first; trends; at 150 %', async () => {
    await go(`#/compare?a=${ids.pingtan}/2022&b=${ids.pingtan}/2023`);
    const first = page.locator('nb-compare [data-role="flagged"] tbody tr').first();
    await first.waitFor();
    expect(await first.getAttribute('data-flag')).toBe('appeared');
    await screenshot(page, 'compare-years');
    await go(`#/trends/${ids.pingtan}`);
    await page.waitForSelector('nb-trends figure[data-series="new"] svg polyline');
    expect(await page.locator('nb-trends [data-year="2016"]').getAttribute('data-kind')).toBe(
      'legacy',
    );
    await screenshot(page, 'compare-trends');
    const zoomed = await openPage(browser, app, { zoom: 1.5 });
    await zoomed.page.setViewportSize({ width: 911, height: 512 });
    await zoomed.page.evaluate(
      `location.hash = ${JSON.stringify(`#/compare?a=${ids.pingtan}/2022&b=${ids.pingtan}/2023`)}`,
    );
    await zoomed.page.locator('nb-compare [data-role="flagged"]').waitFor();
    await screenshot(zoomed.page, 'compare-years-150');
    await zoomed.page.evaluate(`location.hash = ${JSON.stringify(`#/trends/${ids.pingtan}`)}`);
    await zoomed.page.locator('nb-trends figure').first().waitFor();
    await screenshot(zoomed.page, 'compare-trends-150');
    await zoomed.page.context().close();
    expect(errors.filter((e) => !/status of 404/u.test(e))).toEqual([]);
  });
});
