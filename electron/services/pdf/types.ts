/**
 * Contracts shared by the PDF service's parts: fonts (fonts.ts), line breaking (linebreak.ts),
 * tables (table.ts) and the page flow and drawing (render.ts). Units are PostScript points.
 */
import type * as fontkit from 'fontkit';

export const MM = 72 / 25.4;

/** A4 portrait and the GB/T 9704 text block (print.md, "Page"). */
export const PAGE = {
  width: 210 * MM,
  height: 297 * MM,
  top: 37 * MM,
  left: 28 * MM,
  blockWidth: 156 * MM,
  blockHeight: 225 * MM,
} as const;

/** 22 lines × 28 characters: the body grid. */
export const GRID = {
  lines: 22,
  chars: 28,
  /** Character pitch of the body text: 156 mm ÷ 28 ≈ 15.8 pt. */
  pitch: PAGE.blockWidth / 28,
  /** Line pitch: 225 mm ÷ 22 ≈ 29 pt. */
  leading: PAGE.blockHeight / 22,
} as const;

/**
 * The typographic roles of print.md's "Type" table. Each is served by an official font when
 * the machine has one, otherwise by a bundled free font (a stand-in).
 */
export const FONT_ROLES = ['title', 'fangsong', 'hei', 'kai', 'song'] as const;
export type FontRole = (typeof FONT_ROLES)[number];

/** One font face, parsed once per process and shared by every document. */
export interface FontFace {
  /** Stable identity: the file path plus the PostScript name (a TTC holds several faces). */
  readonly key: string;
  /** The family name as the font names itself (Chinese name where it has one). */
  readonly family: string;
  readonly postscriptName: string;
  readonly file: string;
  readonly source: 'system' | 'bundled';
  readonly font: fontkit.Font;
}

export interface RoleAssignment {
  readonly role: FontRole;
  /** What print.md asks for: "仿宋_GB2312 / 仿宋". */
  readonly wanted: string;
  readonly face: FontFace;
  /** true when no official font was found and a bundled one stands in. */
  readonly standIn: boolean;
  /** Fonts found for the role but not used: their licence forbids embedding them in a PDF. */
  readonly refused: readonly string[];
}

export interface FontSet {
  readonly roles: Readonly<Record<FontRole, RoleAssignment>>;
  /** Faces tried, in order, for a character the role's face lacks. */
  readonly fallbacks: readonly FontFace[];
  /** The folders searched for official fonts (empty: bundled fonts only). */
  readonly searched: readonly string[];
  /** The face that draws a code point in a role: the role's face, else the first fallback that has it. */
  faceFor(role: FontRole, codePoint: number): FontFace;
}

/** A run of text in one face: what a line is drawn from. */
export interface Run {
  readonly text: string;
  readonly face: FontFace;
  /** Natural advance width at the run's size, points. */
  readonly width: number;
}

/**
 * An unbreakable piece of a line: one CJK character with any kinsoku neighbours it must stay
 * with, a number, a Latin word, "——" or "……". Its runs carry the faces (glyph fallback).
 */
export interface Segment {
  readonly text: string;
  readonly runs: readonly Run[];
  readonly width: number;
  /** A single full-width character: justification spreads space after it. */
  readonly cjk: boolean;
}

export interface TextStyle {
  readonly role: FontRole;
  readonly size: number;
}

/** A laid-out line: its segments and the space put between them to justify it. */
export interface Line {
  readonly segments: readonly Segment[];
  /** Sum of the segments' natural widths. */
  readonly natural: number;
  /** Space after each segment but the last (may be negative: text set tight to the grid). */
  readonly gap: number;
  /** Width the line occupies: natural + gap × (segments − 1). */
  readonly width: number;
  readonly style: TextStyle;
}

/** Measures and segments text for a style; implemented over a FontSet (linebreak.ts). */
export interface Typesetter {
  readonly fonts: FontSet;
  /** Splits text into segments (glyph fallback applied). */
  segments(text: string, style: TextStyle): Segment[];
  /**
   * Breaks text into lines no wider than `width` with 避头尾 rules. `firstIndent` narrows the
   * first line. `pitch` is the advance wanted per full-width character (the grid); lines are
   * justified except the last.
   */
  lines(
    text: string,
    style: TextStyle,
    width: number,
    options?: { firstIndent?: number; pitch?: number; justifyLast?: boolean },
  ): Line[];
  /** Natural width of text set in one line. */
  width(text: string, style: TextStyle): number;
  /** From the top of the em box to the baseline, points: where to put a line's baseline. */
  ascent(style: TextStyle): number;
}

/** Draws one laid-out line with its left edge at x and its baseline at y (render.ts). */
export type DrawLine = (line: Line, x: number, baseline: number) => void;

/** What a table needs to draw itself on the current page. */
export interface DrawContext {
  readonly doc: PDFKit.PDFDocument;
  readonly typesetter: Typesetter;
  readonly drawLine: DrawLine;
}

export type TableRowKind = 'caption' | 'header' | 'body';

export interface TableRowLayout {
  readonly kind: TableRowKind;
  /** Height of the row, points (all its lines plus padding). */
  readonly height: number;
  /** A caption or header row must not end a page: it moves with the row after it. */
  readonly keepWithNext: boolean;
}

/**
 * A table laid out for a width: every row (captions, headers, body, in order) with its height.
 * The page flow decides which rows go on which page and asks the table to draw them.
 */
export interface PdfTableLayout {
  readonly id: '二' | '三' | '四';
  /** Table text size chosen between 12 pt and the 9 pt floor. */
  readonly fontSize: number;
  readonly width: number;
  readonly rows: readonly TableRowLayout[];
  /**
   * The header rows (indexes, in order) to draw again above row `index` when it is the first
   * row of a page: T3's three header rows, the caption and header of a T2 block, T4's header.
   */
  repeatFor(index: number): readonly number[];
  /**
   * Draws the given rows (indexes, in order; repeated header rows first) one under another
   * with the top-left corner at (x, y). Cells spanning several rows are drawn over the part of
   * their span present in `rows`. Returns the height drawn.
   */
  draw(ctx: DrawContext, rows: readonly number[], x: number, y: number): number;
}
