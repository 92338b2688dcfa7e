/**
 * The print layout of a report (print.md): the document is laid out as a flow of lines and
 * table rows on the GB/T 9704 text block, paginated (headings, captions and header rows never
 * end a page; T3 repeats its header rows; the signature block stays with the end of the text),
 * then drawn with PDFKit: page numbers, the 草稿 watermark of a draft, the 存档副本 note of a
 * report marked 已发布（存档）, metadata.
 */
import type { PageNumberMode } from '../../../core/api';
import { FORMATS, SECTION_IDS, sectionDef, type TableId } from '../../../core/formats';
import { officialTitle, type Paragraph, type Report } from '../../../core/model';
import { openDocument } from './document';
import { createTypesetter } from './linebreak';
import { layoutTable } from './table';
import {
  GRID,
  PAGE,
  type DrawLine,
  type FontFace,
  type FontRole,
  type FontSet,
  type Line,
  type PdfTableLayout,
  type TextStyle,
  type Typesetter,
} from './types';

export interface RenderOptions {
  readonly fonts: FontSet;
  /** Draws the 草稿 watermark on every page. */
  readonly draft: boolean;
  /**
   * A report marked 已发布（存档）: a small grey "存档副本（已发布）" in the top margin of every
   * page, so that a printed copy is not taken for a new 定稿.
   */
  readonly archiveCopy?: boolean;
  /** The PDF's creation date: the revision's time, so that a render is reproducible. */
  readonly creationDate: Date;
  /** Odd pages right / even pages left (two-sided), or centred (one-sided). */
  readonly pageNumbers?: PageNumberMode;
}

export interface RenderOutput {
  readonly pdf: Uint8Array;
  readonly pages: number;
}

export const BODY: TextStyle = { role: 'fangsong', size: 16 };
export const TITLE: TextStyle = { role: 'title', size: 22 };
const PAGE_NUMBER: TextStyle = { role: 'song', size: 14 };
const ARCHIVE_NOTE: TextStyle = { role: 'song', size: 9 };
/** The note on each page of an archive copy (a report marked 已发布（存档）). */
export const ARCHIVE_NOTE_TEXT = '存档副本（已发布）';
const TITLE_LEADING = GRID.leading * 1.25;
/** Blank lines between the last line of text and the signature: room for the seal. */
const SEAL_LINES = [2, 1] as const;

const LEVEL_ROLE: Readonly<Record<number, FontRole>> = {
  0: 'fangsong',
  1: 'hei',
  2: 'kai',
  3: 'fangsong',
  4: 'fangsong',
};

/** One thing placed in the flow: a line of text, a table row, or vertical space. */
export type FlowItem =
  | {
      readonly kind: 'line';
      readonly line: Line;
      readonly x: number;
      readonly height: number;
      readonly keepWithNext: boolean;
      /** Lines after a table start on the grid again. */
      readonly snap: boolean;
    }
  | {
      readonly kind: 'row';
      readonly table: PdfTableLayout;
      readonly index: number;
      readonly height: number;
      readonly keepWithNext: boolean;
    }
  | { readonly kind: 'space'; readonly height: number }
  | { readonly kind: 'signature'; readonly lines: readonly SignatureLine[] };

export interface SignatureLine {
  readonly line: Line;
  readonly x: number;
}

/** An item placed on a page, `y` from the top of the text block. */
export interface Placed {
  readonly item: FlowItem;
  readonly y: number;
  /** A header row drawn again at the top of a page. */
  readonly repeated?: boolean;
  /** For a signature: the blank lines kept above it. */
  readonly sealLines?: number;
}

export interface LaidOutPage {
  readonly items: readonly Placed[];
}

/** The title: one line, or lines broken where a reader pauses (before the year, before 政府信息公开). */
function titleLines(ts: Typesetter, title: string): Line[] {
  const width = PAGE.blockWidth;
  const one = ts.lines(title, TITLE, width);
  if (one.length === 1) return one;
  const chars = Array.from(title);
  const candidates: number[] = [];
  const text = chars.join('');
  for (const m of text.matchAll(/\d{4}年|政府信息公开|工作年度报告/gu)) {
    const at = Array.from(text.slice(0, m.index)).length;
    if (at > 0) candidates.push(at);
  }
  let best: Line[] | null = null;
  let bestScore = Infinity;
  for (const at of candidates) {
    const head = ts.lines(chars.slice(0, at).join(''), TITLE, width, { justifyLast: false });
    const tail = ts.lines(chars.slice(at).join(''), TITLE, width, { justifyLast: false });
    if (head.length !== 1 || tail.length !== 1) continue;
    const score = Math.abs(head[0]!.width - tail[0]!.width);
    if (score < bestScore) [best, bestScore] = [[head[0]!, tail[0]!], score];
  }
  if (best) return best;
  // No natural break fits: break anywhere allowed, every line set naturally (centred).
  const lines = ts.lines(title, TITLE, width);
  return lines.map((l) => ts.lines(l.segments.map((u) => u.text).join(''), TITLE, width)[0] ?? l);
}

function paragraphItems(ts: Typesetter, p: Paragraph, keepWithNext: boolean): FlowItem[] {
  const style: TextStyle = { role: LEVEL_ROLE[p.level] ?? 'fangsong', size: BODY.size };
  const lines = ts.lines(p.text, style, PAGE.blockWidth, {
    firstIndent: 2 * GRID.pitch,
    pitch: GRID.pitch,
  });
  const heading = p.level > 0 && lines.length <= 2;
  const n = lines.length;
  return lines.map((line, i) => ({
    kind: 'line',
    line,
    x: i === 0 ? 2 * GRID.pitch : 0,
    height: GRID.leading,
    // A paragraph's first line never ends a page alone, nor its last line begins one.
    keepWithNext: keepWithNext || heading || (n >= 2 && (i === 0 || i === n - 2)),
    snap: i === 0,
  }));
}

/** The signature block: the unit name centred over the date, the date 右空四字. */
function signatureLines(ts: Typesetter, report: Report): SignatureLine[] {
  const name = (report.signature.unit || report.unit.name).trim();
  const date = report.signature.date.trim();
  const right = PAGE.blockWidth - 4 * GRID.pitch;
  const dateLine = ts.lines(date, BODY, PAGE.blockWidth, { pitch: GRID.pitch })[0];
  const dateWidth = dateLine?.width ?? 0;
  const centre = right - dateWidth / 2;
  const out: SignatureLine[] = [];
  for (const line of ts.lines(name, BODY, PAGE.blockWidth, { pitch: GRID.pitch })) {
    const natural = ts.lines(line.segments.map((u) => u.text).join(''), BODY, PAGE.blockWidth, {
      pitch: GRID.pitch,
    })[0]!;
    const x = Math.max(0, Math.min(centre - natural.width / 2, PAGE.blockWidth - natural.width));
    out.push({ line: natural, x });
  }
  if (dateLine) out.push({ line: dateLine, x: Math.max(0, right - dateWidth) });
  return out;
}

/** The whole report as one flow of items, in reading order. */
export function flowOf(report: Report, ts: Typesetter): FlowItem[] {
  const items: FlowItem[] = [];
  const title = report.title.trim() || officialTitle(report.unit.name, report.year);
  const tLines = titleLines(ts, title);
  tLines.forEach((line, i) => {
    items.push({
      kind: 'line',
      line,
      x: (PAGE.blockWidth - line.width) / 2,
      height: TITLE_LEADING,
      keepWithNext: true,
      snap: i === 0,
    });
  });
  items.push({ kind: 'space', height: GRID.leading });
  // an empty paragraph (left by the editor) prints nothing
  for (const p of report.opening) if (p.text.trim()) items.push(...paragraphItems(ts, p, false));
  const format = FORMATS[report.format];
  for (const id of SECTION_IDS) {
    const section = report.sections[id];
    if (!section) continue;
    const def = sectionDef(id);
    const heading = section.heading.trim() || def.heading;
    items.push(...paragraphItems(ts, { level: 1, text: heading }, true));
    for (const p of section.paragraphs)
      if (p.text.trim()) items.push(...paragraphItems(ts, p, false));
    if (def.table && section.table && format.tables[def.table]) {
      const table = layoutTable(report, def.table as TableId, PAGE.blockWidth, ts);
      if (table) {
        table.rows.forEach((row, index) => {
          // The first body row under a header stays with the next: never a header and one row.
          const prev = table.rows[index - 1];
          const firstBody = row.kind === 'body' && prev !== undefined && prev.kind !== 'body';
          const next = table.rows[index + 1];
          items.push({
            kind: 'row',
            table,
            index,
            height: row.height,
            keepWithNext: row.keepWithNext || (firstBody && next?.kind === 'body'),
          });
        });
        items.push({ kind: 'space', height: GRID.leading / 2 });
      }
    }
  }
  const signature = signatureLines(ts, report);
  if (signature.length > 0) items.push({ kind: 'signature', lines: signature });
  return items;
}

const EPS = 0.01;

function itemHeight(item: FlowItem, sealLines: number = SEAL_LINES[0]): number {
  if (item.kind === 'signature') return (sealLines + item.lines.length) * GRID.leading;
  return item.height;
}

/** Where a line starts: on the next grid line when `snap`, else right below. */
function lineTop(y: number, item: FlowItem): number {
  if (item.kind === 'line' && item.snap && item.height === GRID.leading) {
    const k = Math.ceil(y / GRID.leading - EPS);
    return k * GRID.leading;
  }
  return y;
}

/** Breaks the flow into pages. */
export function paginate(items: readonly FlowItem[]): LaidOutPage[] {
  const pages: Placed[][] = [[]];
  let y = 0;
  let i = 0;
  let pageStart = 0;
  const flowIndex = new Map<FlowItem, number>(items.map((item, k) => [item, k]));
  while (i < items.length) {
    const item = items[i]!;
    const page = pages[pages.length - 1]!;
    // Only header rows repeated from the page before: the page counts as empty.
    const empty = page.every((p) => p.repeated);
    if (item.kind === 'space') {
      if (!empty) y += item.height;
      i++;
      continue;
    }
    // A table row beginning a page brings its header rows with it.
    if (item.kind === 'row' && page.length === 0) {
      for (const h of item.table.repeatFor(item.index)) {
        const height = item.table.rows[h]!.height;
        page.push({ item: { ...item, index: h, height, keepWithNext: true }, y, repeated: true });
        y += height;
      }
    }
    if (item.kind === 'signature') {
      const top = Math.ceil(y / GRID.leading - EPS) * GRID.leading;
      // Tighten the room for the seal rather than leave the signature alone on a page.
      const fit = SEAL_LINES.find((s) => top + itemHeight(item, s) <= PAGE.blockHeight + EPS);
      if (fit !== undefined || empty) {
        const sealLines = fit ?? SEAL_LINES[SEAL_LINES.length - 1];
        page.push({ item, y: top, sealLines });
        y = top + itemHeight(item, sealLines);
        i++;
        continue;
      }
    } else {
      const top = lineTop(y, item);
      if (top + item.height <= PAGE.blockHeight + EPS || empty) {
        page.push({ item, y: top });
        y = top + item.height;
        i++;
        continue;
      }
    }
    // Does not fit: move back over what must stay with what follows (a heading, a caption,
    // header rows; the last two lines of text before the signature), unless that would move
    // everything on the page.
    let back = i;
    if (item.kind === 'signature') {
      for (let n = 0; n < 2 && back > pageStart && items[back - 1]!.kind === 'line'; n++) back--;
    }
    while (back > pageStart) {
      const prev = items[back - 1]!;
      if (prev.kind === 'space' || prev.kind === 'signature' || !prev.keepWithNext) break;
      back--;
    }
    const kept = page.filter((p) => p.repeated || (flowIndex.get(p.item) ?? 0) < back);
    if (back < i && !kept.every((p) => p.repeated)) {
      page.length = 0;
      page.push(...kept);
      i = back;
    }
    pages.push([]);
    y = 0;
    pageStart = i;
  }
  return pages.filter((p) => p.length > 0).map((placed) => ({ items: placed }));
}

/** A laid-out report ready to draw. */
export function layoutReport(report: Report, fonts: FontSet): LaidOutPage[] {
  const ts = createTypesetter(fonts);
  return paginate(flowOf(report, ts));
}

function drawText(
  doc: PDFKit.PDFDocument,
  face: FontFace,
  size: number,
  text: string,
  x: number,
  baseline: number,
  spacing: number,
): void {
  doc
    .font(face.key)
    .fontSize(size)
    .text(text, x, baseline, {
      lineBreak: false,
      baseline: 'alphabetic',
      characterSpacing: spacing,
    } as PDFKit.Mixins.TextOptions);
}

/** Draws a line: runs of full-width characters in one face share one text operator. */
export function lineDrawer(doc: PDFKit.PDFDocument): DrawLine {
  return (line, x, baseline) => {
    const segments = line.segments;
    const size = line.style.size;
    let cx = x;
    let i = 0;
    while (i < segments.length) {
      const u = segments[i]!;
      const face = u.runs[0]?.face;
      if (u.cjk && u.runs.length === 1 && face) {
        let j = i;
        let text = '';
        let advance = 0;
        while (
          j < segments.length &&
          segments[j]!.cjk &&
          segments[j]!.runs.length === 1 &&
          segments[j]!.runs[0]!.face === face
        ) {
          text += segments[j]!.text;
          advance += segments[j]!.width + line.gap;
          j++;
        }
        drawText(doc, face, size, text, cx, baseline, line.gap);
        cx += advance;
        i = j;
        continue;
      }
      let rx = cx;
      if (u.text !== ' ') {
        for (const r of u.runs) {
          drawText(doc, r.face, size, r.text, rx, baseline, 0);
          rx += r.width;
        }
      }
      cx += u.width + line.gap;
      i++;
    }
  };
}

/** "草稿" drawn as outlines (not text: copying the page's text does not pick it up). */
function drawWatermark(doc: PDFKit.PDFDocument, face: FontFace): void {
  const size = 150;
  const run = face.font.layout('草稿');
  const scale = size / face.font.unitsPerEm;
  const width = run.advanceWidth * scale;
  doc.save();
  doc.translate(PAGE.width / 2, PAGE.height / 2).rotate(-35);
  doc.fillColor('#000000').fillOpacity(0.12);
  let x = -width / 2;
  run.glyphs.forEach((glyph, k) => {
    const path = glyph.path
      .scale(scale, -scale)
      .translate(x, size * 0.35)
      .toSVG();
    if (path) doc.path(path).fill();
    x += (run.positions[k]?.xAdvance ?? glyph.advanceWidth) * scale;
  });
  doc.restore();
}

export function drawPageNumber(
  doc: PDFKit.PDFDocument,
  ts: Typesetter,
  n: number,
  mode: PageNumberMode,
  drawLine: DrawLine,
): void {
  const line = ts.lines(`— ${n} —`, PAGE_NUMBER, PAGE.blockWidth)[0];
  if (!line) return;
  const one = PAGE_NUMBER.size;
  let x: number;
  if (mode === 'centre') x = PAGE.left + (PAGE.blockWidth - line.width) / 2;
  else if (n % 2 === 1) x = PAGE.left + PAGE.blockWidth - one - line.width;
  else x = PAGE.left + one;
  // About 7 mm below the text block.
  const top = PAGE.top + PAGE.blockHeight + 7 * (72 / 25.4);
  drawLine(line, x, top + ts.ascent(PAGE_NUMBER));
}

/** "存档副本（已发布）", small and grey, right-aligned in the top margin (about 20 mm down). */
function drawArchiveNote(doc: PDFKit.PDFDocument, ts: Typesetter, drawLine: DrawLine): void {
  const line = ts.lines(ARCHIVE_NOTE_TEXT, ARCHIVE_NOTE, PAGE.blockWidth)[0];
  if (!line) return;
  doc.save();
  doc.fillColor('#808080');
  drawLine(line, PAGE.left + PAGE.blockWidth - line.width, 20 * (72 / 25.4));
  doc.restore();
}

/** Renders a report to PDF bytes. */
export async function renderPdf(report: Report, options: RenderOptions): Promise<RenderOutput> {
  const ts = createTypesetter(options.fonts);
  const pages = paginate(flowOf(report, ts));
  const unit = (report.signature.unit || report.unit.name).trim();
  const title = report.title.trim() || officialTitle(report.unit.name, report.year);
  const { doc, end } = openDocument(options.fonts, {
    title,
    author: unit,
    subject: `${report.year}年政府信息公开工作年度报告`,
    keywords: `政府信息公开;年度报告;${report.year}`,
    creationDate: options.creationDate,
  });
  const drawLine = lineDrawer(doc);
  const ctx = { doc, typesetter: ts, drawLine };
  pages.forEach((page, p) => {
    doc.addPage({ size: [PAGE.width, PAGE.height], margin: 0 });
    if (options.draft) drawWatermark(doc, options.fonts.roles.hei.face);
    if (options.archiveCopy) drawArchiveNote(doc, ts, drawLine);
    drawPage(ctx, page);
    drawPageNumber(doc, ts, p + 1, options.pageNumbers ?? 'alternate', drawLine);
  });
  return { pdf: await end(), pages: pages.length };
}

function drawPage(
  ctx: { doc: PDFKit.PDFDocument; typesetter: Typesetter; drawLine: DrawLine },
  page: LaidOutPage,
): void {
  const items = page.items;
  for (let k = 0; k < items.length; k++) {
    const placed = items[k]!;
    const item = placed.item;
    const top = PAGE.top + placed.y;
    if (item.kind === 'line') {
      const baseline =
        top + (item.height - item.line.style.size) / 2 + ctx.typesetter.ascent(item.line.style);
      ctx.drawLine(item.line, PAGE.left + item.x, baseline);
    } else if (item.kind === 'row') {
      // Consecutive rows of one table are drawn together (spanning cells need them all).
      const rows = [item.index];
      while (k + 1 < items.length) {
        const next = items[k + 1]!.item;
        if (next.kind !== 'row' || next.table !== item.table) break;
        rows.push(next.index);
        k++;
      }
      item.table.draw(ctx, rows, PAGE.left, top);
    } else if (item.kind === 'signature') {
      const sealLines = placed.sealLines ?? SEAL_LINES[0];
      item.lines.forEach((s, n) => {
        const lineTopY = top + (sealLines + n) * GRID.leading;
        const baseline = lineTopY + (GRID.leading - BODY.size) / 2 + ctx.typesetter.ascent(BODY);
        ctx.drawLine(s.line, PAGE.left + s.x, baseline);
      });
    }
  }
}
