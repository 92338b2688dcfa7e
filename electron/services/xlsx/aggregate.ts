/**
 * The 汇总表 as an Excel workbook (issue 15 item 5, exceljs): the members × figures sheet
 * (core/aggregate/sheet.ts) and the aggregate tables 表二/表三/表四 in the official layout
 * (core/table-layout.ts: the same grid the print copy draws, merged cells included) — what the
 * county office pastes into its own summary or sends to the city.
 */
import ExcelJS from 'exceljs';
import type { AggregateResult } from '../../../core/api';
import { sumText, type Aggregation } from '../../../core/aggregate';
import { memberSheet } from '../../../core/aggregate/sheet';
import type { TableId } from '../../../core/formats';
import { layoutRows, officialLayout } from '../../../core/table-layout';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};
const FONT = { name: '宋体', size: 11 };
const BOLD = { ...FONT, bold: true };
/** Height of one line of 11 pt text, in points. */
const LINE = 15;

/** A4, landscape, as wide as the page: each sheet prints on pages the office can read. */
function printSetup(ws: ExcelJS.Worksheet, titleRows?: string): void {
  ws.pageSetup = {
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    ...(titleRows ? { printTitlesRow: titleRows } : {}),
  };
}

/** The text's width in Excel's column units (a CJK character counts two). */
function textUnits(text: string): number {
  let units = 0;
  for (const ch of text) units += /[\u2e80-\uffef]/u.test(ch) ? 2 : 1;
  return units;
}

/** Lines the text wraps to in a cell of the given width (column units). */
function linesIn(text: string, width: number): number {
  return Math.max(1, Math.ceil(textUnits(text) / Math.max(1, width - 1)));
}

/**
 * Row heights that show every wrapped label in full: spreadsheet programs do not grow a row for
 * a wrapped merged cell, so each cell's lines are spread over the rows it spans.
 */
function fitRows(
  ws: ExcelJS.Worksheet,
  cells: readonly { row: number; col: number; rowSpan: number; colSpan: number; text: string }[],
): void {
  const widths = (col: number, span: number) => {
    let w = 0;
    for (let c = col; c < col + span; c++) w += ws.getColumn(c).width ?? 9;
    return w;
  };
  const height = (r: number) => ws.getRow(r).height ?? LINE + 3;
  // single rows first, then the cells spanning several rows take what is still missing
  const sorted = [...cells].sort((a, b) => a.rowSpan - b.rowSpan);
  for (const cell of sorted) {
    const need = linesIn(cell.text, widths(cell.col, cell.colSpan)) * LINE + 4;
    let have = 0;
    for (let r = cell.row; r < cell.row + cell.rowSpan; r++) have += height(r);
    if (have >= need) continue;
    const more = (need - have) / cell.rowSpan;
    for (let r = cell.row; r < cell.row + cell.rowSpan; r++) ws.getRow(r).height = height(r) + more;
  }
}

function membersSheet(book: ExcelJS.Workbook, result: AggregateResult): void {
  const agg = result.aggregation;
  const sheet = memberSheet(agg);
  const ws = book.addWorksheet('各单位数据', {
    views: [{ state: 'frozen', xSplit: 2, ySplit: 2 }],
  });
  ws.addRow([`${result.unit.name}${result.year}年度政府信息公开工作年度报告 各单位数据`]);
  ws.mergeCells(1, 1, 1, sheet.header.length);
  ws.getRow(1).font = { ...BOLD, size: 14 };
  ws.addRow([...sheet.header]);
  for (const row of sheet.rows) ws.addRow([...row]);
  ws.addRow([...sheet.total]);
  ws.getRow(2).font = BOLD;
  ws.getRow(2).alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  ws.getRow(ws.rowCount).font = BOLD;
  for (let r = 2; r <= ws.rowCount; r++) {
    for (let c = 1; c <= sheet.header.length; c++) ws.getCell(r, c).border = THIN;
  }
  ws.getColumn(1).width = 6;
  ws.getColumn(2).width = 30;
  ws.getColumn(3).width = 9;
  ws.getColumn(4).width = 18;
  for (let c = 5; c <= sheet.header.length; c++) ws.getColumn(c).width = c <= 6 ? 7 : 12;
  sheet.figures.forEach((f, i) => {
    if (f.money) ws.getColumn(7 + i).numFmt = '0.0000##';
  });
  fitRows(
    ws,
    sheet.header.map((text, i) => ({ row: 2, col: i + 1, rowSpan: 1, colSpan: 1, text })),
  );
  printSetup(ws, '1:2');
}

function tableSheet(book: ExcelJS.Workbook, result: AggregateResult, table: TableId): void {
  const agg: Aggregation = result.aggregation;
  const layout = officialLayout(agg.format, table);
  const cells = new Map(agg.cells.map((c) => [c.key, c]));
  const ws = book.addWorksheet(`表${table}`);
  const width = layout.labelCols + layout.valueCols;
  ws.addRow([`${result.unit.name}${result.year}年度 表${table}（汇总）`]);
  ws.mergeCells(1, 1, 1, Math.max(width, 1));
  ws.getRow(1).font = { ...BOLD, size: 14 };
  const top = 2; // the layout's grid row 0 is the sheet's row 2
  for (let c = 1; c <= width; c++) {
    ws.getColumn(c).width = c <= layout.labelCols ? (table === '二' ? 22 : 16) : 11;
  }
  const labels: Parameters<typeof fitRows>[1][number][] = [];
  for (const row of layoutRows(layout)) {
    for (const cell of row.cells) {
      const r = top + cell.row;
      const c = 1 + cell.col;
      const target = ws.getCell(r, c);
      if (cell.kind === 'value') {
        const sum = cells.get(cell.key);
        const text = sum ? sumText(agg.format, sum) : null;
        target.value = sum?.sum ?? (text === null ? null : text);
        target.alignment = { horizontal: 'center', vertical: 'middle' };
        if (cell.total) target.font = BOLD;
      } else {
        target.value = cell.text;
        labels.push({
          row: r,
          col: c,
          rowSpan: cell.rowSpan,
          colSpan: cell.colSpan,
          text: cell.text,
        });
        target.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
        target.font = cell.kind === 'caption' || cell.kind === 'header' ? BOLD : FONT;
      }
      if (cell.rowSpan > 1 || cell.colSpan > 1) {
        ws.mergeCells(r, c, r + cell.rowSpan - 1, c + cell.colSpan - 1);
      }
      for (let i = 0; i < cell.rowSpan; i++) {
        for (let j = 0; j < cell.colSpan; j++) ws.getCell(r + i, c + j).border = THIN;
      }
    }
  }
  fitRows(ws, labels);
  printSetup(ws);
}

/** The workbook's bytes: 各单位数据, 表二, 表三, 表四. */
export async function aggregateWorkbook(result: AggregateResult): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Nianbao 年报';
  // a fixed date: the same aggregation gives the same file
  book.created = book.modified = new Date(Date.UTC(result.year + 1, 0, 1));
  membersSheet(book, result);
  for (const table of ['二', '三', '四'] as const) tableSheet(book, result, table);
  const buffer = await book.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

export function aggregateFileName(result: AggregateResult): string {
  return `${result.unit.name}${result.year}年度汇总表.xlsx`;
}
