/**
 * The home screen (route `#/`): search and import at the top; the units as a tree on the
 * left; on the right, the selected unit's years (status, open findings, revisions, who and
 * when) and "新建本年度报告" (copy last year's report or a blank one); at the bottom, the
 * archive's status line and 备份.
 *
 *   <nb-home .author=${name}></nb-home>
 */
import { LitElement, css, html, nothing } from 'lit';
import type { ArchiveInfo, BackupInfo, UnitInfo, YearInfo } from '../../../core/api';
import { api, errorMessage } from '../../api';
import { navigate } from '../../state/router';
import { theme } from '../../styles/theme';
import { askUnitKind, confirmAction, showMessage } from '../nb-dialog/nb-dialog';
import { kindText } from '../../models/unit-kind';
import '../nb-import/nb-import';
import '../nb-compare/nb-year-tools';
import '../nb-progress/nb-progress';
import '../nb-search/nb-search';
import '../nb-unit-tree/nb-unit-tree';
import '../nb-unit-changes/nb-unit-changes';
import { currentReportYear, formatTime } from '../../../core/dates';
import { LatestRequest } from '../../lib/latest';
import { PUBLISHED_STATUS, chipClass, publishedCounts } from '../../models/published';

const SELECTED_KEY = 'nianbao.home.unit';

/** The format label of a year's report: 2019年版, 2021年版, or 旧格式文本 (before 2019). */
function formatLabel(format: '2019' | '2021' | null): string {
  return format ? `${format}年版` : '旧格式文本';
}

type Mode = 'copy' | 'blank';

export class NbHome extends LitElement {
  static override properties = {
    author: {},
    units: { state: true },
    unitsProblem: { state: true },
    selectedId: { state: true },
    years: { state: true },
    yearsProblem: { state: true },
    info: { state: true },
    newYear: { state: true },
    newMode: { state: true },
    creating: { state: true },
    createProblem: { state: true },
    backingUp: { state: true },
    backup: { state: true },
    backupProblem: { state: true },
  };
  declare author: string;
  declare units: readonly UnitInfo[] | null;
  declare unitsProblem: string;
  declare selectedId: string | null;
  /** The selected unit's years, newest first; null while loading. */
  declare years: readonly YearInfo[] | null;
  declare yearsProblem: string;
  declare info: ArchiveInfo | null;
  declare newYear: number;
  declare newMode: Mode;
  declare creating: boolean;
  declare createProblem: string;
  declare backingUp: boolean;
  declare backup: BackupInfo | null;
  declare backupProblem: string;
  private readonly yearsRequests = new LatestRequest();

  constructor() {
    super();
    this.author = '';
    this.units = null;
    this.unitsProblem = '';
    this.selectedId = sessionStorage.getItem(SELECTED_KEY);
    this.years = null;
    this.yearsProblem = '';
    this.info = null;
    this.newYear = currentReportYear(new Date());
    this.newMode = 'copy';
    this.creating = false;
    this.createProblem = '';
    this.backingUp = false;
    this.backup = null;
    this.backupProblem = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.reload();
  }

  /** Reads units, the selected unit's years and the archive's status again. */
  async reload(select?: string): Promise<void> {
    void this.loadInfo();
    try {
      const units = await api().listUnits();
      this.units = units;
      this.unitsProblem = '';
      const wanted = select ?? this.selectedId;
      const unit =
        units.find((u) => u.id === wanted) ??
        units.find((u) => !u.parentId && !u.mergedInto) ??
        units[0];
      this.select(unit?.id ?? null, true);
    } catch (error) {
      this.units = [];
      this.unitsProblem = `无法读取单位列表：${errorMessage(error)}`;
    }
  }

  private async loadInfo(): Promise<void> {
    try {
      this.info = await api().archiveInfo();
    } catch {
      this.info = null;
    }
  }

  private select(unitId: string | null, force = false): void {
    if (unitId === this.selectedId && !force) return;
    if (unitId !== this.selectedId) this.createProblem = '';
    this.selectedId = unitId;
    if (unitId) sessionStorage.setItem(SELECTED_KEY, unitId);
    void this.loadYears();
  }

  private async loadYears(): Promise<void> {
    const unitId = this.selectedId;
    const current = this.yearsRequests.start();
    if (!unitId) {
      this.years = [];
      return;
    }
    this.years = null;
    this.yearsProblem = '';
    try {
      const years = await api().listYears({ unitId });
      if (!current()) return;
      this.years = [...years].sort((a, b) => b.year - a.year);
    } catch (error) {
      if (!current()) return;
      this.years = [];
      this.yearsProblem = `无法读取年度列表：${errorMessage(error)}`;
    }
  }

  static override styles = [
    theme,
    css`
      :host {
        display: flex;
        flex-direction: column;
        flex: 1;
        min-height: 0;
      }
      .top {
        display: flex;
        gap: 12px;
        align-items: flex-start;
        padding: 8px 12px;
        border-bottom: 1px solid var(--nb-line);
        background: var(--nb-panel);
        flex-wrap: wrap;
      }
      .top a.exchange-link {
        align-self: center;
        white-space: nowrap;
      }
      nb-search {
        flex: 1 1 24em;
        min-width: 16em;
      }
      .panes {
        flex: 1;
        min-height: 0;
        display: grid;
        grid-template-columns: minmax(220px, 300px) minmax(0, 1fr);
      }
      nb-unit-tree {
        border-right: 1px solid var(--nb-line);
        min-height: 0;
      }
      .unit {
        overflow: auto;
        padding: 12px 20px 24px;
        min-width: 0;
      }
      .unit h2 {
        font-size: 18px;
        margin: 0;
        overflow-wrap: anywhere;
      }
      .meta {
        font-size: 13px;
        color: var(--nb-muted);
        margin: 2px 0 10px;
        overflow-wrap: anywhere;
      }
      .meta .link {
        border: 0;
        background: none;
        color: var(--nb-accent);
        padding: 0 2px;
        min-height: 0;
        text-decoration: underline;
        font-size: 13px;
      }
      .banner {
        background: var(--nb-panel);
        border: 1px solid var(--nb-line);
        border-radius: var(--nb-radius);
        padding: 6px 10px;
        margin-bottom: 10px;
        font-size: 13px;
      }
      .new-report {
        border: 1px solid var(--nb-line);
        border-radius: var(--nb-radius);
        padding: 8px 12px;
        margin-bottom: 14px;
      }
      .new-report h3 {
        font-size: 14px;
        margin: 0 0 6px;
      }
      .new-report form {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 8px 16px;
      }
      .new-report input[type='number'] {
        width: 6.5em;
      }
      .new-report fieldset {
        border: 0;
        padding: 0;
        margin: 0;
        display: flex;
        flex-wrap: wrap;
        gap: 4px 16px;
      }
      .new-report legend {
        float: left;
        margin-right: 8px;
      }
      .new-report .hint {
        flex-basis: 100%;
        font-size: 12px;
        color: var(--nb-muted);
      }
      table {
        border-collapse: collapse;
        width: 100%;
        font-size: 13px;
      }
      caption {
        text-align: left;
        font-weight: 600;
        font-size: 14px;
        padding-bottom: 4px;
      }
      th,
      td {
        border-bottom: 1px solid var(--nb-line);
        padding: 5px 8px;
        text-align: left;
        vertical-align: middle;
      }
      thead th {
        background: var(--nb-panel);
        font-weight: 600;
        white-space: nowrap;
      }
      tbody th {
        font-weight: normal;
      }
      td.num,
      th.num {
        text-align: right;
        font-variant-numeric: tabular-nums;
      }
      tbody tr {
        cursor: pointer;
      }
      tbody tr:hover {
        background: var(--nb-accent-bg);
      }
      td .open {
        font-weight: 600;
        min-height: 26px;
        padding: 1px 10px;
      }
      .chip {
        display: inline-block;
        border-radius: 10px;
        padding: 0 8px;
        font-size: 12px;
        border: 1px solid currentColor;
        white-space: nowrap;
      }
      .chip.草稿 {
        color: var(--nb-error);
        background: var(--nb-error-bg);
      }
      .chip.待定稿 {
        color: var(--nb-ok);
        background: #e9f6ec;
      }
      .chip.已定稿 {
        color: #fff;
        background: var(--nb-accent);
        border-color: var(--nb-accent);
      }
      .chip.旧格式,
      .chip.published {
        color: var(--nb-muted);
        background: var(--nb-panel);
      }
      .chip.pending {
        color: var(--nb-warning);
        background: var(--nb-warning-bg);
        margin-left: 4px;
      }
      .errors {
        color: var(--nb-error);
        font-weight: 600;
      }
      .warnings {
        color: var(--nb-warning);
      }
      .zero {
        color: var(--nb-muted);
      }
      .who {
        white-space: nowrap;
      }
      .empty {
        color: var(--nb-muted);
        padding: 16px 0;
      }
      footer {
        display: flex;
        align-items: center;
        gap: 10px;
        flex-wrap: wrap;
        padding: 4px 12px;
        border-top: 1px solid var(--nb-line);
        background: var(--nb-panel);
        font-size: 12px;
        color: var(--nb-muted);
      }
      footer .path {
        overflow-wrap: anywhere;
        user-select: text;
      }
      footer button {
        min-height: 24px;
        padding: 0 10px;
        font-size: 12px;
      }
      footer nb-progress {
        width: 10em;
      }
      .warning {
        color: var(--nb-warning);
        background: var(--nb-warning-bg);
        padding: 0 6px;
        border-radius: var(--nb-radius);
      }
      .author-hint {
        font-size: 12px;
        color: var(--nb-warning);
        align-self: center;
      }
    `,
  ];

  override render() {
    return html`<div class="top">
        <nb-search></nb-search>
        <nb-import
          .author=${this.author}
          .units=${this.units ?? []}
          @archive-changed=${() => void this.reload()}
        ></nb-import>
        <a
          class="exchange-link"
          href="#/exchange"
          data-action="open-exchange"
          title="导入各部门、乡镇（街道）报送的交换文件（.nianbao）"
          >导入交换文件…</a
        >
        ${
          this.author
            ? nothing
            : html`<span class="author-hint"
                >提示：请在右上角填写操作人姓名，它会记入修订记录。</span
              >`
        }
      </div>
      <div class="panes">
        <nb-unit-tree
          .units=${this.units ?? []}
          .selectedId=${this.selectedId}
          .author=${this.author}
          @unit-select=${(e: CustomEvent<{ unitId: string }>) => this.select(e.detail.unitId)}
          @units-changed=${(e: CustomEvent<{ unitId: string }>) => void this.reload(e.detail.unitId)}
        ></nb-unit-tree>
        <section
          class="unit"
          aria-label="所选单位的报告"
          data-role="unit-pane"
          data-unit-id=${this.selectedId ?? ''}
        >
          ${this.renderUnit()}
        </section>
      </div>
      ${this.renderFooter()}`;
  }

  /** 设置类型: asks with the guess from the name preselected, then stores it. */
  private async setKind(unit: UnitInfo): Promise<void> {
    const kind = await askUnitKind(unit.name, unit.kind);
    if (!kind) return;
    try {
      await api().updateUnit({ unitId: unit.id, kind, author: this.author });
      await this.reload(unit.id);
    } catch (error) {
      await showMessage('单位类型没有保存', errorMessage(error));
    }
  }

  private selected(): UnitInfo | undefined {
    return this.units?.find((u) => u.id === this.selectedId);
  }

  private renderUnit() {
    if (this.unitsProblem) return html`<p class="error-text" role="alert">${this.unitsProblem}</p>`;
    if (this.units === null) return html`<p class="muted" aria-busy="true">正在读取档案库…</p>`;
    const unit = this.selected();
    if (!unit) {
      return html`<div class="empty">
        <p>请在左侧选择单位。</p>
        <p>档案库还没有单位时，可“新建单位”，或用上方的“导入文件…”“导入文件夹…”导入往年的报告。</p>
      </div>`;
    }
    const parent = unit.parentId ? this.units.find((u) => u.id === unit.parentId) : undefined;
    const into = unit.mergedInto ? this.units.find((u) => u.id === unit.mergedInto) : undefined;
    const former = unit.formerNames.filter((f) => f.name !== unit.name);
    const meta = [
      unit.kind ? `类型：${unit.kind}` : kindText(null),
      parent ? `上级单位：${parent.name}` : '',
      former.length
        ? `曾用名：${former.map((f) => (f.to ? `${f.name}（至 ${f.to}）` : f.name)).join('、')}`
        : '',
    ].filter(Boolean);
    return html`<h2 data-role="unit-name">${unit.name}</h2>
      <div class="meta">
        ${meta.join(' · ')}${
          !unit.kind && !unit.mergedInto
            ? html` <button
                class="link"
                data-action="set-unit-kind"
                title="类型决定适用的检查规则和报送期限"
                @click=${() => void this.setKind(unit)}
              >
                设置类型…
              </button>`
            : nothing
        }
      </div>
      ${
        unit.mergedInto
          ? html`<div class="banner" role="note">
              本单位已并入${into ? `“${into.name}”` : '其他单位'}。这里保留合并前两个单位都有的年度；新的报告请在合并后的单位下编写。
            </div>`
          : nothing
      }
      ${unit.mergedInto ? nothing : this.renderNewReport(unit)} ${this.renderYears()}
      <nb-year-tools .unitId=${unit.id} .years=${this.years ?? []}></nb-year-tools>
      ${
        !unit.mergedInto && (this.units ?? []).some((u) => u.parentId === unit.id)
          ? html`<button
              data-action="open-aggregate"
              title="把下属单位报告的表二、表三、表四汇总到本单位的报告"
              @click=${() => navigate({ name: 'aggregate', unitId: unit.id, year: this.newYear })}
            >
              汇总下属单位（${this.newYear}年度）
            </button>`
          : nothing
      }
      ${this.renderOfficeLink(unit)}
      <nb-unit-changes .unit=${unit}></nb-unit-changes>`;
  }

  /** County office (issue 15): a unit with members opens their submissions dashboard. */
  private renderOfficeLink(unit: UnitInfo) {
    const members = (this.units ?? []).filter((u) => u.parentId === unit.id && !u.mergedInto);
    if (!members.length || unit.mergedInto) return nothing;
    const year = currentReportYear(new Date());
    return html`<p>
      <a
        class="office-link"
        data-action="open-office"
        href="#/office/${encodeURIComponent(unit.id)}/${year}"
        >下属单位报送情况（${year}年度，${members.length} 个直属单位）→</a
      >
    </p>`;
  }

  /** The newest year before `year` whose report is structured (the copy's source), if any. */
  private copySource(year: number): number | null {
    const years = (this.years ?? []).filter((y) => y.format !== null && y.year < year);
    return years.length ? Math.max(...years.map((y) => y.year)) : null;
  }

  private renderNewReport(unit: UnitInfo) {
    const year = this.newYear;
    const source = Number.isInteger(year) ? this.copySource(year) : null;
    const mode: Mode = this.newMode === 'copy' && source !== null ? 'copy' : 'blank';
    const exists = this.years?.some((y) => y.year === year) ?? false;
    const converts = source !== null && source < 2021 && year >= 2021;
    return html`<section class="new-report" aria-labelledby="new-report-title">
      <h3 id="new-report-title">新建本年度报告</h3>
      <form data-role="new-report" @submit=${(e: Event) => this.onCreate(e, unit, mode, source)}>
        <label
          >年度
          <input
            type="number"
            name="year"
            data-role="new-report-year"
            min="2019"
            max="2100"
            step="1"
            required
            .value=${String(year)}
            @input=${(e: Event) => {
              this.newYear = Number((e.target as HTMLInputElement).value);
              this.createProblem = '';
            }}
        /></label>
        <fieldset>
          <legend class="visually-hidden">新报告的内容</legend>
          <label
            ><input
              type="radio"
              name="mode"
              value="copy"
              data-role="new-report-copy"
              ?disabled=${source === null}
              .checked=${mode === 'copy'}
              @change=${() => (this.newMode = 'copy')}
            />
            ${source === null ? '从上一年复制（没有可复制的往年报告）' : `从 ${source} 年的报告复制`}</label
          >
          <label
            ><input
              type="radio"
              name="mode"
              value="blank"
              data-role="new-report-blank"
              .checked=${mode === 'blank'}
              @change=${() => (this.newMode = 'blank')}
            />
            空白报告</label
          >
        </fieldset>
        <button
          type="submit"
          class="primary"
          data-action="create-report"
          ?disabled=${this.creating}
        >
          ${this.creating ? '正在创建…' : '创建并打开'}
        </button>
        <div class="hint">
          ${
            exists
              ? `${year}年度已有报告：请在下表中打开它。`
              : mode === 'copy'
                ? `沿用 ${source} 年报告的文字（其中的年份会逐一提示核对），表格留空，只有“上年结转”按上年“结转下年度继续办理”填入${
                    converts ? '；并按 2021 年版格式转换' : ''
                  }。`
                : `按 ${year >= 2021 ? '2021' : '2019'} 年版格式新建空白报告。`
          }
        </div>
      </form>
      <div class="error-text" role="alert" data-role="create-problem">${this.createProblem}</div>
    </section>`;
  }

  private async onCreate(e: Event, unit: UnitInfo, mode: Mode, source: number | null) {
    e.preventDefault();
    if (this.creating) return;
    const year = this.newYear;
    if (!Number.isInteger(year)) {
      this.createProblem = '请填写年度（四位数字）。';
      return;
    }
    // copying a draft that still has errors copies its mistakes: say so first
    const from = mode === 'copy' ? this.years?.find((y) => y.year === source) : undefined;
    if (from && from.status === '草稿' && from.errors > 0) {
      const ok = await confirmAction(
        '从草稿复制',
        `${from.year}年度报告还是草稿，有 ${from.errors} 个错误没有解决。\n\n` +
          `从它复制，这些错误可能带进${year}年度报告（文字照抄，表格留空，上年结转按它填入）。` +
          `建议先打开${from.year}年度报告改正并定稿。仍要现在复制吗？`,
        '仍然复制',
      );
      if (!ok) return;
    }
    this.creating = true;
    this.createProblem = '';
    try {
      if (mode === 'copy' && source !== null) {
        await api().copyLastYear({ unitId: unit.id, from: source, to: year, author: this.author });
      } else {
        await api().createReport({ unitId: unit.id, year, author: this.author });
      }
      navigate({ name: 'report', unitId: unit.id, year, tab: 'edit' });
    } catch (error) {
      this.createProblem = errorMessage(error);
    } finally {
      this.creating = false;
    }
  }

  private renderYears() {
    if (this.yearsProblem) return html`<p class="error-text" role="alert">${this.yearsProblem}</p>`;
    const years = this.years;
    if (years === null) return html`<p class="muted" aria-busy="true">正在读取…</p>`;
    if (!years.length) return html`<p class="empty">本单位还没有报告。</p>`;
    const unitId = this.selectedId!;
    const open = (y: YearInfo) => navigate({ name: 'report', unitId, year: y.year, tab: 'edit' });
    return html`<table data-role="years-table">
      <caption>
        各年度报告（${years.length} 份）
      </caption>
      <thead>
        <tr>
          <th scope="col">年度</th>
          <th scope="col">格式</th>
          <th scope="col">状态</th>
          <th scope="col" class="num">错误</th>
          <th scope="col" class="num">提示</th>
          <th scope="col" class="num">修订</th>
          <th scope="col">更新时间 / 人</th>
        </tr>
      </thead>
      <tbody>
        ${years.map(
          (y) =>
            html`<tr
              data-role="year-row"
              data-year=${y.year}
              data-status=${y.status}
              @click=${(e: Event) => {
                if ((e.target as HTMLElement).closest('button')) return;
                open(y);
              }}
            >
              <th scope="row">
                <button
                  class="open"
                  data-action="open-report"
                  aria-label=${`打开 ${y.year} 年度报告（${y.status}）`}
                  title=${y.title}
                  @click=${() => open(y)}
                >
                  ${y.year}年
                </button>
              </th>
              <td>${formatLabel(y.format)}</td>
              <td>
                <span class="chip ${chipClass(y.status)}">${y.status}</span>${
                  y.pending
                    ? html`<span
                        class="chip pending"
                        data-role="pending"
                        title="有未保存的修改（在编辑日志中，下次保存时生成修订）"
                        >有未保存的修改</span
                      >`
                    : nothing
                }
              </td>
              <td class="num">
                ${
                  y.format === null
                    ? '—'
                    : y.status === PUBLISHED_STATUS
                      ? html`<span
                          class="zero"
                          data-role="published-count"
                          title=${`${publishedCounts(y) || '已发布'}：问题照常列出，不算待办`}
                          >${y.errors}</span
                        >`
                      : html`<span class=${y.errors ? 'errors' : 'zero'}>${y.errors}</span>`
                }
              </td>
              <td class="num">
                ${
                  y.format === null
                    ? '—'
                    : html`<span class=${y.warnings && !y.published ? 'warnings' : 'zero'}
                        >${y.warnings}</span
                      >`
                }
              </td>
              <td class="num">${y.revision}</td>
              <td class="who">
                ${formatTime(y.updatedAt)}${y.updatedBy ? ` · ${y.updatedBy}` : ''}
              </td>
            </tr>`,
        )}
      </tbody>
    </table>`;
  }

  private renderFooter() {
    const info = this.info;
    const mb = info
      ? (info.bytes / 1024 / 1024).toFixed(info.bytes < 10 * 1024 * 1024 ? 1 : 0)
      : '';
    return html`<footer data-role="archive-status">
      ${
        info
          ? html`<span
                >档案库：<span class="path" data-role="archive-path">${info.path}</span></span
              >
              <span>${info.units} 个单位 · ${info.reports} 份报告 · ${mb} MB</span>
              ${info.warning ? html`<span class="warning" role="alert">${info.warning}</span>` : nothing}`
          : html`<span>档案库</span>`
      }
      <button
        data-action="backup"
        ?disabled=${this.backingUp}
        @click=${() => void this.runBackup()}
      >
        备份
      </button>
      ${
        this.backingUp
          ? html`<nb-progress label="正在备份…"></nb-progress>`
          : this.backup
            ? html`<span role="status" data-role="backup-result"
                >已备份到：<span class="path">${this.backup.path}</span>（${(
                  this.backup.bytes /
                  1024 /
                  1024
                ).toFixed(1)}
                MB）</span
              >`
            : this.backupProblem
              ? html`<span class="error-text" role="alert">${this.backupProblem}</span>`
              : nothing
      }
    </footer>`;
  }

  private async runBackup(): Promise<void> {
    this.backingUp = true;
    this.backup = null;
    this.backupProblem = '';
    try {
      this.backup = await api().backup({});
    } catch (error) {
      this.backupProblem = `备份失败：${errorMessage(error)}`;
    } finally {
      this.backingUp = false;
    }
  }
}
customElements.define('nb-home', NbHome);

declare global {
  interface HTMLElementTagNameMap {
    'nb-home': NbHome;
  }
}
