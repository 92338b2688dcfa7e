/**
 * Plain text and Markdown: one paragraph block per line (blank lines kept as empty paragraphs:
 * a table written one cell per line needs them), pipe tables and tab-separated rows (Word's
 * "save as text") as grids, raw `<table>` HTML (Markdown converters leave it) as grids. Pipe
 * text that does not keep one row to a line (a cell's text broken over lines, every cell and
 * every "|" on a line of its own) is given one cell per line: the table reader rebuilds the
 * rows by their labels.
 */
import { expandSpans, type DocBlock, type SourceCell } from './doc';
import { matchSectionHeading } from './headings';
import { htmlToBlocks } from './html';

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

/**
 * Cells of a pipe row. `outer`: the table writes a pipe at both ends of its rows (Markdown), so
 * a pipe there is no cell border; in a table written without them, a pipe at the start or the
 * end of a line borders an empty first or last cell (" | | 结果维持 | …").
 */
function splitPipeRow(line: string, markdown: boolean, outer = true): string[] {
  let body = line.trim();
  if (outer && body.startsWith('|')) body = body.slice(1);
  if (outer && body.endsWith('|') && !body.endsWith('\\|')) body = body.slice(0, -1);
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
  return cells.map((c) => (markdown ? stripMarkdown(c.trim()) : c).trim());
}

const PIPE_SEPARATOR = /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/u;
/** A pipe row: two cells at least, one row to a line. */
const PIPE_ROW = /^\s*\|?[^|\n]*\S[^|\n]*\|.*$|^\s*\|.*\|\s*$/u;
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

/**
 * A run of lines holding pipes. Rows one to a line (every line with a pipe and two cells) are a
 * grid; otherwise the cells are given one per line, empty ones left out.
 */
function pipeBlocks(lines: readonly string[], markdown: boolean): DocBlock[] {
  const content = lines.filter((l) => l.trim() && !PIPE_SEPARATOR.test(l));
  const regular = content.every((l) => l.includes('|') && splitPipeRow(l, markdown).length >= 2);
  if (regular) {
    // outer pipes are the table's habit, not one line's: most of its rows start with one
    const outer = content.filter((l) => l.trim().startsWith('|')).length * 2 >= content.length;
    const rows = content.map((l) => splitPipeRow(l, markdown, outer));
    return rows.length ? [tableBlock(rows)] : [];
  }
  const cells = lines
    .filter((l) => !PIPE_SEPARATOR.test(l))
    .join('\n')
    .split('|')
    .flatMap(brokenCell)
    .map((c) => (markdown ? stripMarkdown(c) : c).trim());
  return cells.filter(Boolean).map((text) => ({ kind: 'p', text }));
}

const NUMBER_PIECE = /^[-—–+]?\d[\d,，.]*%?$|^[-—–/／]$/u;

/**
 * The text between two pipes of a table broken over lines: a label wrapped inside its cell is
 * joined again ("其他\n结果"), but a line break beside a number is where a row ended and the
 * next began ("总计\n8 | 7"), so the two stay apart.
 */
function brokenCell(text: string): string[] {
  const pieces = text
    .split('\n')
    .map((p) => p.trim())
    .filter(Boolean);
  const out: string[] = [];
  for (const piece of pieces) {
    const last = out.length ? out[out.length - 1]! : undefined;
    if (last !== undefined && !NUMBER_PIECE.test(last) && !NUMBER_PIECE.test(piece)) {
      out[out.length - 1] = last + piece;
    } else out.push(piece);
  }
  return out;
}

/** Whether a run of pipe lines continues at line `i` (a cell broken over lines continues it). */
function pipeContinues(lines: readonly string[], i: number): boolean {
  const line = lines[i]!;
  if (line.includes('|')) return true;
  // a line without a pipe inside a broken pipe table: short, and a pipe comes soon after
  if (!line.trim() || line.trim().length > 40) return false;
  // the next section's heading ends the table, however soon its own table follows
  if (matchSectionHeading(stripMarkdown(line))) return false;
  for (let j = i + 1; j < Math.min(lines.length, i + 3); j++)
    if (lines[j]!.includes('|')) return true;
  return false;
}

export function textToBlocks(text: string, markdown: boolean): DocBlock[] {
  const blocks: DocBlock[] = [];
  const lines = text.replace(/\r\n?/gu, '\n').split('\n');
  let tabs: string[][] = [];
  const flushTabs = () => {
    if (tabs.length >= 2) blocks.push(tableBlock(tabs));
    else for (const row of tabs) blocks.push({ kind: 'p', text: row.join(' ') });
    tabs = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    // raw HTML tables (left in Markdown by converters, or pasted into text)
    if (/<table[\s>]/iu.test(line)) {
      let end = i;
      let html = '';
      while (end < lines.length) {
        html += `${lines[end]!}\n`;
        if (
          /<\/table>/iu.test(lines[end]!) &&
          (html.match(/<table[\s>]/giu)?.length ?? 0) <= (html.match(/<\/table>/giu)?.length ?? 0)
        )
          break;
        end++;
      }
      flushTabs();
      const before = line.slice(0, line.search(/<table[\s>]/iu));
      if (before.trim())
        blocks.push({ kind: 'p', text: markdown ? stripMarkdown(before) : before });
      blocks.push(...htmlToBlocks(html));
      i = end;
      continue;
    }
    if (line.includes('|') && (PIPE_ROW.test(line) || /^\s*\|+\s*$/u.test(line))) {
      flushTabs();
      let end = i;
      while (end + 1 < lines.length && pipeContinues(lines, end + 1)) end++;
      blocks.push(...pipeBlocks(lines.slice(i, end + 1), markdown));
      i = end;
      continue;
    }
    // Tabs only before or after the text indent a paragraph (a 落款 pushed right), unless a
    // table is open.
    if (!markdown && (TAB_ROW.test(line) || (tabs.length > 0 && TAB_CONTINUED.test(line)))) {
      tabs.push(line.split('\t').map((c) => c.trim()));
      continue;
    }
    flushTabs();
    blocks.push({ kind: 'p', text: markdown ? stripMarkdown(line) : line });
  }
  flushTabs();
  return blocks;
}
