/**
 * `<nb-compare .a=${ref} .b=${ref}>`: any two reports of the archive side by side — two years of
 * one unit, or two units of one year (two townships). The flagged cells first, then the three
 * tables with both values, the difference and the change in %, the title and 落款, and each
 * part's text diff. 打印 / 保存 PDF gives the 年度对比表 through the PDF service, in the report's
 * fonts and margins. Opened from home (a unit's years) and from a report (对比页).
 *
 * DOM contract (for tests): pickers `select[data-side="a|b"][data-pick="unit|year"]`, flagged
 * rows `tr[data-flag]` in `[data-role="flagged"]`, a table per statistical table
 * `table[data-table]`, a part's diff `details[data-section]`, the print button
 * `button[data-action="print-compare"]`.
 */
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import type { UnitInfo } from '../../../core/api';
import {
  FLAG_LABELS,
  flaggedFirst,
  percentChange,
  type CellComparison,
  type ReportComparison,
} from '../../../core/compare';
import type { TableId } from '../../../core/formats';
import { api, errorMessage } from '../../api';
import { download, safeFileName } from '../../lib/files';
import { LatestRequest } from '../../lib/latest';
import { changeText, compareRows, sideRuns } from '../../models/compare-view';
import { navigate, type ReportRef } from '../../state/router';
import { theme } from '../../styles/theme';
import { screenStyles } from '../../styles/screen';
import { diffStyles } from '../../styles/diff';
import { runsHtml } from '../../lib/diff-runs';

const TABLE_NAMES: Record<TableId, string> = {
  二: '表二 主动公开政府信息情况',
  三: '表三 收到和处理政府信息公开申请情况',
  四: '表四 政府信息公开行政复议、行政诉讼情况',
};

/** The column headings of the two sides: years of one unit, or the units' names. */
export function sideNames(c: ReportComparison): [string, string] {
  if (c.relation === 'years' || c.relation === 'same') return [`${c.a.year}年`, `${c.b.year}年`];
  if (c.relation === 'units') return [c.a.unit, c.b.unit];
  return [`${c.a.unit} ${c.a.year}年`, `${c.b.unit} ${c.b.year}年`];
}

const value = (raw: string | null) => (raw === null ? '—' : raw || '空');

export class NbCompare extends LitElement {
  static override properties = {
    a: { attribute: false },
    b: { attribute: false },
    units: { state: true },
    comparison: { state: true },
    problem: { state: true },
    busy: { state: true },
    printing: { state: true },
    printNote: { state: true },
  };
  declare a: ReportRef | null;
  declare b: ReportRef | null;
  declare units: readonly UnitInfo[];
  declare comparison: ReportComparison | null;
  declare problem: string;
  declare busy: boolean;
  declare printing: boolean;
  declare printNote: string;
  private loadedKey = '';
  private readonly requests = new LatestRequest();

  constructor() {
    super();
    this.a = null;
    this.b = null;
    this.units = [];
    this.comparison = null;
    this.problem = '';
    this.busy = false;
    this.printing = false;
    this.printNote = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void api()
      .listUnits({})
      .then((units) => (this.units = units))
      .catch((error: unknown) => (this.problem = errorMessage(error)));
  }

  override willUpdate(): void {
    const key = JSON.stringify([this.a, this.b]);
    if (key === this.loadedKey) return;
    this.loadedKey = key;
    this.comparison = null;
    this.problem = '';
    this.printNote = '';
    if (this.a && this.b) void this.load(this.a, this.b);
  }

  private async load(a: ReportRef, b: ReportRef): Promise<void> {
    this.busy = true;
    try {
      const current = this.requests.start();
      const c = await api().compareReports({ a, b });
      if (current()) this.comparison = c;
    } catch (error) {
      this.problem = errorMessage(error);
    } finally {
      this.busy = false;
    }
  }

  private pick(side: 'a' | 'b', unitId: string, year?: number): void {
    const unit = this.units.find((u) => u.id === unitId);
    const years = [...(unit?.years ?? [])].sort((x, y) => y - x);
    const current = this[side];
    const y = year ?? (current && years.includes(current.year) ? current.year : years[0]);
    const ref = unit && y !== undefined ? { unitId, year: y } : null;
    navigate({ name: 'compare', a: side === 'a' ? ref : this.a, b: side === 'b' ? ref : this.b });
  }

  private async print(): Promise<void> {
    if (!this.a || !this.b || !this.comparison) return;
    this.printing = true;
    this.printNote = '';
    try {
      const out = await api().renderComparisonPdf({ a: this.a, b: this.b });
      download(out.pdf as Uint8Array<ArrayBuffer>, safeFileName(out.fileName), 'application/pdf');
      this.printNote = `已生成年度对比表（${out.pages} 页）：${out.fileName}`;
    } catch (error) {
      this.printNote = `生成年度对比表失败：${errorMessage(error)}`;
    } finally {
      this.printing = false;
    }
  }

  static override styles = [
    theme,
    screenStyles,
    diffStyles,
    css`
      .bar {
        gap: 6px 12px;
      }
      fieldset {
        border: 0;
        margin: 0;
        padding: 0;
        display: flex;
        gap: 4px;
        align-items: center;
      }
      legend {
        float: left;
        padding: 0 4px 0 0;
        font-size: 13px;
        color: var(--nb-muted);
      }
      select {
        font: inherit;
        max-width: 16em;
        min-height: 30px;
      }
      .print {
        margin-left: auto;
      }
      .body {
        flex: 1;
        min-height: 0;
        overflow: auto;
        padding: 12px 20px 60px;
      }
      h2 {
        font-size: 16px;
        margin: 18px 0 6px;
      }
      .note {
        background: var(--nb-accent-bg);
        padding: 6px 10px;
        border-radius: var(--nb-radius);
        margin: 6px 0;
        font-size: 13px;
      }
      .summary {
        display: flex;
        flex-wrap: wrap;
        gap: 4px 16px;
        font-size: 13px;
      }
      table {
        border-collapse: collapse;
        font-size: 13px;
        margin: 4px 0 12px;
        width: 100%;
        max-width: 1100px;
      }
      caption {
        text-align: left;
        font-weight: 600;
        padding: 4px 0;
      }
      th,
      td {
        border: 1px solid var(--nb-line);
        padding: 3px 6px;
        vertical-align: top;
      }
      thead th {
        background: var(--nb-panel);
        font-weight: 600;
        position: sticky;
        top: -12px;
      }
      td.n {
        text-align: right;
        font-variant-numeric: tabular-nums;
        white-space: nowrap;
      }
      td.t {
        white-space: nowrap;
      }
      th[scope='row'] {
        text-align: left;
        font-weight: normal;
      }
      tr[data-flag] {
        background: var(--nb-warning-bg);
      }
      .flag {
        color: var(--nb-warning);
        font-weight: 600;
        white-space: nowrap;
      }
      details {
        border: 1px solid var(--nb-line);
        border-radius: var(--nb-radius);
        margin: 6px 0;
        padding: 4px 10px;
        max-width: 1100px;
      }
      summary {
        cursor: pointer;
        padding: 2px 0;
      }
      .sides {
        display: grid;
        grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
        gap: 10px;
        margin: 6px 0;
      }
      .sides h4 {
        margin: 0;
        font-size: 12px;
        color: var(--nb-muted);
      }
      .diff-text {
        font-size: 13px;
        border: 1px solid var(--nb-line);
        padding: 6px 8px;
      }
      .muted {
        color: var(--nb-muted);
      }
      .problem {
        color: var(--nb-error);
      }
      @media (max-width: 1100px) {
        .sides {
          grid-template-columns: minmax(0, 1fr);
        }
      }
      @media print {
        .bar button,
        .bar fieldset {
          display: none;
        }
        .body {
          overflow: visible;
        }
        details {
          break-inside: avoid;
        }
      }
    `,
  ];

  override render() {
    return html`<div class="bar">
        <button @click=${() => navigate({ name: 'home' })} title="返回首页">← 首页</button>
        <h1>报告对比</h1>
        ${this.picker('a', '对比')} ${this.picker('b', '与')}
        <button
          data-action="swap"
          title="对调左右两份报告"
          ?disabled=${!this.a || !this.b}
          @click=${() => navigate({ name: 'compare', a: this.b, b: this.a })}
        >
          ⇄ 对调
        </button>
        <button
          class="primary print"
          data-action="print-compare"
          ?disabled=${!this.comparison || this.printing}
          @click=${() => void this.print()}
        >
          ${this.printing ? '正在生成…' : '打印 / 保存 PDF（年度对比表）'}
        </button>
      </div>
      <div class="body">
        ${this.printNote ? html`<p class="note" role="status">${this.printNote}</p>` : nothing}
        ${this.content()}
      </div>`;
  }

  private picker(side: 'a' | 'b', legend: string): TemplateResult {
    const ref = this[side];
    const units = this.units.filter((u) => u.years.length > 0);
    const unit = units.find((u) => u.id === ref?.unitId);
    const years = [...(unit?.years ?? [])].sort((x, y) => y - x);
    const sideName = side === 'a' ? '先前（左侧）' : '后来（右侧）';
    return html`<fieldset>
      <legend>${legend}</legend>
      <select
        data-side=${side}
        data-pick="unit"
        aria-label=${`${sideName}报告的单位`}
        @change=${(e: Event) => this.pick(side, (e.target as HTMLSelectElement).value)}
      >
        <option value="" ?selected=${!unit}>选择单位…</option>
        ${units.map((u) => html`<option value=${u.id} ?selected=${u.id === unit?.id}>${u.name}</option>`)}
      </select>
      <select
        data-side=${side}
        data-pick="year"
        aria-label=${`${sideName}报告的年度`}
        ?disabled=${!unit}
        @change=${(e: Event) =>
          this.pick(side, unit!.id, Number((e.target as HTMLSelectElement).value))}
      >
        ${years.map((y) => html`<option value=${y} ?selected=${y === ref?.year}>${y}年</option>`)}
      </select>
    </fieldset>`;
  }

  private content(): TemplateResult {
    if (this.problem) return html`<p class="problem" role="alert">无法对比：${this.problem}</p>`;
    if (!this.a || !this.b) {
      return html`<p class="muted">
        请在上方选择要对比的两份报告：同一单位的两个年度，或同一年度的两个单位（如两个乡镇）。
      </p>`;
    }
    const c = this.comparison;
    if (!c) return html`<p class="muted" aria-busy="true">正在对比…</p>`;
    const names = sideNames(c);
    return html`
      <p class="summary" role="status" data-role="summary">
        <strong>${c.a.unit} ${c.a.year}年 → ${c.b.unit} ${c.b.year}年</strong>
        ${
          c.cells.length
            ? html`<span>需关注 ${c.counts.flagged} 格</span>
                <span>数字变化 ${c.counts.changedCells} 格</span>`
            : nothing
        }
        <span>文字有变化的部分 ${c.counts.changedSections} 个</span>
      </p>
      ${c.notes.map((n) => html`<p class="note" role="note">${n}</p>`)}
      ${c.cells.length ? this.flagged(c, names) : nothing}
      ${c.cells.length ? this.tables(c, names) : nothing}
      ${
        c.notComparable.length
          ? html`<details data-role="not-comparable">
              <summary>不可比的项目（${c.notComparable.length} 格：只有一种格式有）</summary>
              <ul>
                ${c.notComparable.map(
                  (n) =>
                    html`<li>
                      ${n.block} · ${n.row} ·
                      ${n.column}：只有${n.only === 'a' ? names[0] : names[1]}（${n.format}年版）有${n.raw ? `，填写“${n.raw}”` : ''}
                    </li>`,
                )}
              </ul>
            </details>`
          : nothing
      }
      <h2>标题与落款</h2>
      <table data-role="header">
        <thead>
          <tr>
            <th scope="col">项目</th>
            <th scope="col">${names[0]}</th>
            <th scope="col">${names[1]}</th>
          </tr>
        </thead>
        <tbody>
          ${c.header.map(
            (h) =>
              html`<tr ?data-flag=${!h.same}>
                <th scope="row">${h.field}${h.same ? '' : '（不同）'}</th>
                <td>${h.a || '（空）'}</td>
                <td>${h.b || '（空）'}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      <h2>各部分文字</h2>
      ${c.sections.map((s) => {
        const state = s.missing
          ? `只有${s.missing === 'a' ? names[1] : names[0]}有这一部分`
          : s.changed
            ? `相同 ${Math.round(s.similarity * 100)}%，新增 ${s.insertions} 字，删除 ${s.deletions} 字`
            : '没有变化';
        return html`<details data-section=${s.section} ?open=${s.changed && !s.missing}>
          <summary>
            <strong>${s.label}</strong> — <span data-role="section-state">${state}</span>
          </summary>
          ${
            s.figures.length
              ? html`<ul aria-label="变化的数字">
                  ${s.figures.map(
                    (f) =>
                      html`<li>
                        ${f.context}：${f.a ?? '（无）'} → <strong>${f.b ?? '（删去）'}</strong>
                      </li>`,
                  )}
                </ul>`
              : nothing
          }
          ${
            s.changed
              ? html`<div class="sides">
                  <div>
                    <h4>${names[0]}（删去的文字标红）</h4>
                    <div class="diff-text" data-side="a">${runsHtml(sideRuns(s.runs, 'a'))}</div>
                  </div>
                  <div>
                    <h4>${names[1]}（新增的文字标绿）</h4>
                    <div class="diff-text" data-side="b">${runsHtml(sideRuns(s.runs, 'b'))}</div>
                  </div>
                </div>`
              : nothing
          }
        </details>`;
      })}
    `;
  }

  private cellRow(x: CellComparison, names: [string, string], withTable: boolean): TemplateResult {
    return html`<tr ?data-flag=${!!x.flag} data-flag=${x.flag ?? nothing} data-key=${x.key}>
      ${withTable ? html`<td class="t">${TABLE_NAMES[x.table].slice(0, 3)}</td>` : nothing}
      <th scope="row">${[x.block, x.row].filter(Boolean).join(' · ') || '—'}</th>
      <td>${x.column}</td>
      <td class="n" aria-label=${`${names[0]}：${value(x.aRaw)}`}>${value(x.aRaw)}</td>
      <td class="n" aria-label=${`${names[1]}：${value(x.bRaw)}`}>${value(x.bRaw)}</td>
      <td class="n">${x.delta === null ? '' : changeText({ delta: x.delta, ratio: null })}</td>
      <td class="n">${percentChange(x).replace('-', '−')}</td>
      <td class="flag">
        ${x.flag ? FLAG_LABELS[x.flag] : ''}${x.note ? html`<div class="muted">${x.note}</div>` : nothing}
      </td>
    </tr>`;
  }

  private head(names: [string, string], withTable: boolean): TemplateResult {
    return html`<thead>
      <tr>
        ${withTable ? html`<th scope="col">表</th>` : nothing}
        <th scope="col">项目</th>
        <th scope="col">栏目</th>
        <th scope="col">${names[0]}</th>
        <th scope="col">${names[1]}</th>
        <th scope="col">差额</th>
        <th scope="col">变化</th>
        <th scope="col">标记</th>
      </tr>
    </thead>`;
  }

  private flagged(c: ReportComparison, names: [string, string]): TemplateResult {
    const flagged = flaggedFirst(c.cells).filter((x) => x.flag);
    return html`<h2 id="flagged-title">需要关注的单元格（${flagged.length}）</h2>
      ${
        flagged.length
          ? html`<table data-role="flagged" aria-labelledby="flagged-title">
              ${this.head(names, true)}
              <tbody>
                ${flagged.map((x) => this.cellRow(x, names, true))}
              </tbody>
            </table>`
          : html`<p class="muted">没有新出现、消失、大幅变化或只有一年空白的数字。</p>`
      }`;
  }

  private tables(c: ReportComparison, names: [string, string]): TemplateResult {
    const rows = compareRows(c.cells);
    return html`<h2>三张统计表</h2>
      ${(['二', '三', '四'] as const).map((t) => {
        const list = rows.get(t) ?? [];
        return html`<table data-table=${t}>
          <caption>
            ${TABLE_NAMES[t]}${list.length ? '' : '（两份都没有数字）'}
          </caption>
          ${list.length ? this.head(names, false) : nothing}
          <tbody>
            ${list.flatMap((r) =>
              r.cells.filter((x) => x.aRaw || x.bRaw).map((x) => this.cellRow(x, names, false)),
            )}
          </tbody>
        </table>`;
      })}`;
  }
}
customElements.define('nb-compare', NbCompare);
