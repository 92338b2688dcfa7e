/**
 * `<nb-trends .unitId=${id}>`: one unit's figures across every archived year (core/compare's
 * unitTrends, following the unit's id through renames): a small SVG line chart per measure with
 * its data table beside it (for screen readers and for copying), text-only years (before 2019)
 * shown as present without figures, years without a report as gaps. 打印 prints the page.
 */
import { LitElement, css, html, nothing, svg, type TemplateResult } from 'lit';
import { formatNumber } from '../../../core/cells';
import type { TrendSeries, UnitTrends } from '../../../core/compare';
import { api, errorMessage } from '../../api';
import { chartGeometry } from '../../models/trend-chart';
import { navigate } from '../../state/router';
import { theme } from '../../styles/theme';
import { screenStyles } from '../../styles/screen';

const KIND_NOTE = { structured: '', legacy: '旧格式（仅文字）', missing: '无报告' } as const;

export class NbTrends extends LitElement {
  static override properties = {
    unitId: {},
    trends: { state: true },
    problem: { state: true },
  };
  declare unitId: string;
  declare trends: UnitTrends | null;
  declare problem: string;
  private loadedId = '';

  constructor() {
    super();
    this.unitId = '';
    this.trends = null;
    this.problem = '';
  }

  override willUpdate(): void {
    if (this.unitId === this.loadedId) return;
    this.loadedId = this.unitId;
    this.trends = null;
    this.problem = '';
    const id = this.unitId;
    void api()
      .unitTrends({ unitId: id })
      .then((t) => {
        if (this.unitId === id) this.trends = t;
      })
      .catch((error: unknown) => (this.problem = errorMessage(error)));
  }

  static override styles = [
    theme,
    screenStyles,
    css`
      .bar {
        gap: 8px 12px;
      }
      .bar .print {
        margin-left: auto;
      }
      .body {
        flex: 1;
        min-height: 0;
        overflow: auto;
        padding: 12px 20px 60px;
      }
      .years {
        font-size: 13px;
        color: var(--nb-muted);
        margin: 0 0 8px;
      }
      .grid {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(560px, 1fr));
        gap: 12px;
      }
      figure {
        margin: 0;
        border: 1px solid var(--nb-line);
        border-radius: var(--nb-radius);
        padding: 8px;
        display: grid;
        grid-template-columns: minmax(0, 1fr) auto;
        gap: 8px;
        break-inside: avoid;
      }
      figcaption {
        grid-column: 1 / -1;
        font-weight: 600;
      }
      svg {
        width: 100%;
        height: auto;
        max-width: 420px;
      }
      table {
        border-collapse: collapse;
        font-size: 12px;
        align-self: start;
      }
      th,
      td {
        border: 1px solid var(--nb-line);
        padding: 1px 6px;
        white-space: nowrap;
      }
      td {
        text-align: right;
        font-variant-numeric: tabular-nums;
      }
      td.none {
        color: var(--nb-muted);
        text-align: left;
      }
      .problem {
        color: var(--nb-error);
      }
      @media (max-width: 1100px) {
        .grid {
          grid-template-columns: minmax(0, 1fr);
        }
      }
      @media print {
        .bar button {
          display: none;
        }
        .body {
          overflow: visible;
        }
      }
    `,
  ];

  override render() {
    const t = this.trends;
    return html`<div class="bar">
        <button @click=${() => navigate({ name: 'home' })} title="返回首页">← 首页</button>
        <h1>${t ? `${t.unit} · 历年趋势` : '历年趋势'}</h1>
        <button class="print" data-action="print-trends" ?disabled=${!t} @click=${() => print()}>
          打印
        </button>
      </div>
      <div class="body">
        ${
          this.problem
            ? html`<p class="problem" role="alert">无法读取趋势：${this.problem}</p>`
            : !t
              ? html`<p class="muted" aria-busy="true">正在读取…</p>`
              : !t.years.length
                ? html`<p>本单位还没有报告。</p>`
                : html`<p class="years" data-role="years">
                      年度：${t.years.map(
                        (y) =>
                          html`<span data-year=${y.year} data-kind=${y.kind}
                            >${y.year}${KIND_NOTE[y.kind] ? `（${KIND_NOTE[y.kind]}）` : ''}${
                              y.unit && y.unit !== t.unit && y.kind === 'structured'
                                ? `（时称${y.unit}）`
                                : ''
                            }
                          </span>`,
                      )}
                    </p>
                    <div class="grid">${t.series.map((s) => this.chart(t, s))}</div>`
        }
      </div>`;
  }

  private chart(t: UnitTrends, s: TrendSeries): TemplateResult {
    const g = chartGeometry(s, t.years);
    const { box } = g;
    const id = `trend-${s.id}`;
    const bottom = box.height - box.bottom;
    return html`<figure data-series=${s.id} aria-labelledby=${id}>
      <figcaption id=${id}>${s.label}（${s.measure}）</figcaption>
      <svg
        viewBox="0 0 ${box.width} ${box.height}"
        role="img"
        aria-label=${`${s.label}历年折线图，数据见右侧表格`}
      >
        ${g.gaps.map(
          (gap) =>
            svg`<rect x=${gap.x - 9} y=${box.top} width="18" height=${bottom - box.top}
              fill=${gap.kind === 'legacy' ? '#eef1f4' : '#fafafa'}
              stroke=${gap.kind === 'legacy' ? '#c8ced6' : 'none'} stroke-dasharray="3 2"></rect>`,
        )}
        ${g.ticks.map(
          (tk) =>
            svg`<line x1=${box.left} x2=${box.width - box.right} y1=${tk.y} y2=${tk.y} stroke="#d0d7de" stroke-width="0.6"></line>
              <text x=${box.left - 4} y=${tk.y + 3} text-anchor="end" font-size="9" fill="#59636e">${tk.label}</text>`,
        )}
        ${t.years.map(
          (y, i) =>
            svg`<text x=${g.xs[i]} y=${bottom + 12} text-anchor="middle" font-size="9" fill=${y.kind === 'structured' ? '#1f2328' : '#8c959f'}>${y.year}</text>
              ${y.kind === 'legacy' ? svg`<text x=${g.xs[i]} y=${bottom + 23} text-anchor="middle" font-size="8" fill="#8c959f">仅文字</text>` : nothing}`,
        )}
        ${g.lines.map(
          (points) =>
            svg`<polyline points=${points} fill="none" stroke="#0b5cad" stroke-width="1.8"></polyline>`,
        )}
        ${g.dots.map(
          (d) =>
            svg`<circle cx=${d.x} cy=${d.y} r="2.8" fill="#0b5cad"><title>${d.year}年：${formatNumber(d.value)}${s.measure}</title></circle>`,
        )}
      </svg>
      <table aria-label=${`${s.label}历年数据`}>
        <thead>
          <tr>
            <th scope="col">年度</th>
            <th scope="col">${s.measure}</th>
          </tr>
        </thead>
        <tbody>
          ${s.points.map(
            (p) =>
              html`<tr>
                <th scope="row">${p.year}</th>
                ${
                  p.value === null
                    ? html`<td class="none">${p.note ?? '—'}</td>`
                    : html`<td>${formatNumber(p.value)}</td>`
                }
              </tr>`,
          )}
        </tbody>
      </table>
    </figure>`;
  }
}
customElements.define('nb-trends', NbTrends);
