/**
 * A report as a document in reading order, for the Word (.docx) and web page (HTML) exports: the
 * title (broken where the print breaks it), the 导语, each section's heading and paragraphs, its
 * table in the official layout (core/table-layout.ts: the same cells and spans as the print and
 * the editor, with the report's values as written), and the 落款 placed as the print places it
 * (the date 右空四字, the unit centred over it). It follows the print (electron/services/pdf/
 * render.ts): empty paragraphs are left out, a section without a heading gets the format's,
 * rows import could not place are not part of the table. Pure: no fonts, no sizes in points.
 */
import { SECTION_IDS, sectionDef, type SectionId, type TableId } from '../formats';
import { cellAt, officialTitle, type Report } from '../model';
import { layoutRows, officialLayout, type LayoutCell } from '../table-layout';

/** How a cell's text sits: labels left, values right, headers and captions centred. */
export type CellAlign = 'left' | 'center' | 'right';

export interface DocCell {
  readonly row: number;
  readonly col: number;
  readonly rowSpan: number;
  readonly colSpan: number;
  readonly kind: LayoutCell['kind'];
  readonly text: string;
  readonly align: CellAlign;
}

export interface DocRow {
  readonly kind: 'caption' | 'header' | 'body';
  /** Grid row number. */
  readonly index: number;
  /** A header row of the whole table (T3, T4): repeated at the top of each page it runs onto. */
  readonly repeat: boolean;
  /** The cells that start in this row, in column order. */
  readonly cells: readonly DocCell[];
}

export interface DocTable {
  readonly table: TableId;
  /** Each grid column's share of the table width (they add up to 1): label columns first. */
  readonly widths: readonly number[];
  readonly labelCols: number;
  readonly rows: readonly DocRow[];
}

export type DocBlock =
  | { readonly kind: 'title'; readonly lines: readonly string[] }
  | {
      readonly kind: 'paragraph';
      /** 0 body text, 1 "一、" (a section heading), 2 "（一）", 3 "1.", 4 "（1）". */
      readonly level: number;
      readonly text: string;
      /** The section heading of a section (level 1, one per section). */
      readonly section?: SectionId;
    }
  | { readonly kind: 'table'; readonly table: DocTable }
  | {
      readonly kind: 'signature';
      readonly unit: string;
      readonly date: string;
      /**
       * Right indents in body characters (em): the date ends four characters from the right
       * edge; the unit's line is centred over the date.
       */
      readonly dateIndent: number;
      readonly unitIndent: number;
    };

/** Characters per line of the text block at the title's size (156 mm at 22 pt). */
export const TITLE_CHARS = 20;

/** A text's width in em: Latin letters, digits and ASCII ½, every other character 1. */
export function widthEm(text: string): number {
  let w = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    w += c <= 0xff ? 0.5 : 1;
  }
  return w;
}

/**
 * The title's lines: one when it fits, else two broken where a reader pauses (before the year,
 * 政府信息公开 or 工作年度报告), the most even such break that fits; else one (the word
 * processor wraps it).
 */
export function titleLines(title: string): string[] {
  if (widthEm(title) <= TITLE_CHARS) return [title];
  let best: string[] | null = null;
  let bestScore = Infinity;
  for (const m of title.matchAll(/\d{4}年|政府信息公开|工作年度报告/gu)) {
    if (m.index === 0) continue;
    const head = title.slice(0, m.index);
    const tail = title.slice(m.index);
    if (widthEm(head) > TITLE_CHARS || widthEm(tail) > TITLE_CHARS) continue;
    const score = Math.abs(widthEm(head) - widthEm(tail));
    if (score < bestScore) [best, bestScore] = [[head, tail], score];
  }
  return best ?? [title];
}

/** Share of the width of the label columns (T2 one, T3 three), the rest shared by the values. */
const LABEL_SHARES: Readonly<Record<number, readonly number[]>> = {
  0: [],
  1: [0.4],
  3: [0.06, 0.09, 0.3],
};

function columnWidths(labelCols: number, valueCols: number): number[] {
  const labels = LABEL_SHARES[labelCols] ?? Array<number>(labelCols).fill(0.4 / labelCols);
  const rest = 1 - labels.reduce((a, b) => a + b, 0);
  return [...labels, ...Array<number>(valueCols).fill(rest / valueCols)];
}

function alignOf(cell: LayoutCell): CellAlign {
  if (cell.kind === 'label') return 'left';
  if (cell.kind === 'value') return 'right';
  return 'center';
}

/** A report's table in the official layout with its values as written (blank stays blank). */
export function docTable(report: Report, table: TableId): DocTable | null {
  if (!report.sections[table]?.table) return null;
  const layout = officialLayout(report.format, table);
  const rows = layoutRows(layout).map((row): DocRow => {
    const cells = row.cells.map((cell): DocCell => {
      let text: string;
      if (cell.kind === 'value') {
        const { block, row: r, column } = cell.place;
        const state = cellAt(report, table, block.id, r.id, column.id);
        text = state.present ? state.raw.trim() : '';
      } else text = cell.text;
      return {
        row: cell.row,
        col: cell.col,
        rowSpan: cell.rowSpan,
        colSpan: cell.colSpan,
        kind: cell.kind,
        text,
        align: alignOf(cell),
      };
    });
    return {
      kind: row.kind,
      index: row.index,
      repeat: layout.head.some((h) => h.index === row.index),
      cells,
    };
  });
  return {
    table,
    widths: columnWidths(layout.labelCols, layout.valueCols),
    labelCols: layout.labelCols,
    rows,
  };
}

/** The 落款 as the print places it, or null when there is neither a unit nor a date. */
function signatureBlock(report: Report): DocBlock | null {
  const unit = (report.signature.unit || report.unit.name).trim();
  const date = report.signature.date.trim();
  if (!unit && !date) return null;
  const dateIndent = 4;
  const centre = dateIndent + widthEm(date) / 2;
  const unitIndent = Math.max(0, centre - widthEm(unit) / 2);
  return { kind: 'signature', unit, date, dateIndent, unitIndent };
}

/** The report as a document, in reading order. */
export function documentOutline(report: Report): DocBlock[] {
  const blocks: DocBlock[] = [];
  const title = report.title.trim() || officialTitle(report.unit.name, report.year);
  blocks.push({ kind: 'title', lines: titleLines(title) });
  for (const p of report.opening) {
    if (p.text.trim()) blocks.push({ kind: 'paragraph', level: p.level, text: p.text.trim() });
  }
  for (const id of SECTION_IDS) {
    const section = report.sections[id];
    if (!section) continue;
    const def = sectionDef(id);
    const heading = section.heading.trim() || def.heading;
    blocks.push({ kind: 'paragraph', level: 1, text: heading, section: id });
    for (const p of section.paragraphs) {
      if (p.text.trim()) blocks.push({ kind: 'paragraph', level: p.level, text: p.text.trim() });
    }
    if (def.table) {
      const table = docTable(report, def.table);
      if (table) blocks.push({ kind: 'table', table });
    }
  }
  const signature = signatureBlock(report);
  if (signature) blocks.push(signature);
  return blocks;
}

/** A file name for an exported report: "<unit><year>年政府信息公开工作年度报告.<ext>". */
export function exportFileName(report: Report, ext: string): string {
  const unit = (report.signature.unit || report.unit.name).trim() || '报告';
  const name = `${unit}${report.year}年政府信息公开工作年度报告`.replace(/[\\/:*?"<>|\s]+/gu, '');
  return `${name}.${ext}`;
}
