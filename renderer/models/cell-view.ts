/**
 * How a value cell of the table editor presents itself: its text, what a computed total shows
 * (the stated total struck through beside the computed one when they differ; the computed value
 * pending when the total is blank), its accessible name and its tooltip (the total's sum, a row
 * the report lacks, the findings' messages). Pure: the component draws it.
 */
import { formatNumber } from '../../core/cells';
import { cellAt, type Report } from '../../core/model';
import type { TotalCell } from '../../core/totals';
import { sumLabelOf } from './cell-plans';
import type { Mark } from './findings';
import type { NavCell } from './table-grid';

export interface CellView {
  /** The text as the report holds it, trimmed ('' when blank or absent). */
  readonly raw: string;
  /** The report lacks the cell's row (an imported report that lost it). */
  readonly absent: boolean;
  /** "“予以公开” 自然人": the row's and the column's names. */
  readonly name: string;
  /** What the cell shows: its text, a differing total (stated and computed), or a blank total's computed value. */
  readonly shows: 'raw' | 'differs' | 'pending';
  /** A computed total's value as text (null when it cannot be computed or the cell is no total). */
  readonly computed: string | null;
  readonly total: boolean;
  readonly ariaLabel: string;
  /** The tooltip, one line each ('' for none). */
  readonly title: string;
}

export function cellView(
  report: Report,
  cell: NavCell,
  total: TotalCell | undefined,
  mark: Mark | undefined,
): CellView {
  const state = cellAt(report, cell.table, cell.block.id, cell.row.id, cell.column.id);
  const absent = !state.present;
  const raw = state.present ? state.raw.trim() : '';
  const name = `${cell.rowName ? `${cell.rowName} ` : ''}${cell.colName}`;
  let shows: CellView['shows'] = 'raw';
  let said = raw === '' ? '空' : raw;
  let computed: string | null = null;
  const titles: string[] = [];
  if (total) {
    computed = total.computed === null ? null : formatNumber(total.computed);
    const sum = sumLabelOf(report, total);
    if (total.status === 'differs') {
      shows = 'differs';
      said = `报告写的是${raw}，计算值为${computed}`;
      titles.push(`自动计算（${sum}）：${computed}；报告填写的是“${raw}”，与计算值不符。`);
    } else if (total.status === 'blank') {
      shows = 'pending';
      said = `未填写，计算值为${computed}`;
      titles.push(`自动计算（${sum}）：${computed}；报告中此合计未填写。`);
    } else if (total.status === 'incomplete') {
      said = raw ? `${raw}（暂无法计算）` : '空（暂无法计算）';
      titles.push(`自动计算（${sum}）：有单元格未填或无效，暂无法计算。`);
    } else {
      titles.push(`自动计算（${sum}）`);
    }
  }
  if (absent) titles.push('报告中没有这一行（导入时缺失）；填写后补入这一行。');
  if (mark) titles.push(...mark.messages);
  return {
    raw,
    absent,
    name,
    shows,
    computed,
    total: total !== undefined,
    ariaLabel: `${name}${total ? '（自动计算）' : ''}：${said}`,
    title: titles.join('\n'),
  };
}

/**
 * Whether a cell shows a value (Ctrl+arrow stops at the edge of a filled block): a computed
 * total when it can be computed, any other cell when its text is not blank.
 */
export function cellFilled(
  report: Report,
  totals: ReadonlyMap<string, TotalCell>,
  cell: NavCell,
): boolean {
  if (cell.computed) return totals.get(cell.key)?.computed != null;
  const state = cellAt(report, cell.table, cell.block.id, cell.row.id, cell.column.id);
  return state.present && state.raw.trim() !== '';
}
