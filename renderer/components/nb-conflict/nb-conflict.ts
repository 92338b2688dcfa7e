/**
 * The banner shown when another window (or browser tab) saved the report this window is
 * editing: the archive refused this window's save (STALE). Nothing is lost either way — the
 * other window's revision is in 历史, this window's state stays here until the clerk chooses:
 *
 *   查看另一版本      the 历史 tab (the other revision is the newest there)
 *   保留本窗口的内容  this window's state becomes a new revision (the other stays in history)
 *   重新载入          drop this window's state and open the newest revision (asks first)
 *
 * Properties: `.editor` (a ReportEditor in the 'conflict' state), `message` (its `conflict`). Events (bubbling, composed):
 * 'conflict-view', 'conflict-reload' (the report view acts); keeping its own state is done here.
 */
import { LitElement, css, html } from 'lit';
import { errorMessage } from '../../api';
import type { ReportEditor } from '../../state/editor';
import { theme } from '../../styles/theme';
import { confirmAction } from '../nb-dialog/nb-dialog';

export class NbConflict extends LitElement {
  static override properties = {
    editor: { attribute: false },
    message: {},
    problem: { state: true },
  };
  declare editor: ReportEditor | null;
  /** The archive's message (the editor's `conflict`): set by the report view at each change. */
  declare message: string;
  declare problem: string;

  constructor() {
    super();
    this.editor = null;
    this.message = '';
    this.problem = '';
  }

  static override styles = [
    theme,
    css`
      :host {
        display: block;
        background: #fff4e5;
        border-bottom: 1px solid #e0a040;
        padding: 8px 12px;
        font-size: 13px;
      }
      p {
        margin: 0 0 6px;
      }
      .buttons {
        display: flex;
        gap: 8px;
        flex-wrap: wrap;
      }
    `,
  ];

  override render() {
    const ed = this.editor;
    if (!ed || !this.message) return html``;
    return html`<div role="alert" data-role="conflict">
      <p><strong>另一个窗口保存了这份报告。</strong>${this.message}</p>
      <div class="buttons">
        <button data-action="conflict-view" @click=${() => this.emit('conflict-view')}>
          在历史中查看另一版本
        </button>
        <button data-action="conflict-keep" class="primary" @click=${() => void this.keep(ed)}>
          保留本窗口的内容为新修订
        </button>
        <button data-action="conflict-reload" @click=${() => void this.reload(ed)}>
          重新载入（放弃本窗口的修改）
        </button>
      </div>
      ${this.problem ? html`<p class="error-text">${this.problem}</p>` : ''}
    </div>`;
  }

  private async keep(ed: ReportEditor): Promise<void> {
    this.problem = '';
    try {
      await ed.keepMine();
    } catch (error) {
      this.problem = `未能保存：${errorMessage(error)}`;
    }
  }

  private async reload(ed: ReportEditor): Promise<void> {
    const ok = !ed.dirty
      ? true
      : await confirmAction(
          '重新载入',
          '重新载入后，本窗口尚未保存的修改将被放弃，显示另一个窗口保存的最新版本。\n如要保留本窗口的内容，请选“保留本窗口的内容为新修订”（另一版本仍在历史中）。',
          '放弃本窗口的修改并重新载入',
          true,
        );
    if (ok) this.emit('conflict-reload');
  }

  private emit(type: string): void {
    this.dispatchEvent(new Event(type, { bubbles: true, composed: true }));
  }
}
customElements.define('nb-conflict', NbConflict);

declare global {
  interface HTMLElementTagNameMap {
    'nb-conflict': NbConflict;
  }
}
