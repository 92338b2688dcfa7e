/**
 * A read-only rendering of a report (a revision in the history tab): title, 导语, the six
 * sections' paragraphs and tables (block by block, labels from the format definition), the
 * 落款 and the decisions (by their Chinese rule names, the code in the tooltip). Everything is rendered as text through Lit bindings.
 */
import { css, html, nothing } from 'lit';
import { FORMATS, SECTION_IDS, sectionDef, type TableId } from '../../../core/formats';
import type { Paragraph, Report, TableData } from '../../../core/model';
import { decisionLine } from '../../models/history-diff';
import { decisionItem } from './changes-view';

export const reportViewStyles = css`
  .doc {
    font-family: var(--nb-serif);
    max-width: 54em;
  }
  .doc h3 {
    font-size: 18px;
    text-align: center;
    margin: 4px 0 14px;
  }
  .doc h4 {
    font-size: 15px;
    margin: 16px 0 6px;
    font-family: var(--nb-font);
  }
  .doc p {
    margin: 0 0 6px;
    text-indent: 2em;
    overflow-wrap: anywhere;
  }
  .doc p.l1,
  .doc p.l2 {
    font-weight: 600;
  }
  .doc .sign {
    text-align: right;
    margin-top: 16px;
    text-indent: 0;
  }
  .doc .missing {
    color: var(--nb-muted);
    text-indent: 0;
  }
  .doc table {
    border-collapse: collapse;
    font-family: var(--nb-font);
    font-size: 12px;
    margin: 6px 0 10px;
  }
  .doc caption {
    text-align: left;
    font-weight: 600;
    padding: 2px 0;
  }
  .doc th,
  .doc td {
    border: 1px solid var(--nb-line);
    padding: 2px 6px;
    vertical-align: top;
  }
  .doc th {
    background: var(--nb-panel);
    font-weight: 600;
  }
  .doc tbody th {
    font-weight: normal;
    text-align: left;
  }
  .doc td.v {
    text-align: right;
    font-variant-numeric: tabular-nums;
    min-width: 3em;
  }
  .doc td.blank {
    background: #fafafa;
  }
  .doc .group {
    color: var(--nb-muted);
  }
  .doc .decisions {
    font-family: var(--nb-font);
    font-size: 13px;
  }
`;

function paragraphs(list: readonly Paragraph[]) {
  return list.map((p) => html`<p class="l${p.level}">${p.text}</p>`);
}

function table(report: Report, id: TableId, data: TableData) {
  const def = FORMATS[report.format].tables[id];
  return html`${def.blocks.map((block) => {
    const b = data.blocks[block.id];
    if (!b) return nothing;
    const rows = block.rows.filter((r) => b.rows[r.id]);
    const labelled = rows.some((r) => r.label || b.rows[r.id]!.label);
    return html`<table>
      ${
        block.caption
          ? html`<caption>
              ${block.caption}
            </caption>`
          : nothing
      }
      <thead>
        <tr>
          ${labelled ? html`<th scope="col">项目</th>` : nothing}
          ${block.columns.map(
            (c) =>
              html`<th scope="col">
                ${c.group ? html`<span class="group">${c.group}·</span>` : nothing}${c.label}
              </th>`,
          )}
        </tr>
      </thead>
      <tbody>
        ${rows.map((r) => {
          const row = b.rows[r.id]!;
          return html`<tr>
            ${
              labelled
                ? html`<th scope="row">
                    ${r.group ? html`<span class="group">${r.group} </span>` : nothing}${row.label ?? r.label}
                  </th>`
                : nothing
            }
            ${block.columns.map((c) => {
              const v = row.cells[c.id] ?? '';
              return html`<td class="v ${v ? '' : 'blank'}">${v}</td>`;
            })}
          </tr>`;
        })}
      </tbody>
    </table>`;
  })}
  ${
    data.unrecognised.length
      ? html`<p class="missing">
          未能识别的行：${data.unrecognised.map((u) => u.cells.join(' | ')).join('；')}
        </p>`
      : nothing
  }`;
}

/** The report, read-only. */
export function reportView(report: Report) {
  return html`<article class="doc" data-role="revision-content">
    <h3>${report.title || '（无标题）'}</h3>
    ${paragraphs(report.opening)}
    ${SECTION_IDS.map((id) => {
      const s = report.sections[id];
      if (!s) {
        return html`<h4>${sectionDef(id).heading}</h4>
          <p class="missing">（本报告缺少这一部分）</p>`;
      }
      const tid = sectionDef(id).table;
      return html`<h4>${s.heading || sectionDef(id).heading}</h4>
        ${paragraphs(s.paragraphs)} ${tid && s.table ? table(report, tid, s.table) : nothing}`;
    })}
    <p class="sign">${report.signature.unit}<br />${report.signature.date}</p>
    ${
      report.decisions.length
        ? html`<div class="decisions">
            <h4>对检查结果的决定（${report.decisions.length}）</h4>
            <ul>
              ${report.decisions.map((d) => decisionItem(decisionLine(d, report)))}
            </ul>
          </div>`
        : nothing
    }
  </article>`;
}

/** JSON with sorted keys: equal values give equal text whatever the key order. */
function stable(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) =>
            a < b ? -1 : a > b ? 1 : 0,
          ),
        )
      : v,
  );
}

/** The parts of two reports that differ, in reading order ("标题", "一（文字）", "三（表格）"…). */
export function differingParts(a: Report, b: Report): string[] {
  const out: string[] = [];
  if (a.title !== b.title) out.push('标题');
  if (stable(a.opening) !== stable(b.opening)) out.push('导语');
  for (const id of SECTION_IDS) {
    const x = a.sections[id];
    const y = b.sections[id];
    if (!x || !y) {
      if (x || y) out.push(`${id}（整个部分）`);
      continue;
    }
    const text = x.heading !== y.heading || stable(x.paragraphs) !== stable(y.paragraphs);
    const tables = stable(x.table ?? null) !== stable(y.table ?? null);
    if (text && tables) out.push(`${id}（文字和表格）`);
    else if (text) out.push(`${id}（文字）`);
    else if (tables) out.push(`${id}（表格）`);
  }
  if (stable(a.signature) !== stable(b.signature)) out.push('落款');
  if (stable(a.decisions) !== stable(b.decisions)) out.push('对检查结果的决定');
  return out;
}
