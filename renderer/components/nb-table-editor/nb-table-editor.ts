/**
 * `<nb-table-editor .editor=${reportEditor} table="二|三|四">`: one statistical table in its
 * official layout (labels, merged captions and headers from the format definition), edited like
 * a spreadsheet.
 *
 * - Keyboard: arrows, Tab / Shift+Tab (wrapping; leaving the table after its last cell), Enter /
 *   Shift+Enter, Home / End, Ctrl+Home / Ctrl+End, Shift+arrows select a range, Ctrl+A all;
 *   typing replaces the value, F2 or a double click edits it, Enter / Tab / arrows commit, Esc
 *   cancels, Delete / Backspace clear. One cell is in the tab order (roving tabindex).
 * - Only values `parseCell` accepts are stored (the text as typed, trimmed); anything else is
 *   refused with a message naming the cell and the reason, and the typed text stays in the cell
 *   editor.
 * - Computed totals (core/totals.ts) are read-only and show the computed value; a stated total
 *   that differs is shown struck through beside it, and one button replaces them all. Totals that
 *   agreed with their cells follow them as cells are edited, in the same undo step.
 * - Paste of a block from Excel/WPS (TSV) fills the rectangle from the focused cell in one undo
 *   step, or changes nothing and says why; Ctrl+C copies the selected cells as TSV.
 * - Unresolved findings mark their cells (error red, warning amber) with the message as title.
 * - While the cell editor is open, Ctrl+Z / Ctrl+Y act on its text (native input undo), not on
 *   the report: see the window listener below.
 *
 * DOM contract (for tests): every value cell is `td[data-block][data-row][data-col]` (format
 * ids) with `data-computed` on computed totals and `data-absent` on cells of rows the report
 * lacks; the open cell editor is `input.nb-cell-input`; messages are `[data-message="error"]`
 * (role alert) and `[data-message="info"]` (role status); the replace-totals button is
 * `button[data-action="replace-totals"]`.
 */
import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { parseCell, formatNumber } from '../../../core/cells';
import { describeCell } from '../../../core/checks/values';
import type { ResolvedFinding } from '../../../core/checks';
import { FORMATS, sectionDef, type TableId } from '../../../core/formats';
import { cellAt, type Location, type Report } from '../../../core/model';
import { computedTotals, totalReplacements, type TotalCell } from '../../../core/totals';
import { formatTsv, isBlock, parseTsv } from '../../../core/tsv';
import type { CellEdit, ReportEditor } from '../../state/editor';
import { theme } from '../../styles/theme';
import { applyCellEdits, missingRows } from './apply';
import {
  cellsAt,
  namesCell,
  placeOf,
  tableLayout,
  type GridItem,
  type HeadCell,
  type TableLayout,
  type ValueCell,
} from './layout';

const INPUT_CLASS = 'nb-cell-input';

/**
 * The report view undoes and redoes report edits on Ctrl+Z / Ctrl+Y from a window listener in
 * the capture phase. While a cell editor is open those keys belong to its text: this listener,
 * registered when the module loads (before any report view exists, so it runs first), stops
 * the event from reaching that handler and leaves the input's own undo to happen.
 */
window.addEventListener(
  'keydown',
  (e) => {
    if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
    const key = e.key.toLowerCase();
    if (key !== 'z' && key !== 'y') return;
    const origin = e.composedPath()[0];
    if (origin instanceof HTMLInputElement && origin.classList.contains(INPUT_CLASS)) {
      e.stopImmediatePropagation();
    }
  },
  true,
);

interface Pos {
  readonly r: number;
  readonly c: number;
}

interface Editing {
  readonly key: string;
  /** replace: typing replaced the value (left/right arrows commit); edit: F2 (arrows move the caret). */
  readonly mode: 'replace' | 'edit';
  /** The text the input starts with (and keeps across a refused commit). */
  text: string;
}

interface Mark {
  readonly severity: 'error' | 'warning';
  readonly messages: string[];
}

const MAX_LISTED = 3;
const TABLE_NAMES: Record<TableId, string> = { 二: '表二', 三: '表三', 四: '表四' };

export class NbTableEditor extends LitElement {
  static override properties = {
    editor: { attribute: false },
    table: {},
    tick: { state: true },
    active: { state: true },
    anchor: { state: true },
    editing: { state: true },
    alert: { state: true },
    info: { state: true },
  };
  declare editor: ReportEditor | null;
  declare table: TableId;
  declare tick: number;
  declare active: Pos;
  declare anchor: Pos;
  declare editing: Editing | null;
  declare alert: string;
  declare info: string;

  private subscribed: ReportEditor | null = null;
  /** Focus the active cell after the next render (keyboard moves, finding clicks). */
  private focusCell: false | 'focus' | 'scroll' = false;
  /** Focus the cell editor after the next render. */
  private focusInput = false;
  /** Set while a commit moves focus away from the input, so its blur does not commit again. */
  private closing = false;

  constructor() {
    super();
    this.editor = null;
    this.table = '三';
    this.tick = 0;
    this.active = { r: 0, c: 0 };
    this.anchor = { r: 0, c: 0 };
    this.editing = null;
    this.alert = '';
    this.info = '';
  }

  private readonly onChange = () => {
    this.tick++;
  };

  private readonly onFocusRequest = (e: Event) => {
    const loc = (e as CustomEvent<Location>).detail;
    if (!loc || loc.table !== this.table) return;
    const layout = this.layout();
    if (!layout) return;
    const cell = cellsAt(layout, loc)[0] ?? layout.nav[0]?.[0];
    if (!cell) return;
    this.select({ r: cell.r, c: cell.c });
    this.refocus('scroll');
  };

  override connectedCallback(): void {
    super.connectedCallback();
    this.subscribe();
  }

  override disconnectedCallback(): void {
    this.unsubscribe();
    super.disconnectedCallback();
  }

  private subscribe(): void {
    if (this.subscribed === this.editor) return;
    this.unsubscribe();
    const ed = this.editor;
    if (!ed || !this.isConnected) return;
    ed.addEventListener('change', this.onChange);
    ed.addEventListener('focus', this.onFocusRequest);
    this.subscribed = ed;
  }

  private unsubscribe(): void {
    const ed = this.subscribed;
    if (!ed) return;
    ed.removeEventListener('change', this.onChange);
    ed.removeEventListener('focus', this.onFocusRequest);
    this.subscribed = null;
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('editor')) this.subscribe();
    if (changed.has('editor') || changed.has('table')) {
      this.editing = null;
      this.alert = '';
      this.info = '';
    }
    // keep the active cell inside the grid (the report's format may have changed)
    const layout = this.layout();
    if (layout) {
      const clamp = (p: Pos): Pos => {
        const r = Math.min(Math.max(p.r, 0), layout.nav.length - 1);
        const c = Math.min(Math.max(p.c, 0), layout.nav[r]!.length - 1);
        return r === p.r && c === p.c ? p : { r, c };
      };
      this.active = clamp(this.active);
      this.anchor = clamp(this.anchor);
    }
  }

  override updated(): void {
    if (this.focusInput) {
      this.focusInput = false;
      const input = this.renderRoot.querySelector<HTMLInputElement>(`input.${INPUT_CLASS}`);
      if (input && this.editing) {
        input.value = this.editing.text;
        input.focus();
        const end = input.value.length;
        input.setSelectionRange(end, end);
      }
    }
    if (this.focusCell) {
      const scroll = this.focusCell === 'scroll';
      this.focusCell = false;
      const td = this.activeTd();
      if (td) {
        if (scroll) td.scrollIntoView({ block: 'center', inline: 'nearest' });
        td.focus({ preventScroll: scroll });
      }
    }
  }

  /** Focuses the table (its active cell): the report view's section links call this. */
  override focus(options?: FocusOptions): void {
    const td = this.activeTd();
    if (td) td.focus(options);
    else super.focus(options);
  }

  private layout(): TableLayout | null {
    const report = this.editor?.report;
    if (!report) return null;
    return tableLayout(report.format, this.table);
  }

  private activeTd(): HTMLElement | null {
    const layout = this.layout();
    const cell = layout?.nav[this.active.r]?.[this.active.c];
    return cell ? this.tdOf(cell) : null;
  }

  private tdOf(cell: ValueCell): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(
      `td[data-block="${cell.block.id}"][data-row="${cell.row.id}"][data-col="${cell.column.id}"]`,
    );
  }

  // -------------------------------------------------------------------------------------------
  // Rendering

  static override styles = [
    theme,
    css`
      :host {
        display: block;
        margin: 8px 0 4px;
      }
      .tools {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 8px;
        margin-bottom: 6px;
        font-size: 13px;
      }
      .tools .hint {
        color: var(--nb-muted);
      }
      .message {
        margin: 0 0 6px;
        font-size: 13px;
        white-space: pre-line;
      }
      .message:empty {
        display: none;
      }
      .message.error {
        color: var(--nb-error);
        background: var(--nb-error-bg);
        border-left: 3px solid var(--nb-error);
        padding: 4px 8px;
      }
      .message.info {
        color: var(--nb-muted);
      }
      .scroll {
        overflow-x: auto;
        max-width: 100%;
        border: 1px solid var(--nb-line);
      }
      table {
        border-collapse: separate;
        border-spacing: 0;
        table-layout: fixed;
        width: 100%;
        font-size: 13px;
        line-height: 1.35;
        background: var(--nb-bg);
      }
      th,
      td {
        border-right: 1px solid var(--nb-line);
        border-bottom: 1px solid var(--nb-line);
        padding: 3px 5px;
        vertical-align: middle;
      }
      th {
        font-weight: normal;
        background: var(--nb-panel);
        text-align: center;
      }
      th.caption {
        font-weight: 600;
        background: #eef2f6;
      }
      th.note {
        font-size: 12px;
        color: var(--nb-muted);
        text-align: left;
      }
      th.label {
        text-align: left;
      }
      th.group {
        padding: 3px 2px;
      }
      th.group .ord {
        display: block;
      }
      th.vertical {
        writing-mode: vertical-rl;
        letter-spacing: 2px;
      }
      table.t4 thead th {
        font-size: 12px;
        padding: 3px 2px;
      }
      th.sticky {
        position: sticky;
        z-index: 1;
      }
      td {
        text-align: right;
        font-variant-numeric: tabular-nums;
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
        cursor: cell;
        user-select: none;
        height: 28px;
        position: relative;
      }
      td:focus {
        outline: 2px solid var(--nb-accent);
        outline-offset: -2px;
      }
      td.sel {
        background: var(--nb-accent-bg);
      }
      td.computed {
        background: #f1f3f5;
        color: #3d4650;
        cursor: default;
      }
      td.computed.sel {
        background: #dde8f4;
      }
      td.absent {
        background: repeating-linear-gradient(-45deg, #fff, #fff 4px, #f3f4f6 4px, #f3f4f6 8px);
      }
      td.error {
        box-shadow: inset 0 0 0 2px var(--nb-error);
      }
      td.warning {
        box-shadow: inset 0 0 0 2px #d4a017;
      }
      td.error:focus,
      td.warning:focus {
        outline-offset: -4px;
      }
      th.error {
        box-shadow: inset 0 -3px 0 var(--nb-error);
      }
      th.warning {
        box-shadow: inset 0 -3px 0 #d4a017;
      }
      td.differs {
        white-space: normal;
        line-height: 1.15;
        padding-top: 1px;
        padding-bottom: 1px;
      }
      s.stated {
        display: block;
        font-size: 11px;
        color: var(--nb-error);
      }
      .pending {
        color: var(--nb-muted);
        font-style: italic;
      }
      td.editing {
        padding: 0;
        overflow: visible;
      }
      input.nb-cell-input {
        width: 100%;
        min-width: 4em;
        height: 27px;
        border: 2px solid var(--nb-accent);
        border-radius: 0;
        padding: 1px 4px;
        text-align: right;
        font-size: 13px;
        font-variant-numeric: tabular-nums;
      }
      input.nb-cell-input.invalid {
        border-color: var(--nb-error);
        background: var(--nb-error-bg);
      }
      .unplaced {
        font-size: 13px;
        margin-top: 6px;
        color: var(--nb-warning);
      }
      .unplaced ul {
        margin: 2px 0 0;
        padding-left: 20px;
      }
    `,
  ];

  override render() {
    const ed = this.editor;
    const layout = this.layout();
    if (!ed || !layout) return nothing;
    const report = ed.report;
    if (!report.sections[this.table]) return nothing;
    const totals = computedTotals(report, this.table);
    const marks = this.marks(layout, ed.findings);
    const replacements = ed.locked ? 0 : countReplacements(totals);
    const differs = [...totals.values()].filter((t) => t.status === 'differs').length;
    const ctx: RenderContext = { report, totals, marks, locked: ed.locked, layout };
    const unplaced = report.sections[this.table]?.table?.unrecognised ?? [];
    const heading = sectionDef(this.table).heading.replace(/^[一二三四五六]、/u, '');
    return html`
      ${
        replacements > 0
          ? html`<div class="tools">
              <button data-action="replace-totals" @click=${this.replaceTotals}>
                用计算值替换所有合计（${replacements} 处）
              </button>
              <span class="hint"
                >${
                  differs > 0
                    ? `${differs} 处合计与表中数字不符：划线的是报告填写的数，旁边是按表中数字计算的值。`
                    : '有合计未填写，可按表中数字填入计算值。'
                }</span
              >
            </div>`
          : nothing
      }
      <p class="message error" role="alert" data-message="error">${this.alert}</p>
      <p class="message info" role="status" data-message="info">${this.info}</p>
      <div class="scroll">
        <table
          role="grid"
          class="t${{ 二: 2, 三: 3, 四: 4 }[this.table]}"
          aria-label="${TABLE_NAMES[this.table]} ${heading}"
          aria-readonly=${ed.locked ? 'true' : 'false'}
          aria-multiselectable="true"
          style=${this.tableStyle(layout)}
          @keydown=${this.onKey}
          @click=${this.onClick}
          @dblclick=${this.onDblClick}
          @paste=${this.onPaste}
          @copy=${this.onCopy}
        >
          ${this.colgroup(layout)}
          ${
            layout.head.length > 0
              ? html`<thead>
                  ${layout.head.map(
                    (row) =>
                      html`<tr role="row">
                        ${row.items.map((it) => this.item(it, ctx))}
                      </tr>`,
                  )}
                </thead>`
              : nothing
          }
          ${layout.sections.map(
            (rows) =>
              html`<tbody>
                ${rows.map(
                  (row) =>
                    html`<tr role="row">
                      ${row.items.map((it) => this.item(it, ctx))}
                    </tr>`,
                )}
              </tbody>`,
          )}
        </table>
      </div>
      ${
        unplaced.length > 0
          ? html`<div class="unplaced">
              导入时有 ${unplaced.length}
              行内容未能对应到表格中的行，其中的数字没有读入，请核对后填入表中：
              <ul>
                ${unplaced.map(
                  (u) =>
                    html`<li>
                      ${u.cells
                        .map((c) => c.trim())
                        .filter(Boolean)
                        .join(' | ')}
                    </li>`,
                )}
              </ul>
            </div>`
          : nothing
      }
    `;
  }

  /** Column widths: fixed label columns (so they can stay in view), value columns share the rest. */
  private labelWidths(layout: TableLayout): number[] {
    if (layout.table === '二') return [150];
    if (layout.table === '三') return [30, 62, 236];
    return [];
  }

  private tableStyle(layout: TableLayout): string {
    const labels = this.labelWidths(layout).reduce((a, b) => a + b, 0);
    const minValue = layout.table === '二' ? 120 : 56;
    return `min-width:${labels + layout.valueCols * minValue}px${layout.table === '二' ? ';max-width:720px' : ''}`;
  }

  private colgroup(layout: TableLayout) {
    const widths = this.labelWidths(layout);
    return html`<colgroup>
      ${widths.map((w) => html`<col style="width:${w}px" />`)}
      ${Array.from({ length: layout.valueCols }, () => html`<col />`)}
    </colgroup>`;
  }

  private item(item: GridItem, ctx: RenderContext): TemplateResult {
    return item.kind === 'value' ? this.valueCell(item, ctx) : this.headCell(item, ctx);
  }

  private headCell(cell: HeadCell, ctx: RenderContext): TemplateResult {
    const widths = this.labelWidths(ctx.layout);
    const sticky = cell.labelCol !== undefined && ctx.layout.labelCols > 0;
    const left = sticky ? widths.slice(0, cell.labelCol).reduce((a, b) => a + b, 0) : 0;
    const mark = ctx.marks.headers.get(cell.id);
    const scope =
      cell.kind === 'label'
        ? 'row'
        : cell.kind === 'group'
          ? 'rowgroup'
          : cell.kind === 'caption'
            ? 'colgroup'
            : cell.colSpan > 1
              ? 'colgroup'
              : 'col';
    const role = cell.kind === 'label' || cell.kind === 'group' ? 'rowheader' : 'columnheader';
    // T3's outer group spans 21 rows of a narrow column: set vertically, as on paper
    const vertical = cell.kind === 'group' && cell.labelCol === 0 && ctx.layout.labelCols > 2;
    const classes = [
      cell.kind,
      sticky ? 'sticky' : '',
      vertical ? 'vertical' : '',
      mark?.severity ?? '',
    ].join(' ');
    // T2 captions span the whole width: only their start stays in view
    const style = sticky && cell.kind !== 'caption' ? `left:${left}px` : nothing;
    return html`<th
      id=${cell.id}
      class=${classes}
      role=${role}
      scope=${scope}
      rowspan=${cell.rowSpan}
      colspan=${cell.colSpan}
      style=${style}
      title=${mark ? mark.messages.join('\n') : nothing}
    >
      ${cell.kind === 'group' ? groupText(cell.text) : cell.text}
    </th>`;
  }

  private valueCell(cell: ValueCell, ctx: RenderContext): TemplateResult {
    const { r, c } = cell;
    const state = cellAt(ctx.report, cell.table, cell.block.id, cell.row.id, cell.column.id);
    const total = ctx.totals.get(cell.key);
    const mark = ctx.marks.cells.get(cell.key);
    const active = this.active.r === r && this.active.c === c;
    const selected = this.inRange(cell, ctx.layout);
    const editing = this.editing?.key === cell.key;
    const absent = !state.present;
    const raw = state.present ? state.raw.trim() : '';
    const name = `${cell.rowName ? `${cell.rowName} ` : ''}${cell.colName}`;
    let content: unknown = raw;
    let said = raw === '' ? '空' : raw;
    const titles: string[] = [];
    if (total) {
      const computed = total.computed === null ? null : formatNumber(total.computed);
      const sum = sumLabelOf(ctx.report, total);
      if (total.status === 'differs') {
        content = html`<s class="stated" title="报告填写的合计">${raw || '（空）'}</s
          ><span class="computed-value">${computed}</span>`;
        said = `报告写的是${raw}，计算值为${computed}`;
        titles.push(`自动计算（${sum}）：${computed}；报告填写的是“${raw}”，与计算值不符。`);
      } else if (total.status === 'blank') {
        content = html`<span class="pending">${computed}</span>`;
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
    const classes = [
      'v',
      total ? 'computed' : '',
      total?.status === 'differs' ? 'differs' : '',
      absent ? 'absent' : '',
      mark?.severity ?? '',
      selected ? 'sel' : '',
      editing ? 'editing' : '',
    ].join(' ');
    const readonly = ctx.locked || total !== undefined;
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
      ?data-computed=${total !== undefined}
      ?data-absent=${absent}
      tabindex=${active && !editing ? 0 : -1}
      aria-label=${`${name}${total ? '（自动计算）' : ''}：${said}`}
      aria-readonly=${readonly ? 'true' : nothing}
      aria-selected=${selected ? 'true' : 'false'}
      aria-invalid=${mark?.severity === 'error' ? 'true' : nothing}
      title=${titles.length ? titles.join('\n') : nothing}
    >
      ${
        editing
          ? html`<input
              class="${INPUT_CLASS} ${this.alert ? 'invalid' : ''}"
              aria-label=${`编辑 ${name}`}
              aria-invalid=${this.alert ? 'true' : 'false'}
              autocomplete="off"
              spellcheck="false"
              @keydown=${(e: KeyboardEvent) => this.onInputKey(e, cell)}
              @blur=${(e: FocusEvent) => this.onInputBlur(e, cell)}
            />`
          : content
      }
    </td>`;
  }

  // -------------------------------------------------------------------------------------------
  // Findings

  private marks(
    layout: TableLayout,
    findings: readonly ResolvedFinding[],
  ): { cells: Map<string, Mark>; headers: Map<string, Mark> } {
    const cells = new Map<string, Mark>();
    const headers = new Map<string, Mark>();
    const add = (map: Map<string, Mark>, key: string | undefined, f: ResolvedFinding) => {
      if (!key) return;
      const m = map.get(key);
      if (!m) map.set(key, { severity: f.severity, messages: [f.message] });
      else {
        m.messages.push(f.message);
        if (f.severity === 'error') map.set(key, { ...m, severity: 'error' });
      }
    };
    for (const f of findings) {
      if (f.resolved || f.location.table !== this.table) continue;
      const loc = f.location;
      const covered = cellsAt(layout, loc);
      const exact = covered.filter((cell) => namesCell(cell, loc));
      if (exact.length > 0) {
        for (const cell of exact) add(cells, cell.key, f);
      } else if (loc.column !== undefined && loc.row === undefined) {
        const ids = new Set(
          covered.map((cell) => layout.columnHeader.get(`${cell.block.id}|${cell.column.id}`)),
        );
        for (const id of ids) add(headers, id, f);
      } else if (loc.row !== undefined) {
        const ids = new Set(
          covered.map((cell) => layout.rowHeader.get(`${cell.block.id}|${cell.row.id}`)),
        );
        for (const id of ids) add(headers, id, f);
      } else if (loc.block !== undefined) {
        add(headers, layout.blockHeader.get(loc.block), f);
      }
    }
    return { cells, headers };
  }

  // -------------------------------------------------------------------------------------------
  // Selection and navigation

  private cellAtPos(p: Pos): ValueCell | undefined {
    return this.layout()?.nav[p.r]?.[p.c];
  }

  private select(p: Pos, extend = false): void {
    this.active = p;
    if (!extend) this.anchor = p;
  }

  /** The selected range in grid terms: rows r0..r1, value columns g0..g1 (inclusive). */
  private range(layout: TableLayout): { r0: number; r1: number; g0: number; g1: number } {
    const a = layout.nav[this.anchor.r]?.[this.anchor.c];
    const b = layout.nav[this.active.r]?.[this.active.c];
    if (!a || !b) return { r0: 0, r1: -1, g0: 0, g1: -1 };
    return {
      r0: Math.min(a.r, b.r),
      r1: Math.max(a.r, b.r),
      g0: Math.min(a.gridCol, b.gridCol),
      g1: Math.max(a.gridCol + a.colSpan - 1, b.gridCol + b.colSpan - 1),
    };
  }

  private inRange(cell: ValueCell, layout: TableLayout): boolean {
    if (this.anchor.r === this.active.r && this.anchor.c === this.active.c) return false;
    const { r0, r1, g0, g1 } = this.range(layout);
    return (
      cell.r >= r0 && cell.r <= r1 && cell.gridCol <= g1 && cell.gridCol + cell.colSpan - 1 >= g0
    );
  }

  private selectedCells(layout: TableLayout): ValueCell[][] {
    const { r0, r1, g0, g1 } = this.range(layout);
    const out: ValueCell[][] = [];
    for (let r = r0; r <= r1; r++) {
      out.push(layout.nav[r]!.filter((c) => c.gridCol <= g1 && c.gridCol + c.colSpan - 1 >= g0));
    }
    return out;
  }

  /** The cell of row `r` under the grid column of `from`. */
  private vertical(layout: TableLayout, from: ValueCell, r: number): Pos | null {
    const row = layout.nav[r];
    if (!row) return null;
    const hit =
      row.find((c) => c.gridCol <= from.gridCol && from.gridCol < c.gridCol + c.colSpan) ??
      row[row.length - 1]!;
    return { r, c: hit.c };
  }

  /** Where a move goes, or null at the table's edge (Tab then leaves the table). */
  private target(layout: TableLayout, from: ValueCell, move: Move): Pos | null {
    const { r, c } = from;
    const row = layout.nav[r]!;
    switch (move) {
      case 'up':
        return this.vertical(layout, from, r - 1);
      case 'down':
        return this.vertical(layout, from, r + 1);
      case 'left':
        return c > 0 ? { r, c: c - 1 } : null;
      case 'right':
        return c < row.length - 1 ? { r, c: c + 1 } : null;
      case 'next':
        if (c < row.length - 1) return { r, c: c + 1 };
        return r < layout.nav.length - 1 ? { r: r + 1, c: 0 } : null;
      case 'prev':
        if (c > 0) return { r, c: c - 1 };
        return r > 0 ? { r: r - 1, c: layout.nav[r - 1]!.length - 1 } : null;
      case 'home':
        return { r, c: 0 };
      case 'end':
        return { r, c: row.length - 1 };
      case 'first':
        return { r: 0, c: 0 };
      case 'last': {
        const lr = layout.nav.length - 1;
        return { r: lr, c: layout.nav[lr]!.length - 1 };
      }
    }
  }

  /** Focuses the active cell after the next render (which this requests). */
  private refocus(how: 'focus' | 'scroll'): void {
    this.focusCell = how;
    this.requestUpdate();
  }

  private moveTo(p: Pos | null, extend = false): boolean {
    if (!p) return false;
    this.info = '';
    this.select(p, extend);
    this.refocus('focus');
    return true;
  }

  private cellOfEvent(e: Event): ValueCell | undefined {
    const td = e
      .composedPath()
      .find((n): n is HTMLElement => n instanceof HTMLElement && n.tagName === 'TD');
    if (!td) return undefined;
    const layout = this.layout();
    return layout?.nav[Number(td.dataset['r'])]?.[Number(td.dataset['c'])];
  }

  private readonly onClick = (e: MouseEvent) => {
    const cell = this.cellOfEvent(e);
    if (!cell || this.editing?.key === cell.key) return;
    // the click itself focuses the cell (tabindex -1)
    this.select({ r: cell.r, c: cell.c }, e.shiftKey);
  };

  private readonly onDblClick = (e: MouseEvent) => {
    const cell = this.cellOfEvent(e);
    if (!cell || this.editing?.key === cell.key) return;
    this.select({ r: cell.r, c: cell.c });
    this.startEdit(cell, 'edit');
  };

  private readonly onKey = (e: KeyboardEvent) => {
    const origin = e.composedPath()[0];
    if (origin instanceof HTMLInputElement) return; // the cell editor handles its own keys
    const cell = this.cellOfEvent(e);
    const layout = this.layout();
    if (!cell || !layout || e.isComposing) return;
    const ctrl = e.ctrlKey || e.metaKey;
    const shift = e.shiftKey;
    const go = (move: Move, extend = false) => {
      if (this.moveTo(this.target(layout, cell, move), extend)) e.preventDefault();
    };
    switch (e.key) {
      case 'ArrowUp':
        go('up', shift);
        e.preventDefault();
        return;
      case 'ArrowDown':
        go('down', shift);
        e.preventDefault();
        return;
      case 'ArrowLeft':
        go('left', shift);
        e.preventDefault();
        return;
      case 'ArrowRight':
        go('right', shift);
        e.preventDefault();
        return;
      case 'Tab':
        // at the first or last cell, Tab leaves the table
        if (!ctrl) go(shift ? 'prev' : 'next');
        return;
      case 'Enter':
        go(shift ? 'up' : 'down');
        e.preventDefault();
        return;
      case 'Home':
        go(ctrl ? 'first' : 'home', shift);
        e.preventDefault();
        return;
      case 'End':
        go(ctrl ? 'last' : 'end', shift);
        e.preventDefault();
        return;
      case 'F2':
        e.preventDefault();
        this.startEdit(cell, 'edit');
        return;
      case 'Delete':
      case 'Backspace':
        e.preventDefault();
        this.clearSelection(layout);
        return;
      case 'Escape':
        // collapses a range selection and dismisses the messages
        if (this.anchor.r !== this.active.r || this.anchor.c !== this.active.c || this.alert) {
          e.preventDefault();
        }
        this.anchor = this.active;
        this.alert = '';
        this.info = '';
        return;
    }
    if (ctrl && !e.altKey && e.key.toLowerCase() === 'a') {
      e.preventDefault();
      const last = this.target(layout, cell, 'last')!;
      this.anchor = { r: 0, c: 0 };
      this.active = last;
      this.refocus('focus');
      return;
    }
    if (!ctrl && !e.altKey && [...e.key].length === 1) {
      // type-to-replace: the typed character starts a new value
      e.preventDefault();
      this.startEdit(cell, 'replace', e.key);
    }
  };

  // -------------------------------------------------------------------------------------------
  // Editing

  private startEdit(cell: ValueCell, mode: Editing['mode'], text?: string): void {
    const ed = this.editor;
    if (!ed) return;
    if (ed.locked) {
      this.info = '本报告已定稿，处于只读状态，不能修改。';
      return;
    }
    const total = computedTotals(ed.report, this.table).get(cell.key);
    if (total) {
      this.info = `${describeCell(placeOf(cell))}是自动计算的合计（${sumLabelOf(ed.report, total)}），不能直接填写。`;
      return;
    }
    const state = cellAt(ed.report, cell.table, cell.block.id, cell.row.id, cell.column.id);
    this.select({ r: cell.r, c: cell.c });
    this.alert = '';
    this.editing = { key: cell.key, mode, text: text ?? (state.present ? state.raw.trim() : '') };
    this.focusInput = true;
  }

  private onInputKey(e: KeyboardEvent, cell: ValueCell): void {
    e.stopPropagation();
    // an IME composing Chinese text owns Enter, arrows and Escape
    if (e.isComposing || e.keyCode === 229) return;
    const input = e.target as HTMLInputElement;
    const commitAnd = (move: Move | null) => {
      e.preventDefault();
      if (!this.commit(cell, input.value)) return;
      const layout = this.layout();
      const to = move && layout ? this.target(layout, cell, move) : null;
      this.select(to ?? { r: cell.r, c: cell.c });
      this.refocus('focus');
    };
    const replace = this.editing?.mode === 'replace';
    switch (e.key) {
      case 'Enter':
        commitAnd(e.shiftKey ? 'up' : 'down');
        return;
      case 'Tab':
        commitAnd(e.shiftKey ? 'prev' : 'next');
        return;
      case 'ArrowUp':
        commitAnd('up');
        return;
      case 'ArrowDown':
        commitAnd('down');
        return;
      case 'ArrowLeft':
        if (replace) commitAnd('left');
        return;
      case 'ArrowRight':
        if (replace) commitAnd('right');
        return;
      case 'Escape':
        e.preventDefault();
        this.closing = true;
        this.editing = null;
        this.alert = '';
        this.select({ r: cell.r, c: cell.c });
        this.refocus('focus');
        void this.updateComplete.then(() => (this.closing = false));
        return;
    }
  }

  private onInputBlur(e: FocusEvent, cell: ValueCell): void {
    if (this.closing || this.editing?.key !== cell.key) return;
    // leaving the cell editor (a click elsewhere) commits; a refused value stays in the editor
    this.commit(cell, (e.target as HTMLInputElement).value);
  }

  /** Stores one typed value; false (with a message, the editor left open) when refused. */
  private commit(cell: ValueCell, text: string): boolean {
    const ed = this.editor;
    if (!ed) return false;
    const value = text.trim();
    const state = cellAt(ed.report, cell.table, cell.block.id, cell.row.id, cell.column.id);
    const close = () => {
      this.closing = true;
      this.editing = null;
      void this.updateComplete.then(() => (this.closing = false));
    };
    if (state.present && value === state.raw.trim()) {
      close();
      this.alert = '';
      return true;
    }
    if (!state.present && value === '') {
      close();
      return true;
    }
    const parsed = parseCell(value, cell.column, cell.table);
    if (parsed.state === 'invalid') {
      if (this.editing) this.editing = { ...this.editing, text };
      this.alert = `${describeCell(placeOf(cell))}：${parsed.reason}，未保存。请改正后按 Enter 确认，或按 Esc 放弃。`;
      return false;
    }
    const edits: CellEdit[] = [
      { table: cell.table, block: cell.block.id, row: cell.row.id, col: cell.column.id, value },
    ];
    const added = missingRows(ed.report, edits).size > 0;
    if (!this.apply(edits, `修改${describeCell(placeOf(cell))}`)) return false;
    close();
    this.alert = '';
    this.info = added ? `已在报告中补上“${cell.row.label || cell.block.caption}”这一行。` : '';
    return true;
  }

  /** Applies cell edits of this table as one undoable step (with the totals that follow). */
  private apply(edits: readonly CellEdit[], label: string): boolean {
    const ed = this.editor;
    if (!ed) return false;
    if (ed.locked) {
      this.info = '本报告已定稿，处于只读状态，不能修改。';
      return false;
    }
    return ed.edit(label, (r) => applyCellEdits(r, this.table, edits));
  }

  private clearSelection(layout: TableLayout): void {
    const ed = this.editor;
    if (!ed) return;
    if (ed.locked) {
      this.info = '本报告已定稿，处于只读状态，不能修改。';
      return;
    }
    const totals = computedTotals(ed.report, this.table);
    const cells = this.selectedCells(layout).flat();
    const editable = cells.filter((c) => !totals.has(c.key));
    if (editable.length === 0) {
      this.info = '所选的是自动计算的合计，不能清除。';
      return;
    }
    const edits: CellEdit[] = editable
      .filter((c) => {
        const s = cellAt(ed.report, c.table, c.block.id, c.row.id, c.column.id);
        return s.present && s.raw !== '';
      })
      .map((c) => ({
        table: c.table,
        block: c.block.id,
        row: c.row.id,
        col: c.column.id,
        value: '',
      }));
    const skipped = cells.length - editable.length;
    if (edits.length > 0) {
      this.apply(
        edits,
        edits.length === 1
          ? `清除${describeCell(placeOf(editable[0]!))}`
          : `清除 ${edits.length} 个单元格`,
      );
    }
    this.alert = '';
    this.info =
      edits.length > 1 || skipped > 0
        ? `已清除 ${edits.length} 个单元格${skipped > 0 ? `；${skipped} 个自动计算的合计不能清除，已跳过` : ''}。`
        : '';
  }

  private readonly replaceTotals = () => {
    const ed = this.editor;
    if (!ed) return;
    const edits = totalReplacements(ed.report, this.table);
    if (edits.length === 0) return;
    ed.edit(`用计算值替换合计（${edits.length} 处）`, (r) => applyCellEdits(r, this.table, edits));
    this.alert = '';
    this.info = `已将 ${edits.length} 处合计替换为计算值（可撤销）。`;
  };

  // -------------------------------------------------------------------------------------------
  // Clipboard

  private readonly onCopy = (e: ClipboardEvent) => {
    const origin = e.composedPath()[0];
    if (origin instanceof HTMLInputElement) return; // copying text inside the cell editor
    const ed = this.editor;
    const layout = this.layout();
    if (!ed || !layout || !e.clipboardData) return;
    e.preventDefault();
    const totals = computedTotals(ed.report, this.table);
    const rows = this.selectedCells(layout).map((row) =>
      row.map((cell) => {
        const total = totals.get(cell.key);
        if (total && total.computed !== null) return formatNumber(total.computed);
        const s = cellAt(ed.report, cell.table, cell.block.id, cell.row.id, cell.column.id);
        return s.present ? s.raw.trim() : '';
      }),
    );
    e.clipboardData.setData('text/plain', formatTsv(rows));
    const n = rows.reduce((a, r) => a + r.length, 0);
    this.info = n > 1 ? `已复制 ${n} 个单元格。` : '';
  };

  private readonly onPaste = (e: ClipboardEvent) => {
    const ed = this.editor;
    const layout = this.layout();
    if (!ed || !layout) return;
    const text = e.clipboardData?.getData('text/plain') ?? '';
    const origin = e.composedPath()[0];
    const inInput = origin instanceof HTMLInputElement;
    // one value pasted into the open cell editor is ordinary text
    if (inInput && !isBlock(text)) return;
    e.preventDefault();
    let start = this.cellAtPos(this.active);
    if (inInput && this.editing) {
      start = layout.byKey.get(this.editing.key) ?? start;
      this.closing = true;
      this.editing = null;
      void this.updateComplete.then(() => (this.closing = false));
    }
    if (!start) return;
    this.paste(layout, start, parseTsv(text));
    this.refocus('focus');
  };

  /** Fills the rectangle from `start` with the pasted rows: all of it, or nothing. */
  private paste(layout: TableLayout, start: ValueCell, rows: string[][]): void {
    const ed = this.editor!;
    if (ed.locked) {
      this.info = '本报告已定稿，处于只读状态，不能修改。';
      return;
    }
    const totals = computedTotals(ed.report, this.table);
    const edits: CellEdit[] = [];
    const invalid: string[] = [];
    let invalidCount = 0;
    let outside = 0;
    let skipped = 0;
    let placed = 0;
    let lastPos: Pos = { r: start.r, c: start.c };
    rows.forEach((values, i) => {
      values.forEach((raw, j) => {
        const value = raw.trim();
        const cell = layout.nav[start.r + i]?.[start.c + j];
        if (!cell) {
          if (value !== '') outside++;
          return;
        }
        lastPos = { r: cell.r, c: cell.c };
        if (totals.has(cell.key)) {
          skipped++;
          return;
        }
        placed++;
        const parsed = parseCell(value, cell.column, cell.table);
        if (parsed.state === 'invalid') {
          invalidCount++;
          if (invalid.length < MAX_LISTED) {
            invalid.push(`${describeCell(placeOf(cell))}：${parsed.reason}`);
          }
          return;
        }
        const s = cellAt(ed.report, cell.table, cell.block.id, cell.row.id, cell.column.id);
        const current = s.present ? s.raw.trim() : '';
        if (value !== current) {
          edits.push({
            table: cell.table,
            block: cell.block.id,
            row: cell.row.id,
            col: cell.column.id,
            value,
          });
        }
      });
    });
    const single = rows.length === 1 && rows[0]!.length === 1;
    if (single && totals.has(start.key)) {
      this.info = `${describeCell(placeOf(start))}是自动计算的合计，不能粘贴。`;
      return;
    }
    if (outside > 0) {
      const size = `${rows.length} 行 × ${Math.max(...rows.map((r) => r.length))} 列`;
      this.alert = `粘贴的内容（${size}）从${describeCell(placeOf(start))}起超出了表格，有 ${outside} 个值放不下，没有粘贴任何内容。请选择靠上、靠左的单元格后再粘贴。`;
      return;
    }
    if (invalidCount > 0) {
      const more = invalidCount > invalid.length ? `\n……共 ${invalidCount} 个无效值。` : '';
      this.alert = `粘贴的内容中有 ${invalidCount} 个值无效，没有粘贴任何内容：\n${invalid.join('\n')}${more}`;
      return;
    }
    const n = placed;
    const added = missingRows(ed.report, edits).size;
    if (edits.length > 0) {
      const label = single ? `粘贴到${describeCell(placeOf(start))}` : `粘贴 ${n} 个单元格`;
      if (!this.apply(edits, label)) return;
    }
    this.alert = '';
    const notes: string[] = [];
    if (!single) notes.push(`已粘贴 ${n} 个单元格`);
    if (skipped > 0) notes.push(`${skipped} 个自动计算的合计单元格已跳过（合计按表中数字计算）`);
    if (added > 0) notes.push(`补上了报告中缺少的 ${added} 行`);
    this.info = notes.length ? `${notes.join('；')}。` : '';
    if (!single) {
      this.anchor = { r: start.r, c: start.c };
      this.active = lastPos;
    }
  }
}
customElements.define('nb-table-editor', NbTableEditor);

type Move = 'up' | 'down' | 'left' | 'right' | 'next' | 'prev' | 'home' | 'end' | 'first' | 'last';

interface RenderContext {
  readonly report: Report;
  readonly totals: Map<string, TotalCell>;
  readonly marks: { cells: Map<string, Mark>; headers: Map<string, Mark> };
  readonly locked: boolean;
  readonly layout: TableLayout;
}

/** "（三）不予公开" with its ordinal on a line of its own. */
function groupText(text: string): unknown {
  const m = /^(（[一二三四五六七八九十]+）)(.+)$/u.exec(text);
  return m ? html`<span class="ord">${m[1]}</span>${m[2]}` : text;
}

function countReplacements(totals: Map<string, TotalCell>): number {
  let n = 0;
  for (const t of totals.values()) {
    if ((t.status === 'differs' || t.status === 'blank') && t.computed !== null) n++;
  }
  return n;
}

function sumLabelOf(report: Report, total: TotalCell): string {
  const defs = FORMATS[report.format].totals.filter((t) => total.totals.includes(t.id));
  return defs.map((d) => d.sumLabel).join('，也是');
}

declare global {
  interface HTMLElementTagNameMap {
    'nb-table-editor': NbTableEditor;
  }
}
