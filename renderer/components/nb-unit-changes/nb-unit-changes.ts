/**
 * 单位变更记录: the selected unit's changes (created, renamed, 类型, 上级, merged), newest first,
 * each with when and who (操作人). Shown in home's unit pane; listed again when `unit` changes
 * (the owner reloads the units after every change).
 *
 *   <nb-unit-changes .unit=${unit}></nb-unit-changes>
 *
 * DOM contract (tests): `[data-role="unit-changes"]`, inside it `li[data-role="unit-change"]
 * [data-change]` with `[data-role="when"]`, `[data-role="who"]`, `[data-role="what"]`;
 * `[data-role="unit-changes-problem"]` when the list could not be read.
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import type { UnitChange, UnitInfo } from '../../../core/api';
import { api, errorMessage } from '../../api';
import { LatestRequest } from '../../lib/latest';
import { unitChangeLine } from '../../models/unit-changes';
import { theme } from '../../styles/theme';

export class NbUnitChanges extends LitElement {
  static override properties = {
    unit: { attribute: false },
    changes: { state: true },
    problem: { state: true },
  };
  declare unit: UnitInfo | null;
  declare changes: readonly UnitChange[] | null;
  declare problem: string;
  private readonly requests = new LatestRequest();

  constructor() {
    super();
    this.unit = null;
    this.changes = null;
    this.problem = '';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('unit')) {
      if (this.unit) void this.load(this.unit.id);
      else {
        this.requests.cancel();
        this.changes = null;
      }
    }
  }

  private async load(unitId: string): Promise<void> {
    const current = this.requests.start();
    try {
      const changes = await api().unitHistory({ unitId });
      if (!current()) return;
      this.changes = changes;
      this.problem = '';
    } catch (error) {
      if (!current()) return;
      this.changes = [];
      this.problem = `无法读取单位变更记录：${errorMessage(error)}`;
    }
  }

  static override styles = [
    theme,
    css`
      :host {
        display: block;
        margin-top: 16px;
      }
      h3 {
        font-size: 13px;
        margin: 0 0 4px;
        color: var(--nb-muted);
        font-weight: 600;
      }
      ol {
        list-style: none;
        margin: 0;
        padding: 0;
        max-height: 10.5em;
        overflow: auto;
      }
      li {
        display: flex;
        flex-wrap: wrap;
        gap: 2px 10px;
        font-size: 12px;
        padding: 2px 0;
        border-bottom: 1px solid var(--nb-line);
      }
      .when {
        color: var(--nb-muted);
        font-variant-numeric: tabular-nums;
      }
      .who {
        min-width: 5em;
      }
      .who.unsigned {
        color: var(--nb-muted);
        font-style: italic;
      }
      .what {
        flex: 1 1 14em;
        min-width: 0;
        overflow-wrap: anywhere;
      }
      .muted {
        color: var(--nb-muted);
        font-size: 12px;
        margin: 0;
      }
    `,
  ];

  override render() {
    if (!this.unit) return nothing;
    return html`<section data-role="unit-changes" aria-label="单位变更记录">
      <h3>单位变更记录</h3>
      ${
        this.problem
          ? html`<p class="error-text" role="alert" data-role="unit-changes-problem">
              ${this.problem}
            </p>`
          : nothing
      }
      ${
        this.changes === null
          ? html`<p class="muted" aria-busy="true">正在读取…</p>`
          : this.changes.length === 0
            ? html`<p class="muted">没有记录（早于本功能的变更未记录）。</p>`
            : html`<ol>
                ${this.changes.map((c) => {
                  const line = unitChangeLine(c);
                  return html`<li data-role="unit-change" data-change=${c.change}>
                    <span class="when" data-role="when">${line.when}</span>
                    <span class="who ${line.signed ? '' : 'unsigned'}" data-role="who"
                      >${line.who}</span
                    >
                    <span class="what" data-role="what">${line.what}</span>
                  </li>`;
                })}
              </ol>`
      }
    </section>`;
  }
}
customElements.define('nb-unit-changes', NbUnitChanges);

declare global {
  interface HTMLElementTagNameMap {
    'nb-unit-changes': NbUnitChanges;
  }
}
