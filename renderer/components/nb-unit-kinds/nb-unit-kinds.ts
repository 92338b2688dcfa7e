/**
 * `<nb-unit-kinds .results=${importResults}>`: in an import's summary, the units the import has
 * just created, each with a 类型 choice — the guess from its name preselected, 暂不指定 allowed.
 * Nothing is stored until the clerk presses 确认类型 (the guess is never applied silently); then
 * each chosen 类型 is stored with `updateUnit`, and the units set are marked 已设置.
 *
 * DOM contract (tests): `[data-role="new-unit-kinds"]`, `li[data-unit-id]` each with
 * `select[data-role="unit-kind-choice"]` and, once stored, `[data-role="kind-set"]`;
 * `button[data-action="apply-unit-kinds"]`; `[data-role="unit-kinds-status"]`.
 * Event: `archive-changed` (bubbling, composed) after a 类型 was stored.
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import type { ImportFileResult } from '../../../core/api';
import type { UnitKind } from '../../../core/model';
import { api, errorMessage } from '../../api';
import { chosenKind, kindOptions, newUnitsOf, type NewUnit } from '../../models/unit-kind';
import { theme } from '../../styles/theme';

export class NbUnitKinds extends LitElement {
  static override properties = {
    results: { attribute: false },
    author: {},
    values: { state: true },
    stored: { state: true },
    busy: { state: true },
    status: { state: true },
  };
  declare results: readonly ImportFileResult[];
  /** The 操作人 in effect: signs each 类型 stored. */
  declare author: string;
  /** unit id → the 类型 chosen ('' = 暂不指定). */
  declare values: Readonly<Record<string, UnitKind | ''>>;
  /** unit id → the 类型 stored in the archive. */
  declare stored: Readonly<Record<string, UnitKind>>;
  declare busy: boolean;
  declare status: string;
  private units: NewUnit[] = [];

  constructor() {
    super();
    this.results = [];
    this.author = '';
    this.values = {};
    this.stored = {};
    this.busy = false;
    this.status = '';
  }

  static override styles = [
    theme,
    css`
      :host {
        display: block;
      }
      h3 {
        font-size: 14px;
        margin: 14px 0 6px;
      }
      p {
        margin: 0 0 6px;
        font-size: 13px;
      }
      ul {
        margin: 0;
        padding: 0;
      }
      li {
        list-style: none;
        display: flex;
        flex-wrap: wrap;
        gap: 4px 8px;
        align-items: center;
        margin: 4px 0;
        overflow-wrap: anywhere;
      }
      .name {
        flex: 1 1 14em;
        min-width: 0;
      }
      select {
        width: 14em;
      }
      .set {
        font-size: 12px;
        color: var(--nb-ok);
      }
      .actions {
        display: flex;
        gap: 8px;
        align-items: center;
        flex-wrap: wrap;
        margin-top: 6px;
      }
    `,
  ];

  override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('results')) return;
    this.units = newUnitsOf(this.results);
    this.values = Object.fromEntries(this.units.map((u) => [u.unitId, u.guess ?? '']));
    this.stored = {};
    this.status = '';
  }

  private async apply(): Promise<void> {
    if (this.busy) return;
    const todo = this.units.filter((u) => {
      const kind = this.values[u.unitId];
      return kind && kind !== this.stored[u.unitId];
    });
    if (!todo.length) {
      this.status = '没有选择类型：这些单位的类型仍未定，以后可在首页或报告中设置。';
      return;
    }
    this.busy = true;
    const stored = { ...this.stored };
    const failed: string[] = [];
    for (const u of todo) {
      const kind = this.values[u.unitId] as UnitKind;
      try {
        const info = await api().updateUnit({ unitId: u.unitId, kind, author: this.author });
        if (info.kind) stored[u.unitId] = info.kind;
      } catch (error) {
        failed.push(`“${u.name}”：${errorMessage(error)}`);
      }
    }
    this.stored = stored;
    this.busy = false;
    const done = todo.length - failed.length;
    this.status = [
      done ? `已设置 ${done} 个单位的类型。` : '',
      failed.length ? `未能设置：${failed.join('；')} 请稍后再试。` : '',
    ]
      .filter(Boolean)
      .join('');
    if (done) this.dispatchEvent(new Event('archive-changed', { bubbles: true, composed: true }));
  }

  override render() {
    if (!this.units.length) return nothing;
    return html`<section data-role="new-unit-kinds" aria-labelledby="new-unit-kinds-title">
      <h3 id="new-unit-kinds-title">新建的单位：请确认类型（${this.units.length}）</h3>
      <p class="muted">
        类型决定适用的检查规则和报送期限。已按名称预选推测的类型，点“确认类型”后才保存；选“暂不指定”的单位，成文期限和考核评议的检查暂不进行，以后可在首页或报告中设置。
      </p>
      <ul>
        ${this.units.map((u, i) => this.row(u, i))}
      </ul>
      <div class="actions">
        <button
          class="primary"
          data-action="apply-unit-kinds"
          ?disabled=${this.busy}
          @click=${() => void this.apply()}
        >
          ${this.busy ? '正在保存…' : '确认类型'}
        </button>
        <span role="status" data-role="unit-kinds-status">${this.status}</span>
      </div>
    </section>`;
  }

  private row(u: NewUnit, i: number) {
    const id = `unit-kind-${i}`;
    const value = this.values[u.unitId] ?? '';
    const stored = this.stored[u.unitId];
    return html`<li data-unit-id=${u.unitId}>
      <label class="name" for=${id}>${u.name}</label>
      <select
        id=${id}
        data-role="unit-kind-choice"
        ?disabled=${this.busy}
        @change=${(e: Event) => {
          this.values = {
            ...this.values,
            [u.unitId]: chosenKind((e.target as HTMLSelectElement).value) ?? '',
          };
        }}
      >
        ${kindOptions(u.guess).map(
          (o) => html`<option value=${o.value} ?selected=${o.value === value}>${o.label}</option>`,
        )}
      </select>
      ${stored ? html`<span class="set" data-role="kind-set">已设置为“${stored}”</span>` : nothing}
    </li>`;
  }
}
customElements.define('nb-unit-kinds', NbUnitKinds);

declare global {
  interface HTMLElementTagNameMap {
    'nb-unit-kinds': NbUnitKinds;
  }
}
