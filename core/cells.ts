/**
 * Cell values: what a table cell says, normalised as checks.md ("Cell values") prescribes.
 * The report keeps the raw text; this module reads it.
 */
import type { ColumnDef, TableId } from './formats';

export type CellValue =
  | { readonly state: 'number'; readonly value: number; readonly measure: string }
  | { readonly state: 'blank' }
  | { readonly state: 'na' }
  | { readonly state: 'invalid'; readonly reason: string };

/** Unit words a count may carry ("0件", "12条", "3项"); longer words first ("人次" before "次"). */
const COUNT_UNITS = ['人次', '件', '条', '项', '个', '次', '份', '宗', '起', '家', '人'];
const MONEY_UNITS = ['万元', '元'];
const DASHES = /^[-‐‑‒–—―─━_]+$/u;
const NA_MARKS = new Set(['/', '——', '不适用']);

/** NFKC folds full-width digits, signs, commas and slashes; all whitespace goes. */
export function normaliseCellText(raw: string): string {
  return raw.normalize('NFKC').replace(/[\s\u200b\ufeff]+/gu, '');
}

function parseDigits(text: string): number | null {
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  // thousands separators: only well-formed groups of three
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) return Number(text.replace(/,/g, ''));
  return null;
}

const DELTA_PLUS = /^(?:\+|增加|增|新增|净增)/u;
const DELTA_MINUS = /^(?:-|减少|减|净减)/u;

const UNITS = [...MONEY_UNITS, ...COUNT_UNITS];

export function parseCell(raw: string, column: ColumnDef, table: TableId): CellValue {
  // the common case, a plain whole number, needs no normalisation
  if (/^\d{1,15}$/.test(raw))
    return { state: 'number', value: Number(raw), measure: column.measure };
  const text = normaliseCellText(raw);
  if (text === '' || text === '空') return { state: 'blank' };
  if (table === '二' && NA_MARKS.has(text)) return { state: 'na' };
  if (text === '/' || DASHES.test(text)) return { state: 'blank' };
  if (text === '无' || text === '没有')
    return { state: 'number', value: 0, measure: column.measure };

  let body = text;
  let sign = 1;
  let signed = false;
  const plus = DELTA_PLUS.exec(body);
  const minus = plus ? null : DELTA_MINUS.exec(body);
  if (plus || minus) {
    signed = true;
    sign = minus ? -1 : 1;
    body = body.slice((plus ?? minus)![0].length);
  }

  let stated = '';
  for (const unit of UNITS) {
    if (body.endsWith(unit) && body.length > unit.length) {
      stated = unit;
      body = body.slice(0, -unit.length);
      break;
    }
  }
  const magnitude = parseDigits(body);
  if (magnitude === null) return { state: 'invalid', reason: `“${raw.trim()}”不是数字` };
  // beyond 2^53 sums are no longer exact (and 400 digits read as Infinity): no real figure is
  if (magnitude > Number.MAX_SAFE_INTEGER) {
    return { state: 'invalid', reason: `“${raw.trim()}”数字过大，不是实际的数量或金额` };
  }
  const value = sign * magnitude;

  switch (column.kind) {
    case 'count': {
      if (MONEY_UNITS.includes(stated)) {
        return { state: 'invalid', reason: `“${raw.trim()}”带有金额单位，此处应填件数` };
      }
      if (signed && sign < 0)
        return { state: 'invalid', reason: `数量不能为负数（“${raw.trim()}”）` };
      if (signed) {
        return { state: 'invalid', reason: `“${raw.trim()}”是增减数，此处应填数量` };
      }
      if (!Number.isInteger(value)) {
        return { state: 'invalid', reason: `数量应为整数（“${raw.trim()}”）` };
      }
      return { state: 'number', value, measure: column.measure };
    }
    case 'delta': {
      if (MONEY_UNITS.includes(stated)) {
        return { state: 'invalid', reason: `“${raw.trim()}”带有金额单位，此处应填项目增减数` };
      }
      if (!Number.isInteger(value)) {
        return { state: 'invalid', reason: `增减数应为整数（“${raw.trim()}”）` };
      }
      return { state: 'number', value: value === 0 ? 0 : value, measure: column.measure };
    }
    case 'money': {
      if (signed) return { state: 'invalid', reason: `金额不能写成增减或负数（“${raw.trim()}”）` };
      const units = column.moneyUnits ?? [];
      if (stated && !units.includes(stated)) {
        const hint =
          stated === '元' && units[0] === '万元'
            ? `，此列单位为万元，应写作 ${formatNumber(value / 10000)}`
            : '';
        return { state: 'invalid', reason: `“${raw.trim()}”的单位不对${hint}` };
      }
      return { state: 'number', value, measure: stated || column.measure };
    }
  }
}

/** Plain decimal rendering without float noise: 4068.208, 0.0015, 12. */
export function formatNumber(value: number): string {
  return String(Number(value.toFixed(6)));
}
