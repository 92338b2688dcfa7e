// Layout invariants of the printed report (print.md), measured on the PDF the renderer produces
// (poppler, tests/helpers/pdf.ts) rather than on the renderer's own idea of where things went:
// page and text block, embedded fonts, extractable text in reading order, 避头尾 line breaking
// and justification, T3 across pages, the signature block, page numbers, draft watermark and
// metadata, bad input, and visual regression against reviewed baselines.
//
// Every PDF is rendered once in beforeAll with the bundled fonts only (loadFontSet({ dirs: [] }))
// so that the results do not depend on the fonts of the machine. The renderer's page model
// (layoutReport) is used only to know which table row went on which page, and where: what is on
// the page is always read back from the PDF.
import { beforeAll, describe, expect, it } from 'vitest';
import { FORMATS, SECTION_IDS, sectionDef } from '../../core/formats';
import { blankReport, officialTitle, type Report } from '../../core/model';
import { readReport } from '../../electron/services/files';
import type { PageNumberMode } from '../../core/api';
import { loadFontSet } from '../../electron/services/pdf/fonts';
import { createTypesetter } from '../../electron/services/pdf/linebreak';
import {
  flowOf,
  layoutReport,
  paginate,
  renderPdf,
  type FlowItem,
  type LaidOutPage,
} from '../../electron/services/pdf/render';
import { layoutTable, type PdfTableLayoutDetail } from '../../electron/services/pdf/table';
import { GRID, MM, PAGE, type Line } from '../../electron/services/pdf/types';
import {
  expectBaseline,
  lineEnds,
  lineStarts,
  pdfFonts,
  pdfInfo,
  pdfText,
  pdfWords,
  renderPages,
  requirePoppler,
  type PdfFont,
  type PdfInfo,
  type PdfPage,
  type PdfWord,
} from '../helpers/pdf';
import { SAMPLE } from '../helpers/paths';
import { fillerParagraph, punctuationReport, t3BreakReport } from '../helpers/long-report';
import { balancedReport, clone, setCell } from '../helpers/reports';

const FONTS = loadFontSet({ dirs: [] });
const CREATED = new Date(Date.UTC(2022, 0, 20, 8, 30, 0));

const LEFT = PAGE.left;
const RIGHT = PAGE.left + PAGE.blockWidth;
const TOP = PAGE.top;
const BOTTOM = PAGE.top + PAGE.blockHeight;
/** One character of the body grid (156 mm ÷ 28 ≈ 15.79 pt). */
const PITCH = GRID.pitch;
/** Page numbers are 4号 = 14 pt, one 14 pt character in from the edge. */
const PAGE_NUMBER_SIZE = 14;

/**
 * The word box pdftotext reports runs from the font's ascent to its descent: for Noto Serif SC
 * 1.437 em, 1.151 em above the baseline (tests/helpers/pdf.ts). The renderer sets the em box
 * 0.88 em above and 0.12 em below the baseline, so the box sticks out of the em box by about
 * 0.27 em at the top and 0.17 em at the bottom: that much is allowed beyond the text block.
 */
const BOX_EM = 1.437;
const SLACK_TOP_EM = 0.28;
const SLACK_BOTTOM_EM = 0.17;
const sizeOf = (w: { yMin: number; yMax: number }): number => (w.yMax - w.yMin) / BOX_EM;

/** Body text is 16 pt: its word boxes are about 23 pt high (Noto Serif SC 23.0, Sans 23.2). */
const isBodySize = (w: { yMin: number; yMax: number }): boolean => {
  const size = sizeOf(w);
  return size > 15.3 && size < 16.8;
};
/** Table text is 12 pt down to the 9 pt floor. */
const isTableSize = (w: { yMin: number; yMax: number }): boolean => sizeOf(w) < 12.6;

const strip = (text: string): string => text.replace(/\s+/gu, '');
const lineText = (line: Line): string => line.segments.map((u) => u.text).join('');

/** GB/T 15834 §5.1: never at the start of a line (…… and —— by their first character). */
const NO_START = new Set(Array.from('。，、；：？！”’）〕】》〉」』…—'));
/** Never at the end of a line. */
const NO_END = new Set(Array.from('“‘（〔【《〈「『'));

// ---------------------------------------------------------------------------------------------
// Rendering once

interface Rendered {
  readonly name: string;
  readonly report: Report;
  readonly draft: boolean;
  readonly mode: PageNumberMode;
  /** Milliseconds renderPdf took. */
  readonly ms: number;
  readonly error?: unknown;
  readonly pdf: Uint8Array;
  readonly pageCount: number;
  readonly layout: LaidOutPage[];
  words: PdfPage[];
  text: string[];
  fonts: PdfFont[];
  info: PdfInfo;
}

/** Renders and lays out a report; a failure is kept (and reported by the tests that use it). */
async function render(
  name: string,
  report: Report,
  options: { draft?: boolean; pageNumbers?: PageNumberMode } = {},
): Promise<Rendered> {
  const draft = options.draft ?? false;
  const mode = options.pageNumbers ?? 'alternate';
  const base = { name, report, draft, mode, words: [], text: [], fonts: [] };
  const info = undefined as unknown as PdfInfo; // set by readBack
  const started = performance.now();
  try {
    const out = await renderPdf(report, {
      fonts: FONTS,
      draft,
      creationDate: CREATED,
      pageNumbers: mode,
    });
    const ms = performance.now() - started;
    const layout = layoutReport(report, FONTS);
    return { ...base, ms, pdf: out.pdf, pageCount: out.pages, layout, info };
  } catch (error) {
    const ms = performance.now() - started;
    return { ...base, ms, error, pdf: new Uint8Array(), pageCount: 0, layout: [], info };
  }
}

/** Reads a rendered PDF back with poppler (all tools at once). */
async function readBack(r: Rendered): Promise<void> {
  if (r.error !== undefined) return;
  [r.words, r.text, r.fonts, r.info] = await Promise.all([
    pdfWords(r.pdf),
    pdfText(r.pdf),
    pdfFonts(r.pdf),
    pdfInfo(r.pdf),
  ]);
}

/** The render, or a failure naming the error the renderer threw. */
function ok(r: Rendered): Rendered {
  if (r.error !== undefined) {
    throw new Error(`${r.name}: renderPdf threw: ${String((r.error as Error).stack ?? r.error)}`);
  }
  return r;
}

// ---------------------------------------------------------------------------------------------
// Reports

/** A report with sections missing, blank cells, no opening and no date. */
function gappyReport(): Report {
  const report = clone(balancedReport(2021));
  delete report.sections['四'];
  delete report.sections['五'];
  report.opening = [];
  report.signature = { unit: '', date: '' };
  report.sections['一']!.heading = '';
  for (const row of ['granted', 'partial', 'denied1', 'denied2', 'total', 'new']) {
    for (const col of ['natural', 'business', 'total']) {
      setCell(report, '三', 't3', row, col, '');
    }
  }
  for (const col of ['issued', 'repealed', 'effective']) {
    setCell(report, '二', 'art20_1', 'rules', col, '');
  }
  return report;
}

const LONG_NAME = '清河县市场监督管理局'.repeat(50);

function longNameReport(): Report {
  const report = clone(balancedReport(2021, { unitName: LONG_NAME }));
  report.title = officialTitle(LONG_NAME, 2021);
  return report;
}

const HUGE_SENTENCE =
  '本机关坚持以公开为常态、不公开为例外，全年主动公开政府信息3,127条（同比增长12.5%），“一网通办”事项占比67.3%；';

function hugeParagraphReport(): Report {
  const report = clone(balancedReport(2021));
  let text = '';
  while (text.length < 10_000) text += HUGE_SENTENCE;
  report.sections['五']!.paragraphs = [{ level: 0, text: text.slice(0, 10_000) }];
  return report;
}

const MARKS = '。，、；：？！”’）〕】》〉」』……——“‘（〔【《〈「『';

function punctuationOnlyReport(): Report {
  const report = clone(balancedReport(2021));
  report.sections['六']!.paragraphs = [{ level: 0, text: MARKS.repeat(4) }];
  return report;
}

function emptyReport(): Report {
  return blankReport({ id: 'u-empty', name: '清河县某某局', kind: null }, 2021);
}

// ---------------------------------------------------------------------------------------------
// Reading the pages

/** The page number's words: below the text block. */
const belowBlock = (w: PdfWord): boolean => w.yMin >= BOTTOM - 0.5;

interface VisualLine {
  readonly page: number;
  readonly words: PdfWord[];
  readonly text: string;
  readonly xMin: number;
  readonly xMax: number;
  readonly yMin: number;
  readonly yMax: number;
}

/**
 * Words of a page grouped into the lines a reader sees (by their vertical centre; pdftotext may
 * split a widely spaced justified line), left to right, top to bottom.
 */
function visualLines(page: PdfPage, keep: (w: PdfWord) => boolean): VisualLine[] {
  const words = page.words
    .filter(keep)
    .sort((a, b) => a.yMin + a.yMax - (b.yMin + b.yMax) || a.xMin - b.xMin);
  const groups: PdfWord[][] = [];
  for (const word of words) {
    const centre = (word.yMin + word.yMax) / 2;
    const last = groups[groups.length - 1];
    const lastCentre = last ? (last[0]!.yMin + last[0]!.yMax) / 2 : -Infinity;
    if (last && Math.abs(centre - lastCentre) < 4) last.push(word);
    else groups.push([word]);
  }
  return groups.map((group) => {
    group.sort((a, b) => a.xMin - b.xMin);
    return {
      page: page.number,
      words: group,
      text: strip(group.map((w) => w.text).join('')),
      xMin: Math.min(...group.map((w) => w.xMin)),
      xMax: Math.max(...group.map((w) => w.xMax)),
      yMin: Math.min(...group.map((w) => w.yMin)),
      yMax: Math.max(...group.map((w) => w.yMax)),
    };
  });
}

/** Body-size lines within the text block, all pages, in order. */
function bodyLines(pages: PdfPage[]): VisualLine[] {
  return pages.flatMap((page) => visualLines(page, (w) => isBodySize(w) && !belowBlock(w)));
}

/** The page number line of a page (the words below the text block). */
function pageNumberLine(page: PdfPage): VisualLine | undefined {
  return visualLines(page, belowBlock)[0];
}

/** The whole extracted text, whitespace removed, each page's number "—N—" removed. */
function documentText(r: Rendered): string {
  return r.text
    .map((pageText, i) => {
      const text = strip(pageText);
      const number = `—${i + 1}—`;
      const at = text.lastIndexOf(number);
      return at < 0 ? text : text.slice(0, at) + text.slice(at + number.length);
    })
    .join('');
}

/** What the report says, in the order it is printed (tables aside). */
function narrative(report: Report): { what: string; text: string }[] {
  const out: { what: string; text: string }[] = [];
  const add = (what: string, text: string) => {
    if (strip(text) !== '') out.push({ what, text: strip(text) });
  };
  add('标题', report.title.trim() || officialTitle(report.unit.name, report.year));
  report.opening.forEach((p, i) => add(`导语 ${i + 1}`, p.text));
  for (const id of SECTION_IDS) {
    const section = report.sections[id];
    if (!section) continue;
    add(`${id} heading`, section.heading.trim() || sectionDef(id).heading);
    section.paragraphs.forEach((p, i) => add(`${id} paragraph ${i + 1}`, p.text));
  }
  add('落款 unit', report.signature.unit || report.unit.name);
  add('落款 date', report.signature.date);
  return out;
}

/** The body paragraphs (headings included), in order: what the body lines are made of. */
function bodyParagraphs(report: Report): string[] {
  return narrative(report)
    .filter((n) => n.what !== '标题' && !n.what.startsWith('落款'))
    .map((n) => n.text);
}

interface Walked {
  readonly text: string;
  readonly lines: VisualLine[];
}

/**
 * The body lines of the PDF assigned to the report's paragraphs: each paragraph must be the
 * next lines, exactly. Throws with the first mismatch.
 */
function walkParagraphs(r: Rendered): Walked[] {
  const lines = bodyLines(r.words);
  const out: Walked[] = [];
  let j = 0;
  for (const text of bodyParagraphs(r.report)) {
    const mine: VisualLine[] = [];
    let acc = '';
    while (acc.length < text.length && j < lines.length) {
      mine.push(lines[j]!);
      acc += lines[j]!.text;
      j++;
    }
    if (acc !== text) {
      throw new Error(
        `${r.name}: the body lines do not make up the paragraph\n  expected: ${text}\n  lines:    ${mine
          .map((l) => `p${l.page} ${l.text}`)
          .join('\n            ')}`,
      );
    }
    out.push({ text, lines: mine });
  }
  return out;
}

/** Table rows placed on the pages of the model: page index, row, its top and height (points). */
interface PlacedRow {
  readonly page: number;
  readonly table: PdfTableLayoutDetail;
  readonly index: number;
  readonly top: number;
  readonly height: number;
  readonly repeated: boolean;
}

function placedRows(layout: readonly LaidOutPage[]): PlacedRow[] {
  const out: PlacedRow[] = [];
  layout.forEach((page, p) => {
    for (const placed of page.items) {
      const item = placed.item;
      if (item.kind !== 'row') continue;
      out.push({
        page: p + 1,
        table: item.table as PdfTableLayoutDetail,
        index: item.index,
        top: TOP + placed.y,
        height: item.height,
        repeated: placed.repeated === true,
      });
    }
  });
  return out;
}

/** Left and right edge of grid columns col … col + span − 1. */
function columnSpan(table: PdfTableLayoutDetail, col: number, span: number): [number, number] {
  let x = LEFT;
  for (let c = 0; c < col; c++) x += table.columnWidths[c]!;
  let w = 0;
  for (let c = col; c < col + span; c++) w += table.columnWidths[c]!;
  return [x, x + w];
}

/** The text of the words whose centre lies in a rectangle, top to bottom, left to right. */
function textIn(page: PdfPage, x0: number, x1: number, y0: number, y1: number): string {
  const inside = page.words.filter((w) => {
    const cx = (w.xMin + w.xMax) / 2;
    const cy = (w.yMin + w.yMax) / 2;
    return cx > x0 - 0.5 && cx < x1 + 0.5 && cy > y0 - 0.5 && cy < y1 + 0.5;
  });
  inside.sort((a, b) => Math.round(a.yMin) - Math.round(b.yMin) || a.xMin - b.xMin);
  return strip(inside.map((w) => w.text).join(''));
}

/** Header/caption texts of a report's tables, line by line as the cells print them. */
function headerTexts(report: Report): Set<string> {
  const ts = createTypesetter(FONTS);
  const out = new Set<string>();
  for (const id of ['二', '三', '四'] as const) {
    const table = layoutTable(report, id, PAGE.blockWidth, ts);
    if (!table) continue;
    table.grid.cells.forEach((cell, i) => {
      if (cell.kind !== 'caption' && cell.kind !== 'header' && cell.kind !== 'note') return;
      for (const line of table.cellLines[i]!) out.add(strip(lineText(line)));
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The T3 break: a long section 一 that makes T3 start low on a page

/** One-line paragraphs always in section 一 of the T3-break report ("a long 一 section"). */
const FILLER_BASE = 12;

interface Sweep {
  readonly extra: number;
  readonly pages: LaidOutPage[];
}

/**
 * The flow of the T3-break report with 0…21 more one-line paragraphs at the end of section 一
 * (copies of its last filler line), paginated: every start position of the tables on a page.
 */
function sweepT3(): Sweep[] {
  const ts = createTypesetter(FONTS);
  const items = flowOf(t3BreakReport(FILLER_BASE), ts);
  const last = fillerParagraph(FILLER_BASE).text;
  const at = items.findIndex((item) => item.kind === 'line' && lineText(item.line) === last);
  if (at < 0) throw new Error('filler line not found in the flow');
  const out: Sweep[] = [];
  for (let extra = 0; extra < GRID.lines; extra++) {
    const copies: FlowItem[] = Array.from({ length: extra }, () => ({ ...items[at]! }));
    const flow = [...items.slice(0, at + 1), ...copies, ...items.slice(at + 1)];
    out.push({ extra, pages: paginate(flow) });
  }
  return out;
}

/** Pages (1-based) holding T3 body rows, and where T3's first row sits on its first page. */
function t3Pages(layout: readonly LaidOutPage[]): { pages: number[]; firstY: number } {
  const rows = placedRows(layout).filter((r) => r.table.id === '三');
  const pages = [
    ...new Set(rows.filter((r) => r.table.rows[r.index]!.kind === 'body').map((r) => r.page)),
  ];
  return { pages, firstY: rows.length > 0 ? rows[0]!.top - TOP : NaN };
}

// ---------------------------------------------------------------------------------------------

/** The renders, by key; each test names those it measures. */
const LABELS = {
  balanced: 'balanced 2021',
  again: 'balanced 2021 again',
  draft: 'balanced 2021 draft',
  centre: 'balanced 2021 centred page numbers',
  balanced2020: 'balanced 2020',
  sample: 'sample (draft)',
  dense: 'punctuation-dense report',
  t3Break: 'T3-break report',
  gappy: 'missing sections and blank cells',
  longName: '500-character unit name',
  huge: '10,000-character paragraph',
  marks: 'punctuation-only paragraph',
  empty: 'empty report',
} as const;
type Key = keyof typeof LABELS;
const R = {} as Record<Key, Rendered>;
/** Every render but the repeat of the balanced one. */
const ALL: readonly Key[] = (Object.keys(LABELS) as Key[]).filter((k) => k !== 'again');
const BAD: readonly Key[] = ['gappy', 'longName', 'huge', 'marks', 'empty'];
/** Renders whose body text is checked line by line (避头尾, justification). */
const BODY_TEXT: readonly Key[] = [
  'dense',
  'huge',
  'balanced',
  'balanced2020',
  'sample',
  't3Break',
];
/** it.each rows: [label, key]. */
const cases = (...keys: readonly Key[]) => keys.map((k) => [LABELS[k], k] as const);
const get = (key: Key): Rendered => ok(R[key]);

let sweep: Sweep[];

beforeAll(async () => {
  requirePoppler();
  const { report: sampleReport } = await readReport(SAMPLE);

  sweep = sweepT3();
  // T3 starts as low as it can while its header and at least one body row stay on the page.
  const lowest = sweep
    .map((s) => ({ s, t3: t3Pages(s.pages) }))
    .filter(({ t3 }) => t3.pages.length >= 2)
    .sort((a, b) => b.t3.firstY - a.t3.firstY)[0];
  const t3Lines = FILLER_BASE + (lowest?.s.extra ?? 0);

  const reports: Record<Key, [Report, { draft?: boolean; pageNumbers?: PageNumberMode }?]> = {
    balanced: [balancedReport(2021)],
    again: [balancedReport(2021)],
    draft: [balancedReport(2021), { draft: true }],
    centre: [balancedReport(2021), { pageNumbers: 'centre' }],
    balanced2020: [balancedReport(2020)],
    sample: [sampleReport, { draft: true }],
    dense: [punctuationReport()],
    t3Break: [t3BreakReport(t3Lines)],
    gappy: [gappyReport()],
    longName: [longNameReport()],
    huge: [hugeParagraphReport()],
    marks: [punctuationOnlyReport()],
    empty: [emptyReport()],
  };
  // One after another (rendering is CPU work); then poppler reads them all back in parallel.
  for (const key of Object.keys(LABELS) as Key[]) {
    const [report, options] = reports[key];
    R[key] = await render(LABELS[key], report, options);
  }
  await Promise.all(Object.values(R).map(readBack));
}, 120_000);

// ---------------------------------------------------------------------------------------------
// 1. Page size and text block

describe('page and text block', () => {
  it('every page of every render is A4 portrait', () => {
    for (const r of ALL.map(get)) {
      expect(r.info.pages, r.name).toBe(r.pageCount);
      expect(r.info.pages, r.name).toBeGreaterThanOrEqual(1);
      for (const [i, size] of r.info.pageSizes.entries()) {
        const where = `${r.name} page ${i + 1}`;
        expect(size.width, where).toBeCloseTo(PAGE.width, 1);
        expect(size.height, where).toBeCloseTo(PAGE.height, 1);
        expect(size.rotation, where).toBe(0);
      }
    }
  });

  it('every word lies within the text block, the page number below it', () => {
    const problems: string[] = [];
    for (const r of ALL.map(get)) {
      for (const page of r.words) {
        for (const w of page.words) {
          if (belowBlock(w)) continue; // the page number: checked below
          const size = sizeOf(w);
          if (
            w.xMin < LEFT - 0.5 ||
            w.xMax > RIGHT + 0.5 ||
            w.yMin + SLACK_TOP_EM * size < TOP - 0.5 ||
            w.yMax - SLACK_BOTTOM_EM * size > BOTTOM + 0.5
          ) {
            problems.push(
              `${r.name} p${page.number} "${w.text}" x ${w.xMin.toFixed(1)}–${w.xMax.toFixed(1)} ` +
                `y ${w.yMin.toFixed(1)}–${w.yMax.toFixed(1)} (block x ${LEFT.toFixed(1)}–${RIGHT.toFixed(1)}, ` +
                `y ${TOP.toFixed(1)}–${BOTTOM.toFixed(1)})`,
            );
          }
        }
      }
    }
    expect(problems.slice(0, 30), `${problems.length} words outside the block`).toEqual([]);
  });

  it('below the block there is only the page number, about 7 mm below it', () => {
    for (const r of ALL.map(get)) {
      for (const page of r.words) {
        const below = visualLines(page, belowBlock);
        const where = `${r.name} p${page.number}`;
        expect(
          below.map((l) => l.text),
          where,
        ).toEqual([`—${page.number}—`]);
        const line = below[0]!;
        // The em box's top: the word box starts (1.151 − 0.88) em above it.
        const emTop = line.yMin + (1.151 - 0.88) * sizeOf(line);
        expect(Math.abs(emTop - (BOTTOM + 7 * MM)), where).toBeLessThan(1.5);
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------
// 2. Fonts

describe('fonts', () => {
  it('every font is an embedded subset with a ToUnicode map; no Type 3', () => {
    for (const r of ALL.map(get)) {
      expect(r.fonts.length, r.name).toBeGreaterThan(0);
      for (const font of r.fonts) {
        const where = `${r.name}: ${font.name} (${font.type})`;
        expect(font.embedded, where).toBe(true);
        expect(font.subset, where).toBe(true);
        expect(font.unicode, where).toBe(true);
        expect(font.type, where).not.toMatch(/Type 3/);
        expect(font.name, where).toMatch(/^[A-Z]{6}\+/);
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------
// 3. Text: extractable and in reading order

describe('text in reading order', () => {
  it.each(cases(...ALL))(
    '%s: title, opening, headings, paragraphs and signature in order',
    (_, key) => {
      const r = get(key);
      const text = documentText(r);
      let at = 0;
      const missing: string[] = [];
      for (const piece of narrative(r.report)) {
        const found = text.indexOf(piece.text, at);
        if (found < 0) {
          const anywhere = text.indexOf(piece.text);
          missing.push(
            `${piece.what}: ${anywhere < 0 ? 'not in the text' : `out of order (at ${anywhere}, expected after ${at})`}: ${piece.text.slice(0, 60)}`,
          );
          continue;
        }
        at = found + piece.text.length;
      }
      expect(missing).toEqual([]);
    },
  );

  it.each(cases('balanced', 'balanced2020', 'sample', 't3Break', 'gappy'))(
    '%s: every table label and value is in its cell, on the page its row is on',
    (_, key) => {
      const r = get(key);
      const problems: string[] = [];
      let checked = 0;
      for (const row of placedRows(r.layout)) {
        if (row.repeated) continue;
        const page = r.words[row.page - 1]!;
        for (const cell of row.table.grid.cells) {
          if (cell.row !== row.index || cell.rowSpan !== 1) continue;
          if (cell.kind !== 'value' && cell.kind !== 'label') continue;
          if (strip(cell.text) === '') continue;
          const [x0, x1] = columnSpan(row.table, cell.col, cell.colSpan);
          const got = textIn(page, x0, x1, row.top, row.top + row.height);
          checked++;
          if (got !== strip(cell.text)) {
            problems.push(
              `T${row.table.id} row ${row.index} ${cell.kind} "${cell.text}" on p${row.page}: found "${got}"`,
            );
          }
        }
      }
      expect(checked).toBeGreaterThan(0);
      expect(problems).toEqual([]);
    },
  );

  it('every T3 body row of the balanced report is placed on a page once', () => {
    const rows = placedRows(get('balanced').layout).filter(
      (r) => r.table.id === '三' && !r.repeated && r.table.rows[r.index]!.kind === 'body',
    );
    const table = rows[0]!.table;
    const body = table.rows.map((row, i) => [row.kind, i] as const).filter(([k]) => k === 'body');
    expect(rows.map((r) => r.index)).toEqual(body.map(([, i]) => i));
  });
});

// ---------------------------------------------------------------------------------------------
// 4. Line breaking and justification

describe('line breaking (避头尾) and justification', () => {
  it('no line starts with a closing mark or ends with an opening mark', () => {
    const r = get('dense');
    const lines = r.words.map((page) => ({
      ...page,
      lines: page.lines.filter((l) => !l.words.every(belowBlock)),
    }));
    const starts = lineStarts(lines).filter((e) => NO_START.has(e.char));
    const ends = lineEnds(lines).filter((e) => NO_END.has(e.char));
    expect(starts.map((e) => `p${e.page} starts "${e.char}": ${e.text}`)).toEqual([]);
    expect(ends.map((e) => `p${e.page} ends "${e.char}": ${e.text}`)).toEqual([]);
  });

  it.each(cases(...BODY_TEXT))(
    '%s: no paragraph breaks before a closing or after an opening mark',
    (_, key) => {
      const r = get(key);
      const problems: string[] = [];
      for (const p of walkParagraphs(r)) {
        for (let i = 1; i < p.lines.length; i++) {
          const before = Array.from(p.lines[i - 1]!.text).at(-1)!;
          const after = Array.from(p.lines[i]!.text)[0]!;
          if (NO_END.has(before) || NO_START.has(after)) {
            problems.push(
              `p${p.lines[i]!.page}: …${p.lines[i - 1]!.text.slice(-6)} | ${p.lines[i]!.text.slice(0, 6)}…`,
            );
          }
        }
      }
      expect(problems).toEqual([]);
    },
  );

  it.each(cases(...BODY_TEXT))('%s: no number, year, —— or …… is split across lines', (_, key) => {
    const r = get(key);
    const problems: string[] = [];
    let breaks = 0;
    for (const p of walkParagraphs(r)) {
      const urls = [...p.text.matchAll(/https?:\/\/[A-Za-z0-9./_:%?=&#-]+/gu)].map(
        (m) => [m.index, m.index + m[0].length] as const,
      );
      const inUrl = (at: number) => urls.some(([s, e]) => at >= s && at < e);
      const tokens = [...p.text.matchAll(/\d+(?:[.,]\d+)*%?|—{2,}|…{2,}/gu)]
        .filter((m) => !inUrl(m.index))
        .map((m) => [m.index, m.index + m[0].length, m[0]] as const);
      let offset = 0;
      for (let i = 0; i < p.lines.length - 1; i++) {
        offset += p.lines[i]!.text.length;
        breaks++;
        for (const [s, e, token] of tokens) {
          if (s < offset && offset < e) {
            problems.push(
              `"${token}" split on p${p.lines[i]!.page}: ${p.lines[i]!.text} | ${p.lines[i + 1]!.text}`,
            );
          }
        }
      }
    }
    expect(breaks).toBeGreaterThan(key === 'dense' ? 100 : 0);
    expect(problems).toEqual([]);
  });

  it.each(cases(...BODY_TEXT))(
    '%s: justified lines fill the block; first lines are indented two characters',
    (_, key) => {
      const r = get(key);
      const problems: string[] = [];
      for (const p of walkParagraphs(r)) {
        p.lines.forEach((line, i) => {
          const where = `p${line.page} "${line.text.slice(0, 12)}…${line.text.slice(-4)}"`;
          const left = i === 0 ? LEFT + 2 * PITCH : LEFT;
          if (Math.abs(line.xMin - left) > 1) {
            problems.push(
              `${where} starts at ${line.xMin.toFixed(2)}, expected ${left.toFixed(2)}`,
            );
          }
          if (i < p.lines.length - 1 && Math.abs(line.xMax - RIGHT) > 1) {
            problems.push(`${where} ends at ${line.xMax.toFixed(2)}, expected ${RIGHT.toFixed(2)}`);
          }
          if (line.xMax > RIGHT + 0.5) {
            problems.push(`${where} overruns the block: ${line.xMax.toFixed(2)}`);
          }
        });
      }
      expect(problems).toEqual([]);
    },
  );
});

// ---------------------------------------------------------------------------------------------
// 5. Tables across pages

describe('T3 across pages', () => {
  it('page model: no caption or header row ends a page; a table continued on a page repeats its headers', () => {
    const problems: string[] = [];
    for (const { extra, pages } of sweep) {
      pages.forEach((page, p) => {
        const where = `+${extra} lines, page ${p + 1}`;
        const last = page.items[page.items.length - 1]?.item;
        if (last?.kind === 'row' && last.table.rows[last.index]!.kind !== 'body') {
          problems.push(
            `${where}: ends with T${last.table.id} ${last.table.rows[last.index]!.kind} row ${last.index}`,
          );
        }
        const first = page.items.find((pl) => !pl.repeated);
        if (
          first?.item.kind === 'row' &&
          first.item.table.rows[first.item.index]!.kind === 'body'
        ) {
          const want = first.item.table.repeatFor(first.item.index);
          const got = page.items
            .filter((pl) => pl.repeated)
            .map((pl) => (pl.item as { index: number }).index);
          if (JSON.stringify(got) !== JSON.stringify(want)) {
            problems.push(
              `${where}: T${first.item.table.id} row ${first.item.index} starts the page after rows ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`,
            );
          }
        }
      });
    }
    expect(problems).toEqual([]);
  });

  it('page model: the signature block stays on the page of the last line of text', () => {
    const problems: string[] = [];
    for (const { extra, pages } of sweep) {
      const p = pages.findIndex((page) => page.items.some((pl) => pl.item.kind === 'signature'));
      const items = pages[p]?.items ?? [];
      const at = items.findIndex((pl) => pl.item.kind === 'signature');
      if (p < 0) problems.push(`+${extra} lines: no signature`);
      else if (at < 1 || items[at - 1]!.item.kind !== 'line') {
        problems.push(`+${extra} lines: the signature stands alone on page ${p + 1}`);
      } else if ((items[at]!.sealLines ?? 0) < 1) {
        problems.push(`+${extra} lines: no blank line above the signature on page ${p + 1}`);
      }
    }
    expect(sweep.length).toBe(GRID.lines);
    expect(problems).toEqual([]);
  });

  it('the T3-break report breaks T3 with T3 starting low on a page', () => {
    const { pages, firstY } = t3Pages(get('t3Break').layout);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(firstY).toBeGreaterThan(PAGE.blockHeight / 2);
  });

  it.each(cases('t3Break', 'balanced', 'balanced2020', 'sample', 'gappy'))(
    '%s: on every page with T3 body rows its header rows are printed above the first one',
    (_, key) => {
      const r = get(key);
      const rows = placedRows(r.layout).filter((row) => row.table.id === '三');
      const table = rows[0]!.table;
      const headerRows = table.rows
        .map((row, i) => [row, i] as const)
        .filter(([row]) => row.kind === 'header');
      const headerHeight = headerRows.reduce((s, [row]) => s + row.height, 0);
      const headerCells = table.grid.cells.filter(
        (cell) => (cell.kind === 'header' || cell.kind === 'note') && strip(cell.text) !== '',
      );
      expect(headerCells.map((c) => c.text)).toEqual(
        expect.arrayContaining(['申请人情况', '自然人', '总计', FORMATS[r.report.format].t3Note]),
      );
      const { pages } = t3Pages(r.layout);
      const problems: string[] = [];
      for (const p of pages) {
        const firstBody = rows.find(
          (row) => row.page === p && !row.repeated && table.rows[row.index]!.kind === 'body',
        )!;
        const page = r.words[p - 1]!;
        const band = { top: firstBody.top - headerHeight - 1, bottom: firstBody.top + 0.5 };
        const inBand = {
          ...page,
          words: page.words.filter((w) => isTableSize(w) && w.yMin >= band.top),
        };
        for (const cell of headerCells) {
          const [x0, x1] = columnSpan(table, cell.col, cell.colSpan);
          const got = textIn(inBand, x0, x1, band.top, band.bottom);
          if (!got.includes(strip(cell.text))) {
            problems.push(
              `p${p}: header "${cell.text}" not above the first body row (found "${got}")`,
            );
          }
        }
      }
      expect(pages.length).toBeGreaterThanOrEqual(key === 't3Break' ? 2 : 1);
      expect(problems).toEqual([]);
    },
  );

  it.each(cases('balanced', 'balanced2020', 'sample', 't3Break', 'gappy'))(
    '%s: the lowest text of a page is never a caption or header row',
    (_, key) => {
      const r = get(key);
      const headers = headerTexts(r.report);
      const problems: string[] = [];
      for (const page of r.words) {
        const words = page.words.filter((w) => !belowBlock(w));
        if (words.length === 0) continue;
        const lowest = Math.max(...words.map((w) => w.yMax));
        const bottom = words.filter((w) => w.yMax > lowest - 1.5);
        if (bottom.every((w) => headers.has(strip(w.text)))) {
          problems.push(`p${page.number} ends with ${bottom.map((w) => `"${w.text}"`).join(' ')}`);
        }
      }
      // and in the page model: the last row of a page is a body row
      r.layout.forEach((page, p) => {
        const last = page.items[page.items.length - 1]?.item;
        if (last?.kind === 'row' && last.table.rows[last.index]!.kind !== 'body') {
          problems.push(
            `model page ${p + 1} ends with a ${last.table.rows[last.index]!.kind} row of T${last.table.id}`,
          );
        }
      });
      expect(problems).toEqual([]);
    },
  );
});

// ---------------------------------------------------------------------------------------------
// 6. Signature block

describe('signature block', () => {
  it.each(cases('balanced', 'balanced2020', 'sample', 'dense', 't3Break'))(
    '%s: name over date, 右空四字, on the last page with text, after a blank line',
    (_, key) => {
      const r = get(key);
      const name = strip(r.report.signature.unit || r.report.unit.name);
      const date = strip(r.report.signature.date);
      const lastPage = r.words[r.words.length - 1]!;
      const lines = visualLines(lastPage, (w) => isBodySize(w) && !belowBlock(w));
      const dateLine = lines[lines.length - 1]!;
      const nameLine = lines[lines.length - 2]!;
      const lastBody = lines[lines.length - 3];
      expect(dateLine.text).toBe(date);
      expect(nameLine.text).toBe(name);
      // the last page has body text: the end of the last paragraph
      const paragraphs = bodyParagraphs(r.report);
      expect(lastBody, 'body text on the signature page').toBeDefined();
      expect(paragraphs[paragraphs.length - 1]!.endsWith(lastBody!.text)).toBe(true);
      // the date ends four characters from the right edge
      expect(Math.abs(dateLine.xMax - (RIGHT - 4 * PITCH))).toBeLessThan(2);
      // the name is centred over the date
      const centre = (l: VisualLine) => (l.xMin + l.xMax) / 2;
      expect(Math.abs(centre(nameLine) - centre(dateLine))).toBeLessThan(2);
      // at least one blank line (one grid line) between the text and the name
      expect(nameLine.yMin - lastBody!.yMax).toBeGreaterThanOrEqual(GRID.leading - 0.5);
    },
  );
});

// ---------------------------------------------------------------------------------------------
// 7. Page numbers

describe('page numbers', () => {
  it.each(cases('balanced', 'dense', 'sample'))(
    '%s: alternate: odd right, even left, 14 pt',
    (_, key) => {
      const r = get(key);
      expect(r.mode).toBe('alternate');
      for (const page of r.words) {
        const line = pageNumberLine(page)!;
        const where = `p${page.number}`;
        expect(line.text, where).toBe(`—${page.number}—`);
        if (page.number % 2 === 1) {
          expect(Math.abs(line.xMax - (RIGHT - PAGE_NUMBER_SIZE)), where).toBeLessThan(1);
        } else {
          expect(Math.abs(line.xMin - (LEFT + PAGE_NUMBER_SIZE)), where).toBeLessThan(1);
        }
        expect(Math.abs(sizeOf(line) - PAGE_NUMBER_SIZE), where).toBeLessThan(0.5);
      }
    },
  );

  it('centre mode: centred on the text block', () => {
    const r = get('centre');
    expect(r.words.length).toBeGreaterThanOrEqual(2);
    for (const page of r.words) {
      const line = pageNumberLine(page)!;
      expect(line.text).toBe(`—${page.number}—`);
      expect(Math.abs((line.xMin + line.xMax) / 2 - (LEFT + RIGHT) / 2)).toBeLessThan(1);
      expect(Math.abs(sizeOf(line) - PAGE_NUMBER_SIZE)).toBeLessThan(0.5);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// 8. Draft and final, metadata, reproducibility

describe('draft, metadata and reproducibility', () => {
  it('a draft has a gray watermark in the page centre; the text is the same', async () => {
    const final = get('balanced');
    const draft = get('draft');
    expect(draft.text).toEqual(final.text);
    expect(draft.pageCount).toBe(final.pageCount);
    const [d, f] = await Promise.all([
      renderPages(draft.pdf, { dpi: 20, first: 1, last: final.pageCount }),
      renderPages(final.pdf, { dpi: 20, first: 1, last: final.pageCount }),
    ]);
    for (let p = 0; p < final.pageCount; p++) {
      const dp = d[p]!;
      const fp = f[p]!;
      let watermark = 0;
      let region = 0;
      for (let y = Math.floor(dp.height * 0.35); y < dp.height * 0.65; y++) {
        for (let x = Math.floor(dp.width * 0.2); x < dp.width * 0.8; x++) {
          const i = (y * dp.width + x) * 4;
          region++;
          const dv = dp.data[i]!;
          const fv = fp.data[i]!;
          // white in the final copy, light gray in the draft
          if (fv >= 250 && dv < 248 && dv > 150) watermark++;
        }
      }
      expect(watermark / region, `page ${p + 1}`).toBeGreaterThan(0.05);
    }
  });

  it('metadata: title, author, subject, language and creation date', () => {
    for (const r of [get('balanced'), get('draft'), get('sample')]) {
      const unit = (r.report.signature.unit || r.report.unit.name).trim();
      expect(r.info.title, r.name).toBe(r.report.title);
      expect(r.info.author, r.name).toBe(unit);
      expect(r.info.subject, r.name).toContain(`${r.report.year}`);
      expect(r.info.subject, r.name).toContain('政府信息公开');
      expect(r.info.lang, r.name).toBe('zh-CN');
      expect(new Date(r.info.creationDate!).getTime(), r.name).toBe(CREATED.getTime());
      expect(r.info.encrypted).toBe(false);
    }
  });

  it('rendering the same report twice gives identical bytes', () => {
    const a = get('balanced');
    const b = get('again');
    expect(Buffer.from(a.pdf).equals(Buffer.from(b.pdf))).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// 9. Bad input

describe('bad input', () => {
  it.each(cases(...BAD))('%s renders', (_, key) => {
    const r = get(key);
    expect(r.pageCount).toBeGreaterThanOrEqual(1);
    expect(r.info.pages).toBe(r.pageCount);
  });

  it('a 500-character unit name: the title wraps, the signature stays in the block', () => {
    const r = get('longName');
    const titleLines = r.words.flatMap((page) =>
      visualLines(page, (w) => sizeOf(w) > 20 && !belowBlock(w)),
    );
    expect(titleLines.length).toBeGreaterThan(1);
    expect(strip(titleLines.map((l) => l.text).join(''))).toBe(officialTitle(LONG_NAME, 2021));
    const last = r.words[r.words.length - 1]!;
    const lines = visualLines(last, (w) => isBodySize(w) && !belowBlock(w));
    const date = lines[lines.length - 1]!;
    expect(date.text).toBe(strip(r.report.signature.date));
    expect(Math.abs(date.xMax - (RIGHT - 4 * PITCH))).toBeLessThan(2);
    // the name's lines, above the date, make up the name
    let name = '';
    for (let i = lines.length - 2; i >= 0 && name.length < LONG_NAME.length; i--) {
      name = lines[i]!.text + name;
      expect(lines[i]!.xMin).toBeGreaterThanOrEqual(LEFT - 0.5);
      expect(lines[i]!.xMax).toBeLessThanOrEqual(RIGHT + 0.5);
    }
    expect(name).toBe(LONG_NAME);
  });

  it('a 10,000-character paragraph renders in reasonable time', () => {
    const r = get('huge');
    expect(r.ms).toBeLessThan(10_000);
    expect(r.pageCount).toBeGreaterThan(10);
  });
});

// ---------------------------------------------------------------------------------------------
// 10. Visual regression

describe('visual regression', () => {
  const firstT3Page = (r: Rendered) => t3Pages(r.layout).pages[0]!;

  it('balanced 2021: page 1 and the first T3 page', async () => {
    const r = get('balanced');
    const t3 = firstT3Page(r);
    const [p1] = await renderPages(r.pdf, { first: 1, last: 1 });
    const [pt3] = await renderPages(r.pdf, { first: t3, last: t3 });
    await expectBaseline('layout-balanced-2021-p1', p1!.png);
    await expectBaseline('layout-balanced-2021-t3', pt3!.png);
  });

  it('the sample: page 1 (draft)', async () => {
    const [p1] = await renderPages(get('sample').pdf, { first: 1, last: 1 });
    await expectBaseline('layout-sample-p1', p1!.png);
  });

  it('the T3-break report: the page T3 continues on', async () => {
    const r = get('t3Break');
    const next = t3Pages(r.layout).pages[1]!;
    const [page] = await renderPages(r.pdf, { first: next, last: next });
    await expectBaseline('layout-t3-break-continued', page!.png);
  });
});

describe('empty paragraphs', () => {
  it('print nothing: the flow is the same as without them (the editor can leave one)', () => {
    const ts = createTypesetter(FONTS);
    const report = balancedReport(2023);
    const withEmpty = clone(report);
    withEmpty.opening = [...withEmpty.opening, { level: 0, text: '' }];
    const one = withEmpty.sections['一']!;
    one.paragraphs = [{ level: 0, text: '   ' }, ...one.paragraphs, { level: 2, text: '' }];
    const texts = (r: Report) =>
      flowOf(r, ts).map((item) => (item.kind === 'line' ? lineText(item.line) : item.kind));
    expect(texts(withEmpty)).toEqual(texts(report));
  });
});
