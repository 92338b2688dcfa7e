/**
 * How the table editor lays out its grid (table-grid.ts), DOM-free: the fixed widths of the label
 * columns (so they can stay in view while the values scroll), the table's minimum width, and how
 * each header cell presents itself — its ARIA role and scope, its classes (sticky, set
 * vertically, marked by a finding), its sticky offset and its tooltip. Pure: the component draws it.
 */
import type { Mark } from './findings';
import type { HeadCell, TableGrid } from './table-grid';

/** Column widths in px of the label columns: fixed, so they can stay in view (sticky). */
export function labelWidths(grid: Pick<TableGrid, 'table'>): number[] {
  if (grid.table === '二') return [150];
  if (grid.table === '三') return [30, 62, 236];
  return [];
}

/** The table's inline style: a minimum width (value columns share the rest); T2 at most 720 px. */
export function tableStyle(grid: Pick<TableGrid, 'table' | 'valueCols'>): string {
  const labels = labelWidths(grid).reduce((a, b) => a + b, 0);
  const minValue = grid.table === '二' ? 120 : 56;
  return `min-width:${labels + grid.valueCols * minValue}px${grid.table === '二' ? ';max-width:720px' : ''}`;
}

export interface HeadView {
  readonly role: 'rowheader' | 'columnheader';
  readonly scope: 'row' | 'rowgroup' | 'colgroup' | 'col';
  /** caption/header/note/group/label, then sticky, vertical and the finding's severity. */
  readonly classes: string;
  /** `left:…px` for a sticky label column ('' for none). */
  readonly style: string;
  /** The findings' messages, one a line ('' for none). */
  readonly title: string;
  /** "（三）不予公开" split so that its ordinal sits on a line of its own (groups only). */
  readonly ordinal: string | null;
  readonly text: string;
}

export function headView(cell: HeadCell, grid: TableGrid, mark: Mark | undefined): HeadView {
  const widths = labelWidths(grid);
  const sticky = cell.labelCol !== undefined && grid.labelCols > 0;
  const left = sticky ? widths.slice(0, cell.labelCol).reduce((a, b) => a + b, 0) : 0;
  const scope =
    cell.kind === 'label'
      ? 'row'
      : cell.kind === 'group'
        ? 'rowgroup'
        : cell.kind === 'caption' || cell.colSpan > 1
          ? 'colgroup'
          : 'col';
  const role = cell.kind === 'label' || cell.kind === 'group' ? 'rowheader' : 'columnheader';
  // T3's outer group spans 21 rows of a narrow column: set vertically, as on paper
  const vertical = cell.kind === 'group' && cell.labelCol === 0 && grid.labelCols > 2;
  const classes = [
    cell.kind,
    sticky ? 'sticky' : '',
    vertical ? 'vertical' : '',
    mark?.severity ?? '',
  ].join(' ');
  const split =
    cell.kind === 'group' ? /^(（[一二三四五六七八九十]+）)(.+)$/u.exec(cell.text) : null;
  return {
    role,
    scope,
    classes,
    // T2 captions span the whole width: only their start stays in view
    style: sticky && cell.kind !== 'caption' ? `left:${left}px` : '',
    title: mark ? mark.messages.join('\n') : '',
    ordinal: split ? split[1]! : null,
    text: split ? split[2]! : cell.text,
  };
}
