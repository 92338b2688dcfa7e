/** What the benchmarks share: timing summaries and the printed tables. */

export interface Timing {
  median: number;
  p95: number;
  runs: number;
}

export function summary(times: readonly number[]): Timing {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    median: sorted[Math.floor(sorted.length / 2)]!,
    p95: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))]!,
    runs: sorted.length,
  };
}

/**
 * Times `runs` calls of `fn` (awaited, given the run's index) after `warmup` calls that are not
 * counted.
 */
export async function timedRuns(
  fn: (i: number) => unknown,
  runs: number,
  warmup = 3,
): Promise<Timing> {
  for (let i = 0; i < Math.min(warmup, runs); i++) await fn(i);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn(i);
    times.push(performance.now() - t0);
  }
  return summary(times);
}

/** A table row for a timing: name, median, p95, runs and whether the target is met. */
export function timingRow(name: string, t: Timing, target: number | null): string[] {
  return [
    name,
    ms(t.median, 2),
    ms(t.p95, 2),
    String(t.runs),
    target === null ? '' : t.median < target ? `✓ < ${target} ms` : `✗ ≥ ${target} ms`,
  ];
}

/** Milliseconds with the precision that matters at their size (`small` decimals below 10). */
export const ms = (x: number, small = 2) =>
  x < 10 ? x.toFixed(small) : x < 1000 ? x.toFixed(1) : x.toFixed(0);

/** Columns on a terminal: CJK characters and full-width forms take two. */
const columns = (s: string) =>
  [...s].reduce(
    (n, ch) =>
      n +
      (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(
        ch,
      )
        ? 2
        : 1),
    0,
  );

/** A table with the first column left-aligned and the others right-aligned. */
export function printTable(header: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = header.map((h, i) => Math.max(columns(h), ...rows.map((r) => columns(r[i]!))));
  const pad = (c: string, i: number) => ' '.repeat(widths[i]! - columns(c));
  const fmt = (r: readonly string[]) =>
    r.map((c, i) => (i === 0 ? c + pad(c, i) : pad(c, i) + c)).join('  ');
  console.log(fmt(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows) console.log(fmt(r));
}
