/** Placeholder: built in this issue. */
import { LitElement, html } from 'lit';

export class NbHeaderFields extends LitElement {
  static override properties = { editor: { attribute: false }, author: {}, place: {}, table: {} };
  override render() {
    return html`<p>（nb-header-fields）</p>`;
  }
}
customElements.define('nb-header-fields', NbHeaderFields);
