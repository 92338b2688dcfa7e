/**
 * Reports for 2008–2018 (the formats before 2019): kept as text-only legacy documents —
 * viewable and searchable, without sections, tables or checks. The same inputs as
 * `importReport` (text, Markdown, HTML, MHT, .docx) are read into neutral blocks and flattened
 * to text: paragraphs one per line, table rows with their cells separated by tabs. Web page
 * furniture is kept; only the title is looked for. Pure: bytes in, document out.
 */
import { APP_ID, ReportFileError } from '../model';
import { cleanText, compact, findYears, unitFromTitle } from '../text';
import type { DocBlock, GridCell } from './doc';
import { docxToBlocks } from './docx';
import { htmlToBlocks, looksLikeHtml } from './html';
// index.ts re-exports this module; the cycle is harmless because both are only called later
import { decodeText, sniff } from './bytes';
import { looksLikeMht, mhtToHtml } from './mht';
import { textToBlocks } from './text';

export interface LegacyDocument {
  /** The report's title as written (spaces removed), or the document's first line. */
  title: string;
  /** The unit named by the title (or given); '' when there is no report title or it names none. */
  unitName: string;
  /** The report year: given, or the first year in the title; null when neither says it. */
  year: number | null;
  /** The whole document as text: one paragraph or table row a line, table cells tab-separated. */
  text: string;
}

export interface LegacyOptions {
  /** The file's name: its extension decides between text, Markdown and HTML. */
  fileName?: string;
  /** The report year, overriding the title's. */
  year?: number;
  /** The unit's name, overriding the title's. */
  unit?: string;
}

/** Paragraphs looked at for the title: web pages put navigation and metadata before it. */
const TITLE_WINDOW = 40;
const MAX_TITLE = 200;

const NOTHING = '文件中没有文字内容，无法作为旧格式年度报告保存。';

const PIPE_TABLE = /^\s*\|?\s*:?-{3,}:?\s*\|/mu;

/** Names the report in its title: 政府信息公开 and 年度报告 / 年报 / 年度…报告. */
const TITLE_WORDS = /政府信息公开/u;
const REPORT_WORDS = /年度报告|年报|年度[^。；]{0,12}报告/u;
/** A breadcrumb ("当前位置：首页 > 政务公开 > 政府信息公开年报") or a metadata line. */
const NOT_A_TITLE =
  /[>›»＞]|^(?:当前位置|您的位置|您现在的位置|位置|索引号|名称|标题|主题分类|发布机构)[:：]/u;

function isTitle(text: string): boolean {
  const t = compact(text);
  return (
    t.length <= 80 &&
    !t.includes('。') &&
    TITLE_WORDS.test(t) &&
    REPORT_WORDS.test(t) &&
    !NOT_A_TITLE.test(text.trim())
  );
}

/** A short line without punctuation: the part of a title broken off above its second line. */
function isTitleHead(text: string): boolean {
  const t = compact(text);
  return (
    t.length >= 2 &&
    t.length <= 30 &&
    !/[。，；：,;:、！？]/u.test(t) &&
    !t.includes('报告') &&
    !NOT_A_TITLE.test(text.trim())
  );
}

/** The report's title, or null when no paragraph near the top names the report. */
function findTitle(paras: readonly string[]): string | null {
  const window = paras.slice(0, TITLE_WINDOW);
  for (let i = 0; i < window.length; i++) {
    const here = window[i]!;
    if (isTitle(here)) return compact(here);
    // a title broken across two lines ("青石县教育局" / "2010年政府信息公开工作年度报告"), unless
    // the next line is a whole title of its own
    const next = window[i + 1];
    if (
      next !== undefined &&
      isTitleHead(here) &&
      isTitle(here + next) &&
      !(isTitle(next) && unitOf(next) !== '')
    ) {
      return compact(here + next);
    }
  }
  return null;
}

/** The unit a title names; "XX县人民政府关于2013年…" names XX县人民政府, not "…关于". */
function unitOf(title: string): string {
  const unit = unitFromTitle(title);
  const about = unit.indexOf('关于');
  return about > 0 ? unit.slice(0, about) : unit;
}

function rowText(row: readonly GridCell[]): string {
  // a merged cell is written once, in its first position; the positions it covers stay empty
  // so that the columns still line up
  const cells = row.map((c) => (c.spanned ? '' : cleanText(c.text)));
  while (cells.length && cells[cells.length - 1] === '') cells.pop();
  return cells.join('\t');
}

function blocksToLines(blocks: readonly DocBlock[]): { lines: string[]; paras: string[] } {
  const lines: string[] = [];
  const paras: string[] = [];
  for (const block of blocks) {
    if (block.kind === 'p') {
      const text = cleanText(block.text);
      if (!text) continue;
      lines.push(text);
      paras.push(text);
      continue;
    }
    if (block.kind === 'layout') {
      for (const line of block.lines) lines.push(line.map((s) => cleanText(s.text)).join('\t'));
      continue;
    }
    for (const row of block.rows) {
      const text = rowText(row);
      if (text) lines.push(text);
    }
  }
  return { lines, paras };
}

/** Text control characters: a file full of them is not a text document. */
function assertText(text: string): void {
  const sample = text.slice(0, 20000);
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 12 && c !== 13) || c === 0xfffd) control++;
  }
  if (control > sample.length / 100 + 2) {
    throw new ReportFileError(
      '这个文件不是文本文件（含有大量不可显示的字符），无法作为旧格式年度报告保存。',
    );
  }
}

function readBlocks(bytes: Uint8Array, fileName: string | undefined): DocBlock[] {
  const kind = sniff(bytes, fileName);
  if (kind === 'docx') return docxToBlocks(bytes);
  const { text } = decodeText(bytes);
  if (!text.trim()) throw new ReportFileError('文件中只有空白，没有可保存的内容。');
  assertText(text);
  if (kind === 'nianbao') {
    throw new ReportFileError(
      text.includes(`"${APP_ID}"`)
        ? '这是年报数据文件，请直接导入，不必作为旧格式文本保存。'
        : '这是 JSON 数据文件，不是年度报告的文本，无法作为旧格式年度报告保存。',
    );
  }
  if (looksLikeMht(text)) {
    const page = mhtToHtml(text);
    if (page === null) throw new ReportFileError('这是网页存档文件（.mht），但其中没有网页内容。');
    return htmlToBlocks(page);
  }
  if (kind === 'html' || (kind === 'text' && looksLikeHtml(text))) return htmlToBlocks(text);
  return textToBlocks(text, kind === 'markdown' || PIPE_TABLE.test(text));
}

/**
 * Reads a report in a format before 2019 as a text-only document, from its bytes or from the
 * blocks of a file already read (a PDF or .doc, read in Node). Raises ReportFileError (with a
 * message for the user) for anything that is not a readable text document: PDF and .doc/.wps
 * bytes, pictures, empty files, and the app's own .nianbao.json.
 */
export function importLegacy(
  input: Uint8Array | readonly DocBlock[],
  options: LegacyOptions = {},
): LegacyDocument {
  // blocks: a file already read elsewhere (a PDF's pages, an old Word document's text)
  const blocks = input instanceof Uint8Array ? readBlocks(input, options.fileName) : input;
  const { lines, paras } = blocksToLines(blocks);
  if (lines.length === 0) throw new ReportFileError(NOTHING);
  const found = findTitle(paras);
  // without a report title the first line stands in; it names no unit ("首页", "会议纪要")
  const title = found ?? [...(paras[0] ?? lines[0]!)].slice(0, MAX_TITLE).join('');
  const year = options.year ?? findYears(title)[0]?.year ?? null;
  const unitName = options.unit ?? (found === null ? '' : unitOf(found));
  return { title, unitName, year, text: lines.join('\n') };
}
