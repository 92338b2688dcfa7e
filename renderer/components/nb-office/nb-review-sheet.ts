/**
 * `<nb-review-sheet .unitId .year .members .parentName>`: the 审核意见 of one member's report (or of
 * every member) on screen — its findings by section with what became of each — and 打印,
 * 保存 PDF and 导出表格（CSV） through the typed API. The reviewer is the 操作人.
 */
import { LitElement, css, html, nothing } from 'lit';
import { reviewCsv, reviewFileName, type ReviewSheet } from '../../../core/office';
import { api, errorMessage } from '../../api';
import { download, printPdf, safeFileName } from '../../lib/files';
import { author } from '../../state/router';
import { theme } from '../../styles/theme';

export class NbReviewSheet extends LitElement {
  static override properties = {
    unitId: {},
    year: { type: Number },
    members: { type: Boolean },
    parentName: {},
    sheets: { state: true },
    busy: { state: true },
    note: { state: true },
    problem: { state: true },
  };
  declare unitId: string;
  declare year: number;
  declare members: boolean;
  /** The parent's name (the file name of every member's sheets). */
  declare parentName: string;
  declare sheets: readonly ReviewSheet[] | null;
  declare busy: string;
  declare note: string;
  declare problem: string;
  private loaded = '';

  constructor() {
    super();
    this.unitId = '';
    this.year = 0;
    this.members = false;
    this.parentName = '';
    this.sheets = null;
    this.busy = '';
    this.note = '';
    this.problem = '';
  }

  private request() {
    return { unitId: this.unitId, year: this.year, members: this.members, reviewer: author() };
  }

  override willUpdate(): void {
    const key = `${this.unitId}/${this.year}/${this.members}`;
    if (!this.unitId || key === this.loaded) return;
    this.loaded = key;
    this.sheets = null;
    this.note = '';
    this.problem = '';
    if (this.members) return; // every member: printed, not listed here
    void api()
      .reviewSheets(this.request())
      .then((s) => {
        if (this.loaded === key) this.sheets = s;
      })
      .catch((error: unknown) => (this.problem = errorMessage(error)));
  }

  private async pdf(action: 'print' | 'save'): Promise<void> {
    this.busy = action;
    this.note = '';
    this.problem = '';
    try {
      const out = await api().renderReviewPdf(this.request());
      if (action === 'save') {
        download(out.pdf as Uint8Array<ArrayBuffer>, safeFileName(out.fileName), 'application/pdf');
        this.note = `已生成审核意见（${out.pages} 页）：${out.fileName}`;
      } else {
        const done = await printPdf(out.pdf);
        if ('problem' in done) this.problem = done.problem;
        else this.note = done.note || `已送去打印（${out.pages} 页）。`;
      }
    } catch (error) {
      this.problem = `生成审核意见失败：${errorMessage(error)}`;
    } finally {
      this.busy = '';
    }
  }

  private async csv(): Promise<void> {
    this.busy = 'csv';
    this.problem = '';
    try {
      const sheets = this.sheets ?? (await api().reviewSheets(this.request()));
      const name = this.members ? this.parentName : (sheets[0]?.unit ?? '');
      download(
        reviewCsv(sheets),
        safeFileName(reviewFileName(name, this.year, this.members, 'csv')),
        'text/csv;charset=utf-8',
      );
      this.note = `已导出审核意见表格（${sheets.length} 个单位）。`;
    } catch (error) {
      this.problem = `导出失败：${errorMessage(error)}`;
    } finally {
      this.busy = '';
    }
  }

  static override styles = [
    theme,
    css`
      :host {
        display: block;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: 6px 8px;
        align-items: center;
      }
      h3 {
        font-size: 14px;
        margin: 10px 0 4px;
      }
      ol {
        margin: 0;
        padding-left: 22px;
      }
      li {
        margin: 2px 0;
      }
      .sev-error {
        color: var(--nb-error);
      }
      .sev-warning {
        color: var(--nb-warning);
      }
      .state {
        color: var(--nb-muted);
        font-size: 12px;
      }
      .note {
        color: var(--nb-ok);
      }
    `,
  ];

  override render() {
    const s = this.sheets?.[0];
    return html`<div class="actions">
        <button
          class="primary"
          data-action="print-review"
          ?disabled=${!!this.busy}
          @click=${() => this.pdf('print')}
        >
          ${this.busy === 'print' ? '正在生成…' : '打印审核意见'}
        </button>
        <button data-action="save-review" ?disabled=${!!this.busy} @click=${() => this.pdf('save')}>
          保存 PDF…
        </button>
        <button data-action="review-csv" ?disabled=${!!this.busy} @click=${() => this.csv()}>
          导出表格（CSV）
        </button>
        <span class="state">审核人：${author() || '（请在右上角填写操作人）'}</span>
      </div>
      ${this.note ? html`<p class="note" role="status">${this.note}</p>` : nothing}
      ${this.problem ? html`<p class="error-text" role="alert">${this.problem}</p>` : nothing}
      ${s ? this.renderSheet(s) : this.members ? nothing : html`<p class="state">正在检查…</p>`}`;
  }

  private renderSheet(s: ReviewSheet) {
    if (s.state === '未收到') return html`<p>没有收到${s.year}年度的报告（下属单位缺报）。</p>`;
    if (!s.groups.length)
      return html`<p>${s.state === '旧格式' ? '旧格式文本，不做检查。' : '检查没有发现问题。'}</p>`;
    return html`<div data-role="review-groups">
      ${s.groups.map(
        (g) =>
          html`<h3>${g.label}（${g.items.length} 项）</h3>
            <ol>
              ${g.items.map(
                (i) =>
                  html`<li data-code=${i.code}>
                    <span class="sev-${i.severity}">${i.title}</span> · ${i.place}：${i.message}
                    <span class="state"
                      >【${i.state}${i.reason ? `：${i.reason}` : ''}${i.by ? `（${i.by}）` : ''}】</span
                    >
                  </li>`,
              )}
            </ol>`,
      )}
    </div>`;
  }
}
customElements.define('nb-review-sheet', NbReviewSheet);
