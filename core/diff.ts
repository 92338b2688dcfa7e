/** Character-level diff measures (Myers' O(ND) algorithm), for TEXT_COPIED and comparisons. */

/**
 * Length of the longest common subsequence of a and b, or null when more than `maxEdits`
 * insertions and deletions separate them (the search stops there).
 */
export function commonLength(a: string, b: string, maxEdits = a.length + b.length): number | null {
  const n = a.length;
  const m = b.length;
  const max = Math.min(maxEdits, n + m);
  if (max < Math.abs(n - m)) return null;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  for (let d = 0; d <= max; d++) {
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!)
          ? v[offset + k + 1]!
          : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a.charCodeAt(x) === b.charCodeAt(y)) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return (n + m - d) / 2;
    }
  }
  return null;
}

/**
 * Similarity as checks.md defines it: matched characters of a character-level diff divided by
 * the longer text. With `threshold`, returns 0 as soon as the threshold cannot be reached.
 */
export function similarity(a: string, b: string, threshold = 0): number {
  const longer = Math.max(a.length, b.length);
  if (longer === 0) return 1;
  const maxEdits = Math.floor(a.length + b.length - 2 * threshold * longer + 1e-9);
  if (maxEdits < 0) return 0;
  const common = commonLength(a, b, maxEdits);
  return common === null ? 0 : common / longer;
}
