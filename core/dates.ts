/**
 * Dates and times as the app writes them: one helper for each form, shared by the checks, the
 * archive, the CLI and the window. Pure: the caller passes the Date (or the stored ISO time);
 * local time is the machine's, as a clerk reads the clock on the wall.
 */

import { findDate, isRealDate } from './text';

const two = (n: number) => String(n).padStart(2, '0');

/** "2021-01-27" from a year, month (1–12) and day; no check that the date is real. */
export function isoDate(year: number, month: number, day: number): string {
  return `${year}-${two(month)}-${two(day)}`;
}

/** The calendar day of a moment in local time: "2025-01-15". */
export function localDay(date: Date): string {
  return isoDate(date.getFullYear(), date.getMonth() + 1, date.getDate());
}

/** A moment in local time: "2025-01-15 14:05", or "2025-01-15 14:05:09" with seconds. */
export function localDateTime(date: Date, options: { seconds?: boolean } = {}): string {
  const time = `${two(date.getHours())}:${two(date.getMinutes())}`;
  return `${localDay(date)} ${time}${options.seconds ? `:${two(date.getSeconds())}` : ''}`;
}

/**
 * A stored time (ISO: a revision's UTC time, or a backup's local time without a zone) as
 * local time, "2025-01-20 14:05" (with seconds: "2025-01-20 14:05:09"); '' when there is
 * none; the text as given when it is not a time.
 */
export function formatTime(
  iso: string | null | undefined,
  options: { seconds?: boolean } = {},
): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : localDateTime(date, options);
}

/**
 * The report year being written now: the report on year N is written from December of N to
 * January of N+1 (due by the end of January), so from November on it is this year's report, and
 * until October last year's.
 */
export function currentReportYear(now: Date): number {
  return now.getMonth() >= 10 ? now.getFullYear() : now.getFullYear() - 1;
}

/**
 * The ISO date a 成文日期 text names: "2021年1月27日", "2021-01-27", "二〇二一年一月二十七日"
 * (with words around it too); null when the text names no complete, real date.
 */
export function writtenToIso(text: string): string | null {
  const d = findDate(text);
  if (!d || d.day === undefined || d.year < 1000 || d.year > 9999) return null;
  if (!isRealDate(d.year, d.month, d.day)) return null;
  return isoDate(d.year, d.month, d.day);
}

/** "2025-01-15" → "2025年1月15日" (full year, no leading zeros); null for anything else. */
export function isoToWritten(iso: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(iso);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!isRealDate(year, month, day)) return null;
  return `${year}年${month}月${day}日`;
}
