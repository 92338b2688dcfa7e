/**
 * Plain text and Markdown: one paragraph per line, pipe tables (Markdown) and tab-separated
 * rows (Word's "save as text") as tables.
 */
import { expandSpans, type DocBlock, type SourceCell } from './doc';
import { linearBlocks } from './linear';

/** Markdown inline syntax reduced to the text a reader sees. */
export function stripMarkdown(line: string): string {
  return line
    .replace(/^\s{0,3}#{1,6}\s+/u, '')
    .replace(/^\s{0,3}>\s?/u, '')
    .replace(/^\s*[-*+]\s+(?=\S)/u, '')
    .replace(/!\[[^\]]*\]\([^)]*\)/gu, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/gu, '$1')
    .replace(/<((?:https?|ftp|mailto):[^>\s]+)>/giu, '$1')
    .replace(/<\/?[a-z][^>]*>/giu, '')
    .replace(/(\*\*|__)(.+?)\1/gu, '$2')
    .replace(/(?<![\w*])\*(?!\s)(.+?)\*(?!\w)/gu, '$1')
    .replace(/\\([\\`*_{}[\]()#+\-.!|>~])/gu, '$1');
}

function splitPipeRow(line: string): string[] {
  let body = line.trim();
  if (body.startsWith('|')) body = body.slice(1);
  if (body.endsWith('|') && !body.endsWith('\\|')) body = body.slice(0, -1);
  const cells: string[] = [];
  let current = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch === '\\' && body[i + 1] === '|') {
      current += '|';
      i++;
    } else if (ch === '|') {
      cells.push(current);
      current = '';
    } else current += ch;
  }
  cells.push(current);
  return cells.map((c) => stripMarkdown(c.trim()).trim());
}

const PIPE_ROW = /^\s*\|.*\|\s*$/u;
const PIPE_SEPARATOR = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/u;
/** A tab between two cells with text: a table row (Word's "save as text" writes rows so). */
const TAB_ROW = /\S[ \u3000]*\t[\t \u3000]*\S/u;
/** Inside a table, any tab continues it (a row whose cells are all empty but one). */
const TAB_CONTINUED = /\t/u;

function tableBlock(rows: string[][]): DocBlock {
  const source: SourceCell[][] = rows.map((r) =>
    r.map((text) => ({ text, colspan: 1, rowspan: 1 })),
  );
  return { kind: 'table', rows: expandSpans(source) };
}

export function textToBlocks(text: string, markdown: boolean): DocBlock[] {
  const blocks: DocBlock[] = [];
  const lines = text.replace(/\r\n?/gu, '\n').split('\n');
  let pipe: string[][] = [];
  let tabs: string[][] = [];
  // lines that are neither pipe nor tab rows: paragraphs, or a table written one cell per line
  let plain: string[] = [];
  const flush = () => {
    if (plain.length) blocks.push(...linearBlocks(plain));
    if (pipe.length) blocks.push(tableBlock(pipe));
    if (tabs.length >= 2) blocks.push(tableBlock(tabs));
    else for (const row of tabs) blocks.push({ kind: 'p', text: row.join(' ') });
    plain = [];
    pipe = [];
    tabs = [];
  };
  for (const line of lines) {
    if (PIPE_ROW.test(line)) {
      if (tabs.length || plain.length) flush();
      if (!PIPE_SEPARATOR.test(line)) pipe.push(splitPipeRow(line));
      continue;
    }
    // Tabs only before or after the text indent a paragraph (a 落款 pushed right), unless a
    // table is open.
    if (!markdown && (TAB_ROW.test(line) || (tabs.length > 0 && TAB_CONTINUED.test(line)))) {
      if (pipe.length || plain.length) flush();
      tabs.push(line.split('\t').map((c) => c.trim()));
      continue;
    }
    if (pipe.length || tabs.length) flush();
    plain.push(markdown ? stripMarkdown(line) : line);
  }
  flush();
  return blocks;
}
