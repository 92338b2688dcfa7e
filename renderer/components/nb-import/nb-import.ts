/**
 * Importing reports into the archive: "导入文件…" and "导入文件夹…" (the window reads the
 * files and sends their bytes: `importUpload`, in batches) and "按路径导入" (a file or folder
 * path on this computer, read by the main process: `importFiles`). A dialog shows the
 * progress with a 取消 button (what was imported stays), then the summary; files whose unit
 * is unclear (needs-unit) get a unit chooser and are imported again with the `units` mapping;
 * files whose year already has a report (exists) are listed with what the archive holds and a
 * 替换 box each (not ticked: nothing is replaced unless the clerk chooses it), then imported
 * again with `replace` naming the ticked ones. Units the import created are listed with a 类型
 * choice each (`nb-unit-kinds`: the guess preselected, stored only when the clerk confirms).
 * "导入文件夹时往年报告标记为已发布（存档）" (ticked by
 * default) marks a folder's reports of past years as published on the website: read-only, no
 * to-do (issue 13 item 13); the report of the year being written now is never marked. A single
 * file of a past year is not marked, but its summary row offers 标记为已发布（存档）.
 *
 * Property: `author`, `units` (for the unit chooser). Event: `archive-changed` (bubbling,
 * composed) after anything was imported.
 */
import { LitElement, css, html, nothing } from 'lit';
import type { ImportFileResult, ImportProgress, ImportSummary, UnitInfo } from '../../../core/api';
import { api, errorMessage } from '../../api';
import { theme } from '../../styles/theme';
import { isReportFileName } from '../../../core/import/extensions';
import { dialogStyles } from '../../styles/dialog';
import { offerMark } from '../../models/published';
import '../nb-progress/nb-progress';
import '../nb-unit-kinds/nb-unit-kinds';

/** One request carries at most this many files or bytes (the rest go in the next). */
const BATCH_FILES = 100;
const BATCH_BYTES = 16 * 1024 * 1024;
const MAX_FILES = 5000;

type Source =
  | { readonly kind: 'upload'; readonly files: ReadonlyMap<string, File> }
  | { readonly kind: 'path' };

type Phase = 'idle' | 'reading' | 'running' | 'done';

const OTHER = '__other__';
const SKIP = '';

export class NbImport extends LitElement {
  static override properties = {
    author: {},
    units: { attribute: false },
    phase: { state: true },
    progress: { state: true },
    summary: { state: true },
    problem: { state: true },
    note: { state: true },
    cancelled: { state: true },
    unknown: { state: true },
    choices: { state: true },
    replacing: { state: true },
    path: { state: true },
    markPast: { state: true },
    marking: { state: true },
  };
  declare author: string;
  declare units: readonly UnitInfo[];
  declare phase: Phase;
  declare progress: ImportProgress | null;
  declare summary: ImportSummary | null;
  declare problem: string;
  /** e.g. how many files of a folder were skipped. */
  declare note: string;
  declare cancelled: boolean;
  /** Cancelled: files processed before the cancellation whose results are not known. */
  declare unknown: number;
  /** needs-unit file → chosen unit id, OTHER, or SKIP; other names typed in `typed`. */
  declare choices: Readonly<Record<string, string>>;
  /** exists file → the clerk ticked 替换 (never by default). */
  declare replacing: Readonly<Record<string, boolean>>;
  declare path: string;
  /** Mark the imported reports of past years 已发布（存档） (the clerk can untick it). */
  declare markPast: boolean;
  /** The file whose report is being marked 已发布（存档） from the summary. */
  declare marking: string;
  private typed: Record<string, string> = {};
  /** The picked files are a folder's (its past years are marked when `markPast`). */
  private folder = false;
  private source: Source = { kind: 'path' };
  private controller: AbortController | null = null;
  /** Files the main process reported done (progress), this run. */
  private processed = 0;

  constructor() {
    super();
    this.author = '';
    this.units = [];
    this.phase = 'idle';
    this.progress = null;
    this.summary = null;
    this.problem = '';
    this.note = '';
    this.cancelled = false;
    this.unknown = 0;
    this.choices = {};
    this.replacing = {};
    this.path = '';
    this.markPast = true;
    this.marking = '';
  }

  static override styles = [
    theme,
    dialogStyles,
    css`
      :host {
        display: flex;
        align-items: center;
        gap: 6px;
        flex-wrap: wrap;
      }
      .file-button {
        position: relative;
      }
      .path {
        display: flex;
        gap: 4px;
        align-items: center;
      }
      .path input {
        width: 14em;
      }
      dialog {
        width: min(760px, 94vw);
      }
      .counts {
        display: flex;
        gap: 14px;
        flex-wrap: wrap;
        margin: 8px 0;
      }
      .counts[hidden] {
        display: none;
      }
      .counts .n {
        font-weight: 600;
      }
      .counts .failed .n {
        color: var(--nb-error);
      }
      .counts .needs .n {
        color: var(--nb-warning);
      }
      h3 {
        font-size: 14px;
        margin: 14px 0 6px;
      }
      ul {
        margin: 0;
        padding-left: 1.2em;
      }
      li {
        margin: 3px 0;
        overflow-wrap: anywhere;
      }
      .file {
        font-family: ui-monospace, 'Cascadia Mono', Consolas, monospace;
        font-size: 12px;
      }
      .needs-row {
        border: 1px solid var(--nb-line);
        border-radius: var(--nb-radius);
        padding: 6px 8px;
        margin: 6px 0;
        list-style: none;
      }
      .needs-row .choose {
        display: flex;
        gap: 6px;
        flex-wrap: wrap;
        margin-top: 4px;
        align-items: center;
      }
      .needs-row select,
      .needs-row input:not([type='checkbox']) {
        min-width: 14em;
      }
      details summary {
        cursor: pointer;
        margin-top: 10px;
      }
      .published-choice {
        display: inline-flex;
        align-items: center;
        gap: 4px;
        font-size: 13px;
      }
      .mark {
        min-height: 22px;
        font-size: 12px;
        padding: 0 6px;
        margin-left: 4px;
      }
      .tag {
        font-size: 11px;
        color: var(--nb-muted);
        border: 1px solid currentColor;
        border-radius: 8px;
        padding: 0 5px;
        margin-left: 4px;
      }
      .new {
        font-size: 11px;
        color: var(--nb-ok);
        border: 1px solid currentColor;
        border-radius: 8px;
        padding: 0 5px;
        margin-left: 4px;
      }
    `,
  ];

  override render() {
    return html`<button data-action="import-files" @click=${() => this.pick('files')}>
        导入文件…
      </button>
      <button data-action="import-folder" @click=${() => this.pick('folder')}>导入文件夹…</button>
      <label
        class="published-choice"
        title="导入文件夹时，往年（当前报告年度以前）的报告视为网站上已发布的：标记后只读，问题照常列出但不算待办。当年的报告不标记；单个文件可在导入结果中标记。"
      >
        <input
          type="checkbox"
          data-role="import-published"
          .checked=${this.markPast}
          @change=${(e: Event) => (this.markPast = (e.target as HTMLInputElement).checked)}
        />
        导入文件夹时往年报告标记为已发布（存档）
      </label>
      <input
        type="file"
        id="files"
        data-role="import-files-input"
        multiple
        accept=".docx,.html,.htm,.txt,.md,.json,.mht,.mhtml"
        hidden
        @change=${this.onFiles}
      />
      <input
        type="file"
        id="folder"
        data-role="import-folder-input"
        webkitdirectory
        hidden
        @change=${this.onFiles}
      />
      <form
        class="path"
        @submit=${(e: Event) => {
          e.preventDefault();
          void this.importPath();
        }}
      >
        <label for="path" class="visually-hidden">本机文件或文件夹路径</label>
        <input
          id="path"
          data-role="import-path"
          placeholder="本机文件夹路径，如 D:\\历年报告"
          .value=${this.path}
          @input=${(e: Event) => (this.path = (e.target as HTMLInputElement).value)}
        />
        <button type="submit" data-action="import-path" ?disabled=${!this.path.trim()}>
          按路径导入
        </button>
      </form>
      ${this.renderDialog()}`;
  }

  private pick(which: 'files' | 'folder'): void {
    this.renderRoot.querySelector<HTMLInputElement>(`#${which}`)?.click();
  }

  private readonly onFiles = (e: Event) => {
    const input = e.target as HTMLInputElement;
    const picked = [...(input.files ?? [])];
    const folder = input.id === 'folder';
    input.value = '';
    if (!picked.length) return;
    const named = picked.map((f) => [f.webkitRelativePath || f.name, f] as const);
    const usable = folder
      ? named.filter(([name]) => {
          const base = name.split('/').pop() ?? name;
          const lower = base.toLowerCase();
          return !base.startsWith('.') && !base.startsWith('~$') && isReportFileName(lower);
        })
      : named;
    const skipped = named.length - usable.length;
    this.note = skipped ? `已跳过 ${skipped} 个不是报告的文件（图片、表格等）。` : '';
    if (!usable.length) {
      this.open();
      this.phase = 'done';
      this.summary = null;
      this.problem = '所选文件夹中没有可导入的报告文件（.docx、.html、.txt、.md、.json 等）。';
      return;
    }
    if (usable.length > MAX_FILES) {
      this.open();
      this.phase = 'done';
      this.summary = null;
      this.problem = `一次最多导入 ${MAX_FILES} 个文件，所选有 ${usable.length} 个。请分几次导入，或使用“按路径导入”。`;
      return;
    }
    this.source = { kind: 'upload', files: new Map(usable) };
    this.folder = folder;
    void this.runUpload(usable.map(([name]) => name));
  };

  private open(): void {
    this.progress = null;
    this.problem = '';
    this.cancelled = false;
    void this.updateComplete.then(() => {
      const dialog = this.renderRoot.querySelector<HTMLDialogElement>('dialog');
      if (dialog && !dialog.open) dialog.showModal();
    });
  }

  private start(): AbortSignal {
    this.open();
    this.summary = null;
    this.choices = {};
    this.typed = {};
    this.controller = new AbortController();
    this.processed = 0;
    return this.controller.signal;
  }

  /** Sends the named files (of the last picked set) in batches; `units` for a second round. */
  private async runUpload(
    names: readonly string[],
    units?: Record<string, string>,
    replace?: string[],
  ): Promise<void> {
    if (this.source.kind !== 'upload') return;
    const files = this.source.files;
    const signal = this.start();
    const results: ImportFileResult[] = [];
    const total = names.length;
    try {
      let i = 0;
      while (i < names.length && !signal.aborted) {
        // read one batch
        this.phase = 'reading';
        const batch: { name: string; data: Uint8Array }[] = [];
        let bytes = 0;
        while (
          i < names.length &&
          batch.length < BATCH_FILES &&
          (bytes < BATCH_BYTES || !batch.length)
        ) {
          const name = names[i]!;
          this.progress = { done: i, total, file: name };
          const data = new Uint8Array(await files.get(name)!.arrayBuffer());
          batch.push({ name, data });
          bytes += data.length;
          i++;
        }
        if (signal.aborted) break;
        this.phase = 'running';
        const offset = i - batch.length;
        const summary = await api().importUpload(
          {
            files: batch,
            author: this.author,
            published: this.markPast && this.folder,
            ...(units ? { units } : {}),
            ...(replace ? { replace } : {}),
          },
          (p) => {
            this.progress = { done: offset + p.done, total, file: p.file };
            this.processed = offset + p.done;
          },
          signal,
        );
        results.push(...summary.results);
      }
    } catch (error) {
      if (!signal.aborted) this.problem = `导入中断：${errorMessage(error)}`;
    }
    this.finish(results, signal.aborted, this.unknownCount(results.length));
  }

  private async importPath(
    paths?: readonly string[],
    units?: Record<string, string>,
    replace?: string[],
  ) {
    const list = paths ?? [this.path.trim()];
    if (!list[0]) return;
    if (!paths) this.source = { kind: 'path' };
    this.note = '';
    const signal = this.start();
    this.phase = 'running';
    let results: readonly ImportFileResult[] = [];
    try {
      const summary = await api().importFiles(
        {
          paths: [...list],
          author: this.author,
          // a path without a report file's extension is a folder
          published: this.markPast && list.some((p) => !isReportFileName(p.toLowerCase())),
          ...(units ? { units } : {}),
          ...(replace ? { replace } : {}),
        },
        (p) => {
          this.progress = p;
          this.processed = p.done;
        },
        signal,
      );
      results = summary.results;
    } catch (error) {
      if (!signal.aborted) this.problem = errorMessage(error);
    }
    this.finish(results, signal.aborted, this.unknownCount(results.length));
  }

  /** Files the main process went through whose results never came back (cancelled). */
  private unknownCount(known: number): number {
    return Math.max(0, this.processed - known);
  }

  private finish(results: readonly ImportFileResult[], cancelled: boolean, unknown = 0): void {
    this.unknown = cancelled ? unknown : 0;
    const count = (s: ImportFileResult['status']) => results.filter((r) => r.status === s).length;
    this.summary = {
      results,
      imported: count('imported'),
      unchanged: count('unchanged'),
      needsUnit: count('needs-unit'),
      exists: count('exists'),
      failed: count('failed'),
      published: results.filter((r) => r.published).length,
    };
    this.replacing = {};
    this.cancelled = cancelled;
    this.phase = 'done';
    this.controller = null;
    const choices: Record<string, string> = {};
    for (const r of results) {
      if (r.status === 'needs-unit') choices[r.file] = r.candidates?.[0]?.id ?? OTHER;
    }
    this.choices = choices;
    // the archive changed when anything was imported (or when the import stopped half way)
    if (this.summary.imported || this.summary.published || cancelled) {
      this.dispatchEvent(new Event('archive-changed', { bubbles: true, composed: true }));
    }
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>('[data-role="import-summary"]')?.focus(),
    );
  }

  private cancel(): void {
    this.controller?.abort();
  }

  private close(): void {
    if (this.phase === 'reading' || this.phase === 'running') return;
    this.renderRoot.querySelector<HTMLDialogElement>('dialog')?.close();
    this.phase = 'idle';
    this.summary = null;
    this.problem = '';
  }

  private async reimport(): Promise<void> {
    const summary = this.summary;
    if (!summary) return;
    const units: Record<string, string> = {};
    for (const r of summary.results) {
      if (r.status !== 'needs-unit') continue;
      const choice = this.choices[r.file] ?? SKIP;
      const unit = choice === OTHER ? (this.typed[r.file] ?? r.unitName ?? '').trim() : choice;
      if (unit) units[r.file] = unit;
    }
    const files = Object.keys(units);
    if (!files.length) {
      this.problem = '请为至少一个文件选择单位，或填写单位名称。';
      return;
    }
    if (this.source.kind === 'upload') await this.runUpload(files, units);
    else await this.importPath(files, units);
  }

  /** Imports again the exists files the clerk ticked, replacing their years' reports. */
  private async replaceChosen(): Promise<void> {
    const files = Object.entries(this.replacing)
      .filter(([, on]) => on)
      .map(([file]) => file);
    if (!files.length) {
      this.problem = '请先勾选要替换的文件。';
      return;
    }
    if (this.source.kind === 'upload') await this.runUpload(files, undefined, files);
    else await this.importPath(files, undefined, files);
  }

  private renderDialog() {
    const running = this.phase === 'reading' || this.phase === 'running';
    return html`<dialog
      aria-labelledby="import-title"
      data-role="import-dialog"
      @cancel=${(e: Event) => {
        e.preventDefault();
        if (running) this.cancel();
        else this.close();
      }}
    >
      <h2 id="import-title">导入报告</h2>
      ${
        running
          ? html`<nb-progress
              data-role="import-progress"
              .value=${this.progress ? this.progress.done : null}
              .max=${this.progress?.total ?? 1}
              label=${this.progressText()}
              cancellable
              @cancel=${() => this.cancel()}
            ></nb-progress>`
          : nothing
      }
      ${this.note ? html`<p class="muted">${this.note}</p>` : nothing}
      ${this.problem ? html`<p class="error-text" role="alert">${this.problem}</p>` : nothing}
      ${this.phase === 'done' && this.summary ? this.renderSummary(this.summary) : nothing}
      <div class="buttons">
        ${
          this.phase === 'done' && this.summary?.needsUnit
            ? html`<button
                class="primary"
                data-action="reimport"
                @click=${() => void this.reimport()}
              >
                按所选单位导入
              </button>`
            : nothing
        }
        ${
          this.phase === 'done' && this.summary?.exists
            ? html`<button
                class="primary"
                data-action="replace-selected"
                ?disabled=${!Object.values(this.replacing).some(Boolean)}
                @click=${() => void this.replaceChosen()}
              >
                用所选文件替换
              </button>`
            : nothing
        }
        <button data-action="close-import" ?disabled=${running} @click=${() => this.close()}>
          关闭
        </button>
      </div>
    </dialog>`;
  }

  private progressText(): string {
    const p = this.progress;
    if (!p) return '正在准备…';
    const verb = this.phase === 'reading' ? '正在读取' : '已处理';
    return `${verb} ${p.done} / ${p.total}${p.file ? `：${p.file}` : ''}`;
  }

  private renderSummary(s: ImportSummary) {
    const by = (status: ImportFileResult['status']) => s.results.filter((r) => r.status === status);
    const failed = by('failed');
    const needs = by('needs-unit');
    const exists = by('exists');
    const imported = by('imported');
    const unchanged = by('unchanged');
    return html`<div data-role="import-summary" tabindex="-1" role="status">
        ${
          this.cancelled
            ? html`<p class="error-text" data-role="import-cancelled">
                已取消。取消前已导入的文件保留在档案库中${
                  this.unknown
                    ? `（另有约 ${this.unknown} 个文件已处理，结果未能显示；再次导入同一批文件时，已导入的会显示为“未变化”）`
                    : ''
                }。
              </p>`
            : nothing
        }
        <div class="counts" ?hidden=${this.cancelled && s.results.length === 0}>
          <span data-count="imported"><span class="n">${s.imported}</span> 份已导入</span>
          <span data-count="unchanged"
            ><span class="n">${s.unchanged}</span> 份与档案库中相同（未变化）</span
          >
          <span class="needs" data-count="needs-unit"
            ><span class="n">${s.needsUnit}</span> 份需确认单位</span
          >
          ${
            s.exists
              ? html`<span class="needs" data-count="exists"
                  ><span class="n">${s.exists}</span> 份的年度已有报告（未替换）</span
                >`
              : nothing
          }
          <span class="failed" data-count="failed"><span class="n">${s.failed}</span> 份失败</span>
          ${
            s.published
              ? html`<span data-count="published"
                  ><span class="n">${s.published}</span> 份往年报告标记为已发布（存档）</span
                >`
              : nothing
          }
        </div>
      </div>
      ${
        failed.length
          ? html`<h3>失败的文件</h3>
              <ul data-role="import-failed">
                ${failed.map(
                  (r) =>
                    html`<li>
                      <span class="file">${r.file}</span>：<span class="error-text"
                        >${r.message ?? '无法导入。'}</span
                      >
                    </li>`,
                )}
              </ul>`
          : nothing
      }
      ${
        exists.length
          ? html`<h3>档案库中已有这些年度的报告</h3>
              <p class="muted" style="margin:0;font-size:13px">
                默认不替换。勾选要替换的文件后点“用所选文件替换”；原内容保留在历史中，仍适用的忽略/已核实决定保留。
              </p>
              <ul style="padding:0" data-role="import-exists">
                ${exists.map((r, i) => this.existsRow(r, i))}
              </ul>`
          : nothing
      }
      ${
        needs.length
          ? html`<h3>需确认单位的文件</h3>
              <ul style="padding:0" data-role="import-needs-unit">
                ${needs.map((r, i) => this.needsRow(r, i))}
              </ul>
              <datalist id="unit-names">
                ${this.units.filter((u) => !u.mergedInto).map((u) => html`<option value=${u.name}></option>`)}
              </datalist>`
          : nothing
      }
      <nb-unit-kinds .results=${s.results} .author=${this.author}></nb-unit-kinds>
      ${
        imported.length || unchanged.length
          ? html`<details ?open=${imported.length + unchanged.length <= 8}>
              <summary>已导入和未变化的文件（${imported.length + unchanged.length}）</summary>
              <ul>
                ${[...imported, ...unchanged].map(
                  (r) =>
                    html`<li>
                      <span class="file">${r.file}</span> →
                      ${r.unitName ?? ''}${
                        r.year ? ` · ${r.year}年` : ''
                      }${r.legacy ? '（旧格式文本）' : ''}${
                        r.status === 'unchanged' ? '（未变化）' : ''
                      }${r.newUnit ? html`<span class="new">新单位</span>` : nothing}${
                        r.published
                          ? html`<span class="tag">已发布（存档）</span>`
                          : offerMark(r, new Date())
                            ? html`<button
                                class="mark"
                                data-action="mark-published"
                                ?disabled=${this.marking === r.file}
                                @click=${() => void this.markPublished(r)}
                              >
                                标记为已发布（存档）
                              </button>`
                            : nothing
                      }
                    </li>`,
                )}
              </ul>
            </details>`
          : nothing
      }`;
  }

  /** A single file of a past year, imported unmarked: marked on the clerk's click (signed). */
  private async markPublished(r: ImportFileResult): Promise<void> {
    const summary = this.summary;
    if (!summary || !r.unitId || !r.year) return;
    this.marking = r.file;
    this.problem = '';
    try {
      const saved = await api().markPublished({
        unitId: r.unitId,
        year: r.year,
        author: this.author,
      });
      const marked = { ...r, published: true, revision: saved.revision };
      this.summary = {
        ...summary,
        results: summary.results.map((x) => (x === r ? marked : x)),
        published: summary.published + 1,
      };
      this.dispatchEvent(new Event('archive-changed', { bubbles: true, composed: true }));
    } catch (error) {
      this.problem = `未能标记为已发布：${errorMessage(error)}`;
    } finally {
      this.marking = '';
    }
  }

  private existsRow(r: ImportFileResult, i: number) {
    const id = `exists-${i}`;
    return html`<li class="needs-row" data-file=${r.file}>
      <div>
        <span class="file">${r.file}</span> → ${r.unitName ?? ''}${r.year ? ` · ${r.year}年` : ''}
      </div>
      <div style="font-size:13px" data-role="exists-message">${r.message ?? ''}</div>
      <div class="choose">
        <input
          type="checkbox"
          id=${id}
          data-role="replace-choice"
          .checked=${this.replacing[r.file] ?? false}
          @change=${(e: Event) => {
            this.replacing = {
              ...this.replacing,
              [r.file]: (e.target as HTMLInputElement).checked,
            };
          }}
        />
        <label for=${id}>替换为导入的文件</label>
      </div>
    </li>`;
  }

  private needsRow(r: ImportFileResult, i: number) {
    const choice = this.choices[r.file] ?? SKIP;
    const id = `needs-${i}`;
    return html`<li class="needs-row" data-file=${r.file}>
      <div><span class="file">${r.file}</span>${r.year ? ` · ${r.year}年` : ''}</div>
      <div class="muted" style="font-size:13px">${r.message ?? ''}</div>
      <div class="choose">
        <label for=${id}>归入单位</label>
        <select
          id=${id}
          data-role="needs-unit-choice"
          @change=${(e: Event) => {
            this.choices = { ...this.choices, [r.file]: (e.target as HTMLSelectElement).value };
          }}
        >
          ${(r.candidates ?? []).map(
            (c) => html`<option value=${c.id} ?selected=${choice === c.id}>${c.name}</option>`,
          )}
          <option value=${OTHER} ?selected=${choice === OTHER}>
            ${r.unitName ? `其他单位或新单位（填写名称）` : '填写单位名称'}
          </option>
          <option value=${SKIP} ?selected=${choice === SKIP}>暂不导入</option>
        </select>
        ${
          choice === OTHER
            ? html`<label class="visually-hidden" for=${`${id}-name`}>单位名称</label>
                <input
                  id=${`${id}-name`}
                  data-role="needs-unit-name"
                  list="unit-names"
                  placeholder="单位名称（没有的单位会新建）"
                  .value=${this.typed[r.file] ?? r.unitName ?? ''}
                  @input=${(e: Event) => {
                    this.typed[r.file] = (e.target as HTMLInputElement).value;
                  }}
                />`
            : nothing
        }
      </div>
    </li>`;
  }
}
customElements.define('nb-import', NbImport);

declare global {
  interface HTMLElementTagNameMap {
    'nb-import': NbImport;
  }
}
