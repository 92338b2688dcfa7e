// A page that keeps crashing is not reloaded forever (issue 17, item 14).
import { describe, expect, it } from 'vitest';
import {
  CRASH_LOOP_MESSAGE,
  MAX_RELOADS,
  ReloadLimiter,
  WINDOW_MS,
} from '../../electron/main/crash';

describe('ReloadLimiter', () => {
  it('reloads at most three times within the window, then stops', () => {
    const limiter = new ReloadLimiter();
    const t0 = 1_000_000;
    const answers = [0, 1000, 2000, 3000, 4000].map((d) => limiter.shouldReload(t0 + d));
    expect(answers).toEqual([true, true, true, false, false]);
    expect(MAX_RELOADS).toBe(3);
  });

  it('reloads again once the earlier crashes are older than the window', () => {
    const limiter = new ReloadLimiter();
    for (const d of [0, 10, 20]) expect(limiter.shouldReload(d)).toBe(true);
    expect(limiter.shouldReload(WINDOW_MS - 1)).toBe(false);
    expect(limiter.shouldReload(WINDOW_MS + 5)).toBe(true);
  });

  it('tells the clerk in Chinese what to do', () => {
    expect(CRASH_LOOP_MESSAGE).toMatch(/重新打开/u);
    expect(CRASH_LOOP_MESSAGE).not.toMatch(/[A-Za-z]{4,}/u);
  });
});
