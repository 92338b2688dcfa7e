/**
 * `<nb-section-compare .editor=${ed} place="一">`: under a part of the report, with 对比上年 on,
 * a button that shows the part's text beside last year's — deletions coloured on last year's
 * side, insertions on this year's — with the similarity, the characters added and removed and
 * the figures that changed (models/compare-view.ts over core/compare). A TEXT_COPIED finding
 * opens it (ReportEditor.showComparisonFor).
 */
import { LitElement, css, html, nothing } from 'lit';
import type { ReportEditor } from '../../state/editor';
import { EditorEvents } from '../../state/editor-events';
import { partDiff, sideRuns } from '../../models/compare-view';
import { theme } from '../../styles/theme';
import { diffStyles } from '../../styles/diff';
import { runsHtml } from '../../lib/diff-runs';

type Place = '导语' | '一' | '二' | '三' | '四' | '五' | '六';

export class NbSectionCompare extends LitElement {
  static override properties = {
    editor: { attribute: false },
    place: {},
    tick: { state: true },
  };
  declare editor: ReportEditor | null;
  declare place: Place;
  declare tick: number;

  constructor() {
    super();
    this.editor = null;
    this.place = '一';
    this.tick = 0;
    new EditorEvents(this, { change: () => this.tick++ });
  }

  private wasOpen = false;

  /** Opened (a finding, the button): brought into view once the report has scrolled to it. */
  protected override updated(): void {
    const open = !!this.editor?.compare && !!this.editor.compareParts.has(this.place);
    if (open && !this.wasOpen) {
      requestAnimationFrame(() =>
        requestAnimationFrame(() =>
          this.renderRoot.querySelector('section')?.scrollIntoView({ block: 'start' }),
        ),
      );
    }
    this.wasOpen = open;
  }

  static override styles = [
    theme,
    diffStyles,
    css`
      :host {
        display: block;
      }
      .open {
        font-size: 12px;
        min-height: 24px;
        padding: 1px 8px;
        margin: 4px 0;
      }
      section {
        border: 1px solid var(--nb-line);
        border-radius: var(--nb-radius);
        background: var(--nb-panel);
        padding: 8px 10px;
        margin: 6px 0 10px;
      }
      .stats {
        display: flex;
        flex-wrap: wrap;
        gap: 4px 12px;
        align-items: center;
        font-size: 12px;
        color: var(--nb-muted);
      }
      .stats button {
        margin-left: auto;
        font-size: 12px;
        min-height: 24px;
        padding: 1px 8px;
      }
      .figures {
        margin: 4px 0 0;
        padding-left: 18px;
        font-size: 12px;
      }
      .sides {
        display: grid;
        grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
        gap: 10px;
        margin-top: 6px;
      }
      .sides h4 {
        margin: 0 0 2px;
        font-size: 12px;
        color: var(--nb-muted);
      }
      .diff-text {
        background: var(--nb-bg);
        border: 1px solid var(--nb-line);
        padding: 6px 8px;
        font-size: 13px;
        max-height: 320px;
        overflow: auto;
      }
      @media (max-width: 1100px) {
        .sides {
          grid-template-columns: minmax(0, 1fr);
        }
      }
    `,
  ];

  override render() {
    const ed = this.editor;
    if (!ed?.prior || !ed.compare) return nothing;
    const prior = ed.prior;
    const open = ed.compareParts.has(this.place);
    const name = this.place === '导语' ? '导语' : `本部分`;
    if (!open) {
      return html`<button
        class="open"
        data-action="show-part-compare"
        aria-expanded="false"
        @click=${() => ed.showPartComparison(this.place, true)}
      >
        与${prior.year}年对比${name === '导语' ? '导语' : '文字'}
      </button>`;
    }
    const d = partDiff(prior, ed.report, this.place);
    const same = d.insertions === 0 && d.deletions === 0;
    return html`<section
      data-role="part-compare"
      aria-label=${`与${prior.year}年对比：${this.place}`}
    >
      <div class="stats" role="status">
        <strong>与${prior.year}年对比</strong>
        ${
          same
            ? html`<span>文字与上年完全相同</span>`
            : html`<span data-role="similarity">相同 ${Math.round(d.similarity * 100)}%</span>
                <span>新增 ${d.insertions} 字</span><span>删除 ${d.deletions} 字</span>`
        }
        <button
          data-action="hide-part-compare"
          aria-expanded="true"
          @click=${() => ed.showPartComparison(this.place, false)}
        >
          收起对比
        </button>
      </div>
      ${
        d.figures.length
          ? html`<ul class="figures" aria-label="变化的数字">
              ${d.figures.map(
                (f) =>
                  html`<li>
                    ${f.context}：${f.a ?? '（无）'} → <strong>${f.b ?? '（删去）'}</strong>
                  </li>`,
              )}
            </ul>`
          : nothing
      }
      <div class="sides">
        <div>
          <h4>${prior.year}年（删去的文字标红）</h4>
          <div class="diff-text" data-side="a">${runsHtml(sideRuns(d.runs, 'a'))}</div>
        </div>
        <div>
          <h4>${ed.report.year}年（新增的文字标绿）</h4>
          <div class="diff-text" data-side="b">${runsHtml(sideRuns(d.runs, 'b'))}</div>
        </div>
      </div>
    </section>`;
  }
}
customElements.define('nb-section-compare', NbSectionCompare);
