/**
 * 已发布（存档） on the print tab (issue 13 item 13): a past year's report published on the website
 * is marked so — read-only like a finalised one, its findings listed but not counted as a to-do —
 * and the mark can be taken back with a written reason. Both are signed (操作人) and kept in 历史.
 *
 * Property: `editor`. Event: `archive-changed` (a bubbling, composed CustomEvent) after marking
 * or unmarking, its `detail.notice` what the report view shows once it has reopened the report
 * (this element is drawn anew then, a message of its own would be lost).
 */
import { LitElement, css, html, nothing } from 'lit';
import { currentReportYear, formatTime } from '../../../core/dates';
import { api, errorMessage } from '../../api';
import { markedNotice, unmarkedNotice } from '../../models/published';
import type { ReportEditor } from '../../state/editor';
import { noticeStyles } from '../../styles/notice';
import { theme } from '../../styles/theme';
import { askReason, confirmAction, ensureSigned } from '../nb-dialog/nb-dialog';

export class NbPublished extends LitElement {
  static override properties = {
    editor: { attribute: false },
    busy: { state: true },
    problem: { state: true },
  };
  declare editor: ReportEditor | null;
  declare busy: boolean;
  declare problem: string;

  constructor() {
    super();
    this.editor = null;
    this.busy = false;
    this.problem = '';
  }

  static override styles = [
    theme,
    noticeStyles,
    css`
      :host {
        display: block;
      }
      h2 {
        font-size: 15px;
        margin: 18px 0 6px;
      }
      .notice.published {
        background: var(--nb-panel);
        border: 1px solid var(--nb-line);
      }
      dl {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 2px 10px;
        margin: 6px 0 0;
      }
      dt {
        color: var(--nb-muted);
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
    `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    this.editor?.addEventListener('change', this.onChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.editor?.removeEventListener('change', this.onChange);
  }

  private readonly onChange = () => this.requestUpdate();

  override render() {
    const ed = this.editor;
    if (!ed) return nothing;
    const pub = ed.published;
    // only a past year's report (not finalised) is offered the mark
    if (!pub && (ed.locked || ed.year >= currentReportYear(new Date()))) return nothing;
    return html`<h2>已发布（存档）</h2>
      ${
        pub
          ? html`<div class="notice published" data-role="published">
                <strong>已标记为已发布（存档）</strong>：只读，检查发现的问题照常列出，但不算待办。
                <dl>
                  <dt>时间</dt>
                  <dd>${formatTime(pub.at)}</dd>
                  <dt>操作人</dt>
                  <dd data-role="published-by">${pub.by || '（未填写）'}</dd>
                  ${
                    pub.reason
                      ? html`<dt>说明</dt>
                          <dd>${pub.reason}</dd>`
                      : nothing
                  }
                </dl>
              </div>
              <button
                data-action="unpublish"
                ?disabled=${this.busy}
                @click=${() => void this.unmark(ed)}
              >
                ${this.busy ? '正在取消标记…' : '取消已发布标记（需填写理由）'}
              </button>`
          : html`<p class="why" style="margin:0 0 6px">
                往年的报告已在政府网站发布：标记后报告只读，检查发现的问题照常列出，但不算待办。
              </p>
              <button
                data-action="publish"
                ?disabled=${this.busy}
                @click=${() => void this.mark(ed)}
              >
                ${this.busy ? '正在标记…' : '标记为已发布（存档）'}
              </button>`
      }
      ${this.problem ? html`<div class="notice draft" role="alert">${this.problem}</div>` : nothing}`;
  }

  private async mark(ed: ReportEditor): Promise<void> {
    const ok = await confirmAction(
      '标记为已发布（存档）',
      `把 ${ed.opened.unit.name} ${ed.year} 年度报告标记为已发布（存档）？\n\n` +
        '· 报告变为只读，像已定稿的报告一样不能修改。\n' +
        '· 检查发现的问题照常列出，但不再算作待办（首页不显示红色错误数）。\n' +
        '· 如需修改，可填写理由取消标记；标记和取消都记入历史。',
      '标记为已发布',
    );
    if (!ok || !(await ensureSigned('标记为已发布（存档）'))) return;
    await this.run(async () => {
      if (ed.dirty || ed.saveState === 'journaled') await ed.save('save');
      const saved = await api().markPublished({
        unitId: ed.unitId,
        year: ed.year,
        author: ed.author,
      });
      ed.setPublished(
        { revision: saved.revision, at: new Date().toISOString(), by: ed.author, reason: '' },
        saved.revision,
      );
      return markedNotice(saved.revision);
    }, '未能标记');
  }

  private async unmark(ed: ReportEditor): Promise<void> {
    const reason = await askReason(
      '取消已发布标记',
      '取消标记后报告可以再修改，检查发现的错误重新算作待办。\n请写明取消标记的理由（记入历史）。',
      '取消标记的理由',
    );
    if (reason === null || !(await ensureSigned('取消已发布标记'))) return;
    await this.run(async () => {
      const saved = await api().unmarkPublished({
        unitId: ed.unitId,
        year: ed.year,
        reason,
        author: ed.author,
      });
      ed.setPublished(null, saved.revision);
      return unmarkedNotice(saved.revision);
    }, '未能取消标记');
  }

  /** Runs `action`; its message goes with `archive-changed` to the report view, which reopens. */
  private async run(action: () => Promise<string>, failed: string): Promise<void> {
    this.busy = true;
    this.problem = '';
    try {
      const notice = await action();
      this.dispatchEvent(
        new CustomEvent('archive-changed', { bubbles: true, composed: true, detail: { notice } }),
      );
    } catch (error) {
      this.problem = `${failed}：${errorMessage(error)}`;
    } finally {
      this.busy = false;
    }
  }
}
customElements.define('nb-published', NbPublished);

declare global {
  interface HTMLElementTagNameMap {
    'nb-published': NbPublished;
  }
}
