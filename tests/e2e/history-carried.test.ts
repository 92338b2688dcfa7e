// End to end (issue 13, items 10 and 17): in a report copied from last year the carried year is
// marked itself — "2020年" inside a <mark>, not the whole paragraph — the caret in it offers
// "改为 2021年" for that one mention, and 全部改为 moves the rest on as one undoable action (Ctrl+Z
// restores them all); a year confirmed as it is (已核实) stays. In 历史 a revision shows the text
// it changed, insertions and deletions marked, and the decisions by their Chinese rule names.
// What the archive holds is checked through the archive's API.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { T3_BLOCK_ID } from '../../core/formats/common';
import { Archive } from '../../db/archive';
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

const UNIT = '清河县水利局';
const OTHER = '清河县林业局';
let dir: string;
let app: RunningApp;
let browser: Browser;
let page: Page;
let errors: string[];
let unitId = '';
let otherId = '';

const saveState = () => editorSaveState(page);
const para = (n: number) =>
  page.locator(`nb-narrative-editor[place="一"] textarea[data-paragraph="${n}"]`);
const marks = (n: number) =>
  page.locator(`nb-narrative-editor[place="一"] mark.carried[data-paragraph="${n}"]`);

async function shot(name: string, p: Page = page): Promise<void> {
  await screenshot(p, name);
}

/** A unit with its 2020 report and 2021's copied from it; returns the unit's id. */
function seedUnit(a: Archive, name: string): string {
  const unit = a.createUnit({ name, kind: '部门' });
  const prior = balancedReport(2020, { unitName: name });
  prior.unit = { ...prior.unit, id: unit.id };
  prior.sections['一']!.paragraphs = [
    { level: 2, text: '（一）主动公开' },
    { level: 0, text: '2020年，我局全年主动公开政府信息120条，其中2020年第四季度公开35条。' },
    { level: 0, text: '自2020年1月1日起，我局按季度更新2020年度重点工作信息。' },
  ];
  a.storeImported({ unitId: unit.id, year: 2020, content: prior, author: '测试', file: 'x.txt' });
  a.copyLastYear({ unitId: unit.id, from: 2020, to: 2021, author: '测试' });
  return unit.id;
}

async function seed(file: string): Promise<{ main: string; other: string }> {
  const a = await Archive.open(file);
  try {
    return { main: seedUnit(a, UNIT), other: seedUnit(a, OTHER) };
  } finally {
    a.close();
  }
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-e2e-h13f-'));
  ({ main: unitId, other: otherId } = await seed(path.join(dir, 'archive.sqlite')));
  app = await startBridge(path.join(dir, 'archive.sqlite'));
  browser = await launchChromium();
  ({ page, errors } = await openPage(browser, app));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('carried years marked in the text, and what 历史 shows', { timeout: 60_000 }, () => {
  it('marks only the year inside the paragraph, not the paragraph', async () => {
    await page.fill('nb-app header input', '王小明');
    await page.keyboard.press('Tab');
    await page.evaluate(`location.hash = ${JSON.stringify(`#/report/${unitId}/2021/edit`)}`);
    await marks(1).first().waitFor();
    expect(await marks(1).allInnerTexts()).toEqual(['2020年', '2020年']);
    expect(await marks(2).allInnerTexts()).toEqual(['2020年', '2020年']);
    // the paragraph itself is not marked; the field holds the text as it is
    const box = page.locator('nb-narrative-editor[place="一"] .para[data-index="1"]');
    expect(await box.getAttribute('data-issue')).toBeNull();
    expect(await para(1).inputValue()).toBe(
      '2020年，我局全年主动公开政府信息120条，其中2020年第四季度公开35条。',
    );
    await para(1).scrollIntoViewIfNeeded();
    await shot('carried-marked-1366');
    // the mark lies over the year in the field: the same place on the screen
    const year = await marks(1).first().boundingBox();
    const field = await para(1).boundingBox();
    expect(year!.y).toBeGreaterThanOrEqual(field!.y);
    expect(year!.y + year!.height).toBeLessThanOrEqual(field!.y + 1 + 4 + 27 + 1);
  });

  it('the caret in a marked year offers 改为 2021年 for that mention only', async () => {
    const year = (await marks(1).nth(1).boundingBox())!;
    await page.mouse.click(year.x + year.width / 2, year.y + year.height / 2);
    const pop = page.locator('nb-narrative-editor[place="一"] [data-role="year-pop"]');
    await pop.waitFor();
    expect(await pop.innerText()).toContain('“2020年”沿用自2020年度报告');
    // the caret is in the field, in the year (the field stays a text field)
    expect(
      await para(1).evaluate((el) => (el as unknown as { selectionStart: number }).selectionStart),
    ).toBeGreaterThanOrEqual(25);
    await shot('carried-pop-1366');
    // Escape closes it, the caret stays; moving the caret within the year opens it again
    await page.keyboard.press('Escape');
    await expect.poll(() => pop.count()).toBe(0);
    await page.keyboard.press('ArrowLeft');
    await pop.waitFor();
    await pop.locator('button[data-action="fix-year-pop"]').click();
    await expect
      .poll(() => para(1).inputValue())
      .toBe('2020年，我局全年主动公开政府信息120条，其中2021年第四季度公开35条。');
    expect(await marks(1).allInnerTexts()).toEqual(['2020年']);
    expect(await pop.count()).toBe(0);
    // typing goes on where the year was changed
    await page.keyboard.type('的');
    await expect.poll(() => para(1).inputValue()).toContain('其中2021年的第四季度');
  });

  it('a year confirmed as it is stays; 全部改为 moves the rest on as one undoable action', async () => {
    // 已核实 on "自2020年1月1日起": the year is right as it is
    // (five left: listed one by one, or folded into one entry when there are many)
    const fold = page.locator('nb-checks-panel li.fold[data-fold="YEAR_REVIEW"] summary');
    if (await fold.count()) await fold.click();
    const item = page.locator('nb-checks-panel li.finding[data-code="YEAR_REVIEW"]', {
      hasText: '自2020年1月1日起，我',
    });
    await item.locator('button[data-action="verify"]').click();
    await page.waitForSelector('nb-dialog dialog[open]');
    await page.fill('nb-dialog textarea', '统计期限的起始日，沿用无误');
    await page.click('nb-dialog button.confirm');
    await page.waitForSelector('nb-dialog dialog[open]', { state: 'detached' });
    await expect.poll(() => marks(2).allInnerTexts()).toEqual(['2020年']);
    const fix = page.locator('nb-checks-panel button[data-action="fix-years"]');
    // 6 carried: one moved on, one confirmed
    expect(await fix.innerText()).toBe('全部改为 2021年（4 处）');
    await fix.click();
    const p1 = '2021年，我局全年主动公开政府信息120条，其中2021年的第四季度公开35条。';
    const p2 = '自2020年1月1日起，我局按季度更新2021年度重点工作信息。';
    await expect.poll(() => para(1).inputValue()).toBe(p1);
    expect(await para(2).inputValue()).toBe(p2);
    expect(await page.locator('nb-narrative-editor mark.carried').count()).toBe(0);
    // one undoable action: Ctrl+Z brings every one of them back, Ctrl+Y moves them on again
    await page.keyboard.press('Control+Z');
    await expect
      .poll(() => para(1).inputValue())
      .toBe('2020年，我局全年主动公开政府信息120条，其中2021年的第四季度公开35条。');
    expect(await para(2).inputValue()).toBe(
      '自2020年1月1日起，我局按季度更新2020年度重点工作信息。',
    );
    expect(await page.locator('nb-narrative-editor mark.carried').count()).toBe(4);
    await page.keyboard.press('Control+Y');
    await expect.poll(() => para(1).inputValue()).toBe(p1);
    // and a figure typed into 表三, to be seen in 历史
    await page
      .locator(
        `nb-table-editor[table="三"] td[data-block="${T3_BLOCK_ID}"][data-row="new"][data-col="natural"]`,
      )
      .click();
    await page.keyboard.type('7');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+S');
    await expect.poll(saveState).toBe('saved');
    await inArchive(app.archive, (archive) => {
      const opened = archive.openReport({ unitId, year: 2021 });
      if (opened.legacy) throw new Error('expected a structured report');
      const r = opened.report;
      expect(r.sections['一']!.paragraphs.map((p) => p.text)).toEqual(['（一）主动公开', p1, p2]);
      expect(r.opening[0]!.text).toContain('自2021年1月1日起至2021年12月31日止');
      expect(r.sections['三']!.table!.blocks[T3_BLOCK_ID]!.rows['new']!.cells['natural']).toBe('7');
      expect(r.decisions).toHaveLength(1);
      expect(r.decisions[0]).toMatchObject({
        code: 'YEAR_REVIEW',
        action: 'verified',
        reason: '统计期限的起始日，沿用无误',
        by: '王小明',
      });
    });
    expect(errors).toEqual([]);
  });

  it('历史 shows what the revision changed, marked, and the decision by its Chinese name', async () => {
    await page.click('nb-report button:has-text("历史")');
    const view = page.locator('nb-history [data-role="revision-view"]');
    const changes = view.locator('[data-role="revision-changes"]');
    await changes.waitFor();
    expect(await changes.locator('h3').innerText()).toMatch(/^第 \d+ 版相对第 \d+ 版的修改$/u);
    const part = changes.locator('[data-part="一"]');
    expect(await part.locator('del[data-op="delete"]').allInnerTexts()).toContain('2020');
    expect(await part.locator('ins[data-op="insert"]').allInnerTexts()).toContain('2021');
    expect((await part.locator('ins[data-op="insert"]').allInnerTexts()).join('')).toContain('的');
    expect(await changes.locator('[data-part="导语"]').count()).toBe(1);
    // the figure typed: blank → 7, by its official labels
    const cells = changes.locator('[data-role="changed-cells"] tbody tr');
    expect(await cells.count()).toBe(1);
    expect(await cells.innerText()).toMatch(/^表三 · .*自然人\s+（空）\s+7$/u);
    // the decision by its rule's Chinese name; the code only in the tooltip
    const decision = changes.locator('li[data-role="decision"]');
    expect(await decision.innerText()).toContain('沿用上年的年份待确认');
    expect(await decision.innerText()).toContain(
      '已核实，理由：统计期限的起始日，沿用无误（王小明）',
    );
    expect(await decision.innerText()).not.toContain('YEAR_REVIEW');
    expect(await decision.getAttribute('title')).toContain('YEAR_REVIEW');
    const listed = view.locator('.decisions li[data-role="decision"]');
    expect(await listed.innerText()).toContain('沿用上年的年份待确认');
    expect(await view.locator('.decisions').innerText()).not.toContain('YEAR_REVIEW');
    await shot('history-changes-1366');
    // against the report as it is being edited: the same, nothing changed since
    await view.locator('button[data-action="against-current"]').click();
    await expect.poll(() => changes.innerText()).toContain('没有修改。');
    await view.locator('button[data-action="against-previous"]').click();
    await part.waitFor();
    expect(errors).toEqual([]);
  });

  it('at 150 % (911×512) the marks, the pop-up and 历史 still fit', async () => {
    const zoomed = await openPage(browser, app, { zoom: 1.5 });
    const p = zoomed.page;
    await p.setViewportSize({ width: 911, height: 512 });
    await p.fill('nb-app header input', '王小明');
    await p.evaluate(`location.hash = ${JSON.stringify(`#/report/${unitId}/2021/history`)}`);
    await p.locator('nb-history [data-role="revision-changes"]').waitFor();
    await shot('history-changes-911', p);
    // another copied report, its carried years still open: the marks and the caret's pop-up
    await p.evaluate(`location.hash = ${JSON.stringify(`#/report/${otherId}/2021/edit`)}`);
    const mark = p.locator('nb-narrative-editor[place="一"] mark.carried[data-paragraph="1"]');
    await mark.first().waitFor();
    await p
      .locator('nb-narrative-editor[place="一"] textarea[data-paragraph="1"]')
      .scrollIntoViewIfNeeded();
    const year = (await mark.nth(1).boundingBox())!;
    await p.mouse.click(year.x + year.width / 2, year.y + year.height / 2);
    await p.locator('nb-narrative-editor[place="一"] [data-role="year-pop"]').waitFor();
    await shot('carried-pop-911', p);
    // the line under the paragraph has the same button for each marked year
    const field2 = p.locator('nb-narrative-editor[place="一"] textarea[data-paragraph="2"]');
    // (at this width a paragraph's tools show under the one being edited: edit this one first,
    // so that nothing moves between pressing and releasing the button)
    await field2.focus();
    await p
      .locator(
        'nb-narrative-editor[place="一"] button[data-action="fix-year"][data-paragraph="2"][data-year-mark="1"]',
      )
      .click();
    await expect
      .poll(() => field2.inputValue())
      .toBe('自2020年1月1日起，我局按季度更新2021年度重点工作信息。');
    await p.keyboard.press('Control+Z');
    await expect
      .poll(() => field2.inputValue())
      .toBe('自2020年1月1日起，我局按季度更新2020年度重点工作信息。');
    expect(zoomed.errors).toEqual([]);
    await p.context().close();
  });
});
