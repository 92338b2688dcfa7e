/**
 * Reading exported documents back for the tests, independently of the importer: the tables of a
 * .docx's document.xml (w:gridSpan, w:vMerge, w:tblHeader, w:jc) and of an HTML page (rowspan,
 * colspan, th/td, scope) as placed cells, to compare with the official layout
 * (core/table-layout.ts) filled with a report's values.
 */
import { unzipSync, strFromU8 } from 'fflate';
import { parseDocument } from 'htmlparser2';
import type { TableId } from '../../core/formats';
import { cellAt, type Report } from '../../core/model';
import { layoutRows, officialLayout } from '../../core/table-layout';

export interface PlacedCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  text: string;
}

/** The cells of a table in the official layout with the report's values (blank: ""). */
export function expectedCells(report: Report, table: TableId): PlacedCell[] {
  return layoutRows(officialLayout(report.format, table))
    .flatMap((row) => row.cells)
    .map((cell) => {
      let text = cell.kind === 'value' ? '' : cell.text;
      if (cell.kind === 'value') {
        const state = cellAt(
          report,
          table,
          cell.place.block.id,
          cell.place.row.id,
          cell.place.column.id,
        );
        text = state.present ? state.raw.trim() : '';
      }
      return { row: cell.row, col: cell.col, rowSpan: cell.rowSpan, colSpan: cell.colSpan, text };
    })
    .sort((a, b) => a.row - b.row || a.col - b.col);
}

/** The files of a .docx, as text. */
export function docxParts(bytes: Uint8Array): Record<string, string> {
  return Object.fromEntries(
    Object.entries(unzipSync(bytes)).map(([name, data]) => [name, strFromU8(data)]),
  );
}

interface XmlNode {
  type: string;
  name?: string;
  data?: string;
  attribs?: Record<string, string>;
  children?: XmlNode[];
}

const tags = (node: XmlNode, name: string): XmlNode[] =>
  (node.children ?? []).filter((c) => c.type === 'tag' && c.name === name);

function find(node: XmlNode, name: string): XmlNode[] {
  const out: XmlNode[] = [];
  const stack = [...(node.children ?? [])];
  while (stack.length) {
    const n = stack.shift()!;
    if (n.type !== 'tag') continue;
    if (n.name === name) out.push(n);
    else stack.unshift(...(n.children ?? []));
  }
  return out;
}

function textOf(node: XmlNode): string {
  if (node.type === 'text') return node.data ?? '';
  if (node.name === 'w:instrText') return '';
  return (node.children ?? []).map(textOf).join('');
}

export interface DocxCell extends PlacedCell {
  /** w:jc of its paragraph (left, center, right). */
  align: string;
}

export interface DocxTable {
  cells: DocxCell[];
  /** Per Word row: whether it is marked to repeat as a header row (w:tblHeader). */
  header: boolean[];
  /** w:gridCol widths. */
  grid: number[];
  /** The raw XML counts of merges. */
  gridSpans: number;
  vMergeRestarts: number;
  vMergeContinues: number;
}

/** The tables of a document.xml: cells placed by w:gridSpan and w:vMerge. */
export function docxTables(xml: string): DocxTable[] {
  const doc = parseDocument(xml, { xmlMode: true }) as unknown as XmlNode;
  return find(doc, 'w:tbl').map((tbl) => {
    const cells: DocxCell[] = [];
    const header: boolean[] = [];
    let gridSpans = 0;
    let vMergeRestarts = 0;
    let vMergeContinues = 0;
    // the cell open in each grid column (for vMerge continue)
    const open = new Map<number, DocxCell>();
    tags(tbl, 'w:tr').forEach((tr, r) => {
      const trPr = tags(tr, 'w:trPr')[0];
      header.push(trPr ? tags(trPr, 'w:tblHeader').length > 0 : false);
      let col = 0;
      for (const tc of tags(tr, 'w:tc')) {
        const pr = tags(tc, 'w:tcPr')[0];
        const span = Number(pr && tags(pr, 'w:gridSpan')[0]?.attribs?.['w:val']) || 1;
        if (span > 1) gridSpans++;
        const vMerge = pr && tags(pr, 'w:vMerge')[0];
        const restart = vMerge?.attribs?.['w:val'] === 'restart';
        const p = tags(tc, 'w:p')[0];
        const pPr = p && tags(p, 'w:pPr')[0];
        const align = (pPr && tags(pPr, 'w:jc')[0]?.attribs?.['w:val']) ?? '';
        if (vMerge && !restart) {
          vMergeContinues++;
          const above = open.get(col);
          if (above) above.rowSpan++;
        } else {
          if (restart) vMergeRestarts++;
          const cell: DocxCell = {
            row: r,
            col,
            rowSpan: 1,
            colSpan: span,
            text: tags(tc, 'w:p').map(textOf).join(''),
            align,
          };
          cells.push(cell);
          open.set(col, cell);
        }
        col += span;
      }
    });
    const grid = find(tbl, 'w:gridCol').map((g) => Number(g.attribs?.['w:w']));
    return { cells, header, grid, gridSpans, vMergeRestarts, vMergeContinues };
  });
}

export interface HtmlCell extends PlacedCell {
  tag: string;
  scope: string | undefined;
  style: string;
}

/** The tables of an HTML page: cells placed by rowspan/colspan the way a browser places them. */
export function htmlTables(html: string): { cells: HtmlCell[]; head: number }[] {
  const doc = parseDocument(html, { decodeEntities: true }) as unknown as XmlNode;
  const domText = (n: XmlNode): string =>
    n.type === 'text' ? (n.data ?? '') : (n.children ?? []).map(domText).join('');
  return find(doc, 'table').map((table) => {
    const rows = find(table, 'tr');
    const head = find(table, 'thead').flatMap((t) => find(t, 'tr')).length;
    const taken = new Set<string>();
    const cells: HtmlCell[] = [];
    rows.forEach((tr, r) => {
      let col = 0;
      for (const td of (tr.children ?? []).filter(
        (c) => c.type === 'tag' && (c.name === 'td' || c.name === 'th'),
      )) {
        while (taken.has(`${r},${col}`)) col++;
        const rowSpan = Number(td.attribs?.['rowspan'] ?? 1);
        const colSpan = Number(td.attribs?.['colspan'] ?? 1);
        for (let i = 0; i < rowSpan; i++)
          for (let j = 0; j < colSpan; j++) taken.add(`${r + i},${col + j}`);
        cells.push({
          row: r,
          col,
          rowSpan,
          colSpan,
          text: domText(td),
          tag: td.name!,
          scope: td.attribs?.['scope'],
          style: td.attribs?.['style'] ?? '',
        });
        col += colSpan;
      }
    });
    return { cells, head };
  });
}
