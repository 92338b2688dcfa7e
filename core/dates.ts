/**
 * Dates and times as the app writes them: one helper for each form, shared by the checks, the
 * archive, the CLI and the window. Pure: the caller passes the Date (or the stored ISO time);
 * local time is the machine's, as a clerk reads the clock on the wall.
 */

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
