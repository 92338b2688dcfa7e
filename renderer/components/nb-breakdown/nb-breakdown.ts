/**
 * `<nb-breakdown .aggregation=${agg} .cellKey=${key} .editor=${ed}>`: under a table of an
 * aggregated report (or beside the aggregation screen's tables), the selected cell's 汇总明细 —
 * which unit contributed what, largest first, the units not counted — and, in the editor,
 * 重新汇总 (the members' current sum as one undoable edit). Over renderer/models/aggregate-view.
 */
import { LitElement, css, html, nothing } from 'lit';
import type { Aggregation } from '../../../core/aggregate';
import { cellBreakdown } from '../../models/aggregate-view';
import type { ReportEditor } from '../../state/editor';
import { theme } from '../../styles/theme';

/** How many contributions are listed before "还有 N 个单位". */
const SHOWN = 12;

export class NbBreakdown extends LitElement {
  static override properties = {
    aggregation: { attribute: false },
    cellKey: { attribute: false },
    editor: { attribute: false },
    all: { state: true },
  };
  declare aggregation: Aggregation | null;
  declare cellKey: string;
  declare editor: ReportEditor | null;
  declare all: boolean;

  constructor() {
    super();
    this.aggregation = null;
    this.cellKey = '';
    this.editor = null;
    this.all = false;
  }

  static override styles = [
    theme,
    css`
      :host {
        display: block;
        font-size: 13px;
      }
      section {
        border: 1px solid var(--nb-line);
        border-radius: var(--nb-radius);
        background: var(--nb-panel);
        padding: 6px 10px;
        margin: 8px 0;
      }
      h3 {
        font-size: 13px;
        margin: 0 0 4px;
        position: sticky;
        top: 0;
        background: var(--nb-panel);
        display: flex;
        gap: 8px;
        align-items: baseline;
        flex-wrap: wrap;
      }
      h3 .sum {
        font-variant-numeric: tabular-nums;
      }
      h3 button {
        margin-left: auto;
      }
      table {
        border-collapse: collapse;
        width: 100%;
        max-width: 560px;
      }
      td {
        padding: 1px 6px;
        border-bottom: 1px solid var(--nb-line);
      }
      td.n {
        text-align: right;
        font-variant-numeric: tabular-nums;
        width: 6em;
      }
      tr.not td {
        color: var(--nb-warning, #8a5a00);
      }
      .muted {
        color: var(--nb-muted);
      }
    `,
  ];

  override render() {
    const agg = this.aggregation;
    if (!agg) return nothing;
    const b = this.cellKey ? cellBreakdown(agg, this.cellKey) : null;
    const ed = this.editor;
    const reaggregate =
      ed && !ed.locked
        ? html`<button
            data-action="reaggregate"
            title="按各单位现在的报告重新计算并写入表中（可撤销）"
            @click=${() => ed.reaggregate()}
          >
            重新汇总
          </button>`
        : nothing;
    if (!b) {
      return html`<section data-role="breakdown">
        <h3>
          汇总明细 <span class="muted">选中一个单元格，查看各单位的数字。</span>${reaggregate}
        </h3>
      </section>`;
    }
    const rows = this.all ? b.rows : b.rows.slice(0, SHOWN);
    return html`<section data-role="breakdown" aria-label="汇总明细">
      <h3>
        <span>汇总明细：${b.name}</span>
        <span class="sum" data-role="breakdown-sum">合计 ${b.sumText}</span>
        <span class="muted"
          >${agg.counted.length} 个单位${b.uncounted ? `，${b.uncounted} 个未填数字` : ''}</span
        >
        ${reaggregate}
      </h3>
      <table>
        <tbody>
          ${rows.map(
            (r) =>
              html`<tr class=${r.counted ? '' : 'not'} data-unit=${r.unitId}>
                <td>${r.name}</td>
                <td class="n">${r.text}</td>
                <td class="n muted">
                  ${r.share === null ? (r.counted ? '' : '未计入') : `${r.share}%`}
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
      ${
        b.rows.length > SHOWN
          ? html`<button
              class="link"
              data-action="breakdown-all"
              @click=${() => (this.all = !this.all)}
            >
              ${this.all ? '只显示前 12 个' : `还有 ${b.rows.length - SHOWN} 个单位…`}
            </button>`
          : nothing
      }
      ${
        b.excluded.length
          ? html`<p class="muted">
              未汇总：${b.excluded.map((e) => `${e.name}（${e.reason}）`).join('、')}
            </p>`
          : nothing
      }
    </section>`;
  }
}
customElements.define('nb-breakdown', NbBreakdown);
