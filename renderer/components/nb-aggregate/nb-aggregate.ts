/**
 * `<nb-aggregate .unitId .year .author>` (route #/office/<unitId>/<year>/aggregate): 汇总 for a
 * parent unit's year (issue 15 items 4–6). The members to sum (the subtree as checkboxes; by
 * default the direct children, or the ones last summed), the members not summed and why, the
 * three tables with the sums in the official layout — a cell chosen shows its breakdown
 * (nb-breakdown) —, 写入本级报告 (one revision signed by the operator; the report is created
 * when missing) and 导出汇总表（Excel）. Logic in renderer/models/aggregate-view.ts.
 */
import { LitElement, css, html, nothing } from 'lit';
import type { AggregateResult, UnitInfo } from '../../../core/api';
import { formatNumber } from '../../../core/cells';
import type { TableId } from '../../../core/formats';
import { layoutRows, officialLayout, type LayoutCell } from '../../../core/table-layout';
import { api, errorMessage } from '../../api';
import { download } from '../../lib/files';
import {
  aggregationSummary,
  findSelfUnit,
  memberOptions,
  selfUnitName,
  targetSummary,
  toggleMember,
} from '../../models/aggregate-view';
import { navigate } from '../../state/router';
import { theme } from '../../styles/theme';
import { screenStyles } from '../../styles/screen';
import '../nb-breakdown/nb-breakdown';

const TABLES: readonly TableId[] = ['三', '四', '二'];

export class NbAggregate extends LitElement {
  static override properties = {
    unitId: {},
    year: { type: Number },
    author: {},
    result: { state: true },
    units: { state: true },
    chosen: { state: true },
    table: { state: true },
    cell: { state: true },
    busy: { state: true },
    message: { state: true },
    problem: { state: true },
  };
  declare unitId: string;
  declare year: number;
  declare author: string;
  declare result: AggregateResult | null;
  declare units: readonly UnitInfo[];
  /** The members chosen on screen; null: the archive's default (recorded, else children). */
  declare chosen: readonly string[] | null;
  declare table: TableId;
  declare cell: string;
  declare busy: boolean;
  declare message: string;
  declare problem: string;
  private loaded = '';
  private request = 0;

  constructor() {
    super();
    this.unitId = '';
    this.year = 0;
    this.author = '';
    this.result = null;
    this.units = [];
    this.chosen = null;
    this.table = '三';
    this.cell = '';
    this.busy = false;
    this.message = '';
    this.problem = '';
  }

  override willUpdate(): void {
    const key = `${this.unitId}|${this.year}`;
    if (key === this.loaded) return;
    this.loaded = key;
    this.chosen = null;
    this.result = null;
    this.message = '';
    void api()
      .listUnits()
      .then((u) => (this.units = u))
      .catch(() => undefined);
    void this.load();
  }

  private async load(): Promise<void> {
    const id = ++this.request;
    this.problem = '';
    try {
      const result = await api().aggregateReport({
        unitId: this.unitId,
        year: this.year,
        ...(this.chosen ? { members: [...this.chosen] } : {}),
      });
      if (id !== this.request) return;
      this.result = result;
      if (!this.chosen) this.chosen = result.aggregation.members.map((m) => m.unitId);
    } catch (error) {
      if (id === this.request) this.problem = errorMessage(error);
    }
  }

  private choose(unitId: string, on: boolean): void {
    const options = memberOptions(this.units, this.unitId, new Set(this.chosen ?? []));
    this.chosen = toggleMember(options, unitId, on);
    this.message = '';
    if (this.chosen.length) void this.load();
    else this.problem = '请至少选择一个参加汇总的单位。';
  }

  private async apply(): Promise<void> {
    if (!this.author.trim()) {
      this.problem = '汇总写入报告前，请在窗口上方填写操作人姓名（记入修订记录）。';
      return;
    }
    this.busy = true;
    this.problem = '';
    try {
      const r = await api().applyAggregate({
        unitId: this.unitId,
        year: this.year,
        author: this.author,
        ...(this.chosen ? { members: [...this.chosen] } : {}),
      });
      this.message = r.created
        ? `已写入本级报告第 ${r.revision} 版：汇总 ${r.counted} 个单位，更新 ${r.changed} 个单元格。原内容保留在历史中。`
        : '本级报告已是汇总结果，没有变化。';
      await this.load();
    } catch (error) {
      this.problem = errorMessage(error);
    } finally {
      this.busy = false;
    }
  }

  /** Creates "<上级>（本级）" under the parent, for the parent's own office figures, and adds it. */
  private async addSelfUnit(): Promise<void> {
    const parent = this.units.find((u) => u.id === this.unitId);
    if (!parent) return;
    this.busy = true;
    this.problem = '';
    try {
      const unit = await api().createUnit({
        name: selfUnitName(parent.name),
        kind: parent.kind,
        parentId: parent.id,
        author: this.author,
      });
      this.units = await api().listUnits();
      this.chosen = [...(this.chosen ?? []), unit.id];
      this.message = `已新建“${unit.name}”并加入汇总：本级机关自己的数字请在该单位的报告中填写。`;
      await this.load();
    } catch (error) {
      this.problem = errorMessage(error);
    } finally {
      this.busy = false;
    }
  }

  private async exportXlsx(): Promise<void> {
    this.busy = true;
    this.problem = '';
    try {
      const file = await api().exportAggregate({
        unitId: this.unitId,
        year: this.year,
        ...(this.chosen ? { members: [...this.chosen] } : {}),
      });
      download(file.data as Uint8Array<ArrayBuffer>, file.fileName, file.mime);
      this.message = `已导出“${file.fileName}”。`;
    } catch (error) {
      this.problem = errorMessage(error);
    } finally {
      this.busy = false;
    }
  }

  static override styles = [
    theme,
    screenStyles,
    css`
      :host {
        overflow: hidden;
      }
      .bar h1 {
        margin: 0 8px 0 0;
      }
      .bar .right {
        margin-left: auto;
        display: flex;
        gap: 6px;
        flex-wrap: wrap;
      }
      .status {
        padding: 4px 12px;
        font-size: 13px;
        border-bottom: 1px solid var(--nb-line);
      }
      .status p {
        margin: 2px 0;
      }
      .status .ok {
        color: var(--nb-ok, #1d6b2f);
      }
      .status .error {
        color: var(--nb-error);
      }
      .body {
        flex: 1;
        min-height: 0;
        display: grid;
        grid-template-columns: minmax(200px, 260px) minmax(0, 1fr);
        grid-template-rows: minmax(0, 1fr);
      }
      .members {
        overflow: auto;
        border-right: 1px solid var(--nb-line);
        padding: 6px 8px;
        font-size: 13px;
      }
      .members h2,
      .tables h2 {
        font-size: 13px;
        margin: 4px 0;
      }
      .members .self {
        margin-top: 8px;
        font-size: 12px;
      }
      .members label {
        display: flex;
        gap: 4px;
        align-items: center;
        padding: 1px 0;
      }
      .members .state {
        margin-left: auto;
        color: var(--nb-muted);
        font-size: 12px;
        white-space: nowrap;
      }
      .members .state.out {
        color: var(--nb-warning, #8a5a00);
      }
      .tables {
        display: grid;
        grid-template-rows: auto minmax(120px, 1fr) auto;
        min-height: 0;
        padding: 6px 12px 0;
      }
      .table-scroll {
        min-height: 0;
        overflow: auto;
      }
      .tabs {
        display: flex;
        gap: 4px;
        margin-bottom: 6px;
      }
      .tabs button[aria-selected='true'] {
        font-weight: 600;
        border-bottom: 2px solid var(--nb-accent, #12355b);
      }
      table.sum {
        border-collapse: collapse;
        font-size: 12px;
      }
      table.sum td,
      table.sum th {
        border: 1px solid var(--nb-line);
        padding: 2px 4px;
        font-weight: normal;
      }
      table.sum th {
        background: var(--nb-panel);
        max-width: 14em;
      }
      table.sum td.v {
        text-align: right;
        min-width: 4.5em;
        font-variant-numeric: tabular-nums;
        cursor: pointer;
      }
      table.sum td.v.total {
        font-weight: 600;
      }
      nb-breakdown {
        max-height: 34vh;
        overflow: auto;
        border-top: 1px solid var(--nb-line);
      }
      table.sum td.v.sel {
        outline: 2px solid var(--nb-accent, #1a5fb4);
        outline-offset: -2px;
        background: #eef4fc;
      }
    `,
  ];

  override render() {
    const r = this.result;
    const name = r?.unit.name ?? this.units.find((u) => u.id === this.unitId)?.name ?? '';
    return html`<div class="bar">
        <h1>${name} ${this.year}年度 汇总</h1>
        <label
          >年度
          <input
            type="number"
            min="2019"
            max="2100"
            style="width:5.5em"
            .value=${String(this.year)}
            @change=${(e: Event) => {
              const year = Number((e.target as HTMLInputElement).value);
              if (year >= 2019 && year <= 2100)
                navigate({ name: 'aggregate', unitId: this.unitId, year });
            }}
        /></label>
        <span class="right">
          <button
            class="primary"
            data-action="apply-aggregate"
            ?disabled=${!r || this.busy || r.report?.locked === true || r.aggregation.counted.length === 0}
            @click=${() => void this.apply()}
          >
            写入本级报告
          </button>
          <button
            data-action="export-xlsx"
            ?disabled=${!r || this.busy}
            @click=${() => void this.exportXlsx()}
          >
            导出汇总表（Excel）
          </button>
          <button
            data-action="open-parent-report"
            ?disabled=${!r?.report}
            @click=${() =>
              navigate({ name: 'report', unitId: this.unitId, year: this.year, tab: 'edit' })}
          >
            打开本级报告
          </button>
          <button @click=${() => navigate({ name: 'home' })}>返回首页</button>
        </span>
      </div>
      <div class="status" role="status">
        ${
          r
            ? html`<p data-role="aggregate-summary">${aggregationSummary(r.aggregation)}</p>
                <p data-role="target-summary">${targetSummary(r)}</p>`
            : nothing
        }
        ${this.message ? html`<p class="ok" data-role="aggregate-message">${this.message}</p>` : nothing}
        ${this.problem ? html`<p class="error" role="alert">${this.problem}</p>` : nothing}
        ${!r && !this.problem ? html`<p class="muted" aria-busy="true">正在汇总…</p>` : nothing}
      </div>
      <div class="body">${this.renderMembers()} ${this.renderTables()}</div>`;
  }

  private renderMembers() {
    const options = memberOptions(this.units, this.unitId, new Set(this.chosen ?? []));
    const states = new Map((this.result?.aggregation.members ?? []).map((m) => [m.unitId, m]));
    return html`<section class="members" aria-label="参加汇总的单位">
      <h2>参加汇总的单位（${this.chosen?.length ?? 0}）</h2>
      ${options.map((o) => {
        const m = states.get(o.unit.id);
        const state = !m
          ? ''
          : m.state === 'counted'
            ? (m.status ?? '')
            : m.state === 'format'
              ? `${m.format}年版`
              : '未报送';
        return html`<label style="padding-left:${o.depth * 14}px" data-unit=${o.unit.id}>
          <input
            type="checkbox"
            .checked=${o.checked}
            ?disabled=${o.covered || this.busy}
            title=${o.covered ? '上级单位已参加汇总，其报告已包含本单位' : ''}
            @change=${(e: Event) => this.choose(o.unit.id, (e.target as HTMLInputElement).checked)}
          />
          <span>${o.unit.name}</span>
          <span class="state ${m && m.state !== 'counted' ? 'out' : ''}">${state}</span>
        </label>`;
      })}
      ${this.renderSelfUnit()}
    </section>`;
  }

  private renderSelfUnit() {
    const parent = this.units.find((u) => u.id === this.unitId);
    if (!parent || findSelfUnit(this.units, this.unitId)) return nothing;
    return html`<button
      class="self"
      data-action="add-self-unit"
      ?disabled=${this.busy}
      title="本级机关自己的政府信息公开数字作为一个单位参加汇总"
      @click=${() => void this.addSelfUnit()}
    >
      添加本级单位“${selfUnitName(parent.name)}”
    </button>`;
  }

  private renderTables() {
    const r = this.result;
    if (!r) return html`<section class="tables"></section>`;
    const agg = r.aggregation;
    const cells = new Map(agg.cells.map((c) => [c.key, c]));
    const layout = officialLayout(agg.format, this.table);
    const rows = layoutRows(layout);
    const td = (cell: LayoutCell) => {
      const span = { rowspan: cell.rowSpan, colspan: cell.colSpan };
      if (cell.kind !== 'value') {
        return html`<th rowspan=${span.rowspan} colspan=${span.colspan}>${cell.text}</th>`;
      }
      const sum = cells.get(cell.key)?.sum ?? null;
      return html`<td
        class="v ${cell.total ? 'total' : ''} ${this.cell === cell.key ? 'sel' : ''}"
        rowspan=${span.rowspan}
        colspan=${span.colspan}
        tabindex="0"
        data-key=${cell.key}
        aria-label=${`${cell.place.column.label} ${sum === null ? '无数字' : formatNumber(sum)}，查看各单位明细`}
        @click=${() => (this.cell = cell.key)}
        @keydown=${(e: KeyboardEvent) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            this.cell = cell.key;
          }
        }}
      >
        ${sum === null ? '' : formatNumber(sum)}
      </td>`;
    };
    return html`<section class="tables" aria-label="汇总数">
      <div class="tabs" role="tablist">
        ${TABLES.map(
          (t) =>
            html`<button
              role="tab"
              aria-selected=${this.table === t ? 'true' : 'false'}
              data-table=${t}
              @click=${() => (this.table = t)}
            >
              表${t}
            </button>`,
        )}
      </div>
      <div class="table-scroll">
        <table class="sum" data-role="aggregate-table" data-table=${this.table}>
          ${rows.map(
            (row) =>
              html`<tr>
                ${row.cells.map(td)}
              </tr>`,
          )}
        </table>
      </div>
      <nb-breakdown .aggregation=${agg} .cellKey=${this.cell}></nb-breakdown>
    </section>`;
  }
}
customElements.define('nb-aggregate', NbAggregate);
