/** Placeholder: built in this issue. */
import { LitElement, html } from 'lit';

export class NbHistory extends LitElement {
  static override properties = { editor: { attribute: false }, author: {}, place: {}, table: {} };
  override render() {
    return html`<p>（nb-history）</p>`;
  }
}
customElements.define('nb-history', NbHistory);
