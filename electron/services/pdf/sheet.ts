/**
 * A4 sheets that are not the report itself (the 年度对比表, the 审核意见): a PDFKit document on
 * the report's page (the GB/T 9704 text block and margins, the same fonts, page numbers centred),
 * wrapped text and ruled tables whose header row repeats on each page they run onto.
 */
import { createTypesetter } from './linebreak';
import { openDocument, type DocumentInfo } from './document';
import { drawPageNumber, lineDrawer, type RenderOutput } from './render';
import { PAGE, type DrawLine, type FontSet, type TextStyle, type Typesetter } from './types';

export interface Sheet {
  readonly doc: PDFKit.PDFDocument;
  readonly ts: Typesetter;
  readonly drawLine: DrawLine;
  /** From the top of the text block. */
  y: number;
  pages: number;
}

export type SheetInfo = DocumentInfo;

/** A new document with its first page; `finish` ends it and gives its bytes. */
export function openSheet(
  fonts: FontSet,
  info: SheetInfo,
): { sheet: Sheet; finish: () => Promise<RenderOutput> } {
  const { doc, end } = openDocument(fonts, info);
  const sheet: Sheet = {
    doc,
    ts: createTypesetter(fonts),
    drawLine: lineDrawer(doc),
    y: 0,
    pages: 0,
  };
  newPage(sheet);
  return {
    sheet,
    async finish() {
      return { pdf: await end(), pages: sheet.pages };
    },
  };
}

export function newPage(ctx: Sheet): void {
  ctx.doc.addPage({ size: [PAGE.width, PAGE.height], margin: 0 });
  ctx.pages++;
  drawPageNumber(ctx.doc, ctx.ts, ctx.pages, 'centre', ctx.drawLine);
  ctx.y = 0;
}

/** A new page unless `height` fits below the current position. */
export function room(ctx: Sheet, height: number): void {
  if (ctx.y + height > PAGE.blockHeight) newPage(ctx);
}

/** A paragraph of text, wrapped to the text block (centred, or from the left edge). */
export function text(
  ctx: Sheet,
  content: string,
  style: TextStyle,
  options: { centre?: boolean; after?: number } = {},
): void {
  const lead = style.size * 1.6;
  const lines = ctx.ts.lines(content, style, PAGE.blockWidth, { justifyLast: false });
  for (const line of lines) {
    room(ctx, lead);
    const x = options.centre ? (PAGE.blockWidth - line.width) / 2 : 0;
    ctx.drawLine(
      line,
      PAGE.left + x,
      PAGE.top + ctx.y + ctx.ts.ascent(style) + (lead - style.size) / 2,
    );
    ctx.y += lead;
  }
  ctx.y += options.after ?? 0;
}

export interface Row {
  readonly cells: readonly string[];
  /** Shaded (a flagged or an open item). */
  readonly flagged: boolean;
  readonly head?: boolean;
  /** At least this tall (points): room to write in. */
  readonly minHeight?: number;
  /**
   * One cell across the table's width (cells[0]): `group` a heading for the rows below it in
   * the header's type, `note` a remark in the body's type.
   */
  readonly span?: 'group' | 'note';
}

/** A table's columns: widths (points, together the text block's width) and alignment. */
export interface Columns {
  readonly widths: readonly number[];
  /** Right-aligned (numbers) columns. */
  readonly numeric?: (index: number) => boolean;
  readonly body: TextStyle;
  readonly head: TextStyle;
}

const PAD = 3;
const LEADING = 1.3;

/** The cells' widths: a spanning row has one cell as wide as the table. */
const widthsOf = (cols: Columns, row: Row): readonly number[] =>
  row.span ? [cols.widths.reduce((s, w) => s + w, 0)] : cols.widths;

function rowLayout(ctx: Sheet, cols: Columns, row: Row) {
  const style = row.head || row.span === 'group' ? cols.head : cols.body;
  const widths = widthsOf(cols, row);
  const lines = widths.map((w, i) =>
    ctx.ts.lines(row.cells[i] ?? '', style, w - 2 * PAD, { justifyLast: false }),
  );
  const height = Math.max(
    row.minHeight ?? 0,
    Math.max(1, ...lines.map((l) => l.length)) * style.size * LEADING + 2 * PAD,
  );
  return { lines, height, style, widths };
}

function drawRow(ctx: Sheet, cols: Columns, row: Row): void {
  const { lines, height, style, widths } = rowLayout(ctx, cols, row);
  const doc = ctx.doc;
  const top = PAGE.top + ctx.y;
  let x = PAGE.left;
  if (row.flagged || row.head) {
    doc
      .save()
      .rect(PAGE.left, top, PAGE.blockWidth, height)
      .fillColor(row.head ? '#e8e8e8' : '#f1f1f1')
      .fill()
      .restore();
  }
  doc.save().lineWidth(0.5).strokeColor('#000000');
  widths.forEach((w, i) => {
    doc.rect(x, top, w, height).stroke();
    const numeric = !row.head && !row.span && (cols.numeric?.(i) ?? false);
    lines[i]!.forEach((line, k) => {
      const lx = numeric ? x + w - PAD - line.width : x + PAD;
      ctx.drawLine(
        line,
        lx,
        top +
          PAD +
          k * style.size * LEADING +
          ctx.ts.ascent(style) +
          (style.size * (LEADING - 1)) / 2,
      );
    });
    x += w;
  });
  doc.restore();
  ctx.y += height;
}

/** A table that repeats its header row on each page it runs onto. */
export function table(ctx: Sheet, cols: Columns, head: Row, rows: readonly Row[]): void {
  const headHeight = rowLayout(ctx, cols, head).height;
  // a group heading goes onto the next page with its first row
  const need = (k: number) => {
    const row = rows[k];
    if (!row) return rowLayout(ctx, cols, head).height;
    const next = rows[k + 1];
    return (
      rowLayout(ctx, cols, row).height +
      (row.span === 'group' && next ? rowLayout(ctx, cols, next).height : 0)
    );
  };
  room(ctx, headHeight + need(0));
  drawRow(ctx, cols, head);
  rows.forEach((row, k) => {
    if (ctx.y + need(k) > PAGE.blockHeight) {
      newPage(ctx);
      drawRow(ctx, cols, head);
    }
    drawRow(ctx, cols, row);
  });
  ctx.y += 10;
}
