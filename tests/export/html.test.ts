// The web page export (issue 16, item 2), parsed back: semantic headings, the three tables with
// <th> and scope on every caption, header and row label, rowspan/colspan placing every cell
// exactly where the official layout has it (both formats), every label and value present,
// inline borders and widths, nothing a CMS would strip or block (no script, no stylesheet, no
// class, no external resource), text escaped; the fragment for a CMS editor; and the page as
// Chromium shows it (a screenshot in tests/artifacts/screenshots/export-html.png, and the
// tables' cells measured where the layout puts them).
import { parseDocument } from 'htmlparser2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright';
import { reportHtml } from '../../core/document/html';
import { SECTION_IDS, type TableId } from '../../core/formats';
import { layoutRows, officialLayout } from '../../core/table-layout';
import { launchChromium, SCREENSHOTS } from '../helpers/browser';
import { expectedCells, htmlTables } from '../helpers/documents';
import { balancedReport } from '../helpers/reports';
import { draftReport, levelsReport } from './reports';
import fs from 'node:fs';
import path from 'node:path';

const TABLES: readonly TableId[] = ['二', '三', '四'];

interface Node {
  type: string;
  name?: string;
  data?: string;
  attribs?: Record<string, string>;
  children?: Node[];
}

function elements(html: string): Node[] {
  const out: Node[] = [];
  const stack = [parseDocument(html) as unknown as Node];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'tag' || n.type === 'script' || n.type === 'style') out.push(n);
    // document order: the first child is taken next
    stack.push(...[...(n.children ?? [])].reverse());
  }
  return out;
}

const text = (n: Node): string =>
  n.type === 'text' ? (n.data ?? '') : (n.children ?? []).map(text).join('');

describe.each([
  ['2021', () => balancedReport(2021)],
  ['2019', () => balancedReport(2020)],
])('the %s format as a web page', (_, make) => {
  const report = make();
  const html = reportHtml(report);

  it('places every cell of the three tables exactly as the official layout, with th and scope', () => {
    const tables = htmlTables(html);
    expect(tables).toHaveLength(3);
    TABLES.forEach((id, k) => {
      const table = tables[k]!;
      const got = table.cells.map(({ row, col, rowSpan, colSpan, text }) => ({
        row,
        col,
        rowSpan,
        colSpan,
        text,
      }));
      expect(got, `表${id}`).toEqual(expectedCells(report, id));
      const layout = officialLayout(report.format, id);
      expect(table.head).toBe(layout.head.length);
      const kinds = new Map(
        layoutRows(layout)
          .flatMap((r) => r.cells)
          .map((c) => [`${c.row},${c.col}`, c.kind]),
      );
      for (const cell of table.cells) {
        const kind = kinds.get(`${cell.row},${cell.col}`)!;
        if (kind === 'value') {
          expect(cell.tag).toBe('td');
          expect(cell.scope).toBeUndefined();
          expect(cell.style).toContain('text-align:right');
        } else {
          expect(cell.tag, `${kind} ${cell.text}`).toBe('th');
          const want = {
            caption: 'colgroup',
            header: cell.colSpan > 1 ? 'colgroup' : 'col',
            note: undefined,
            group: 'rowgroup',
            label: 'row',
          }[kind];
          expect(cell.scope, `${kind} ${cell.text}`).toBe(want);
        }
        // borders and widths inline, on every cell
        expect(cell.style).toMatch(/border:1px solid #000/u);
        expect(cell.style).toMatch(/width:\d+(\.\d+)?%/u);
      }
    });
  });

  it('has semantic headings: the title h1, the six sections h2, in order', () => {
    const els = elements(html);
    const h1 = els.filter((e) => e.name === 'h1');
    expect(h1).toHaveLength(1);
    expect(text(h1[0]!)).toBe(report.title);
    const h2 = els.filter((e) => e.name === 'h2').map(text);
    expect(h2).toEqual(SECTION_IDS.map((id) => report.sections[id]!.heading));
  });

  it('holds nothing a CMS would strip or block: no script, stylesheet, class or external resource', () => {
    const els = elements(html);
    const names = new Set(els.map((e) => e.name));
    for (const banned of ['script', 'style', 'link', 'img', 'iframe', 'object', 'embed', 'base'])
      expect(names.has(banned), banned).toBe(false);
    for (const e of els) {
      expect(e.attribs?.['class'], `class on ${e.name}`).toBeUndefined();
      expect(e.attribs?.['id'], `id on ${e.name}`).toBeUndefined();
      for (const [name, value] of Object.entries(e.attribs ?? {})) {
        expect(name.startsWith('on'), `${name} on ${e.name}`).toBe(false);
        expect(value).not.toMatch(/url\(|https?:|\/\/|javascript:/iu);
      }
    }
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="zh-CN">/u);
    expect(html).toContain('<meta charset="utf-8">');
  });
});

describe('the web page', () => {
  it('escapes what a clerk typed', () => {
    const report = balancedReport(2021);
    report.sections['六']!.paragraphs = [{ level: 0, text: '<script>alert(1)</script> & “引号”' }];
    const html = reportHtml(report);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; “引号”');
  });

  it('the fragment is only the content (no html, head or body), the same content', () => {
    const report = levelsReport();
    const fragment = reportHtml(report, { fragment: true });
    expect(fragment).not.toMatch(/<html|<head|<body|<!DOCTYPE|<meta|<title/iu);
    expect(reportHtml(report)).toContain(fragment);
    const els = elements(fragment);
    // levels 2–4 as h3–h5, the title in two lines
    const level2 = Object.values(report.sections).flatMap((s) =>
      s!.paragraphs.filter((p) => p.level === 2).map((p) => p.text),
    );
    expect(level2).toContain('（一）存在的主要问题');
    expect(els.filter((e) => e.name === 'h3').map(text)).toEqual(level2);
    expect(els.filter((e) => e.name === 'h4').map(text)).toEqual(['1.政策解读形式单一']);
    expect(els.filter((e) => e.name === 'h5').map(text)).toEqual([
      '（1）基层工作人员业务能力有待提高',
    ]);
    expect(els.filter((e) => e.name === 'br')).toHaveLength(1);
  });

  it('a draft with blank cells exports them as empty cells', () => {
    const report = draftReport();
    const tables = htmlTables(reportHtml(report));
    TABLES.forEach((id, k) => {
      const got = tables[k]!.cells.map(({ row, col, rowSpan, colSpan, text }) => ({
        row,
        col,
        rowSpan,
        colSpan,
        text,
      }));
      expect(got).toEqual(expectedCells(report, id));
    });
  });
});

describe('the web page in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lays the tables out as the official layout (screenshot: export-html.png)', async () => {
    const report = balancedReport(2021);
    const context = await browser.newContext({
      viewport: { width: 1366, height: 768 },
      locale: 'zh-CN',
      // no request leaves the page (it has no external resource)
      offline: true,
    });
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith('data:') && r.url() !== 'about:blank') requests.push(r.url());
    });
    await page.setContent(reportHtml(report));
    // T3 in Chromium: the cell a row label sits in starts at the layout's column
    const placed = await page.$$eval('table', (tables) =>
      tables.map((t) =>
        [...t.querySelectorAll('tr')].map((r) =>
          [...r.querySelectorAll('th, td')].map((c) => ({
            text: c.textContent,
            left: Math.round(c.getBoundingClientRect().left),
            top: Math.round(c.getBoundingClientRect().top),
          })),
        ),
      ),
    );
    expect(placed).toHaveLength(3);
    // every value of a data row on one line (the same top), left to right
    for (const table of placed) {
      for (const row of table) {
        const tops = new Set(row.map((c) => c.top));
        expect(tops.size).toBe(1);
        const lefts = row.map((c) => c.left);
        expect([...lefts].sort((a, b) => a - b)).toEqual(lefts);
      }
    }
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'export-html.png'), fullPage: true });
    expect(requests).toEqual([]);
    await context.close();
  }, 60_000);
});
