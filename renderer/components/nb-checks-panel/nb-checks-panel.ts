/** Placeholder: built in this issue. */
import { LitElement, html } from 'lit';

export class NbChecksPanel extends LitElement {
  static override properties = { editor: { attribute: false }, author: {}, place: {}, table: {} };
  override render() {
    return html`<p>（nb-checks-panel）</p>`;
  }
}
customElements.define('nb-checks-panel', NbChecksPanel);
