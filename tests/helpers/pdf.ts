/**
 * Measuring a produced PDF instead of eyeballing it: thin wrappers around poppler-utils
 * (pdfinfo, pdffonts, pdftotext, pdftoppm) that return plain data, plus visual regression
 * against reviewed baseline images.
 *
 * Every function takes the PDF as bytes (Uint8Array or Buffer) or as a file path. Bytes are
 * written to a temporary folder under os.tmpdir() that is removed afterwards.
 *
 * Coordinates are PostScript points with the origin at the top-left corner of the page, as
 * pdftotext gives them. A word's box is pdftotext's: horizontally from the glyph advances (not the
 * ink), vertically from the font's ascent to its descent (for Noto Serif SC that is 1.437 em, so a
 * 16 pt word box is about 23 pt high and starts exactly at PDFKit's `y`).
 *
 * Poppler quirks worth knowing when writing layout tests (poppler 22.12):
 * - pdftotext splits letter-spaced text into one-character words (and puts spaces between them in
 *   the plain text) when a gap between characters exceeds
 *   min(0.4 × size, max(0.1 × size, 1.3 × the narrowest gap on the same line)) (found by
 *   measurement, PDFKit `characterSpacing`, i.e. Tc). So an evenly spaced line stays one word up
 *   to 0.4 × size (6.4 pt at 16 pt: `characterSpacing: 3` is fine, 6.5 splits), but a line whose
 *   other characters are unspaced splits from 0.1 × size (1.6 pt at 16 pt). Justified Chinese
 *   lines may therefore come out as "一 二 三"; compare with `stripCjkSpaces` and measure positions
 *   with words and lines rather than with the text.
 * - A word's xMax ends at the last glyph's advance, without the trailing character spacing.
 * - Lines closer than their own height are grouped into one block; at the body pitch (29 pt for
 *   16 pt type) every line is a block of its own, so blocks are not paragraphs.
 */
import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PNG } from 'pngjs';
import { ROOT } from './paths';

const run = promisify(execFile);

/** A PDF as bytes or as the path of a file. */
export type PdfInput = Uint8Array | string;

/** A rectangle in points, origin top-left. */
export interface Box {
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

// ---------------------------------------------------------------------------------------------
// poppler itself

const POPPLER_COMMANDS = ['pdftotext', 'pdffonts', 'pdfinfo', 'pdftoppm'] as const;
let popplerChecked = false;

/**
 * Throws a clear message naming the Debian package when poppler-utils is not installed. `env`
 * (default process.env) is where the commands are looked up; only a passing check on
 * process.env is remembered.
 */
export function requirePoppler(env: NodeJS.ProcessEnv = process.env): void {
  const own = env === process.env;
  if (own && popplerChecked) return;
  const missing = POPPLER_COMMANDS.filter(
    (command) => spawnSync(command, ['-v'], { stdio: 'ignore', env }).error !== undefined,
  );
  if (missing.length > 0) {
    throw new Error(
      `PDF 版式测试需要 poppler-utils（缺少 ${missing.join('、')}），请安装：sudo apt-get install -y poppler-utils\n` +
        `The PDF layout tests need poppler-utils (missing: ${missing.join(', ')}): ` +
        'sudo apt-get install -y poppler-utils',
    );
  }
  if (own) popplerChecked = true;
}

async function tool(command: string, args: string[]): Promise<Buffer> {
  requirePoppler();
  try {
    const { stdout } = await run(command, args, {
      encoding: 'buffer',
      maxBuffer: 512 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString('utf8').trim();
    throw new Error(`${command} ${args.join(' ')} failed${stderr ? `: ${stderr}` : ''}`, {
      cause: error,
    });
  }
}

async function tempFolder(): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), 'nianbao-pdf-'));
}

/** Runs `use` with a path to the PDF: the given path, or the bytes written to a temporary file. */
async function withPdfFile<T>(pdf: PdfInput, use: (file: string) => Promise<T>): Promise<T> {
  if (typeof pdf === 'string') return use(pdf);
  const dir = await tempFolder();
  try {
    const file = path.join(dir, 'input.pdf');
    await fs.writeFile(file, pdf);
    return await use(file);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

async function pdfBytes(pdf: PdfInput): Promise<Buffer> {
  return typeof pdf === 'string' ? fs.readFile(pdf) : Buffer.from(pdf);
}

function pageRange(options: { first?: number; last?: number }): string[] {
  const args: string[] = [];
  if (options.first !== undefined) args.push('-f', String(options.first));
  if (options.last !== undefined) args.push('-l', String(options.last));
  return args;
}

// ---------------------------------------------------------------------------------------------
// pdfinfo

export interface PageSize {
  /** Points, as the page is defined (a rotated page keeps its unrotated width and height). */
  width: number;
  height: number;
  /** Page rotation in degrees (/Rotate). */
  rotation: number;
}

export interface PdfInfo {
  pages: number;
  /** One per page, in page order. */
  pageSizes: PageSize[];
  title?: string;
  author?: string;
  subject?: string;
  keywords?: string;
  creator?: string;
  producer?: string;
  /** ISO 8601 as `pdfinfo -isodates` prints it, e.g. "2024-03-01T09:30:00Z". */
  creationDate?: string;
  modDate?: string;
  /** The Info dictionary's own string, e.g. "D:20240301093000Z" (when the file is readable raw). */
  creationDateRaw?: string;
  tagged: boolean;
  encrypted: boolean;
  /** "1.7" */
  pdfVersion?: string;
  /** The catalog's /Lang, e.g. "zh-CN" (read from the raw bytes: needs an uncompressed catalog). */
  lang?: string;
  /** The catalog dictionary's raw text (uncompressed catalogs only), for ad-hoc assertions. */
  catalog?: string;
  /** Every "Key: value" line pdfinfo printed, keys as printed. */
  fields: Record<string, string>;
}

/** Document information from `pdfinfo` plus the catalog's language read from the raw file. */
export async function pdfInfo(pdf: PdfInput): Promise<PdfInfo> {
  const out = await withPdfFile(pdf, (file) =>
    tool('pdfinfo', ['-isodates', '-enc', 'UTF-8', '-f', '1', '-l', '999999', file]),
  );
  const fields: Record<string, string> = {};
  const sizes = new Map<number, PageSize>();
  for (const line of out.toString('utf8').split(/\r?\n/)) {
    const size = /^Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+) pts/.exec(line);
    if (size) {
      sizes.set(Number(size[1]), { width: Number(size[2]), height: Number(size[3]), rotation: 0 });
      continue;
    }
    const rot = /^Page\s+(\d+) rot:\s+(-?\d+)/.exec(line);
    if (rot) {
      const entry = sizes.get(Number(rot[1]));
      if (entry) entry.rotation = Number(rot[2]);
      continue;
    }
    const field = /^([^:]+?):\s*(.*)$/.exec(line);
    if (field) fields[field[1]!] = field[2]!;
  }
  const pages = Number(fields.Pages ?? 0);
  const pageSizes = [...sizes.entries()].sort(([a], [b]) => a - b).map(([, size]) => size);
  const raw = rawStructure(await pdfBytes(pdf));
  const info: PdfInfo = {
    pages,
    pageSizes,
    tagged: fields.Tagged === 'yes',
    encrypted: (fields.Encrypted ?? 'no') !== 'no',
    fields,
  };
  const optional: [keyof PdfInfo, string][] = [
    ['title', 'Title'],
    ['author', 'Author'],
    ['subject', 'Subject'],
    ['keywords', 'Keywords'],
    ['creator', 'Creator'],
    ['producer', 'Producer'],
    ['creationDate', 'CreationDate'],
    ['modDate', 'ModDate'],
    ['pdfVersion', 'PDF version'],
  ];
  for (const [key, field] of optional) {
    if (fields[field] !== undefined)
      (info as unknown as Record<string, string>)[key] = fields[field];
  }
  if (raw.lang !== undefined) info.lang = raw.lang;
  if (raw.catalog !== undefined) info.catalog = raw.catalog;
  if (raw.creationDate !== undefined) info.creationDateRaw = raw.creationDate;
  return info;
}

/** The text of indirect object `num` between "obj" and "endobj", when stored uncompressed. */
function rawObject(text: string, num: number, gen = 0): string | undefined {
  const start = new RegExp(`(?:^|[\\s>\\]])${num}\\s+${gen}\\s+obj\\b`).exec(text);
  if (!start) return undefined;
  const from = start.index + start[0].length;
  const end = text.indexOf('endobj', from);
  return end < 0 ? undefined : text.slice(from, end).trim();
}

/** A dictionary value: a string literal, a hex string, or a reference to an object holding one. */
function rawString(text: string, dict: string, key: string): string | undefined {
  const m = new RegExp(`/${key}\\s*(\\(|<(?!<)|(\\d+)\\s+(\\d+)\\s+R)`).exec(dict);
  if (!m) return undefined;
  if (m[2] !== undefined) {
    const target = rawObject(text, Number(m[2]), Number(m[3]));
    return target === undefined ? undefined : parsePdfString(target, 0);
  }
  return parsePdfString(dict, m.index + m[0].length - 1);
}

/** Decodes the PDF string literal or hex string starting at `at` (latin1 text of the bytes). */
function parsePdfString(text: string, at: number): string | undefined {
  const bytes: number[] = [];
  if (text[at] === '<') {
    const end = text.indexOf('>', at);
    if (end < 0) return undefined;
    const hex = text.slice(at + 1, end).replace(/\s+/g, '');
    for (let i = 0; i < hex.length; i += 2)
      bytes.push(parseInt(hex.slice(i, i + 2).padEnd(2, '0'), 16));
  } else if (text[at] === '(') {
    let depth = 1;
    let i = at + 1;
    const escapes: Record<string, number> = { n: 10, r: 13, t: 9, b: 8, f: 12 };
    while (i < text.length && depth > 0) {
      const c = text[i]!;
      if (c === '\\') {
        const next = text[i + 1] ?? '';
        if (next in escapes) {
          bytes.push(escapes[next]!);
          i += 2;
        } else if (/[0-7]/.test(next)) {
          const oct = /^[0-7]{1,3}/.exec(text.slice(i + 1))![0];
          bytes.push(parseInt(oct, 8) & 0xff);
          i += 1 + oct.length;
        } else if (next === '\r' || next === '\n') {
          i += next === '\r' && text[i + 2] === '\n' ? 3 : 2; // line continuation
        } else {
          bytes.push(next.charCodeAt(0));
          i += 2;
        }
        continue;
      }
      if (c === '(') depth++;
      if (c === ')' && --depth === 0) break;
      bytes.push(c.charCodeAt(0));
      i++;
    }
  } else {
    return undefined;
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return Buffer.from(bytes.slice(2)).swap16().toString('utf16le');
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return Buffer.from(bytes.slice(3)).toString('utf8');
  }
  return Buffer.from(bytes).toString('latin1'); // PDFDocEncoding, close enough for tests
}

/** The catalog and the Info dictionary's creation date, from an uncompressed file structure. */
function rawStructure(bytes: Buffer): { lang?: string; catalog?: string; creationDate?: string } {
  const text = bytes.toString('latin1');
  const result: { lang?: string; catalog?: string; creationDate?: string } = {};
  const catalogAt = text.search(/\/Type\s*\/Catalog\b/);
  if (catalogAt >= 0) {
    const objStart = text.lastIndexOf(' obj', catalogAt);
    const objEnd = text.indexOf('endobj', catalogAt);
    if (objStart >= 0 && objEnd > 0) {
      const catalog = text.slice(objStart + 4, objEnd).trim();
      result.catalog = catalog;
      const lang = rawString(text, catalog, 'Lang');
      if (lang !== undefined) result.lang = lang;
    }
  }
  const infoRef = [...text.matchAll(/\/Info\s+(\d+)\s+(\d+)\s+R/g)].at(-1);
  if (infoRef) {
    const info = rawObject(text, Number(infoRef[1]), Number(infoRef[2]));
    const date = info === undefined ? undefined : rawString(text, info, 'CreationDate');
    if (date !== undefined) result.creationDate = date;
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// pdffonts

export interface PdfFont {
  /** e.g. "CZZZZZ+NotoSerifSC-Regular" (a subset carries a six-letter tag). */
  name: string;
  /** e.g. "CID TrueType", "Type 1", "TrueType (OT)". */
  type: string;
  /** e.g. "Identity-H", "WinAnsi". */
  encoding: string;
  embedded: boolean;
  subset: boolean;
  /** Has a ToUnicode map (text can be copied and searched). */
  unicode: boolean;
  object: { num: number; gen: number };
}

const FONT_TYPES =
  /^(.*?)\s+((?:CID )?Type 0C? \(OT\)|(?:CID )?Type 0C?|CID TrueType(?: \(OT\))?|TrueType(?: \(OT\))?|Type 1C? \(OT\)|Type 1C?|Type 3|unknown)$/;

/** The fonts `pdffonts` lists (one row per font object). */
export async function pdfFonts(pdf: PdfInput): Promise<PdfFont[]> {
  const out = await withPdfFile(pdf, (file) => tool('pdffonts', [file]));
  return parsePdffonts(out.toString('utf8'));
}

/**
 * Parses `pdffonts` output. Read from the right (the last six columns never contain spaces) so
 * that names longer than the 36-character column do not shift the others.
 */
export function parsePdffonts(out: string): PdfFont[] {
  const fonts: PdfFont[] = [];
  const lines = out.split(/\r?\n/);
  const rule = lines.findIndex((line) => /^-+ -+/.test(line));
  for (const line of lines.slice(rule + 1)) {
    if (!line.trim()) continue;
    const tokens = line.trim().split(/\s+/);
    if (tokens.length < 8) throw new Error(`unexpected pdffonts line: ${line}`);
    const [encoding, emb, sub, uni, num, gen] = tokens.slice(-6) as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const head = tokens.slice(0, -6).join(' ');
    const typed = FONT_TYPES.exec(head);
    fonts.push({
      name: typed ? typed[1]! : head,
      type: typed ? typed[2]! : '',
      encoding,
      embedded: emb === 'yes',
      subset: sub === 'yes',
      unicode: uni === 'yes',
      object: { num: Number(num), gen: Number(gen) },
    });
  }
  return fonts;
}

// ---------------------------------------------------------------------------------------------
// pdftotext -bbox-layout

export interface PdfWord extends Box {
  text: string;
}

export interface PdfLine extends Box {
  words: PdfWord[];
  /** The words joined with single spaces, as pdftotext would print the line. */
  text: string;
}

export interface PdfBlock extends Box {
  lines: PdfLine[];
}

export interface PdfPage {
  /** 1-based page number. */
  number: number;
  width: number;
  height: number;
  /** Every word of the page in reading order. */
  words: PdfWord[];
  /** Every line of the page in reading order (block by block). */
  lines: PdfLine[];
  blocks: PdfBlock[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes the XML entities pdftotext writes (named and numeric). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

function attributes(source: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const m of source.matchAll(/([\w:-]+)="([^"]*)"/g)) result[m[1]!] = decodeEntities(m[2]!);
  return result;
}

function box(attrs: Record<string, string>): Box {
  return {
    xMin: Number(attrs.xMin),
    yMin: Number(attrs.yMin),
    xMax: Number(attrs.xMax),
    yMax: Number(attrs.yMax),
  };
}

/** Parses the XHTML of `pdftotext -bbox-layout`. Page numbers start at `firstPage`. */
export function parseBboxLayout(xhtml: string, firstPage = 1): PdfPage[] {
  const pages: PdfPage[] = [];
  let page: PdfPage | undefined;
  let block: PdfBlock | undefined;
  let line: PdfLine | undefined;
  let word: { attrs: Record<string, string>; from: number } | undefined;
  const doc = xhtml.indexOf('<doc');
  const tags = /<(\/?)(page|block|line|word)\b([^>]*)>/g;
  tags.lastIndex = Math.max(doc, 0);
  for (let m = tags.exec(xhtml); m; m = tags.exec(xhtml)) {
    const [, closing, name, rest] = m as unknown as [string, string, string, string];
    const selfClosing = rest.trimEnd().endsWith('/');
    if (closing) {
      if (name === 'word' && word && line) {
        const text = decodeEntities(xhtml.slice(word.from, m.index));
        line.words.push({ text, ...box(word.attrs) });
        word = undefined;
      } else if (name === 'line' && line) {
        line.text = line.words.map((w) => w.text).join(' ');
        line = undefined;
      } else if (name === 'block') {
        block = undefined;
      } else if (name === 'page') {
        page = undefined;
      }
      continue;
    }
    const attrs = attributes(rest);
    if (name === 'page') {
      page = {
        number: firstPage + pages.length,
        width: Number(attrs.width),
        height: Number(attrs.height),
        words: [],
        lines: [],
        blocks: [],
      };
      pages.push(page);
      if (selfClosing) page = undefined;
    } else if (name === 'block' && page) {
      block = { ...box(attrs), lines: [] };
      page.blocks.push(block);
    } else if (name === 'line' && page) {
      line = { ...box(attrs), words: [], text: '' };
      block?.lines.push(line);
      page.lines.push(line);
    } else if (name === 'word' && line) {
      word = { attrs, from: m.index + m[0].length };
    }
  }
  for (const p of pages) p.words = p.lines.flatMap((l) => l.words);
  return pages;
}

/** Words, lines and blocks with their boxes, per page, from `pdftotext -bbox-layout`. */
export async function pdfWords(
  pdf: PdfInput,
  options: { first?: number; last?: number } = {},
): Promise<PdfPage[]> {
  const out = await withPdfFile(pdf, (file) =>
    tool('pdftotext', ['-bbox-layout', '-enc', 'UTF-8', ...pageRange(options), file, '-']),
  );
  return parseBboxLayout(out.toString('utf8'), options.first ?? 1);
}

// ---------------------------------------------------------------------------------------------
// pdftotext

/** Plain text per page (`pdftotext -enc UTF-8`, optionally `-layout`). */
export async function pdfText(
  pdf: PdfInput,
  options: { layout?: boolean; first?: number; last?: number } = {},
): Promise<string[]> {
  const args = ['-enc', 'UTF-8', ...(options.layout ? ['-layout'] : []), ...pageRange(options)];
  const out = await withPdfFile(pdf, (file) => tool('pdftotext', [...args, file, '-']));
  const pages = out.toString('utf8').split('\f');
  pages.pop(); // pdftotext ends every page with a form feed
  return pages;
}

const CJK =
  '\\p{Script=Han}\\u3000-\\u303f\\uff00-\\uffef\\u2014\\u2026\\u201c\\u201d\\u2018\\u2019';
const CJK_GAP = new RegExp(`(?<=[${CJK}]) +| +(?=[${CJK}])`, 'gu');

/**
 * Removes the spaces pdftotext puts next to letter-spaced Chinese characters and Chinese
 * punctuation ("共 1 件 ，" → "共1件，"), keeping spaces between Latin words. Digits or Latin
 * letters spread apart inside a justified line stay split ("2 0 2 4"): compare without any
 * whitespace there.
 */
export function stripCjkSpaces(text: string): string {
  return text.replace(CJK_GAP, '');
}

// ---------------------------------------------------------------------------------------------
// pdftoppm

export interface RenderedPage {
  /** 1-based page number. */
  page: number;
  /** The PNG file as pdftoppm wrote it (compare it with compareToBaseline). */
  png: Buffer;
  width: number;
  height: number;
  /** Decoded pixels, RGBA, 4 bytes per pixel, row by row (pngjs always decodes to RGBA). */
  data: Buffer;
}

/** Renders pages to PNG with `pdftoppm` (grayscale at 50 dpi unless told otherwise). */
export async function renderPages(
  pdf: PdfInput,
  options: { dpi?: number; first?: number; last?: number; gray?: boolean } = {},
): Promise<RenderedPage[]> {
  const { dpi = 50, gray = true } = options;
  const dir = await tempFolder();
  try {
    await withPdfFile(pdf, (file) =>
      tool('pdftoppm', [
        '-png',
        '-r',
        String(dpi),
        ...(gray ? ['-gray'] : []),
        ...pageRange(options),
        file,
        path.join(dir, 'page'),
      ]),
    );
    // pdftoppm names the files page-1.png or page-01.png… depending on the page count
    const files = (await fs.readdir(dir))
      .map((name) => ({ name, page: Number(/^page-(\d+)\.png$/.exec(name)?.[1]) }))
      .filter((f) => Number.isInteger(f.page))
      .sort((a, b) => a.page - b.page);
    const pages: RenderedPage[] = [];
    for (const f of files) {
      const png = await fs.readFile(path.join(dir, f.name));
      const decoded = PNG.sync.read(png);
      pages.push({
        page: f.page,
        png,
        width: decoded.width,
        height: decoded.height,
        data: decoded.data,
      });
    }
    return pages;
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// visual regression

export interface BaselineOptions {
  /** Largest fraction of differing pixels still accepted (default 0.002 = 0.2 %). */
  tolerance?: number;
  /** Gray-value difference (0–255) above which a pixel counts as differing (default 48). */
  threshold?: number;
  /**
   * Folder of the baselines: this option, else env NIANBAO_BASELINES_DIR, else
   * tests/pdf/baselines. Failures go to its `.failed/` subfolder.
   */
  dir?: string;
}

export interface BaselineResult {
  ok: boolean;
  /** Pixels whose gray value differs by more than the threshold. */
  differing: number;
  /** differing ÷ all pixels of the baseline. */
  fraction: number;
  /** The diff image written on failure (differing pixels red over the faded baseline). */
  diffPath?: string;
  /** The new render written on failure (or a missing baseline) for review. */
  actualPath?: string;
  baselinePath: string;
  /** true when NIANBAO_UPDATE_BASELINES=1 wrote the baseline. */
  updated?: boolean;
  /** Human-readable outcome, Chinese and English; use as the assertion message. */
  message: string;
}

export function baselineDir(dir?: string): string {
  return dir ?? process.env.NIANBAO_BASELINES_DIR ?? path.join(ROOT, 'tests', 'pdf', 'baselines');
}

function grayAt(data: Buffer, i: number): number {
  const a = data[i + 3]! / 255;
  const lum = 0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]!;
  return lum * a + 255 * (1 - a); // over white
}

/**
 * Compares a rendered page (PNG bytes) with the reviewed baseline `<dir>/<name>.png`. Fails on a
 * size difference or when more than `tolerance` of the pixels differ; then writes the render and a
 * diff image to `<dir>/.failed/` for review. With NIANBAO_UPDATE_BASELINES=1 it writes the
 * baseline instead and passes. A missing baseline fails (CI never passes without one).
 */
export async function compareToBaseline(
  name: string,
  png: Uint8Array,
  options: BaselineOptions = {},
): Promise<BaselineResult> {
  if (!/^[\p{L}\p{N}_.-]+$/u.test(name) || name.startsWith('.')) {
    throw new Error(`invalid baseline name "${name}": letters, digits, _ . - only`);
  }
  const { tolerance = 0.002, threshold = 48 } = options;
  const dir = baselineDir(options.dir);
  const failedDir = path.join(dir, '.failed');
  const baselinePath = path.join(dir, `${name}.png`);
  const actualPath = path.join(failedDir, `${name}.png`);
  const diffPath = path.join(failedDir, `${name}.diff.png`);
  const actualBytes = Buffer.from(png);
  const actual = PNG.sync.read(actualBytes);
  const relative = path.relative(process.cwd(), baselinePath) || baselinePath;

  if (process.env.NIANBAO_UPDATE_BASELINES === '1') {
    await fs.mkdir(dir, { recursive: true });
    const old = await fs.readFile(baselinePath).catch(() => undefined);
    if (!old || !old.equals(actualBytes)) await fs.writeFile(baselinePath, actualBytes);
    await clearFailed(actualPath, diffPath);
    return {
      ok: true,
      differing: 0,
      fraction: 0,
      baselinePath,
      updated: true,
      message: `基准图已写入 / baseline written: ${relative}`,
    };
  }

  const fail = async (
    message: string,
    counts: { differing: number; fraction: number },
    diff?: PNG,
  ): Promise<BaselineResult> => {
    await fs.mkdir(failedDir, { recursive: true });
    await fs.writeFile(actualPath, actualBytes);
    if (diff) await fs.writeFile(diffPath, PNG.sync.write(diff));
    else await fs.rm(diffPath, { force: true });
    return {
      ok: false,
      ...counts,
      ...(diff ? { diffPath } : {}),
      actualPath,
      baselinePath,
      message,
    };
  };

  const baselineBytes = await fs.readFile(baselinePath).catch(() => undefined);
  if (!baselineBytes) {
    return fail(
      `基准图缺失 / Baseline missing: ${relative}\n` +
        `新渲染的页面已写入 / the new render was written to ${actualPath}\n` +
        '审阅后用以下命令生成基准图 / after reviewing it, create the baseline with:\n' +
        '  NIANBAO_UPDATE_BASELINES=1 npx vitest run <this test file>\n' +
        'and commit the new file under tests/pdf/baselines/.',
      { differing: 0, fraction: 1 },
    );
  }
  const baseline = PNG.sync.read(baselineBytes);
  if (baseline.width !== actual.width || baseline.height !== actual.height) {
    return fail(
      `页面尺寸不同 / size differs from the baseline ${relative}: ` +
        `${actual.width}×${actual.height} px instead of ${baseline.width}×${baseline.height} px ` +
        `(render: ${actualPath})`,
      { differing: 0, fraction: 1 },
    );
  }

  const pixels = baseline.width * baseline.height;
  const diff = new PNG({ width: baseline.width, height: baseline.height });
  let differing = 0;
  for (let i = 0; i < pixels * 4; i += 4) {
    const was = grayAt(baseline.data, i);
    const now = grayAt(actual.data, i);
    if (Math.abs(was - now) > threshold) {
      differing++;
      diff.data[i] = 255;
      diff.data[i + 1] = 0;
      diff.data[i + 2] = 0;
    } else {
      const faded = Math.round(255 - (255 - was) * 0.25);
      diff.data[i] = faded;
      diff.data[i + 1] = faded;
      diff.data[i + 2] = faded;
    }
    diff.data[i + 3] = 255;
  }
  const fraction = differing / pixels;
  if (fraction > tolerance) {
    return fail(
      `与基准图不符 / differs from the baseline ${relative}: ${differing} pixels ` +
        `(${(fraction * 100).toFixed(3)} %, tolerance ${(tolerance * 100).toFixed(3)} %).\n` +
        `render: ${actualPath}\ndiff (red = changed): ${diffPath}\n` +
        'If the change is intended, review it and update with NIANBAO_UPDATE_BASELINES=1.',
      { differing, fraction },
      diff,
    );
  }
  await clearFailed(actualPath, diffPath);
  return {
    ok: true,
    differing,
    fraction,
    baselinePath,
    message: `与基准图一致 / matches ${relative} (${differing} pixels differ)`,
  };
}

async function clearFailed(...files: string[]): Promise<void> {
  for (const file of files) await fs.rm(file, { force: true });
}

/** compareToBaseline that throws its message on failure: `await expectBaseline('cover', png)`. */
export async function expectBaseline(
  name: string,
  png: Uint8Array,
  options: BaselineOptions = {},
): Promise<BaselineResult> {
  const result = await compareToBaseline(name, png, options);
  if (!result.ok) throw new Error(result.message);
  return result;
}

// ---------------------------------------------------------------------------------------------
// layout assertions

export interface LineEdge {
  /** 1-based page number. */
  page: number;
  /** Index of the line in the page's `lines`. */
  line: number;
  /** The first (lineStarts) or last (lineEnds) character, a whole code point. */
  char: string;
  text: string;
}

function edges(pages: PdfPage[], pick: (chars: string[]) => string | undefined): LineEdge[] {
  const result: LineEdge[] = [];
  for (const page of pages) {
    page.lines.forEach((line, index) => {
      const char = pick(Array.from(line.text.trim()));
      if (char !== undefined)
        result.push({ page: page.number, line: index, char, text: line.text });
    });
  }
  return result;
}

/** The first character of every text line (避头尾: what must never start a line). */
export function lineStarts(pages: PdfPage[]): LineEdge[] {
  return edges(pages, (chars) => chars[0]);
}

/** The last character of every text line (避头尾: what must never end a line). */
export function lineEnds(pages: PdfPage[]): LineEdge[] {
  return edges(pages, (chars) => chars.at(-1));
}

export interface Violation {
  /** 1-based page number. */
  page: number;
  word: PdfWord;
}

/**
 * Words lying (partly) outside `box`, e.g. the text block, on any page. `box` may depend on the
 * page (landscape pages). `except` leaves words out: a pattern matched against the word's text
 * (e.g. the page number /^—?\d+—?$/) or a predicate. `slack` (points, default 0.5) absorbs
 * rounding.
 */
export function textBlockViolations(
  pages: PdfPage[],
  box: Box | ((page: PdfPage) => Box),
  options: { except?: RegExp | ((word: PdfWord, page: PdfPage) => boolean); slack?: number } = {},
): Violation[] {
  const { except, slack = 0.5 } = options;
  const skip = (word: PdfWord, page: PdfPage): boolean => {
    if (except === undefined) return false;
    if (typeof except === 'function') return except(word, page);
    except.lastIndex = 0; // a /g pattern keeps state between calls
    return except.test(word.text);
  };
  const result: Violation[] = [];
  for (const page of pages) {
    const b = typeof box === 'function' ? box(page) : box;
    for (const word of page.words) {
      if (skip(word, page)) continue;
      if (
        word.xMin < b.xMin - slack ||
        word.yMin < b.yMin - slack ||
        word.xMax > b.xMax + slack ||
        word.yMax > b.yMax + slack
      ) {
        result.push({ page: page.number, word });
      }
    }
  }
  return result;
}
