/** Placeholder: built in this issue. */
import { LitElement, html } from 'lit';

export class NbNarrativeEditor extends LitElement {
  static override properties = { editor: { attribute: false }, author: {}, place: {}, table: {} };
  override render() {
    return html`<p>（nb-narrative-editor）</p>`;
  }
}
customElements.define('nb-narrative-editor', NbNarrativeEditor);
