// 已发布（存档） polish in the real renderer against the bridge (issue 13 item 13; setup copied
// from published.test.ts): a past year's report with open errors, imported from a folder and so
// marked → the checks panel's header shows its counts grey with "问题仅供参考，不计入待办" while
// the findings stay listed; the print tab offers the archive copy (no 草稿, saved as …存档.pdf,
// its pages noted 存档副本（已发布）); taking the mark back shows "已取消已发布标记（第 N 版）…"
// over the reopened report (the view reloads), marking again likewise; the counts red again.
// Screenshots at 1366×768 and at 150 % (911×512) under /tmp/h13q.
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
import { pdfText, stripCjkSpaces } from '../helpers/pdf';

const UNIT = '清河县存档润色测试局';
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

/**
 * In the page: the colour of the checks panel's error count (found through the shadow roots),
 * and the theme's muted and error colours beside it.
 */
const COLOURS = `(() => {
  const find = (root) => {
    const hit = root.querySelector('nb-checks-panel');
    if (hit) return hit;
    for (const el of root.querySelectorAll('*')) {
      const inner = el.shadowRoot && find(el.shadowRoot);
      if (inner) return inner;
    }
    return null;
  };
  const el = find(document).shadowRoot.querySelector('[data-count="errors"]');
  const probe = (v) => {
    const span = document.createElement('span');
    span.style.color = 'var(' + v + ')';
    el.parentElement.append(span);
    const c = getComputedStyle(span).color;
    span.remove();
    return c;
  };
  return { count: getComputedStyle(el).color, muted: probe('--nb-muted'), error: probe('--nb-error') };
})()`;

/** The colour of the checks panel's error count, and the theme's muted and error colours. */
async function countColours(): Promise<{ count: string; muted: string; error: string }> {
  await page.locator('nb-checks-panel [data-count="errors"]').waitFor();
  return page.evaluate(COLOURS) as Promise<{ count: string; muted: string; error: string }>;
}

const newestRevision = () =>
  inArchive(app.archive, (archive) => archive.history({ unitId, year: PAST })[0]!);

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-e2e-published-polish-'));
  app = await startBridge(path.join(dir, 'archive.sqlite'));
  browser = await launchChromium();
  ({ page, errors } = await openPage(browser, app));
  await page.fill('[data-role="operator"]', '张三');
  const folder = path.join(dir, '网站上的历年报告');
  fs.mkdirSync(folder);
  // blank tables: the report has open errors
  const r = blankReport({ id: 'u-polish', name: UNIT, kind: '部门' }, PAST);
  fs.writeFileSync(path.join(folder, `${PAST}.nianbao.json`), serialiseReport(r));
  expect(await page.isChecked('[data-role="import-published"]')).toBe(true);
  await page.setInputFiles('[data-role="import-folder-input"]', folder);
  await page.waitForSelector('[data-role="import-summary"]');
  expect(await page.locator('[data-count="published"]').innerText()).toBe(
    '1 份往年报告标记为已发布（存档）',
  );
  await page.click('[data-action="close-import"]');
  await page.click(`[data-role="unit-item"]:has-text("${UNIT}")`);
  await page.locator(`[data-role="year-row"][data-year="${PAST}"]`).waitFor();
  unitId = (await page.getAttribute('[data-role="unit-pane"]', 'data-unit-id'))!;
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('已发布（存档） polish', { timeout: 120_000 }, () => {
  it('the checks panel: the counts grey with "问题仅供参考，不计入待办", the findings listed', async () => {
    await go(`#/report/${unitId}/${PAST}/edit`);
    const note = page.locator('nb-checks-panel [data-role="published-note"]');
    await note.waitFor();
    expect(await note.innerText()).toBe('已发布（存档）：问题仅供参考，不计入待办');
    expect(
      Number(await page.locator('nb-checks-panel [data-count="errors"]').innerText()),
    ).toBeGreaterThan(0);
    const c = await countColours();
    expect(c.muted).not.toBe(c.error);
    expect(c.count).toBe(c.muted);
    // the navigator's counts per part too
    expect(await page.locator('nb-report nav .count.reference').count()).toBeGreaterThan(0);
    expect(await page.locator('nb-report nav .count:not(.reference)').count()).toBe(0);
    // the findings stay listed
    const findings = page.locator('nb-checks-panel li.finding[data-severity="error"]');
    await findings.first().waitFor({ state: 'attached' });
    expect(await findings.count()).toBeGreaterThan(0);
    await shoot('panel-published', 'nb-checks-panel header');
  });

  it('the print tab: the archive copy, no 草稿, saved as …存档.pdf with the note on its pages', async () => {
    await go(`#/report/${unitId}/${PAST}/print`);
    const notice = page.locator('[data-role="archive-copy-notice"]');
    await notice.waitFor();
    expect(await notice.innerText()).toContain('不带“草稿”水印');
    expect(await page.locator('[data-role="draft-notice"]').count()).toBe(0);
    await page.locator('[data-role="preview-page"]').first().waitFor();
    const download = page.waitForEvent('download');
    await page.click('[data-action="save-pdf"]');
    const file = await download;
    expect(file.suggestedFilename()).toBe(`${UNIT}${PAST}年政府信息公开工作年度报告存档.pdf`);
    const saved = path.join(dir, 'archive-copy.pdf');
    await file.saveAs(saved);
    const pages = await pdfText(saved);
    expect(pages.length).toBeGreaterThan(0);
    for (const text of pages) {
      expect(stripCjkSpaces(text).replace(/\s+/gu, '')).toContain('存档副本（已发布）');
      expect(text).not.toContain('草稿');
    }
    await shoot('print-archive-copy', '[data-role="archive-copy-notice"]');
  });

  it('taking the mark back: the message survives the reload, the report editable, the counts red', async () => {
    await go(`#/report/${unitId}/${PAST}/print`);
    const unpublish = page.locator('nb-published [data-action="unpublish"]');
    await unpublish.waitFor();
    await unpublish.click();
    await confirmDialog('网站上的版本有误，需要改正');
    const message = page.locator('[data-role="report-notice"]');
    await message.waitFor();
    // shown after the view reopened the report (the mark is gone: the publish button is back)
    await page.locator('nb-published [data-action="publish"]').waitFor();
    await page.waitForSelector('[data-role="read-only-banner"]', { state: 'detached' });
    const head = await newestRevision();
    expect(head.reason).toBe('unpublish');
    expect(await message.innerText()).toContain(
      `已取消已发布标记（第 ${head.revision} 版），报告可以修改。`,
    );
    expect(await message.isVisible()).toBe(true);
    await shoot('unmarked-message', '[data-role="report-notice"]');
    // the draft now: saved as …草稿.pdf
    await page.locator('[data-role="draft-notice"]').waitFor();
    const download = page.waitForEvent('download');
    await page.click('[data-action="save-pdf"]');
    expect((await download).suggestedFilename()).toBe(
      `${UNIT}${PAST}年政府信息公开工作年度报告草稿.pdf`,
    );

    // one-shot: gone on the next tab; the counts are a to-do again (red), no published note
    await go(`#/report/${unitId}/${PAST}/edit`);
    await page.locator('nb-checks-panel [data-count="errors"]').waitFor();
    expect(await message.count()).toBe(0);
    expect(await page.locator('nb-checks-panel [data-role="published-note"]').count()).toBe(0);
    const c = await countColours();
    expect(c.count).toBe(c.error);
    await shoot('panel-unmarked', 'nb-checks-panel header');
  });

  it('marking it again: its message over the reopened, read-only report; 知道了 closes it', async () => {
    await go(`#/report/${unitId}/${PAST}/print`);
    await page.click('nb-published [data-action="publish"]');
    await confirmDialog();
    await page.locator('[data-role="read-only-banner"]').waitFor();
    const message = page.locator('[data-role="report-notice"]');
    await message.waitFor();
    const head = await newestRevision();
    expect(head.reason).toBe('publish');
    expect(await message.innerText()).toContain(
      `已标记为已发布（存档）（第 ${head.revision} 版），报告处于只读状态。`,
    );
    await page.click('[data-action="dismiss-notice"]');
    await message.waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
  });
});
