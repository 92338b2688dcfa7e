// The import review (issue 11, item 6), in the real renderer: a report whose import left a T3
// row unread shows "表三 24/25 行已读入，1 行待核对" with the row's source text; 读入 makes it the
// official row it names (one undoable edit), 忽略 drops a line that is no table data.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serialiseReport } from '../../core/file';
import { T3_BLOCK_ID } from '../../core/formats/common';
import type { Report } from '../../core/model';
import { inArchive } from '../helpers/archive';
import {
  launchChromium,
  openPage,
  saveState as editorSaveState,
  screenshot,
  startBridge,
  type RunningApp,
} from '../helpers/browser';
import { balancedReport } from '../helpers/reports';

const UNIT = '清河县审核测试局';
let dir: string;
let app: RunningApp;
let browser: Browser;
let page: Page;
let errors: string[];

/** A balanced 2023 report as import leaves it when two T3 lines could not be placed. */
function importedWithUnreadRows(): { report: Report; granted: Record<string, string> } {
  const base = balancedReport(2023);
  const report = structuredClone({ ...base, unit: { ...base.unit, name: UNIT } }) as Report;
  const t3 = report.sections['三']!.table!;
  const granted = { ...t3.blocks[T3_BLOCK_ID]!.rows['granted']!.cells };
  delete t3.blocks[T3_BLOCK_ID]!.rows['granted'];
  const columns = t3.blocks[T3_BLOCK_ID]!.columns;
  t3.unrecognised = [
    {
      cells: ['（一）予以公开', ...columns.map((c) => granted[c]!)],
      reason: '数字连在一起，无法唯一确定如何拆分',
      row: 'granted',
    },
    { cells: ['— 3 —'], reason: '行名无法识别' },
  ];
  return { report, granted };
}

const saveState = () => editorSaveState(page);

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-e2e-review-'));
  app = await startBridge(path.join(dir, 'archive.sqlite'));
  browser = await launchChromium();
  ({ page, errors } = await openPage(browser, app));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('reviewing what import could not read', { timeout: 60_000 }, () => {
  const { report, granted } = importedWithUnreadRows();
  let unitId = '';

  it('shows per table how many rows were read, and the unread rows with their source text', async () => {
    const file = path.join(dir, '清河县2023年报告.nianbao.json');
    fs.writeFileSync(file, serialiseReport(report));
    await page.setInputFiles('[data-role="import-files-input"]', file);
    await page.waitForSelector('[data-role="import-summary"]');
    await page.click('[data-action="close-import"]');
    await page.click(`[data-role="unit-item"]:has-text("${UNIT}")`);
    await page.waitForSelector('[data-role="year-row"][data-year="2023"]');
    unitId = (await page.getAttribute('[data-role="unit-pane"]', 'data-unit-id'))!;
    await page.evaluate(`location.hash = ${JSON.stringify(`#/report/${unitId}/2023/edit`)}`);
    const panel = page.locator('nb-table-editor[table="三"] [data-import-review]');
    await panel.waitFor();
    await panel.scrollIntoViewIfNeeded();
    expect(await panel.innerText()).toContain('表三 24/25 行已读入，2 行待核对');
    expect(await panel.locator('li[data-unread]').count()).toBe(2);
    expect(await panel.locator('li[data-unread="0"]').innerText()).toContain('（一）予以公开');
    // the unread row is an error until it is read in: not "missing", but not silently fine either
    const errorsOpen = page.locator('nb-checks-panel li.finding[data-group="error"]');
    expect(await errorsOpen.count()).toBe(1);
    expect(await errorsOpen.innerText()).toContain('没有读入');
    await screenshot(page, 'import-review-t3');
  });

  it('读入 places the row under the official row it names, and Ctrl+Z takes it back', async () => {
    const panel = page.locator('nb-table-editor[table="三"] [data-import-review]');
    const row = panel.locator('li[data-unread="0"]');
    // the proposal is the source's figures, one per column
    expect(await row.locator('input[data-col="total"]').inputValue()).toBe(granted['total']);
    await row.locator('button[data-action="assign"]').click();
    const total = page.locator(
      `nb-table-editor[table="三"] td[data-block="${T3_BLOCK_ID}"][data-row="granted"][data-col="total"]`,
    );
    await expect.poll(() => total.innerText()).toContain(granted['total']!);
    await expect.poll(() => panel.locator('li[data-unread]').count()).toBe(1);
    expect(await panel.innerText()).toContain('表三 25/25 行已读入，1 行待核对');
    expect(await page.locator('nb-checks-panel li.finding[data-group="error"]').count()).toBe(0);
    await page.keyboard.press('Control+z');
    await expect.poll(() => panel.locator('li[data-unread]').count()).toBe(2);
    await page.keyboard.press('Control+y');
    await expect.poll(() => panel.locator('li[data-unread]').count()).toBe(1);
  });

  it('忽略 drops a line that is no table data; saved, nothing is left to review', async () => {
    const panel = page.locator('nb-table-editor[table="三"] [data-import-review]');
    await panel.locator('li[data-unread="0"] button[data-action="dismiss"]').click();
    await expect.poll(() => panel.count()).toBe(0);
    await page.keyboard.press('Control+S');
    await expect.poll(saveState).toBe('saved');
    // the window asks for last year's report (the cross-year checks); this unit has none, which
    // is an answer (null), not an HTTP error the browser would log; nor does an import log one
    expect(errors).toEqual([]);
    await app.stop();
    await inArchive(app.archive, (archive) => {
      const opened = archive.openReport({ unitId, year: 2023 });
      if (opened.legacy) throw new Error('expected a structured report');
      const t3 = opened.report.sections['三']!.table!;
      expect(t3.unrecognised).toEqual([]);
      expect(t3.blocks[T3_BLOCK_ID]!.rows['granted']!.cells).toEqual(granted);
    });
  });
});
