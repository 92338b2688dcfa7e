// End to end in Chromium (issue 14's leftover, issue 13's quick opening): in a report copied from
// last year (对比上年 on), a cell blank this year and filled last year shows last year's value
// with the same ▲ mark as other flagged cells and 上年有数，本年空白 in its tooltip, while a
// computed total is never so marked; filling the cell takes the mark away. The report opens with
// the keyboard in the 标题 field and its later parts are drawn right after the first screen.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { T3_BLOCK_ID } from '../../core/formats/common';
import {
  launchChromium,
  openPage,
  screenshot,
  startBridge,
  type RunningApp,
} from '../helpers/browser';
import { writeCompareArchive, type CompareArchive } from '../helpers/compare-archive';

let dir: string;
let app: RunningApp;
let browser: Browser;
let page: Page;
let errors: string[];
let ids: CompareArchive;

const t3Cell = (row: string, col: string) =>
  page.locator(
    `nb-table-editor[table="三"] td[data-block="${T3_BLOCK_ID}"][data-row="${row}"][data-col="${col}"]`,
  );

/** The element holding the keyboard focus, through shadow roots: its tag and its host's tag. */
const FOCUSED = `(() => {
  let a = document.activeElement;
  while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
  return a ? a.localName + ' in ' + (a.getRootNode().host?.localName ?? '') : '';
})()`;

/** In the page: an element's text colour. */
const colorOf = (el: unknown) =>
  (globalThis as unknown as { getComputedStyle(e: unknown): { color: string } }).getComputedStyle(
    el,
  ).color;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-e2e-perf-marks-'));
  ids = await writeCompareArchive(path.join(dir, 'archive.sqlite'));
  app = await startBridge(path.join(dir, 'archive.sqlite'));
  browser = await launchChromium();
  ({ page, errors } = await openPage(browser, app));
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe(
  '对比上年 marks a cell blank this year; the report opens part by part',
  { timeout: 90_000 },
  () => {
    it('opens with the keyboard in the 标题 field; the later parts follow without a click', async () => {
      await page.evaluate(`location.hash = '#/report/${ids.pingtan}/2026/edit'`);
      await expect.poll(() => page.evaluate(FOCUSED)).toBe('input in nb-header-fields');
      // every part is drawn moments later, the last table included
      await expect.poll(() => page.locator('nb-report section[data-pending]').count()).toBe(0);
      await page.locator('nb-table-editor[table="四"] td[role="gridcell"]').first().waitFor();
      expect(await page.locator('nb-report section[id^="part-"]').count()).toBe(8);
    });

    it('a cell filled last year (38) and blank this year carries the ▲ mark and says so', async () => {
      const toggle = page.locator('nb-report button[data-action="toggle-compare"]');
      await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');
      const cell = t3Cell('partial', 'natural');
      const prior = cell.locator('[data-prior]');
      await prior.waitFor();
      // the parts below the first screen are rendered as they come into view (content-visibility)
      await cell.scrollIntoViewIfNeeded();
      await expect.poll(() => prior.innerText()).toBe('▲38');
      expect(await prior.getAttribute('data-prior')).toBe('vanished');
      expect(await prior.getAttribute('class')).toContain('vanished');
      expect(await cell.getAttribute('title')).toContain('上年有数，本年空白');
      expect(await cell.getAttribute('aria-label')).toContain('上年有数，本年空白');
      // the marked text is drawn in the warning colour, as a jump or a figure that appeared is
      const color = await prior.evaluate(colorOf);
      const muted = await t3Cell('partial', 'total').locator('[data-prior]').evaluate(colorOf);
      expect(color).not.toBe(muted);
      // the row's computed total is blank this year too, but it is never typed: no mark
      const total = t3Cell('partial', 'total').locator('[data-prior]');
      expect(await total.innerText()).toBe('38');
      expect(await total.getAttribute('data-prior')).toBe('');
      expect(await t3Cell('partial', 'total').getAttribute('title')).not.toContain('上年有数');
      await page.waitForTimeout(200);
      await screenshot(page, 'editor-perf-marks-blank-flag');
    });

    it('filling the cell takes the mark away', async () => {
      const cell = t3Cell('partial', 'natural');
      await cell.click();
      await page.keyboard.type('40');
      await page.keyboard.press('Enter');
      const prior = cell.locator('[data-prior]');
      await expect.poll(() => prior.innerText()).toBe('38');
      expect(await prior.getAttribute('data-prior')).toBe('');
      expect(await cell.getAttribute('title')).not.toContain('上年有数');
      expect(errors).toEqual([]);
    });
  },
);
