// The county office's submissions dashboard and 审核意见 (issue 15) in the real renderer against
// the bridge, over the county fixture: reached from home, the year chosen, filtered and sorted,
// a member's 审核意见 listed, printed (new tab) and saved as PDF and CSV, a member with errors
// opened; screenshots at 1366×768 and 150 % (911×512).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Clock } from '../helpers/archive';
import {
  launchChromium,
  openPage,
  screenshot,
  startBridge,
  type RunningApp,
} from '../helpers/browser';
import { COUNTY, MISSING, YEAR, writeCountyArchive, type County } from '../helpers/county';
import { pdfText, stripCjkSpaces } from '../helpers/pdf';

let dir: string;
let app: RunningApp;
let browser: Browser;
let page: Page;
let errors: string[];
let county: County;

const AS_REVIEWER = `localStorage.setItem('nianbao.author', '张三');`;
const rows = () => page.locator('nb-office table[data-role="submissions"] tbody tr[data-unit]');
const row = (name: string) => page.locator(`nb-office tr[data-unit="${name}"]`);

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-e2e-office-'));
  let file: string;
  ({ file, county } = await writeCountyArchive(dir, {
    now: new Clock('2026-01-20T10:00:00').now,
  }));
  app = await startBridge(file);
  browser = await launchChromium();
  ({ page, errors } = await openPage(browser, app, { initScript: AS_REVIEWER }));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('submissions dashboard and 审核意见', { timeout: 120_000 }, () => {
  it('is reached from home for a unit with members, and shows every member’s state', async () => {
    await page.locator(`nb-home [data-role="unit-name"]`).waitFor();
    expect(await page.locator('nb-home [data-role="unit-name"]').innerText()).toBe(COUNTY);
    await page.click('nb-home a[data-action="open-office"]');
    await page.locator('nb-office table[data-role="submissions"]').waitFor();
    // this year's reports are not in yet (the fixture's year is the one before)
    if (
      !(await page.locator('nb-office [data-role="office-title"]').innerText()).includes(
        `${YEAR}年度`,
      )
    ) {
      await page.click('nb-office button[data-action="prev-year"]');
    }
    await expect
      .poll(() => page.locator('nb-office [data-role="office-title"]').innerText())
      .toContain(`${YEAR}年度下属单位报送情况`);
    await expect.poll(() => rows().count()).toBe(51);
    expect(await row('清河县民政局').getAttribute('data-state')).toBe('草稿');
    expect(await row('清河县民政局').locator('.state').innerText()).toMatch(
      /^草稿（\d+ 个错误）$/u,
    );
    for (const name of MISSING) expect(await row(name).getAttribute('data-state')).toBe('未收到');
    expect(await row('公安局交通管理大队').innerText()).toContain('清河县公安局');
    expect(await row('东关街道').innerText()).toContain('2026-01-20');
    expect(await page.locator('nb-office [data-code="MEMBER_MISSING"]').innerText()).toContain(
      '3 个单位没有2025年度的报告',
    );
    await screenshot(page, 'office-dashboard');
  });

  it('filters by state and by name, and sorts by errors', async () => {
    await page.click('nb-office button[data-filter="未收到"]');
    await expect.poll(() => rows().count()).toBe(3);
    await screenshot(page, 'office-missing');
    await page.click('nb-office button[data-filter="all"]');
    await page.fill('nb-office input[data-role="member-filter"]', '公安局');
    await expect.poll(() => rows().count()).toBe(3);
    await page.fill('nb-office input[data-role="member-filter"]', '');
    await expect.poll(() => rows().count()).toBe(51);
    await page.click('nb-office button[data-sort="errors"]');
    await expect
      .poll(() => page.locator('nb-office th[aria-sort="descending"]').innerText())
      .toContain('错误');
    const firstFour = await rows().evaluateAll((trs) =>
      trs.slice(0, 4).map((tr) => tr.getAttribute('data-state')),
    );
    expect(firstFour.every((s) => s === '草稿')).toBe(true);
  });

  it('prints a member’s 审核意见 and saves it as PDF and CSV', async () => {
    await row('清河县民政局').locator('button[data-action="review"]').click();
    const groups = page.locator('nb-office nb-review-sheet [data-role="review-groups"]');
    await groups.waitFor();
    expect(await groups.innerText()).toContain('表三行总计不符');
    expect(await page.locator('nb-review-sheet .actions').innerText()).toContain('审核人：张三');
    await screenshot(page, 'office-review');
    const [tab] = await Promise.all([
      page.context().waitForEvent('page'),
      page.click('nb-review-sheet button[data-action="print-review"]'),
    ]);
    expect(tab.url()).toMatch(/^blob:/u);
    await expect
      .poll(() => page.locator('nb-review-sheet [role="status"]').innerText())
      .toContain('打印用的 PDF 已在新标签页中打开');
    await tab.close();

    const pdfDownload = page.waitForEvent('download');
    await page.click('nb-review-sheet button[data-action="save-review"]');
    const pdfFile = await pdfDownload;
    expect(pdfFile.suggestedFilename()).toBe('清河县民政局2025年度报告审核意见.pdf');
    const saved = path.join(dir, 'review.pdf');
    await pdfFile.saveAs(saved);
    const text = stripCjkSpaces((await pdfText(saved)).join('')).replace(/\s+/gu, '');
    expect(text).toContain('清河县民政局2025年度政府信息公开工作年度报告');
    expect(text).toContain('审核人：张三');

    const csvDownload = page.waitForEvent('download');
    await page.click('nb-review-sheet button[data-action="review-csv"]');
    const csvFile = await csvDownload;
    expect(csvFile.suggestedFilename()).toBe('清河县民政局2025年度报告审核意见.csv');
    const csvPath = path.join(dir, 'review.csv');
    await csvFile.saveAs(csvPath);
    const csv = fs.readFileSync(csvPath, 'utf8');
    expect(csv.split('\r\n')[0]).toContain('单位,年度,部分,位置,代码');
    expect(csv).toContain('T3_ROW_TOTAL');
  });

  it('opens a member with errors in the editor, and shows every member’s 审核意见 at once', async () => {
    await page.evaluate(
      `location.hash = ${JSON.stringify(`#/office/${county.county.id}/${YEAR}`)}`,
    );
    await row('柳林镇').locator('button[data-action="open"]').click();
    await expect
      .poll(() => page.evaluate('location.hash'))
      .toBe(`#/report/${county.byName.get('柳林镇')!.id}/${YEAR}/edit`);
    const finding = page.locator('nb-checks-panel li.finding[data-code="T3_ROW_TOTAL"]');
    await finding.first().waitFor({ timeout: 60_000 });
    await screenshot(page, 'office-member-opened');
    await page.goBack();
    await expect.poll(() => rows().count()).toBe(51);
    await page.click('nb-office button[data-action="review-all"]');
    const download = page.waitForEvent('download');
    await page.click(
      'nb-office section[aria-label="全部审核意见"] button[data-action="save-review"]',
    );
    const file = await download;
    expect(file.suggestedFilename()).toBe(`${COUNTY}2025年度各下属单位报告审核意见.pdf`);
    expect(errors.filter((e) => !/status of 404/u.test(e))).toEqual([]);
  });

  it('fits at 150 % (911×512)', async () => {
    const zoomed = await openPage(browser, app, { zoom: 1.5, initScript: AS_REVIEWER });
    await zoomed.page.setViewportSize({ width: 911, height: 512 });
    await zoomed.page.evaluate(
      `location.hash = ${JSON.stringify(`#/office/${county.county.id}/${YEAR}`)}`,
    );
    await zoomed.page.locator('nb-office tr[data-unit]').first().waitFor();
    await screenshot(zoomed.page, 'office-dashboard-150');
    await zoomed.page
      .locator('nb-office tr[data-unit="柳林镇"] button[data-action="review"]')
      .click();
    await zoomed.page.locator('nb-review-sheet [data-role="review-groups"]').waitFor();
    await screenshot(zoomed.page, 'office-review-150');
    await zoomed.page.context().close();
  });
});
