/**
 * HTML as published on government websites: paragraphs from block elements and <br>, data
 * tables with rowspan/colspan, layout tables (tables holding tables or long text) looked into.
 * Scripts, styles, forms and the like are skipped; the CMS wrapper is left to the structure
 * recogniser, which keeps only what lies between the report's title and its 落款.
 */
import { DomHandler, Parser } from 'htmlparser2';
import { ReportFileError } from '../model';
import { expandSpans, type DocBlock, type SourceCell } from './doc';

/**
 * Most elements open inside one another that a page may have (a browser flattens beyond 512;
 * a report as published has 8–14).
 */
export const MAX_HTML_DEPTH = 500;
/** Most elements a page may have (a report as published has 600–2,000). */
export const MAX_HTML_ELEMENTS = 100_000;

const SAVE_AS = '请另存为 Word 或文本后再导入。';
export const HTML_LIMIT_MESSAGES = {
  depth: `网页嵌套过深（超过 ${MAX_HTML_DEPTH} 层），无法导入；${SAVE_AS}`,
  elements: `网页包含的元素过多（超过 ${MAX_HTML_ELEMENTS} 个），不像是一份年度报告，无法导入；${SAVE_AS}`,
} as const;

interface Node {
  type: string;
  name?: string;
  data?: string;
  attribs?: Record<string, string>;
  children?: Node[];
}

/**
 * The document tree, refused as soon as it grows deeper or larger than the caps: the parser's
 * own work per element grows with the depth (its stack of open elements), so with the depth
 * capped reading is linear in the page's length, and nothing beyond the caps is built.
 */
class CappedHandler extends DomHandler {
  private elements = 0;

  override onopentag(name: string, attribs: Record<string, string>): void {
    // the document is the stack's first entry
    if (this.tagStack.length > MAX_HTML_DEPTH) throw new ReportFileError(HTML_LIMIT_MESSAGES.depth);
    if (++this.elements > MAX_HTML_ELEMENTS)
      throw new ReportFileError(HTML_LIMIT_MESSAGES.elements);
    super.onopentag(name, attribs);
  }
}

function parseCapped(html: string): Node {
  const handler = new CappedHandler();
  new Parser(handler, { decodeEntities: true, lowerCaseTags: true }).end(html);
  return handler.root as unknown as Node;
}

/** The tables that hold another table (layout tables), found in one pass over the tree. */
function tablesHoldingTables(root: Node): Set<Node> {
  const holding = new Set<Node>();
  // iterative depth-first walk keeping the innermost open table of each node's path
  const stack: { node: Node; table: Node | null }[] = [{ node: root, table: null }];
  while (stack.length) {
    const { node, table } = stack.pop()!;
    if (node.type !== 'tag' && node.type !== 'root') continue;
    let inner = table;
    if (node.name === 'table') {
      if (table) holding.add(table);
      inner = node;
    }
    for (const child of node.children ?? []) stack.push({ node: child, table: inner });
  }
  return holding;
}

const SKIP = new Set([
  'head',
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'object',
  'embed',
  'svg',
  'canvas',
  'form',
  'button',
  'select',
  'textarea',
  'input',
  'option',
  'map',
  'video',
  'audio',
  'title',
]);
const BLOCK = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'aside',
  'header',
  'footer',
  'nav',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'blockquote',
  'pre',
  'center',
  'address',
  'figure',
  'figcaption',
  'hr',
  'body',
  'html',
  'caption',
  'fieldset',
  'legend',
]);

function hidden(node: Node): boolean {
  const style = (node.attribs?.style ?? '').replace(/\s+/g, '').toLowerCase();
  return (
    style.includes('display:none') ||
    style.includes('visibility:hidden') ||
    node.attribs?.hidden !== undefined
  );
}

/** The text of a subtree, block elements on lines of their own (iterative: any depth). */
function textOf(root: Node): string {
  const out: string[] = [];
  const stack: (Node | string)[] = [root];
  while (stack.length) {
    const item = stack.pop()!;
    if (typeof item === 'string') {
      out.push(item);
      continue;
    }
    if (item.type === 'text') {
      // as a browser shows it: runs of source white space are one space (&nbsp; stays)
      out.push((item.data ?? '').replace(/[ \t\r\n\f]+/gu, ' '));
      continue;
    }
    if (item.type !== 'tag' && item.type !== 'root') continue;
    if (item.name && (SKIP.has(item.name) || hidden(item))) continue;
    if (item.name === 'br') {
      out.push('\n');
      continue;
    }
    const block = item.name !== undefined && BLOCK.has(item.name);
    if (block) stack.push('\n');
    const children = item.children ?? [];
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    if (block) stack.push('\n');
  }
  return out.join('');
}

function childTags(node: Node, name: string): Node[] {
  const out: Node[] = [];
  for (const c of node.children ?? []) {
    if (c.type !== 'tag') continue;
    if (c.name === name) out.push(c);
    else if (c.name === 'thead' || c.name === 'tbody' || c.name === 'tfoot')
      out.push(...childTags(c, name));
  }
  return out;
}

function span(value: string | undefined): number {
  const n = Number.parseInt(value ?? '1', 10);
  return Number.isFinite(n) && n > 0 ? n : 1;
}

function isLayoutTable(table: Node, rows: Node[], holding: ReadonlySet<Node>): boolean {
  if (holding.has(table)) return true;
  const cells = rows.flatMap((r) => [...childTags(r, 'td'), ...childTags(r, 'th')]);
  if (rows.length < 2 || cells.length < 4) return true;
  return cells.some((c) => textOf(c).replace(/\s+/g, '').length > 300);
}

/** Below this depth a subtree is read as plain text: pathological nesting cannot overflow. */
const MAX_DEPTH = 200;

interface Walk {
  readonly blocks: DocBlock[];
  readonly line: string[];
  /** The tables holding another table. */
  readonly holding: ReadonlySet<Node>;
}

function walk(node: Node, w: Walk, depth = 0, pre = false): void {
  const { blocks, line } = w;
  const flush = () => {
    const text = line.join('');
    line.length = 0;
    for (const part of text.split('\n')) if (part.trim()) blocks.push({ kind: 'p', text: part });
  };
  if (node.type === 'text') {
    // source line ends are white space, as a browser shows them (Word wraps its HTML source
    // mid-paragraph); only <pre> keeps them as line breaks
    line.push(pre ? (node.data ?? '') : (node.data ?? '').replace(/[ \t\r\n\f]+/gu, ' '));
    return;
  }
  if (node.type !== 'tag' && node.type !== 'root') return;
  const name = node.name ?? '';
  if (SKIP.has(name) || hidden(node)) return;
  if (name === 'br') {
    line.push('\n');
    return;
  }
  if (name === 'table') {
    const rows = childTags(node, 'tr');
    if (!isLayoutTable(node, rows, w.holding)) {
      flush();
      const source: SourceCell[][] = rows.map((tr) =>
        (tr.children ?? [])
          .filter((c) => c.type === 'tag' && (c.name === 'td' || c.name === 'th'))
          .map((c) => ({
            text: textOf(c).replace(/\n+/g, ''),
            colspan: span(c.attribs?.colspan),
            rowspan: span(c.attribs?.rowspan),
          })),
      );
      blocks.push({ kind: 'table', rows: expandSpans(source) });
      return;
    }
  }
  const isBlock =
    BLOCK.has(name) || name === 'table' || name === 'tr' || name === 'td' || name === 'th';
  if (isBlock) flush();
  if (depth > MAX_DEPTH) line.push(textOf(node));
  else for (const child of node.children ?? []) walk(child, w, depth + 1, pre || name === 'pre');
  if (isBlock) flush();
}

/**
 * A page's paragraphs and tables. A page nested deeper than MAX_HTML_DEPTH or with more than
 * MAX_HTML_ELEMENTS elements is refused (ReportFileError) before its tree is built in full.
 */
export function htmlToBlocks(html: string): DocBlock[] {
  const doc = parseCapped(html);
  const blocks: DocBlock[] = [];
  const line: string[] = [];
  walk(doc, { blocks, line, holding: tablesHoldingTables(doc) });
  const rest = line.join('');
  for (const part of rest.split('\n')) if (part.trim()) blocks.push({ kind: 'p', text: part });
  return blocks;
}

/** Whether a text looks like HTML markup rather than plain text. */
export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 4000).toLowerCase();
  return (
    /<!doctype html|<html[\s>]|<body[\s>]|<head[\s>]/u.test(head) ||
    (/<(p|div|table|span|br)[\s>/]/u.test(head) &&
      /<\/(p|div|table|span)>/u.test(text.slice(0, 200000).toLowerCase()))
  );
}
