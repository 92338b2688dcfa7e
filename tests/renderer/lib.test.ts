// Dates as the window shows them (core/dates.ts) and the renderer's "the latest request wins".
import { describe, expect, it } from 'vitest';
import {
  currentReportYear,
  formatTime,
  isoToWritten,
  localDay,
  writtenToIso,
} from '../../core/dates';
import { LatestRequest } from '../../renderer/lib/latest';

describe('dates', () => {
  it('formats times in local time, keeping a text that is no time', () => {
    const local = new Date(2025, 0, 20, 14, 5, 30);
    expect(formatTime(local.toISOString())).toBe('2025-01-20 14:05');
    expect(formatTime('昨天')).toBe('昨天');
    expect(formatTime('')).toBe('');
    expect(formatTime(null)).toBe('');
    expect(formatTime(undefined)).toBe('');
  });

  it('names today and the report year being written', () => {
    expect(localDay(new Date(2026, 1, 3))).toBe('2026-02-03');
    expect(currentReportYear(new Date(2026, 0, 15))).toBe(2025);
    expect(currentReportYear(new Date(2026, 9, 31))).toBe(2025);
    // from November on, this year's report is the one being written (December–January)
    expect(currentReportYear(new Date(2026, 10, 1))).toBe(2026);
    expect(currentReportYear(new Date(2026, 11, 5))).toBe(2026);
  });

  it('converts the 成文日期 between the written form and ISO dates', () => {
    expect(writtenToIso('2021年1月27日')).toBe('2021-01-27');
    expect(writtenToIso('二〇二一年一月二十七日')).toBe('2021-01-27');
    expect(writtenToIso('某县财政局 2021-01-27')).toBe('2021-01-27');
    expect(isoToWritten('2025-01-15')).toBe('2025年1月15日');
  });

  it('refuses dates that are incomplete or not real', () => {
    expect(writtenToIso('2021年1月')).toBeNull();
    expect(writtenToIso('2021年2月30日')).toBeNull();
    expect(writtenToIso('')).toBeNull();
    expect(isoToWritten('2025-02-29')).toBeNull();
    expect(isoToWritten('2025-1-5')).toBeNull();
    expect(isoToWritten('')).toBeNull();
  });
});

describe('the latest request wins', () => {
  it('keeps only the latest request current', () => {
    const requests = new LatestRequest();
    const first = requests.start();
    expect(first()).toBe(true);
    const second = requests.start();
    expect(first()).toBe(false);
    expect(second()).toBe(true);
  });

  it('drops every answer after cancel()', async () => {
    const requests = new LatestRequest();
    const shown: string[] = [];
    const ask = async (answer: string, delay: number) => {
      const current = requests.start();
      await new Promise((r) => setTimeout(r, delay));
      if (current()) shown.push(answer);
    };
    await Promise.all([ask('slow, older', 20), ask('quick, newer', 1)]);
    expect(shown).toEqual(['quick, newer']);
    const pending = ask('cancelled', 5);
    requests.cancel();
    await pending;
    expect(shown).toEqual(['quick, newer']);
  });
});
