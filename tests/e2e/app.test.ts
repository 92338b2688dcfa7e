// End to end: the real renderer in Debian's Chromium against the HTTP bridge (dist/bridge.cjs)
// over a temporary archive — what a clerk does in a year, by keyboard where a clerk would use
// the keyboard. Each step checks the screen; the last one checks what the archive holds.
// Screenshots of every screen at 1366×768 (and the editor and home at 150 %) are written to
// tests/artifacts/screenshots/.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serialiseReport } from '../../core/file';
import { FORMATS } from '../../core/formats';
import type { Report } from '../../core/model';
import { inArchive, rawConnection } from '../helpers/archive';
import {
  launchChromium,
  openPage,
  saveState as editorSaveState,
  screenshot,
  startBridge,
  type RunningApp,
  confirmDialog as confirmDialogIn,
} from '../helpers/browser';
import { SAMPLE } from '../helpers/paths';
import { balancedReport } from '../helpers/reports';

const SAMPLE_UNIT = '沂源县行政审批服务局';
const NEW_UNIT = '清河县市场监督管理局';
const XSS_UNIT = '<img src=x onerror="window.__xss=1">县档案馆';
const UNSAVED = '（未保存的一句话）';
const XSS_TEXT = '<script>window.__xss=2</script>我们<b>加强</b>了公开。';

let dir: string;
let app: RunningApp;
let browser: Browser;
let page: Page;
let errors: string[];
let unitId = '';
let finalisedSha = '';
const VALUES = balancedReport(2021);

/** The values of a table block as spreadsheet text (rows × columns, tab-separated). */
function tsv(table: '二' | '三' | '四', blockIds: readonly string[], rowIds?: readonly string[]) {
  const blocks = FORMATS['2021'].tables[table].blocks.filter((b) => blockIds.includes(b.id));
  const rows = rowIds ?? blocks[0]!.rows.map((r) => r.id);
  return rows
    .map((row) =>
      blocks
        .flatMap((b) =>
          b.columns.map((c) => VALUES.sections[table]!.table!.blocks[b.id]!.rows[row]!.cells[c.id]),
        )
        .join('\t'),
    )
    .join('\r\n');
}

const cell = (table: string, block: string, row: string, col: string) =>
  page.locator(
    `nb-table-editor[table="${table}"] td[data-block="${block}"][data-row="${row}"][data-col="${col}"]`,
  );

/** Pastes text as a spreadsheet would put it on the clipboard, at the focused cell. */
async function pasteAt(table: string, block: string, row: string, col: string, text: string) {
  await cell(table, block, row, col).click();
  await page.evaluate(`navigator.clipboard.writeText(${JSON.stringify(text)})`);
  await page.keyboard.press('Control+V');
}

async function openFindings(code?: string): Promise<string[]> {
  return page.$$eval(
    'nb-checks-panel li.finding:not([data-group="resolved"])',
    (els, c) =>
      els.map((e) => e.getAttribute('data-code') ?? '').filter((x) => c === undefined || x === c),
    code,
  );
}

/** The element that has the keyboard focus, through shadow roots. */
async function focused(): Promise<Record<string, string | null>> {
  return (await page.evaluate(`(() => {
    let el = document.activeElement;
    while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
    if (!el) return {};
    const attrs = { tag: el.tagName.toLowerCase() };
    for (const a of ['data-block', 'data-row', 'data-col', 'data-paragraph', 'id'])
      attrs[a] = el.getAttribute(a);
    return attrs;
  })()`)) as Record<string, string | null>;
}

/** Role, action and text of the focused element (through shadow roots). */
async function focusedRole(): Promise<Record<string, string | null>> {
  return (await page.evaluate(`(() => {
    let el = document.activeElement;
    while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
    if (!el) return {};
    return {
      role: el.getAttribute('role'),
      action: el.getAttribute('data-action'),
      text: (el.getAttribute('aria-label') || '') + ' ' + (el.textContent || ''),
    };
  })()`)) as Record<string, string | null>;
}

/** The report view's save state ('saved', 'editing', 'journaled', 'saving', 'error'). */
const saveState = () => editorSaveState(page);

/**
 * Controls without an accessible name, from the page's accessibility tree (through shadow
 * roots): a button, field, cell or tab a screen reader could only call "button".
 */
async function unnamedControls(p: Page = page): Promise<string[]> {
  const tree = await p.locator('body').ariaSnapshot();
  return tree
    .split('\n')
    .filter((line) =>
      /^\s*- (button|textbox|searchbox|combobox|checkbox|radio|spinbutton|gridcell|treeitem|tab|link|listbox|option|slider)(\s*\[[^\]]*\])*\s*(:|$)/u.test(
        line,
      ),
    );
}

const confirmDialog = (text?: string) => confirmDialogIn(page, text);

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-e2e-'));
  app = await startBridge(path.join(dir, 'archive.sqlite'));
  browser = await launchChromium();
  ({ page, errors } = await openPage(browser, app));
  await page
    .context()
    .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.origin });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a year of a clerk, in the browser mode', { timeout: 60_000 }, () => {
  it('starts on an empty home screen and records the clerk as author', async () => {
    await page.waitForSelector('nb-home [data-role="unit-tree"]');
    await page.fill('nb-app header input', '王小明');
    await page.keyboard.press('Tab');
    await screenshot(page, '01-home-empty');
    expect(await page.locator('[data-role="unit-item"]').count()).toBe(0);
  });

  it('creates a unit (and shows a unit name with markup as text)', async () => {
    for (const name of [NEW_UNIT, XSS_UNIT]) {
      await page.click('[data-action="new-unit"]');
      await page.waitForSelector('[data-role="unit-form"]');
      await page.fill('[data-role="unit-form"] input[name=name]', name);
      if (name === NEW_UNIT) await screenshot(page, '02-new-unit-dialog');
      await page.click('[data-action="submit-unit"]');
      await page.waitForSelector(`[data-role="unit-item"]:has-text("${name.slice(-5)}")`);
    }
    const names = await page.locator('[data-role="unit-item"]').allInnerTexts();
    expect(names.join('\n')).toContain(NEW_UNIT);
    expect(names.join('\n')).toContain('<img src=x onerror="window.__xss=1">');
    expect(await page.evaluate('window.__xss')).toBeUndefined();
  });

  it('imports last year’s report from a path and opens the unit it created', async () => {
    await page.fill('[data-role="import-path"]', SAMPLE);
    await page.click('[data-action="import-path"]');
    await page.waitForSelector('[data-role="import-summary"]');
    await screenshot(page, '03-import-summary');
    expect(await page.locator('[data-count="imported"] .n').innerText()).toBe('1');
    await page.click('[data-action="close-import"]');
    await page.click(`[data-role="unit-item"]:has-text("${SAMPLE_UNIT}")`);
    await page.waitForSelector('[data-role="year-row"][data-year="2020"]');
    unitId = (await page.getAttribute('[data-role="unit-pane"]', 'data-unit-id'))!;
    expect(unitId).toBeTruthy();
    await screenshot(page, '04-home-unit');
    expect(await unnamedControls()).toEqual([]);
  });

  it('imports a file picked in the window (sent as bytes) into the unit it names', async () => {
    const file = path.join(dir, '清河县2022年报告.nianbao.json');
    const report = balancedReport(2022);
    fs.writeFileSync(
      file,
      serialiseReport({ ...report, unit: { ...report.unit, name: NEW_UNIT } }),
    );
    await page.setInputFiles('[data-role="import-files-input"]', file);
    await page.waitForSelector('[data-role="import-summary"]');
    expect(await page.locator('[data-count="imported"] .n').innerText()).toBe('1');
    await page.click('[data-action="close-import"]');
    await page.click(`[data-role="unit-item"]:has-text("${NEW_UNIT}")`);
    await page.waitForSelector('[data-role="year-row"][data-year="2022"][data-status="待定稿"]');
    await page.click(`[data-role="unit-item"]:has-text("${SAMPLE_UNIT}")`);
    await page.waitForSelector(`[data-role="unit-pane"][data-unit-id="${unitId}"]`);
  });

  it('copies last year into 2021 and opens the editor', async () => {
    await page.fill('[data-role="new-report-year"]', '2021');
    await page.check('[data-role="new-report-copy"]');
    await page.click('[data-action="create-report"]');
    // the imported 2020 report is a draft with errors: the window asks before copying it
    await page.waitForSelector('nb-dialog dialog[open]');
    expect(await page.locator('nb-dialog dialog[open]').innerText()).toMatch(
      /2020年度报告还是草稿，有 \d+ 个错误/u,
    );
    await confirmDialog();
    await page.waitForSelector('nb-table-editor[table="三"] td[role="gridcell"]');
    expect(decodeURIComponent(new URL(page.url()).hash)).toBe(`#/report/${unitId}/2021/edit`);
    // copied text, blank tables: CELL_BLANK errors, year mentions to review
    expect((await openFindings('CELL_BLANK')).length).toBeGreaterThan(100);
    expect((await openFindings('YEAR_REVIEW')).length).toBeGreaterThan(0);
    // so many of one check fold into one entry, opened on demand
    const fold = page.locator('nb-checks-panel li.fold[data-fold="CELL_BLANK"]');
    expect(await fold.locator('summary').innerText()).toMatch(/单元格未填 × \d{3}/u);
    expect(await fold.locator('li.finding').first().isVisible()).toBe(false);
    await screenshot(page, '05-editor-top');
    expect(await unnamedControls()).toEqual([]);
  });

  it('edits header fields and text by keyboard', async () => {
    await page.fill('nb-header-fields #signature-date', '2022-01-20');
    const para = page.locator('nb-narrative-editor[place="五"] textarea[data-paragraph="0"]');
    await para.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('下一步，我局将继续加强政务公开工作。');
    const six = page.locator('nb-narrative-editor[place="六"] textarea[data-paragraph="0"]');
    await six.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type(XSS_TEXT);
    expect(await page.evaluate('window.__xss')).toBeUndefined();
    expect(await openFindings('DATE_MISSING')).toEqual([]);
  });

  it('fills the tables: a block pasted from a spreadsheet, cells typed with Tab and Enter', async () => {
    await pasteAt('三', 't3', 'new', 'natural', tsv('三', ['t3']));
    await page.waitForTimeout(200);
    expect(await openFindings('CELL_BLANK')).not.toContain('T3');
    await pasteAt(
      '四',
      'review',
      'case',
      'upheld',
      tsv('四', ['review', 'suitDirect', 'suitAfter']),
    );
    await pasteAt('二', 'art20_1', 'rules', 'issued', tsv('二', ['art20_1']));
    // the single cells of T2 by keyboard: type, Enter
    for (const [block, row, col] of [
      ['art20_5', 'licensing', 'decisions'],
      ['art20_6', 'penalty', 'decisions'],
      ['art20_6', 'enforcement', 'decisions'],
      ['art20_8', 'fees', 'fees'],
    ] as const) {
      await cell('二', block, row, col).click();
      await page.keyboard.type(VALUES.sections['二']!.table!.blocks[block]!.rows[row]!.cells[col]!);
      await page.keyboard.press('Enter');
    }
    await page.waitForTimeout(200);
    expect(await openFindings('CELL_BLANK')).toEqual([]);
    expect(await page.locator('nb-table-editor [data-message="error"]').allInnerTexts()).toEqual([
      '',
      '',
      '',
    ]);
    await cell('三', 't3', 'new', 'natural').scrollIntoViewIfNeeded();
    await screenshot(page, '06-table-t3');
  });

  it('refuses an invalid value with a message and keeps what was typed', async () => {
    const target = cell('三', 't3', 'granted', 'business');
    const before = await target.innerText();
    await target.click();
    await page.keyboard.type('1.5');
    await page.keyboard.press('Enter');
    const message = page.locator('nb-table-editor[table="三"] [data-message="error"]');
    await expect.poll(() => message.innerText()).toMatch(/[\u4e00-\u9fff]/u);
    expect(await page.locator('nb-table-editor[table="三"] input.nb-cell-input').inputValue()).toBe(
      '1.5',
    );
    await screenshot(page, '07-invalid-value');
    await page.keyboard.press('Escape');
    expect((await target.innerText()).trim()).toBe(before.trim());
  });

  it('shows a finding as a cell is changed, focuses the cell from the finding, and undo removes it', async () => {
    expect(await openFindings('T3_BALANCE')).toEqual([]);
    const target = cell('三', 't3', 'new', 'natural');
    const value = Number(VALUES.sections['三']!.table!.blocks['t3']!.rows['new']!.cells['natural']);
    await target.click();
    await page.keyboard.type(String(value + 3));
    await page.keyboard.press('Enter');
    // the column and the 总计 column (which follows its cells) no longer balance
    await expect.poll(() => openFindings('T3_BALANCE')).toHaveLength(2);
    await page.click(
      'nb-checks-panel li.finding[data-code="T3_BALANCE"] >> nth=0 >> button[data-action="go"]',
    );
    await expect.poll(focused).toMatchObject({ tag: 'td', 'data-block': 't3' });
    expect(['natural', 'total']).toContain((await focused())['data-col']);
    // only the report's own column scrolled: the page (title bar, toolbar) did not move
    expect(await page.evaluate('document.documentElement.scrollTop')).toBe(0);
    await screenshot(page, '08-finding-focus');
    await page.keyboard.press('Control+Z');
    await expect.poll(() => openFindings('T3_BALANCE')).toEqual([]);
    await page.keyboard.press('Control+Y');
    await expect.poll(() => openFindings('T3_BALANCE')).toHaveLength(2);
  });

  it('overrides an error with a written reason', async () => {
    const open = 'nb-checks-panel li.finding[data-code="T3_BALANCE"]:not([data-group="resolved"])';
    for (let i = 0; i < 2; i++) {
      await page.click(`${open} >> nth=0 >> button[data-action="override"]`);
      await page.waitForSelector('nb-dialog dialog[open]');
      if (i === 0) {
        // an empty reason is refused, and the dialog stays
        await page.click('nb-dialog button.confirm');
        expect(await page.locator('nb-dialog dialog[open]').count()).toBe(1);
        await screenshot(page, '09-override-dialog');
      }
      await confirmDialog('经核实，本年新收申请含一件重复登记，台账如此。');
    }
    await expect.poll(() => openFindings('T3_BALANCE')).toEqual([]);
    expect(
      await page
        .locator('nb-checks-panel li.finding[data-code="T3_BALANCE"][data-group="resolved"]')
        .count(),
    ).toBe(2);
  });

  it('saves with Ctrl+S and leaves no error open', async () => {
    await page.keyboard.press('Control+S');
    await expect.poll(saveState).toBe('saved');
    // warnings may remain (copied text to review); errors must not
    const errorsOpen = await page.$$eval(
      'nb-checks-panel li.finding[data-group="error"]',
      (e) => e.length,
    );
    expect(errorsOpen).toBe(0);
  });

  it('previews the print copy and finalises it', async () => {
    await page.click('nb-report [role="tab"]:has-text("打印与定稿")');
    await page.waitForSelector('[data-role="preview"][data-state="ready"][data-year="2021"]', {
      timeout: 30_000,
    });
    const pages = await page.locator('canvas[data-role="preview-page"]').count();
    expect(pages).toBeGreaterThanOrEqual(3);
    // a draft preview shows no SHA-256: it matters only for the archived 定稿 PDF (issue 13 item 17)
    expect(await page.locator('[data-role="preview-sha256"]').count()).toBe(0);
    await screenshot(page, '10-print-preview');
    expect(await unnamedControls()).toEqual([]);
    await page.click('[data-action="finalise"]');
    await confirmDialog();
    await page.waitForSelector('[data-role="finalised"] [data-role="sha256"]');
    const sha = (await page.locator('[data-role="sha256"]').innerText()).trim();
    finalisedSha = sha;
    expect(sha).toMatch(/^[0-9a-f]{64}$/u);
    // the preview now shows the archived bytes: the same SHA-256
    await page.waitForSelector('[data-role="preview"][data-state="ready"][data-year="2021"]');
    expect((await page.locator('[data-role="preview-sha256"]').innerText()).trim()).toBe(sha);
    await screenshot(page, '11-finalised');
    // read-only now: the editor refuses typing into a cell
    await page.click('nb-report [role="tab"]:has-text("编辑")');
    await page.waitForSelector('nb-table-editor table[aria-readonly="true"]');
  });

  it('reopens with a reason and restores a revision from the history', async () => {
    await page.click('nb-report [role="tab"]:has-text("打印与定稿")');
    await page.click('[data-action="reopen"]');
    await confirmDialog('上级要求补充说明收费情况。');
    await page.waitForSelector('[data-action="finalise"]');
    await page.click('nb-report [role="tab"]:has-text("历史")');
    await page.waitForSelector('[data-role="history-item"][data-reason="copy"]');
    await page.click('[data-role="history-item"][data-reason="copy"]');
    await page.waitForSelector('[data-role="revision-view"]');
    await screenshot(page, '12-history');
    expect(await unnamedControls()).toEqual([]);
    await page.click('[data-action="restore-revision"]');
    await confirmDialog();
    await page.waitForSelector('[data-role="history-item"][data-reason="restore"]');
  });

  it('finds the report by searching the archive', async () => {
    await page.click('nb-report button:has-text("首页")');
    await page.fill('[data-role="search-input"]', '鲁山路');
    await page.waitForSelector(`[data-role="search-hit"][data-unit-id="${unitId}"]`);
    await screenshot(page, '13-search');
    await page.click(`[data-role="search-hit"][data-unit-id="${unitId}"] >> nth=0`);
    await page.waitForSelector('nb-report');
  });

  it('loses no typed text when the window is closed without saving', async () => {
    const other = await openPage(browser, app);
    const report = `${app.origin}/#/report/${encodeURIComponent(unitId)}/2021/edit`;
    await other.page.goto(report);
    const para = other.page.locator('nb-narrative-editor[place="一"] textarea[data-paragraph="0"]');
    await para.click();
    await other.page.keyboard.press('Control+End');
    await other.page.keyboard.type(UNSAVED);
    // the edit journal is written within a second of typing; no revision is made
    await expect.poll(() => other.page.locator('nb-report .save').innerText()).toContain('已暂存');
    await other.page.context().close();

    await page.goto(`${app.origin}/#/`);
    await page.click(`[data-role="unit-item"]:has-text("${SAMPLE_UNIT}")`);
    await page.waitForSelector('[data-role="year-row"][data-year="2021"] [data-role="pending"]');
    await page.click('[data-role="year-row"][data-year="2021"] [data-action="open-report"]');
    const text = await page
      .locator('nb-narrative-editor[place="一"] textarea[data-paragraph="0"]')
      .inputValue();
    expect(text.endsWith(UNSAVED)).toBe(true);
    await page.click('nb-report button:has-text("首页")');
  });

  it('follows the desktop menu (保存, 打印, 新建) when the shell offers one', async () => {
    // what the Electron preload exposes besides the API: a menu callback
    const shell = await openPage(browser, app, {
      initScript: `window.nianbaoShell = { desktop: true, onMenu(cb) { window.__menu = cb; return () => {}; } };`,
    });
    const p = shell.page;
    await p.goto(`${app.origin}/#/report/${encodeURIComponent(unitId)}/2021/edit`);
    const para = p.locator('nb-narrative-editor[place="五"] textarea[data-paragraph="0"]');
    await para.click();
    await p.keyboard.press('Control+End');
    await p.keyboard.type('（菜单保存）');
    const before = await p.locator('nb-report .save').innerText();
    expect(before).not.toBe('已保存');
    await p.evaluate(`window.__menu('save')`);
    await expect.poll(() => p.locator('nb-report .save').innerText()).toBe('已保存');
    await p.evaluate(`window.__menu('print')`);
    await p.waitForSelector('[data-role="preview"]');
    expect(new URL(p.url()).hash).toMatch(/\/print$/u);
    await p.evaluate(`window.__menu('new-report')`);
    await p.waitForSelector('[data-role="new-report-year"]');
    expect(new URL(p.url()).hash).toBe('#/');
    expect(shell.errors).toEqual([]);
    await p.context().close();
  });

  it('opens a report from home with the keyboard alone', async () => {
    await page.goto(`${app.origin}/#/`);
    await page.waitForSelector('[data-role="unit-tree"]');
    await page.focus('[data-role="unit-filter"]');
    const tabTo = async (want: (f: Record<string, string | null>) => boolean, max = 40) => {
      for (let i = 0; i < max; i++) {
        await page.keyboard.press('Tab');
        if (want(await focusedRole())) return;
      }
      throw new Error('Tab never reached the control');
    };
    await tabTo((f) => f.role === 'treeitem');
    // ↓/↑ move in the tree and select (selection follows focus)
    for (let i = 0; i < 5; i++) {
      const f = await focusedRole();
      if ((f.text ?? '').includes(SAMPLE_UNIT)) break;
      await page.keyboard.press('ArrowDown');
    }
    expect((await focusedRole()).text).toContain(SAMPLE_UNIT);
    await page.waitForSelector(`[data-role="unit-pane"][data-unit-id="${unitId}"]`);
    await tabTo((f) => f.action === 'open-report' && (f.text ?? '').includes('2021'));
    await page.keyboard.press('Enter');
    await page.waitForSelector('nb-table-editor[table="三"] td[role="gridcell"]');
    expect(decodeURIComponent(new URL(page.url()).hash)).toBe(`#/report/${unitId}/2021/edit`);
    await page.click('nb-report button:has-text("首页")');
  });

  it('is readable at 150 % zoom', async () => {
    const zoomed = await openPage(browser, app, { zoom: 1.5 });
    await zoomed.page.setViewportSize({ width: 911, height: 512 });
    await zoomed.page.waitForSelector('nb-home [data-role="unit-tree"]');
    await screenshot(zoomed.page, '14-home-150');
    await zoomed.page.goto(`${app.origin}/#/report/${encodeURIComponent(unitId)}/2021/edit`);
    await zoomed.page.waitForSelector('nb-table-editor[table="三"] td[role="gridcell"]');
    await screenshot(zoomed.page, '15-editor-150');
    expect(zoomed.errors).toEqual([]);
    await zoomed.page.context().close();
  });

  it('left everything in the archive', async () => {
    expect(errors).toEqual([]);
    await app.stop();
    await inArchive(app.archive, (archive) => {
      const units = archive.listUnits().map((u) => u.name);
      expect(units).toEqual(expect.arrayContaining([NEW_UNIT, SAMPLE_UNIT, XSS_UNIT]));
      const reasons = archive.history({ unitId, year: 2021 }).map((r) => r.reason);
      expect(reasons).toEqual(expect.arrayContaining(['copy', 'save', 'reopen', 'restore']));
      const revs = archive.history({ unitId, year: 2021 });
      expect(revs.find((r) => r.reason === 'reopen')!.note).toContain('补充说明收费情况');
      expect(revs.some((r) => r.finalised)).toBe(true);
      // the clerk named in the title bar is the author of what was done in that window
      for (const reason of ['copy', 'reopen', 'restore'] as const) {
        expect(revs.find((r) => r.reason === reason)!.author, reason).toBe('王小明');
      }
      // the revision that was finalised holds every edit
      const finalRev = revs.find((r) => r.finalised)!;
      const content = archive.openRevision({ unitId, year: 2021, revision: finalRev.revision });
      if (content.legacy) throw new Error('expected a structured report');
      const r: Report = content.report;
      expect(r.signature.date).toBe('2022年1月20日');
      expect(r.sections['五']!.paragraphs[0]!.text).toContain(
        '下一步，我局将继续加强政务公开工作。',
      );
      expect(r.sections['六']!.paragraphs.map((p) => p.text)).toContain(XSS_TEXT);
      const t3 = r.sections['三']!.table!.blocks['t3']!.rows;
      const v = VALUES.sections['三']!.table!.blocks['t3']!.rows;
      expect(Number(t3['new']!.cells['natural'])).toBe(Number(v['new']!.cells['natural']) + 3);
      expect(t3['denied3']!.cells['legal']).toBe(v['denied3']!.cells['legal']);
      expect(r.sections['四']!.table!.blocks['suitAfter']!.rows['case']!.cells['total']).toBe(
        VALUES.sections['四']!.table!.blocks['suitAfter']!.rows['case']!.cells['total'],
      );
      expect(r.sections['二']!.table!.blocks['art20_8']!.rows['fees']!.cells['fees']).toBe(
        VALUES.sections['二']!.table!.blocks['art20_8']!.rows['fees']!.cells['fees'],
      );
      const decision = r.decisions.find((d) => d.code === 'T3_BALANCE')!;
      expect(decision).toMatchObject({ action: 'override', by: '王小明' });
      expect(decision.reason).toContain('重复登记');
      // the finalisation record holds the PDF whose SHA-256 the screen showed, and the reopening
      const db = rawConnection(app.archive, { readonly: true });
      const fin = db
        .prepare('SELECT sha256, by, reopen_reason, length(pdf) AS bytes FROM finalisations')
        .all() as { sha256: string; by: string; reopen_reason: string; bytes: number }[];
      expect(fin).toHaveLength(1);
      expect(fin[0]).toMatchObject({ sha256: finalisedSha, by: '王小明' });
      expect(fin[0]!.reopen_reason).toContain('补充说明收费情况');
      expect(fin[0]!.bytes).toBeGreaterThan(10_000);
      // the restore went back to the copied state: the newest revision has blank tables again
      const now = archive.openReport({ unitId, year: 2021 });
      if (now.legacy) throw new Error('expected a structured report');
      expect(now.report.sections['三']!.table!.blocks['t3']!.rows['new']!.cells['natural']).toBe(
        '',
      );
      expect(now.locked).toBe(false);
      // the text typed and never saved came back from the journal, and leaving the report
      // the second time made it a revision
      expect(now.recovered).toBe(false);
      expect(now.report.sections['一']!.paragraphs[0]!.text.endsWith(UNSAVED)).toBe(true);
      const newest = archive.history({ unitId, year: 2021 });
      expect(newest.map((h) => h.reason).slice(0, 2)).toEqual(['save', 'close']);
      // and the menu's 保存 made the newest revision
      expect(now.report.sections['五']!.paragraphs[0]!.text.endsWith('（菜单保存）')).toBe(true);
    });
  });
});
