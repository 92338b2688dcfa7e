/**
 * Modal prompts built on <dialog>: `askReason` (a required written reason), `confirmAction`,
 * `showMessage`, `askUnitKind` (a unit's 类型, the guess from its name preselected). Focus goes into the dialog and returns afterwards; Esc cancels. What the
 * user typed is never thrown away by a validation message.
 */
import { LitElement, css, html } from 'lit';
import { theme } from '../../styles/theme';
import type { UnitKind } from '../../../core/model';
import { guessUnitKind } from '../../../core/units';
import { chosenKind, kindOptions } from '../../models/unit-kind';
import { author, setAuthor } from '../../state/router';

interface Request {
  readonly title: string;
  readonly message: string;
  /** Show a text area whose content is returned (required when `required`). */
  readonly input?: {
    readonly label: string;
    readonly required: boolean;
    readonly value?: string;
    /** One line (a name) instead of a text area. */
    readonly line?: boolean;
    /** What to say when a required input is empty. */
    readonly missing?: string;
  };
  readonly confirm: string;
  readonly cancel?: string;
  readonly danger?: boolean;
  /** A choice among options (radio buttons); the chosen value is returned. */
  readonly choice?: {
    readonly label: string;
    readonly options: readonly { readonly value: string; readonly label: string }[];
    readonly value: string;
  };
}

export class NbDialog extends LitElement {
  static override properties = { request: { state: true }, problem: { state: true } };
  declare request: Request | null;
  declare problem: string;
  private resolve: ((value: string | null) => void) | null = null;
  private returnFocus: HTMLElement | null = null;

  constructor() {
    super();
    this.request = null;
    this.problem = '';
  }

  static override styles = [
    theme,
    css`
      dialog {
        border: 1px solid var(--nb-line);
        border-radius: 6px;
        padding: 20px 24px;
        width: min(520px, 92vw);
        box-shadow: 0 8px 30px rgb(0 0 0 / 0.2);
      }
      dialog::backdrop {
        background: rgb(0 0 0 / 0.3);
      }
      h2 {
        font-size: 17px;
        margin: 0 0 8px;
      }
      p {
        margin: 0 0 12px;
        white-space: pre-wrap;
      }
      input#nb-dialog-input {
        width: 100%;
        padding: 4px 6px;
      }
      fieldset {
        border: 0;
        margin: 0;
        padding: 0;
        display: flex;
        flex-wrap: wrap;
        gap: 6px 14px;
      }
      legend {
        padding: 0;
        margin-bottom: 6px;
      }
      fieldset label {
        display: inline-flex;
        align-items: center;
        gap: 4px;
        min-height: 28px;
      }
      textarea {
        width: 100%;
        min-height: 80px;
        resize: vertical;
      }
      .buttons {
        display: flex;
        justify-content: flex-end;
        gap: 8px;
        margin-top: 16px;
      }
      button.danger {
        background: var(--nb-error);
        border-color: var(--nb-error);
        color: #fff;
      }
    `,
  ];

  /** Opens the dialog; resolves with the text (or '' without input) or null when cancelled. */
  open(request: Request): Promise<string | null> {
    this.resolve?.(null);
    this.returnFocus = deepActive();
    this.request = request;
    this.problem = '';
    return new Promise((resolve) => {
      this.resolve = resolve;
      void this.updateComplete.then(() => {
        const dialog = this.renderRoot.querySelector('dialog')!;
        if (!dialog.open) dialog.showModal();
        const target =
          this.renderRoot.querySelector<HTMLElement>('#nb-dialog-input') ??
          this.renderRoot.querySelector<HTMLElement>('input[name="nb-dialog-choice"]:checked') ??
          this.renderRoot.querySelector<HTMLElement>('button.confirm');
        target?.focus();
      });
    });
  }

  private finish(value: string | null): void {
    const dialog = this.renderRoot.querySelector('dialog');
    if (value !== null && this.request?.input?.required && !value.trim()) {
      this.problem = this.request.input.missing ?? '请填写理由后再确定。';
      this.renderRoot.querySelector<HTMLElement>('#nb-dialog-input')?.focus();
      return;
    }
    const choice = this.request?.choice;
    if (value !== null && choice && !choice.options.some((o) => o.value === value)) {
      this.problem = '请选择一项后再确定。';
      this.renderRoot.querySelector<HTMLElement>('input[name="nb-dialog-choice"]')?.focus();
      return;
    }
    dialog?.close();
    const resolve = this.resolve;
    this.resolve = null;
    this.request = null;
    resolve?.(value);
    this.returnFocus?.focus();
  }

  override render() {
    const r = this.request;
    return html`<dialog
      aria-labelledby="nb-dialog-title"
      @cancel=${(e: Event) => {
        e.preventDefault();
        this.finish(null);
      }}
    >
      ${
        r
          ? html`<h2 id="nb-dialog-title">${r.title}</h2>
              <p>${r.message}</p>
              ${
                r.input
                  ? html`<label for="nb-dialog-input">${r.input.label}</label>
                      ${
                        r.input.line
                          ? html`<input
                              id="nb-dialog-input"
                              .value=${r.input.value ?? ''}
                              aria-invalid=${this.problem ? 'true' : 'false'}
                              aria-describedby="nb-dialog-problem"
                              @keydown=${(e: KeyboardEvent) => {
                                if (e.key === 'Enter') this.confirm();
                              }}
                            />`
                          : html`<textarea
                              id="nb-dialog-input"
                              .value=${r.input.value ?? ''}
                              aria-invalid=${this.problem ? 'true' : 'false'}
                              aria-describedby="nb-dialog-problem"
                              @keydown=${(e: KeyboardEvent) => {
                                if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) this.confirm();
                              }}
                            ></textarea>`
                      }
                      <div id="nb-dialog-problem" class="error-text" role="alert">
                        ${this.problem}
                      </div>`
                  : null
              }
              ${
                r.choice
                  ? html`<fieldset data-role="dialog-choice">
                        <legend>${r.choice.label}</legend>
                        ${r.choice.options.map(
                          (o) =>
                            html`<label
                              ><input
                                type="radio"
                                name="nb-dialog-choice"
                                .value=${o.value}
                                .checked=${o.value === r.choice?.value}
                              />${o.label}</label
                            >`,
                        )}
                      </fieldset>
                      <div class="error-text" role="alert">${r.input ? '' : this.problem}</div>`
                  : null
              }
              <div class="buttons">
                <button @click=${() => this.finish(null)}>${r.cancel ?? '取消'}</button>
                <button
                  class="confirm ${r.danger ? 'danger' : 'primary'}"
                  @click=${() => this.confirm()}
                >
                  ${r.confirm}
                </button>
              </div>`
          : null
      }
    </dialog>`;
  }

  private confirm(): void {
    if (this.request?.choice) {
      const checked = this.renderRoot.querySelector<HTMLInputElement>(
        'input[name="nb-dialog-choice"]:checked',
      );
      this.finish(checked?.value ?? '');
      return;
    }
    const field = this.renderRoot.querySelector<HTMLInputElement | HTMLTextAreaElement>(
      '#nb-dialog-input',
    );
    const text = field?.value ?? '';
    this.finish(text);
  }
}
customElements.define('nb-dialog', NbDialog);

function deepActive(): HTMLElement | null {
  let el = document.activeElement as HTMLElement | null;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement as HTMLElement;
  return el;
}

function dialog(): NbDialog {
  let el = document.querySelector<NbDialog>('nb-dialog');
  if (!el) {
    el = document.createElement('nb-dialog') as NbDialog;
    document.body.append(el);
  }
  return el;
}

/** Asks for a written reason; null when cancelled. */
export function askReason(title: string, message: string, label = '理由'): Promise<string | null> {
  return dialog().open({ title, message, input: { label, required: true }, confirm: '确定' });
}

/** Asks for the operator's name (操作人) before an action that must be signed; null when cancelled. */
export async function askName(action: string): Promise<string | null> {
  const name = await dialog().open({
    title: '请填写操作人',
    message: `${action}必须记下操作人的姓名，它会写入记录。`,
    input: {
      label: '操作人姓名',
      required: true,
      line: true,
      missing: '请填写操作人姓名后再确定。',
    },
    confirm: '确定',
  });
  return name === null ? null : name.trim();
}

/**
 * The operator's name is there before a signed action (asked for when empty, then kept as the
 * window's 操作人): false when the clerk cancelled.
 */
export async function ensureSigned(action: string): Promise<boolean> {
  if (author()) return true;
  const name = await askName(action);
  if (!name) return false;
  setAuthor(name);
  return true;
}

export async function confirmAction(
  title: string,
  message: string,
  confirm: string,
  danger = false,
): Promise<boolean> {
  return (await dialog().open({ title, message, confirm, danger })) !== null;
}

export async function showMessage(title: string, message: string): Promise<void> {
  await dialog().open({ title, message, confirm: '知道了' });
}

/**
 * Asks for a unit's 类型, the one set or the guess from its name preselected (the clerk confirms
 * or changes it); `later` offers 暂不指定 (null). Resolves with the kind, or undefined when
 * cancelled.
 */
export async function askUnitKind(
  unitName: string,
  current: UnitKind | null,
  later = false,
): Promise<UnitKind | null | undefined> {
  const guess = guessUnitKind(unitName);
  const value = await dialog().open({
    title: '设置单位类型',
    message: `“${unitName}”是哪一类单位？类型决定适用的检查规则和报送期限：政府和乡镇街道须报告考核、评议和责任追究结果；政府的报送期限是次年3月31日，其他类型是次年1月31日。${guess && !current ? `\n已按名称预选“${guess}”，请确认或改选。` : ''}`,
    choice: {
      label: '单位类型',
      options: kindOptions(guess, later),
      value: current ?? guess ?? '',
    },
    confirm: '确定',
  });
  return value === null ? undefined : chosenKind(value);
}
