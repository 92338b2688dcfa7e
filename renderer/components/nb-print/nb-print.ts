/** Placeholder: built in this issue. */
import { LitElement, html } from 'lit';

export class NbPrint extends LitElement {
  static override properties = { editor: { attribute: false }, author: {}, place: {}, table: {} };
  override render() {
    return html`<p>（nb-print）</p>`;
  }
}
customElements.define('nb-print', NbPrint);
