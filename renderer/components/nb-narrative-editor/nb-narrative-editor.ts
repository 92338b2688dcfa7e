/**
 * `<nb-narrative-editor .editor=${ed} place="导语|一|…|六">`: the paragraphs of the 导语 or of one
 * section, each an auto-growing plain-text field with its level (正文, 一级标题 "一、" …
 * 四级标题 "（1）") and buttons to move it, insert a paragraph after it and delete it. Every edit
 * goes through `editor.setParagraphs` and can be undone; typing in one paragraph merges into one
 * undo step.
 *
 * Keys: Enter (and Shift+Enter: a paragraph holds no line break) ends the paragraph at the
 * caret — at its end it starts an empty body paragraph, in the middle it splits the paragraph,
 * at its start it opens an empty body paragraph above. Backspace at the start of a paragraph
 * deletes it when empty (the caret goes to the end of the previous one) or joins it to the
 * previous one; Delete at the end joins the next one. ↑ at the start / ↓ at the end go to the
 * previous / next paragraph; Alt+↑ / Alt+↓ move the paragraph.
 *
 * Paste: HTML (Word, WPS, web pages) or text of several lines is cleaned into paragraphs with
 * their levels (core/paste.ts) and inserted at the caret, splitting the paragraph, as one
 * undoable edit. Text is always shown as text, never as markup.
 *
 * The editor's 'focus' event with this place (and no table) focuses the paragraph it names;
 * paragraphs with open findings are marked, with the findings' messages. A year carried over
 * by "copy last year" (YEAR_REVIEW) is marked itself, not its paragraph (models/carried-inline.ts):
 * a layer under the transparent field draws the mark where the text is, the field stays a
 * plain text field; with the caret in a marked year a small pop-up offers "改为 2021年", and the
 * line under the paragraph has the same button for each marked year (one undoable edit each).
 *
 * DOM contract (tests): `textarea[data-paragraph="N"]` (N from 0; `data-level` its level),
 * `select[data-level-of="N"]`, `button[data-action="up|down|add|delete"][data-paragraph="N"]`,
 * `.para[data-issue="error|warning"]` on a paragraph with open findings (`data-codes` lists
 * them), `[data-virtual]` on the placeholder paragraph of an empty section (it has a
 * `textarea[data-paragraph="0"]` and a level select but no buttons; typing into it creates the
 * section's first paragraph), `[role=status]` announcements ("已删除第N段…", "已粘贴 N 段。"),
 * `mark.carried[data-year-mark="K"][data-paragraph="N"][data-start="S"]` a marked year (K its
 * number in the paragraph, S its offset in the text), `button[data-action="fix-year"][data-paragraph="N"][data-year-mark="K"]` the line's
 * button, `[data-role="year-pop"]` the caret's pop-up with `button[data-action="fix-year-pop"]`.
 */
import { LitElement, css, html, nothing } from 'lit';
import type { ResolvedFinding } from '../../../core/checks';
import type { Location, Paragraph } from '../../../core/model';
import { cleanPastedHtml, cleanPastedText, pasteInto } from '../../../core/paste';
import {
  findingsSignature,
  paragraphFindings,
  paragraphMark,
  textFindings,
} from '../../models/findings';
import { keyPress } from '../../models/keys';
import {
  markAt,
  marksByParagraph,
  moveOneYear,
  segments,
  yearMarks,
  type YearMark,
} from '../../models/carried-inline';
import { paragraphHint, sectionHint } from '../../models/outline';
import {
  LEVEL_MARKS,
  LEVEL_NAMES,
  deleteParagraph,
  insertAfter,
  joinWithPrevious,
  moveParagraph,
  paragraphKey,
  placeName,
  splitParagraph,
  stored,
  typeInto,
  withLevel,
  type Level,
  type ParagraphCaret,
  type ParagraphEdit,
  type TextPlace,
} from '../../models/paragraphs';
import type { ReportEditor } from '../../state/editor';
import { EditorEvents } from '../../state/editor-events';
import { theme } from '../../styles/theme';
import { isComposing, syncValue } from '../../lib/sync-value';

type Target = 'text' | 'up' | 'down' | 'add' | 'delete';

interface PendingFocus {
  readonly paragraph: number;
  readonly target: Target;
  /** Caret offset in the text; 'end' for its end. */
  readonly offset?: number | 'end';
}

/** CSS `field-sizing: content` grows a textarea with its text; otherwise the script does. */
const FIELD_SIZING = typeof CSS !== 'undefined' && CSS.supports?.('field-sizing', 'content');

function fit(el: HTMLTextAreaElement): void {
  if (FIELD_SIZING) return;
  el.style.height = 'auto';
  el.style.height = `${el.scrollHeight + 2}px`;
}

export class NbNarrativeEditor extends LitElement {
  static override properties = {
    editor: { attribute: false },
    place: { reflect: true },
    announcement: { state: true },
    activeYear: { state: true },
  };
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  declare editor: ReportEditor | null;
  declare place: TextPlace;
  declare announcement: string;
  /** The carried year the caret is in (its pop-up is shown): paragraph and the mark's start. */
  declare activeYear: { paragraph: number; start: number } | null;

  private pending: PendingFocus | null = null;
  /** What the last render showed: a change elsewhere in the report does not re-render. */
  private shown: { paragraphs: unknown; findings: string; locked: boolean } = {
    paragraphs: undefined,
    findings: '',
    locked: false,
  };
  private flashTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.editor = null;
    this.place = '导语';
    this.activeYear = null;
    this.announcement = ''; // the arrow-function handlers are fields, initialised before this body runs
    new EditorEvents(this, { change: this.onChange, focus: this.onFocus });
  }

  private readonly onChange = () => {
    const ed = this.editor;
    if (!ed) return;
    const findings = this.ownFindings();
    if (
      this.shown.paragraphs === this.paragraphsRaw() &&
      this.shown.locked === ed.locked &&
      this.shown.findings === findingsSignature(findings)
    ) {
      return;
    }
    this.requestUpdate();
  };

  private readonly onFocus = (e: Event) => {
    // a search hit comes with the range of the matched text (`select`), shown selected
    const loc = (e as CustomEvent<Location & { select?: readonly [number, number] }>).detail;
    if (!loc || loc.section !== this.place || loc.table !== undefined) return;
    const count = Math.max(1, this.paragraphs().length);
    const index = Math.min(Math.max(loc.paragraph ?? 0, 0), count - 1);
    void this.updateComplete.then(() => this.reveal(index, loc.select));
  };

  override disconnectedCallback(): void {
    clearTimeout(this.flashTimer);
    super.disconnectedCallback();
  }

  /** The paragraphs as the report holds them (undefined: the section is absent). */
  private paragraphsRaw(): readonly Paragraph[] | undefined {
    const r = this.editor?.report;
    if (!r) return undefined;
    return this.place === '导语' ? r.opening : r.sections[this.place]?.paragraphs;
  }

  private paragraphs(): readonly Paragraph[] {
    return this.paragraphsRaw() ?? [];
  }

  /** Open findings about this place's text (not its table). */
  private ownFindings(): ResolvedFinding[] {
    return textFindings(this.editor?.findings ?? [], this.place);
  }

  private get locked(): boolean {
    return this.editor?.locked ?? true;
  }

  /** Stores the paragraphs (a lone empty body paragraph is no paragraph: the section is empty). */
  private commit(next: readonly Paragraph[], label: string, key?: string): boolean {
    const ed = this.editor;
    if (!ed || ed.locked) return false;
    return ed.setParagraphs(this.place, stored(next), label, key);
  }

  /** Stores an edit of the models/paragraphs.ts kind and puts the caret where it says. */
  private commitEdit(edit: ParagraphEdit | null, label: string): boolean {
    if (!edit || !this.commit(edit.paragraphs, `${label}（${placeName(this.place)}）`))
      return false;
    this.focusLater(textCaret(edit.caret));
    return true;
  }

  private field(index: number): HTMLTextAreaElement | null {
    return this.renderRoot.querySelector<HTMLTextAreaElement>(
      `textarea[data-paragraph="${index}"]`,
    );
  }

  /** Focuses a paragraph's field, scrolled into view and briefly highlighted (a finding). */
  private reveal(index: number, select?: readonly [number, number]): void {
    const el = this.field(index);
    if (!el) return;
    el.focus({ preventScroll: true });
    el.setSelectionRange(select?.[0] ?? 0, select?.[1] ?? 0);
    el.scrollIntoView({ block: 'center' });
    const para = el.closest('.para');
    this.renderRoot.querySelectorAll('.para.flash').forEach((p) => p.classList.remove('flash'));
    para?.classList.add('flash');
    clearTimeout(this.flashTimer);
    this.flashTimer = setTimeout(() => para?.classList.remove('flash'), 1600);
  }

  private focusLater(pending: PendingFocus): void {
    this.pending = pending;
    this.requestUpdate();
  }

  private say(text: string): void {
    // the same sentence twice is still announced: clear it first
    this.announcement = '';
    void this.updateComplete.then(() => {
      this.announcement = text;
    });
  }

  // ---- edits (models/paragraphs.ts) ---------------------------------------------------------

  private typed(index: number, el: HTMLTextAreaElement): void {
    const edit = typeInto(this.paragraphs(), index, el.value, el.selectionEnd ?? el.value.length);
    if (!edit) return;
    // a line end got in (dropped text, an input method): it ends the paragraph there
    if (edit.kind === 'split') this.commitEdit(edit, '分段');
    else
      this.commit(edit.paragraphs, `修改${placeName(this.place)}`, `text:${this.place}:${index}`);
  }

  private setLevel(index: number, level: Level): void {
    const next = withLevel(this.paragraphs(), index, level);
    if (next) this.commit(next, `修改段落级别（${placeName(this.place)}）`);
  }

  private move(index: number, by: -1 | 1, target: Target, offset?: number): void {
    const edit = moveParagraph(this.paragraphs(), index, by, offset);
    if (!edit || !this.commit(edit.paragraphs, `移动段落（${placeName(this.place)}）`)) return;
    const to = edit.caret.paragraph;
    this.focusLater({ paragraph: to, target, ...(offset !== undefined ? { offset } : {}) });
    this.say(`第${index + 1}段已${by < 0 ? '上移' : '下移'}，现在是第${to + 1}段。`);
  }

  private addAfter(index: number): void {
    const list = this.paragraphs();
    // an empty section: its placeholder paragraph takes the text
    if (list.length === 0) this.focusLater({ paragraph: 0, target: 'text' });
    else this.commitEdit(insertAfter(list, index), '插入段落');
  }

  private deleteParagraph(index: number, focus: 'previous' | 'same'): void {
    if (this.commitEdit(deleteParagraph(this.paragraphs(), index, focus), '删除段落')) {
      this.say(`已删除第${index + 1}段。按 Ctrl+Z 可撤销。`);
    }
  }

  private onKeydown(index: number, e: KeyboardEvent): void {
    const el = e.target as HTMLTextAreaElement;
    if (e.isComposing || e.keyCode === 229 || isComposing(el)) return;
    if (e.key === 'Escape' && this.activeYear) {
      this.activeYear = null; // the carried year's pop-up closes; the caret stays
      return;
    }
    const list = this.paragraphs();
    const start = el.selectionStart ?? 0;
    const end = el.selectionEnd ?? 0;
    const command = paragraphKey(keyPress(e), {
      index,
      count: list.length,
      start,
      end,
      length: el.value.length,
      locked: this.locked,
    });
    if (!command) return;
    e.preventDefault();
    switch (command.action) {
      case 'split':
        this.commitEdit(splitParagraph(list, index, el.value, start, end), '分段');
        return;
      case 'delete':
        this.deleteParagraph(index, 'previous');
        return;
      case 'join-previous':
        this.commitEdit(joinWithPrevious(list, index), '合并段落');
        return;
      case 'join-next':
        this.commitEdit(joinWithPrevious(list, index + 1), '合并段落');
        return;
      case 'move-up':
      case 'move-down':
        this.move(index, command.action === 'move-up' ? -1 : 1, 'text', start);
        return;
      case 'caret-previous':
        this.placeCaret(index - 1, 'end');
        return;
      case 'caret-next':
        this.placeCaret(index + 1, 0);
        return;
    }
  }

  private placeCaret(index: number, offset: number | 'end'): void {
    const el = this.field(index);
    if (!el) return;
    el.focus();
    const at = offset === 'end' ? el.value.length : Math.min(offset, el.value.length);
    el.setSelectionRange(at, at);
  }

  private onPaste(index: number, e: ClipboardEvent): void {
    const data = e.clipboardData;
    if (!data) return;
    const el = e.target as HTMLTextAreaElement;
    const htmlText = data.getData('text/html');
    const plainText = data.getData('text/plain');
    let pasted: Paragraph[] | null = null;
    // text ending with a line end holds whole paragraphs: what follows the caret stays apart
    let closed = false;
    if (htmlText.trim()) {
      pasted = cleanPastedHtml(htmlText);
      if (pasted.length === 0 && plainText.trim()) pasted = cleanPastedText(plainText);
    } else if (/[\r\n\v\f]/u.test(plainText)) {
      pasted = cleanPastedText(plainText);
      closed = /[\r\n\v\f]\s*$/u.test(plainText);
    }
    // one line of plain text: the field pastes it itself (and 'input' stores it)
    if (pasted === null) return;
    e.preventDefault();
    if (this.locked) return;
    if (pasted.length === 0) {
      this.say('粘贴的内容中没有文字。');
      return;
    }
    const list = this.paragraphs();
    // the field may hold text the model has not seen yet (none normally): paste into that
    const current = list[index];
    const base =
      current && el.value !== current.text
        ? [...list.slice(0, index), { ...current, text: el.value }, ...list.slice(index + 1)]
        : list;
    const result = pasteInto(
      base,
      index,
      el.selectionStart ?? el.value.length,
      el.selectionEnd ?? el.value.length,
      pasted,
      { closed },
    );
    if (this.commit(result.paragraphs, `粘贴（${placeName(this.place)}）`)) {
      this.focusLater({
        paragraph: result.caret.paragraph,
        target: 'text',
        offset: result.caret.offset,
      });
      if (pasted.length > 1) this.say(`已粘贴 ${pasted.length} 段。`);
    }
  }

  // ---- carried years (models/carried-inline.ts) ----------------------------------------------

  /** The open carried years of this place, by paragraph. */
  private yearMarks(): Map<number, YearMark[]> {
    const ed = this.editor;
    if (!ed) return new Map();
    return marksByParagraph(yearMarks(ed.report, this.place, ed.findings));
  }

  /** Moves one carried year on ("2020年" → "2021年"), one undoable edit; the caret after it. */
  private fixYear(mark: YearMark): void {
    const ed = this.editor;
    if (!ed || ed.locked) return;
    const before = ed.report;
    ed.edit(
      `把“${mark.text}”改为“${mark.replacement}”（${placeName(this.place)}）`,
      (r) => moveOneYear(r, mark) ?? r,
    );
    if (ed.report === before) return;
    this.activeYear = null;
    this.focusLater({
      paragraph: mark.paragraph,
      target: 'text',
      offset: mark.start + mark.replacement.length,
    });
    this.say(`已把“${mark.text}”改为“${mark.replacement}”。按 Ctrl+Z 可撤销。`);
  }

  /** The caret moved in a paragraph: the carried year it is in gets its pop-up. */
  private caretMoved(index: number, el: HTMLTextAreaElement): void {
    const marks = this.yearMarks().get(index) ?? [];
    const collapsed = el.selectionStart === el.selectionEnd;
    const at = collapsed && !this.locked ? markAt(marks, el.selectionStart ?? 0) : undefined;
    const next = at ? { paragraph: index, start: at.start } : null;
    const now = this.activeYear;
    if (next?.paragraph !== now?.paragraph || next?.start !== now?.start) this.activeYear = next;
  }

  /** The focus left a paragraph (and its pop-up): the pop-up closes. */
  private fieldLeft(e: FocusEvent): void {
    const field = e.currentTarget as HTMLElement;
    if (e.relatedTarget instanceof Node && field.contains(e.relatedTarget)) return;
    this.activeYear = null;
  }

  /** Places the caret's pop-up under its marked year (the layer under the field lays it out). */
  private placeYearPop(): void {
    const active = this.activeYear;
    if (!active) return;
    const mark = this.renderRoot.querySelector<HTMLElement>(
      `mark[data-paragraph="${active.paragraph}"][data-start="${active.start}"]`,
    );
    const pop = this.renderRoot.querySelector<HTMLElement>('[data-role="year-pop"]');
    const field = pop?.parentElement;
    if (!mark || !pop || !field) return;
    const box = field.getBoundingClientRect();
    const at = mark.getBoundingClientRect();
    const left = Math.max(0, Math.min(at.left - box.left, box.width - pop.offsetWidth));
    pop.style.left = `${left}px`;
    pop.style.top = `${at.bottom - box.top + 2}px`;
  }

  // ---- rendering -----------------------------------------------------------------------------

  static override styles = [
    theme,
    css`
      :host {
        display: block;
        container-type: inline-size;
      }
      .para {
        display: grid;
        grid-template-columns: minmax(0, 1fr) auto;
        gap: 2px 6px;
        align-items: start;
        padding: 2px 4px 2px 6px;
        border-left: 3px solid transparent;
        border-radius: 2px;
      }
      .para + .para {
        margin-top: 2px;
      }
      .para[data-issue='warning'] {
        border-left-color: #d4a72c;
        background: var(--nb-warning-bg);
      }
      .para[data-issue='error'] {
        border-left-color: var(--nb-error);
        background: var(--nb-error-bg);
      }
      .field {
        position: relative;
        min-width: 0;
        border-radius: var(--nb-radius);
      }
      .field:focus-within {
        background: var(--nb-bg);
      }
      /* the layer under the transparent field that draws the marked years where the text is */
      .backdrop {
        position: absolute;
        inset: 0;
        overflow: hidden;
        pointer-events: none;
        color: transparent;
        border: 1px solid transparent;
      }
      mark.carried {
        color: transparent;
        background: #ffd76a;
        border-radius: 2px;
        box-shadow: 0 0 0 1px #d4a72c;
      }
      mark.carried.active {
        background: #ffc533;
        box-shadow: 0 0 0 2px #bf8700;
      }
      .year-pop {
        position: absolute;
        z-index: 3;
        display: flex;
        align-items: center;
        gap: 6px;
        padding: 4px 6px;
        font-size: 12px;
        white-space: nowrap;
        color: var(--nb-text);
        background: var(--nb-bg);
        border: 1px solid #d4a72c;
        border-radius: var(--nb-radius);
        box-shadow: 0 2px 8px rgb(0 0 0 / 18%);
      }
      .year-pop button,
      .years button {
        min-height: 24px;
        padding: 0 8px;
        font-size: 12px;
      }
      .years {
        grid-column: 1 / -1;
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 4px 6px;
        font-size: 12px;
        margin: 0 8px 2px;
        color: var(--nb-warning);
      }
      .years mark {
        background: #ffd76a;
        color: inherit;
        padding: 0 2px;
        border-radius: 2px;
      }
      .para.flash {
        outline: 2px solid var(--nb-accent);
        outline-offset: 1px;
      }
      textarea,
      .backdrop {
        display: block;
        width: 100%;
        box-sizing: border-box;
        resize: none;
        overflow: hidden;
        field-sizing: content;
        min-height: calc(1.8em + 10px);
        padding: 4px 8px;
        font-family: var(--nb-serif);
        font-size: 15px;
        line-height: 1.8;
        text-indent: 2em;
        border-color: transparent;
        background: transparent;
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      textarea {
        position: relative;
        z-index: 1;
      }
      .para:hover textarea {
        border-color: var(--nb-line);
      }
      textarea:focus {
        border-color: var(--nb-accent);
      }
      textarea[readonly] {
        cursor: default;
      }
      textarea::placeholder {
        color: #8c959f;
      }
      .backdrop[data-level='1'],
      textarea[data-level='1'] {
        font-family: var(--nb-font);
        font-weight: 700;
      }
      .backdrop[data-level='2'],
      textarea[data-level='2'] {
        font-family: KaiTi, STKaiti, 'Kaiti SC', 'LXGW WenKai', 'AR PL UKai CN', var(--nb-serif);
        font-weight: 600;
      }
      .backdrop[data-level='3'],
      .backdrop[data-level='4'],
      textarea[data-level='3'],
      textarea[data-level='4'] {
        font-weight: 600;
      }
      .tools {
        display: flex;
        align-items: center;
        gap: 2px;
        padding-top: 3px;
        opacity: 0.55;
      }
      .para:hover .tools,
      .para:focus-within .tools {
        opacity: 1;
      }
      .para[data-virtual] .tools {
        visibility: hidden;
      }
      .para[data-virtual]:focus-within .tools {
        visibility: visible;
      }
      .tools select {
        font-size: 12px;
        padding: 2px;
        height: 28px;
      }
      .tools button {
        min-height: 28px;
        min-width: 28px;
        padding: 0 4px;
        font-size: 13px;
        line-height: 1;
      }
      .issue {
        grid-column: 1 / -1;
        font-size: 12px;
        margin: 0 8px 2px;
      }
      .issue.error {
        color: var(--nb-error);
      }
      .issue.warning {
        color: var(--nb-warning);
      }
      .notes {
        margin: 0 0 6px;
        padding: 0;
        list-style: none;
        font-size: 12px;
      }
      .notes li {
        padding: 2px 8px;
        border-left: 3px solid #d4a72c;
        background: var(--nb-warning-bg);
        color: var(--nb-warning);
      }
      .notes li.error {
        border-left-color: var(--nb-error);
        background: var(--nb-error-bg);
        color: var(--nb-error);
      }
      .missing {
        color: var(--nb-error);
        font-size: 13px;
      }
      @container (max-width: 520px) {
        .para {
          grid-template-columns: minmax(0, 1fr);
        }
        /* narrow (150 % zoom): the tools of the paragraph being edited or pointed at only */
        .tools {
          display: none;
          justify-content: flex-end;
          padding-top: 0;
        }
        .para:hover .tools,
        .para:focus-within .tools {
          display: flex;
        }
      }
    `,
  ];

  override render() {
    const ed = this.editor;
    const raw = this.paragraphsRaw();
    const findings = this.ownFindings();
    this.shown = {
      paragraphs: raw,
      findings: findingsSignature(findings),
      locked: ed?.locked ?? false,
    };
    if (!ed) return nothing;
    if (raw === undefined) {
      return html`<p class="missing">本报告缺少这一部分，无法编辑正文。</p>`;
    }
    const locked = ed.locked;
    const virtual = raw.length === 0;
    const list: readonly Paragraph[] = virtual ? [{ level: 0, text: '' }] : raw;
    const { byParagraph, notes } = paragraphFindings(findings, list.length);
    const name = placeName(this.place);
    const emptyHint = sectionHint(ed.report.format, this.place);
    const hints = list.map((_, i) =>
      virtual ? emptyHint : paragraphHint(ed.report.format, this.place, list, i),
    );
    const years = virtual ? new Map<number, YearMark[]>() : this.yearMarks();
    return html`${
        notes.length
          ? html`<ul class="notes" aria-label="${name}的检查提示">
              ${notes.map(
                (f) =>
                  html`<li class=${f.severity} data-code=${f.code}>
                    ${f.severity === 'error' ? '错误' : '提示'}：${f.message}
                  </li>`,
              )}
            </ul>`
          : nothing
      }
      ${list.map((p, i) => this.paragraph(p, i, list.length, byParagraph.get(i), locked, virtual, hints[i]!, years.get(i) ?? []))}
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>`;
  }

  private paragraph(
    p: Paragraph,
    i: number,
    count: number,
    issues: readonly ResolvedFinding[] | undefined,
    locked: boolean,
    virtual: boolean,
    hint: string,
    years: readonly YearMark[],
  ) {
    const n = i + 1;
    const name = placeName(this.place);
    // a carried year is marked itself (below), not its paragraph
    const mark = paragraphMark(
      years.length ? issues?.filter((f) => f.code !== 'YEAR_REVIEW') : issues,
    );
    const severity = mark?.severity;
    const messages = mark?.messages ?? '';
    const titles = mark?.titles ?? [];
    return html`<div
      class="para"
      data-index=${i}
      data-issue=${severity ?? nothing}
      data-codes=${mark ? mark.codes : nothing}
      ?data-virtual=${virtual}
    >
      <div class="field" @focusout=${(e: FocusEvent) => this.fieldLeft(e)}>
        ${years.length ? this.backdrop(p, i, years) : nothing}
        <textarea
          data-paragraph=${i}
          data-level=${p.level}
          rows="1"
          spellcheck="false"
          aria-label="${name}第${n}段（${LEVEL_NAMES[p.level]}）"
          aria-invalid=${severity === 'error' ? 'true' : 'false'}
          aria-describedby=${describedBy(severity ? `issue-${i}` : '', years.length ? `years-${i}` : '')}
          title=${messages || nothing}
          placeholder=${hint || (p.level ? '标题…' : '')}
          ?readonly=${locked}
          ${syncValue(p.text)}
          @input=${(e: InputEvent) => {
            const el = e.target as HTMLTextAreaElement;
            fit(el);
            if (!e.isComposing && !isComposing(el)) this.typed(i, el);
          }}
          @compositionend=${(e: CompositionEvent) => this.typed(i, e.target as HTMLTextAreaElement)}
          @keydown=${(e: KeyboardEvent) => this.onKeydown(i, e)}
          @keyup=${(e: KeyboardEvent) => {
            if (e.key !== 'Escape') this.caretMoved(i, e.target as HTMLTextAreaElement);
          }}
          @click=${(e: MouseEvent) => this.caretMoved(i, e.target as HTMLTextAreaElement)}
          @focus=${(e: FocusEvent) => this.caretMoved(i, e.target as HTMLTextAreaElement)}
          @paste=${(e: ClipboardEvent) => this.onPaste(i, e)}
        ></textarea>
        ${years.length ? this.yearPop(i, years, locked) : nothing}
      </div>
      <div class="tools" role="group" aria-label="${name}第${n}段的操作">
        <select
          data-level-of=${i}
          aria-label="${name}第${n}段的级别"
          title="段落级别"
          ?disabled=${locked}
          .value=${String(p.level)}
          @change=${(e: Event) =>
            this.setLevel(i, Number((e.target as HTMLSelectElement).value) as Level)}
        >
          ${LEVEL_NAMES.map(
            (label, level) =>
              html`<option value=${level} ?selected=${level === p.level}>
                ${label}${LEVEL_MARKS[level] ? `“${LEVEL_MARKS[level]}”` : ''}
              </option>`,
          )}
        </select>
        ${
          virtual
            ? nothing
            : html` <button
                  data-action="up"
                  data-paragraph=${i}
                  aria-label="上移${name}第${n}段"
                  title="上移（Alt+↑）"
                  ?disabled=${locked || i === 0}
                  @click=${() => this.move(i, -1, 'up')}
                >
                  ↑
                </button>
                <button
                  data-action="down"
                  data-paragraph=${i}
                  aria-label="下移${name}第${n}段"
                  title="下移（Alt+↓）"
                  ?disabled=${locked || i + 1 >= count}
                  @click=${() => this.move(i, 1, 'down')}
                >
                  ↓
                </button>
                <button
                  data-action="add"
                  data-paragraph=${i}
                  aria-label="在${name}第${n}段后插入段落"
                  title="在后面插入段落"
                  ?disabled=${locked}
                  @click=${() => this.addAfter(i)}
                >
                  ＋
                </button>
                <button
                  data-action="delete"
                  data-paragraph=${i}
                  aria-label="删除${name}第${n}段"
                  title="删除段落（可撤销）"
                  ?disabled=${locked}
                  @click=${() => this.deleteParagraph(i, 'same')}
                >
                  ✕
                </button>`
        }
      </div>
      ${years.length ? this.yearLine(i, years, locked) : nothing}
      ${
        severity
          ? html`<div class="issue ${severity}" id="issue-${i}">
              ${severity === 'error' ? '错误' : '提示'}：${titles.join('；')}<span
                class="visually-hidden"
                >。${messages}</span
              >
            </div>`
          : nothing
      }
    </div>`;
  }

  /** The layer under the field: the paragraph's text, transparent, its carried years marked. */
  private backdrop(p: Paragraph, i: number, years: readonly YearMark[]) {
    const active = this.activeYear?.paragraph === i ? this.activeYear.start : -1;
    // no white space of the template inside the layer: it is laid out as the field's text
    const text = segments(p.text, years).map((s) =>
      s.mark
        ? html`<mark
            class="carried ${s.mark.start === active ? 'active' : ''}"
            data-paragraph=${i}
            data-start=${s.mark.start}
            data-year-mark=${years.indexOf(s.mark)}
            >${s.text}</mark
          >`
        : s.text,
    );
    return html`<div class="backdrop" aria-hidden="true" data-level=${p.level}>${text}</div>`;
  }

  /** The caret's pop-up: the carried year it is in, and the button that moves it on. */
  private yearPop(i: number, years: readonly YearMark[], locked: boolean) {
    const active = this.activeYear;
    const m = active?.paragraph === i ? years.find((y) => y.start === active.start) : undefined;
    if (!m || locked) return nothing;
    return html`<div class="year-pop" data-role="year-pop" role="group" aria-label="沿用上年的年份">
      <span>“${m.text}”沿用自${m.from}年度报告</span>
      <button
        data-action="fix-year-pop"
        @mousedown=${(e: MouseEvent) => e.preventDefault()}
        @click=${() => this.fixYear(m)}
      >
        改为 ${m.replacement}
      </button>
    </div>`;
  }

  /** Under a paragraph with carried years: what they are, each with its button. */
  private yearLine(i: number, years: readonly YearMark[], locked: boolean) {
    return html`<div class="years" data-role="year-line" id="years-${i}">
      <span title=${years.map((m) => m.place.finding.message).join('\n')}>
        提示：沿用上年的年份待确认
      </span>
      ${years.map(
        (m, k) =>
          html`<span
            ><mark>${m.text}</mark>${
              locked
                ? nothing
                : html` <button
                    data-action="fix-year"
                    data-paragraph=${i}
                    data-year-mark=${k}
                    aria-label="把第${i + 1}段的“${m.text}”改为“${m.replacement}”"
                    title="改为本年度的年份（可撤销）；如年份无误，可在检查面板中标记为已核实"
                    @click=${() => this.fixYear(m)}
                  >
                    改为 ${m.replacement}
                  </button>`
            }</span
          >`,
      )}
    </div>`;
  }

  protected override updated(): void {
    if (!FIELD_SIZING) this.renderRoot.querySelectorAll('textarea').forEach(fit);
    this.placeYearPop();
    const pending = this.pending;
    if (!pending) return;
    this.pending = null;
    if (pending.target === 'text') {
      this.placeCaret(pending.paragraph, pending.offset ?? 0);
      this.field(pending.paragraph)?.scrollIntoView({ block: 'nearest' });
    } else {
      // the button pressed, or (a paragraph moved to the first or last place) the other move
      const opposite = pending.target === 'up' ? 'down' : pending.target === 'down' ? 'up' : null;
      const button = [pending.target, opposite]
        .map((action) =>
          this.renderRoot.querySelector<HTMLButtonElement>(
            `button[data-action="${action}"][data-paragraph="${pending.paragraph}"]`,
          ),
        )
        .find((b) => b && !b.disabled);
      if (button) button.focus();
      else this.placeCaret(pending.paragraph, 0);
    }
  }
}
customElements.define('nb-narrative-editor', NbNarrativeEditor);

/** A caret of the model as a pending focus of the text field. */
function textCaret(caret: ParagraphCaret): PendingFocus {
  return { paragraph: caret.paragraph, target: 'text', offset: caret.offset };
}

/** The ids that describe a field, or no attribute. */
function describedBy(...ids: string[]): string | typeof nothing {
  return ids.filter(Boolean).join(' ') || nothing;
}
