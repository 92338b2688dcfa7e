/**
 * Dates as the window shows them: times of revisions, finalisations and decisions
 * ("2025-01-20 14:05", local time), today's date, the report year being written now, and the
 * 成文日期 — stored as written ("2025年1月15日") while a date picker works in ISO dates
 * ("2025-01-15") — converted both ways.
 */
// to core/dates.ts when the arch branch lands
import { findDate, isRealDate } from '../../core/text';

const pad = (n: number) => String(n).padStart(2, '0');

/** "2025-01-20 14:05" in local time from an ISO time (the text as given when it is not one). */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${today(d)} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Today as YYYY-MM-DD (local time). */
export function today(now = new Date()): string {
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The report year being written now: the report on year N is written early in N+1. */
export function currentReportYear(now = new Date()): number {
  return now.getFullYear() - 1;
}

/**
 * The ISO date a 成文日期 text names: "2021年1月27日", "2021-01-27", "二〇二一年一月二十七日"
 * (with words around it too); null when the text names no complete, real date.
 */
export function writtenToIso(text: string): string | null {
  const d = findDate(text);
  if (!d || d.day === undefined || d.year < 1000 || d.year > 9999) return null;
  if (!isRealDate(d.year, d.month, d.day)) return null;
  return `${d.year}-${pad(d.month)}-${pad(d.day)}`;
}

/** "2025-01-15" → "2025年1月15日" (full year, no leading zeros); null for anything else. */
export function isoToWritten(iso: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(iso);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!isRealDate(year, month, day)) return null;
  return `${year}年${month}月${day}日`;
}
