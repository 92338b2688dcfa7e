/**
 * A PDF page as the import reads it: its text items with positions and its ruling lines. Plain
 * data: made in Node by electron/services/import/pdf.ts (pdf.js), sent between threads, and read
 * by the pure code beside this file. Coordinates are PDF points (1/72 inch) with the origin at
 * the page's top-left corner and y growing downwards (the page as seen, its /Rotate applied).
 */

/** One text item as pdf.js gives it: a word, a run of text, or a fragment of one. Upright only. */
export interface PdfText {
  readonly text: string;
  /** Left edge. */
  readonly x: number;
  /** Baseline. */
  readonly y: number;
  /** Advance width of the whole item. */
  readonly width: number;
  /** Height of the item's box as pdf.js gives it (the font size, for ordinary text). */
  readonly height: number;
  /** Font size on the page (text matrix × transformation), in points. */
  readonly fontSize: number;
  /** pdf.js's name of the item's font within the document (the same font, the same name). */
  readonly font: string;
}

/**
 * A ruling line: a stroked straight segment (its length and the line width) or a thin filled
 * rectangle, as the axis-aligned rectangle of ink it covers.
 */
export interface PdfRule {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

export interface PdfPage {
  readonly width: number;
  readonly height: number;
  readonly texts: readonly PdfText[];
  readonly rules: readonly PdfRule[];
}
