/**
 * What is pasted into the narrative: HTML as Word, WPS or a web page put it on the clipboard, or
 * plain text, cleaned into plain paragraphs with heading levels — styles, Office comments and
 * conditional blocks, images, hidden text and empty paragraphs dropped; the levels assigned as
 * the importer assigns them (an ordinal "一、" "（一）" "1." "（1）" on a heading-like line). The
 * HTML is read with the importer's `htmlToBlocks` and each paragraph leveled by its `toParagraphs`.
 * Pure: no DOM.
 */
import { htmlToBlocks } from './import/html';
import { toParagraphs } from './import/structure';
import { ReportFileError, type Paragraph } from './model';
import { cleanText } from './text';

// C0 controls other than tab and line ends (Word's field marks, bells), and DEL.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f]/gu;

/** One paragraph from one line of text (or none when it holds no text). */
function leveled(text: string): Paragraph[] {
  return toParagraphs([text.replace(CONTROL, '')]);
}

/**
 * A table row pasted into the narrative: one body paragraph, its cells' text separated by a
 * space (the row of a merged cell's other positions is not repeated). Empty rows give none.
 */
function rowParagraph(cells: readonly string[]): Paragraph[] {
  const text = cells
    .map((c) => cleanText(c.replace(CONTROL, '')))
    .filter(Boolean)
    .join(' ');
  return text ? [{ level: 0, text }] : [];
}

/**
 * Clipboard HTML (Word's `<p class=MsoNormal>` with `<o:p>`, `mso-` styles and `<!--[if …]>`
 * blocks; WPS; a web page) → paragraphs. A `<br>` ends a paragraph, as on import; each source
 * paragraph stays one paragraph (no joining); a data table gives one paragraph per row. Markup
 * too deep or too large to read (see htmlToBlocks' caps) gives none.
 */
export function cleanPastedHtml(html: string): Paragraph[] {
  const out: Paragraph[] = [];
  // Line ends in the markup are white space, not breaks (Word wraps its HTML source, even in
  // the middle of a list number's padding); htmlToBlocks would end a paragraph there.
  let blocks;
  try {
    blocks = htmlToBlocks(html.replace(/[\r\n]+/gu, ' '));
  } catch (error) {
    // markup nested too deep or too large to read: the caller pastes the plain text instead
    if (error instanceof ReportFileError) return [];
    throw error;
  }
  for (const block of blocks) {
    if (block.kind === 'p') out.push(...leveled(block.text));
    else if (block.kind === 'table') {
      for (const row of block.rows)
        out.push(...rowParagraph(row.filter((c) => !c.spanned).map((c) => c.text)));
    }
  }
  return out;
}

/**
 * Plain text → paragraphs: one per line, lines broken in the middle of a sentence (text copied
 * from a PDF) joined as on import; a line with tabs between cells (a table row copied from Word
 * or Excel) is one body paragraph with its cells separated by a space.
 */
export function cleanPastedText(text: string): Paragraph[] {
  const lines = text.replace(CONTROL, '').split(/\r\n|[\r\n\v\f\u2028\u2029]/u);
  const out: Paragraph[] = [];
  let run: string[] = [];
  const flush = () => {
    if (run.length) out.push(...toParagraphs(run));
    run = [];
  };
  for (const line of lines) {
    if (/\S[ \u3000]*\t[\t \u3000]*\S/u.test(line)) {
      flush();
      out.push(...rowParagraph(line.split('\t')));
    } else run.push(line);
  }
  flush();
  return out;
}

/** Where the caret goes after an edit: a paragraph and an offset in its text. */
export interface Caret {
  readonly paragraph: number;
  readonly offset: number;
}

/**
 * Pastes paragraphs into paragraph `index` at the selection `start`–`end` (the selection is
 * replaced), as a word processor does: the text before the selection runs into the first pasted
 * paragraph (which keeps the paragraph's level, unless nothing stands before it), the text after
 * it follows the last one — unless the paste is `closed` (it ended with a line end: its last
 * paragraph is complete), in which case the text after the selection stays a paragraph of its
 * own. An `index` past the end (an empty section shown with one empty paragraph) appends.
 */
export function pasteInto(
  paragraphs: readonly Paragraph[],
  index: number,
  start: number,
  end: number,
  pasted: readonly Paragraph[],
  options: { readonly closed?: boolean } = {},
): { paragraphs: Paragraph[]; caret: Caret } {
  const at = Math.max(0, Math.min(index, paragraphs.length));
  const current = paragraphs[at] ?? { level: 0, text: '' };
  const from = Math.max(0, Math.min(start, current.text.length));
  const to = Math.max(from, Math.min(end, current.text.length));
  const before = current.text.slice(0, from);
  const after = current.text.slice(to);
  const replace = (middle: readonly Paragraph[], caret: Caret) => ({
    paragraphs: [...paragraphs.slice(0, at), ...middle, ...paragraphs.slice(at + 1)],
    caret,
  });
  if (pasted.length === 0) {
    return replace([{ ...current, text: before + after }], { paragraph: at, offset: from });
  }
  const own = pasted.map((p) => ({ level: p.level, text: p.text }));
  const n = own.length;
  const split = options.closed === true && after !== '';
  const first = own[0]!;
  // the first pasted paragraph keeps its level when it stands alone as a paragraph
  const alone = before === '' && (n > 1 || split || current.text === '');
  own[0] = { level: alone ? first.level : current.level, text: before + first.text };
  if (split) {
    return replace([...own, { level: current.level, text: after }], {
      paragraph: at + n,
      offset: 0,
    });
  }
  const last = own[n - 1]!;
  own[n - 1] = { ...last, text: last.text + after };
  return replace(own, { paragraph: at + n - 1, offset: last.text.length });
}
