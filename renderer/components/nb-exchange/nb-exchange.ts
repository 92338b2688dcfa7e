/**
 * `<nb-exchange .office .author>` (route #/exchange, issue 15 item 1): the county office imports
 * the exchange files (`.nianbao`) its departments and townships sent — picked as files or a
 * whole folder (the window reads them and sends their bytes: `importExchange`, in batches), or a
 * folder path on this computer — with progress and 取消, then the results: refused files with
 * their reason (altered after export, older revision, finalised here…), files whose unit must be
 * chosen (needs-unit: a unit, or the file's own name as a new unit; imported again with
 * `units`), added and identical ones. From a dashboard (`office`), it leads back to it.
 * Logic in renderer/models/exchange-view.ts.
 */
import { LitElement, css, html, nothing } from 'lit';
import type { ImportProgress, UnitInfo } from '../../../core/api';
import type { ExchangeFileResult } from '../../../core/exchange';
import { api, errorMessage } from '../../api';
import {
  NEW_UNIT,
  SKIP,
  batches,
  chosenUnits,
  countsText,
  defaultChoices,
  groupResults,
  isExchangeFileName,
  mergeResults,
  outcomeText,
  whatText,
} from '../../models/exchange-view';
import type { ReportRef } from '../../state/router';
import { screenStyles } from '../../styles/screen';
import { theme } from '../../styles/theme';
import '../nb-progress/nb-progress';

type Source =
  | { readonly kind: 'upload'; readonly files: ReadonlyMap<string, File> }
  | { readonly kind: 'path'; readonly paths: readonly string[] };

export class NbExchange extends LitElement {
  static override properties = {
    office: { attribute: false },
    author: {},
    running: { state: true },
    progress: { state: true },
    results: { state: true },
    problem: { state: true },
    note: { state: true },
    cancelled: { state: true },
    choices: { state: true },
    units: { state: true },
    path: { state: true },
  };
  /** The dashboard this screen was opened from (parent unit and year), if any. */
  declare office: ReportRef | undefined;
  declare author: string;
  declare running: boolean;
  declare progress: ImportProgress | null;
  declare results: readonly ExchangeFileResult[] | null;
  declare problem: string;
  declare note: string;
  declare cancelled: boolean;
  /** needs-unit file → unit id, NEW_UNIT or SKIP. */
  declare choices: Readonly<Record<string, string>>;
  declare units: readonly UnitInfo[];
  declare path: string;
  private source: Source = { kind: 'path', paths: [] };
  private controller: AbortController | null = null;

  constructor() {
    super();
    this.office = undefined;
    this.author = '';
    this.running = false;
    this.progress = null;
    this.results = null;
    this.problem = '';
    this.note = '';
    this.cancelled = false;
    this.choices = {};
    this.units = [];
    this.path = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void api()
      .listUnits()
      .then((u) => (this.units = u))
      .catch(() => undefined);
  }

  static override styles = [
    theme,
    screenStyles,
    css`
      :host {
        overflow: auto;
      }
      .body {
        padding: 10px 16px 24px;
        max-width: 1100px;
      }
      .pick {
        display: flex;
        flex-wrap: wrap;
        gap: 8px;
        align-items: center;
        margin: 8px 0 4px;
      }
      .pick form {
        display: flex;
        gap: 4px;
        align-items: center;
      }
      .pick input:not([type='file']) {
        width: 18em;
      }
      .intro {
        margin: 4px 0;
        max-width: 60em;
      }
      .counts {
        display: flex;
        flex-wrap: wrap;
        gap: 16px;
        margin: 12px 0 4px;
        font-size: 14px;
      }
      .counts .n {
        font-weight: 600;
        font-size: 16px;
      }
      .counts .refused .n {
        color: var(--nb-error);
      }
      .counts .needs .n {
        color: var(--nb-warning);
      }
      .counts .added .n {
        color: var(--nb-ok);
      }
      h2 {
        font-size: 14px;
        margin: 16px 0 6px;
      }
      table {
        border-collapse: collapse;
        width: 100%;
        font-size: 13px;
      }
      th,
      td {
        border-bottom: 1px solid var(--nb-line);
        padding: 4px 8px;
        text-align: left;
        vertical-align: top;
      }
      th {
        background: var(--nb-panel);
        font-weight: 500;
      }
      td.file {
        overflow-wrap: anywhere;
        max-width: 22em;
        font-family: ui-monospace, 'Cascadia Mono', Consolas, monospace;
        font-size: 12px;
      }
      tr.refused td.why {
        color: var(--nb-error);
      }
      .choose {
        display: flex;
        gap: 6px;
        flex-wrap: wrap;
        align-items: center;
      }
      .choose select {
        min-width: 16em;
      }
      .after {
        display: flex;
        gap: 8px;
        flex-wrap: wrap;
        margin-top: 12px;
      }
    `,
  ];

  override render() {
    const back = this.office;
    const dashboard = back ? `#/office/${encodeURIComponent(back.unitId)}/${back.year}` : '';
    return html`<div class="bar">
        <a class="button" href=${dashboard || '#/'} data-action="exchange-back"
          >← ${back ? '报送情况' : '首页'}</a
        >
        <h1 data-role="exchange-title">导入交换文件</h1>
      </div>
      <div class="body">
        <p class="intro muted">
          各部门、乡镇（街道）用“导出交换文件”生成的
          <b>.nianbao</b> 文件（U 盘或内网共享）。每个文件都逐项核对
          SHA-256：导出后被改动过的文件不导入，并说明哪一部分不符；同一单位同一年度的较新版本作为新版本加入历史，相同的不重复导入，较旧的不导入；本档案库中已定稿的报告不会被替换。
        </p>
        <div class="pick">
          <button
            class="primary"
            data-action="exchange-files"
            ?disabled=${this.running}
            @click=${() => this.pick('files')}
          >
            选择交换文件…
          </button>
          <button
            data-action="exchange-folder"
            ?disabled=${this.running}
            @click=${() => this.pick('folder')}
          >
            选择文件夹…
          </button>
          <input
            type="file"
            id="files"
            data-role="exchange-files-input"
            multiple
            accept=".nianbao"
            hidden
            @change=${this.onFiles}
          />
          <input
            type="file"
            id="folder"
            data-role="exchange-folder-input"
            webkitdirectory
            hidden
            @change=${this.onFiles}
          />
          <form
            @submit=${(e: Event) => {
              e.preventDefault();
              const p = this.path.trim();
              if (p) void this.run({ kind: 'path', paths: [p] });
            }}
          >
            <label for="path" class="visually-hidden">本机文件夹路径</label>
            <input
              id="path"
              data-role="exchange-path"
              placeholder="或本机文件夹路径，如 E:\\2025年报"
              .value=${this.path}
              @input=${(e: Event) => (this.path = (e.target as HTMLInputElement).value)}
            />
            <button
              type="submit"
              data-action="exchange-path"
              ?disabled=${this.running || !this.path.trim()}
            >
              按路径导入
            </button>
          </form>
        </div>
        ${
          this.running
            ? html`<nb-progress
                data-role="exchange-progress"
                .value=${this.progress ? this.progress.done : null}
                .max=${this.progress?.total ?? 1}
                label=${this.progressText()}
                cancellable
                @cancel=${() => this.controller?.abort()}
              ></nb-progress>`
            : nothing
        }
        ${this.note ? html`<p class="muted">${this.note}</p>` : nothing}
        ${this.problem ? html`<p class="error-text" role="alert">${this.problem}</p>` : nothing}
        ${this.results && !this.running ? this.renderResults(this.results, dashboard) : nothing}
      </div>`;
  }

  private pick(which: 'files' | 'folder'): void {
    this.renderRoot.querySelector<HTMLInputElement>(`#${which}`)?.click();
  }

  private readonly onFiles = (e: Event) => {
    const input = e.target as HTMLInputElement;
    const picked = [...(input.files ?? [])];
    input.value = '';
    if (!picked.length) return;
    const named = picked.map((f) => [f.webkitRelativePath || f.name, f] as const);
    const usable = named.filter(([name]) => isExchangeFileName(name));
    const skipped = named.length - usable.length;
    this.note = skipped ? `已跳过 ${skipped} 个不是交换文件（.nianbao）的文件。` : '';
    if (!usable.length) {
      this.results = null;
      this.problem = '所选文件中没有交换文件（.nianbao）。';
      return;
    }
    void this.run({ kind: 'upload', files: new Map(usable) });
  };

  /** Imports the source's files (all, or `only` these with the units chosen). */
  private async run(
    source: Source,
    only?: { readonly files: readonly string[]; readonly units: Record<string, string> },
  ): Promise<void> {
    this.source = source;
    this.running = true;
    this.problem = '';
    this.cancelled = false;
    this.progress = null;
    const controller = new AbortController();
    this.controller = controller;
    const got: ExchangeFileResult[] = [];
    try {
      if (source.kind === 'path') {
        const summary = await api().importExchange(
          {
            paths: [...(only?.files ?? source.paths)],
            author: this.author,
            ...(only ? { units: only.units } : {}),
          },
          (p) => (this.progress = p),
          controller.signal,
        );
        got.push(...summary.results);
      } else {
        const names = only?.files ?? [...source.files.keys()];
        const list = names.map((name) => ({ name, size: source.files.get(name)!.size }));
        const total = list.length;
        let offset = 0;
        for (const batch of batches(list)) {
          if (controller.signal.aborted) break;
          const files = [];
          for (const f of batch) {
            this.progress = { done: offset + files.length, total, file: f.name };
            files.push({
              name: f.name,
              data: new Uint8Array(await source.files.get(f.name)!.arrayBuffer()),
            });
          }
          const at = offset;
          const summary = await api().importExchange(
            { files, author: this.author, ...(only ? { units: only.units } : {}) },
            (p) => (this.progress = { done: at + p.done, total, file: p.file }),
            controller.signal,
          );
          got.push(...summary.results);
          offset += batch.length;
        }
      }
    } catch (error) {
      if (!controller.signal.aborted) this.problem = `导入中断：${errorMessage(error)}`;
    }
    this.cancelled = controller.signal.aborted;
    this.controller = null;
    this.running = false;
    const results = only && this.results ? mergeResults(this.results, got) : got;
    this.results = results;
    this.choices = defaultChoices(results);
    if (got.some((r) => r.status === 'added' && r.newUnit)) {
      void api()
        .listUnits()
        .then((u) => (this.units = u))
        .catch(() => undefined);
    }
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLElement>('[data-role="exchange-summary"]')?.focus(),
    );
  }

  private async importChosen(): Promise<void> {
    const results = this.results ?? [];
    const units = chosenUnits(results, this.choices);
    const files = Object.keys(units);
    if (!files.length) {
      this.problem = '请为至少一个文件选择单位。';
      return;
    }
    await this.run(this.source, { files, units });
  }

  private progressText(): string {
    const p = this.progress;
    if (!p) return '正在准备…';
    return `已处理 ${p.done} / ${p.total}${p.file ? `：${p.file}` : ''}`;
  }

  private renderResults(results: readonly ExchangeFileResult[], dashboard: string) {
    const g = groupResults(results);
    return html`<div data-role="exchange-summary" tabindex="-1" role="status">
        ${
          this.cancelled
            ? html`<p class="error-text" data-role="exchange-cancelled">
                已取消。取消前已导入的文件保留在档案库中；再次导入同一批文件时，已导入的显示为“相同，未导入”。
              </p>`
            : nothing
        }
        <div class="counts" aria-label=${countsText(g)}>
          <span class="added" data-count="added"
            ><span class="n">${g.added.length}</span> 份已导入</span
          >
          <span data-count="identical"
            ><span class="n">${g.identical.length}</span> 份相同，未导入</span
          >
          <span class="refused" data-count="refused"
            ><span class="n">${g.refused.length}</span> 份被拒绝</span
          >
          <span class="needs" data-count="needs-unit"
            ><span class="n">${g.needsUnit.length}</span> 份需确认单位</span
          >
        </div>
      </div>
      ${
        g.refused.length
          ? html`<h2>被拒绝的文件（未导入）</h2>
              <table data-role="exchange-refused">
                <thead>
                  <tr>
                    <th>文件</th>
                    <th>单位与年度</th>
                    <th>原因</th>
                  </tr>
                </thead>
                <tbody>
                  ${g.refused.map(
                    (r) =>
                      html`<tr class="refused" data-reason=${r.reason ?? ''}>
                        <td class="file">${r.file}</td>
                        <td>${whatText(r) || '—'}</td>
                        <td class="why">${r.message}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>`
          : nothing
      }
      ${g.needsUnit.length ? this.renderNeedsUnit(g.needsUnit) : nothing}
      ${
        g.added.length
          ? html`<h2>已导入</h2>
              <table data-role="exchange-added">
                <thead>
                  <tr>
                    <th>文件</th>
                    <th>单位与年度</th>
                    <th>结果</th>
                  </tr>
                </thead>
                <tbody>
                  ${g.added.map(
                    (r) =>
                      html`<tr>
                        <td class="file">${r.file}</td>
                        <td>
                          ${
                            r.unitId && r.year
                              ? html`<a
                                  href="#/report/${encodeURIComponent(r.unitId)}/${r.year}/edit"
                                  >${whatText(r)}</a
                                >`
                              : whatText(r)
                          }
                        </td>
                        <td>${outcomeText(r)}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>`
          : nothing
      }
      ${
        g.identical.length
          ? html`<details data-role="exchange-identical">
              <summary>相同，未导入（${g.identical.length} 份）</summary>
              <table>
                <tbody>
                  ${g.identical.map(
                    (r) =>
                      html`<tr>
                        <td class="file">${r.file}</td>
                        <td>${whatText(r)}</td>
                        <td>${outcomeText(r)}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </details>`
          : nothing
      }
      ${
        dashboard
          ? html`<div class="after">
              <a class="button" href=${dashboard} data-action="exchange-dashboard"
                >查看下属单位报送情况 →</a
              >
            </div>`
          : nothing
      }`;
  }

  private renderNeedsUnit(list: readonly ExchangeFileResult[]) {
    const units = this.units.filter((u) => !u.mergedInto);
    return html`<h2>需要确认单位的文件</h2>
      <p class="muted">
        文件中的单位与本档案库中的单位不完全相同。请选择它属于哪个单位，或按文件中的名称新建单位。
      </p>
      <table data-role="exchange-needs-unit">
        <thead>
          <tr>
            <th>文件</th>
            <th>文件中的单位与年度</th>
            <th>属于</th>
          </tr>
        </thead>
        <tbody>
          ${list.map((r) => {
            const id = `choose-${list.indexOf(r)}`;
            const choice = this.choices[r.file] ?? SKIP;
            const candidates = new Set((r.candidates ?? []).map((c) => c.id));
            return html`<tr>
              <td class="file">${r.file}</td>
              <td>${whatText(r)}<br /><span class="muted">${r.message}</span></td>
              <td>
                <div class="choose">
                  <label for=${id} class="visually-hidden">${r.file} 属于哪个单位</label>
                  <select
                    id=${id}
                    data-role="exchange-unit-choice"
                    @change=${(e: Event) =>
                      (this.choices = {
                        ...this.choices,
                        [r.file]: (e.target as HTMLSelectElement).value,
                      })}
                  >
                    ${(r.candidates ?? []).map(
                      (c) =>
                        html`<option value=${c.id} ?selected=${choice === c.id}>
                          ${c.name}（名称相近）
                        </option>`,
                    )}
                    <option value=${NEW_UNIT} ?selected=${choice === NEW_UNIT}>
                      新建单位“${r.unitName}”
                    </option>
                    ${units
                      .filter((u) => !candidates.has(u.id))
                      .map(
                        (u) =>
                          html`<option value=${u.id} ?selected=${choice === u.id}>
                            ${u.name}
                          </option>`,
                      )}
                    <option value=${SKIP} ?selected=${choice === SKIP}>暂不导入</option>
                  </select>
                </div>
              </td>
            </tr>`;
          })}
        </tbody>
      </table>
      <div class="after">
        <button
          class="primary"
          data-action="exchange-import-chosen"
          @click=${() => void this.importChosen()}
        >
          按所选单位导入
        </button>
      </div>`;
  }
}
customElements.define('nb-exchange', NbExchange);
