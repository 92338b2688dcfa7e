// Paragraph editing of the narrative editor (renderer/models/paragraphs.ts): split, join, move,
// insert, delete, level and typed text, each with where the caret goes; the keys; and the edits
// that must be refused (null: nothing changes).
import { describe, expect, it } from 'vitest';
import type { Paragraph } from '../../core/model';
import type { KeyPress } from '../../renderer/models/keys';
import {
  deleteParagraph,
  insertAfter,
  joinWithPrevious,
  moveParagraph,
  paragraphKey,
  placeName,
  splitParagraph,
  stored,
  typeInto,
  withLevel,
  type FieldState,
} from '../../renderer/models/paragraphs';

const P = (text: string, level: Paragraph['level'] = 0): Paragraph => ({ level, text });
const LIST: readonly Paragraph[] = [P('（一）总体情况', 2), P('本年度我局……'), P('下一步。')];

describe('split (Enter)', () => {
  it('splits in the middle: the second part keeps the level, the caret at its start', () => {
    expect(splitParagraph(LIST, 0, LIST[0]!.text, 3, 3)).toEqual({
      paragraphs: [P('（一）', 2), P('总体情况', 2), LIST[1], LIST[2]],
      caret: { paragraph: 1, offset: 0 },
    });
  });

  it('at the end starts an empty body paragraph after it', () => {
    const text = LIST[0]!.text;
    expect(splitParagraph(LIST, 0, text, text.length, text.length)).toEqual({
      paragraphs: [LIST[0], P(''), LIST[1], LIST[2]],
      caret: { paragraph: 1, offset: 0 },
    });
  });

  it('at the start opens an empty body paragraph above, the caret staying in the text', () => {
    expect(splitParagraph(LIST, 1, LIST[1]!.text, 0, 0)).toEqual({
      paragraphs: [LIST[0], P(''), LIST[1], LIST[2]],
      caret: { paragraph: 2, offset: 0 },
    });
  });

  it('replaces a selection', () => {
    expect(splitParagraph([P('甲乙丙丁')], 0, '甲乙丙丁', 1, 3)?.paragraphs).toEqual([
      P('甲'),
      P('丁'),
    ]);
  });

  it('refuses the placeholder of an empty section and an index outside the list', () => {
    expect(splitParagraph([], 0, '', 0, 0)).toBeNull();
    expect(splitParagraph(LIST, 3, 'x', 0, 0)).toBeNull();
    expect(splitParagraph(LIST, -1, 'x', 0, 0)).toBeNull();
  });
});

describe('join (Backspace at the start, Delete at the end)', () => {
  it('joins a paragraph to the previous one, keeping its level; the caret at the seam', () => {
    expect(joinWithPrevious(LIST, 2)).toEqual({
      paragraphs: [LIST[0], P('本年度我局……下一步。')],
      caret: { paragraph: 1, offset: '本年度我局……'.length },
    });
    expect(joinWithPrevious(LIST, 1)?.paragraphs[0]).toEqual(P('（一）总体情况本年度我局……', 2));
  });

  it('refuses the first paragraph and an index past the end', () => {
    expect(joinWithPrevious(LIST, 0)).toBeNull();
    expect(joinWithPrevious(LIST, 3)).toBeNull();
    expect(joinWithPrevious([], 0)).toBeNull();
  });
});

describe('move (Alt+↑/↓, the ↑ ↓ buttons)', () => {
  it('swaps with the neighbour; the caret goes with the paragraph', () => {
    expect(moveParagraph(LIST, 1, -1, 4)).toEqual({
      paragraphs: [LIST[1], LIST[0], LIST[2]],
      caret: { paragraph: 0, offset: 4 },
    });
    expect(moveParagraph(LIST, 1, 1)).toEqual({
      paragraphs: [LIST[0], LIST[2], LIST[1]],
      caret: { paragraph: 2, offset: 0 },
    });
  });

  it('refuses moving past either end', () => {
    expect(moveParagraph(LIST, 0, -1)).toBeNull();
    expect(moveParagraph(LIST, 2, 1)).toBeNull();
    expect(moveParagraph(LIST, 5, -1)).toBeNull();
    expect(moveParagraph([P('只有一段')], 0, 1)).toBeNull();
  });
});

describe('insert, delete, level', () => {
  it('inserts an empty body paragraph after one, the caret in it', () => {
    expect(insertAfter(LIST, 0)).toEqual({
      paragraphs: [LIST[0], P(''), LIST[1], LIST[2]],
      caret: { paragraph: 1, offset: 0 },
    });
    expect(insertAfter([], 0)).toBeNull(); // an empty section: its placeholder takes the text
    expect(insertAfter(LIST, 3)).toBeNull();
  });

  it('deletes a paragraph: the caret to the end of the previous one, or to the one now in its place', () => {
    expect(deleteParagraph(LIST, 1, 'previous')).toEqual({
      paragraphs: [LIST[0], LIST[2]],
      caret: { paragraph: 0, offset: 'end' },
    });
    expect(deleteParagraph(LIST, 1, 'same')?.caret).toEqual({ paragraph: 1, offset: 0 });
    expect(deleteParagraph(LIST, 2, 'same')?.caret).toEqual({ paragraph: 1, offset: 0 });
    expect(deleteParagraph(LIST, 0, 'previous')?.caret).toEqual({ paragraph: 0, offset: 0 });
    expect(deleteParagraph([P('x')], 0, 'same')).toEqual({
      paragraphs: [],
      caret: { paragraph: 0, offset: 0 },
    });
    expect(deleteParagraph(LIST, 3, 'same')).toBeNull();
  });

  it('changes a level; the same level changes nothing', () => {
    expect(withLevel(LIST, 1, 1)).toEqual([LIST[0], P('本年度我局……', 1), LIST[2]]);
    expect(withLevel(LIST, 0, 2)).toBeNull();
    // the placeholder of an empty section becomes a heading
    expect(withLevel([], 0, 1)).toEqual([P('', 1)]);
  });

  it('stores a lone empty body paragraph as no paragraph', () => {
    expect(stored([P('')])).toEqual([]);
    expect(stored([P('', 1)])).toEqual([P('', 1)]);
    expect(stored([P(''), P('')])).toHaveLength(2);
    expect(placeName('导语')).toBe('导语');
    expect(placeName('五')).toBe('第五部分');
  });
});

describe('typed text', () => {
  it('replaces the paragraph’s text', () => {
    expect(typeInto(LIST, 2, '下一步，继续。', 7)).toEqual({
      kind: 'text',
      paragraphs: [LIST[0], LIST[1], P('下一步，继续。')],
      caret: { paragraph: 2, offset: 7 },
    });
  });

  it('ends the paragraph at a line end that got in, the caret where it was in the last line', () => {
    // "甲乙|丙" with "一\n二" dropped at the caret: "甲乙一\n二丙", the caret after 二
    expect(typeInto([P('甲乙丙', 2)], 0, '甲乙一\r\n二丙', 6)).toEqual({
      kind: 'split',
      paragraphs: [P('甲乙一', 2), P('二丙')],
      caret: { paragraph: 1, offset: 1 },
    });
    expect(typeInto([P('a')], 0, 'a\n\nb\r', 5)?.paragraphs).toEqual([
      P('a'),
      P(''),
      P('b'),
      P(''),
    ]);
  });

  it('starts an empty section’s first paragraph', () => {
    expect(typeInto([], 0, '新', 1)?.paragraphs).toEqual([P('新')]);
  });

  it('changes nothing when the text is the paragraph’s already', () => {
    expect(typeInto(LIST, 1, LIST[1]!.text, 2)).toBeNull();
    expect(typeInto([], 0, '', 0)).toBeNull();
  });
});

describe('keys in a paragraph', () => {
  const k = (key: string, mods: Partial<Omit<KeyPress, 'key'>> = {}): KeyPress => ({
    key,
    ctrl: false,
    shift: false,
    alt: false,
    ...mods,
  });
  const at = (state: Partial<FieldState> = {}): FieldState => ({
    index: 1,
    count: 3,
    start: 0,
    end: 0,
    length: 5,
    locked: false,
    ...state,
  });

  it('Enter and Shift+Enter split; a locked report keeps the key but edits nothing', () => {
    expect(paragraphKey(k('Enter'), at())).toEqual({ action: 'split' });
    expect(paragraphKey(k('Enter', { shift: true }), at())).toEqual({ action: 'split' });
    expect(paragraphKey(k('Enter'), at({ locked: true }))).toEqual({ action: null });
    expect(paragraphKey(k('Enter', { ctrl: true }), at())).toBeNull();
  });

  it('Backspace at the start joins, or deletes an empty paragraph', () => {
    expect(paragraphKey(k('Backspace'), at())).toEqual({ action: 'join-previous' });
    expect(paragraphKey(k('Backspace'), at({ length: 0 }))).toEqual({ action: 'delete' });
    // not at the start, a selection, the first paragraph, the placeholder, locked: the field's own
    expect(paragraphKey(k('Backspace'), at({ start: 2, end: 2 }))).toBeNull();
    expect(paragraphKey(k('Backspace'), at({ end: 3 }))).toBeNull();
    expect(paragraphKey(k('Backspace'), at({ index: 0 }))).toBeNull();
    expect(paragraphKey(k('Backspace'), at({ index: 0, count: 0 }))).toBeNull();
    expect(paragraphKey(k('Backspace'), at({ locked: true }))).toBeNull();
    expect(paragraphKey(k('Backspace', { shift: true }), at())).toBeNull();
  });

  it('Delete at the end joins the next paragraph', () => {
    expect(paragraphKey(k('Delete'), at({ start: 5, end: 5 }))).toEqual({ action: 'join-next' });
    expect(paragraphKey(k('Delete'), at({ start: 5, end: 5, index: 2 }))).toBeNull();
    expect(paragraphKey(k('Delete'), at({ start: 4, end: 4 }))).toBeNull();
    expect(paragraphKey(k('Delete'), at({ start: 5, end: 5, locked: true }))).toBeNull();
  });

  it('Alt+↑/↓ move the paragraph (kept from the field even when it cannot move)', () => {
    expect(paragraphKey(k('ArrowUp', { alt: true }), at({ start: 3, end: 3 }))).toEqual({
      action: 'move-up',
    });
    expect(paragraphKey(k('ArrowDown', { alt: true }), at())).toEqual({ action: 'move-down' });
    expect(paragraphKey(k('ArrowDown', { alt: true }), at({ locked: true }))).toEqual({
      action: null,
    });
    expect(paragraphKey(k('ArrowUp', { alt: true }), at({ index: 0, count: 0 }))).toEqual({
      action: null,
    });
    expect(paragraphKey(k('ArrowUp', { alt: true, ctrl: true }), at())).toBeNull();
  });

  it('↑ at the start and ↓ at the end go to the neighbour', () => {
    expect(paragraphKey(k('ArrowUp'), at())).toEqual({ action: 'caret-previous' });
    expect(paragraphKey(k('ArrowDown'), at({ start: 5, end: 5 }))).toEqual({
      action: 'caret-next',
    });
    expect(paragraphKey(k('ArrowUp'), at({ index: 0 }))).toBeNull();
    expect(paragraphKey(k('ArrowUp'), at({ start: 1, end: 1 }))).toBeNull();
    expect(paragraphKey(k('ArrowDown'), at({ start: 5, end: 5, index: 2 }))).toBeNull();
    expect(paragraphKey(k('ArrowDown'), at({ start: 0, end: 0 }))).toBeNull();
    expect(paragraphKey(k('ArrowUp', { shift: true }), at())).toBeNull();
    expect(paragraphKey(k('a'), at())).toBeNull();
  });
});
