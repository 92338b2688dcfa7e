/**
 * A progress indicator: a native <progress> bar (determinate with `value`/`max`, indeterminate
 * when `value` is null), a line of text ("已处理 3 / 12：文件名") and, when `cancellable`, a
 * 取消 button that dispatches a `cancel` event (bubbling, composed). The text is a polite live
 * region, so screen readers hear it without it stealing focus.
 *
 *   <nb-progress .value=${3} .max=${12} label="已处理 3 / 12：a.docx" cancellable
 *                @cancel=${…}></nb-progress>
 */
import { LitElement, css, html, nothing } from 'lit';
import { theme } from '../../styles/theme';

export class NbProgress extends LitElement {
  static override properties = {
    value: { attribute: false },
    max: { type: Number },
    label: {},
    cancellable: { type: Boolean },
    cancelling: { type: Boolean },
  };
  /** Done so far; null: indeterminate (the total is not known yet). */
  declare value: number | null;
  declare max: number;
  declare label: string;
  declare cancellable: boolean;
  /** The 取消 button was pressed: it is disabled and says 正在取消…. */
  declare cancelling: boolean;

  constructor() {
    super();
    this.value = null;
    this.max = 1;
    this.label = '';
    this.cancellable = false;
    this.cancelling = false;
  }

  static override styles = [
    theme,
    css`
      :host {
        display: flex;
        align-items: center;
        gap: 10px;
        flex-wrap: wrap;
      }
      progress {
        flex: 1 1 160px;
        min-width: 120px;
        height: 14px;
        accent-color: var(--nb-accent);
      }
      .text {
        flex: 1 1 100%;
        order: 3;
        font-size: 13px;
        color: var(--nb-muted);
        overflow-wrap: anywhere;
      }
    `,
  ];

  override render() {
    const determinate = this.value !== null && this.max > 0;
    return html`${
        determinate
          ? html`<progress
              part="bar"
              max=${this.max}
              .value=${Math.min(this.value!, this.max)}
              aria-label=${this.label || '进度'}
            ></progress>`
          : html`<progress part="bar" aria-label=${this.label || '正在处理'}></progress>`
      }
      ${
        this.cancellable
          ? html`<button
              data-action="cancel"
              ?disabled=${this.cancelling}
              @click=${() => {
                this.cancelling = true;
                this.dispatchEvent(new Event('cancel', { bubbles: true, composed: true }));
              }}
            >
              ${this.cancelling ? '正在取消…' : '取消'}
            </button>`
          : nothing
      }
      <div class="text" role="status" aria-live="polite">${this.label}</div>`;
  }
}
customElements.define('nb-progress', NbProgress);

declare global {
  interface HTMLElementTagNameMap {
    'nb-progress': NbProgress;
  }
}
