/** Placeholder: built in this issue. */
import { LitElement, html } from 'lit';

export class NbHome extends LitElement {
  static override properties = { editor: { attribute: false }, author: {}, place: {}, table: {} };
  override render() {
    return html`<p>（nb-home）</p>`;
  }
}
customElements.define('nb-home', NbHome);
