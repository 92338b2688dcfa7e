// TEXT_TABLE_MISMATCH is driven by phrase data; the clause prefilter (TRIGGER) must cover the
// word every phrase starts with, or a phrase would silently never be tried.
import { describe, expect, it } from 'vitest';
import { FIGURE_PHRASES, TRIGGER } from '../../core/checks/figures';

/**
 * The alternatives of the groups a pattern starts with ("(?:没有|未|无)(?:收到|受理|接到)…"):
 * any match contains one word of each; or its leading literal.
 */
function leadingGroups(source: string): string[][] {
  const groups: string[][] = [];
  let rest = source;
  for (let m = /^\(\?:([^()]+)\)/u.exec(rest); m; m = /^\(\?:([^()]+)\)/u.exec(rest)) {
    groups.push(m[1]!.split('|'));
    rest = rest.slice(m[0].length);
  }
  const literal = /^[\p{Script=Han}]+/u.exec(source);
  return groups.length ? groups : literal ? [[literal[0]]] : [];
}

describe('figure phrases', () => {
  for (const phrase of FIGURE_PHRASES) {
    it(`${phrase.id}: every match passes the prefilter`, () => {
      for (const pattern of phrase.patterns) {
        const groups = leadingGroups(pattern.source);
        expect(groups.length, pattern.source).toBeGreaterThan(0);
        // some group every match must contain is covered word for word
        const covered = groups.some((words) => words.every((word) => TRIGGER.test(word)));
        expect(covered, `${phrase.id}: ${pattern.source}`).toBe(true);
      }
    });
  }
});
