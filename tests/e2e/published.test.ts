// 已发布（存档） in the real renderer against the bridge (issue 13 item 13): a folder holding a
// past year's and the current year's report is imported with the option ticked (its default) →
// the past year shows 已发布（存档） on home without a red error count, opens read-only with its
// findings listed; taking the mark back (a reason, signed) makes it editable; the archive holds
// the state and the history. Marking it again from the print tab. Screenshots at 1366×768 and at
// 150 % (911×512) under /tmp/h13e.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentReportYear } from '../../core/dates';
import { serialiseReport } from '../../core/file';
import { blankReport } from '../../core/model';
import { inArchive } from '../helpers/archive';
import {
  launchChromium,
  openPage,
  startBridge,
  type RunningApp,
  confirmDialog as confirmDialogIn,
  screenshotBoth,
} from '../helpers/browser';

const UNIT = '清河县已发布测试局';
// the bridge and the window run on the real clock: the year being written now, and the one before
const CURRENT = currentReportYear(new Date());
const PAST = CURRENT - 1;
let dir: string;
let app: RunningApp;
let browser: Browser;
let page: Page;
let errors: string[];
let unitId = '';

async function go(hash: string): Promise<void> {
  await page.evaluate(`location.hash = ${JSON.stringify(hash)}`);
}

const confirmDialog = (text?: string) => confirmDialogIn(page, text);

const shoot = (name: string, show?: string) => screenshotBoth(page, name, show);

const yearRow = (year: number) => page.locator(`[data-role="year-row"][data-year="${year}"]`);

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-e2e-published-'));
  app = await startBridge(path.join(dir, 'archive.sqlite'));
  browser = await launchChromium();
  ({ page, errors } = await openPage(browser, app));
  await page.fill('[data-role="operator"]', '张三');
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('已发布（存档）', { timeout: 120_000 }, () => {
  it('a folder import marks the past year: 已发布（存档）, no red to-do on home, read-only with its findings', async () => {
    const folder = path.join(dir, '网站上的历年报告');
    fs.mkdirSync(folder);
    for (const year of [PAST, CURRENT]) {
      // blank tables: each report has open errors
      const r = blankReport({ id: 'u-published', name: UNIT, kind: '部门' }, year);
      fs.writeFileSync(path.join(folder, `${year}.nianbao.json`), serialiseReport(r));
    }
    // the option is there and ticked by default
    expect(await page.isChecked('[data-role="import-published"]')).toBe(true);
    await page.setInputFiles('[data-role="import-folder-input"]', folder);
    await page.waitForSelector('[data-role="import-summary"]');
    expect(await page.locator('[data-count="imported"] .n').innerText()).toBe('2');
    expect(await page.locator('[data-count="published"]').innerText()).toBe(
      '1 份往年报告标记为已发布（存档）',
    );
    await shoot('import-summary', '[data-role="import-summary"]');
    await page.click('[data-action="close-import"]');

    await page.click(`[data-role="unit-item"]:has-text("${UNIT}")`);
    await yearRow(PAST).waitFor();
    unitId = (await page.getAttribute('[data-role="unit-pane"]', 'data-unit-id'))!;
    expect(await yearRow(PAST).getAttribute('data-status')).toBe('已发布（存档）');
    expect(await yearRow(CURRENT).getAttribute('data-status')).toBe('草稿');
    // the past year's errors are shown neutral, the current year's in red
    expect(await yearRow(PAST).locator('.errors').count()).toBe(0);
    const count = yearRow(PAST).locator('[data-role="published-count"]');
    expect(Number(await count.innerText())).toBeGreaterThan(0);
    expect(await count.getAttribute('title')).toMatch(
      /^已发布 · \d+ 个问题：问题照常列出，不算待办$/u,
    );
    expect(await yearRow(CURRENT).locator('.errors').count()).toBe(1);
    await shoot('home-years', '[data-role="years-table"]');

    await go(`#/report/${unitId}/${PAST}/edit`);
    const banner = page.locator('[data-role="read-only-banner"]');
    await banner.waitFor();
    expect(await banner.innerText()).toContain('本报告已标记为已发布（存档），处于只读状态');
    expect(await page.locator('[data-role="report-status"]').innerText()).toBe('已发布（存档）');
    // read-only: the text fields, the save button
    const field = page.locator('nb-narrative-editor textarea').first();
    await field.waitFor();
    expect(await field.getAttribute('readonly')).not.toBeNull();
    expect(await page.isDisabled('nb-report button.primary:has-text("保存")')).toBe(true);
    // the findings are listed (the long groups folded)
    const findings = page.locator('nb-checks-panel li.finding[data-severity="error"]');
    await findings.first().waitFor({ state: 'attached' });
    expect(await findings.count()).toBeGreaterThan(0);
    await shoot('report-read-only');
  });

  it('taking the mark back (a reason, signed) makes it editable; the archive holds the state and the history', async () => {
    await go(`#/report/${unitId}/${PAST}/print`);
    const unpublish = page.locator('nb-published [data-action="unpublish"]');
    await unpublish.waitFor();
    expect(await page.locator('nb-published [data-role="published-by"]').innerText()).toBe('张三');
    await shoot('print-published', 'nb-published');
    // 定稿 is not offered while marked
    expect(await page.isDisabled('[data-action="finalise"]')).toBe(true);
    await unpublish.click();
    await confirmDialog('网站上的版本有误，需要改正');
    await page.locator('nb-published [data-action="publish"]').waitFor();
    await page.waitForSelector('[data-role="read-only-banner"]', { state: 'detached' });
    expect(await page.locator('[data-role="report-status"]').innerText()).toBe('草稿');
    await shoot('print-unpublished', 'nb-published');

    await go(`#/report/${unitId}/${PAST}/edit`);
    const field = page.locator('nb-narrative-editor textarea').first();
    await field.waitFor();
    expect(await field.getAttribute('readonly')).toBeNull();

    // 历史 lists both, by their Chinese names, with who
    await go(`#/report/${unitId}/${PAST}/history`);
    const items = page.locator('[data-role="history-item"] .reason');
    await items.first().waitFor();
    expect(await items.allInnerTexts()).toEqual(['取消已发布标记', '标记为已发布（存档）', '导入']);
    await shoot('history', '[data-role="history-list"]');

    await inArchive(app.archive, (archive) => {
      const y = archive.listYears({ unitId }).find((r) => r.year === PAST)!;
      expect(y).toMatchObject({ status: '草稿', locked: false, published: null });
      expect(
        archive.history({ unitId, year: PAST }).map((r) => [r.reason, r.author, r.note]),
      ).toEqual([
        ['unpublish', '张三', '网站上的版本有误，需要改正'],
        ['publish', '张三', expect.stringMatching(/^导入时标记：网站上已发布的往年报告/u)],
        ['import', '张三', expect.stringContaining(`${PAST}.nianbao.json`)],
      ]);
      // the current year was never marked
      expect(archive.history({ unitId, year: CURRENT }).map((r) => r.reason)).toEqual(['import']);
    });
  });

  it('marking it again from the print tab: read-only at once, home without the red count', async () => {
    await go(`#/report/${unitId}/${PAST}/print`);
    await page.click('nb-published [data-action="publish"]');
    await confirmDialog();
    await page.locator('nb-published [data-action="unpublish"]').waitFor();
    await page.locator('[data-role="read-only-banner"]').waitFor();
    await go('#/');
    await page.click(`[data-role="unit-item"]:has-text("${UNIT}")`);
    await yearRow(PAST).waitFor();
    expect(await yearRow(PAST).getAttribute('data-status')).toBe('已发布（存档）');
    expect(await yearRow(PAST).locator('.errors').count()).toBe(0);
    await inArchive(app.archive, (archive) => {
      expect(archive.history({ unitId, year: PAST })[0]).toMatchObject({
        reason: 'publish',
        author: '张三',
      });
    });
  });

  it('a single file of a past year is not marked, but its summary row offers the mark', async () => {
    const older = PAST - 1;
    const file = path.join(dir, `${older}.nianbao.json`);
    const r = blankReport({ id: 'u-published', name: UNIT, kind: '部门' }, older);
    fs.writeFileSync(file, serialiseReport(r));
    await page.setInputFiles('[data-role="import-files-input"]', file);
    await page.waitForSelector('[data-role="import-summary"]');
    expect(await page.locator('[data-count="imported"] .n').innerText()).toBe('1');
    expect(await page.locator('[data-count="published"]').count()).toBe(0);
    const mark = page.locator('[data-action="mark-published"]');
    expect(await mark.count()).toBe(1);
    await shoot('import-single-offer', '[data-action="mark-published"]');
    await mark.click();
    await page.locator('[data-count="published"]').waitFor();
    expect(await mark.count()).toBe(0);
    await page.click('[data-action="close-import"]');
    await yearRow(older).waitFor();
    expect(await yearRow(older).getAttribute('data-status')).toBe('已发布（存档）');
    await inArchive(app.archive, (archive) => {
      expect(archive.history({ unitId, year: older }).map((x) => [x.reason, x.author])).toEqual([
        ['publish', '张三'],
        ['import', '张三'],
      ]);
    });
    expect(errors).toEqual([]);
  });
});
