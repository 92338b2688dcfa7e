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
 * The logic is in DOM-free models: the grid (models/table-grid.ts), selection, keys and runs of
 * Tabs (models/grid-selection.ts), what each change would do (models/cell-plans.ts: commit, clear,
 * paste and where it goes, copy, the totals offer), applying edits (models/cell-edits.ts), how a
 * value cell and a header cell present themselves (models/cell-view.ts, models/table-look.ts)
 * and the finding marks (models/findings.ts). The cells are drawn by `cells.ts`, the styles are in
 * `styles.ts`; this element holds the selection and the cell editor and wires the events.
 *
 * DOM contract (for tests): every value cell is `td[data-block][data-row][data-col]` (format
 * ids) with `data-computed` on computed totals and `data-absent` on cells of rows the report
 * lacks; the open cell editor is `input.nb-cell-input`; messages are `[data-message="error"]`
 * (role alert) and `[data-message="info"]` (role status); the replace-totals button is
 * `button[data-action="replace-totals"]`.
 *
 * Rows import could not place are reviewed below the table (`nb-import-review`).
 */
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { cellKey, sectionDef, type TableId } from '../../../core/formats';
import type { Location } from '../../../core/model';
import { computedTotals, totalReplacements, type TotalCell } from '../../../core/totals';
import { applyCellEdits, type CellEdit } from '../../models/cell-edits';
import { cellFilled } from '../../models/cell-view';
import { priorCells } from '../../models/compare-view';
import {
  copySelection,
  planClear,
  planCommit,
  planPaste,
  pasteTarget,
  planStartEdit,
  totalsOffer,
  type Refusal,
} from '../../models/cell-plans';
import { tableMarks } from '../../models/findings';
import { readOnlyMessage } from '../../models/published';
import {
  cellAtPos,
  clampSelection,
  collapsedAt,
  gridCommand,
  inputCommand,
  isRange,
  moveSelection,
  posOf,
  runAfter,
  selectAll,
  selectTo,
  target,
  type EditMode,
  type Pos,
  type Selection,
} from '../../models/grid-selection';
import { keyPress } from '../../models/keys';
import { tableStyle } from '../../models/table-look';
import { cellsAt, tableGrid, type NavCell, type TableGrid } from '../../models/table-grid';
import type { ReportEditor } from '../../state/editor';
import { EditorEvents } from '../../state/editor-events';
import '../nb-import-review/nb-import-review';
import '../nb-breakdown/nb-breakdown';
import { INPUT_CLASS, colgroup, gridRows, totalsTools, type RenderContext } from './cells';
import { tableEditorStyles } from './styles';

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

  static override styles = tableEditorStyles;

  override render() {
    const ed = this.editor;
    const grid = this.grid();
    if (!ed || !grid) return nothing;
    const report = ed.report;
    if (!report.sections[this.table]) return nothing;
    const totals = computedTotals(report, this.table);
    const marks = tableMarks(grid, ed.findings);
    const prior = ed.compare && ed.prior ? priorCells(report, ed.prior) : null;
    const ctx: RenderContext = {
      report,
      totals,
      marks,
      locked: ed.locked,
      grid,
      prior,
      selection: this.selection,
      editingKey: this.editing?.key ?? null,
      alert: this.alert,
      onInputKey: this.onInputKey,
      onInputBlur: this.onInputBlur,
    };
    const unplaced = report.sections[this.table]?.table?.unrecognised ?? [];
    const heading = sectionDef(this.table).heading.replace(/^[一二三四五六]、/u, '');
    return html`
      ${totalsTools(ed.locked ? null : totalsOffer(totals), this.replaceTotals)}
      <p class="message error" role="alert" data-message="error">${this.alert}</p>
      <p class="message info" role="status" data-message="info">${this.info}</p>
      <div class="scroll ${this.table === '二' ? '' : 'frozen'}" data-role="table-scroll">
        <table
          role="grid"
          class="t${{ 二: 2, 三: 3, 四: 4 }[this.table]}"
          aria-label="${TABLE_NAMES[this.table]} ${heading}"
          aria-readonly=${ed.locked ? 'true' : 'false'}
          aria-multiselectable="true"
          style=${tableStyle(grid)}
          @keydown=${this.onKey}
          @click=${this.onClick}
          @dblclick=${this.onDblClick}
          @paste=${this.onPaste}
          @compositionstart=${this.onCompositionStart}
          @copy=${this.onCopy}
        >
          ${colgroup(grid)} ${gridRows(ctx)}
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
  private readonly filled = (cell: NavCell): boolean =>
    this.editor ? cellFilled(this.editor.report, this.totals(), cell) : false;

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

  private readonly onInputKey = (e: KeyboardEvent, cell: NavCell): void => {
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
  };

  private readonly onInputBlur = (e: FocusEvent, cell: NavCell): void => {
    if (this.closing || this.editing?.key !== cell.key) return;
    // leaving the cell editor (a click elsewhere) commits; a refused value stays in the editor
    this.commit(cell, (e.target as HTMLInputElement).value);
  };

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
    const inInput = e.composedPath()[0] instanceof HTMLInputElement;
    const to = pasteTarget(grid, this.selection, text, inInput, this.editing?.key ?? null);
    if (to.kind === 'text') return; // one value pasted into the open cell editor
    e.preventDefault();
    if (to.closeEditor) this.closeEditor();
    if (!to.start) return;
    this.paste(grid, to.start, to.rows);
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

declare global {
  interface HTMLElementTagNameMap {
    'nb-table-editor': NbTableEditor;
  }
}
