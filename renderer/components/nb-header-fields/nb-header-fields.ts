/**
 * `<nb-header-fields .editor=${ed}>`: the unit (read-only here: kind, year, format version), the
 * 标题 (with "恢复标准标题"), the 落款单位 and the 成文日期. The date is stored as written
 * ("2025年1月15日") and edited with a date picker; a stored text that names no date is shown as
 * text with a message, and picking a date replaces it. Every edit goes through the editor
 * (typing in one field merges into one undo step); read-only while the report is locked.
 *
 * The editor's 'focus' event for 标题 or 全文 focuses the title, for 落款 the date.
 *
 * DOM contract (tests): `#title`, `button[data-action="restore-title"]`, `#signature-unit`,
 * `button[data-action="use-unit-name"]` (only while the 落款单位 is empty), `#signature-date`
 * (`input[type=date]`), `#signature-date-text` (only when the stored date is not a date),
 * `button[data-action="clear-date"]`, `[data-issue]` on a field with open findings,
 * `button[data-action="set-unit-kind"]` "类型未定" (only while the unit's 类型 is unknown: sets it)
 * or `[data-role="unit-kind"]` the 类型.
 */
import { LitElement, css, html, nothing } from 'lit';
import type { ResolvedFinding } from '../../../core/checks';
import { FORMATS, formatForYear } from '../../../core/formats';
import { officialTitle, type Location } from '../../../core/model';
import { isoToWritten, writtenToIso } from '../../../core/dates';
import { codeTitle, severityOf } from '../../models/findings';
import type { ReportEditor } from '../../state/editor';
import { EditorEvents } from '../../state/editor-events';
import { theme } from '../../styles/theme';
import { isComposing, syncValue } from '../../lib/sync-value';
import { KIND_UNSET } from '../../models/unit-kind';
import { chooseUnitKind } from '../nb-dialog/unit-kind';

type Field = 'title' | 'signatureUnit' | 'signatureDate';

export class NbHeaderFields extends LitElement {
  static override properties = { editor: { attribute: false }, dateProblem: { state: true } };
  static override shadowRootOptions = { ...LitElement.shadowRootOptions, delegatesFocus: true };

  declare editor: ReportEditor | null;
  /** Why a date typed into the picker was not taken ('' when it was, or nothing was typed). */
  declare dateProblem: string;

  constructor() {
    super();
    this.editor = null; // the arrow-function handlers are fields, initialised before this body runs
    this.dateProblem = '';
    new EditorEvents(this, { change: this.onChange, focus: this.onFocus });
  }

  private readonly onChange = () => this.requestUpdate();

  private readonly onFocus = (e: Event) => {
    const loc = (e as CustomEvent<Location>).detail;
    const target =
      loc?.section === '标题' || loc?.section === '全文'
        ? '#title'
        : loc?.section === '落款'
          ? '#signature-date-text, #signature-date'
          : null;
    if (!target) return;
    void this.updateComplete.then(() => {
      const el = this.renderRoot.querySelector<HTMLInputElement>(target);
      if (!el) return;
      el.focus({ preventScroll: true });
      el.scrollIntoView({ block: 'center' });
    });
  };

  private set(field: Field, el: HTMLInputElement): void {
    if (isComposing(el)) return;
    this.editor?.setField(field, el.value);
  }

  private pickDate(el: HTMLInputElement): void {
    const ed = this.editor;
    if (!ed || !el.value) return; // an incomplete date (being typed) or a cleared field
    // a year being typed digit by digit passes through 0002, 0020, 0202: wait for the whole year
    if (Number(el.value.slice(0, 4)) < 1900) return;
    const written = isoToWritten(el.value);
    this.dateProblem = '';
    if (written && written !== ed.report.signature.date) ed.setField('signatureDate', written);
  }

  /**
   * Leaving the date picker: a date typed there that was not taken (incomplete, not a real day,
   * a year before 1900) is never dropped silently — say why, and what the date still is.
   */
  private checkTypedDate(el: HTMLInputElement): void {
    const ed = this.editor;
    if (!ed) return;
    const still = ed.report.signature.date
      ? `成文日期仍为“${ed.report.signature.date}”`
      : '成文日期仍未填写';
    if (el.validity.badInput) {
      this.dateProblem = `输入的日期不完整或不存在（年、月、日须齐全，且是实际有的日子），没有采用；${still}。`;
    } else if (el.value && Number(el.value.slice(0, 4)) < 1900) {
      this.dateProblem = `年份“${Number(el.value.slice(0, 4))}”不合理，没有采用；${still}。`;
    } else {
      this.dateProblem = '';
    }
  }

  static override styles = [
    theme,
    css`
      :host {
        display: block;
        container-type: inline-size;
      }
      .unit {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        gap: 4px 10px;
        margin-bottom: 10px;
        font-size: 13px;
      }
      .unit strong {
        font-size: 15px;
      }
      .chip {
        border: 1px solid var(--nb-line);
        border-radius: 10px;
        padding: 0 8px;
        font-size: 12px;
        background: var(--nb-panel);
      }
      button.chip.unset {
        min-height: 24px;
        border-color: #d4a72c;
        background: var(--nb-warning-bg);
        color: var(--nb-warning);
        cursor: pointer;
      }
      .grid {
        display: grid;
        grid-template-columns: 6em minmax(0, 1fr);
        gap: 8px 10px;
        align-items: start;
      }
      label {
        padding-top: 5px;
        font-size: 13px;
        color: var(--nb-muted);
        text-align: right;
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        gap: 6px;
        align-items: center;
        min-width: 0;
      }
      .row input[type='text'] {
        flex: 1 1 16em;
        min-width: 0;
      }
      #title {
        font-weight: 700;
        font-size: 15px;
      }
      [data-issue='error'] input {
        border-color: var(--nb-error);
        background: var(--nb-error-bg);
      }
      [data-issue='warning'] input {
        border-color: #d4a72c;
        background: var(--nb-warning-bg);
      }
      .issues {
        flex-basis: 100%;
        margin: 0;
        padding: 0;
        list-style: none;
        font-size: 12px;
      }
      .issues .error {
        color: var(--nb-error);
      }
      .issues .warning {
        color: var(--nb-warning);
      }
      .note {
        flex-basis: 100%;
        font-size: 12px;
      }
      button {
        min-height: 28px;
        padding: 2px 10px;
        font-size: 13px;
      }
      @container (max-width: 420px) {
        .grid {
          grid-template-columns: minmax(0, 1fr);
          gap: 2px;
        }
        label {
          text-align: left;
          padding-top: 6px;
        }
      }
    `,
  ];

  override render() {
    const ed = this.editor;
    if (!ed) return nothing;
    const r = ed.report;
    const locked = ed.locked;
    const unitName = ed.opened.unit.name || r.unit.name;
    const kind = ed.kind;
    const format = FORMATS[r.format];
    const expected = formatForYear(r.year);
    const standard = officialTitle(r.unit.name || unitName, r.year);
    const open = ed.findings.filter((f) => !f.resolved);
    const titleIssues = open.filter((f) => f.location.section === '标题');
    const dateIssues = open.filter((f) => f.location.section === '落款');
    const stored = r.signature.date;
    const iso = writtenToIso(stored);
    const unreadable = stored.trim() !== '' && iso === null;
    return html`<div class="unit" aria-label="单位与年度">
        <span class="muted">单位</span>
        <strong id="unit-name">${unitName}</strong>
        ${
          kind
            ? html`<span class="chip" title="单位类型" data-role="unit-kind">${kind}</span>`
            : html`<button
                class="chip unset"
                data-action="set-unit-kind"
                title="单位类型未定：成文期限和考核评议的检查没有进行。点此设置类型"
                @click=${() => void chooseUnitKind(ed)}
              >
                ${KIND_UNSET}
              </button>`
        }
        ${
          r.unit.name && r.unit.name !== unitName
            ? html`<span class="muted">报告中写作“${r.unit.name}”</span>`
            : nothing
        }
        <span>${r.year}年度</span>
        <span title=${format.documentTitle}>${r.format} 格式（${format.documentNumber}）</span>
        ${
          expected && expected !== r.format
            ? html`<span class="error-text">与年度不符：${r.year}年度应使用 ${expected} 格式</span>`
            : nothing
        }
      </div>
      <div class="grid">
        <label for="title">标题</label>
        <div class="row" data-issue=${severityOf(titleIssues) ?? nothing}>
          <input
            id="title"
            type="text"
            autocomplete="off"
            spellcheck="false"
            aria-describedby=${titleIssues.length ? 'title-issues' : nothing}
            aria-invalid=${severityOf(titleIssues) === 'error' ? 'true' : 'false'}
            ?readonly=${locked}
            ${syncValue(r.title)}
            @input=${(e: Event) => this.set('title', e.target as HTMLInputElement)}
            @compositionend=${(e: Event) => this.set('title', e.target as HTMLInputElement)}
          />
          <button
            data-action="restore-title"
            title="改为“${standard}”"
            ?disabled=${locked || r.title === standard}
            @click=${() => ed.edit('恢复标准标题', (x) => ({ ...x, title: standard }))}
          >
            恢复标准标题
          </button>
          ${issueList('title-issues', titleIssues)}
        </div>

        <label for="signature-unit">落款单位</label>
        <div class="row">
          <input
            id="signature-unit"
            type="text"
            autocomplete="off"
            spellcheck="false"
            ?readonly=${locked}
            ${syncValue(r.signature.unit)}
            @input=${(e: Event) => this.set('signatureUnit', e.target as HTMLInputElement)}
            @compositionend=${(e: Event) => this.set('signatureUnit', e.target as HTMLInputElement)}
          />
          ${
            r.signature.unit.trim() === '' && unitName
              ? html`<button
                  data-action="use-unit-name"
                  ?disabled=${locked}
                  @click=${() => ed.setField('signatureUnit', unitName)}
                >
                  填入“${unitName}”
                </button>`
              : nothing
          }
        </div>

        <label for=${unreadable ? 'signature-date-text' : 'signature-date'}>成文日期</label>
        <div class="row" data-issue=${severityOf(dateIssues) ?? nothing}>
          ${
            unreadable
              ? html`<input
                    id="signature-date-text"
                    type="text"
                    autocomplete="off"
                    spellcheck="false"
                    aria-describedby="date-note${dateIssues.length ? ' date-issues' : ''}"
                    aria-invalid="true"
                    ?readonly=${locked}
                    ${syncValue(stored)}
                    @input=${(e: Event) => this.set('signatureDate', e.target as HTMLInputElement)}
                    @compositionend=${(e: Event) =>
                      this.set('signatureDate', e.target as HTMLInputElement)}
                  />
                  <input
                    id="signature-date"
                    type="date"
                    aria-label="选择成文日期以替换原文"
                    ?readonly=${locked}
                    ?disabled=${locked}
                    ${syncValue('')}
                    @input=${(e: Event) => this.pickDate(e.target as HTMLInputElement)}
                    @blur=${(e: Event) => this.checkTypedDate(e.target as HTMLInputElement)}
                  />
                  <span class="note error-text" id="date-note"
                    >“${stored}”不是完整的日期（应写作“${r.year + 1}年1月15日”这样的年月日）。可直接改写，或选择日期替换它。</span
                  >`
              : html`<input
                    id="signature-date"
                    type="date"
                    aria-describedby=${
                      [
                        iso && stored !== isoToWritten(iso) ? 'date-note' : '',
                        dateIssues.length ? 'date-issues' : '',
                      ]
                        .filter(Boolean)
                        .join(' ') || nothing
                    }
                    aria-invalid=${severityOf(dateIssues) === 'error' ? 'true' : 'false'}
                    ?readonly=${locked}
                    ?disabled=${locked}
                    ${syncValue(iso ?? '')}
                    @input=${(e: Event) => this.pickDate(e.target as HTMLInputElement)}
                    @blur=${(e: Event) => this.checkTypedDate(e.target as HTMLInputElement)}
                  />
                  <span class="muted" id="date-written" aria-hidden="true"
                    >${iso ? isoToWritten(iso) : '尚未填写'}</span
                  >
                  ${
                    iso && stored !== isoToWritten(iso)
                      ? html`<span class="note muted" id="date-note"
                          >报告原文写作“${stored}”；选择日期后改为标准写法。</span
                        >`
                      : nothing
                  }`
          }
          ${
            this.dateProblem
              ? html`<span class="note error-text" role="alert" data-role="date-problem"
                  >${this.dateProblem}</span
                >`
              : nothing
          }
          ${
            stored
              ? html`<button
                  data-action="clear-date"
                  title="清除成文日期"
                  aria-label="清除成文日期"
                  ?disabled=${locked}
                  @click=${() => ed.edit('清除成文日期', (x) => ({ ...x, signature: { ...x.signature, date: '' } }))}
                >
                  清除
                </button>`
              : nothing
          }
          ${issueList('date-issues', dateIssues)}
        </div>
      </div>`;
  }
}
customElements.define('nb-header-fields', NbHeaderFields);

function issueList(id: string, findings: readonly ResolvedFinding[]) {
  if (!findings.length) return nothing;
  return html`<ul class="issues" id=${id}>
    ${findings.map(
      (f) =>
        html`<li class=${f.severity} data-code=${f.code}>
          ${f.severity === 'error' ? '错误' : '提示'}（${codeTitle(f.code)}）：${f.message}
        </li>`,
    )}
  </ul>`;
}
