/**
 * `<nb-office .unitId .year>` (route #/office/<unitId>/<year>): the submissions dashboard of a
 * parent unit (issue 15) — every member unit, recursively, with its state (未收到 / 草稿 with N
 * errors / 待定稿 / 已定稿), the date received, open errors and warnings, and per member: 打开,
 * 对比上年, 审核意见. Filter by state or name, sort by any column (renderer/models/submissions.ts).
 * Links to the exchange import (#/exchange) and the aggregation (#/office/<id>/<year>/aggregate).
 */
import { LitElement, css, html, nothing } from 'lit';
import type { Submission, Submissions } from '../../../core/office';
import { api, errorMessage } from '../../api';
import {
  DEFAULT_VIEW,
  FILTERS,
  SORT_LABELS,
  ariaSort,
  filterCounts,
  hasOpenErrors,
  receivedText,
  stateText,
  toggleSort,
  visibleMembers,
  type DashboardView,
  type SortKey,
} from '../../models/submissions';
import { navigate } from '../../state/router';
import { theme } from '../../styles/theme';
import { screenStyles } from '../../styles/screen';
import './nb-review-sheet';
import { kindText } from '../../models/unit-kind';

const STATE_CLASS: Record<string, string> = {
  未收到: 'missing',
  草稿: 'draft',
  旧格式: 'draft',
  待定稿: 'ready',
  已定稿: 'final',
  '已发布（存档）': 'published',
};

export class NbOffice extends LitElement {
  static override properties = {
    unitId: {},
    year: { type: Number },
    data: { state: true },
    problem: { state: true },
    view: { state: true },
    reviewing: { state: true },
  };
  declare unitId: string;
  declare year: number;
  declare data: Submissions | null;
  declare problem: string;
  declare view: DashboardView;
  /** The member whose 审核意见 is shown ('*': every member's). */
  declare reviewing: string;
  private loaded = '';

  constructor() {
    super();
    this.unitId = '';
    this.year = 0;
    this.data = null;
    this.problem = '';
    this.view = DEFAULT_VIEW;
    this.reviewing = '';
  }

  override willUpdate(): void {
    const key = `${this.unitId}/${this.year}`;
    if (!this.unitId || key === this.loaded) return;
    this.loaded = key;
    this.data = null;
    this.problem = '';
    this.reviewing = '';
    void api()
      .submissions({ unitId: this.unitId, year: this.year })
      .then((d) => {
        if (this.loaded === key) this.data = d;
      })
      .catch((error: unknown) => (this.problem = errorMessage(error)));
  }

  private goYear(year: number): void {
    location.hash = `#/office/${encodeURIComponent(this.unitId)}/${year}`;
  }

  static override styles = [
    theme,
    screenStyles,
    css`
      .bar .links {
        margin-left: auto;
        display: flex;
        gap: 8px;
        flex-wrap: wrap;
      }
      .filters {
        display: flex;
        flex-wrap: wrap;
        gap: 6px;
        align-items: center;
        padding: 6px 12px;
      }
      .filters button[aria-pressed='true'] {
        background: var(--nb-accent-bg);
        border-color: var(--nb-accent);
      }
      .filters input {
        font: inherit;
        padding: 3px 6px;
        border: 1px solid var(--nb-line);
        border-radius: var(--nb-radius);
        width: 12em;
      }
      .finding {
        color: var(--nb-warning);
        font-size: 13px;
      }
      .body {
        flex: 1;
        min-height: 0;
        overflow: auto;
        padding: 0 12px 40px;
      }
      table {
        border-collapse: collapse;
        width: 100%;
        font-size: 13px;
      }
      thead th {
        position: sticky;
        top: 0;
        background: var(--nb-panel);
        z-index: 1;
      }
      th,
      td {
        border-bottom: 1px solid var(--nb-line);
        padding: 3px 6px;
        text-align: left;
        white-space: nowrap;
      }
      th button {
        border: none;
        background: none;
        padding: 0;
        min-height: 0;
        font-weight: 600;
      }
      td.num {
        text-align: right;
        font-variant-numeric: tabular-nums;
      }
      td.name {
        white-space: normal;
      }
      .path {
        color: var(--nb-muted);
        font-size: 12px;
      }
      .state {
        display: inline-block;
        padding: 0 6px;
        border-radius: 10px;
        font-size: 12px;
      }
      .state.missing {
        background: var(--nb-error-bg);
        color: var(--nb-error);
      }
      .state.draft {
        background: var(--nb-warning-bg);
        color: var(--nb-warning);
      }
      .state.ready {
        background: var(--nb-accent-bg);
        color: var(--nb-accent);
      }
      .state.final {
        background: #e6f4ea;
        color: var(--nb-ok);
      }
      .state.published {
        background: var(--nb-panel);
        color: var(--nb-muted);
      }
      .errors {
        color: var(--nb-error);
        font-weight: 600;
      }
      td.actions button {
        padding: 1px 8px;
        min-height: 24px;
        font-size: 12px;
      }
      tr.open-review td {
        background: var(--nb-accent-bg);
      }
      .review {
        white-space: normal;
        border: 1px solid var(--nb-line);
        border-radius: var(--nb-radius);
        margin: 8px 0;
        padding: 8px 12px;
        background: var(--nb-bg);
      }
      .review header {
        display: flex;
        align-items: center;
        gap: 8px;
        margin-bottom: 6px;
      }
      .review header h2 {
        font-size: 14px;
        margin: 0;
      }
      .review header button {
        margin-left: auto;
      }
    `,
  ];

  override render() {
    const d = this.data;
    const year = this.year;
    return html`<div class="bar">
        <a class="button" href="#/" title="返回首页">← 首页</a>
        <h1 data-role="office-title">${d ? d.unit.name : ''} · ${year}年度下属单位报送情况</h1>
        <button data-action="prev-year" @click=${() => this.goYear(year - 1)}>
          ${year - 1}年度
        </button>
        <button data-action="next-year" @click=${() => this.goYear(year + 1)}>
          ${year + 1}年度
        </button>
        <span class="links">
          <a
            class="button"
            href="#/exchange?office=${encodeURIComponent(this.unitId)}/${year}"
            data-action="exchange-import"
            >导入交换文件…</a
          >
          <a
            class="button"
            href="#/office/${encodeURIComponent(this.unitId)}/${year}/aggregate"
            data-action="aggregate"
            >汇总…</a
          >
          <button
            data-action="review-all"
            ?disabled=${!d || !d.members.length}
            @click=${() => (this.reviewing = this.reviewing === '*' ? '' : '*')}
          >
            全部审核意见…
          </button>
        </span>
      </div>
      ${this.problem ? html`<p class="error-text" role="alert">${this.problem}</p>` : nothing}
      ${d ? this.renderBody(d) : this.problem ? nothing : html`<p aria-busy="true">正在读取…</p>`}`;
  }

  private renderBody(d: Submissions) {
    if (!d.members.length) {
      return html`<p class="body">
        “${d.unit.name}”没有下属单位。请在首页的单位树中为下属单位选择上级单位。
      </p>`;
    }
    const counts = filterCounts(d.members, this.view.text);
    const rows = visibleMembers(d.members, this.view);
    return html`<div class="filters" role="toolbar" aria-label="筛选">
        ${FILTERS.filter(
          (f) => f.key === 'all' || counts[f.key] > 0 || f.key === this.view.filter,
        ).map(
          (f) =>
            html`<button
              data-filter=${f.key}
              aria-pressed=${this.view.filter === f.key ? 'true' : 'false'}
              @click=${() => (this.view = { ...this.view, filter: f.key })}
            >
              ${f.label} ${counts[f.key]}
            </button>`,
        )}
        <input
          type="search"
          placeholder="按单位名称筛选"
          aria-label="按单位名称筛选"
          data-role="member-filter"
          .value=${this.view.text}
          @input=${(e: Event) =>
            (this.view = { ...this.view, text: (e.target as HTMLInputElement).value })}
        />
        ${
          d.findings.length
            ? html`<span class="finding" data-code="MEMBER_MISSING"
                >下属单位缺报：${d.findings.length} 个单位没有${d.year}年度的报告</span
              >`
            : html`<span class="path">所有下属单位都已报送</span>`
        }
      </div>
      <div class="body">
        ${
          this.reviewing === '*'
            ? html`<section class="review" aria-label="全部审核意见">
                <header>
                  <h2>
                    全部下属单位的审核意见（${d.members.length} 个单位，一个 PDF，每个单位一部分）
                  </h2>
                  <button @click=${() => (this.reviewing = '')}>关闭</button>
                </header>
                <nb-review-sheet
                  .unitId=${d.unit.id}
                  .year=${d.year}
                  .members=${true}
                  .parentName=${d.unit.name}
                ></nb-review-sheet>
              </section>`
            : nothing
        }
        <table data-role="submissions">
          <caption class="path" style="text-align:left">
            显示 ${rows.length} / ${d.members.length} 个下属单位（点表头排序）
          </caption>
          <thead>
            <tr>
              ${this.header('name')}
              <th scope="col">类型</th>
              ${this.header('state')} ${this.header('received')} ${this.header('errors')}
              ${this.header('warnings')}
              <th scope="col">操作</th>
            </tr>
          </thead>
          <tbody>
            ${rows.map((m) => this.renderRow(d, m))}
          </tbody>
        </table>
      </div>`;
  }

  private header(key: Exclude<SortKey, 'tree'>) {
    return html`<th scope="col" aria-sort=${ariaSort(this.view, key)}>
      <button data-sort=${key} @click=${() => (this.view = toggleSort(this.view, key))}>
        ${SORT_LABELS[key]}${this.view.sort === key ? (this.view.dir === 'asc' ? ' ▲' : ' ▼') : ''}
      </button>
    </th>`;
  }

  private renderRow(d: Submissions, m: Submission) {
    const open = this.reviewing === m.unitId;
    const missing = m.state === '未收到';
    const row = html`<tr
      data-unit=${m.name}
      data-state=${m.state}
      class=${open ? 'open-review' : ''}
    >
      <td class="name">
        <span style="padding-left:${(m.depth - 1) * 1.2}em">${m.name}</span>
        ${m.path.length ? html`<span class="path">（${m.path.join(' › ')}）</span>` : nothing}
      </td>
      <td>${kindText(m.kind)}</td>
      <td>
        <span class="state ${STATE_CLASS[m.state] ?? ''}">${stateText(m)}</span>
        ${
          m.formatMismatch
            ? html`<span class="path" title="报告的表格格式与该年度不符，不能汇总"
                >（${m.format}年版格式）</span
              >`
            : nothing
        }
      </td>
      <td>${receivedText(m)}</td>
      <td class="num ${hasOpenErrors(m) ? 'errors' : ''}">${missing ? '' : m.errors}</td>
      <td class="num">${missing ? '' : m.warnings}</td>
      <td class="actions">
        <button
          data-action="open"
          ?disabled=${missing}
          @click=${() => navigate({ name: 'report', unitId: m.unitId, year: d.year, tab: 'edit' })}
        >
          打开
        </button>
        <button
          data-action="compare"
          ?disabled=${missing || !m.hasPrior}
          title=${m.hasPrior ? `对比 ${d.year - 1} 年与 ${d.year} 年` : '没有上年的报告'}
          @click=${() =>
            navigate({
              name: 'compare',
              a: { unitId: m.unitId, year: d.year - 1 },
              b: { unitId: m.unitId, year: d.year },
            })}
        >
          对比上年
        </button>
        <button
          data-action="review"
          aria-expanded=${open ? 'true' : 'false'}
          @click=${() => (this.reviewing = open ? '' : m.unitId)}
        >
          审核意见
        </button>
      </td>
    </tr>`;
    if (!open) return row;
    return html`${row}
      <tr>
        <td colspan="7">
          <section class="review" aria-label="${m.name}的审核意见">
            <header>
              <h2>${m.name} ${d.year}年度报告审核意见</h2>
              <button @click=${() => (this.reviewing = '')}>关闭</button>
            </header>
            <nb-review-sheet .unitId=${m.unitId} .year=${d.year}></nb-review-sheet>
          </section>
        </td>
      </tr>`;
  }
}
customElements.define('nb-office', NbOffice);
