/** A text diff's runs as markup: deletions and insertions marked for eyes and screen readers. */
import { html, type TemplateResult } from 'lit';
import type { DiffRun } from '../../core/compare';

export function runsHtml(runs: readonly DiffRun[]): TemplateResult[] {
  return runs.map((r) =>
    r.op === 'equal'
      ? html`${r.text}`
      : r.op === 'delete'
        ? html`<del class="d" data-op="delete" aria-label=${`删除：${r.text}`}>${r.text}</del>`
        : html`<ins class="i" data-op="insert" aria-label=${`新增：${r.text}`}>${r.text}</ins>`,
  );
}
