/**
 * The report as HTML for a government website's CMS (core/document/outline.ts in reading order):
 * semantic headings (h1 the title, h2 the six sections, h3–h5 the lower levels), paragraphs, the
 * three tables in the official layout with <th> and scope for every caption, header and row
 * label, rowspan/colspan exactly as the print and the editor, and inline borders, widths and
 * alignment — the styling survives pasting into a CMS editor because it is on the elements
 * themselves: no stylesheet, no class, no script, no external resource. A whole page (UTF-8,
 * zh-CN) or, with `fragment`, only the part to paste.
 */
import type { Report } from '../model';
import { documentOutline, type DocBlock, type DocCell, type DocTable } from './outline';

export interface HtmlOptions {
  /** Only the report's content (no <html>, <head>, <body>): what is pasted into a CMS editor. */
  readonly fragment?: boolean;
}

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (text: string) => text.replace(/[&<>"']/gu, (c) => ESCAPES[c]!);

const FONT = "font-family:'仿宋_GB2312','仿宋',FangSong,serif";
const BODY = `${FONT};font-size:16pt;line-height:1.8;text-indent:2em;margin:0;text-align:justify`;
const HEADINGS: Readonly<Record<number, { tag: string; style: string }>> = {
  1: { tag: 'h2', style: "font-family:'黑体',SimHei,sans-serif;font-weight:normal" },
  2: { tag: 'h3', style: "font-family:'楷体_GB2312','楷体',KaiTi,serif;font-weight:normal" },
  3: { tag: 'h4', style: `${FONT};font-weight:normal` },
  4: { tag: 'h5', style: `${FONT};font-weight:normal` },
};
const HEADING_BOX = 'font-size:16pt;line-height:1.8;text-indent:2em;margin:0';
const BORDER = 'border:1px solid #000';
const percent = (share: number) => `${(share * 100).toFixed(2)}%`;

function paragraph(block: Extract<DocBlock, { kind: 'paragraph' }>): string {
  const text = escapeHtml(block.text);
  const heading = HEADINGS[block.level];
  if (!heading) return `<p style="${BODY}">${text}</p>`;
  return `<${heading.tag} style="${heading.style};${HEADING_BOX}">${text}</${heading.tag}>`;
}

/** scope of a header cell: a caption or column header over columns, a row label over its row. */
function scopeOf(cell: DocCell): string | null {
  switch (cell.kind) {
    case 'caption':
      return 'colgroup';
    case 'header':
      return cell.colSpan > 1 ? 'colgroup' : 'col';
    case 'group':
      return 'rowgroup';
    case 'label':
      return 'row';
    default:
      return null;
  }
}

function cellHtml(cell: DocCell, table: DocTable): string {
  const tag = cell.kind === 'value' ? 'td' : 'th';
  const attrs: string[] = [];
  const scope = scopeOf(cell);
  if (scope) attrs.push(`scope="${scope}"`);
  if (cell.rowSpan > 1) attrs.push(`rowspan="${cell.rowSpan}"`);
  if (cell.colSpan > 1) attrs.push(`colspan="${cell.colSpan}"`);
  const width = table.widths.slice(cell.col, cell.col + cell.colSpan).reduce((a, b) => a + b, 0);
  const style = [
    BORDER,
    'padding:2px 4px',
    `width:${percent(width)}`,
    `text-align:${cell.align}`,
    'vertical-align:middle',
    'font-weight:normal',
  ];
  attrs.push(`style="${style.join(';')}"`);
  return `<${tag} ${attrs.join(' ')}>${escapeHtml(cell.text)}</${tag}>`;
}

function tableHtml(table: DocTable): string {
  const size = table.table === '二' ? '12pt' : '10.5pt';
  const style = `border-collapse:collapse;${BORDER};width:100%;table-layout:fixed;${FONT};font-size:${size};margin:0.5em 0`;
  const row = (r: DocTable['rows'][number]) =>
    `<tr>${r.cells.map((c) => cellHtml(c, table)).join('')}</tr>`;
  const head = table.rows.filter((r) => r.repeat);
  const body = table.rows.filter((r) => !r.repeat);
  const cols = table.widths.map((w) => `<col style="width:${percent(w)}">`).join('');
  const parts = [
    `<table style="${style}" border="1" cellspacing="0" cellpadding="2">`,
    `<colgroup>${cols}</colgroup>`,
  ];
  if (head.length > 0) parts.push(`<thead>${head.map(row).join('\n')}</thead>`);
  parts.push(`<tbody>${body.map(row).join('\n')}</tbody>`, '</table>');
  return parts.join('\n');
}

function signatureHtml(block: Extract<DocBlock, { kind: 'signature' }>): string {
  const line = (text: string, indent: number) =>
    `<p style="${FONT};font-size:16pt;line-height:1.8;margin:0;text-align:right;padding-right:${indent}em">${escapeHtml(text)}</p>`;
  const out = [`<p style="margin:0;line-height:1.8;font-size:16pt">&nbsp;</p>`];
  if (block.unit) out.push(line(block.unit, block.unitIndent));
  if (block.date) out.push(line(block.date, block.dateIndent));
  return out.join('\n');
}

/** The report's content: title, 导语, sections with their tables, 落款. */
export function reportHtmlFragment(report: Report): string {
  const parts: string[] = [];
  for (const block of documentOutline(report)) {
    switch (block.kind) {
      case 'title':
        parts.push(
          `<h1 style="font-family:'方正小标宋简体','华文中宋','宋体',SimSun,serif;font-size:22pt;font-weight:normal;text-align:center;line-height:1.6;margin:0 0 0.8em">${block.lines.map(escapeHtml).join('<br>')}</h1>`,
        );
        break;
      case 'paragraph':
        parts.push(paragraph(block));
        break;
      case 'table':
        parts.push(tableHtml(block.table));
        break;
      case 'signature':
        parts.push(signatureHtml(block));
        break;
    }
  }
  return `<div style="max-width:156mm;margin:0 auto;color:#000">\n${parts.join('\n')}\n</div>\n`;
}

/** The report as a web page (or only its content, with `fragment`). */
export function reportHtml(report: Report, options: HtmlOptions = {}): string {
  const fragment = reportHtmlFragment(report);
  if (options.fragment) return fragment;
  const title = escapeHtml(
    report.title.trim() || `${report.unit.name}${report.year}年政府信息公开工作年度报告`,
  );
  return `<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n<title>${title}</title>\n</head>\n<body>\n${fragment}</body>\n</html>\n`;
}
