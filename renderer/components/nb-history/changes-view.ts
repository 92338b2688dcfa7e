/**
 * What a revision changed, rendered (models/history-diff.ts): the 标题/落款/headings that differ
 * (old → new), each part's text with deletions and insertions marked (lib/diff-runs.ts, the
 * colours of styles/diff.ts, as 对比上年 shows them), the table cells changed (old → new), and
 * the decisions taken or taken back by their Chinese rule names (the code in the tooltip).
 *
 * DOM contract (tests): `[data-role="revision-changes"]`, `[data-part="一"]` a part's diff with
 * `del[data-op="delete"]` / `ins[data-op="insert"]`, `[data-role="changed-cells"]` rows,
 * `[data-role="changed-field"]`, `li[data-role="decision"][data-code]`.
 */
import { css, html, nothing } from 'lit';
import { runsHtml } from '../../lib/diff-runs';
import type { DecisionLine, RevisionChanges } from '../../models/history-diff';

export const changesStyles = css`
  .changes {
    border: 1px solid var(--nb-line);
    border-radius: var(--nb-radius);
    background: var(--nb-panel);
    padding: 8px 12px;
    margin: 0 0 16px;
    max-width: 54em;
  }
  .changes h3 {
    font-size: 14px;
    margin: 0 0 6px;
  }
  .changes h4 {
    font-size: 13px;
    margin: 10px 0 4px;
  }
  .changes h4 .muted {
    font-weight: normal;
    font-size: 12px;
    margin-left: 8px;
  }
  .changes .diff-text {
    background: var(--nb-bg);
    border: 1px solid var(--nb-line);
    padding: 6px 8px;
    font-size: 14px;
    overflow-wrap: anywhere;
  }
  .changes table {
    border-collapse: collapse;
    font-size: 12px;
    background: var(--nb-bg);
  }
  .changes th,
  .changes td {
    border: 1px solid var(--nb-line);
    padding: 2px 6px;
    text-align: left;
    vertical-align: top;
  }
  .changes td.v {
    text-align: right;
    font-variant-numeric: tabular-nums;
  }
  .changes ul {
    margin: 0;
    padding-left: 18px;
    font-size: 13px;
  }
  .changes .none {
    color: var(--nb-muted);
    font-size: 13px;
    margin: 0;
  }
`;

/** A decision as a line: rule name (code in the tooltip), place, action, reason, who. */
export function decisionItem(d: DecisionLine) {
  return html`<li data-role="decision" data-code=${d.code} title=${`检查代码：${d.code}`}>
    <strong>${d.title}</strong>（${d.where}）：${d.action}，理由：${d.reason}${
      d.by ? `（${d.by}）` : ''
    }
  </li>`;
}

const blank = (text: string) => text || '（空）';

/** A cell's old or new text marked as deleted or inserted; a blank one just says so. */
function marked(as: 'del' | 'ins', text: string) {
  if (!text) return html`<span class="muted">（空）</span>`;
  return as === 'del' ? html`<del class="d">${text}</del>` : html`<ins class="i">${text}</ins>`;
}

/** The changes from `from` (e.g. "第 3 版") to what is shown. */
export function changesView(changes: RevisionChanges, title: string) {
  return html`<section class="changes" data-role="revision-changes" aria-label=${title}>
    <h3>${title}</h3>
    ${changes.same ? html`<p class="none">没有修改。</p>` : nothing}
    ${
      changes.fields.length
        ? html`<ul>
            ${changes.fields.map(
              (f) =>
                html`<li data-role="changed-field">
                  ${f.label}：<del class="d" data-op="delete">${blank(f.a)}</del> →
                  <ins class="i" data-op="insert">${blank(f.b)}</ins>
                </li>`,
            )}
          </ul>`
        : nothing
    }
    ${changes.parts.map(
      (p) =>
        html`<div data-part=${p.part}>
          <h4>
            ${p.label}<span class="muted">新增 ${p.insertions} 字 · 删除 ${p.deletions} 字</span>
          </h4>
          <div class="diff-text">${runsHtml(p.runs)}</div>
        </div>`,
    )}
    ${
      changes.cells.length
        ? html`<h4>表格中改动的数字（${changes.cells.length}）</h4>
            <table data-role="changed-cells">
              <thead>
                <tr>
                  <th scope="col">位置</th>
                  <th scope="col">原来</th>
                  <th scope="col">改为</th>
                </tr>
              </thead>
              <tbody>
                ${changes.cells.map(
                  (c) =>
                    html`<tr data-key=${c.key}>
                      <th scope="row">${c.where}</th>
                      <td class="v">${marked('del', c.a)}</td>
                      <td class="v">${marked('ins', c.b)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
        : nothing
    }
    ${
      changes.decided.length
        ? html`<h4>新作出的决定</h4>
            <ul>
              ${changes.decided.map(decisionItem)}
            </ul>`
        : nothing
    }
    ${
      changes.undecided.length
        ? html`<h4>撤销的决定</h4>
            <ul>
              ${changes.undecided.map(decisionItem)}
            </ul>`
        : nothing
    }
  </section>`;
}
