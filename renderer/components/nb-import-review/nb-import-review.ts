/**
 * `<nb-import-review .editor=${reportEditor} table="二|三|四">`: the rows of one table that
 * import could not place (`table.unrecognised`), for the clerk to review. Shows how many of the
 * table's official rows were read, and for each unread row its source cells and why it was not
 * read, a choice of the official rows it may become (import's suggestion first), the values to
 * read in (the source's figures when they fit the row's columns exactly, else blank: editable),
 * and two buttons: 读入 (the row becomes that official row) and 忽略 (the line is not table data).
 * Each is one undoable edit of the report. Renders nothing while the table has no unread rows.
 *
 * The logic is in models/import-review.ts; this element renders it and wires the events.
 *
 * DOM contract (for tests): the element is `[data-import-review]`; each unread row is
 * `li[data-unread="<index>"]` with `select[data-target]`, `input[data-col]` per column,
 * `button[data-action="assign"]` and `button[data-action="dismiss"]`; a refusal is
 * `[data-review-message="error"]` (role alert; not `data-message`, which tests of the table
 * editor select through its shadow root).
 */
import { LitElement, css, html, nothing } from 'lit';
import { FORMATS, type TableId } from '../../../core/formats';
import {
  assignUnread,
  dismissUnread,
  proposeValues,
  reviewSummary,
  unreadRows,
  type RowTarget,
  type UnreadItem,
} from '../../models/import-review';
import type { ReportEditor } from '../../state/editor';
import { EditorEvents } from '../../state/editor-events';
import { theme } from '../../styles/theme';

/** The clerk's choice for one unread row: its target ("block|row") and the values typed. */
interface Draft {
  readonly target: string;
  readonly values: Readonly<Record<string, string>>;
}

const keyOf = (t: Pick<RowTarget, 'block' | 'row'>) => `${t.block}|${t.row}`;

export class NbImportReview extends LitElement {
  static override properties = {
    editor: { attribute: false },
    table: {},
    tick: { state: true },
    drafts: { state: true },
    alert: { state: true },
  };
  declare editor: ReportEditor | null;
  declare table: TableId;
  declare tick: number;
  /** By unread index; cleared at every report change (indexes move when a row goes). */
  declare drafts: ReadonlyMap<number, Draft>;
  declare alert: string;

  constructor() {
    super();
    this.editor = null;
    this.table = '三';
    this.tick = 0;
    this.drafts = new Map();
    this.alert = '';
    new EditorEvents(this, { change: this.onChange });
  }

  private readonly onChange = () => {
    this.drafts = new Map();
    this.tick++;
  };

  static override styles = [
    theme,
    css`
      :host {
        display: block;
        font-size: 13px;
        margin-top: 8px;
      }
      .summary {
        color: var(--nb-warning);
        margin: 0 0 4px;
      }
      ul {
        margin: 0;
        padding: 0;
        list-style: none;
      }
      li {
        padding: 6px 0;
        border-top: 1px solid var(--nb-line);
      }
      .source {
        font-family: inherit;
        white-space: pre-wrap;
      }
      .reason {
        color: var(--nb-muted);
      }
      .assign {
        display: flex;
        flex-wrap: wrap;
        gap: 4px;
        align-items: center;
        margin-top: 4px;
      }
      .assign input {
        width: 5em;
      }
      .message.error {
        color: var(--nb-error);
        margin: 2px 0;
      }
      .message:empty {
        display: none;
      }
    `,
  ];

  /** The clerk's choice for an item, or the proposal: import's suggestion, else the first row. */
  private draftOf(item: UnreadItem): Draft | null {
    const kept = this.drafts.get(item.index);
    if (kept) return kept;
    const first = item.suggested ?? item.candidates[0];
    if (!first || !this.editor) return null;
    return { target: keyOf(first), values: proposeValues(this.editor.report, item, first) };
  }

  override render() {
    const ed = this.editor;
    if (!ed || !ed.report.sections[this.table]) return nothing;
    const items = unreadRows(ed.report).filter((i) => i.table === this.table);
    if (items.length === 0) return nothing;
    const summary = reviewSummary(ed.report).find((s) => s.table === this.table);
    return html`<div data-import-review>
      <p class="summary">${summary?.line}。以下内容导入时未能对应到表格中的行，请核对：</p>
      <p class="message error" role="alert" data-review-message="error">${this.alert}</p>
      <ul>
        ${items.map((item) => this.itemView(item, ed.locked))}
      </ul>
    </div>`;
  }

  private itemView(item: UnreadItem, locked: boolean) {
    const draft = this.draftOf(item);
    const targets = [
      ...(item.suggested && !item.candidates.some((c) => keyOf(c) === keyOf(item.suggested!))
        ? [item.suggested]
        : []),
      ...item.candidates,
    ];
    const [blockId] = (draft?.target ?? '').split('|');
    const block = FORMATS[this.editor!.report.format].tables[this.table].blocks.find(
      (b) => b.id === blockId,
    );
    const source = item.cells.filter((c) => c.trim() !== '').join(' | ');
    return html`<li data-unread=${item.index}>
      <div class="source">${item.caption ? `【${item.caption}】` : ''}${source}</div>
      <div class="reason">${item.reason}</div>
      <div class="assign">
        ${
          targets.length > 0 && draft
            ? html`<select
                  data-target
                  aria-label="读入为"
                  ?disabled=${locked}
                  @change=${(e: Event) => this.choose(item, (e.target as HTMLSelectElement).value)}
                >
                  ${targets.map(
                    (t) =>
                      html`<option value=${keyOf(t)} ?selected=${keyOf(t) === draft.target}>
                        ${t.label}
                      </option>`,
                  )}
                </select>
                ${block?.columns.map(
                  (c) =>
                    html`<input
                      data-col=${c.id}
                      title=${c.label}
                      aria-label=${c.label}
                      placeholder=${c.label}
                      .value=${draft.values[c.id] ?? ''}
                      ?disabled=${locked}
                      @input=${(e: Event) =>
                        this.setValue(item, draft, c.id, (e.target as HTMLInputElement).value)}
                    />`,
                )}
                <button
                  data-action="assign"
                  ?disabled=${locked}
                  @click=${() => this.assign(item, draft)}
                >
                  读入
                </button>`
            : nothing
        }
        <button data-action="dismiss" ?disabled=${locked} @click=${() => this.dismiss(item)}>
          忽略
        </button>
      </div>
    </li>`;
  }

  private choose(item: UnreadItem, target: string): void {
    const ed = this.editor;
    if (!ed) return;
    const [block = '', row = ''] = target.split('|');
    const values = proposeValues(ed.report, item, { block });
    this.drafts = new Map(this.drafts).set(item.index, { target: `${block}|${row}`, values });
  }

  private setValue(item: UnreadItem, draft: Draft, col: string, value: string): void {
    const next = { ...draft, values: { ...draft.values, [col]: value } };
    this.drafts = new Map(this.drafts).set(item.index, next);
  }

  private assign(item: UnreadItem, draft: Draft): void {
    const ed = this.editor;
    if (!ed) return;
    const [block = '', row = ''] = draft.target.split('|');
    this.alert = '';
    try {
      ed.edit(`读入导入未识别的行`, (r) =>
        assignUnread(r, item.table, item.index, { block, row }, draft.values),
      );
    } catch (e) {
      this.alert = e instanceof Error ? e.message : String(e);
    }
  }

  private dismiss(item: UnreadItem): void {
    const ed = this.editor;
    if (!ed) return;
    this.alert = '';
    try {
      ed.edit(`忽略导入未识别的行`, (r) => dismissUnread(r, item.table, item.index));
    } catch (e) {
      this.alert = e instanceof Error ? e.message : String(e);
    }
  }
}

customElements.define('nb-import-review', NbImportReview);

declare global {
  interface HTMLElementTagNameMap {
    'nb-import-review': NbImportReview;
  }
}
