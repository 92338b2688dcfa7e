// Unit changes signed (操作人) in the real renderer against the bridge: the 类型 set from the
// report header's 类型未定 button carries the 操作人 typed at the top right, the archive's
// unitHistory (read through the API the window uses) has it with that name, and home's unit pane
// lists it under 单位变更记录 (when, who, what in Chinese). A rename from the unit tree's form is
// signed the same way. Screenshots at 1366×768 and 911×512 (tests/artifacts/screenshots).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UnitChange, UnitInfo } from '../../core/api';
import {
  launchChromium,
  openPage,
  startBridge,
  type RunningApp,
  screenshotBoth,
} from '../helpers/browser';

const TOWN = '河西乡人民政府';
const RENAMED = '河西镇人民政府';

let dir: string;
let app: RunningApp;
let browser: Browser;
let page: Page;
let errors: string[];
let unitId: string;

/** One API call through the HTTP bridge the window uses. */
async function call<T>(method: string, payload: unknown): Promise<T> {
  return (await page.evaluate(
    async ([m, p]) => {
      const r = await fetch(`/api/${m}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(p),
        credentials: 'same-origin',
      });
      if (!r.ok) throw new Error(`${m}: ${r.status} ${await r.text()}`);
      return r.json();
    },
    [method, payload] as const,
  )) as T;
}

const shoot = (name: string, show?: string) => screenshotBoth(page, name, show);

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-e2e-unit-changes-'));
  app = await startBridge(path.join(dir, 'archive.sqlite'));
  browser = await launchChromium();
  ({ page, errors } = await openPage(browser, app));
  const unit = await call<UnitInfo>('createUnit', { name: TOWN, author: '建档人' });
  unitId = unit.id;
  await call('createReport', { unitId, year: 2021, author: '建档人' });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('unit changes carry the 操作人', { timeout: 120_000 }, () => {
  it('the 类型 set from the report header’s 类型未定 button is signed with the 操作人 typed', async () => {
    await page.fill('[data-role="operator"]', '李四');
    await page.evaluate(`location.hash = '#/report/${unitId}/2021/edit'`);
    const button = page.locator('nb-header-fields [data-action="set-unit-kind"]');
    await button.waitFor();
    expect((await button.innerText()).trim()).toBe('类型未定');
    await button.click();
    await page.waitForSelector('nb-dialog dialog[open]');
    expect(
      await page.locator('nb-dialog input[name="nb-dialog-choice"]:checked').inputValue(),
    ).toBe('乡镇街道');
    await page.click('nb-dialog button.confirm');
    await page.waitForSelector('nb-dialog dialog[open]', { state: 'detached' });
    await button.waitFor({ state: 'detached' });

    const history = await call<UnitChange[]>('unitHistory', { unitId });
    expect(history.map((c) => [c.change, c.before, c.after, c.by])).toEqual([
      ['kind', null, '乡镇街道', '李四'],
      ['created', null, TOWN, '建档人'],
    ]);
  });

  it('home lists the unit’s changes under 单位变更记录: when, who, what', async () => {
    await page.evaluate(`location.hash = '#/'`);
    await page.click(`nb-unit-tree [data-unit-id="${unitId}"]`);
    const items = page.locator('nb-unit-changes li[data-role="unit-change"]');
    await expect.poll(() => items.count()).toBe(2);
    const first = items.first();
    expect(await first.getAttribute('data-change')).toBe('kind');
    expect(await first.locator('[data-role="who"]').innerText()).toBe('李四');
    expect(await first.locator('[data-role="what"]').innerText()).toBe('类型：未定 → 乡镇街道');
    expect(await first.locator('[data-role="when"]').innerText()).toMatch(
      /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/u,
    );
    expect(await items.nth(1).locator('[data-role="what"]').innerText()).toBe(`新建单位“${TOWN}”`);
    expect(await page.locator('nb-unit-changes h3').innerText()).toBe('单位变更记录');
    await shoot('unit-changes', 'nb-unit-changes');
  });

  it('a rename from the unit tree is signed with the 操作人 in effect, and the list follows', async () => {
    await page.fill('[data-role="operator"]', '王五');
    await page.click('nb-unit-tree [data-action="rename-unit"]');
    await page.waitForSelector('nb-unit-tree dialog[open]');
    await page.fill('nb-unit-tree #unit-name', RENAMED);
    await page.click('nb-unit-tree [data-action="submit-unit"]');
    await page.waitForSelector('nb-unit-tree dialog[open]', { state: 'detached' });
    const items = page.locator('nb-unit-changes li[data-role="unit-change"]');
    await expect.poll(() => items.count()).toBe(3);
    expect(await items.first().locator('[data-role="who"]').innerText()).toBe('王五');
    expect(await items.first().locator('[data-role="what"]').innerText()).toMatch(
      new RegExp(`^更名：“${TOWN}” → “${RENAMED}”（自 \\d{4}-\\d{2}-\\d{2} 起）$`, 'u'),
    );
    const history = await call<UnitChange[]>('unitHistory', { unitId });
    expect(history[0]).toMatchObject({
      change: 'renamed',
      before: TOWN,
      after: RENAMED,
      by: '王五',
    });
    await shoot('unit-changes-renamed', 'nb-unit-changes');
    expect(errors).toEqual([]);
  });
});
