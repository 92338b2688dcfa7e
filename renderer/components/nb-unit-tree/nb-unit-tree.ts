/**
 * The units of the archive as a tree (by parent unit), with a filter box and the actions
 * 新建单位 and 重命名 (name with the date it takes effect; 类型 and parent unit too). A unit
 * merged into another is shown greyed with "已并入…". 新建单位 asks for the 类型: the guess from
 * the name being typed is preselected until the clerk picks one (暂不指定 allowed); 重命名 offers
 * the guess (采用) without applying it.
 *
 * Keyboard (WAI-ARIA tree): one tab stop; ↑/↓ move, → opens a unit or goes to its first
 * sub-unit, ← closes it or goes to its parent, Home/End, Enter/Space select. Selection follows
 * focus. From the filter box, ↓ goes into the tree.
 *
 * Properties: `units` (UnitInfo[]), `selectedId`. Events (bubbling, composed):
 *   unit-select    detail {unitId}   the user chose a unit
 *   units-changed  detail {unitId}   a unit was created or changed (reload, then select it)
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import type { UnitInfo } from '../../../core/api';
import { UNIT_KINDS, type UnitKind } from '../../../core/model';
import { guessUnitKind } from '../../../core/units';
import { live } from 'lit/directives/live.js';
import { KIND_LATER, chosenKind, kindWhileTyping } from '../../models/unit-kind';
import { api, errorMessage } from '../../api';
import { theme } from '../../styles/theme';
import { localDay } from '../../../core/dates';
import { dialogStyles } from '../../styles/dialog';

interface Row {
  readonly unit: UnitInfo;
  readonly level: number;
  readonly hasChildren: boolean;
  readonly expanded: boolean;
  readonly parentId: string | null;
  readonly posinset: number;
  readonly setsize: number;
}

type Form =
  { readonly mode: 'create' } | { readonly mode: 'rename'; readonly unit: UnitInfo } | null;

const collator = new Intl.Collator('zh-CN');

export class NbUnitTree extends LitElement {
  static override properties = {
    units: { attribute: false },
    selectedId: { attribute: false },
    author: {},
    filter: { state: true },
    expanded: { state: true },
    focusedId: { state: true },
    form: { state: true },
    formProblem: { state: true },
    formBusy: { state: true },
    kindHint: { state: true },
    kindValue: { state: true },
  };
  declare units: readonly UnitInfo[];
  declare selectedId: string | null;
  /** The 操作人 in effect: signs the units created, renamed and changed here. */
  declare author: string;
  declare filter: string;
  /** Ids of the units shown open (replaced, never mutated). */
  declare expanded: ReadonlySet<string>;
  declare focusedId: string | null;
  declare form: Form;
  declare formProblem: string;
  declare formBusy: boolean;
  /** The kind guessed from the name typed in the form (offered, not applied). */
  declare kindHint: UnitKind | null;
  /** The 类型 chosen in the form ('' = 暂不指定). */
  declare kindValue: UnitKind | '';
  /** The clerk chose the 类型 (新建单位: it no longer follows the guess from the name). */
  private kindPicked = false;
  private initialised = false;

  constructor() {
    super();
    this.units = [];
    this.selectedId = null;
    this.author = '';
    this.filter = '';
    this.expanded = new Set();
    this.focusedId = null;
    this.form = null;
    this.formProblem = '';
    this.formBusy = false;
    this.kindHint = null;
    this.kindValue = '';
  }

  static override styles = [
    theme,
    dialogStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        min-height: 0;
      }
      .tools {
        display: flex;
        gap: 6px;
        padding: 8px;
        flex-wrap: wrap;
      }
      .tools input {
        flex: 1 1 100%;
      }
      .tools button {
        flex: 1;
      }
      .count {
        font-size: 12px;
        color: var(--nb-muted);
        padding: 0 10px 4px;
      }
      [role='tree'] {
        flex: 1;
        min-height: 0;
        overflow: auto;
        padding: 2px 0 12px;
      }
      [role='treeitem'] {
        display: flex;
        align-items: baseline;
        gap: 4px;
        padding: 3px 8px 3px calc(8px + var(--level) * 16px);
        cursor: pointer;
        border-left: 3px solid transparent;
        outline-offset: -2px;
      }
      [role='treeitem']:hover {
        background: var(--nb-panel);
      }
      [role='treeitem'][aria-selected='true'] {
        background: var(--nb-accent-bg);
        border-left-color: var(--nb-accent);
      }
      .twisty {
        flex: none;
        width: 1.2em;
        text-align: center;
        color: var(--nb-muted);
        font-size: 11px;
      }
      .name {
        overflow-wrap: anywhere;
        min-width: 0;
      }
      .years {
        flex: none;
        margin-left: auto;
        font-size: 11px;
        color: var(--nb-muted);
        padding-left: 6px;
      }
      .merged .name {
        color: var(--nb-muted);
      }
      .merged-note {
        font-size: 11px;
        color: var(--nb-muted);
        white-space: nowrap;
      }
      .empty {
        padding: 12px;
        color: var(--nb-muted);
      }
    `,
  ];

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('units') && this.units.length && !this.initialised) {
      this.initialised = true;
      // top-level units open, so their sub-units show
      const roots = this.units.filter((u) => !this.parentOf(u)).map((u) => u.id);
      this.expanded = new Set([...this.expanded, ...roots]);
    }
    if ((changed.has('selectedId') || changed.has('units')) && this.selectedId) {
      const missing = this.ancestors(this.selectedId).filter((id) => !this.expanded.has(id));
      if (missing.length) this.expanded = new Set([...this.expanded, ...missing]);
      if (!this.focusedId || changed.has('selectedId')) this.focusedId = this.selectedId;
    }
  }

  private byId(): Map<string, UnitInfo> {
    return new Map(this.units.map((u) => [u.id, u]));
  }

  /** The parent shown in the tree (none when it is unknown or would make a cycle). */
  private parentOf(unit: UnitInfo, index = this.byId()): UnitInfo | null {
    if (!unit.parentId) return null;
    const seen = new Set([unit.id]);
    for (
      let at = index.get(unit.parentId);
      at;
      at = at.parentId ? index.get(at.parentId) : undefined
    ) {
      if (seen.has(at.id)) return null;
      seen.add(at.id);
    }
    return index.get(unit.parentId) ?? null;
  }

  private ancestors(id: string): string[] {
    const index = this.byId();
    const out: string[] = [];
    let unit = index.get(id);
    while (unit) {
      const parent = this.parentOf(unit, index);
      if (!parent) break;
      out.push(parent.id);
      unit = parent;
    }
    return out;
  }

  private unitMatches(unit: UnitInfo, needle: string): boolean {
    if (unit.name.toLowerCase().includes(needle)) return true;
    return unit.formerNames.some((f) => f.name.toLowerCase().includes(needle));
  }

  /** The visible rows, in order. */
  private rows(): Row[] {
    const index = this.byId();
    const children = new Map<string | null, UnitInfo[]>();
    for (const u of this.units) {
      const key = this.parentOf(u, index)?.id ?? null;
      children.set(key, [...(children.get(key) ?? []), u]);
    }
    for (const list of children.values()) {
      list.sort(
        (a, b) =>
          Number(!!a.mergedInto) - Number(!!b.mergedInto) || collator.compare(a.name, b.name),
      );
    }
    const needle = this.filter.trim().toLowerCase();
    let keep: Set<string> | null = null;
    if (needle) {
      keep = new Set();
      for (const u of this.units) {
        if (!this.unitMatches(u, needle)) continue;
        keep.add(u.id);
        for (const a of this.ancestors(u.id)) keep.add(a);
      }
    }
    const out: Row[] = [];
    const walk = (parentId: string | null, level: number) => {
      const list = (children.get(parentId) ?? []).filter((u) => !keep || keep.has(u.id));
      list.forEach((unit, i) => {
        const kids = (children.get(unit.id) ?? []).filter((u) => !keep || keep.has(u.id));
        const expanded = kids.length > 0 && (keep !== null || this.expanded.has(unit.id));
        out.push({
          unit,
          level,
          hasChildren: kids.length > 0,
          expanded,
          parentId,
          posinset: i + 1,
          setsize: list.length,
        });
        if (expanded) walk(unit.id, level + 1);
      });
    };
    walk(null, 1);
    return out;
  }

  override render() {
    const rows = this.rows();
    const index = this.byId();
    const focusable =
      rows.find((r) => r.unit.id === this.focusedId)?.unit.id ??
      rows.find((r) => r.unit.id === this.selectedId)?.unit.id ??
      rows[0]?.unit.id;
    const selected = this.selectedId ? index.get(this.selectedId) : undefined;
    return html`<div class="tools">
        <label class="visually-hidden" for="filter">筛选单位</label>
        <input
          id="filter"
          type="search"
          data-role="unit-filter"
          placeholder="筛选单位（含曾用名）"
          .value=${this.filter}
          @input=${(e: Event) => (this.filter = (e.target as HTMLInputElement).value)}
          @keydown=${(e: KeyboardEvent) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              this.focusItem(focusable);
            }
          }}
        />
        <button data-action="new-unit" @click=${() => this.openForm({ mode: 'create' })}>
          新建单位
        </button>
        <button
          data-action="rename-unit"
          ?disabled=${!selected || !!selected.mergedInto}
          title=${selected?.mergedInto ? '已并入其他单位的单位不能重命名' : '重命名或修改所选单位'}
          @click=${() => selected && this.openForm({ mode: 'rename', unit: selected })}
        >
          重命名
        </button>
      </div>
      ${
        this.filter.trim()
          ? html`<div class="count" role="status">
              ${rows.length ? `符合条件的单位及其上级：${rows.length} 个` : ''}
            </div>`
          : nothing
      }
      <div role="tree" aria-label="单位" data-role="unit-tree" @keydown=${this.onKey}>
        ${
          rows.length
            ? rows.map((r) => this.item(r, r.unit.id === focusable, index))
            : html`<div class="empty">
                ${this.units.length ? '没有符合条件的单位。' : '档案库中还没有单位。可新建单位，或导入报告。'}
              </div>`
        }
      </div>
      ${this.renderForm()}`;
  }

  private item(r: Row, tabbable: boolean, index: Map<string, UnitInfo>) {
    const u = r.unit;
    const into = u.mergedInto ? index.get(u.mergedInto) : undefined;
    const former = u.formerNames.filter((f) => f.name !== u.name).map((f) => f.name);
    const title = [
      u.name,
      u.kind ? `类型：${u.kind}` : '类型未定',
      former.length ? `曾用名：${former.join('、')}` : '',
      u.mergedInto ? `已并入${into?.name ?? '其他单位'}` : '',
    ]
      .filter(Boolean)
      .join('\n');
    return html`<div
      role="treeitem"
      class=${u.mergedInto ? 'merged' : ''}
      data-role="unit-item"
      data-unit-id=${u.id}
      style="--level:${r.level - 1}"
      aria-level=${r.level}
      aria-posinset=${r.posinset}
      aria-setsize=${r.setsize}
      aria-selected=${u.id === this.selectedId ? 'true' : 'false'}
      aria-expanded=${r.hasChildren ? String(r.expanded) : nothing}
      aria-disabled=${u.mergedInto ? 'true' : nothing}
      tabindex=${tabbable ? 0 : -1}
      title=${title}
      @click=${() => this.choose(u.id)}
      @focus=${() => (this.focusedId = u.id)}
    >
      <span
        class="twisty"
        aria-hidden="true"
        @click=${(e: Event) => {
          if (!r.hasChildren) return;
          e.stopPropagation();
          this.toggle(u.id, !r.expanded);
        }}
        >${r.hasChildren ? (r.expanded ? '▾' : '▸') : ''}</span
      >
      <span class="name">${u.name}</span>
      ${
        u.mergedInto
          ? html`<span class="merged-note">已并入${into ? `“${into.name}”` : '其他单位'}</span>`
          : nothing
      }
      ${u.years.length ? html`<span class="years">${u.years.length} 份</span>` : nothing}
    </div>`;
  }

  private toggle(id: string, open: boolean): void {
    const next = new Set(this.expanded);
    if (open) next.add(id);
    else next.delete(id);
    this.expanded = next;
  }

  private choose(id: string): void {
    this.focusedId = id;
    if (id !== this.selectedId) {
      this.dispatchEvent(
        new CustomEvent('unit-select', { detail: { unitId: id }, bubbles: true, composed: true }),
      );
    }
  }

  private focusItem(id: string | undefined): void {
    if (!id) return;
    this.focusedId = id;
    void this.updateComplete.then(() => {
      const el = this.renderRoot.querySelector<HTMLElement>(
        `[role="treeitem"][data-unit-id="${CSS.escape(id)}"]`,
      );
      el?.focus();
      el?.scrollIntoView({ block: 'nearest' });
    });
  }

  private readonly onKey = (e: KeyboardEvent) => {
    const target = (e.target as HTMLElement).closest<HTMLElement>('[role="treeitem"]');
    if (!target) return;
    const rows = this.rows();
    const i = rows.findIndex((r) => r.unit.id === target.dataset['unitId']);
    const row = rows[i];
    if (!row) return;
    let next: Row | undefined;
    switch (e.key) {
      case 'ArrowDown':
        next = rows[i + 1];
        break;
      case 'ArrowUp':
        next = rows[i - 1];
        break;
      case 'Home':
        next = rows[0];
        break;
      case 'End':
        next = rows.at(-1);
        break;
      case 'ArrowRight':
        if (row.hasChildren && !row.expanded) this.toggle(row.unit.id, true);
        else if (row.expanded) next = rows[i + 1];
        break;
      case 'ArrowLeft':
        if (row.expanded && !this.filter.trim()) this.toggle(row.unit.id, false);
        else if (row.parentId) next = rows.find((r) => r.unit.id === row.parentId);
        break;
      case 'Enter':
      case ' ':
        this.choose(row.unit.id);
        break;
      default:
        return;
    }
    e.preventDefault();
    if (next) {
      this.focusItem(next.unit.id);
      this.choose(next.unit.id);
    }
  };

  // ------------------------------------------------------------------------------------------
  // 新建单位 / 重命名

  private openForm(form: Form): void {
    this.form = form;
    this.formProblem = '';
    this.formBusy = false;
    this.kindHint = null;
    this.kindValue = form?.mode === 'rename' ? (form.unit.kind ?? '') : '';
    this.kindPicked = form?.mode === 'rename';
    void this.updateComplete.then(() => {
      const dialog = this.renderRoot.querySelector<HTMLDialogElement>('dialog');
      if (dialog && !dialog.open) dialog.showModal();
      this.renderRoot.querySelector<HTMLInputElement>('dialog input[name="name"]')?.select();
    });
  }

  private closeForm(): void {
    this.renderRoot.querySelector<HTMLDialogElement>('dialog')?.close();
    const returnTo = this.form?.mode === 'create' ? 'new-unit' : 'rename-unit';
    this.form = null;
    this.renderRoot.querySelector<HTMLElement>(`[data-action="${returnTo}"]`)?.focus();
  }

  /** Units that may be the parent of `unit` (not merged, not itself or below it). */
  private parentChoices(unit: UnitInfo | null): UnitInfo[] {
    const below = new Set<string>();
    if (unit) {
      below.add(unit.id);
      let grew = true;
      while (grew) {
        grew = false;
        for (const u of this.units) {
          if (u.parentId && below.has(u.parentId) && !below.has(u.id)) {
            below.add(u.id);
            grew = true;
          }
        }
      }
    }
    return this.units
      .filter((u) => !u.mergedInto && !below.has(u.id))
      .sort((a, b) => collator.compare(a.name, b.name));
  }

  private renderForm() {
    const form = this.form;
    if (!form) return html`<dialog></dialog>`;
    const unit = form.mode === 'rename' ? form.unit : null;
    const creating = form.mode === 'create';
    const defaultParent = creating ? '' : (unit?.parentId ?? '');
    return html`<dialog
      aria-labelledby="unit-form-title"
      data-role="unit-form"
      @cancel=${(e: Event) => {
        e.preventDefault();
        if (!this.formBusy) this.closeForm();
      }}
    >
      <form @submit=${this.onSubmit} novalidate>
        <h2 id="unit-form-title">${creating ? '新建单位' : '重命名或修改单位'}</h2>
        ${unit ? html`<p class="muted" style="margin:0 0 10px">现名称：${unit.name}</p>` : nothing}
        <div class="field">
          <label for="unit-name">${creating ? '单位名称' : '新名称'}</label>
          <input
            id="unit-name"
            name="name"
            required
            maxlength="500"
            autocomplete="off"
            .value=${unit?.name ?? ''}
            @input=${(e: Event) => {
              const name = (e.target as HTMLInputElement).value;
              this.kindHint = guessUnitKind(name);
              this.kindValue = kindWhileTyping(name, this.kindPicked, this.kindValue);
            }}
          />
        </div>
        ${
          unit
            ? html`<div class="field">
                <label for="unit-date">改名日期</label>
                <input id="unit-date" name="date" type="date" .value=${localDay(new Date())} />
                <span class="hint"
                  >名称改变时填写：此日之前的报告仍用原名称，原名称作为曾用名保留。</span
                >
              </div>`
            : nothing
        }
        <div class="field">
          <label for="unit-kind">单位类型</label>
          <select
            id="unit-kind"
            name="kind"
            .value=${live(this.kindValue)}
            @change=${(e: Event) => {
              this.kindPicked = true;
              this.kindValue = chosenKind((e.target as HTMLSelectElement).value) ?? '';
            }}
          >
            ${UNIT_KINDS.map(
              (k) =>
                html`<option value=${k} ?selected=${k === this.kindValue}>
                  ${k}${k === this.kindHint ? '（按名称推测）' : ''}
                </option>`,
            )}
            <option value="" ?selected=${this.kindValue === ''}>${KIND_LATER}</option>
          </select>
          ${this.kindHintText(creating)}
        </div>
        <div class="field">
          <label for="unit-parent">上级单位</label>
          <select id="unit-parent" name="parentId">
            <option value="" ?selected=${!defaultParent}>（无）</option>
            ${this.parentChoices(unit).map(
              (u) =>
                html`<option value=${u.id} ?selected=${u.id === defaultParent}>${u.name}</option>`,
            )}
          </select>
          <span class="hint">用于县级汇总：部门、乡镇（街道）的上级一般是本级人民政府。</span>
        </div>
        <div class="error-text" role="alert" data-role="form-problem">${this.formProblem}</div>
        <div class="buttons">
          <button type="button" ?disabled=${this.formBusy} @click=${() => this.closeForm()}>
            取消
          </button>
          <button
            type="submit"
            class="primary"
            data-action="submit-unit"
            ?disabled=${this.formBusy}
          >
            ${this.formBusy ? '正在保存…' : creating ? '创建' : '保存'}
          </button>
        </div>
      </form>
    </dialog>`;
  }

  private kindHintText(creating: boolean) {
    const guess = this.kindHint;
    if (guess && guess === this.kindValue && creating && !this.kindPicked) {
      return html`<span class="hint" data-role="kind-guess"
        >已按名称预选“${guess}”，请确认或改选。类型决定适用的检查规则和报送期限。</span
      >`;
    }
    if (guess && guess !== this.kindValue) {
      return html`<span class="hint" data-role="kind-guess"
        >按名称推测为“${guess}”。<button
          type="button"
          class="link"
          data-action="use-kind-guess"
          @click=${() => {
            this.kindPicked = true;
            this.kindValue = guess;
          }}
        >
          采用
        </button></span
      >`;
    }
    return html`<span class="hint"
      >类型决定适用的检查规则和报送期限；${KIND_LATER}时，成文期限和考核评议的检查不会进行。</span
    >`;
  }

  private readonly onSubmit = async (e: SubmitEvent) => {
    e.preventDefault();
    const form = this.form;
    if (!form || this.formBusy) return;
    const el = e.target as HTMLFormElement;
    const value = (name: string) =>
      (el.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | null)?.value ?? '';
    const name = value('name').trim();
    const kind = (value('kind') || null) as UnitKind | null;
    const parentId = value('parentId') || null;
    if (!name) {
      this.formProblem = '请填写单位名称。';
      el.querySelector<HTMLInputElement>('input[name="name"]')?.focus();
      return;
    }
    this.formBusy = true;
    this.formProblem = '';
    try {
      let unitId: string;
      if (form.mode === 'create') {
        unitId = (await api().createUnit({ name, kind, parentId, author: this.author })).id;
      } else {
        const unit = form.unit;
        unitId = unit.id;
        if (name !== unit.name) {
          const date = value('date');
          await api().renameUnit({
            unitId,
            name,
            ...(date ? { date } : {}),
            author: this.author,
          });
        }
        if (kind !== unit.kind || parentId !== unit.parentId) {
          await api().updateUnit({
            unitId,
            ...(kind !== unit.kind ? { kind } : {}),
            ...(parentId !== unit.parentId ? { parentId } : {}),
            author: this.author,
          });
        }
      }
      this.formBusy = false;
      this.closeForm();
      this.dispatchEvent(
        new CustomEvent('units-changed', { detail: { unitId }, bubbles: true, composed: true }),
      );
    } catch (error) {
      this.formBusy = false;
      this.formProblem = errorMessage(error);
    }
  };
}
customElements.define('nb-unit-tree', NbUnitTree);

declare global {
  interface HTMLElementTagNameMap {
    'nb-unit-tree': NbUnitTree;
  }
}
