/**
 * The history tab of a report: every revision (newest first: number, revision line, time,
 * author, why it was made, note, 定稿 marker); choosing one shows what it changed — against
 * the revision before it, or against the report as it is being edited (对比上一版 / 对比当前内容):
 * the text with deletions and insertions marked, the cells changed, the decisions taken by their
 * Chinese rule names (changes-view.ts over models/history-diff.ts) — then its content read-only,
 * and which parts differ from the report as it is being edited; "恢复此修订" (after a
 * confirmation, unsaved edits saved first) makes it the newest revision again and dispatches
 * `archive-changed` (bubbling, composed) so the report view reopens the report.
 *
 *   <nb-history .editor=${reportEditor}></nb-history>
 *
 * Above the revisions, 定稿记录 (nb-finalisations): every finalisation's PDF, earlier ones too.
 *
 * Keyboard: the revision list is one tab stop (listbox); ↑/↓/Home/End choose a revision.
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import type { RevisionContent, RevisionInfo, RevisionReason } from '../../../core/api';
import { api, errorMessage } from '../../api';
import { LatestRequest } from '../../lib/latest';
import type { ReportEditor } from '../../state/editor';
import { EditorEvents } from '../../state/editor-events';
import { theme } from '../../styles/theme';
import { confirmAction } from '../nb-dialog/nb-dialog';
import { formatTime } from '../../../core/dates';
import { differingParts, reportView, reportViewStyles } from './report-view';
import { changesView, changesStyles } from './changes-view';
import { revisionChanges } from '../../models/history-diff';
import { diffStyles } from '../../styles/diff';
import '../nb-finalisations/nb-finalisations';

const REASON_LABELS: Readonly<Record<RevisionReason, string>> = {
  save: '保存',
  close: '关闭时保存',
  idle: '自动保存',
  create: '新建',
  import: '导入',
  copy: '从上一年复制',
  restore: '恢复',
  reopen: '重新打开',
  journal: '未保存的修改',
  aggregate: '汇总',
  publish: '标记为已发布（存档）',
  unpublish: '取消已发布标记',
  exchange: '交换文件',
};

export class NbHistory extends LitElement {
  static override properties = {
    editor: { attribute: false },
    revisions: { state: true },
    problem: { state: true },
    selected: { state: true },
    content: { state: true },
    contentProblem: { state: true },
    restoring: { state: true },
    restoreProblem: { state: true },
    tick: { state: true },
    listed: { state: true },
    against: { state: true },
    previous: { state: true },
  };
  declare editor: ReportEditor | null;
  /** Newest first; null while loading. */
  declare revisions: readonly RevisionInfo[] | null;
  declare problem: string;
  declare selected: number | null;
  declare content: RevisionContent | null;
  declare contentProblem: string;
  declare restoring: boolean;
  declare restoreProblem: string;
  /** Bumped at editor events (the comparison follows the edits). */
  declare tick: number;
  /** Bumped each time the revisions are listed: the 定稿 records are listed again with them. */
  declare listed: number;
  /** What the chosen revision is compared with: the revision before it, or the edited report. */
  declare against: 'previous' | 'current';
  /** The revision before the chosen one (null: none, or still loading). */
  declare previous: RevisionContent | null;
  private readonly historyRequests = new LatestRequest();

  constructor() {
    super();
    this.editor = null;
    this.revisions = null;
    this.problem = '';
    this.selected = null;
    this.content = null;
    this.contentProblem = '';
    this.restoring = false;
    this.restoreProblem = '';
    this.tick = 0;
    this.listed = 0;
    this.against = 'previous';
    this.previous = null;
    new EditorEvents(this, { change: this.onChange, saved: this.onSaved });
  }

  private readonly onChange = () => {
    this.tick++;
  };
  private readonly onSaved = () => {
    this.tick++;
    // a new revision was written: list it
    if (this.editor?.saveState === 'saved') void this.loadHistory(false);
  };

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('editor')) {
      this.restoreProblem = '';
      if (this.editor) void this.loadHistory(true);
    }
  }

  private async loadHistory(selectNewest: boolean): Promise<void> {
    const ed = this.editor;
    if (!ed) return;
    const current = this.historyRequests.start();
    try {
      const revisions = await api().history({ unitId: ed.unitId, year: ed.year });
      if (!current()) return;
      this.revisions = revisions;
      this.listed++;
      this.problem = '';
      const keep = revisions.some((r) => r.revision === this.selected);
      if (selectNewest || !keep) await this.choose(revisions[0]?.revision ?? null);
    } catch (error) {
      if (!current()) return;
      this.revisions = [];
      this.problem = `无法读取修订记录：${errorMessage(error)}`;
    }
  }

  private async choose(revision: number | null): Promise<void> {
    this.selected = revision;
    this.restoreProblem = '';
    const ed = this.editor;
    if (revision === null || !ed) {
      this.content = null;
      return;
    }
    this.content = null;
    this.previous = null;
    this.contentProblem = '';
    const list = this.revisions ?? [];
    const before = list[list.findIndex((r) => r.revision === revision) + 1]?.revision;
    const open = (n: number) =>
      api().openRevision({ unitId: ed.unitId, year: ed.year, revision: n });
    try {
      const [content, previous] = await Promise.all([
        open(revision),
        // the revision before: what this one changed (not shown when it cannot be read)
        before === undefined ? null : open(before).catch(() => null),
      ]);
      if (this.selected !== revision) return;
      this.content = content;
      this.previous = previous;
    } catch (error) {
      if (this.selected === revision) this.contentProblem = errorMessage(error);
    }
  }

  static override styles = [
    theme,
    reportViewStyles,
    diffStyles,
    changesStyles,
    css`
      :host {
        display: grid;
        grid-template-columns: minmax(220px, min(340px, 30%)) minmax(0, 1fr);
        height: 100%;
        min-height: 0;
      }
      .list {
        border-right: 1px solid var(--nb-line);
        overflow: auto;
        min-height: 0;
      }
      .list h2 {
        font-size: 14px;
        margin: 0;
        padding: 8px 12px;
        border-bottom: 1px solid var(--nb-line);
        background: var(--nb-panel);
        position: sticky;
        top: 0;
      }
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      [role='option'] {
        padding: 6px 12px;
        border-bottom: 1px solid var(--nb-line);
        border-left: 3px solid transparent;
        cursor: pointer;
        outline-offset: -2px;
      }
      [role='option']:hover {
        background: var(--nb-panel);
      }
      [role='option'][aria-selected='true'] {
        background: var(--nb-accent-bg);
        border-left-color: var(--nb-accent);
      }
      .line1 {
        display: flex;
        gap: 6px;
        align-items: baseline;
        flex-wrap: wrap;
      }
      .num {
        font-weight: 600;
      }
      .reason {
        font-size: 13px;
      }
      .line2 {
        font-size: 12px;
        color: var(--nb-muted);
      }
      .note {
        font-size: 12px;
        color: var(--nb-muted);
        overflow-wrap: anywhere;
      }
      .chip {
        border-radius: 10px;
        padding: 0 7px;
        font-size: 11px;
        border: 1px solid currentColor;
        white-space: nowrap;
      }
      .chip.final {
        color: #fff;
        background: var(--nb-accent);
        border-color: var(--nb-accent);
      }
      .chip.current {
        color: var(--nb-ok);
      }
      .view {
        overflow: auto;
        min-height: 0;
        padding: 12px 20px 40px;
      }
      .head {
        display: flex;
        flex-wrap: wrap;
        gap: 8px 12px;
        align-items: center;
        padding-bottom: 10px;
        border-bottom: 1px solid var(--nb-line);
        margin-bottom: 12px;
      }
      .head h2 {
        font-size: 16px;
        margin: 0;
      }
      .head .actions {
        margin-left: auto;
        display: flex;
        gap: 8px;
        align-items: center;
      }
      .compare {
        flex-basis: 100%;
        font-size: 13px;
      }
      .compare.same {
        color: var(--nb-ok);
      }
      .compare.differs {
        color: var(--nb-warning);
      }
      .why {
        flex-basis: 100%;
        font-size: 12px;
        color: var(--nb-muted);
      }
      .against {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 4px;
        font-size: 13px;
        margin: 0 0 10px;
      }
      .against button {
        min-height: 26px;
        padding: 0 10px;
        font-size: 13px;
      }
      .against button[aria-pressed='true'] {
        background: var(--nb-accent-bg);
        border-color: var(--nb-accent);
        font-weight: 600;
      }
      .legacy-text {
        white-space: pre-wrap;
        font-family: var(--nb-serif);
      }
    `,
  ];

  override render() {
    const ed = this.editor;
    if (!ed) return html`<p class="muted" style="padding:16px">正在打开…</p>`;
    return html`<section class="list" aria-labelledby="history-title">
        <nb-finalisations
          unit-id=${ed.unitId}
          year=${ed.year}
          .refresh=${this.listed}
        ></nb-finalisations>
        <h2 id="history-title">修订记录${this.revisions ? `（${this.revisions.length}）` : ''}</h2>
        ${this.renderList()}
      </section>
      <section class="view" aria-label="所选修订的内容" data-role="revision-view">
        ${this.renderSelected(ed)}
      </section>`;
  }

  private renderList() {
    if (this.problem)
      return html`<p class="error-text" role="alert" style="padding:12px">${this.problem}</p>`;
    const list = this.revisions;
    if (!list) return html`<p class="muted" style="padding:12px" aria-busy="true">正在读取…</p>`;
    if (!list.length) return html`<p class="muted" style="padding:12px">没有修订记录。</p>`;
    const lines = new Set(list.map((r) => r.line)).size > 1;
    const newest = list[0]!.revision;
    const focusable = list.some((r) => r.revision === this.selected) ? this.selected : newest;
    return html`<ol
      role="listbox"
      aria-label="修订"
      data-role="history-list"
      @keydown=${this.onListKey}
    >
      ${list.map(
        (r) =>
          html`<li
            role="option"
            data-role="history-item"
            data-revision=${r.revision}
            data-reason=${r.reason}
            aria-selected=${r.revision === this.selected ? 'true' : 'false'}
            tabindex=${r.revision === focusable ? 0 : -1}
            @click=${() => void this.choose(r.revision)}
          >
            <div class="line1">
              <span class="num">第 ${r.revision} 版</span>
              <span class="reason">${REASON_LABELS[r.reason] ?? r.reason}</span>
              ${lines ? html`<span class="line2">第 ${r.line} 轮</span>` : nothing}
              ${r.revision === newest ? html`<span class="chip current">最新</span>` : nothing}
              ${r.finalised ? html`<span class="chip final" data-role="finalised-marker">定稿</span>` : nothing}
            </div>
            <div class="line2">${formatTime(r.at)}${r.author ? ` · ${r.author}` : ''}</div>
            ${r.note ? html`<div class="note">${r.note}</div>` : nothing}
          </li>`,
      )}
    </ol>`;
  }

  private readonly onListKey = (e: KeyboardEvent) => {
    const list = this.revisions ?? [];
    const i = list.findIndex((r) => r.revision === this.selected);
    let next: RevisionInfo | undefined;
    if (e.key === 'ArrowDown') next = list[Math.min(i + 1, list.length - 1)];
    else if (e.key === 'ArrowUp') next = list[Math.max(i - 1, 0)];
    else if (e.key === 'Home') next = list[0];
    else if (e.key === 'End') next = list.at(-1);
    else return;
    e.preventDefault();
    if (!next) return;
    void this.choose(next.revision);
    void this.updateComplete.then(() => {
      const el = this.renderRoot.querySelector<HTMLElement>(
        `[role="option"][data-revision="${next.revision}"]`,
      );
      el?.focus();
      el?.scrollIntoView({ block: 'nearest' });
    });
  };

  private renderSelected(ed: ReportEditor) {
    const info = this.revisions?.find((r) => r.revision === this.selected);
    if (!info)
      return this.revisions?.length ? html`<p class="muted">请选择一个修订。</p>` : nothing;
    const newest = this.revisions![0]!.revision;
    const content = this.content;
    let compare: unknown = nothing;
    let same = false;
    if (content && !content.legacy) {
      const parts = differingParts(content.report, ed.report);
      same = parts.length === 0;
      compare = parts.length
        ? html`<div class="compare differs" data-role="revision-compare">
            与当前编辑的内容相比，不同的部分：${parts.join('、')}
          </div>`
        : html`<div class="compare same" data-role="revision-compare">与当前编辑的内容相同。</div>`;
    }
    const blocked = ed.published
      ? '本报告已标记为已发布（存档），不能恢复修订。如需修改，请先在“打印与定稿”中填写理由取消标记。'
      : ed.locked
        ? '本报告已定稿，不能恢复修订。如需修改，请先在“打印与定稿”中填写理由重新打开。'
        : info.revision === newest && !ed.dirty
          ? '这是最新的修订，就是当前的内容。'
          : same
            ? '所选修订与当前编辑的内容相同，无需恢复。'
            : '';
    return html`<div class="head">
        <h2>第 ${info.revision} 版 · ${REASON_LABELS[info.reason] ?? info.reason}</h2>
        <span class="muted">${formatTime(info.at)}${info.author ? ` · ${info.author}` : ''}</span>
        <div class="actions">
          <button
            data-action="restore-revision"
            ?disabled=${!!blocked || this.restoring || !content}
            aria-describedby=${blocked ? 'restore-why' : nothing}
            @click=${() => void this.restore(ed, info)}
          >
            ${this.restoring ? '正在恢复…' : '恢复此修订'}
          </button>
        </div>
        ${info.note ? html`<div class="why">说明：${info.note}</div>` : nothing} ${compare}
        ${blocked ? html`<div class="why" id="restore-why">${blocked}</div>` : nothing}
        ${
          this.restoreProblem
            ? html`<div class="compare error-text" role="alert" data-role="restore-problem">
                ${this.restoreProblem}
              </div>`
            : nothing
        }
      </div>
      ${
        this.contentProblem
          ? html`<p class="error-text" role="alert">${this.contentProblem}</p>`
          : !content
            ? html`<p class="muted" aria-busy="true">正在读取…</p>`
            : content.legacy
              ? html`<article class="doc" data-role="revision-content">
                  <h3>${content.title}</h3>
                  <div class="legacy-text">${content.text}</div>
                </article>`
              : html`${this.renderChanges(ed, info)}${reportView(content.report)}`
      }`;
  }

  /** What the chosen revision changed: against the one before it, or against the edited report. */
  private renderChanges(ed: ReportEditor, info: RevisionInfo) {
    const content = this.content;
    if (!content || content.legacy) return nothing;
    const previous = this.previous && !this.previous.legacy ? this.previous : null;
    const before = this.revisions?.[this.revisions.findIndex((r) => r === info) + 1];
    const against = previous ? this.against : 'current';
    const choice = (value: 'previous' | 'current', label: string, disabled = false) =>
      html`<button
        data-action=${`against-${value}`}
        aria-pressed=${against === value ? 'true' : 'false'}
        ?disabled=${disabled}
        @click=${() => (this.against = value)}
      >
        ${label}
      </button>`;
    const changes =
      against === 'previous'
        ? revisionChanges(previous!.report, content.report)
        : revisionChanges(content.report, ed.report);
    const title =
      against === 'previous'
        ? `第 ${info.revision} 版相对第 ${before?.revision ?? ''} 版的修改`
        : `从第 ${info.revision} 版到当前编辑的内容的修改`;
    return html`<div class="against" role="group" aria-label="对比">
        <span>对比：</span>
        ${choice('previous', before ? `上一版（第 ${before.revision} 版）` : '上一版', !previous)}
        ${choice('current', '当前编辑的内容')}
        ${!before ? html`<span class="muted">这是第一个修订，没有更早的版本。</span>` : nothing}
      </div>
      ${changesView(changes, title)}`;
  }

  private async restore(ed: ReportEditor, info: RevisionInfo): Promise<void> {
    const ok = await confirmAction(
      '恢复此修订',
      `把报告恢复为第 ${info.revision} 版（${formatTime(info.at)}${
        info.author ? `，${info.author}` : ''
      }）的内容？\n\n恢复会新增一个修订，原有的各版本都保留，可以随时再恢复。${
        ed.dirty ? '\n当前尚未保存的修改会先保存为一个修订。' : ''
      }`,
      '恢复',
    );
    if (!ok) return;
    this.restoring = true;
    this.restoreProblem = '';
    try {
      await ed.save('save');
      await api().restoreRevision({
        unitId: ed.unitId,
        year: ed.year,
        revision: info.revision,
        author: ed.author,
      });
      this.dispatchEvent(new Event('archive-changed', { bubbles: true, composed: true }));
    } catch (error) {
      this.restoreProblem = `未能恢复：${errorMessage(error)}`;
    } finally {
      this.restoring = false;
    }
  }
}
customElements.define('nb-history', NbHistory);

declare global {
  interface HTMLElementTagNameMap {
    'nb-history': NbHistory;
  }
}
