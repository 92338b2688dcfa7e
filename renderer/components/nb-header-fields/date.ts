/**
 * The 成文日期 is stored as written ("2025年1月15日"); a date picker works in ISO dates
 * ("2025-01-15"). Conversions both ways.
 */
import { findDate, isRealDate } from '../../../core/text';

/**
 * The ISO date a 成文日期 text names: "2021年1月27日", "2021-01-27", "二〇二一年一月二十七日"
 * (with words around it too); null when the text names no complete, real date.
 */
export function writtenToIso(text: string): string | null {
  const d = findDate(text);
  if (!d || d.day === undefined || d.year < 1000 || d.year > 9999) return null;
  if (!isRealDate(d.year, d.month, d.day)) return null;
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

/** "2025-01-15" → "2025年1月15日" (full year, no leading zeros); null for anything else. */
export function isoToWritten(iso: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(iso);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!isRealDate(year, month, day)) return null;
  return `${year}年${month}月${day}日`;
}
