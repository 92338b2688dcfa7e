/**
 * `<nb-checks-panel .editor=${ed}>`: the live findings (recomputed by the editor at every edit):
 * a summary "错误 N · 提示 M · 已处理 K", open errors, open warnings, then the resolved ones
 * (collapsed), each group in reading order. An item names the check by its Chinese rule name (the
 * stable code in its tooltip, `data-check-code`), says what
 * is wrong and where; activating it (click, Enter, Space) asks the component showing that place
 * to focus it (`editor.focus(location)`). ↑ ↓ Home End move between items. An error can be
 * overridden and a warning marked 已核实, each with a written reason; a resolved item shows the
 * decision (reason, who, when) and can be taken back. Actions are disabled while locked.
 *
 * DOM contract (tests): `[data-summary]` with `[data-count="errors|warnings|resolved"]`;
 * `li.finding[data-code][data-severity="error|warning"][data-group="error|warning|resolved"]`
 * holding `button[data-action="go"]`, `button[data-action="override"]` (open errors),
 * `button[data-action="verify"]` (open warnings), `button[data-action="undecide"]` (resolved),
 * `.decision` (resolved: 理由, 操作人, time); a report marked 已发布（存档）: `[data-summary].published`
 * (the counts grey) and `[data-role="published-note"]`; `details[data-group="resolved"]` around the resolved
 * list; `[data-empty]` "未发现问题"; the live region `[aria-live="polite"]`; while the unit's 类型 is
 * unknown, `[data-role="kind-note"]` naming the checks that did not run (`li[data-skipped=CODE]`)
 * and why, with `button[data-action="set-unit-kind"]`.
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { KIND_UNKNOWN, type ResolvedFinding } from '../../../core/checks';
import { formatTime } from '../../../core/dates';
import {
  codeTitle,
  findingGroups,
  findingKey,
  foldByCheck,
  sameFinding,
} from '../../models/findings';
import { carriedYearFix } from '../../models/carried-years';
import { placeText } from '../../models/places';
import { PUBLISHED_CHECKS_NOTE } from '../../models/published';
import type { ReportEditor } from '../../state/editor';
import { EditorEvents } from '../../state/editor-events';
import { theme } from '../../styles/theme';
import { askReason, showMessage } from '../nb-dialog/nb-dialog';
import { chooseUnitKind } from '../nb-dialog/unit-kind';

type Group = 'error' | 'warning' | 'resolved';

const ANNOUNCE_DELAY = 1200;

export class NbChecksPanel extends LitElement {
  static override properties = {
    editor: { attribute: false },
    announcement: { state: true },
    showResolved: { state: true },
  };

  declare editor: ReportEditor | null;
  declare announcement: string;
  declare showResolved: boolean;

  private counts = '';
  private announceTimer: ReturnType<typeof setTimeout> | undefined;
  /** After a decision the item leaves its group: focus goes to the item now at its position. */
  private refocus: number | null = null;

  constructor() {
    super();
    this.editor = null;
    this.announcement = '';
    this.showResolved = false;
    new EditorEvents(this, { change: this.onChange });
  }

  private readonly onChange = () => this.requestUpdate();

  override connectedCallback(): void {
    super.connectedCallback();
    this.counts = ''; // the first counts of an editor are shown, not announced
  }

  override disconnectedCallback(): void {
    clearTimeout(this.announceTimer);
    super.disconnectedCallback();
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('editor')) this.counts = '';
  }

  /** Announces the counts once they stop changing (not at every keystroke). */
  private noteCounts(errors: number, warnings: number, resolved: number): void {
    const counts = `${errors}|${warnings}|${resolved}`;
    if (counts === this.counts) return;
    const first = this.counts === '';
    this.counts = counts;
    if (first) return;
    clearTimeout(this.announceTimer);
    this.announceTimer = setTimeout(() => {
      this.announcement =
        errors + warnings + resolved === 0
          ? '检查结果：未发现问题。'
          : `检查结果：错误 ${errors} 项，提示 ${warnings} 项，已处理 ${resolved} 项。`;
    }, ANNOUNCE_DELAY);
  }

  /** Folded runs the user opened ("group|code"), kept across re-renders. */
  private openFolds: ReadonlySet<string> = new Set();

  /**
   * "全部改为 2021年": the years carried over from last year's report, all moved on in one
   * undoable edit (besides confirming them one by one).
   */
  private yearFix(warnings: readonly ResolvedFinding[]) {
    const ed = this.editor;
    if (!ed || ed.locked || !warnings.some((f) => f.code === 'YEAR_REVIEW')) return nothing;
    const fix = carriedYearFix(ed.report, ed.findings);
    if (!fix) return nothing;
    return html`<p class="year-fix">
      <button
        data-action="fix-years"
        title="把从上年报告沿用、尚未修改的年份全部改为本年度（可撤销）"
        @click=${() => ed.edit(fix.label.replace(/（.*$/u, ''), fix.apply)}
      >
        ${fix.label}
      </button>
      <span class="muted">沿用上年的年份，也可在下方逐条核对。</span>
    </p>`;
  }

  /** 类型未定: the checks that did not run and why (from core), and a way to set the 类型. */
  private kindNote() {
    const ed = this.editor;
    const skipped = ed?.skippedChecks ?? [];
    if (!ed || !skipped.length) return nothing;
    return html`<div class="kind-note" role="note" data-role="kind-note">
      <p><strong>${KIND_UNKNOWN}</strong>，以下检查没有进行：</p>
      <ul>
        ${skipped.map(
          (s) =>
            html`<li data-skipped=${s.code}>
              <strong>${s.title}</strong> <code>${s.code}</code>：${s.reason}
            </li>`,
        )}
      </ul>
      <button data-action="set-unit-kind" @click=${() => void chooseUnitKind(ed)}>设置类型…</button>
    </div>`;
  }

  /** Focuses the first open finding, or the panel itself when there is none (F6). */
  focusFindings(): void {
    // the first finding or folded run shown (a closed fold's items are not focusable)
    const first = [
      ...this.renderRoot.querySelectorAll<HTMLElement>('button[data-action="go"], summary'),
    ].find((el) => el.checkVisibility());
    if (first) first.focus();
    else this.renderRoot.querySelector<HTMLElement>('.scroll')?.focus();
  }

  private goButtons(): HTMLButtonElement[] {
    return [
      ...this.renderRoot.querySelectorAll<HTMLButtonElement>('button[data-action="go"]'),
    ].filter((b) => b.offsetParent !== null);
  }

  private onItemKey(e: KeyboardEvent): void {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const buttons = this.goButtons();
    const at = buttons.indexOf(e.currentTarget as HTMLButtonElement);
    let to: number;
    if (e.key === 'ArrowDown') to = Math.min(at + 1, buttons.length - 1);
    else if (e.key === 'ArrowUp') to = Math.max(at - 1, 0);
    else if (e.key === 'Home') to = 0;
    else if (e.key === 'End') to = buttons.length - 1;
    else return;
    e.preventDefault();
    buttons[to]?.focus();
  }

  private async decideOn(f: ResolvedFinding, action: 'override' | 'verified'): Promise<void> {
    const ed = this.editor;
    if (!ed || ed.locked) return;
    const where = placeText(f.location, ed.report);
    const reason = await askReason(
      action === 'override' ? '忽略错误并说明理由' : '标记为已核实',
      action === 'override'
        ? `${f.message}\n位置：${where}\n\n忽略后这个错误不再阻止定稿。请写明报告这样写的理由，理由随报告保存；相关数值改变后需要重新确认。`
        : `${f.message}\n位置：${where}\n\n请写明核实的情况，说明随报告保存；相关数值改变后需要重新核实。`,
      action === 'override' ? '理由（必填）' : '核实说明（必填）',
    );
    if (reason === null) return;
    const current = ed.findings.find((x) => sameFinding(x, f));
    if (!current) {
      await showMessage('问题已不存在', '报告在此期间已修改，这个问题已不存在，无需处理。');
      return;
    }
    const position = this.goButtons().findIndex(
      (b) => b.closest('li')?.dataset['key'] === findingKey(f),
    );
    try {
      if (ed.decide(current, action, reason.trim())) this.refocus = position;
    } catch (error) {
      await showMessage('无法处理', error instanceof Error ? error.message : String(error));
    }
  }

  private undecide(f: ResolvedFinding): void {
    const ed = this.editor;
    if (!ed || ed.locked) return;
    const position = this.goButtons().findIndex(
      (b) => b.closest('li')?.dataset['key'] === findingKey(f),
    );
    if (ed.undecide(f)) this.refocus = position;
  }

  static override styles = [
    theme,
    css`
      :host {
        display: flex;
        flex-direction: column;
        min-height: 0;
        height: 100%;
        overflow: hidden;
        background: var(--nb-bg);
      }
      header {
        padding: 8px 12px 6px;
        border-bottom: 1px solid var(--nb-line);
        background: var(--nb-panel);
      }
      h2 {
        font-size: 15px;
        margin: 0;
      }
      .summary {
        margin: 2px 0 0;
        font-size: 13px;
      }
      .summary .n-error {
        color: var(--nb-error);
        font-weight: 700;
      }
      .summary .n-warning {
        color: var(--nb-warning);
        font-weight: 700;
      }
      /* a report marked 已发布（存档）: its findings are shown, not a to-do */
      .summary.published .n-error,
      .summary.published .n-warning {
        color: var(--nb-muted);
      }
      .published-note {
        margin: 2px 0 0;
        font-size: 12px;
        color: var(--nb-muted);
      }
      .scroll {
        flex: 1;
        min-height: 0;
        overflow: auto;
        padding: 6px 8px 24px;
      }
      h3,
      summary {
        font-size: 13px;
        margin: 10px 4px 4px;
        color: var(--nb-muted);
        font-weight: 600;
      }
      summary {
        cursor: pointer;
        padding: 2px 0;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      li.finding {
        border: 1px solid var(--nb-line);
        border-left: 4px solid var(--nb-line);
        border-radius: var(--nb-radius);
        margin: 0 0 6px;
        background: var(--nb-bg);
      }
      li.fold > details > summary {
        cursor: pointer;
        padding: 6px 8px;
        border: 1px solid var(--nb-line);
        border-radius: var(--nb-radius);
        background: var(--nb-panel);
        margin-bottom: 6px;
      }
      li.fold > details > summary code {
        font-size: 11px;
        color: var(--nb-muted);
        margin-left: 4px;
      }
      li.fold > details > ul {
        padding-left: 8px;
      }
      li.finding[data-group='error'] {
        border-left-color: var(--nb-error);
      }
      li.finding[data-group='warning'] {
        border-left-color: #d4a72c;
      }
      li.finding[data-group='resolved'] {
        border-left-color: var(--nb-ok);
        background: var(--nb-panel);
      }
      button.go {
        display: block;
        width: 100%;
        text-align: left;
        border: 0;
        border-radius: var(--nb-radius) var(--nb-radius) 0 0;
        padding: 6px 8px 4px;
        background: transparent;
        min-height: 0;
        line-height: 1.45;
      }
      button.go:hover {
        background: var(--nb-accent-bg);
      }
      .head {
        display: flex;
        flex-wrap: wrap;
        align-items: baseline;
        gap: 2px 6px;
      }
      .sev {
        font-size: 12px;
        font-weight: 700;
        border-radius: 3px;
        padding: 0 4px;
        white-space: nowrap;
      }
      .sev.error {
        color: #fff;
        background: var(--nb-error);
      }
      .sev.warning {
        color: var(--nb-warning);
        background: var(--nb-warning-bg);
        border: 1px solid #e3c26b;
      }
      .sev.resolved {
        color: var(--nb-ok);
        border: 1px solid currentColor;
      }
      .title {
        font-weight: 600;
        font-size: 13px;
      }
      code {
        font-family: ui-monospace, 'Cascadia Mono', Consolas, 'DejaVu Sans Mono', monospace;
        font-size: 11px;
        color: var(--nb-muted);
        overflow-wrap: anywhere;
      }
      .msg {
        display: block;
        font-size: 13px;
        margin-top: 2px;
        overflow-wrap: anywhere;
      }
      .where {
        display: block;
        font-size: 12px;
        color: var(--nb-accent);
        margin-top: 2px;
        overflow-wrap: anywhere;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 4px;
        padding: 0 8px 6px;
      }
      .actions button {
        font-size: 12px;
        min-height: 26px;
        padding: 1px 8px;
      }
      .decision {
        font-size: 12px;
        padding: 0 8px 4px;
        color: var(--nb-muted);
        overflow-wrap: anywhere;
      }
      .decision .reason {
        color: var(--nb-text);
        white-space: pre-wrap;
      }
      .calm {
        margin: 24px 12px;
        padding: 16px;
        text-align: center;
        color: var(--nb-ok);
        border: 1px dashed #a6d8b4;
        border-radius: 6px;
        background: #f3fbf5;
      }
      .year-fix {
        margin: 8px 0;
        font-size: 12px;
      }
      .year-fix .muted {
        display: block;
        margin-top: 2px;
      }
      .kind-note {
        margin: 8px 0;
        padding: 8px 10px;
        font-size: 12px;
        border: 1px solid #d4a72c;
        border-radius: 6px;
        background: var(--nb-warning-bg);
      }
      .kind-note p {
        margin: 0 0 4px;
      }
      .kind-note ul {
        margin: 0 0 6px;
        padding-left: 1.2em;
      }
      .kind-note code {
        font-size: 11px;
        color: var(--nb-muted);
      }
      .calm .muted {
        display: block;
        font-size: 12px;
        margin-top: 4px;
      }
    `,
  ];

  override render() {
    const ed = this.editor;
    if (!ed) return nothing;
    const { errors, warnings, resolved } = findingGroups(ed.findings, ed.report.format);
    this.noteCounts(errors.length, warnings.length, resolved.length);
    const locked = ed.locked;
    return html`<header>
        <h2 id="checks-title">检查结果</h2>
        <p class="summary ${ed.published ? 'published' : ''}" data-summary>
          错误 <span class="n-error" data-count="errors">${errors.length}</span> · 提示
          <span class="n-warning" data-count="warnings">${warnings.length}</span> · 已处理
          <span data-count="resolved">${resolved.length}</span>
        </p>
        ${
          ed.published
            ? html`<p class="published-note" data-role="published-note">
                ${PUBLISHED_CHECKS_NOTE}
              </p>`
            : nothing
        }
      </header>
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
      <div class="scroll" role="region" aria-labelledby="checks-title" tabindex="-1">
        ${this.kindNote()} ${this.yearFix(warnings)}
        ${
          errors.length + warnings.length === 0
            ? html`<p class="calm" data-empty>
                ${resolved.length ? '没有待处理的问题' : '未发现问题'}
                <span class="muted"
                  >${resolved.length ? '已处理的问题见下方。' : '修改报告时会随时重新检查。'}</span
                >
              </p>`
            : nothing
        }
        ${this.group('error', '错误', errors, locked)}
        ${this.group('warning', '提示', warnings, locked)}
        ${
          resolved.length
            ? html`<details
                data-group="resolved"
                ?open=${this.showResolved}
                @toggle=${(e: Event) => {
                  this.showResolved = (e.target as HTMLDetailsElement).open;
                }}
              >
                <summary>已处理（${resolved.length}）</summary>
                <ul aria-label="已处理的问题">
                  ${resolved.map((f) => this.item(f, 'resolved', locked))}
                </ul>
              </details>`
            : nothing
        }
      </div>`;
  }

  private group(
    group: Group,
    label: string,
    findings: readonly ResolvedFinding[],
    locked: boolean,
  ) {
    if (!findings.length) return nothing;
    // many findings of one check (a copied report's blank cells) fold into one entry
    const entries = foldByCheck(findings).map((entry) => {
      if (entry.kind === 'item') return this.item(entry.finding, group, locked);
      const f = entry.findings[0]!;
      const key = `${group}|${entry.code}`;
      return html`<li class="fold" data-fold=${entry.code}>
        <details
          ?open=${this.openFolds.has(key)}
          @toggle=${(e: Event) => {
            const open = (e.target as HTMLDetailsElement).open;
            const next = new Set(this.openFolds);
            if (open) next.add(key);
            else next.delete(key);
            this.openFolds = next;
          }}
        >
          <summary>
            <span class="sev ${group === 'resolved' ? 'resolved' : f.severity}"
              >${f.severity === 'error' ? '错误' : '提示'}</span
            >
            <span class="title" title=${`检查代码 ${entry.code}`} data-check-code=${entry.code}
              >${codeTitle(entry.code)}</span
            >
            × ${entry.findings.length}
          </summary>
          <ul>
            ${entry.findings.map((x) => this.item(x, group, locked))}
          </ul>
        </details>
      </li>`;
    });
    return html`<h3 id="group-${group}">${label}（${findings.length}）</h3>
      <ul aria-labelledby="group-${group}">
        ${entries}
      </ul>`;
  }

  private item(f: ResolvedFinding, group: Group, locked: boolean) {
    const ed = this.editor!;
    const where = placeText(f.location, ed.report);
    const sevText = f.severity === 'error' ? '错误' : '提示';
    const d = f.decision;
    const lockedTitle = locked
      ? this.editor?.published
        ? '报告已标记为已发布（存档），只读'
        : '报告已定稿，只读'
      : '';
    return html`<li
      class="finding"
      data-code=${f.code}
      data-severity=${f.severity}
      data-group=${group}
      data-key=${findingKey(f)}
    >
      <button
        class="go"
        data-action="go"
        title="转到：${where}"
        @click=${() => {
          ed.focus(f.location);
          ed.showComparisonFor(f);
        }}
        @keydown=${(e: KeyboardEvent) => this.onItemKey(e)}
      >
        <span class="head"
          ><span class="sev ${group === 'resolved' ? 'resolved' : f.severity}"
            >${group === 'resolved' ? `${sevText}·${d?.action === 'override' ? '已忽略' : '已核实'}` : sevText}</span
          ><span class="title" title=${`检查代码 ${f.code}`} data-check-code=${f.code}
            >${codeTitle(f.code)}</span
          ></span
        >
        <span class="msg">${f.message}</span>
        <span class="where"><span class="visually-hidden">位置：</span>${where}</span>
      </button>
      ${
        group === 'resolved' && d
          ? html`<div class="decision">
                ${d.action === 'override' ? '理由' : '核实说明'}：<span class="reason"
                  >${d.reason}</span
                ><br />操作人：${d.by || '未署名'}${d.at ? html` · ${formatTime(d.at)}` : nothing}
              </div>
              <div class="actions">
                <button
                  data-action="undecide"
                  ?disabled=${locked}
                  title=${lockedTitle || '撤销这项决定，问题重新列为待处理'}
                  @click=${() => this.undecide(f)}
                >
                  撤销
                </button>
              </div>`
          : html`<div class="actions">
              ${
                f.severity === 'error'
                  ? html`<button
                      data-action="override"
                      ?disabled=${locked}
                      title=${lockedTitle || '报告这样写是正确的：写明理由后不再阻止定稿'}
                      @click=${() => void this.decideOn(f, 'override')}
                    >
                      忽略并说明理由
                    </button>`
                  : html`<button
                      data-action="verify"
                      ?disabled=${locked}
                      title=${lockedTitle || '已核实无误：写明核实情况'}
                      @click=${() => void this.decideOn(f, 'verified')}
                    >
                      标记已核实
                    </button>`
              }
            </div>`
      }
    </li>`;
  }

  protected override updated(): void {
    const at = this.refocus;
    if (at === null) return;
    this.refocus = null;
    const buttons = this.goButtons();
    const target = buttons[Math.min(Math.max(at, 0), buttons.length - 1)];
    if (target) target.focus();
    else this.renderRoot.querySelector<HTMLElement>('.scroll')?.focus();
  }
}
customElements.define('nb-checks-panel', NbChecksPanel);
