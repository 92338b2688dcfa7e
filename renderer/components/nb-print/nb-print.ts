/**
 * The print tab (打印与定稿): the print copy as the archive will render it, page by page, with
 * its status (pages, 草稿 and the open errors, stand-in fonts; the SHA-256 only for the
 * archived 定稿 PDF), and the actions 打印…, 保存 PDF…, 导出数据文件, 定稿 (then the archived SHA-256),
 * 重新打开 (with a reason) and 核对打印件 (nb-verify-pdf: which finalised report is this PDF file?).
 *
 *   <nb-print .editor=${reportEditor}></nb-print>
 *
 * What is rendered: unsaved edits are saved first (a revision), then the archive's newest
 * revision is rendered — the same bytes 定稿 would archive, and for a finalised report the
 * archived PDF itself. Only when saving fails is the state being edited rendered instead
 * (`{report}`), and the preview says so. After finalising or reopening, the component
 * dispatches `archive-changed` (bubbling, composed): the report view reopens the report, and the
 * print tab shown then previews the archived PDF (so finalising draws the preview once).
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import type { FinalisationInfo, PageNumberMode, RenderedPdf } from '../../../core/api';
import { api, errorMessage } from '../../api';
import type { ReportEditor } from '../../state/editor';
import { navigate } from '../../state/router';
import { noticeStyles } from '../../styles/notice';
import { theme } from '../../styles/theme';
import { askReason, confirmAction, ensureSigned } from '../nb-dialog/nb-dialog';
import { formatTime } from '../../../core/dates';
import { download, printPdf, safeFileName } from '../../lib/files';
import { LatestRequest } from '../../lib/latest';
import '../nb-progress/nb-progress';
import '../nb-verify-pdf/nb-verify-pdf';
import '../nb-published/nb-published';
import { pdfNameWord } from '../../models/published';
import { openPreview, type PreviewDocument } from './preview';

type Phase = 'saving' | 'rendering' | 'drawing' | 'ready' | 'error';

const PAGE_MAX_WIDTH = 820;

export class NbPrint extends LitElement {
  static override properties = {
    editor: { attribute: false },
    phase: { state: true },
    problem: { state: true },
    rendered: { state: true },
    fromEditor: { state: true },
    pageCount: { state: true },
    pagesDrawn: { state: true },
    pageNumbers: { state: true },
    busy: { state: true },
    actionProblem: { state: true },
    actionNote: { state: true },
    finalisation: { state: true },
    copied: { state: true },
  };
  declare editor: ReportEditor | null;
  declare phase: Phase;
  declare problem: string;
  declare rendered: RenderedPdf | null;
  /** The preview shows the state being edited (saving failed), not an archived revision. */
  declare fromEditor: boolean;
  declare pageCount: number;
  declare pagesDrawn: number;
  declare pageNumbers: PageNumberMode;
  /** An action is running: 'finalise' | 'reopen' | 'export' | ''. */
  declare busy: string;
  declare actionProblem: string;
  declare actionNote: string;
  /** The finalisation just made here (the reopened report's comes from the editor). */
  declare finalisation: (FinalisationInfo & { sha256: string }) | null;
  declare copied: boolean;
  private readonly renders = new LatestRequest();
  private preview: PreviewDocument | null = null;

  constructor() {
    super();
    this.editor = null;
    this.phase = 'rendering';
    this.problem = '';
    this.rendered = null;
    this.fromEditor = false;
    this.pageCount = 0;
    this.pagesDrawn = 0;
    this.pageNumbers = 'alternate';
    this.busy = '';
    this.actionProblem = '';
    this.actionNote = '';
    this.finalisation = null;
    this.copied = false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('editor') && this.editor) {
      this.actionProblem = '';
      void this.refresh();
    }
  }

  override disconnectedCallback(): void {
    this.renders.cancel();
    void this.preview?.close();
    this.preview = null;
    super.disconnectedCallback();
  }

  /** Saves pending edits, renders, and draws the preview. */
  async refresh(): Promise<void> {
    const ed = this.editor;
    if (!ed) return;
    const latest = this.renders.start();
    const current = () => latest() && this.editor === ed;
    this.problem = '';
    this.fromEditor = false;
    let source: { unitId: string; year: number } | { report: typeof ed.report } = {
      unitId: ed.unitId,
      year: ed.year,
    };
    if (!ed.locked && (ed.dirty || ed.saveState === 'journaled')) {
      this.phase = 'saving';
      try {
        await ed.save('save');
      } catch {
        source = { report: ed.report };
        if (current()) this.fromEditor = true;
      }
    }
    if (!current()) return;
    this.phase = 'rendering';
    let rendered: RenderedPdf;
    try {
      rendered = await api().renderPdf({ source, pageNumbers: this.pageNumbers });
    } catch (error) {
      if (!current()) return;
      this.phase = 'error';
      this.problem = `无法生成 PDF：${errorMessage(error)}`;
      return;
    }
    if (!current()) return;
    await this.show(rendered, latest);
  }

  /** Shows a PDF: the status above, then every page drawn into a canvas. */
  private async show(rendered: RenderedPdf, latest: () => boolean): Promise<void> {
    this.rendered = rendered;
    this.phase = 'drawing';
    this.pagesDrawn = 0;
    void this.preview?.close();
    this.preview = null;
    let doc: PreviewDocument;
    try {
      doc = await openPreview(rendered.pdf);
    } catch (error) {
      if (!latest()) return;
      this.phase = 'error';
      this.problem = `PDF 已生成，但无法显示预览：${errorMessage(error)}。仍可保存或打印 PDF。`;
      return;
    }
    if (!latest()) {
      void doc.close();
      return;
    }
    this.preview = doc;
    this.pageCount = doc.pages;
    await this.updateComplete;
    const column = this.renderRoot.querySelector<HTMLElement>('.pages');
    const width = Math.min(PAGE_MAX_WIDTH, Math.max(320, (column?.clientWidth ?? 800) - 32));
    try {
      for (let n = 1; n <= doc.pages; n++) {
        const canvas = this.renderRoot.querySelector<HTMLCanvasElement>(`canvas[data-page="${n}"]`);
        if (!canvas || !latest()) return;
        await doc.draw(n, canvas, width);
        if (!latest()) return;
        this.pagesDrawn = n;
      }
      this.phase = 'ready';
    } catch (error) {
      if (!latest()) return;
      this.phase = 'error';
      this.problem = `无法显示预览：${errorMessage(error)}。仍可保存或打印 PDF。`;
    }
  }

  static override styles = [
    theme,
    noticeStyles,
    css`
      :host {
        display: grid;
        grid-template-columns: minmax(260px, min(360px, 34%)) minmax(0, 1fr);
        height: 100%;
        min-height: 0;
      }
      aside {
        overflow: auto;
        min-height: 0;
        padding: 12px 16px 32px;
        border-right: 1px solid var(--nb-line);
        background: var(--nb-panel);
      }
      aside h2 {
        font-size: 15px;
        margin: 14px 0 6px;
      }
      aside h2:first-child {
        margin-top: 0;
      }
      .facts {
        margin: 0;
        display: grid;
        grid-template-columns: auto minmax(0, 1fr);
        gap: 2px 10px;
        font-size: 13px;
      }
      .facts dt {
        color: var(--nb-muted);
      }
      .facts dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
      .notice ul {
        margin: 4px 0 0;
        padding-left: 1.2em;
      }
      .notice summary {
        cursor: pointer;
        margin-top: 4px;
      }
      .notice.font {
        background: var(--nb-warning-bg);
        color: var(--nb-warning);
      }
      .notice.final {
        background: var(--nb-bg);
        border: 2px solid var(--nb-accent);
      }
      .notice.final strong {
        color: var(--nb-accent);
        font-size: 15px;
      }
      .actions {
        display: flex;
        flex-direction: column;
        gap: 6px;
      }
      .actions .row {
        display: flex;
        gap: 6px;
        flex-wrap: wrap;
      }
      .actions .row > button {
        flex: 1;
      }
      .link {
        border: 0;
        background: none;
        color: var(--nb-accent);
        text-decoration: underline;
        padding: 0;
        min-height: 0;
        font-size: inherit;
      }
      label.select {
        display: flex;
        flex-direction: column;
        gap: 2px;
        font-size: 13px;
      }
      .pages {
        overflow: auto;
        min-height: 0;
        padding: 16px;
        background: #e9ecef;
      }
      .pages .status {
        max-width: ${PAGE_MAX_WIDTH}px;
        margin: 0 auto 12px;
      }
      figure {
        margin: 0 auto 16px;
        max-width: ${PAGE_MAX_WIDTH}px;
      }
      canvas {
        display: block;
        width: 100%;
        background: #fff;
        box-shadow: 0 1px 4px rgb(0 0 0 / 0.25);
      }
      figcaption {
        text-align: center;
        font-size: 12px;
        color: var(--nb-muted);
        margin-top: 4px;
      }
      .problem {
        margin: 12px auto;
        max-width: ${PAGE_MAX_WIDTH}px;
      }
    `,
  ];

  override render() {
    const ed = this.editor;
    if (!ed) return html`<p class="muted" style="padding:16px">正在打开…</p>`;
    return html`<aside aria-label="打印与定稿">${this.renderAside(ed)}</aside>
      <section
        class="pages"
        aria-label="打印预览"
        aria-busy=${this.phase === 'ready' || this.phase === 'error' ? 'false' : 'true'}
        data-role="preview"
        data-state=${this.phase}
        data-unit-id=${ed.unitId}
        data-year=${ed.year}
      >
        ${this.renderPages()}
      </section>`;
  }

  // ------------------------------------------------------------------------------------------
  // Left: status and actions

  private renderAside(ed: ReportEditor) {
    const r = this.rendered;
    const working = this.phase === 'saving' || this.phase === 'rendering';
    const errors = ed.open.errors;
    const fin = this.currentFinalisation(ed);
    return html`<h2>打印预览</h2>
      ${
        r && !working
          ? html`<dl class="facts" data-role="preview-facts">
              <dt>页数</dt>
              <dd data-role="page-count">${r.pages} 页</dd>
              <dt>内容</dt>
              <dd>
                ${
                  r.finalised
                    ? `已定稿的 PDF 原件（第 ${r.revision ?? '?'} 版）`
                    : this.fromEditor
                      ? '当前编辑的内容（尚未保存）'
                      : `第 ${r.revision ?? '?'} 版（最新修订）`
                }
              </dd>
              ${
                r.finalised
                  ? html`<dt>SHA-256</dt>
                      <dd><code class="sha" data-role="preview-sha256">${r.sha256}</code></dd>`
                  : nothing
              }
            </dl>`
          : nothing
      }
      ${
        this.fromEditor
          ? html`<div class="notice font" role="status">
              未能保存修改（${ed.saveError || '原因不明'}），预览的是当前编辑的内容。定稿前请先保存。
            </div>`
          : nothing
      }
      ${
        r?.draft
          ? html`<div class="notice draft" data-role="draft-notice">
              <strong>草稿</strong>：还有
              ${r.openErrors.length >= 20 ? Math.max(ed.open.errors, 20) : r.openErrors.length}
              个错误未解决，每页带“草稿”水印。
              <ul>
                ${r.openErrors.slice(0, 3).map((e) => this.openError(e))}
              </ul>
              ${
                r.openErrors.length > 3
                  ? html`<details>
                      <summary>其余 ${r.openErrors.length - 3} 个</summary>
                      <ul>
                        ${r.openErrors.slice(3).map((e) => this.openError(e))}
                      </ul>
                    </details>`
                  : nothing
              }
            </div>`
          : nothing
      }
      ${
        r?.published
          ? html`<div class="notice info" data-role="archive-copy-notice">
              <strong>存档副本</strong
              >：按发布时的原样排版，不带“草稿”水印；每页上方注明“存档副本（已发布）”，不是新的定稿。
            </div>`
          : nothing
      }
      ${
        r?.standIns.length
          ? html`<div class="notice font" data-role="standin-notice">
              本机缺少下列公文字体，使用替代字体排版（正式打印前请安装公文字体）：
              <ul>
                ${r.standIns.map((s) => html`<li>${s}</li>`)}
              </ul>
            </div>`
          : nothing
      }
      <label class="select"
        >页码位置
        <select
          data-role="page-numbers"
          ?disabled=${working || ed.locked}
          @change=${(e: Event) => {
            this.pageNumbers = (e.target as HTMLSelectElement).value as PageNumberMode;
            void this.refresh();
          }}
        >
          <option value="alternate" ?selected=${this.pageNumbers === 'alternate'}>
            双面打印：单页在右、双页在左
          </option>
          <option value="centre" ?selected=${this.pageNumbers === 'centre'}>单面打印：居中</option>
        </select></label
      >

      <h2>输出</h2>
      <div class="actions">
        <div class="row">
          <button data-action="print" ?disabled=${!r || working} @click=${() => this.print()}>
            打印…
          </button>
          <button
            data-action="save-pdf"
            ?disabled=${!r || working}
            @click=${() => this.savePdf(ed)}
          >
            保存 PDF…
          </button>
        </div>
        <div class="row">
          <button
            data-action="export-json"
            ?disabled=${!!this.busy}
            @click=${() => void this.exportData(ed, 'json')}
          >
            导出数据文件
          </button>
          <button
            data-action="export-csv"
            ?disabled=${!!this.busy}
            @click=${() => void this.exportData(ed, 'csv')}
          >
            导出表格（CSV）
          </button>
        </div>
        <div class="row">
          <button
            data-action="export-docx"
            ?disabled=${!!this.busy}
            @click=${() => void this.exportDocument(ed, 'docx')}
          >
            导出 Word 文档
          </button>
          <button
            data-action="export-html"
            ?disabled=${!!this.busy}
            @click=${() => void this.exportDocument(ed, 'html')}
          >
            导出网页（HTML）
          </button>
        </div>
        <div class="row">
          <button
            data-action="export-exchange"
            title="报告数据和定稿 PDF 合为一个文件（单位-年度.nianbao），交给县政务公开办导入"
            ?disabled=${!!this.busy}
            @click=${() => void this.exportExchange(ed)}
          >
            导出交换文件
          </button>
        </div>
        <button data-action="refresh" ?disabled=${working} @click=${() => void this.refresh()}>
          重新生成预览
        </button>
      </div>

      <h2>定稿</h2>
      ${fin ? this.renderFinalised(fin) : this.renderFinaliseAction(ed, errors, working)}
      ${
        this.actionProblem
          ? html`<div class="notice draft" role="alert" data-role="action-problem">
              ${this.actionProblem}
            </div>`
          : nothing
      }
      ${this.actionNote ? html`<div class="notice info" role="status">${this.actionNote}</div>` : nothing}

      <nb-published .editor=${ed}></nb-published>

      <h2>核对打印件</h2>
      <nb-verify-pdf></nb-verify-pdf> `;
  }

  private openError(e: { code: string; message: string }) {
    return html`<li>${e.message}<span class="muted"> （${e.code}）</span></li>`;
  }

  private currentFinalisation(ed: ReportEditor): (FinalisationInfo & { sha256: string }) | null {
    if (!ed.locked) return null;
    const fin = ed.opened.finalisation;
    if (fin?.sha256) return { ...fin, sha256: fin.sha256 };
    return this.finalisation;
  }

  private renderFinaliseAction(ed: ReportEditor, errors: number, working: boolean) {
    const why = ed.published
      ? '报告已标记为已发布（存档），不定稿。如需定稿，请先取消标记。'
      : ed.locked
        ? ''
        : errors
          ? `还有 ${errors} 个错误未解决，不能定稿：请改正，或在检查结果中写明理由后忽略。`
          : !this.rendered || working
            ? '请等预览生成后再定稿。'
            : this.fromEditor
              ? '修改尚未保存，不能定稿。'
              : '';
    return html`<p class="why" style="margin:0 0 6px">
        定稿后，档案库保存这份 PDF 的原件及其 SHA-256 校验值，报告变为只读。
      </p>
      <button
        class="primary"
        data-action="finalise"
        ?disabled=${!!why || !!this.busy}
        aria-describedby=${why ? 'finalise-why' : nothing}
        @click=${() => void this.finalise(ed)}
      >
        ${this.busy === 'finalise' ? '正在定稿…' : '定稿'}
      </button>
      ${
        why
          ? html`<div class="why" id="finalise-why" data-role="finalise-why">
              ${why}
              ${
                errors && !ed.published
                  ? html`<button
                      class="link"
                      @click=${() =>
                        navigate({ name: 'report', unitId: ed.unitId, year: ed.year, tab: 'edit' })}
                    >
                      去处理
                    </button>`
                  : nothing
              }
            </div>`
          : nothing
      }`;
  }

  private renderFinalised(fin: FinalisationInfo & { sha256: string }) {
    return html`<div class="notice final" data-role="finalised">
        <strong>已定稿</strong>
        <dl class="facts" style="margin-top:6px">
          <dt>修订</dt>
          <dd data-role="final-revision">第 ${fin.revision} 版</dd>
          <dt>时间</dt>
          <dd>${formatTime(fin.at)}</dd>
          <dt>定稿人</dt>
          <dd>${fin.by || '（未填写）'}</dd>
          <dt>SHA-256</dt>
          <dd>
            <code class="sha" data-role="sha256" id="final-sha">${fin.sha256}</code>
            <button
              data-action="copy-sha256"
              style="margin-top:4px;min-height:24px;font-size:12px"
              @click=${() => void this.copySha(fin.sha256)}
            >
              ${this.copied ? '已复制' : '复制校验值'}
            </button>
          </dd>
        </dl>
      </div>
      <button
        data-action="reopen"
        ?disabled=${!!this.busy}
        @click=${() => this.editor && void this.reopen(this.editor)}
      >
        ${this.busy === 'reopen' ? '正在重新打开…' : '重新打开（需填写理由）'}
      </button>`;
  }

  // ------------------------------------------------------------------------------------------
  // Right: the pages

  private renderPages() {
    const working = this.phase === 'saving' || this.phase === 'rendering';
    const status = working
      ? html`<nb-progress
          data-role="render-progress"
          label=${this.phase === 'saving' ? '正在保存修改…' : '正在生成 PDF…'}
        ></nb-progress>`
      : this.phase === 'drawing'
        ? html`<nb-progress
            data-role="render-progress"
            .value=${this.pagesDrawn}
            .max=${this.pageCount || 1}
            label=${`正在显示第 ${Math.min(this.pagesDrawn + 1, this.pageCount)} / ${this.pageCount} 页…`}
          ></nb-progress>`
        : nothing;
    return html`${status === nothing ? nothing : html`<div class="status">${status}</div>`}
    ${this.problem ? html`<p class="problem error-text" role="alert">${this.problem}</p>` : nothing}
    ${
      this.rendered && !working
        ? Array.from(
            { length: this.pageCount },
            (_, i) =>
              html`<figure>
                <canvas
                  data-role="preview-page"
                  data-page=${i + 1}
                  role="img"
                  aria-label=${`第 ${i + 1} 页`}
                ></canvas>
                <figcaption aria-hidden="true">第 ${i + 1} 页 / 共 ${this.pageCount} 页</figcaption>
              </figure>`,
          )
        : nothing
    }`;
  }

  // ------------------------------------------------------------------------------------------
  // Actions

  private fileName(ed: ReportEditor, r: RenderedPdf): string {
    return safeFileName(
      `${ed.opened.unit.name}${ed.year}年政府信息公开工作年度报告${pdfNameWord(r)}.pdf`,
    );
  }

  private savePdf(ed: ReportEditor): void {
    const r = this.rendered;
    if (!r) return;
    download(r.pdf as Uint8Array<ArrayBuffer>, this.fileName(ed, r), 'application/pdf');
  }

  /** 打印…: the desktop shell prints the bytes; the browser mode opens them in a new tab. */
  private print(): void {
    const r = this.rendered;
    if (!r) return;
    this.actionProblem = '';
    this.actionNote = '';
    printPdf(r.pdf).then(
      (done) => {
        if ('problem' in done) this.actionProblem = done.problem;
        else this.actionNote = done.note;
      },
      (error: unknown) => {
        this.actionProblem = `打印失败：${errorMessage(error)}`;
      },
    );
  }

  private async exportData(ed: ReportEditor, format: 'json' | 'csv'): Promise<void> {
    this.busy = 'export';
    this.actionProblem = '';
    try {
      if (!ed.locked && ed.dirty) await ed.save('save');
      const file = await api().exportReport({ unitId: ed.unitId, year: ed.year, format });
      download(file.text, file.fileName, `${file.mime};charset=utf-8`);
    } catch (error) {
      this.actionProblem = `导出失败：${errorMessage(error)}`;
    } finally {
      this.busy = '';
    }
  }

  /** The report as a Word document or a web page (its newest state; unsaved edits saved first). */
  private async exportDocument(ed: ReportEditor, to: 'docx' | 'html'): Promise<void> {
    this.busy = 'export';
    this.actionProblem = '';
    try {
      let source: { unitId: string; year: number } | { report: typeof ed.report } = {
        unitId: ed.unitId,
        year: ed.year,
      };
      if (!ed.locked && (ed.dirty || ed.saveState === 'journaled')) {
        // what is on screen is exported even when it cannot be saved just now
        await ed.save('save').catch(() => (source = { report: ed.report }));
      }
      const file = await api().exportDocument({ source, to, pageNumbers: this.pageNumbers });
      download(file.data as Uint8Array<ArrayBuffer>, file.fileName, file.mime);
    } catch (error) {
      this.actionProblem = `导出失败：${errorMessage(error)}`;
    } finally {
      this.busy = '';
    }
  }

  /** The exchange file `<单位>-<年度>.nianbao` (issue 15): the newest revision, unsaved edits saved first. */
  private async exportExchange(ed: ReportEditor): Promise<void> {
    this.busy = 'export';
    this.actionProblem = '';
    this.actionNote = '';
    try {
      if (!ed.locked && (ed.dirty || ed.saveState === 'journaled')) await ed.save('save');
      const file = await api().exportExchange({
        unitId: ed.unitId,
        year: ed.year,
        author: ed.author,
      });
      download(file.data as Uint8Array<ArrayBuffer>, file.fileName, file.mime);
      this.actionNote = `已导出交换文件“${file.fileName}”（第 ${file.revision} 版${file.withPdf ? '，含定稿 PDF' : ''}）。`;
    } catch (error) {
      this.actionProblem = `导出交换文件失败：${errorMessage(error)}`;
    } finally {
      this.busy = '';
    }
  }

  private async finalise(ed: ReportEditor): Promise<void> {
    const ok = await confirmAction(
      '定稿',
      `把 ${ed.opened.unit.name} ${ed.year} 年度报告定稿？\n\n` +
        '· 档案库保存这份 PDF 的原件及其 SHA-256 校验值；以后打印得到的就是这份文件。\n' +
        '· 报告变为只读，不能再修改。\n' +
        '· 如需修改，须填写理由“重新打开”，原定稿记录仍然保留。',
      '定稿',
    );
    if (!ok) return;
    if (!(await ensureSigned('定稿'))) return;
    this.busy = 'finalise';
    this.actionProblem = '';
    this.actionNote = '';
    try {
      if (ed.dirty || ed.saveState === 'journaled') await ed.save('save');
      const fin = await api().finaliseReport({
        unitId: ed.unitId,
        year: ed.year,
        author: ed.author,
        pageNumbers: this.pageNumbers,
      });
      this.finalisation = { revision: fin.revision, at: fin.at, by: fin.by, sha256: fin.sha256 };
      ed.setLocked(true, fin.revision);
      // the report view reopens the report: its print tab previews the archived PDF, once
      this.renders.cancel();
      this.changed(
        `已定稿（第 ${fin.revision} 版，${fin.by || '未署名'}）：PDF 原件已存档，报告处于只读状态。`,
      );
    } catch (error) {
      this.actionProblem = `未能定稿：${errorMessage(error)}`;
    } finally {
      this.busy = '';
    }
  }

  /** The archive changed: the report view reopens the report and shows `notice` over it. */
  private changed(notice: string): void {
    this.dispatchEvent(
      new CustomEvent('archive-changed', { bubbles: true, composed: true, detail: { notice } }),
    );
  }

  private async reopen(ed: ReportEditor): Promise<void> {
    const reason = await askReason(
      '重新打开已定稿的报告',
      '重新打开后报告可以再修改，并开始新一轮修订；原定稿的 PDF 和记录仍保留在档案库中。\n请写明重新打开的理由（记入修订记录）。',
      '重新打开的理由',
    );
    if (reason === null) return;
    if (!(await ensureSigned('重新打开'))) return;
    this.busy = 'reopen';
    this.actionProblem = '';
    try {
      await api().reopenReport({ unitId: ed.unitId, year: ed.year, reason, author: ed.author });
      this.finalisation = null;
      ed.setLocked(false);
      this.actionNote = '报告已重新打开，可以修改。';
      this.changed('报告已重新打开，可以修改；原定稿的 PDF 和记录仍保留在“历史”中。');
    } catch (error) {
      this.actionProblem = `未能重新打开：${errorMessage(error)}`;
    } finally {
      this.busy = '';
    }
  }

  private async copySha(sha: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(sha);
      this.copied = true;
      setTimeout(() => (this.copied = false), 2000);
    } catch {
      // no clipboard permission: select the text so Ctrl+C copies it
      const el = this.renderRoot.querySelector('#final-sha');
      if (el) {
        const range = document.createRange();
        range.selectNodeContents(el);
        const selection = window.getSelection();
        selection?.removeAllRanges();
        selection?.addRange(range);
      }
    }
  }
}
customElements.define('nb-print', NbPrint);

declare global {
  interface HTMLElementTagNameMap {
    'nb-print': NbPrint;
  }
}
