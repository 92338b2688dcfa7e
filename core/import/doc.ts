/**
 * The neutral document every input kind is read into: paragraphs and tables in reading order.
 * Table rows are full grids: a cell spanning rows or columns appears in every position it
 * covers (so a group label spanning eight rows labels all eight), marked `spanned` there.
 */
export interface GridCell {
  readonly text: string;
  /** true in the positions a merged cell covers other than its own. */
  readonly spanned: boolean;
}

export type DocBlock =
  | { readonly kind: 'p'; readonly text: string }
  | {
      readonly kind: 'table';
      readonly rows: readonly (readonly GridCell[])[];
      /** Rebuilt from one cell per line: no column positions, values in header order. */
      readonly linear?: boolean;
    }
  /**
   * Lines of text laid out in columns without ruling lines (a table in a PDF drawn without
   * rules): each line's runs of text with their horizontal extent, in reading order. Lines with
   * one run between them (a wrapped label) are included.
   */
  | { readonly kind: 'layout'; readonly lines: readonly (readonly Span[])[] };

/** A run of text on a line of a layout block, from x0 to x1 (PDF points, from the left edge). */
export interface Span {
  readonly text: string;
  readonly x0: number;
  readonly x1: number;
}

/** A source cell before span expansion. */
export interface SourceCell {
  readonly text: string;
  readonly colspan: number;
  readonly rowspan: number;
}

const MAX_SPAN = 100;

/** Expands rows of cells with rowspan/colspan into a grid (HTML table model). */
export function expandSpans(rows: readonly (readonly SourceCell[])[]): GridCell[][] {
  const grid: GridCell[][] = [];
  // pending[c] = remaining rows a cell from above still covers at column c
  const pending: { cell: GridCell; left: number }[] = [];
  for (const row of rows) {
    const out: GridCell[] = [];
    let col = 0;
    const place = () => {
      while (pending[col] && pending[col]!.left > 0) {
        out[col] = pending[col]!.cell;
        pending[col]!.left--;
        col++;
      }
    };
    place();
    for (const cell of row) {
      place();
      const colspan = Math.min(Math.max(1, cell.colspan), MAX_SPAN);
      const rowspan = Math.min(Math.max(1, cell.rowspan), MAX_SPAN);
      for (let i = 0; i < colspan; i++) {
        out[col] = { text: cell.text, spanned: i > 0 };
        if (rowspan > 1)
          pending[col] = { cell: { text: cell.text, spanned: true }, left: rowspan - 1 };
        col++;
      }
    }
    for (let c = col; c < pending.length; c++) {
      const p = pending[c];
      if (p && p.left > 0) {
        out[c] = p.cell;
        p.left--;
      }
    }
    for (let c = 0; c < out.length; c++) out[c] ??= { text: '', spanned: false };
    grid.push(out);
  }
  return grid;
}
