/**
 * The table editor's cells as Lit templates: the column widths, the header cells (models/
 * table-look.ts) and the value cells (models/cell-view.ts: the text, a differing or pending total,
 * last year's value under 对比上年, the finding marks) with the open cell editor. The element
 * passes what it knows in a `RenderContext`; these functions hold no state.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Report } from '../../../core/model';
import type { TotalCell } from '../../../core/totals';
import { cellView } from '../../models/cell-view';
import type { PriorCell } from '../../models/compare-view';
import type { TableMarks } from '../../models/findings';
import { inSelection, type Selection } from '../../models/grid-selection';
import { headView, labelWidths } from '../../models/table-look';
import type { GridItem, HeadCell, NavCell, TableGrid } from '../../models/table-grid';

export const INPUT_CLASS = 'nb-cell-input';

export interface RenderContext {
  readonly report: Report;
  readonly totals: Map<string, TotalCell>;
  readonly marks: TableMarks;
  readonly locked: boolean;
  readonly grid: TableGrid;
  /** 对比上年: last year's value of each cell (null while off). */
  readonly prior: ReadonlyMap<string, PriorCell> | null;
  readonly selection: Selection;
  /** The cell whose editor is open (null: none). */
  readonly editingKey: string | null;
  /** The refusal shown (the open cell editor is then marked invalid). */
  readonly alert: string;
  readonly onInputKey: (e: KeyboardEvent, cell: NavCell) => void;
  readonly onInputBlur: (e: FocusEvent, cell: NavCell) => void;
}

/** Fixed label column widths; the value columns share the rest. */
export function colgroup(grid: TableGrid): TemplateResult {
  return html`<colgroup>
    ${labelWidths(grid).map((w) => html`<col style="width:${w}px" />`)}
    ${Array.from({ length: grid.valueCols }, () => html`<col />`)}
  </colgroup>`;
}

/** The header rows and the body's row groups. */
export function gridRows(ctx: RenderContext): TemplateResult {
  const { grid } = ctx;
  return html`${
    grid.head.length > 0
      ? html`<thead>
          ${grid.head.map((row) => gridRow(row.items, ctx))}
        </thead>`
      : nothing
  }
  ${grid.sections.map(
    (rows) =>
      html`<tbody>
        ${rows.map((row) => gridRow(row.items, ctx))}
      </tbody>`,
  )}`;
}

/** The button that replaces the totals with the computed values, and its hint (none: nothing). */
export function totalsTools(
  offer: { count: number; hint: string } | null,
  onReplace: () => void,
): TemplateResult | typeof nothing {
  if (!offer) return nothing;
  return html`<div class="tools">
    <button data-action="replace-totals" @click=${onReplace}>
      用计算值替换所有合计（${offer.count} 处）
    </button>
    <span class="hint">${offer.hint}</span>
  </div>`;
}

/** One row of the header or the body. */
function gridRow(items: readonly GridItem[], ctx: RenderContext): TemplateResult {
  return html`<tr role="row">
    ${items.map((it) => (it.kind === 'value' ? valueCell(it, ctx) : headCell(it, ctx)))}
  </tr>`;
}

function headCell(cell: HeadCell, ctx: RenderContext): TemplateResult {
  const view = headView(cell, ctx.grid, ctx.marks.headers.get(cell.id));
  return html`<th
    id=${cell.id}
    class=${view.classes}
    role=${view.role}
    scope=${view.scope}
    rowspan=${cell.rowSpan}
    colspan=${cell.colSpan}
    style=${view.style || nothing}
    title=${view.title || nothing}
  >
    ${view.ordinal === null ? view.text : html`<span class="ord">${view.ordinal}</span>${view.text}`}
  </th>`;
}

function valueCell(cell: NavCell, ctx: RenderContext): TemplateResult {
  const { r, c } = cell;
  const total = ctx.totals.get(cell.key);
  const mark = ctx.marks.cells.get(cell.key);
  const view = cellView(ctx.report, cell, total, mark);
  const { active: at } = ctx.selection;
  const active = at.r === r && at.c === c;
  const selected = inSelection(ctx.grid, ctx.selection, cell);
  const editing = ctx.editingKey === cell.key;
  const content =
    view.shows === 'differs'
      ? html`<s class="stated" title="报告填写的合计">${view.raw || '（空）'}</s
          ><span class="computed-value">${view.computed}</span>`
      : view.shows === 'pending'
        ? html`<span class="pending">${view.computed}</span>`
        : view.raw;
  const classes = [
    'v',
    view.total ? 'computed' : '',
    view.shows === 'differs' ? 'differs' : '',
    view.absent ? 'absent' : '',
    mark?.severity ?? '',
    selected ? 'sel' : '',
    editing ? 'editing' : '',
  ].join(' ');
  const readonly = ctx.locked || view.total;
  const prior = ctx.prior?.get(cell.key);
  const priorText = prior
    ? html`<span class="prior ${prior.flag ?? ''}" data-prior=${prior.flag ?? ''}
        >${prior.flag ? html`<b aria-hidden="true">▲</b>` : nothing}${prior.text || '空'}</span
      >`
    : nothing;
  return html`<td
    role="gridcell"
    class=${classes}
    colspan=${cell.colSpan}
    headers=${cell.headers}
    data-block=${cell.block.id}
    data-row=${cell.row.id}
    data-col=${cell.column.id}
    data-r=${r}
    data-c=${c}
    ?data-computed=${view.total}
    ?data-absent=${view.absent}
    tabindex=${active && !editing ? 0 : -1}
    aria-label=${prior ? `${view.ariaLabel}；${prior.title}` : view.ariaLabel}
    aria-readonly=${readonly ? 'true' : nothing}
    aria-selected=${selected ? 'true' : 'false'}
    aria-invalid=${mark?.severity === 'error' ? 'true' : nothing}
    title=${[view.title, prior?.title].filter(Boolean).join('\n') || nothing}
  >
    ${
      editing
        ? html`<input
            class="${INPUT_CLASS} ${ctx.alert ? 'invalid' : ''}"
            aria-label=${`编辑 ${view.name}`}
            aria-invalid=${ctx.alert ? 'true' : 'false'}
            autocomplete="off"
            spellcheck="false"
            data-own-undo
            @keydown=${(e: KeyboardEvent) => ctx.onInputKey(e, cell)}
            @blur=${(e: FocusEvent) => ctx.onInputBlur(e, cell)}
          />`
        : html`${content}${priorText}`
    }
  </td>`;
}
