// End to end (issue 13, items 5, 6, 8, 12, 19 …): the editor as quick as a spreadsheet, in the
// real renderer in Chromium against the HTTP bridge — a fresh report counts only the cells a
// clerk can fill; Tab passes over computed totals and "Tab, Tab, Enter" returns to the first
// column; Ctrl+arrow jumps to the block's edge; an input method's text goes into the selected
// cell; the keyboard starts in the first field, F6 moves between the regions and the grid is
// one tab stop; a new report defaults to this year from November on, and copying a draft with
// errors warns first; nothing logs an HTTP error on the way. What the archive holds is checked
// at the end.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, CDPSession, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serialiseReport } from '../../core/file';
import { T3_BLOCK_ID } from '../../core/formats/common';
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

const UNIT = '清河县交通运输局';
let dir: string;
let app: RunningApp;
let browser: Browser;
let page: Page;
let errors: string[];
let unitId = '';

const cell = (table: string, block: string, row: string, col: string) =>
  page.locator(
    `nb-table-editor[table="${table}"] td[data-block="${block}"][data-row="${row}"][data-col="${col}"]`,
  );
const t3 = (row: string, col: string) => cell('三', T3_BLOCK_ID, row, col);

/** The focused element (through shadow roots): tag and the cell's or field's attributes. */
async function focused(p: Page = page): Promise<Record<string, string | null>> {
  return (await p.evaluate(`(() => {
    let el = document.activeElement;
    const hosts = [];
    while (el && el.shadowRoot && el.shadowRoot.activeElement) {
      hosts.push(el.tagName.toLowerCase());
      el = el.shadowRoot.activeElement;
    }
    if (!el) return {};
    const attrs = { tag: el.tagName.toLowerCase(), hosts: hosts.join(' ') };
    for (const a of ['data-row', 'data-col', 'data-action', 'id', 'class'])
      attrs[a] = el.getAttribute(a);
    return attrs;
  })()`)) as Record<string, string | null>;
}

const saveState = () => editorSaveState(page);

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-e2e-clerk-'));
  app = await startBridge(path.join(dir, 'archive.sqlite'));
  browser = await launchChromium();
  ({ page, errors } = await openPage(browser, app));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the editor as quick as a spreadsheet', { timeout: 60_000 }, () => {
  it('defaults a new report to this year from November on (the report is written in December)', async () => {
    const other = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const p = await other.newPage();
    await p.clock.setFixedTime(new Date('2026-11-20T10:00:00'));
    await p.goto(app.url);
    await p.fill('nb-app header input', '李四');
    await p.click('[data-action="new-unit"]');
    await p.fill('[data-role="unit-form"] input[name=name]', UNIT);
    await p.click('[data-action="submit-unit"]');
    await p.click(`[data-role="unit-item"]:has-text("${UNIT}")`);
    await p.waitForSelector('[data-role="new-report-year"]');
    expect(await p.inputValue('[data-role="new-report-year"]')).toBe('2026');
    await p.clock.setFixedTime(new Date('2026-10-31T10:00:00'));
    await p.reload();
    await p.click(`[data-role="unit-item"]:has-text("${UNIT}")`);
    expect(await p.inputValue('[data-role="new-report-year"]')).toBe('2025');
    await other.close();
  });

  it('creates a blank 2020 report without an HTTP error; it counts only fillable cells, none on 总计', async () => {
    await page.reload(); // the unit was created in the other window
    await page.fill('nb-app header input', '王小明');
    await page.keyboard.press('Tab');
    await page.click(`[data-role="unit-item"]:has-text("${UNIT}")`);
    unitId = (await page.getAttribute('[data-role="unit-pane"]', 'data-unit-id'))!;
    await page.fill('[data-role="new-report-year"]', '2020');
    await page.click('[data-action="create-report"]');
    await page.waitForSelector('nb-table-editor[table="三"] td[role="gridcell"]');
    // the window asked for 2019's report (none): no 404 logged
    await page.waitForTimeout(300);
    expect(errors).toEqual([]);
    // 166 cells to fill, not 200: computed totals are not blank-checked
    const fold = page.locator('nb-checks-panel li.fold[data-fold="CELL_BLANK"] summary');
    await expect.poll(() => fold.innerText()).toMatch(/× 166\b/u);
    expect(await t3('new', 'total').getAttribute('class')).not.toMatch(/\berror\b/u);
    expect(await t3('new', 'natural').getAttribute('class')).toMatch(/\berror\b/u);
  });

  it('puts the keyboard in the first field when the report opens', async () => {
    await expect.poll(focused).toMatchObject({ tag: 'input', id: 'title' });
  });

  it('F6 and Ctrl+Shift+E move between navigator, editor and checks; 帮助 lists them', async () => {
    await page.keyboard.press('F6');
    expect((await focused()).hosts).toContain('nb-checks-panel');
    await page.keyboard.press('F6');
    expect(await focused()).toMatchObject({ tag: 'a' });
    expect((await focused()).hosts).toBe('nb-app nb-report');
    await page.keyboard.press('Control+Shift+E');
    // back in the editor where the keyboard was
    expect(await focused()).toMatchObject({ tag: 'input', id: 'title' });
    await page.keyboard.press('Shift+F6');
    expect(await focused()).toMatchObject({ tag: 'a' });
    await page.keyboard.press('F1');
    await page.waitForSelector('nb-dialog dialog[open]');
    const help = await page.locator('nb-dialog dialog[open]').innerText();
    expect(help).toContain('F6 或 Ctrl+Shift+E');
    expect(help).toContain('连续 Tab 之后按 Enter');
    await screenshot(page, 'clerk-keys-help');
    await page.keyboard.press('Escape');
    await page.waitForSelector('nb-dialog dialog[open]', { state: 'detached' });
  });

  it('the grid is one tab stop: Tab on a cell leaves the table', async () => {
    await t3('new', 'natural').click();
    await page.keyboard.press('Tab');
    const f = await focused();
    expect(f.tag).not.toBe('td');
    // and Shift+Tab comes back to the cell the table remembers
    await page.keyboard.press('Shift+Tab');
    expect(await focused()).toMatchObject({ tag: 'td', 'data-row': 'new', 'data-col': 'natural' });
  });

  it('Tab after a typed value moves right over 总计; Enter after Tabs returns to the first column', async () => {
    await t3('new', 'business').click();
    for (const v of ['1', '2', '3', '4', '5']) {
      await page.keyboard.type(v);
      await page.keyboard.press('Tab');
    }
    // five values: business … otherOrg; the fifth Tab passed over the computed 总计 to the next row
    expect(await focused()).toMatchObject({
      tag: 'td',
      'data-row': 'carried',
      'data-col': 'natural',
    });
    await t3('carried', 'business').click();
    await page.keyboard.type('7');
    await page.keyboard.press('Tab');
    await page.keyboard.type('8');
    await page.keyboard.press('Enter');
    // Excel's "Tab, Tab, Enter": the next row, in the column where the Tabs started
    expect(await focused()).toMatchObject({
      tag: 'td',
      'data-row': 'granted',
      'data-col': 'business',
    });
    expect((await t3('new', 'otherOrg').innerText()).trim()).toBe('5');
    expect((await t3('carried', 'research').innerText()).trim()).toBe('8');
  });

  it('Ctrl+arrow jumps to the edge of the filled block', async () => {
    await t3('new', 'business').click();
    await page.keyboard.press('Control+ArrowRight');
    expect(await focused()).toMatchObject({ 'data-row': 'new', 'data-col': 'otherOrg' });
    await page.keyboard.press('Control+ArrowRight');
    expect(await focused()).toMatchObject({ 'data-row': 'new', 'data-col': 'total' });
    await page.keyboard.press('Control+ArrowLeft');
    expect(await focused()).toMatchObject({ 'data-row': 'new', 'data-col': 'otherOrg' });
    await page.keyboard.press('Control+ArrowLeft');
    expect(await focused()).toMatchObject({ 'data-row': 'new', 'data-col': 'business' });
    await page.keyboard.press('Control+ArrowDown');
    expect(await focused()).toMatchObject({ 'data-row': 'carried', 'data-col': 'business' });
  });

  it('input-method text goes into the selected cell, even after a refused value elsewhere', async () => {
    const cdp: CDPSession = await page.context().newCDPSession(page);
    // an invalid value, refused, then a click on another cell
    await t3('granted', 'natural').click();
    await page.keyboard.type('abc');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('nb-table-editor[table="三"] [data-message="error"]').innerText())
      .toMatch(/[\u4e00-\u9fff]/u);
    await t3('granted', 'legal').click();
    // an IME composes on the selected cell: key 229, composition updates, then the commit
    await cdp.send('Input.dispatchKeyEvent', {
      type: 'rawKeyDown',
      key: 'Process',
      code: 'KeyS',
      windowsVirtualKeyCode: 229,
      nativeVirtualKeyCode: 229,
    });
    await cdp.send('Input.imeSetComposition', { text: 's', selectionStart: 1, selectionEnd: 1 });
    await cdp.send('Input.imeSetComposition', { text: 'san', selectionStart: 3, selectionEnd: 3 });
    await cdp.send('Input.insertText', { text: '三' });
    const input = page.locator('nb-table-editor[table="三"] input.nb-cell-input');
    expect(await input.count()).toBe(1);
    expect(await input.inputValue()).toBe('三');
    // the input is the selected cell's, not the earlier one's
    const host = await input.evaluate((el) => el.closest('td')!.getAttribute('data-col'));
    expect(host).toBe('legal');
    await screenshot(page, 'clerk-ime-cell');
    // "三" is no number: refused in this cell, and the earlier cell keeps no "abc三"
    await page.keyboard.press('Escape');
    expect((await t3('granted', 'natural').innerText()).trim()).toBe('');
    expect((await t3('granted', 'legal').innerText()).trim()).toBe('');
    // a real digit through the IME path is stored in the selected cell
    await t3('granted', 'research').click();
    await cdp.send('Input.dispatchKeyEvent', {
      type: 'rawKeyDown',
      key: 'Process',
      windowsVirtualKeyCode: 229,
      nativeVirtualKeyCode: 229,
    });
    await cdp.send('Input.imeSetComposition', { text: '6', selectionStart: 1, selectionEnd: 1 });
    await cdp.send('Input.insertText', { text: '6' });
    await page.keyboard.press('Enter');
    expect((await t3('granted', 'research').innerText()).trim()).toBe('6');
    await cdp.detach();
  });

  it('saves, and the archive holds what was typed where it was typed', async () => {
    // the first body paragraph: under the standard outline's （一）主动公开
    await page.locator('nb-narrative-editor[place="一"] textarea[data-paragraph="1"]').click();
    await page.keyboard.type('2020年，我局全年主动公开政府信息120条。');
    await page.keyboard.press('Control+S');
    await expect.poll(saveState).toBe('saved');
    expect(errors).toEqual([]);
    await inArchive(app.archive, (archive) => {
      const opened = archive.openReport({ unitId, year: 2020 });
      if (opened.legacy) throw new Error('expected a structured report');
      const rows = opened.report.sections['三']!.table!.blocks[T3_BLOCK_ID]!.rows;
      expect(rows['new']!.cells).toMatchObject({
        business: '1',
        research: '2',
        nonprofit: '3',
        legal: '4',
        otherOrg: '5',
      });
      expect(rows['carried']!.cells).toMatchObject({ business: '7', research: '8' });
      expect(rows['granted']!.cells).toMatchObject({ natural: '', legal: '', research: '6' });
    });
  });

  it('at 150 % keeps T3’s header rows and label columns in view while scrolling, with the scroll bar visible', async () => {
    const zoomed = await openPage(browser, app, { zoom: 1.5 });
    const p = zoomed.page;
    await p.setViewportSize({ width: 911, height: 512 });
    await p.goto(`${app.origin}/#/report/${encodeURIComponent(unitId)}/2020/edit`);
    for (const table of ['三', '四']) {
      const box = p.locator(`nb-table-editor[table="${table}"] [data-role="table-scroll"]`);
      await box.scrollIntoViewIfNeeded();
      const before = await box.evaluate((el) => {
        const r = el.getBoundingClientRect();
        return {
          wide: el.scrollWidth > el.clientWidth,
          bottom: r.bottom,
        };
      });
      // the table is wider than its box, and the whole box (its scroll bar at the bottom) fits
      expect(before.wide, table).toBe(true);
      expect(before.bottom, table).toBeLessThanOrEqual(p.viewportSize()!.height);
      await box.evaluate((el) => el.scrollTo(el.scrollWidth, el.scrollHeight));
      await p.waitForTimeout(100);
      const after = await box.evaluate((el) => {
        const r = el.getBoundingClientRect();
        const head = el.querySelector('thead')!.getBoundingClientRect();
        const label = el.querySelector('th.sticky');
        return {
          scrolledX: el.scrollLeft > 0,
          headTop: Math.round(head.top - r.top),
          labelLeft: label ? Math.round(label.getBoundingClientRect().left - r.left) : 0,
        };
      });
      expect(after.scrolledX, table).toBe(true);
      // the header rows stay at the top and the label columns at the left of the scrolled box
      expect(Math.abs(after.headTop), table).toBeLessThanOrEqual(1);
      expect(Math.abs(after.labelLeft), table).toBeLessThanOrEqual(1);
      await screenshot(p, `clerk-t${table === '三' ? 3 : 4}-150-scrolled`);
    }
    expect(zoomed.errors).toEqual([]);
    await p.context().close();
  });

  it('warns before copying a draft that still has errors, and copies only when asked', async () => {
    await page.click('nb-report button:has-text("首页")');
    await page.click(`[data-role="unit-item"]:has-text("${UNIT}")`);
    await page.waitForSelector('[data-role="year-row"][data-year="2020"]');
    await page.fill('[data-role="new-report-year"]', '2021');
    await page.check('[data-role="new-report-copy"]');
    await page.click('[data-action="create-report"]');
    await page.waitForSelector('nb-dialog dialog[open]');
    const text = await page.locator('nb-dialog dialog[open]').innerText();
    expect(text).toMatch(/2020年度报告还是草稿，有 \d+ 个错误/u);
    await screenshot(page, 'clerk-copy-draft-warning');
    await page.click('nb-dialog button:not(.confirm)');
    await page.waitForSelector('nb-dialog dialog[open]', { state: 'detached' });
    expect(await page.locator('[data-role="year-row"][data-year="2021"]').count()).toBe(0);
    await page.click('[data-action="create-report"]');
    await page.click('nb-dialog button.confirm');
    await page.waitForSelector('nb-table-editor[table="三"] td[role="gridcell"]');
    expect(decodeURIComponent(new URL(page.url()).hash)).toBe(`#/report/${unitId}/2021/edit`);
    expect(errors).toEqual([]);
  });

  it('moves every carried year on with one undoable action: 全部改为 2021年', async () => {
    const para = page.locator('nb-narrative-editor[place="一"] textarea[data-paragraph="1"]');
    expect(await para.inputValue()).toContain('2020年，我局');
    const review = page.locator(
      'nb-checks-panel li.finding[data-code="YEAR_REVIEW"]:not([data-group="resolved"])',
    );
    await expect.poll(() => review.count()).toBeGreaterThan(0);
    const fix = page.locator('nb-checks-panel button[data-action="fix-years"]');
    expect(await fix.innerText()).toMatch(/^全部改为 2021年（\d+ 处）$/u);
    await screenshot(page, 'clerk-year-fix');
    await fix.click();
    await expect.poll(() => para.inputValue()).toContain('2021年，我局');
    await expect.poll(() => review.count()).toBe(0);
    expect(await fix.count()).toBe(0);
    // one undoable action
    await page.keyboard.press('Control+Z');
    await expect.poll(() => para.inputValue()).toContain('2020年，我局');
    await page.keyboard.press('Control+Y');
    await expect.poll(() => para.inputValue()).toContain('2021年，我局');
    await page.keyboard.press('Control+S');
    await expect.poll(saveState).toBe('saved');
    await inArchive(app.archive, (archive) => {
      const opened = archive.openReport({ unitId, year: 2021 });
      if (opened.legacy) throw new Error('expected a structured report');
      expect(opened.report.sections['一']!.paragraphs.slice(0, 2)).toEqual([
        { level: 2, text: '（一）主动公开' },
        { level: 0, text: '2021年，我局全年主动公开政府信息120条。' },
      ]);
    });
  });

  it('compares a pasted block’s own 总计 with the computed one and names the rows that differ', async () => {
    await page
      .context()
      .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.origin });
    // two rows from a spreadsheet with its own 总计 column: the first adds up, the second not
    const block = ['1\t2\t3\t4\t5\t6\t21', '1\t1\t1\t1\t1\t1\t9'].join('\r\n');
    await t3('new', 'natural').click();
    await page.evaluate(`navigator.clipboard.writeText(${JSON.stringify(block)})`);
    await page.keyboard.press('Control+V');
    const info = page.locator('nb-table-editor[table="三"] [data-message="info"]');
    await expect.poll(() => info.innerText()).toContain('粘贴的合计有 1 处与按表中数字计算的不同');
    expect(await info.innerText()).toContain('粘贴的是 9，按表中数字计算为 6');
    expect(await info.innerText()).not.toContain('粘贴的是 21');
    await screenshot(page, 'clerk-paste-totals');
    // the cell's own value (its first line; 对比上年 may add last year's below it)
    expect((await t3('carried', 'total').innerText()).split('\n')[0]!.trim()).toBe('6');
    await page.keyboard.press('Control+S');
    await expect.poll(saveState).toBe('saved');
    await inArchive(app.archive, (archive) => {
      const opened = archive.openReport({ unitId, year: 2021 });
      if (opened.legacy) throw new Error('expected a structured report');
      const rows = opened.report.sections['三']!.table!.blocks[T3_BLOCK_ID]!.rows;
      expect(rows['new']!.cells['total']).toBe('21');
      // the computed value is kept, not the pasted 9
      expect(rows['carried']!.cells['total']).toBe('6');
    });
    expect(errors).toEqual([]);
  });

  it('says why a mistyped 成文日期 was not taken, and shows what a good one was read as', async () => {
    const date = page.locator('nb-header-fields #signature-date');
    await date.click();
    await page.keyboard.type('2022');
    await page.keyboard.press('Tab'); // month and day missing
    await page.locator('nb-header-fields #title').focus();
    const problem = page.locator('nb-header-fields [data-role="date-problem"]');
    await expect.poll(() => problem.count()).toBe(1);
    expect(await problem.innerText()).toContain('输入的日期不完整或不存在');
    expect(await problem.innerText()).toContain('成文日期仍未填写');
    await screenshot(page, 'clerk-date-refused');
    await page.fill('nb-header-fields #signature-date', '2022-01-20');
    await expect.poll(() => problem.count()).toBe(0);
    expect(await page.locator('nb-header-fields #date-written').innerText()).toBe('2022年1月20日');
    await page.keyboard.press('Control+S');
    await expect.poll(saveState).toBe('saved');
    await inArchive(app.archive, (archive) => {
      const opened = archive.openReport({ unitId, year: 2021 });
      if (opened.legacy) throw new Error('expected a structured report');
      expect(opened.report.signature.date).toBe('2022年1月20日');
    });
    expect(errors).toEqual([]);
  });

  it('imports a file and opens a report with nothing logged as an error', async () => {
    await page.click('nb-report button:has-text("首页")');
    const file = path.join(dir, '其他县2022年报告.nianbao.json');
    const report = balancedReport(2022);
    fs.writeFileSync(
      file,
      serialiseReport({ ...report, unit: { ...report.unit, name: '清河县水利局' } }),
    );
    await page.setInputFiles('[data-role="import-files-input"]', file);
    await page.waitForSelector('[data-role="import-summary"]');
    expect(await page.locator('[data-count="imported"] .n').innerText()).toBe('1');
    await page.click('[data-action="close-import"]');
    await page.click(`[data-role="unit-item"]:has-text("${UNIT}")`);
    await page.waitForSelector('[data-role="year-row"][data-year="2021"]');
    await page.click('[data-role="year-row"][data-year="2021"] [data-action="open-report"]');
    await page.waitForSelector('nb-narrative-editor[place="五"] textarea[data-paragraph="0"]');
    expect(errors).toEqual([]);
  });

  it('opens a search hit at the matched text, marked', async () => {
    const para = page.locator('nb-narrative-editor[place="五"] textarea[data-paragraph="1"]');
    await para.click();
    await page.keyboard.type('下一步将完善依申请公开的台账管理制度。');
    await page.keyboard.press('Control+S');
    await expect.poll(saveState).toBe('saved');
    await page.click('nb-report button:has-text("首页")');
    await page.fill('[data-role="search-input"]', '台账管理');
    await page.click(`[data-role="search-hit"][data-unit-id="${unitId}"] >> nth=0`);
    await page.waitForSelector('nb-narrative-editor[place="五"] textarea[data-paragraph="0"]');
    expect(decodeURIComponent(new URL(page.url()).hash)).toContain('?find=台账管理');
    // the paragraph holding the hit has the keyboard, the matched words selected
    await expect
      .poll(() =>
        page.evaluate(`(() => {
          let el = document.activeElement;
          while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
          return el && el.tagName === 'TEXTAREA'
            ? el.value.slice(el.selectionStart, el.selectionEnd) + '|' + el.closest('nb-narrative-editor, [data-place]')
            : '';
        })()`),
      )
      .toMatch(/^台账管理\|/u);
    await screenshot(page, 'clerk-search-hit');
    expect(errors).toEqual([]);
  });
});
