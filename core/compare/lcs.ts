/**
 * The length of the longest common subsequence of two texts — the characters a minimal
 * character diff keeps, what TEXT_COPIED's similarity counts (core/diff.ts) — computed bit-parallel
 * (Allison–Dix, Hyyrö): one pass over b, each step a few word operations per 32 characters of a.
 * Exact, and fast however different the texts are (Myers' diff slows down as they differ).
 */

/** Beyond this many character pairs (a.length × b.length) the caller measures otherwise. */
export const LCS_MAX_CELLS = 250_000_000;

/** Common characters of a and b, or null when the texts are too long to measure so. */
export function lcsLength(a: string, b: string): number | null {
  if (a.length === 0 || b.length === 0) return 0;
  if (a.length * b.length > LCS_MAX_CELLS) return null;
  const words = Math.ceil(a.length / 32);
  // where each character of b occurs in a, as bits
  const masks = new Map<number, Uint32Array>();
  for (let i = 0; i < a.length; i++) {
    const c = a.charCodeAt(i);
    let m = masks.get(c);
    if (!m) {
      m = new Uint32Array(words);
      masks.set(c, m);
    }
    m[i >>> 5]! |= 1 << (i & 31);
  }
  // V: ones where a's character is not (yet) matched; V ← (V + (V & M)) | (V & ~M)
  const v = new Uint32Array(words).fill(0xffffffff);
  for (let j = 0; j < b.length; j++) {
    const m = masks.get(b.charCodeAt(j));
    if (!m) continue;
    let carry = 0;
    for (let w = 0; w < words; w++) {
      const vw = v[w]!;
      const u = vw & m[w]!;
      const sum = vw + (u >>> 0) + carry;
      carry = sum > 0xffffffff ? 1 : 0;
      v[w] = (sum >>> 0) | (vw & ~m[w]!);
    }
  }
  // the zeros among a's bits are its matched characters
  let common = 0;
  for (let w = 0; w < words; w++) {
    const bits = w === words - 1 && a.length % 32 ? a.length % 32 : 32;
    let x = ~v[w]! >>> 0;
    if (bits < 32) x &= (1 << bits) - 1;
    x >>>= 0;
    while (x) {
      x &= x - 1;
      common++;
    }
  }
  return common;
}
