// The clerk's data safety (issue 13, items 1–3), in the real renderer against the bridge: an
// import over a report the year already has asks first (nothing replaced by default, the
// clerk ticks the file to replace it); two tabs on one report — the second save is refused with
// a banner, and keeping its own content makes a new revision while the other stays in history;
// the operator's name typed while a report is open signs the next revision; 打印… opens the PDF
// in a new tab instead of crashing the page. Screenshots at
// 1366×768 and at 150 % (911×512).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serialiseReport } from '../../core/file';
import type { Report } from '../../core/model';
import { inArchive } from '../helpers/archive';
import {
  launchChromium,
  openPage,
  saveState,
  startBridge,
  type RunningApp,
  screenshotBoth,
} from '../helpers/browser';
import { balancedReport } from '../helpers/reports';

const UNIT = '清河县数据安全测试局';
let dir: string;
let app: RunningApp;
let browser: Browser;
let page: Page;
let errors: string[];
let unitId = '';

function report(text: string): Report {
  const base = balancedReport(2021);
  const r = structuredClone({ ...base, unit: { ...base.unit, name: UNIT } }) as Report;
  r.sections['六']!.paragraphs = [{ level: 0, text }];
  return r;
}

async function importFile(name: string, r: Report): Promise<void> {
  const file = path.join(dir, name);
  fs.writeFileSync(file, serialiseReport(r));
  await page.setInputFiles('[data-role="import-files-input"]', file);
  await page.waitForSelector('[data-role="import-summary"]');
}

const shoot = (p: Page, name: string) => screenshotBoth(p, name);

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-e2e-safety-'));
  app = await startBridge(path.join(dir, 'archive.sqlite'));
  browser = await launchChromium();
  ({ page, errors } = await openPage(browser, app));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('no silent overwrites, every change signed', { timeout: 90_000 }, () => {
  it('an import over an existing report asks first and replaces only what the clerk ticks', async () => {
    await page.fill('[data-role="operator"]', '张三');
    await importFile('2021-原件.nianbao.json', report('原来的第六部分。'));
    expect(await page.locator('[data-count="imported"] .n').innerText()).toBe('1');
    await page.click('[data-action="close-import"]');

    await importFile('2021-网站.nianbao.json', report('网站上的第六部分。'));
    expect(await page.locator('[data-count="imported"] .n').innerText()).toBe('0');
    expect(await page.locator('[data-count="exists"]').innerText()).toContain('1 份的年度已有报告');
    const row = page.locator('[data-role="import-exists"] li');
    expect(await row.locator('[data-role="exists-message"]').innerText()).toMatch(
      /^2021年度报告已存在（待定稿，0 个错误，第 1 版）。替换为导入的文件？原内容保留在历史中。$/u,
    );
    // not replaced by default
    expect(await row.locator('[data-role="replace-choice"]').isChecked()).toBe(false);
    expect(await page.locator('[data-action="replace-selected"]').isDisabled()).toBe(true);
    await shoot(page, 'safety-import-exists');
    await row.locator('[data-role="replace-choice"]').check();
    await page.click('[data-action="replace-selected"]');
    await expect.poll(() => page.locator('[data-count="imported"] .n').innerText()).toBe('1');
    await page.click('[data-action="close-import"]');
    await page.click(`[data-role="unit-item"]:has-text("${UNIT}")`);
    await page.waitForSelector('[data-role="year-row"][data-year="2021"]');
    unitId = (await page.getAttribute('[data-role="unit-pane"]', 'data-unit-id'))!;
  });

  it('two tabs: the second save is refused with a banner; keeping its own makes a new revision', async () => {
    const hash = `#/report/${unitId}/2021/edit`;
    await page.evaluate(`location.hash = ${JSON.stringify(hash)}`);
    await page.waitForSelector('nb-header-fields #title');
    const other = await page.context().newPage();
    other.on('pageerror', (e) => errors.push(String(e)));
    await other.goto(`${app.origin}/${hash}`);
    await other.waitForSelector('nb-header-fields #title');

    // tab A: the name changed while the report is open signs the save
    await page.fill('[data-role="operator"]', '李四');
    await page.fill('nb-header-fields #title', '甲标签页的标题');
    await page.keyboard.press('Control+S');
    await expect.poll(() => saveState(page)).toBe('saved');

    // tab B, opened on the same revision, saves after A
    await other.fill('nb-header-fields #title', '乙标签页的标题');
    await other.keyboard.press('Control+S');
    await expect.poll(() => saveState(other)).toBe('conflict');
    const banner = other.locator('nb-conflict [data-role="conflict"]');
    await banner.waitFor();
    expect(await banner.innerText()).toContain('另一个窗口保存了这份报告');
    expect(await banner.innerText()).toContain('已在另一个窗口中保存为第 3 版（操作人：李四）');
    // the name typed in the other tab is the one that signs here too, and it is shown
    expect(await other.inputValue('[data-role="operator"]')).toBe('李四');
    await shoot(other, 'safety-two-tabs-conflict');
    await other.click('[data-action="conflict-keep"]');
    await expect.poll(() => saveState(other)).toBe('saved');
    expect(await other.locator('nb-conflict [data-role="conflict"]').count()).toBe(0);
    await other.close();
  });

  it('打印… opens the PDF in a new tab for printing; the page survives (item 16)', async () => {
    // printing the hidden iframe's PDF viewer crashed the page in headless Chromium
    let crashed = false;
    page.on('crash', () => (crashed = true));
    await page.evaluate(`location.hash = ${JSON.stringify(`#/report/${unitId}/2021/print`)}`);
    await page.waitForSelector('[data-role="preview-page"]', { timeout: 60_000 });
    const [tab] = await Promise.all([
      page.context().waitForEvent('page'),
      page.click('[data-action="print"]'),
    ]);
    expect(tab.url()).toMatch(/^blob:/u);
    const note = page.locator('nb-print .notice.info');
    await note.waitFor();
    expect(await note.innerText()).toContain('打印用的 PDF 已在新标签页中打开');
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(crashed).toBe(false);
    expect(await page.evaluate('1 + 1')).toBe(2);
    await shoot(page, 'safety-print-new-tab');
    await tab.close();
  });

  it('the archive holds every version, each signed by the name in effect', async () => {
    expect(errors.filter((e) => !/status of 404/u.test(e))).toEqual([]);
    await app.stop();
    await inArchive(app.archive, (archive) => {
      const history = archive.history({ unitId, year: 2021 });
      expect(history.map((r) => [r.revision, r.reason, r.author])).toEqual([
        [4, 'save', '李四'],
        [3, 'save', '李四'],
        [2, 'import', '张三'],
        [1, 'import', '张三'],
      ]);
      const titles = [3, 4].map((n) => {
        const c = archive.openRevision({ unitId, year: 2021, revision: n });
        return c.legacy ? '' : c.report.title;
      });
      expect(titles).toEqual(['甲标签页的标题', '乙标签页的标题']);
      const two = archive.openRevision({ unitId, year: 2021, revision: 2 });
      expect(!two.legacy && two.report.sections['六']!.paragraphs[0]!.text).toBe(
        '网站上的第六部分。',
      );
      const one = archive.openRevision({ unitId, year: 2021, revision: 1 });
      expect(!one.legacy && one.report.sections['六']!.paragraphs[0]!.text).toBe(
        '原来的第六部分。',
      );
    });
  });
});
