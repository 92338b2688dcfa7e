/**
 * Full-text search of the archive: a search box (debounced as you type, Enter searches at
 * once, Esc clears) and the hits — unit · year · title and the snippet with the matching parts
 * in <mark> (built from the snippet's parts, never as HTML). Choosing a hit opens the report.
 * Up/Down move between the box and the hits.
 */
import { LitElement, css, html, nothing } from 'lit';
import type { SearchHit } from '../../../core/api';
import { api, errorMessage } from '../../api';
import { LatestRequest } from '../../lib/latest';
import { navigate } from '../../state/router';
import { theme } from '../../styles/theme';

const DEBOUNCE_MS = 250;

export class NbSearch extends LitElement {
  static override properties = {
    query: { state: true },
    hits: { state: true },
    more: { state: true },
    searched: { state: true },
    busy: { state: true },
    problem: { state: true },
    open: { state: true },
  };
  declare query: string;
  declare hits: readonly SearchHit[];
  declare more: boolean;
  /** The query the shown hits answer ('' when none is shown). */
  declare searched: string;
  declare busy: boolean;
  declare problem: string;
  /** The results are shown (closed when focus leaves the search, opened again on focus). */
  declare open: boolean;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly searches = new LatestRequest();

  constructor() {
    super();
    this.query = '';
    this.hits = [];
    this.more = false;
    this.searched = '';
    this.busy = false;
    this.problem = '';
    this.open = true;
    // Tab to elsewhere closes the results; so does a click outside the search
    this.addEventListener('focusout', (e: FocusEvent) => {
      const to = e.relatedTarget as Node | null;
      if (to && !this.renderRoot.contains(to) && !this.contains(to)) this.open = false;
    });
    this.addEventListener('focusin', () => {
      this.open = true;
    });
  }

  private readonly onOutside = (e: PointerEvent) => {
    if (!e.composedPath().includes(this)) this.open = false;
  };

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener('pointerdown', this.onOutside, true);
  }

  override disconnectedCallback(): void {
    document.removeEventListener('pointerdown', this.onOutside, true);
    clearTimeout(this.timer);
    super.disconnectedCallback();
  }

  static override styles = [
    theme,
    css`
      :host {
        display: block;
        position: relative;
      }
      .box {
        display: flex;
        align-items: center;
        gap: 6px;
      }
      input[type='search'] {
        flex: 1;
        min-width: 8em;
        padding: 5px 8px;
      }
      .results {
        position: absolute;
        left: 0;
        right: 0;
        top: calc(100% + 4px);
        z-index: 20;
        border: 1px solid var(--nb-line);
        border-radius: var(--nb-radius);
        background: var(--nb-bg);
        max-height: min(60vh, 480px);
        overflow: auto;
        box-shadow: 0 6px 20px rgb(0 0 0 / 0.18);
      }
      .head {
        display: flex;
        align-items: center;
        gap: 8px;
        padding: 4px 10px;
        font-size: 13px;
        color: var(--nb-muted);
        border-bottom: 1px solid var(--nb-line);
        background: var(--nb-panel);
        position: sticky;
        top: 0;
      }
      .head button {
        margin-left: auto;
        min-height: 24px;
        padding: 0 8px;
        font-size: 12px;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      li + li {
        border-top: 1px solid var(--nb-line);
      }
      li button {
        display: block;
        width: 100%;
        text-align: left;
        border: 0;
        border-radius: 0;
        padding: 6px 10px;
        background: none;
      }
      li button:hover,
      li button:focus-visible {
        background: var(--nb-accent-bg);
      }
      .where {
        font-weight: 600;
        overflow-wrap: anywhere;
      }
      .title {
        color: var(--nb-muted);
        font-size: 13px;
        overflow-wrap: anywhere;
      }
      .snippet {
        font-size: 13px;
        margin-top: 2px;
        overflow-wrap: anywhere;
      }
      mark {
        background: #ffe58a;
        color: inherit;
        padding: 0 1px;
      }
      .empty {
        padding: 8px 10px;
        color: var(--nb-muted);
      }
      .problem {
        padding: 8px 10px;
      }
    `,
  ];

  override render() {
    return html`<div class="box" role="search">
        <label for="q" class="visually-hidden">搜索档案库</label>
        <input
          id="q"
          type="search"
          data-role="search-input"
          placeholder="搜索档案库：单位、年度报告中的文字…"
          autocomplete="off"
          aria-controls="results"
          .value=${this.query}
          @input=${this.onInput}
          @keydown=${this.onKey}
        />
        ${this.busy ? html`<span class="muted" style="font-size:12px">正在搜索…</span>` : nothing}
      </div>
      ${this.renderResults()}`;
  }

  private renderResults() {
    if (this.problem && this.open) {
      return html`<div class="results" id="results">
        <div class="problem error-text" role="alert">${this.problem}</div>
      </div>`;
    }
    if (!this.searched || !this.open) return html`<div id="results" hidden></div>`;
    return html`<div class="results" id="results" data-role="search-results">
      <div class="head" role="status" aria-live="polite">
        <span
          >${
            this.hits.length
              ? `“${this.searched}”：${this.hits.length}${this.more ? '+' : ''} 个结果`
              : `没有找到“${this.searched}”。`
          }${this.more ? '（只显示前面的结果，请输入更具体的内容）' : ''}</span
        >
        <button data-action="clear-search" @click=${() => this.clear(true)}>清除</button>
      </div>
      ${
        this.hits.length
          ? html`<ul aria-label="搜索结果">
              ${this.hits.map(
                (h) =>
                  html`<li>
                    <button
                      data-role="search-hit"
                      data-unit-id=${h.unitId}
                      data-year=${h.year}
                      @click=${() => this.openHit(h)}
                      @keydown=${this.onHitKey}
                    >
                      <div class="where">${h.unitName} · ${h.year}年</div>
                      <div class="title">${h.title}</div>
                      <div class="snippet">
                        ${h.snippet.map((part) => (part.hit ? html`<mark>${part.text}</mark>` : part.text))}
                      </div>
                    </button>
                  </li>`,
              )}
            </ul>`
          : nothing
      }
    </div>`;
  }

  private readonly onInput = (e: Event) => {
    this.query = (e.target as HTMLInputElement).value;
    clearTimeout(this.timer);
    if (!this.query.trim()) {
      this.clear(false);
      return;
    }
    this.timer = setTimeout(() => void this.run(), DEBOUNCE_MS);
  };

  private readonly onKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      clearTimeout(this.timer);
      void this.run();
    } else if (e.key === 'Escape' && this.query) {
      e.preventDefault();
      if (this.open && this.searched) this.open = false;
      else this.clear(true);
    } else if (e.key === 'ArrowDown') {
      const first = this.renderRoot.querySelector<HTMLElement>('[data-role="search-hit"]');
      if (first) {
        e.preventDefault();
        first.focus();
      }
    }
  };

  private readonly onHitKey = (e: KeyboardEvent) => {
    const hits = [...this.renderRoot.querySelectorAll<HTMLElement>('[data-role="search-hit"]')];
    const i = hits.indexOf(e.currentTarget as HTMLElement);
    let target: HTMLElement | undefined;
    if (e.key === 'ArrowDown') target = hits[i + 1];
    else if (e.key === 'ArrowUp') target = i > 0 ? hits[i - 1] : this.input();
    else if (e.key === 'Home') target = hits[0];
    else if (e.key === 'End') target = hits.at(-1);
    else if (e.key === 'Escape') target = this.input();
    if (target) {
      e.preventDefault();
      target.focus();
    }
  };

  private input(): HTMLInputElement | undefined {
    return this.renderRoot.querySelector<HTMLInputElement>('input') ?? undefined;
  }

  private clear(focus: boolean): void {
    clearTimeout(this.timer);
    this.searches.cancel();
    this.query = '';
    this.hits = [];
    this.more = false;
    this.searched = '';
    this.problem = '';
    this.busy = false;
    if (focus) this.input()?.focus();
  }

  /** Searches for the box's content now; an older answer arriving later is dropped. */
  async run(): Promise<void> {
    const query = this.query.trim();
    if (!query) return;
    const current = this.searches.start();
    this.busy = true;
    try {
      const result = await api().search({ query, limit: 50 });
      if (!current()) return;
      this.hits = result.hits;
      this.more = result.more;
      this.searched = query;
      this.problem = '';
    } catch (error) {
      if (!current()) return;
      this.problem = `搜索失败：${errorMessage(error)}`;
    } finally {
      if (current()) this.busy = false;
    }
  }

  private openHit(hit: SearchHit): void {
    // the report opens at the matched text, marked
    const find = hit.snippet.find((part) => part.hit)?.text;
    navigate({
      name: 'report',
      unitId: hit.unitId,
      year: hit.year,
      tab: 'edit',
      ...(find ? { find } : {}),
    });
  }
}
customElements.define('nb-search', NbSearch);

declare global {
  interface HTMLElementTagNameMap {
    'nb-search': NbSearch;
  }
}
