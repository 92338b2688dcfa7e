// The office's tools in the real renderer against the bridge (issue 13 items 11, 14, 15): a
// missing section of an imported report shown in its place with 补上这一部分, a blank report in
// the standard outline (and its checks), every 定稿 PDF downloadable from 历史 after reopening,
// the office's report deadline set in 设置与备份 changing a deadline finding, a backup into a
// folder (a USB stick) and as a download, and restoring from the window (a damaged backup
// refused in Chinese, a good one restored). Screenshots at 1366×768 and 150 % (911×512).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serialiseReport } from '../../core/file';
import type { Report } from '../../core/model';
import { inArchive, rawConnection } from '../helpers/archive';
import {
  launchChromium,
  openPage,
  saveState,
  startBridge,
  type RunningApp,
  confirmDialog as confirmDialogIn,
  screenshotBoth,
} from '../helpers/browser';
import { balancedReport } from '../helpers/reports';

const UNIT = '清河县档案工具测试局';
let dir: string;
let app: RunningApp;
let browser: Browser;
let page: Page;
let errors: string[];
let unitId = '';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

function report(year: number, change?: (r: Report) => void): Report {
  const base = balancedReport(year, { kind: '部门' });
  const r = structuredClone({ ...base, unit: { ...base.unit, name: UNIT } }) as Report;
  change?.(r);
  return r;
}

async function importFile(name: string, r: Report): Promise<void> {
  await page.evaluate(`location.hash = '#/'`);
  const file = path.join(dir, name);
  fs.writeFileSync(file, serialiseReport(r));
  await page.setInputFiles('[data-role="import-files-input"]', file);
  await page.waitForSelector('[data-role="import-summary"]');
  expect(await page.locator('[data-count="imported"] .n').innerText()).toBe('1');
  await page.click('[data-action="close-import"]');
}

async function go(hash: string): Promise<void> {
  await page.evaluate(`location.hash = ${JSON.stringify(hash)}`);
}

const confirmDialog = (text?: string) => confirmDialogIn(page, text);

/** The open findings' messages of a code (the checks panel). */
async function findingTexts(code: string): Promise<string[]> {
  return page.$$eval(
    `nb-checks-panel li.finding[data-code="${code}"]:not([data-group="resolved"])`,
    (els) => els.map((e) => (e as unknown as { innerText: string }).innerText),
  );
}

const shoot = (name: string, show?: string) => screenshotBoth(page, name, show);

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-e2e-settings-'));
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

describe(
  'the standard outline, earlier 定稿 PDFs, settings, backup and restore',
  { timeout: 120_000 },
  () => {
    it('a missing section of an imported report is shown in its place; 补上这一部分 inserts the outline', async () => {
      await importFile(
        '2021-缺第五部分.nianbao.json',
        report(2021, (r) => delete r.sections['五']),
      );
      await page.click(`[data-role="unit-item"]:has-text("${UNIT}")`);
      await page.waitForSelector('[data-role="year-row"][data-year="2021"]');
      unitId = (await page.getAttribute('[data-role="unit-pane"]', 'data-unit-id'))!;
      await go(`#/report/${unitId}/2021/edit`);
      const missing = page.locator('nb-report section[data-role="missing-section"]');
      await missing.waitFor();
      // in its place: between 四 and 六
      const order = await page.$$eval('nb-report section[id^="part-"]', (els) =>
        els.map((e) => e.id),
      );
      expect(order).toEqual([
        'part-header',
        'part-导语',
        'part-一',
        'part-二',
        'part-三',
        'part-四',
        'part-五',
        'part-六',
      ]);
      expect(await missing.innerText()).toContain('本报告缺少这一部分');
      expect(await findingTexts('SECTION_MISSING')).toHaveLength(1);
      await missing.scrollIntoViewIfNeeded();
      await shoot('outline-missing-section', 'nb-report section[data-role="missing-section"]');

      await page.click('[data-action="add-section"][data-section="五"]');
      const five = page.locator('nb-narrative-editor[place="五"] textarea');
      await five.first().waitFor();
      expect(
        await five.evaluateAll((els) =>
          els.map((e) => [(e as unknown as { value: string }).value, e.getAttribute('data-level')]),
        ),
      ).toEqual([
        ['（一）主要问题', '2'],
        ['', '0'],
        ['（二）改进措施', '2'],
        ['', '0'],
      ]);
      expect(await five.nth(1).getAttribute('placeholder')).toBe(
        '本年度政府信息公开工作存在的主要问题。',
      );
      expect(await findingTexts('SECTION_MISSING')).toEqual([]);
      const empty = await findingTexts('SECTION_EMPTY');
      expect(empty.some((t) => t.includes('只有标准提纲的小标题，还没有内容'))).toBe(true);
      await page.locator('nb-report #part-五').scrollIntoViewIfNeeded();
      await shoot('outline-section-added');
      // one undoable edit
      await page.keyboard.press('Control+Z');
      await missing.waitFor();
      await page.keyboard.press('Control+Y');
      await five.first().waitFor();
      await page.keyboard.press('Control+S');
      await expect.poll(() => saveState(page)).toBe('saved');
    });

    it('a blank report starts in the standard outline; the checks say only the outline is there', async () => {
      await go('#/');
      await page.click(`[data-role="unit-item"]:has-text("${UNIT}")`);
      await page.fill('[data-role="new-report-year"]', '2022');
      await page.check('[data-role="new-report-blank"]');
      await page.click('[data-action="create-report"]');
      const one = page.locator('nb-narrative-editor[place="一"] textarea');
      await one.first().waitFor();
      const texts = await one.evaluateAll((els) =>
        els.map((e) => (e as unknown as { value: string }).value),
      );
      expect(texts.filter(Boolean)).toEqual([
        '（一）主动公开',
        '（二）依申请公开',
        '（三）政府信息管理',
        '（四）平台建设',
        '（五）监督保障',
      ]);
      expect(await one.nth(3).getAttribute('placeholder')).toContain(
        '收到和办理政府信息公开申请的情况',
      );
      expect(
        (await findingTexts('SECTION_EMPTY')).filter((t) => t.includes('只有标准提纲的小标题')),
      ).toHaveLength(2);
      await shoot('outline-blank-report');

      // text under one sub-heading: the others are named, each at its paragraph
      await one.nth(3).click();
      await page.keyboard.type('本年度共收到政府信息公开申请12件，均按时答复。');
      await expect
        .poll(
          async () =>
            (await findingTexts('SECTION_EMPTY')).filter((t) => t.includes('下还没有内容')).length,
        )
        .toBe(4);
      const bare = await findingTexts('SECTION_EMPTY');
      expect(bare.some((t) => t.includes('“（一）主动公开”下还没有内容'))).toBe(true);
      expect(bare.some((t) => t.includes('“（二）依申请公开”下还没有内容'))).toBe(false);
      await page.click('nb-checks-panel li.finding[data-code="SECTION_EMPTY"] >> nth=0');
      await shoot('outline-bare-subheading');
      await page.keyboard.press('Control+S');
      await expect.poll(() => saveState(page)).toBe('saved');
    });

    it('finalise, reopen, finalise again: both PDFs listed in 历史 with SHA-256 and who/when, each downloadable', async () => {
      await importFile('2020.nianbao.json', report(2020));
      await go(`#/report/${unitId}/2020/print`);
      await page.waitForSelector('[data-role="preview"][data-state="ready"][data-year="2020"]', {
        timeout: 60_000,
      });
      await page.click('[data-action="finalise"]');
      await confirmDialog();
      await page.waitForSelector('[data-role="finalised"] [data-role="sha256"]');
      // what was done stays said over the reopened report
      const notice = page.locator('nb-report [data-role="report-notice"]');
      await expect
        .poll(() => notice.innerText())
        .toMatch(/已定稿（第 \d+ 版，.+）：PDF 原件已存档/u);
      await page.fill('[data-role="operator"]', '李四');
      await page.click('[data-action="reopen"]');
      await confirmDialog('上级要求补充信息处理费的说明。');
      await page.waitForSelector('[data-action="finalise"]');
      await expect.poll(() => notice.innerText()).toContain('报告已重新打开，可以修改');
      await page.click('nb-report [role="tab"]:has-text("编辑")');
      const six = page.locator('nb-narrative-editor[place="六"] textarea[data-paragraph="0"]');
      await six.fill('本年度未收取信息处理费。补充：无其他需要报告的事项。');
      await page.keyboard.press('Control+S');
      await expect.poll(() => saveState(page)).toBe('saved');
      await page.click('nb-report [role="tab"]:has-text("打印与定稿")');
      await page.waitForSelector('[data-role="preview"][data-state="ready"][data-year="2020"]', {
        timeout: 60_000,
      });
      await page.fill('[data-role="operator"]', '王五');
      await page.click('[data-action="finalise"]');
      await confirmDialog();
      await page.waitForSelector('[data-role="finalised"] [data-role="sha256"]');

      await page.click('nb-report [role="tab"]:has-text("历史")');
      const entries = page.locator('nb-finalisations [data-role="finalisation"]');
      await expect.poll(() => entries.count()).toBe(2);
      expect(
        await entries.evaluateAll((els) => els.map((e) => e.getAttribute('data-current'))),
      ).toEqual(['true', 'false']);
      expect(await entries.nth(0).innerText()).toContain('王五');
      expect(await entries.nth(1).innerText()).toContain('张三');
      expect(await entries.nth(1).innerText()).toContain(
        '李四 重新打开：上级要求补充信息处理费的说明。',
      );
      await shoot('history-finalisations');
      const digests: string[] = [];
      for (let i = 0; i < 2; i++) {
        const listed = (await entries.nth(i).locator('[data-role="sha256"]').innerText()).trim();
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          entries.nth(i).locator('[data-action="download-finalised"]').click(),
        ]);
        const file = path.join(dir, `定稿-${i}.pdf`);
        await download.saveAs(file);
        const bytes = new Uint8Array(fs.readFileSync(file));
        expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
        expect(sha(bytes)).toBe(listed);
        expect(download.suggestedFilename()).toMatch(
          /^清河县档案工具测试局2020年政府信息公开工作年度报告定稿（第\d+版）\.pdf$/u,
        );
        digests.push(listed);
      }
      expect(digests[0]).not.toBe(digests[1]);
    });

    it('the office deadline set in 设置与备份 makes a date after it a DATE_LATE finding', async () => {
      await go(`#/report/${unitId}/2021/edit`);
      await page.waitForSelector('nb-checks-panel li.finding', { state: 'attached' });
      expect(await findingTexts('DATE_LATE')).toEqual([]); // 2022年1月20日, within 31 January
      await page.click('[data-action="open-settings"]');
      await page.waitForSelector('nb-settings [data-role="data-folder"]');
      expect([dir, fs.realpathSync(dir)]).toContain(
        await page.locator('[data-role="data-folder"]').innerText(),
      );
      await page.fill('input[data-role="deadline"][data-kinds="部门"]', '1-5x');
      await page.click('[data-action="save-deadlines"]');
      expect(await page.locator('[data-role="deadlines-result"]').innerText()).toContain(
        '期限“1-5x”无效',
      );
      await page.fill('input[data-role="deadline"][data-kinds="部门"]', '01-15');
      await page.click('[data-action="save-deadlines"]');
      await expect
        .poll(() => page.locator('[data-role="deadlines-result"]').innerText())
        .toContain('已保存');
      expect(
        await page.locator('nb-settings section[aria-labelledby="deadline-title"]').innerText(),
      ).toContain('上次修改');
      await shoot('settings-deadline', '[data-role="deadlines-result"]');
      await go(`#/report/${unitId}/2021/edit`);
      await expect.poll(() => findingTexts('DATE_LATE')).toHaveLength(1);
      expect((await findingTexts('DATE_LATE'))[0]).toContain(
        '晚于本机关设定的部门报告期限2022年1月15日',
      );
    });

    it('backs up into a folder and as a download; a damaged backup is refused in Chinese; a good one is restored', async () => {
      const usb = path.join(dir, 'U盘');
      fs.mkdirSync(usb);
      // a backup made on home (into the backups folder) is listed for restoring
      await go('#/');
      await page.click('[data-action="backup"]');
      await page.waitForSelector('[data-role="backup-result"]');
      await go('#/settings');
      const listed = page.locator('[data-role="backup-item"]');
      await listed.first().waitFor();
      expect(await listed.count()).toBe(1);
      expect(await listed.innerText()).toContain('手动');
      const homeBackup = (await listed.getAttribute('data-path'))!;
      await page.waitForSelector('nb-settings [data-role="backup-folder"]');
      // a stick not plugged in
      await page.fill('[data-role="backup-folder"]', path.join(dir, '没有插好的U盘'));
      await page.click('[data-action="backup-to-folder"]');
      await expect
        .poll(() => page.locator('[data-role="backup-result"]').innerText())
        .toContain('找不到文件夹');
      await page.fill('[data-role="backup-folder"]', usb);
      await page.click('[data-action="backup-to-folder"]');
      await expect
        .poll(() => page.locator('[data-role="backup-result"]').innerText())
        .toContain('已备份到：');
      const [backupFile] = fs.readdirSync(usb);
      expect(backupFile).toMatch(/^年报档案库备份-\d{8}-\d{6}\.sqlite$/u);
      const backup = path.join(usb, backupFile!);
      await shoot('settings-backup', '[data-role="backup-result"]');

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.click('[data-action="download-backup"]'),
      ]);
      const downloaded = path.join(dir, 'download.sqlite');
      await download.saveAs(downloaded);
      expect(fs.readFileSync(downloaded).subarray(0, 16).toString('latin1')).toBe(
        'SQLite format 3\u0000',
      );
      expect(download.suggestedFilename()).toMatch(/^年报档案库备份-\d{8}-\d{6}\.sqlite$/u);

      // after the backup: another deadline
      await page.fill('input[data-role="deadline"][data-kinds="部门"]', '01-10');
      await page.click('[data-action="save-deadlines"]');
      await expect
        .poll(() => page.locator('[data-role="deadlines-result"]').innerText())
        .toContain('已保存');

      // a damaged copy of the backup: refused, in Chinese, the archive unchanged
      const damaged = path.join(usb, '损坏的备份.sqlite');
      const bytes = fs.readFileSync(backup);
      bytes.fill(0xab, 8192, Math.min(bytes.length, 8192 + 16384));
      fs.writeFileSync(damaged, bytes);
      await page.fill('[data-role="restore-path"]', damaged);
      await page.click('[data-action="restore-from-path"]');
      await confirmDialog();
      const result = page.locator('[data-role="restore-result"]');
      await result.waitFor();
      expect(await result.getAttribute('data-ok')).toBe('false');
      const refusal = await result.innerText();
      expect(refusal).toMatch(/^没有恢复：/u);
      expect(refusal).toMatch(/[\u4e00-\u9fff]{6}/u);
      // no English system error: without the file's path, not a Latin word in it
      expect(refusal).toBe(
        `没有恢复：备份“${damaged}”无法读取（文件已损坏），不能用于恢复。请选择另一个备份。`,
      );
      expect(refusal.replace(damaged, '')).not.toMatch(/[A-Za-z]{3,}/u);
      await shoot('settings-restore-refused', '[data-role="restore-result"]');
      expect(await page.inputValue('input[data-role="deadline"][data-kinds="部门"]')).toBe('01-10');

      // another program (the command line) has the archive open: refused, nothing changed
      const other = rawConnection(app.archive);
      other.prepare('SELECT count(*) FROM units').get();
      await page.fill('[data-role="restore-path"]', backup);
      await page.click('[data-action="restore-from-path"]');
      await confirmDialog();
      await expect.poll(() => result.innerText()).toContain('档案库正在被使用');
      expect(await result.getAttribute('data-ok')).toBe('false');
      other.close();

      // the good backup on the stick: restored, the deadline as it was then
      await page.fill('[data-role="restore-path"]', backup);
      await page.click('[data-action="restore-from-path"]');
      await confirmDialog();
      await expect.poll(() => result.getAttribute('data-ok')).toBe('true');
      expect(await result.innerText()).toContain(`已从备份恢复：${backup}`);
      expect(await result.innerText()).toContain('恢复前的档案库已另存为：');
      await expect
        .poll(() => page.inputValue('input[data-role="deadline"][data-kinds="部门"]'))
        .toBe('01-15');
      await shoot('settings-restored', '[data-role="restore-result"]');
      // and from the list: the backup made on home (before the stick's; the same deadline)
      await page.click(
        `[data-role="backup-item"][data-path="${homeBackup}"] [data-action="restore-backup"]`,
      );
      await confirmDialog();
      await expect.poll(() => result.innerText()).toContain(`已从备份恢复：${homeBackup}`);
      expect(await page.inputValue('input[data-role="deadline"][data-kinds="部门"]')).toBe('01-15');
      // the refusals answer 4xx (invalid deadline, no folder, damaged backup) and 503 (BUSY)
      expect(errors.filter((e) => !/status of (4\d\d|503)/u.test(e))).toEqual([]);
    });

    it('the archive holds the restored state, the replaced file kept aside', async () => {
      await app.stop();
      const kept = fs.readdirSync(dir).filter((f) => f.includes('.replaced-'));
      expect(kept.length).toBeGreaterThan(0);
      await inArchive(app.archive, (archive) => {
        expect(archive.settings().deadlines).toEqual({
          部门: '01-15',
          乡镇街道: '01-15',
          其他: '01-15',
        });
        expect(archive.listFinalisations({ unitId, year: 2020 })).toHaveLength(2);
        const opened = archive.openReport({ unitId, year: 2021 });
        expect(
          !opened.legacy && opened.report.sections['五']!.paragraphs.map((p) => p.text),
        ).toEqual(['（一）主要问题', '', '（二）改进措施', '']);
      });
    });
  },
);
