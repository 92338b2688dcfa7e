// Issue 13 item 4 in the real renderer against the bridge: the unit's 类型 is asked for, never
// guessed silently, and while it is unknown the window says which checks did not run. 新建单位
// preselects the guess from the name; an import lists the units it created with the guess
// preselected and stores a 类型 only on 确认类型; a report of a unit whose 类型 is unknown shows
// "类型未定" as a button in its header and a note in the checks panel naming the checks that did
// not run; setting the 类型 there makes them run, and the archive holds it (read through the
// API). Screenshots at 1366×768 and 911×512 (tests/artifacts/screenshots).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UnitInfo } from '../../core/api';
import { serialiseReport } from '../../core/file';
import type { Report } from '../../core/model';
import {
  launchChromium,
  openPage,
  startBridge,
  type RunningApp,
  screenshotBoth,
} from '../helpers/browser';
import { balancedReport } from '../helpers/reports';

const CREATED = '城关镇人民政府';
const IMPORTED = '河西乡人民政府';
const OTHER = '清河县红十字会';
const STREET = '东城街道办事处';

let dir: string;
let app: RunningApp;
let browser: Browser;
let page: Page;
let errors: string[];

/** A 2021 report of `name`, its 类型 not given, written late, silent on 考核、评议、责任追究. */
function lateReport(name: string): Report {
  const r = balancedReport(2021, { unitName: name });
  r.signature.date = '2022年4月10日';
  r.signature.unit = name;
  for (const section of Object.values(r.sections)) {
    if (section) {
      section.paragraphs = section.paragraphs.filter((p) => !/考核|评议|责任追究/u.test(p.text));
    }
  }
  return r;
}

/** The archive's units, read through the API (the HTTP bridge the window uses). */
async function units(): Promise<UnitInfo[]> {
  return (await page.evaluate(async () => {
    const r = await fetch('/api/listUnits', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
      credentials: 'same-origin',
    });
    return r.json();
  })) as UnitInfo[];
}

async function kindOf(name: string) {
  return (await units()).find((u) => u.name === name)?.kind;
}

const shoot = (name: string, show?: string) => screenshotBoth(page, name, show);

async function importFiles(...reports: Report[]): Promise<void> {
  await page.evaluate(`location.hash = '#/'`);
  const files = reports.map((r, i) => {
    const file = path.join(dir, `${i}-${r.unit.name}.nianbao.json`);
    fs.writeFileSync(file, serialiseReport(r));
    return file;
  });
  await page.setInputFiles('[data-role="import-files-input"]', files);
  await page.waitForSelector('[data-role="import-summary"]');
  expect(await page.locator('[data-count="imported"] .n').innerText()).toBe(String(files.length));
}

async function openReport(name: string, year: number): Promise<void> {
  const unit = (await units()).find((u) => u.name === name)!;
  await page.evaluate(`location.hash = '#/report/${unit.id}/${year}/edit'`);
  await page.locator('nb-header-fields #unit-name').waitFor();
}

const findingCodes = () =>
  page.$$eval('nb-checks-panel li.finding:not([data-group="resolved"])', (els) =>
    els.map((e) => e.getAttribute('data-code')),
  );

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-e2e-unit-kind-'));
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

describe('the unit’s 类型: asked for, never guessed silently', { timeout: 120_000 }, () => {
  it('新建单位 asks for the 类型 with the guess from the name preselected (暂不指定 allowed)', async () => {
    await page.click('[data-action="new-unit"]');
    await page.waitForSelector('nb-unit-tree dialog[open]');
    const kind = page.locator('nb-unit-tree #unit-kind');
    expect(await kind.inputValue()).toBe(''); // nothing typed: 暂不指定
    expect(await kind.locator('option[value=""]').innerText()).toBe('暂不指定');
    expect(await page.locator('nb-unit-tree label[for="unit-kind"]').innerText()).toBe('单位类型');
    await page.locator('nb-unit-tree #unit-name').pressSequentially(CREATED);
    await expect.poll(() => kind.inputValue()).toBe('乡镇街道');
    expect(await page.locator('nb-unit-tree [data-role="kind-guess"]').innerText()).toContain(
      '已按名称预选“乡镇街道”，请确认或改选',
    );
    expect((await kind.locator('option:checked').innerText()).trim()).toBe(
      '乡镇街道（按名称推测）',
    );
    await shoot('create-dialog', 'nb-unit-tree dialog[open]');
    // the clerk's pick stays while the name changes
    await kind.selectOption('其他');
    await page.locator('nb-unit-tree #unit-name').fill(`${CREATED}办公室`);
    expect(await kind.inputValue()).toBe('其他');
    expect(await page.locator('nb-unit-tree [data-role="kind-guess"]').innerText()).toContain(
      '按名称推测为“部门”',
    );
    // back to the guess, and confirmed with 创建
    await page.locator('nb-unit-tree #unit-name').fill(CREATED);
    await page.click('nb-unit-tree [data-action="use-kind-guess"]');
    expect(await kind.inputValue()).toBe('乡镇街道');
    await page.click('nb-unit-tree [data-action="submit-unit"]');
    await page.waitForSelector('nb-unit-tree dialog[open]', { state: 'detached' });
    await expect.poll(() => kindOf(CREATED)).toBe('乡镇街道');
    expect(await page.locator('nb-home .meta').innerText()).toContain('类型：乡镇街道');
  });

  it('an import lists the units it created, the guess preselected, stored only on 确认类型', async () => {
    await importFiles(lateReport(IMPORTED), lateReport(OTHER), lateReport(STREET));
    const section = page.locator('nb-unit-kinds [data-role="new-unit-kinds"]');
    await section.waitFor();
    const rows = section.locator('li[data-unit-id]');
    expect(await rows.count()).toBe(3);
    const choice = (name: string) =>
      section.locator(`li:has-text("${name}") select[data-role="unit-kind-choice"]`);
    expect(await choice(IMPORTED).inputValue()).toBe('乡镇街道');
    expect(await choice(OTHER).inputValue()).toBe(''); // no guess: 暂不指定
    await shoot('import-new-units', 'nb-unit-kinds [data-role="new-unit-kinds"]');
    // shown, not applied
    expect(await kindOf(IMPORTED)).toBeNull();
    expect(await kindOf(OTHER)).toBeNull();
    expect(await kindOf(STREET)).toBeNull();
    // the clerk keeps the guess for one, puts off the other: only the one is stored
    expect(await choice(STREET).inputValue()).toBe('乡镇街道');
    await choice(IMPORTED).selectOption('');
    await page.click('nb-unit-kinds [data-action="apply-unit-kinds"]');
    await expect
      .poll(() => section.locator('[data-role="unit-kinds-status"]').innerText())
      .toBe('已设置 1 个单位的类型。');
    expect(
      await section.locator(`li:has-text("${STREET}") [data-role="kind-set"]`).innerText(),
    ).toBe('已设置为“乡镇街道”');
    expect(await kindOf(STREET)).toBe('乡镇街道');
    expect(await kindOf(IMPORTED)).toBeNull();
    expect(await kindOf(OTHER)).toBeNull();
    await page.click('[data-action="close-import"]');
    // home says 类型未定, with a way to set it
    await page.click(`[data-role="unit-item"]:has-text("${IMPORTED}")`);
    await expect.poll(() => page.locator('nb-home .meta').innerText()).toContain('类型未定');
    expect(await page.locator('nb-home .meta').innerText()).not.toMatch(/类别|未指定/u);
    expect(await page.locator('nb-home [data-action="set-unit-kind"]').count()).toBe(1);
    await shoot('home-kind-unset');
  });

  it('类型未定: the header button and the checks panel’s note; setting it runs the checks', async () => {
    await openReport(IMPORTED, 2021);
    const button = page.locator('nb-header-fields [data-action="set-unit-kind"]');
    expect((await button.innerText()).trim()).toBe('类型未定');
    const note = page.locator('nb-checks-panel [data-role="kind-note"]');
    await note.waitFor();
    expect(await note.innerText()).toContain('单位类型未定');
    expect(
      await note
        .locator('li[data-skipped]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-skipped'))),
    ).toEqual(['GOV_ASSESSMENT_MISSING', 'DATE_LATE']);
    const text = await note.innerText();
    expect(text).toContain('未报告考核、评议、责任追究');
    expect(text).toContain('成文日期晚于期限');
    expect(await findingCodes()).not.toContain('DATE_LATE');
    expect(await findingCodes()).not.toContain('GOV_ASSESSMENT_MISSING');
    await shoot('header-button', 'nb-header-fields [data-action="set-unit-kind"]');
    await shoot('checks-note', 'nb-checks-panel [data-role="kind-note"]');

    await button.click();
    await page.waitForSelector('nb-dialog dialog[open]');
    const checked = page.locator('nb-dialog input[name="nb-dialog-choice"]:checked');
    expect(await checked.inputValue()).toBe('乡镇街道');
    expect(await page.locator('nb-dialog dialog').innerText()).toContain('已按名称预选“乡镇街道”');
    await shoot('kind-dialog', 'nb-dialog dialog[open]');
    await page.click('nb-dialog button.confirm');
    await page.waitForSelector('nb-dialog dialog[open]', { state: 'detached' });

    await note.waitFor({ state: 'detached' });
    expect(await button.count()).toBe(0);
    expect(await page.locator('nb-header-fields [data-role="unit-kind"]').innerText()).toBe(
      '乡镇街道',
    );
    await expect
      .poll(findingCodes)
      .toEqual(expect.arrayContaining(['DATE_LATE', 'GOV_ASSESSMENT_MISSING']));
    expect(await kindOf(IMPORTED)).toBe('乡镇街道');
  });

  it('from the checks panel’s note, the same chooser; the choice is the clerk’s', async () => {
    await openReport(OTHER, 2021);
    const note = page.locator('nb-checks-panel [data-role="kind-note"]');
    await note.waitFor();
    await note.locator('[data-action="set-unit-kind"]').click();
    await page.waitForSelector('nb-dialog dialog[open]');
    // no guess for this name: nothing preselected, 确定 asks for a choice
    expect(await page.locator('nb-dialog input[name="nb-dialog-choice"]:checked').count()).toBe(0);
    await page.click('nb-dialog button.confirm');
    expect(await page.locator('nb-dialog [role="alert"]').innerText()).toContain('请选择');
    await page.check('nb-dialog input[name="nb-dialog-choice"][value="其他"]');
    await page.click('nb-dialog button.confirm');
    await note.waitFor({ state: 'detached' });
    await expect.poll(findingCodes).toContain('DATE_LATE');
    expect(await kindOf(OTHER)).toBe('其他');
  });

  it('no errors in the console', () => {
    expect(errors).toEqual([]);
  });
});
