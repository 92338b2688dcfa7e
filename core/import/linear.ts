/**
 * Tables written one cell per line: what copying from a PDF reader, LibreOffice's "save as
 * text" and many converters produce. A run of lines made of table labels (the formats' own
 * vocabulary), values and blank lines is rebuilt into rows: a label after values starts a new
 * row, a row label after header labels does too, a T2 caption is a row of its own, and values
 * right after header labels (T4's unlabelled row) start one. The table is marked `linear`: its
 * rows have no column positions, so the recognisers read the values in the order the header
 * names the columns.
 */
import { FORMATS, FORMAT_VERSIONS, type ColumnDef, type RowDef } from '../formats';
import { stripOrdinal } from '../text';
import type { DocBlock } from './doc';
import { matchSectionHeading } from './headings';
import { isValueLike, matchLabel } from './tables';

const CAPTION = /^第二十条第\([一二三四五六七八九十]+\)项$/u;

/** Labels compared as written, ordinals included: "（七）总计" is a row, "总计" a column. */
const norm = (text: string) => text.normalize('NFKC').replace(/\s+/gu, '');

interface Vocabulary {
  /** Captions, 信息内容, column and column-group labels, T3's note and its 申请人情况. */
  readonly header: ReadonlySet<string>;
  /** T3's row groups ("三、本年度办理结果", "（三）不予公开"). */
  readonly groups: ReadonlySet<string>;
  readonly columns: readonly ColumnDef[];
  readonly rows: readonly RowDef[];
}

let cached: Vocabulary | null = null;

function vocabulary(): Vocabulary {
  if (cached) return cached;
  const header = new Set(
    [FORMATS['2021'].t2RowHeader, FORMATS['2021'].t3ColumnsHeader, '行政诉讼'].map(norm),
  );
  const groups = new Set<string>();
  const columns: ColumnDef[] = [];
  const rows: RowDef[] = [];
  for (const version of FORMAT_VERSIONS) {
    const format = FORMATS[version];
    header.add(norm(format.t3Note));
    for (const table of Object.values(format.tables)) {
      for (const block of table.blocks) {
        if (block.caption) header.add(norm(block.caption));
        for (const c of block.columns) {
          columns.push(c);
          for (const l of [c.label, c.group ?? '', ...(c.aliases ?? [])])
            if (l) header.add(norm(l));
        }
        for (const r of block.rows) {
          if (r.group) groups.add(norm(r.group));
          if (r.label) rows.push(r);
        }
      }
    }
  }
  cached = { header, groups, columns, rows };
  return cached;
}

function isCaption(text: string): boolean {
  return CAPTION.test(norm(text));
}

function isGroup(text: string): boolean {
  return vocabulary().groups.has(norm(text));
}

/** Longer than any label of the formats, or a sentence: no table label. */
function tooLong(text: string): boolean {
  return text.length > 60 || /[。；！？]./u.test(text);
}

/** A column header, caption or T3 note: never a row (a row label carries an ordinal). */
function isHeader(text: string): boolean {
  if (tooLong(text)) return false;
  const v = vocabulary();
  if (isCaption(text) || v.header.has(norm(text))) return true;
  return stripOrdinal(text) === text && matchLabel(text, v.columns) !== null;
}

function isRowLabel(text: string): boolean {
  if (tooLong(text)) return false;
  return !isHeader(text) && (isGroup(text) || matchLabel(text, vocabulary().rows) !== null);
}

/**
 * A value, or a garbled one ("247a", "12件多"): short, with a digit, and no label. A row label
 * with a digit starts with its ordinal ("1.属于国家秘密").
 */
function isCell(text: string): boolean {
  if (isValueLike(text)) return true;
  return (
    text.length <= 12 &&
    /\d/u.test(text.normalize('NFKC')) &&
    !/^\s*(?:\d+\s*[.、](?!\d)|\()/u.test(text.normalize('NFKC')) &&
    !isHeader(text) &&
    !isRowLabel(text)
  );
}

/** A short line that is no sentence: an unknown row's label, when a value follows it. */
function isShortLabel(text: string): boolean {
  return text.length <= 40 && !/[。；]/u.test(text) && matchSectionHeading(text) === null;
}

function nextNonBlank(lines: readonly string[], from: number): string | null {
  for (let i = from; i < lines.length; i++) if (lines[i]!.trim()) return lines[i]!.trim();
  return null;
}

/** Where a run of table lines starting at `start` ends (exclusive), or -1 if it is no table. */
function runEnd(lines: readonly string[], start: number): number {
  let values = 0;
  let labels = 0;
  let end = -1;
  for (let j = start; j < lines.length; j++) {
    const t = lines[j]!.trim();
    if (!t) continue;
    if (isCell(t)) {
      values++;
      end = j + 1;
    } else if (matchSectionHeading(t)) break;
    else if (isHeader(t) || isRowLabel(t)) labels++;
    else if (isShortLabel(t) && isValueLike(nextNonBlank(lines, j + 1) ?? '。')) labels++;
    else break;
  }
  return values >= 3 && labels >= 2 ? end : -1;
}

/**
 * Whether blank lines only separate the cells (text extracted from a PDF puts one after every
 * cell) rather than stand for empty cells (LibreOffice writes an empty cell as a blank line).
 */
function blanksSeparate(lines: readonly string[]): boolean {
  let cells = 0;
  let followed = 0;
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!.trim();
    if (!t) continue;
    cells++;
    if (i + 1 < lines.length && !lines[i + 1]!.trim()) followed++;
  }
  return cells > 0 && followed / cells >= 0.8;
}

/** Rebuilds the rows of one run of table lines. */
function rowsOf(lines: readonly string[]): string[][] {
  const separators = blanksSeparate(lines);
  const rows: string[][] = [];
  let row: string[] = [];
  let hasValue = false;
  let hasRowLabel = false;
  let hasHeader = false;
  const start = () => {
    row = [];
    rows.push(row);
    hasValue = hasRowLabel = hasHeader = false;
  };
  start();
  for (const raw of lines) {
    const t = raw.trim();
    if (!t) {
      // an empty cell after a row's label or among its values; blanks after header labels or
      // before a label are what merged cells leave behind
      if ((hasValue || hasRowLabel) && !separators) row.push('');
      continue;
    }
    if (isCell(t)) {
      if (hasHeader && !hasRowLabel && !hasValue) start(); // T4's unlabelled data row
      row.push(t);
      hasValue = true;
      continue;
    }
    const header = isHeader(t);
    const group = !header && isGroup(t);
    const groupsOnly = row.length > 0 && row.every(isGroup);
    const newRow =
      hasValue ||
      isCaption(t) ||
      norm(t) === norm(FORMATS['2021'].t2RowHeader) ||
      (!header && (hasHeader || (hasRowLabel && !groupsOnly)));
    if (newRow && row.length > 0) start();
    row.push(t);
    if (header) hasHeader = true;
    else if (!group) hasRowLabel = true;
  }
  return rows.filter((r) => r.some((c) => c !== ''));
}

/**
 * Splits lines into paragraphs and tables written one cell per line. Lines outside table runs
 * become paragraph blocks (blank lines dropped).
 */
export function linearBlocks(lines: readonly string[]): DocBlock[] {
  const blocks: DocBlock[] = [];
  // a table needs at least three values: most text has none, and is only paragraphs
  let values = 0;
  for (const line of lines) {
    const t = line.trim();
    if (t.length <= 20 && isCell(t) && ++values >= 3) break;
  }
  if (values < 3) {
    for (const line of lines) if (line.trim()) blocks.push({ kind: 'p', text: line });
    return blocks;
  }
  for (let i = 0; i < lines.length; i++) {
    const t = lines[i]!.trim();
    if (!t) continue;
    if (!matchSectionHeading(t) && (isHeader(t) || isRowLabel(t))) {
      const end = runEnd(lines, i);
      if (end > i) {
        const rows = rowsOf(lines.slice(i, end));
        blocks.push({
          kind: 'table',
          linear: true,
          rows: rows.map((r) => r.map((text) => ({ text, spanned: false }))),
        });
        i = end - 1;
        continue;
      }
    }
    blocks.push({ kind: 'p', text: lines[i]! });
  }
  return blocks;
}
