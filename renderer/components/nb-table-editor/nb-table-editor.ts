/**
 * `<nb-table-editor .editor=${reportEditor} table="二|三|四">`: one statistical table in its
 * official layout (labels, merged captions and headers from the format definition), edited like
 * a spreadsheet.
 *
 * - Keyboard: arrows, Ctrl+arrows (edge of the filled block), Enter / Shift+Enter, Home / End,
 *   Ctrl+Home / Ctrl+End, Shift+arrows select a range, Ctrl+A all; typing replaces the value
 *   (an input method's composition too: it opens the editor of the focused cell), F2 or a double
 *   click edits it, Enter / Tab / arrows commit, Esc cancels, Delete / Backspace clear. The table
 *   is one tab stop (roving tabindex): Tab on a cell leaves it, but Tab committing a typed value
 *   moves right over computed totals and starts a run of Tabs, during which Tab keeps moving
 *   right and Enter goes to the run's first column on the next row (Excel's "Tab, Tab, Enter").
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
 *   the report: the input carries `data-own-undo` (models/keys.ts), which the report view's
 *   shortcut handler leaves alone.
 *
 * The logic is in DOM-free models: the grid (models/table-grid.ts), selection and keys
 * (models/grid-selection.ts), what each change would do (models/cell-plans.ts: commit, clear,
 * paste, copy), applying edits (models/cell-edits.ts) and the finding marks (models/findings.ts);
 * this element renders them and wires the events.
 *
 * DOM contract (for tests): every value cell is `td[data-block][data-row][data-col]` (format
 * ids) with `data-computed` on computed totals and `data-absent` on cells of rows the report
 * lacks; the open cell editor is `input.nb-cell-input`; messages are `[data-message="error"]`
 * (role alert) and `[data-message="info"]` (role status); the replace-totals button is
 * `button[data-action="replace-totals"]`.
 *
 * Rows import could not place are reviewed below the table (`nb-import-review`).
 */
import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { cellKey, sectionDef, type TableId } from '../../../core/formats';
import { cellAt, type Location, type Report } from '../../../core/model';
import { computedTotals, totalReplacements, type TotalCell } from '../../../core/totals';
import { isBlock, parseTsv } from '../../../core/tsv';
import { applyCellEdits, type CellEdit } from '../../models/cell-edits';
import { cellView } from '../../models/cell-view';
import { priorCells, type PriorCell } from '../../models/compare-view';
import {
  copySelection,
  countReplacements,
  planClear,
  planCommit,
  planPaste,
  planStartEdit,
  type Refusal,
} from '../../models/cell-plans';
import { tableMarks, type TableMarks } from '../../models/findings';
import { readOnlyMessage } from '../../models/published';
import {
  cellAtPos,
  clampSelection,
  collapsedAt,
  gridCommand,
  inSelection,
  inputCommand,
  isRange,
  moveSelection,
  selectAll,
  selectTo,
  target,
  type EditMode,
  type Move,
  type Pos,
  type Selection,
} from '../../models/grid-selection';
import { keyPress } from '../../models/keys';
import {
  cellsAt,
  tableGrid,
  type GridItem,
  type HeadCell,
  type NavCell,
  type TableGrid,
} from '../../models/table-grid';
import type { ReportEditor } from '../../state/editor';
import { EditorEvents } from '../../state/editor-events';
import { theme } from '../../styles/theme';
import '../nb-import-review/nb-import-review';
import '../nb-breakdown/nb-breakdown';

const INPUT_CLASS = 'nb-cell-input';

interface Editing {
  readonly key: string;
  readonly mode: EditMode;
  /** The text the input starts with (and keeps across a refused commit). */
  readonly text: string;
}

const TABLE_NAMES: Record<TableId, string> = { 二: '表二', 三: '表三', 四: '表四' };

/** On `window` when a table editor gains focus (the others hide their 汇总明细). */
const TABLE_FOCUS = 'nb-table-focus';

export class NbTableEditor extends LitElement {
  static override properties = {
    editor: { attribute: false },
    table: {},
    tick: { state: true },
    selection: { state: true },
    editing: { state: true },
    alert: { state: true },
    info: { state: true },
    focused: { state: true },
  };
  declare editor: ReportEditor | null;
  declare table: TableId;
  declare tick: number;
  declare selection: Selection;
  declare editing: Editing | null;
  declare alert: string;
  declare info: string;
  /** The table last worked in (of the report's three): it shows the 汇总明细 of its cell. */
  declare focused: boolean;

  /** Focus the active cell after the next render (keyboard moves, finding clicks). */
  private focusCell: false | 'focus' | 'scroll' = false;
  /** Focus the cell editor after the next render. */
  private focusInput = false;
  /** Set while a commit moves focus away from the input, so its blur does not commit again. */
  private closing = false;
  /** Where the current run of Tabs started (null: none). */
  private tabRun: Pos | null = null;

  constructor() {
    super();
    this.editor = null;
    this.table = '三';
    this.tick = 0;
    this.selection = collapsedAt({ r: 0, c: 0 });
    this.editing = null;
    this.alert = '';
    this.info = '';
    new EditorEvents(this, { change: this.onChange, focus: this.onFocusRequest });
    this.focused = false;
    this.addEventListener('focusin', () => {
      if (this.focused) return;
      this.focused = true;
      window.dispatchEvent(new CustomEvent(TABLE_FOCUS, { detail: this }));
    });
  }

  private readonly onOtherTable = (e: Event) => {
    if ((e as CustomEvent).detail !== this) this.focused = false;
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener(TABLE_FOCUS, this.onOtherTable);
  }

  override disconnectedCallback(): void {
    window.removeEventListener(TABLE_FOCUS, this.onOtherTable);
    super.disconnectedCallback();
  }

  private readonly onChange = () => {
    this.tick++;
  };

  private readonly onFocusRequest = (e: Event) => {
    const loc = (e as CustomEvent<Location>).detail;
    if (!loc || loc.table !== this.table) return;
    const grid = this.grid();
    if (!grid) return;
    const cell = cellsAt(grid, loc)[0] ?? grid.nav[0]?.[0];
    if (!cell) return;
    this.selection = collapsedAt(posOf(cell));
    this.refocus('scroll');
  };

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('editor') || changed.has('table')) {
      this.editing = null;
      this.alert = '';
      this.info = '';
    }
    // keep the selection inside the grid (the report's format may have changed)
    const grid = this.grid();
    if (grid) this.selection = clampSelection(grid, this.selection);
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

  private grid(): TableGrid | null {
    const report = this.editor?.report;
    if (!report) return null;
    return tableGrid(report.format, this.table);
  }

  /** The active cell's key (汇总明细 shows its breakdown). */
  private activeKey(grid: TableGrid): string {
    const cell = cellAtPos(grid, this.selection.active);
    return cell ? cellKey(this.table, cell.block.id, cell.row.id, cell.column.id) : '';
  }

  private activeTd(): HTMLElement | null {
    const grid = this.grid();
    const cell = grid ? cellAtPos(grid, this.selection.active) : undefined;
    return cell ? this.tdOf(cell) : null;
  }

  private tdOf(cell: NavCell): HTMLElement | null {
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
      /* T3 and T4 scroll in their own box no taller than the window: the header rows and the
         label columns stay in view (sticky) and the horizontal scroll bar is always visible */
      .scroll.frozen {
        overflow: auto;
        max-height: max(220px, calc(100vh - 190px));
      }
      .scroll.frozen thead {
        position: sticky;
        top: 0;
        z-index: 3;
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
      .prior {
        display: block;
        font-size: 10px;
        line-height: 1.1;
        color: var(--nb-muted);
        font-style: normal;
      }
      .prior.appeared,
      .prior.vanished,
      .prior.jump,
      .prior.blank {
        color: var(--nb-warning);
      }
      .prior b {
        font-size: 8px;
        margin-right: 2px;
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
    `,
  ];

  override render() {
    const ed = this.editor;
    const grid = this.grid();
    if (!ed || !grid) return nothing;
    const report = ed.report;
    if (!report.sections[this.table]) return nothing;
    const totals = computedTotals(report, this.table);
    const marks = tableMarks(grid, ed.findings);
    const replacements = ed.locked ? 0 : countReplacements(totals);
    const differs = [...totals.values()].filter((t) => t.status === 'differs').length;
    const prior = ed.compare && ed.prior ? priorCells(report, ed.prior) : null;
    const ctx: RenderContext = { report, totals, marks, locked: ed.locked, grid, prior };
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
      <div class="scroll ${this.table === '二' ? '' : 'frozen'}" data-role="table-scroll">
        <table
          role="grid"
          class="t${{ 二: 2, 三: 3, 四: 4 }[this.table]}"
          aria-label="${TABLE_NAMES[this.table]} ${heading}"
          aria-readonly=${ed.locked ? 'true' : 'false'}
          aria-multiselectable="true"
          style=${this.tableStyle(grid)}
          @keydown=${this.onKey}
          @click=${this.onClick}
          @dblclick=${this.onDblClick}
          @paste=${this.onPaste}
          @compositionstart=${this.onCompositionStart}
          @copy=${this.onCopy}
        >
          ${this.colgroup(grid)}
          ${
            grid.head.length > 0
              ? html`<thead>
                  ${grid.head.map(
                    (row) =>
                      html`<tr role="row">
                        ${row.items.map((it) => this.item(it, ctx))}
                      </tr>`,
                  )}
                </thead>`
              : nothing
          }
          ${grid.sections.map(
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
        ed.aggregate && this.focused
          ? html`<nb-breakdown
              .aggregation=${ed.aggregate}
              .cellKey=${this.activeKey(grid)}
              .editor=${ed}
            ></nb-breakdown>`
          : nothing
      }
      ${
        unplaced.length > 0
          ? html`<nb-import-review .editor=${ed} table=${this.table}></nb-import-review>`
          : nothing
      }
    `;
  }

  /** Column widths: fixed label columns (so they can stay in view), value columns share the rest. */
  private labelWidths(grid: TableGrid): number[] {
    if (grid.table === '二') return [150];
    if (grid.table === '三') return [30, 62, 236];
    return [];
  }

  private tableStyle(grid: TableGrid): string {
    const labels = this.labelWidths(grid).reduce((a, b) => a + b, 0);
    const minValue = grid.table === '二' ? 120 : 56;
    return `min-width:${labels + grid.valueCols * minValue}px${grid.table === '二' ? ';max-width:720px' : ''}`;
  }

  private colgroup(grid: TableGrid) {
    const widths = this.labelWidths(grid);
    return html`<colgroup>
      ${widths.map((w) => html`<col style="width:${w}px" />`)}
      ${Array.from({ length: grid.valueCols }, () => html`<col />`)}
    </colgroup>`;
  }

  private item(item: GridItem, ctx: RenderContext): TemplateResult {
    return item.kind === 'value' ? this.valueCell(item, ctx) : this.headCell(item, ctx);
  }

  private headCell(cell: HeadCell, ctx: RenderContext): TemplateResult {
    const widths = this.labelWidths(ctx.grid);
    const sticky = cell.labelCol !== undefined && ctx.grid.labelCols > 0;
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
    const vertical = cell.kind === 'group' && cell.labelCol === 0 && ctx.grid.labelCols > 2;
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

  private valueCell(cell: NavCell, ctx: RenderContext): TemplateResult {
    const { r, c } = cell;
    const total = ctx.totals.get(cell.key);
    const mark = ctx.marks.cells.get(cell.key);
    const view = cellView(ctx.report, cell, total, mark);
    const { active: at } = this.selection;
    const active = at.r === r && at.c === c;
    const selected = inSelection(ctx.grid, this.selection, cell);
    const editing = this.editing?.key === cell.key;
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
              class="${INPUT_CLASS} ${this.alert ? 'invalid' : ''}"
              aria-label=${`编辑 ${view.name}`}
              aria-invalid=${this.alert ? 'true' : 'false'}
              autocomplete="off"
              spellcheck="false"
              data-own-undo
              @keydown=${(e: KeyboardEvent) => this.onInputKey(e, cell)}
              @blur=${(e: FocusEvent) => this.onInputBlur(e, cell)}
            />`
          : html`${content}${priorText}`
      }
    </td>`;
  }

  // -------------------------------------------------------------------------------------------
  // Selection and keys (models/grid-selection.ts)

  /** Focuses the active cell after the next render (which this requests). */
  private refocus(how: 'focus' | 'scroll'): void {
    this.focusCell = how;
    this.requestUpdate();
  }

  private cellOfEvent(e: Event): NavCell | undefined {
    const td = e
      .composedPath()
      .find((n): n is HTMLElement => n instanceof HTMLElement && n.tagName === 'TD');
    if (!td) return undefined;
    const grid = this.grid();
    return grid?.nav[Number(td.dataset['r'])]?.[Number(td.dataset['c'])];
  }

  private readonly onClick = (e: MouseEvent) => {
    const cell = this.cellOfEvent(e);
    if (!cell || this.editing?.key === cell.key) return;
    // the click itself focuses the cell (tabindex -1)
    this.tabRun = null;
    this.selection = selectTo(this.selection, posOf(cell), e.shiftKey);
  };

  private readonly onDblClick = (e: MouseEvent) => {
    const cell = this.cellOfEvent(e);
    if (!cell || this.editing?.key === cell.key) return;
    this.selection = collapsedAt(posOf(cell));
    this.startEdit(cell, 'edit');
  };

  private readonly onKey = (e: KeyboardEvent) => {
    const origin = e.composedPath()[0];
    if (origin instanceof HTMLInputElement) return; // the cell editor handles its own keys
    const cell = this.cellOfEvent(e);
    const grid = this.grid();
    if (!cell || !grid) return;
    if (e.isComposing || e.keyCode === 229) {
      // an input method starts composing on the selected cell: the text goes into this cell
      this.composeInto(cell);
      return;
    }
    const command = gridCommand(keyPress(e), this.tabRun !== null);
    switch (command?.kind) {
      case 'move': {
        const ctx = { tabRun: this.tabRun, filled: this.filled };
        this.tabRun = runAfter(this.tabRun, command.move, cell);
        const next = moveSelection(grid, this.selection, cell, command.move, command.extend, ctx);
        if (next) {
          this.info = '';
          this.selection = next;
          this.refocus('focus');
        }
        if (next || command.always) e.preventDefault();
        return;
      }
      case 'edit':
        e.preventDefault();
        this.startEdit(cell, 'edit');
        return;
      case 'clear':
        e.preventDefault();
        this.clearSelection(grid);
        return;
      case 'escape':
        this.tabRun = null;
        // collapses a range selection and dismisses the messages
        if (isRange(this.selection) || this.alert) e.preventDefault();
        this.selection = collapsedAt(this.selection.active);
        this.alert = '';
        this.info = '';
        return;
      case 'select-all':
        e.preventDefault();
        this.selection = selectAll(grid);
        this.refocus('focus');
        return;
      case 'type':
        // type-to-replace: the typed character starts a new value
        e.preventDefault();
        this.startEdit(cell, 'replace', command.text);
        return;
    }
  };

  /** Whether a cell shows a value (Ctrl+arrow stops at the edge of a filled block). */
  private readonly filled = (cell: NavCell): boolean => {
    const report = this.editor?.report;
    if (!report) return false;
    if (cell.computed) return this.totals().get(cell.key)?.computed != null;
    const state = cellAt(report, cell.table, cell.block.id, cell.row.id, cell.column.id);
    return state.present && state.raw.trim() !== '';
  };

  /**
   * An input method composes on a selected cell (not in a cell editor): open this cell's editor
   * at once, synchronously, so that the composition and the committed text go into it — never
   * into an editor left open on another cell (a refused value there is dropped, as a new value
   * typed elsewhere replaces it in a spreadsheet).
   */
  private composeInto(cell: NavCell): void {
    if (this.editing?.key === cell.key) return;
    if (this.editing) this.closeEditor();
    this.startEdit(cell, 'replace', '');
    if (this.editing) this.performUpdate();
  }

  private readonly onCompositionStart = (e: CompositionEvent) => {
    if (e.composedPath()[0] instanceof HTMLInputElement) return;
    const cell = this.cellOfEvent(e);
    if (cell) this.composeInto(cell);
  };

  // -------------------------------------------------------------------------------------------
  // Editing (models/cell-plans.ts)

  /** A refused change: the message where the plan says. */
  private refuse(refusal: Refusal): void {
    if (refusal.say === 'alert') this.alert = refusal.message;
    else this.info = refusal.message;
  }

  private totals(): Map<string, TotalCell> {
    return computedTotals(this.editor!.report, this.table);
  }

  private startEdit(cell: NavCell, mode: EditMode, text?: string): void {
    const ed = this.editor;
    if (!ed) return;
    if (ed.locked) {
      this.info = readOnlyMessage(ed.published);
      return;
    }
    const plan = planStartEdit(ed.report, this.totals(), cell);
    if (plan.kind === 'refused') {
      this.refuse(plan);
      return;
    }
    this.selection = collapsedAt(posOf(cell));
    this.alert = '';
    this.editing = { key: cell.key, mode, text: text ?? plan.text };
    this.focusInput = true;
  }

  /** Closes the cell editor; its input's blur (focus moving away) then commits nothing. */
  private closeEditor(): void {
    this.closing = true;
    this.editing = null;
    void this.updateComplete.then(() => (this.closing = false));
  }

  private onInputKey(e: KeyboardEvent, cell: NavCell): void {
    e.stopPropagation();
    // an IME composing Chinese text owns Enter, arrows and Escape
    if (e.isComposing || e.keyCode === 229) return;
    const command = inputCommand(keyPress(e), this.editing?.mode ?? 'edit');
    if (!command) return;
    e.preventDefault();
    if (command.kind === 'cancel') {
      this.closeEditor();
      this.alert = '';
      this.selection = collapsedAt(posOf(cell));
      this.refocus('focus');
      return;
    }
    if (!this.commit(cell, (e.target as HTMLInputElement).value)) return;
    const grid = this.grid();
    const to = grid ? target(grid, cell, command.move, { tabRun: this.tabRun }) : null;
    // Tab committing a value starts (or continues) a run of Tabs; Enter ends it
    this.tabRun = runAfter(this.tabRun, command.move, cell);
    this.selection = collapsedAt(to ?? posOf(cell));
    this.refocus('focus');
  }

  private onInputBlur(e: FocusEvent, cell: NavCell): void {
    if (this.closing || this.editing?.key !== cell.key) return;
    // leaving the cell editor (a click elsewhere) commits; a refused value stays in the editor
    this.commit(cell, (e.target as HTMLInputElement).value);
  }

  /** Stores one typed value; false (with a message, the editor left open) when refused. */
  private commit(cell: NavCell, text: string): boolean {
    const ed = this.editor;
    if (!ed) return false;
    const plan = planCommit(ed.report, cell, text);
    switch (plan.kind) {
      case 'close':
        this.closeEditor();
        if (plan.clearAlert) this.alert = '';
        return true;
      case 'refused':
        if (this.editing) this.editing = { ...this.editing, text };
        this.refuse(plan);
        return false;
      case 'edit':
        if (!this.apply(plan.edits, plan.label)) return false;
        this.closeEditor();
        this.alert = '';
        this.info = plan.info;
        return true;
    }
  }

  /** Applies cell edits of this table as one undoable step (with the totals that follow). */
  private apply(edits: readonly CellEdit[], label: string): boolean {
    const ed = this.editor;
    if (!ed) return false;
    if (ed.locked) {
      this.info = readOnlyMessage(ed.published);
      return false;
    }
    return ed.edit(label, (r) => applyCellEdits(r, this.table, edits));
  }

  private clearSelection(grid: TableGrid): void {
    const ed = this.editor;
    if (!ed) return;
    if (ed.locked) {
      this.info = readOnlyMessage(ed.published);
      return;
    }
    const plan = planClear(ed.report, this.totals(), grid, this.selection);
    if (plan.kind === 'refused') {
      this.refuse(plan);
      return;
    }
    if (plan.edits.length > 0) this.apply(plan.edits, plan.label);
    this.alert = '';
    this.info = plan.info;
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
    const grid = this.grid();
    if (!ed || !grid || !e.clipboardData) return;
    e.preventDefault();
    const copied = copySelection(ed.report, this.totals(), grid, this.selection);
    e.clipboardData.setData('text/plain', copied.text);
    this.info = copied.info;
  };

  private readonly onPaste = (e: ClipboardEvent) => {
    const ed = this.editor;
    const grid = this.grid();
    if (!ed || !grid) return;
    const text = e.clipboardData?.getData('text/plain') ?? '';
    const origin = e.composedPath()[0];
    const inInput = origin instanceof HTMLInputElement;
    // one value pasted into the open cell editor is ordinary text
    if (inInput && !isBlock(text)) return;
    e.preventDefault();
    let start = cellAtPos(grid, this.selection.active);
    if (inInput && this.editing) {
      start = grid.byKey.get(this.editing.key) ?? start;
      this.closeEditor();
    }
    if (!start) return;
    this.paste(grid, start, parseTsv(text));
    this.refocus('focus');
  };

  /** Fills the rectangle from `start` with the pasted rows: all of it, or nothing. */
  private paste(grid: TableGrid, start: NavCell, rows: string[][]): void {
    const ed = this.editor!;
    if (ed.locked) {
      this.info = readOnlyMessage(ed.published);
      return;
    }
    const plan = planPaste(ed.report, this.totals(), grid, start, rows);
    if (plan.kind === 'refused') {
      this.refuse(plan);
      return;
    }
    if (plan.edits.length > 0 && !this.apply(plan.edits, plan.label)) return;
    this.alert = '';
    this.info = plan.info;
    if (plan.selection) this.selection = plan.selection;
  }
}
customElements.define('nb-table-editor', NbTableEditor);

interface RenderContext {
  readonly report: Report;
  readonly totals: Map<string, TotalCell>;
  readonly marks: TableMarks;
  readonly locked: boolean;
  readonly grid: TableGrid;
  /** 对比上年: last year's value of each cell (null while off). */
  readonly prior: ReadonlyMap<string, PriorCell> | null;
}

function posOf(cell: NavCell): Pos {
  return { r: cell.r, c: cell.c };
}

/** The run of Tabs after a move from `cell`: Tab starts or continues it, anything else ends it. */
function runAfter(run: Pos | null, move: Move, cell: NavCell): Pos | null {
  if (move === 'next' || move === 'prev') return run ?? posOf(cell);
  return null;
}

/** "（三）不予公开" with its ordinal on a line of its own. */
function groupText(text: string): unknown {
  const m = /^(（[一二三四五六七八九十]+）)(.+)$/u.exec(text);
  return m ? html`<span class="ord">${m[1]}</span>${m[2]}` : text;
}

declare global {
  interface HTMLElementTagNameMap {
    'nb-table-editor': NbTableEditor;
  }
}
