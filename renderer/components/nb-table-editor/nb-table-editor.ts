/** Placeholder: built in this issue. */
import { LitElement, html } from 'lit';

export class NbTableEditor extends LitElement {
  static override properties = { editor: { attribute: false }, author: {}, place: {}, table: {} };
  override render() {
    return html`<p>（nb-table-editor）</p>`;
  }
}
customElements.define('nb-table-editor', NbTableEditor);
