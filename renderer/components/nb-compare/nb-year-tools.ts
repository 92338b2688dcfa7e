/**
 * `<nb-year-tools .unitId=${id} .years=${years}>` under a unit's years on the home screen: the
 * unit's trends, and the compare screen for two of its years (the newest two by default).
 */
import { LitElement, css, html, nothing } from 'lit';
import type { YearInfo } from '../../../core/api';
import { navigate } from '../../state/router';
import { theme } from '../../styles/theme';

export class NbYearTools extends LitElement {
  static override properties = { unitId: {}, years: { attribute: false } };
  declare unitId: string;
  declare years: readonly YearInfo[];

  constructor() {
    super();
    this.unitId = '';
    this.years = [];
  }

  static override styles = [
    theme,
    css`
      :host {
        display: flex;
        gap: 8px;
        margin: 8px 0;
        flex-wrap: wrap;
      }
    `,
  ];

  override render() {
    const years = [...this.years].map((y) => y.year).sort((a, b) => b - a);
    if (!years.length) return nothing;
    const unitId = this.unitId;
    return html`<button
        data-action="open-trends"
        @click=${() => navigate({ name: 'trends', unitId })}
      >
        历年趋势
      </button>
      <button
        data-action="compare-years"
        ?disabled=${years.length < 2}
        title=${years.length < 2 ? '至少要有两个年度的报告' : `对比 ${years[1]} 年与 ${years[0]} 年`}
        @click=${() =>
          navigate({
            name: 'compare',
            a: { unitId, year: years[1]! },
            b: { unitId, year: years[0]! },
          })}
      >
        对比两个年度…
      </button>`;
  }
}
customElements.define('nb-year-tools', NbYearTools);
