/**
 * The paragraph editing of the 导语 and the sections, as the narrative editor does it: what the
 * keys do (Enter, Backspace at a paragraph's start, Delete at its end, Alt+↑/↓, ↑/↓ at the
 * ends), and each edit as the next list of paragraphs with where the caret goes — split, join,
 * move, insert, delete, a changed level, typed text (a line end typed or dropped in ends the
 * paragraph). An edit that cannot apply (joining the first paragraph, moving past the ends,
 * splitting the placeholder of an empty section) returns null and changes nothing. Pure.
 */
import type { SectionId } from '../../core/formats';
import type { Paragraph } from '../../core/model';
import type { KeyPress } from './keys';

/** Where narrative text lives: the 导语 or a section's paragraphs. */
export type TextPlace = '导语' | SectionId;

export type Level = Paragraph['level'];

/** The level names, as the print layout names the headings, and their numbering marks. */
export const LEVEL_NAMES = ['正文', '一级标题', '二级标题', '三级标题', '四级标题'] as const;
export const LEVEL_MARKS = ['', '一、', '（一）', '1.', '（1）'] as const;

/** Where the caret goes: a paragraph and an offset in its text ('end': after its last character). */
export interface ParagraphCaret {
  readonly paragraph: number;
  readonly offset: number | 'end';
}

/** An edit's result: the paragraphs and the caret. */
export interface ParagraphEdit {
  readonly paragraphs: readonly Paragraph[];
  readonly caret: ParagraphCaret;
}

/** "导语", "第三部分": the place in the undo labels and announcements. */
export function placeName(place: TextPlace): string {
  return place === '导语' ? '导语' : `第${place}部分`;
}

/** What is stored: a lone empty body paragraph is no paragraph (the section is empty). */
export function stored(paragraphs: readonly Paragraph[]): readonly Paragraph[] {
  const only = paragraphs.length === 1 ? paragraphs[0]! : null;
  return only && only.level === 0 && only.text === '' ? [] : paragraphs;
}

function replaced(
  list: readonly Paragraph[],
  index: number,
  by: readonly Paragraph[],
  removed = 1,
): Paragraph[] {
  return [...list.slice(0, index), ...by, ...list.slice(index + removed)];
}

/**
 * Enter at `start`–`end` in paragraph `index` whose field shows `text`: ends the paragraph at the
 * caret. At its end an empty body paragraph follows; in the middle the paragraph splits (the
 * second part keeps the level); at its start an empty body paragraph opens above. The caret goes
 * to the start of the second paragraph. Null for the placeholder of an empty section.
 */
export function splitParagraph(
  list: readonly Paragraph[],
  index: number,
  text: string,
  start: number,
  end: number,
): ParagraphEdit | null {
  const current = list[index];
  if (!current) return null;
  const before = text.slice(0, start);
  const after = text.slice(end);
  const pair: Paragraph[] =
    before === '' && after !== ''
      ? [
          { level: 0, text: '' },
          { ...current, text: after },
        ]
      : [
          { ...current, text: before },
          { level: after === '' ? 0 : current.level, text: after },
        ];
  return { paragraphs: replaced(list, index, pair), caret: { paragraph: index + 1, offset: 0 } };
}

/** Joins paragraph `index` to the one before it (keeping that one's level); the caret at the seam. */
export function joinWithPrevious(list: readonly Paragraph[], index: number): ParagraphEdit | null {
  const prev = list[index - 1];
  const current = list[index];
  if (index < 1 || !prev || !current) return null;
  return {
    paragraphs: replaced(list, index - 1, [{ ...prev, text: prev.text + current.text }], 2),
    caret: { paragraph: index - 1, offset: prev.text.length },
  };
}

/** Swaps paragraph `index` with its neighbour above (-1) or below (1); the caret goes with it. */
export function moveParagraph(
  list: readonly Paragraph[],
  index: number,
  by: -1 | 1,
  offset = 0,
): ParagraphEdit | null {
  const to = index + by;
  if (index < 0 || index >= list.length || to < 0 || to >= list.length) return null;
  const next = [...list];
  next[index] = list[to]!;
  next[to] = list[index]!;
  return { paragraphs: next, caret: { paragraph: to, offset } };
}

/** An empty body paragraph after paragraph `index`, with the caret in it; null when there is no paragraph. */
export function insertAfter(list: readonly Paragraph[], index: number): ParagraphEdit | null {
  if (list.length === 0 || index < 0 || index >= list.length) return null;
  return {
    paragraphs: replaced(list, index + 1, [{ level: 0, text: '' }], 0),
    caret: { paragraph: index + 1, offset: 0 },
  };
}

/**
 * Deletes paragraph `index`. The caret goes to the end of the previous paragraph (Backspace in an
 * empty one: 'previous'), or to the start of the one now at its place ('same': the ✕ button).
 */
export function deleteParagraph(
  list: readonly Paragraph[],
  index: number,
  focus: 'previous' | 'same',
): ParagraphEdit | null {
  if (index < 0 || index >= list.length) return null;
  const next = replaced(list, index, []);
  const caret: ParagraphCaret =
    focus === 'previous' && index > 0
      ? { paragraph: index - 1, offset: 'end' }
      : { paragraph: Math.min(index, Math.max(0, next.length - 1)), offset: 0 };
  return { paragraphs: next, caret };
}

/** Paragraph `index` at another level; null when it has that level already. */
export function withLevel(
  list: readonly Paragraph[],
  index: number,
  level: Level,
): readonly Paragraph[] | null {
  const current = list[index] ?? { level: 0 as Level, text: '' };
  if (current.level === level) return null;
  return replaced(list, index, [{ ...current, level }]);
}

/**
 * The field of paragraph `index` now shows `value` (typing, an input method, a drop), its caret
 * (selection end) at `caretEnd`. Ordinary text replaces the paragraph's ('text': one undo step
 * with the typing before it); a line end in it ends the paragraph there, each further line a
 * body paragraph, the caret staying where it was in the last line ('split'). Null when the text
 * is the paragraph's already. An index past the end (an empty section's placeholder) starts the
 * first paragraph.
 */
export function typeInto(
  list: readonly Paragraph[],
  index: number,
  value: string,
  caretEnd: number,
): (ParagraphEdit & { readonly kind: 'text' | 'split' }) | null {
  const current = list[index] ?? { level: 0 as Level, text: '' };
  if (value === current.text) return null;
  if (!/[\r\n]/u.test(value)) {
    return {
      kind: 'text',
      paragraphs: replaced(list, index, [{ ...current, text: value }]),
      caret: { paragraph: index, offset: caretEnd },
    };
  }
  const parts = value.split(/\r\n|[\r\n]/u);
  const tail = value.length - caretEnd;
  const lastPart = parts[parts.length - 1]!;
  return {
    kind: 'split',
    paragraphs: replaced(list, index, [
      { level: current.level, text: parts[0]! },
      ...parts.slice(1).map((text) => ({ level: 0 as Level, text })),
    ]),
    caret: { paragraph: index + parts.length - 1, offset: Math.max(0, lastPart.length - tail) },
  };
}

/** Where the caret is when a key is pressed in paragraph `index`'s field. */
export interface FieldState {
  readonly index: number;
  /** The paragraphs stored (0 for an empty section's placeholder). */
  readonly count: number;
  readonly start: number;
  readonly end: number;
  /** The field's text length. */
  readonly length: number;
  readonly locked: boolean;
}

export type ParagraphAction =
  | 'split'
  | 'delete'
  | 'join-previous'
  | 'join-next'
  | 'move-up'
  | 'move-down'
  | 'caret-previous'
  | 'caret-next';

/**
 * What a key does in a paragraph's field: null leaves it to the field; otherwise its default is
 * prevented and `action` (if any: a locked report keeps the keys from the field but edits nothing)
 * is taken. Enter (and Shift+Enter: a paragraph holds no line break) splits; Backspace at the
 * start deletes an empty paragraph or joins it to the previous one; Delete at the end joins the
 * next; Alt+↑/↓ move the paragraph; ↑ at the start / ↓ at the end go to the neighbour.
 */
export function paragraphKey(
  k: KeyPress,
  at: FieldState,
): { readonly action: ParagraphAction | null } | null {
  const plain = !k.ctrl && !k.alt;
  // a plain key with the caret (no selection) at the text's start or end
  const caret = plain && !k.shift && at.start === at.end;
  const atStart = caret && at.start === 0;
  const atEnd = caret && at.end === at.length;
  const hasPrevious = at.index > 0;
  const hasNext = at.index + 1 < at.count;
  if (k.key === 'Enter' && plain) return { action: at.locked ? null : 'split' };
  if (k.key === 'Backspace' && atStart) {
    if (at.locked || !hasPrevious || at.index >= at.count) return null;
    return { action: at.length === 0 ? 'delete' : 'join-previous' };
  }
  if (k.key === 'Delete' && atEnd && hasNext) return at.locked ? null : { action: 'join-next' };
  if ((k.key === 'ArrowUp' || k.key === 'ArrowDown') && k.alt && !k.ctrl) {
    const can = !at.locked && at.index < at.count;
    return { action: can ? (k.key === 'ArrowUp' ? 'move-up' : 'move-down') : null };
  }
  if (k.key === 'ArrowUp' && atStart && hasPrevious) return { action: 'caret-previous' };
  if (k.key === 'ArrowDown' && atEnd && hasNext) return { action: 'caret-next' };
  return null;
}
