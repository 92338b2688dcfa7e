/** The flat data sheet superiors paste into Excel: one line per cell of the official layout. */
import { formatNumber, parseCell } from './cells';
import { FORMATS, blockLabel, cellsOf } from './formats';
import { cellAt, type Report } from './model';

export const CSV_HEADER = [
  'unit',
  'year',
  'format',
  'table',
  'block',
  'row',
  'column',
  'value',
  'measure',
  'raw',
] as const;
export type CsvRecord = Record<(typeof CSV_HEADER)[number], string>;

/** The header row a clerk reads in Excel (the English one stays for scripts: `--english-header`). */
export const CSV_HEADER_ZH: Readonly<CsvRecord> = {
  unit: '单位',
  year: '年度',
  format: '格式版本',
  table: '表',
  block: '栏目',
  row: '行',
  column: '列',
  value: '数值',
  measure: '计量单位',
  raw: '原文',
};

/** Every cell of the report's format in official order (absent cells with empty value and raw). */
export function reportCells(report: Report): CsvRecord[] {
  const out: CsvRecord[] = [];
  for (const { table, block, row, column } of cellsOf(FORMATS[report.format])) {
    const cell = cellAt(report, table.id, block.id, row.id, column.id);
    const raw = cell.present ? cell.raw : '';
    const value = cell.present ? parseCell(raw, column, table.id) : null;
    out.push({
      unit: report.unit.name,
      year: String(report.year),
      format: report.format,
      table: table.id,
      block: blockLabel(block, row),
      row: row.label,
      column: column.label,
      value: value?.state === 'number' ? formatNumber(value.value) : '',
      measure: value?.state === 'number' ? value.measure : column.measure,
      raw,
    });
  }
  return out;
}

function csvField(value: string): string {
  // A leading = or @ would make Excel evaluate the text as a formula (CSV injection).
  const text = /^[=@]/u.test(value) ? `'${value}` : value;
  return /[",\r\n]/u.test(text) || /^\s|\s$/u.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * RFC 4180 CSV with CRLF line ends and a UTF-8 byte order mark, as Excel and WPS expect; the
 * header row in Chinese, or the stable English field names for scripts.
 */
export function toCsv(
  records: readonly CsvRecord[],
  options: { readonly englishHeader?: boolean } = {},
): string {
  return csvText(CSV_HEADER, records, options.englishHeader ? undefined : CSV_HEADER_ZH);
}

/** Any sheet as toCsv writes it: the header's fields of each record, in order (with labels). */
export function csvText<H extends string>(
  header: readonly H[],
  records: readonly Record<H, string>[],
  labels?: Readonly<Record<H, string>>,
): string {
  const lines = [
    header.map((h) => (labels ? labels[h] : h)).join(','),
    ...records.map((r) => header.map((h) => csvField(r[h])).join(',')),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
