/**
 * Which lines of a table section are the table: lines made of table words and values (a
 * table written one cell per line, laid out with spaces, glued together by a crawler), the
 * blank lines and short fragments among them (pieces of wrapped labels); the rest is the
 * section's text.
 */
import { compact } from '../text';
import { textLines } from './tables';
import { kindOf } from './tables/lines';
import { isWordPiece } from './tables/vocabulary';

const SENTENCE = /[。；！？]/u;

/** Whether a line of text is made of table words and values. */
export function isTableLine(raw: string): boolean {
  const t = raw.trim();
  if (!t) return /^[ \t]*[\u00a0\u3000\u2007\u202f][\u00a0\u3000\u2007\u202f \t]*$/u.test(raw);
  const line = textLines([raw], 0)[0]!;
  let covered = 0;
  let values = 0;
  let words = 0;
  for (const cell of line.cells) {
    const k = kindOf(cell);
    if (k === 'value') values++;
    if (k === 'word' || (k === 'text' && isWordPiece(cell.text))) words++;
    else if (k !== 'value') continue;
    covered += compact(cell.text).length;
  }
  if (!values && !words) return false;
  const share = covered / Math.max(1, compact(t).length);
  if (SENTENCE.test(t) && share < 0.9) return false;
  return share >= 0.5;
}

/** A short piece of text that can be part of a wrapped label ("度办", "理结果"). */
function isFragment(raw: string): boolean {
  const t = compact(raw);
  return t.length > 0 && t.length <= 16 && !SENTENCE.test(t);
}

/**
 * Marks the table lines among a section's lines (null: a grid table, always table). Blank
 * lines and short fragments (at most four in a row) count when table lines enclose them.
 */
export function tableLineFlags(lines: readonly (string | null)[]): boolean[] {
  const flags = lines.map((l) => l === null || isTableLine(l));
  const filler = (l: string | null) => l !== null && (!l.trim() || isFragment(l));
  for (let i = 0; i < lines.length; i++) {
    if (flags[i] || !filler(lines[i]!)) continue;
    let j = i;
    while (j < lines.length && !flags[j] && filler(lines[j]!)) j++;
    const texts = lines.slice(i, j).filter((l) => l!.trim()).length;
    if (i > 0 && flags[i - 1] && j < lines.length && flags[j] && texts <= 4)
      for (let k = i; k < j; k++) flags[k] = true;
    i = j - 1;
  }
  return flags;
}
