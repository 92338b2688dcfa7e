/**
 * 定稿记录: every finalisation (定稿) of a report, newest first — the one in force and each
 * earlier one that was reopened since — with its revision, who and when, the reopening (who,
 * when, why), the SHA-256 of its archived PDF and 下载 PDF, which hands over the archived bytes
 * (checked against the SHA-256 on the way out). Shown above the revisions in 历史.
 *
 *   <nb-finalisations unit-id=${unitId} year=${year} .refresh=${n}></nb-finalisations>
 *
 * DOM contract (tests): `[data-role="finalisation"][data-id][data-revision][data-current]`,
 * inside it `[data-role="sha256"]` (the full digest) and `button[data-action="download-finalised"]`;
 * `[data-role="finalisations-problem"]` when the list or a download failed.
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import type { FinalisationEntry } from '../../../core/api';
import { formatTime } from '../../../core/dates';
import { api, errorMessage } from '../../api';
import { download } from '../../lib/files';
import { LatestRequest } from '../../lib/latest';
import { theme } from '../../styles/theme';

export class NbFinalisations extends LitElement {
  static override properties = {
    unitId: { attribute: 'unit-id' },
    year: { type: Number },
    refresh: { attribute: false },
    entries: { state: true },
    problem: { state: true },
    busy: { state: true },
  };
  declare unitId: string;
  declare year: number;
  /** Changed by the owner when the report was saved, finalised or reopened: list again. */
  declare refresh: number;
  declare entries: readonly FinalisationEntry[] | null;
  declare problem: string;
  /** The id of the finalisation whose PDF is being fetched. */
  declare busy: number | null;
  private readonly requests = new LatestRequest();

  constructor() {
    super();
    this.unitId = '';
    this.year = 0;
    this.refresh = 0;
    this.entries = null;
    this.problem = '';
    this.busy = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (
      (changed.has('unitId') || changed.has('year') || changed.has('refresh')) &&
      this.unitId &&
      this.year
    ) {
      void this.load();
    }
  }

  private async load(): Promise<void> {
    const current = this.requests.start();
    try {
      const entries = await api().listFinalisations({ unitId: this.unitId, year: this.year });
      if (!current()) return;
      this.entries = entries;
      this.problem = '';
    } catch (error) {
      if (!current()) return;
      this.entries = [];
      this.problem = `无法读取定稿记录：${errorMessage(error)}`;
    }
  }

  private async fetchPdf(entry: FinalisationEntry): Promise<void> {
    this.busy = entry.id;
    this.problem = '';
    try {
      const file = await api().finalisedPdf({ unitId: this.unitId, year: this.year, id: entry.id });
      download(file.pdf as Uint8Array<ArrayBuffer>, file.fileName, 'application/pdf');
    } catch (error) {
      this.problem = `未能下载定稿 PDF：${errorMessage(error)}`;
    } finally {
      this.busy = null;
    }
  }

  static override styles = [
    theme,
    css`
      :host {
        display: block;
        border-bottom: 2px solid var(--nb-line);
      }
      h2 {
        font-size: 14px;
        margin: 0;
        padding: 8px 12px;
        border-bottom: 1px solid var(--nb-line);
        background: var(--nb-panel);
      }
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      li {
        padding: 6px 12px;
        border-bottom: 1px solid var(--nb-line);
        font-size: 13px;
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
      .meta,
      .reopened {
        font-size: 12px;
        color: var(--nb-muted);
        overflow-wrap: anywhere;
      }
      .sha {
        font-family: var(--nb-mono, monospace);
        font-size: 11px;
        overflow-wrap: anywhere;
        color: var(--nb-text);
      }
      .chip {
        border-radius: 10px;
        padding: 0 7px;
        font-size: 11px;
        border: 1px solid currentColor;
        white-space: nowrap;
      }
      .chip.current {
        color: #fff;
        background: var(--nb-accent);
        border-color: var(--nb-accent);
      }
      .chip.earlier {
        color: var(--nb-muted);
      }
      button {
        margin-top: 4px;
      }
      .problem {
        padding: 6px 12px;
        margin: 0;
      }
    `,
  ];

  override render() {
    const list = this.entries;
    if (!list || (list.length === 0 && !this.problem)) return nothing;
    return html`<section aria-labelledby="fin-title">
      <h2 id="fin-title">定稿记录（${list.length}）</h2>
      ${
        this.problem
          ? html`<p class="problem error-text" role="alert" data-role="finalisations-problem">
              ${this.problem}
            </p>`
          : nothing
      }
      <ol>
        ${list.map((f) => this.entry(f))}
      </ol>
    </section>`;
  }

  private entry(f: FinalisationEntry) {
    const current = f.reopened === null;
    return html`<li
      data-role="finalisation"
      data-id=${f.id}
      data-revision=${f.revision}
      data-current=${current ? 'true' : 'false'}
    >
      <div class="line1">
        <span class="num">第 ${f.revision} 版定稿</span>
        ${
          current
            ? html`<span class="chip current">现行定稿</span>`
            : html`<span class="chip earlier">已重新打开</span>`
        }
      </div>
      <div class="meta">${formatTime(f.at)} · ${f.by || '（未署名）'}</div>
      ${
        f.reopened
          ? html`<div class="reopened">
              ${formatTime(f.reopened.at)} 由 ${f.reopened.by || '（未署名）'}
              重新打开：${f.reopened.reason}
            </div>`
          : nothing
      }
      ${
        f.sha256
          ? html`<div class="meta">
              SHA-256：<span class="sha" data-role="sha256">${f.sha256}</span>
            </div>`
          : nothing
      }
      ${
        f.bytes > 0
          ? html`<button
              data-action="download-finalised"
              ?disabled=${this.busy === f.id}
              aria-label="下载第 ${f.revision} 版定稿的 PDF（${formatTime(f.at)}）"
              @click=${() => void this.fetchPdf(f)}
            >
              ${this.busy === f.id ? '正在读取…' : `下载 PDF（${(f.bytes / 1024).toFixed(0)} KB）`}
            </button>`
          : html`<div class="meta">这次定稿没有存档 PDF。</div>`
      }
    </li>`;
  }
}
customElements.define('nb-finalisations', NbFinalisations);

declare global {
  interface HTMLElementTagNameMap {
    'nb-finalisations': NbFinalisations;
  }
}
