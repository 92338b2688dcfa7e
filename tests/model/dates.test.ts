// core/dates.ts: the one place dates and times are written out (checks, archive, CLI, window).
import { describe, expect, it } from 'vitest';
import { formatTime, isoDate, localDateTime, localDay } from '../../core/dates';

describe('isoDate', () => {
  it('writes a year, month and day with two-digit month and day', () => {
    expect(isoDate(2021, 1, 27)).toBe('2021-01-27');
    expect(isoDate(2024, 12, 5)).toBe('2024-12-05');
    expect(isoDate(2024, 10, 31)).toBe('2024-10-31');
  });

  it('sorts as text in date order (the date checks compare them so)', () => {
    expect(isoDate(2021, 12, 31) < isoDate(2022, 1, 1)).toBe(true);
    expect(isoDate(2022, 2, 1) < isoDate(2022, 10, 1)).toBe(true);
  });
});

describe('localDay and localDateTime', () => {
  // built from local fields, so the tests hold in any time zone
  const moment = new Date(2025, 0, 5, 9, 3, 7);

  it('give the local calendar day', () => {
    expect(localDay(moment)).toBe('2025-01-05');
    expect(localDay(new Date(2024, 1, 29, 23, 59, 59))).toBe('2024-02-29');
  });

  it('give the local time to the minute, or to the second', () => {
    expect(localDateTime(moment)).toBe('2025-01-05 09:03');
    expect(localDateTime(moment, { seconds: true })).toBe('2025-01-05 09:03:07');
    expect(localDateTime(new Date(2025, 11, 31, 0, 0, 0))).toBe('2025-12-31 00:00');
  });
});

describe('formatTime', () => {
  it('shows a stored time in local time', () => {
    // a backup's time: local, no zone
    expect(formatTime('2026-11-28T08:15:00')).toBe('2026-11-28 08:15');
    expect(formatTime('2026-11-28T08:15:09', { seconds: true })).toBe('2026-11-28 08:15:09');
    // a revision's time: UTC; shown in this machine's zone
    const utc = '2025-01-20T06:05:09.000Z';
    expect(formatTime(utc)).toBe(localDateTime(new Date(utc)));
  });

  it('gives nothing for no time, and the text as given for text that is not a time', () => {
    expect(formatTime(undefined)).toBe('');
    expect(formatTime(null)).toBe('');
    expect(formatTime('')).toBe('');
    expect(formatTime('不是时间')).toBe('不是时间');
    expect(formatTime('2025-13-45T99:00:00')).toBe('2025-13-45T99:00:00');
  });
});
