/**
 * 核对打印件: which finalised report is this PDF file? The person picks a PDF; the archive compares
 * its bytes (SHA-256) with every finalised report's archived PDF and names the report, the
 * revision, when and by whom it was finalised, and whether it was reopened since — or says that
 * it matches none (a draft, a changed file, another archive's report).
 *
 *   <nb-verify-pdf></nb-verify-pdf>
 *
 * DOM contract (tests): `input[data-role="verify-input"]` (the hidden file input),
 * `button[data-action="verify-pdf"]`, `[data-role="verify-result"][data-match="true|false|error"]`.
 */
import { LitElement, css, html, nothing } from 'lit';
import type { VerifyPdfResult } from '../../../core/api';
import { api, errorMessage } from '../../api';
import { formatTime } from '../../../core/dates';
import { noticeStyles } from '../../styles/notice';
import { theme } from '../../styles/theme';

export class NbVerifyPdf extends LitElement {
  static override properties = {
    verifying: { state: true },
    verified: { state: true },
    problem: { state: true },
  };
  declare verifying: boolean;
  declare verified: (VerifyPdfResult & { fileName: string }) | null;
  declare problem: string;

  constructor() {
    super();
    this.verifying = false;
    this.verified = null;
    this.problem = '';
  }

  static override styles = [
    theme,
    noticeStyles,
    css`
      :host {
        display: block;
      }
    `,
  ];

  override render() {
    return html`<p class="why" style="margin:0 0 6px">
        选择一个 PDF 文件，核对它是否就是档案库中某份已定稿报告的原件（逐字节比较）。
      </p>
      <input
        type="file"
        accept=".pdf,application/pdf"
        id="verify"
        data-role="verify-input"
        hidden
        @change=${this.onFile}
      />
      <button
        data-action="verify-pdf"
        ?disabled=${this.verifying}
        @click=${() => this.renderRoot.querySelector<HTMLInputElement>('#verify')?.click()}
      >
        ${this.verifying ? '正在核对…' : '核对打印件…'}
      </button>
      ${this.renderResult()}`;
  }

  private renderResult() {
    if (this.problem) {
      return html`<div
        class="notice draft"
        role="alert"
        data-role="verify-result"
        data-match="error"
      >
        ${this.problem}
      </div>`;
    }
    const v = this.verified;
    if (!v) return nothing;
    const m = v.match;
    return html`<div
      class="notice ${m ? 'info' : 'draft'}"
      role="status"
      data-role="verify-result"
      data-match=${m ? 'true' : 'false'}
    >
      <div><span class="muted">文件：</span>${v.fileName}</div>
      ${
        m
          ? html`<div>
              是 <strong>${m.unitName} ${m.year} 年度报告</strong>第 ${m.revision}
              版的定稿原件（${formatTime(m.at)}${m.by ? `，${m.by}` : ''}定稿）。
              ${
                m.reopened
                  ? html`<div class="error-text">
                      注意：该报告定稿后已重新打开，这份打印件不是当前版本。
                    </div>`
                  : nothing
              }
            </div>`
          : html`<div>
              与档案库中任何已定稿报告的原件都不一致（可能是草稿、被修改过，或不是本档案库的报告）。
            </div>`
      }
      <code class="sha" style="margin-top:4px">${v.sha256}</code>
    </div>`;
  }

  private readonly onFile = async (e: Event) => {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    this.verifying = true;
    this.verified = null;
    this.problem = '';
    try {
      const pdf = new Uint8Array(await file.arrayBuffer());
      const result = await api().verifyPdf({ pdf });
      this.verified = { ...result, fileName: file.name };
    } catch (error) {
      this.problem = `无法核对：${errorMessage(error)}`;
    } finally {
      this.verifying = false;
    }
    await this.updateComplete;
    this.renderRoot
      .querySelector('[data-role="verify-result"]')
      ?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  };
}
customElements.define('nb-verify-pdf', NbVerifyPdf);

declare global {
  interface HTMLElementTagNameMap {
    'nb-verify-pdf': NbVerifyPdf;
  }
}
