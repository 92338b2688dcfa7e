/**
 * The font layer of the PDF renderer: which face serves each typographic role (print.md,
 * "Type"): an official font when the machine has one, a bundled Noto font otherwise (a
 * stand-in), and the glyph fallback chain for characters a face lacks.
 *
 * Finding the official fonts reads only the name table of each font file (a few kilobytes, not
 * the 10–20 MB of a CJK font); only the faces chosen are loaded, with fontkit. The scan of a
 * list of folders and every loaded face are cached for the life of the process.
 */
import type { FontsInfo } from '../../../core/api';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { TextDecoder } from 'node:util';
import * as fontkit from 'fontkit';
import {
  FONT_ROLES,
  type FontFace,
  type FontRole,
  type FontSet,
  type RoleAssignment,
} from './types';

// ---------------------------------------------------------------------------------------------
// Roles and the fonts wanted for them

/** What print.md asks for, per role. */
export const WANTED: Readonly<Record<FontRole, string>> = {
  title: '方正小标宋',
  fangsong: '仿宋_GB2312 / 仿宋',
  hei: '黑体',
  kai: '楷体_GB2312 / 楷体',
  song: '宋体',
};

/** What each role is used for, for people. */
export const ROLE_LABELS: Readonly<Record<FontRole, string>> = {
  title: '标题',
  fangsong: '正文',
  hei: '一级标题',
  kai: '二级标题',
  song: '宋体（页码、表格）',
};

/**
 * A font that may serve a role: any of its names (family, full or PostScript name, in any
 * language of the name table) equal to one of `names`, compared without case and spaces.
 * `prefix`: a name beginning with one of `names` is enough. `standIn`: a free font of the
 * right style, used before the bundled stand-in but still reported as a stand-in.
 */
interface Candidate {
  readonly names: readonly string[];
  readonly prefix?: boolean;
  readonly standIn?: boolean;
}

/** Per role, in order of preference (the GB2312 variants first, as government templates do). */
export const CANDIDATES: Readonly<Record<FontRole, readonly Candidate[]>> = {
  title: [
    { names: ['方正小标宋简体', 'FZXiaoBiaoSong-B05S', 'FZXBSJW--GB1-0'] },
    { names: ['方正小标宋_GBK', 'FZXiaoBiaoSong-B05', 'FZXBSK--GBK1-0'] },
    { names: ['方正小标宋', 'FZXiaoBiaoSong'], prefix: true },
  ],
  fangsong: [
    { names: ['仿宋_GB2312', 'FangSong_GB2312'] },
    { names: ['仿宋', 'FangSong'] },
    { names: ['华文仿宋', 'STFangsong'] },
    { names: ['方正仿宋_GBK', 'FZFangSong-Z02', 'FZFSK--GBK1-0'] },
    { names: ['方正仿宋简体', 'FZFangSong-Z02S', 'FZFSJW--GB1-0'] },
  ],
  hei: [
    { names: ['黑体', 'SimHei'] },
    { names: ['方正黑体_GBK', 'FZHei-B01', 'FZHTK--GBK1-0'] },
    { names: ['方正黑体简体', 'FZHei-B01S', 'FZHTJW--GB1-0'] },
    { names: ['华文黑体', 'STHeiti'] },
    { names: ['黑体-简', 'Heiti SC', 'STHeitiSC-Medium', 'STHeitiSC-Light'] },
  ],
  kai: [
    { names: ['楷体_GB2312', 'KaiTi_GB2312'] },
    { names: ['楷体', 'KaiTi'] },
    { names: ['华文楷体', 'STKaiti'] },
    { names: ['方正楷体_GBK', 'FZKai-Z03', 'FZKTK--GBK1-0'] },
    { names: ['方正楷体简体', 'FZKai-Z03S', 'FZKTJW--GB1-0'] },
    { names: ['楷体-简', 'Kaiti SC', 'STKaitiSC-Regular'] },
    { names: ['霞鹜文楷', 'LXGW WenKai', 'LXGWWenKai-Regular'], standIn: true },
    { names: ['AR PL UKai CN', 'ARPLUKaiCN'], standIn: true },
    { names: ['AR PL UKai', 'ARPLUKai'], prefix: true, standIn: true },
  ],
  song: [
    { names: ['宋体', 'SimSun'] },
    { names: ['新宋体', 'NSimSun'] },
    { names: ['华文宋体', 'STSong'] },
    { names: ['宋体-简', 'Songti SC', 'STSongti-SC-Regular'] },
  ],
};

/** System faces worth trying after the bundled fallbacks: wide coverage of rare characters. */
const SYSTEM_FALLBACKS: readonly Candidate[] = [
  { names: ['SimSun-ExtB'] },
  { names: ['SimSun-ExtG'] },
  { names: ['MingLiU-ExtB'] },
  { names: ['HanaMinB'] },
  { names: ['HanaMinA'] },
];

// ---------------------------------------------------------------------------------------------
// Bundled fonts

export type Bundled = 'serif-400' | 'serif-700' | 'sans-400' | 'sans-500';

export const BUNDLED_FILES: Readonly<Record<Bundled, readonly [string, string]>> = {
  'serif-400': ['@expo-google-fonts/noto-serif-sc', '400Regular/NotoSerifSC_400Regular.ttf'],
  'serif-700': ['@expo-google-fonts/noto-serif-sc', '700Bold/NotoSerifSC_700Bold.ttf'],
  'sans-400': ['@expo-google-fonts/noto-sans-sc', '400Regular/NotoSansSC_400Regular.ttf'],
  'sans-500': ['@expo-google-fonts/noto-sans-sc', '500Medium/NotoSansSC_500Medium.ttf'],
};

/** The bundled stand-in of each role. */
const BUNDLED_FOR: Readonly<Record<FontRole, Bundled>> = {
  title: 'serif-700',
  fangsong: 'serif-400',
  hei: 'sans-500',
  kai: 'serif-400',
  song: 'serif-400',
};

/** Path of a bundled font file (resolved from the sources or from the dist/ bundle). */
export function bundledFontFile(which: Bundled): string {
  const [pkg, file] = BUNDLED_FILES[which];
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);
}

// ---------------------------------------------------------------------------------------------
// Reading the name table of a font file

/** The names one face gives itself (from its name table), every language. */
export interface FaceNames {
  readonly file: string;
  /** Index of the face in a collection (TTC); 0 for a single font. */
  readonly index: number;
  /** Whether the file is a collection: loading a face then needs its PostScript name. */
  readonly collection: boolean;
  readonly postscriptName: string;
  /** Family names (name IDs 1 and 16), Chinese first when the font has them. */
  readonly families: readonly string[];
  /** Full names (name ID 4). */
  readonly fullNames: readonly string[];
  /** Subfamily (name ID 2, English or first): "Regular", "Bold", "Light"… */
  readonly subfamily: string;
}

const FONT_FILE = /\.(ttf|otf|ttc)$/i;

function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  const read = fs.readSync(fd, buffer, 0, length, position);
  if (read < length) throw new RangeError('truncated font file');
  return buffer;
}

const decoders = new Map<string, TextDecoder>();
function decode(bytes: Uint8Array, encoding: string): string {
  let decoder = decoders.get(encoding);
  if (!decoder) {
    decoder = new TextDecoder(encoding);
    decoders.set(encoding, decoder);
  }
  return decoder.decode(bytes);
}

/** Decodes one name record's bytes; null for encodings that do not matter here. */
function decodeName(platform: number, encoding: number, bytes: Buffer): string | null {
  if (platform === 0) return decode(bytes, 'utf-16be');
  if (platform === 3) {
    if (encoding === 0 || encoding === 1 || encoding === 10) return decode(bytes, 'utf-16be');
    // PRC (GB2312) and Big5 names are stored as 16-bit codes: single bytes padded with a zero.
    if (encoding === 3 || encoding === 4) {
      const packed = Buffer.from(bytes.filter((b) => b !== 0));
      return decode(packed, encoding === 3 ? 'gb18030' : 'big5');
    }
    return null;
  }
  if (platform === 1) {
    if (encoding === 0) return decode(bytes, 'macintosh');
    if (encoding === 25) return decode(bytes, 'gb18030');
    if (encoding === 2) return decode(bytes, 'big5');
    return null;
  }
  return null;
}

/** Chinese (PRC, then other Chinese), then English, then the rest. */
function languageRank(platform: number, language: number): number {
  if (platform === 3) {
    if (language === 0x0804) return 0;
    if ((language & 0xff) === 0x04) return 1;
    if (language === 0x0409) return 2;
    return 3;
  }
  if (platform === 1) {
    if (language === 33) return 0; // Mac Simplified Chinese
    if (language === 19) return 1;
    if (language === 0) return 2;
    return 3;
  }
  return 3;
}

function readFaceNames(
  fd: number,
  file: string,
  offset: number,
  index: number,
  collection: boolean,
) {
  const header = readAt(fd, offset, 12);
  const numTables = header.readUInt16BE(4);
  if (numTables > 512) return null;
  const directory = readAt(fd, offset + 12, numTables * 16);
  let nameOffset = -1;
  let nameLength = 0;
  for (let i = 0; i < numTables; i++) {
    if (directory.toString('latin1', i * 16, i * 16 + 4) === 'name') {
      nameOffset = directory.readUInt32BE(i * 16 + 8);
      nameLength = directory.readUInt32BE(i * 16 + 12);
    }
  }
  // A name table is a few kilobytes; a huge one means a damaged file.
  if (nameOffset < 0 || nameLength < 6 || nameLength > 1 << 20) return null;
  const table = readAt(fd, nameOffset, nameLength);
  const count = table.readUInt16BE(2);
  const stringOffset = table.readUInt16BE(4);
  const found: { id: number; rank: number; text: string }[] = [];
  for (let i = 0; i < count; i++) {
    const at = 6 + i * 12;
    if (at + 12 > table.length) break;
    const platform = table.readUInt16BE(at);
    const encoding = table.readUInt16BE(at + 2);
    const language = table.readUInt16BE(at + 4);
    const id = table.readUInt16BE(at + 6);
    if (id !== 1 && id !== 2 && id !== 4 && id !== 6 && id !== 16) continue;
    const length = table.readUInt16BE(at + 8);
    const start = stringOffset + table.readUInt16BE(at + 10);
    if (start + length > table.length) continue;
    const text = decodeName(platform, encoding, table.subarray(start, start + length));
    const clean = text?.replace(/\0/g, '').trim();
    if (clean) found.push({ id, rank: languageRank(platform, language), text: clean });
  }
  found.sort((a, b) => a.rank - b.rank);
  const names = (...ids: number[]) => [
    ...new Set(found.filter((n) => ids.includes(n.id)).map((n) => n.text)),
  ];
  // The PostScript name as fontkit reports it (English first), the key for loading a TTC face.
  const postscriptName =
    found.find((n) => n.id === 6 && n.rank === 2)?.text ?? names(6)[0] ?? names(4)[0] ?? '';
  if (!postscriptName) return null;
  const subfamilies = found.filter((n) => n.id === 2);
  return {
    file,
    index,
    collection,
    postscriptName,
    families: names(1, 16),
    fullNames: names(4),
    subfamily: (subfamilies.find((n) => n.rank === 2) ?? subfamilies[0])?.text ?? '',
  } satisfies FaceNames;
}

/**
 * The names of every face in a font file (several for a TTC), read from the name tables
 * alone. Throws on a file that is not a TrueType/OpenType font or collection.
 */
export function readFontNames(file: string): FaceNames[] {
  const fd = fs.openSync(file, 'r');
  try {
    const head = readAt(fd, 0, 12);
    const tag = head.toString('latin1', 0, 4);
    if (tag === 'ttcf') {
      const numFonts = head.readUInt32BE(8);
      if (numFonts > 256) throw new Error(`damaged font collection: ${file}`);
      const offsets = readAt(fd, 12, numFonts * 4);
      const faces: FaceNames[] = [];
      for (let i = 0; i < numFonts; i++) {
        const face = readFaceNames(fd, file, offsets.readUInt32BE(i * 4), i, true);
        if (face) faces.push(face);
      }
      return faces;
    }
    if (tag === '\0\x01\0\0' || tag === 'OTTO' || tag === 'true') {
      const face = readFaceNames(fd, file, 0, 0, false);
      return face ? [face] : [];
    }
    throw new Error(`not a TrueType or OpenType font: ${file}`);
  } finally {
    fs.closeSync(fd);
  }
}

// ---------------------------------------------------------------------------------------------
// Folders and the scan

/** The font folders of the current platform. */
export function defaultFontDirs(): string[] {
  const home = os.homedir();
  if (process.platform === 'win32') {
    const windir = process.env.WINDIR ?? process.env.SystemRoot ?? 'C:\\Windows';
    const dirs = [path.join(windir, 'Fonts')];
    if (process.env.LOCALAPPDATA) {
      dirs.push(path.join(process.env.LOCALAPPDATA, 'Microsoft', 'Windows', 'Fonts'));
    }
    return dirs;
  }
  if (process.platform === 'darwin') {
    return ['/Library/Fonts', '/System/Library/Fonts', path.join(home, 'Library', 'Fonts')];
  }
  return [
    '/usr/share/fonts',
    '/usr/local/share/fonts',
    path.join(home, '.local', 'share', 'fonts'),
    path.join(home, '.fonts'),
  ];
}

/**
 * The folders to search: `dirs` when given, else NIANBAO_FONT_DIRS (folders separated by the
 * platform's path delimiter; empty: none, bundled fonts only), else the platform's folders.
 */
export function fontDirs(dirs?: readonly string[]): string[] {
  if (dirs) return [...dirs];
  const env = process.env.NIANBAO_FONT_DIRS;
  if (env !== undefined) return env.split(path.delimiter).filter((d) => d.trim() !== '');
  return defaultFontDirs();
}

const MAX_DEPTH = 6;

/** Font files under a folder, recursively (bounded depth; unreadable entries skipped). */
function listFontFiles(dir: string, seen: Set<string>, depth = 0): string[] {
  let real: string;
  let entries: fs.Dirent[];
  try {
    real = fs.realpathSync(dir);
    if (seen.has(real)) return [];
    seen.add(real);
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const files: string[] = [];
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      try {
        const stat = fs.statSync(full);
        isDir = stat.isDirectory();
        isFile = stat.isFile();
      } catch {
        continue;
      }
    }
    if (isDir && depth < MAX_DEPTH) files.push(...listFontFiles(full, seen, depth + 1));
    else if (isFile && FONT_FILE.test(entry.name)) files.push(full);
  }
  return files;
}

export interface FontScan {
  /** The folders that exist and were searched, in order. */
  readonly searched: readonly string[];
  /** Every face found, in folder order then file name order. */
  readonly faces: readonly FaceNames[];
  /** Milliseconds the scan took (0 when it came from the cache). */
  readonly ms: number;
}

const scans = new Map<string, FontScan>();

/** Reads the names of every font under the folders (cached per process per folder list). */
export function scanFonts(dirs: readonly string[]): FontScan {
  const resolved = dirs.map((d) => path.resolve(d));
  const cacheKey = resolved.join('\0');
  const cached = scans.get(cacheKey);
  if (cached) return { ...cached, ms: 0 };
  const started = performance.now();
  const seen = new Set<string>();
  const searched: string[] = [];
  const faces: FaceNames[] = [];
  const files = new Set<string>();
  for (const dir of resolved) {
    try {
      if (!fs.statSync(dir).isDirectory()) continue;
    } catch {
      continue;
    }
    searched.push(dir);
    for (const file of listFontFiles(dir, seen)) {
      if (files.has(file)) continue;
      files.add(file);
      try {
        faces.push(...readFontNames(file));
      } catch {
        // not a font, truncated or unreadable: skip
      }
    }
  }
  const scan: FontScan = { searched, faces, ms: performance.now() - started };
  scans.set(cacheKey, scan);
  return scan;
}

// ---------------------------------------------------------------------------------------------
// Matching names

function normalise(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

/** Whether a face's names satisfy a candidate. */
function matches(face: FaceNames, candidate: Candidate): boolean {
  const wanted = candidate.names.map(normalise);
  const own = [face.postscriptName, ...face.families, ...face.fullNames].map(normalise);
  return own.some((n) =>
    wanted.some((w) => n === w || (candidate.prefix === true && n.startsWith(w))),
  );
}

/** 0 for the regular weight, 1 for medium, 2 for anything else. */
function weightRank(face: FaceNames): number {
  const sub = normalise(face.subfamily);
  if (sub === '' || ['regular', 'normal', 'book', 'roman', '常规', '標準'].includes(sub)) return 0;
  if (sub === 'medium') return 1;
  return 2;
}

export interface FontMatch {
  readonly face: FaceNames;
  /** Index of the candidate matched in CANDIDATES[role] (lower is preferred). */
  readonly rank: number;
  readonly standIn: boolean;
}

/**
 * The faces that may serve a role, best first: by the candidate they match, then regular
 * weight before others, then folder order.
 */
export function matchRole(role: FontRole, faces: readonly FaceNames[]): FontMatch[] {
  return rankMatches(CANDIDATES[role], faces);
}

function rankMatches(candidates: readonly Candidate[], faces: readonly FaceNames[]): FontMatch[] {
  const found: (FontMatch & { order: number })[] = [];
  faces.forEach((face, order) => {
    const rank = candidates.findIndex((c) => matches(face, c));
    if (rank >= 0) {
      found.push({ face, rank, standIn: candidates[rank]!.standIn === true, order });
    }
  });
  found.sort(
    (a, b) => a.rank - b.rank || weightRank(a.face) - weightRank(b.face) || a.order - b.order,
  );
  return found.map(({ face, rank, standIn }) => ({ face, rank, standIn }));
}

// ---------------------------------------------------------------------------------------------
// Loading faces

const faces = new Map<string, FontFace>();

function preferredFamily(font: fontkit.Font): string {
  const records = (
    font as unknown as { name?: { records?: Record<string, Record<string, unknown>> } }
  ).name?.records?.fontFamily;
  if (records) {
    const entries = Object.entries(records).filter(
      (e): e is [string, string] => typeof e[1] === 'string' && e[1].trim() !== '',
    );
    const pick =
      entries.find(([lang]) => lang === 'zh') ??
      entries.find(([lang]) => lang.startsWith('zh')) ??
      entries.find(([lang]) => lang === 'en') ??
      entries[0];
    if (pick) return clean(pick[1]);
  }
  return clean(font.familyName);
}

function clean(name: unknown): string {
  return typeof name === 'string' ? name.replace(/\0/g, '').trim() : '';
}

/**
 * Loads one face, once per process (cached by file + PostScript name). A face of a collection
 * (TTC) is picked by its PostScript name.
 */
export function loadFace(
  file: string,
  source: FontFace['source'],
  postscriptName?: string,
): FontFace {
  const resolved = path.resolve(file);
  const requested = `${resolved}#${postscriptName ?? ''}`;
  const cached = faces.get(requested);
  if (cached) return cached;
  const bytes = fs.readFileSync(resolved);
  let opened: fontkit.Font | fontkit.FontCollection | null = fontkit.create(bytes, postscriptName);
  if (!opened && postscriptName) {
    // fontkit compares raw names: a name stored as 16-bit GB2312 codes keeps its zero bytes.
    const collection = fontkit.create(bytes);
    if ('fonts' in collection) {
      opened = collection.fonts.find((f) => clean(f.postscriptName) === postscriptName) ?? null;
    }
  }
  if (!opened || 'fonts' in opened) {
    throw new Error(
      postscriptName
        ? `${resolved}: no face named ${postscriptName}`
        : `${resolved}: a font collection needs a PostScript name`,
    );
  }
  const key = `${resolved}#${clean(opened.postscriptName)}`;
  const existing = faces.get(key);
  if (existing) {
    faces.set(requested, existing);
    return existing;
  }
  const face: FontFace = {
    key,
    family: preferredFamily(opened),
    postscriptName: clean(opened.postscriptName),
    file: resolved,
    source,
    font: opened,
  };
  faces.set(key, face);
  faces.set(requested, face);
  return face;
}

function bundledFace(which: Bundled): FontFace {
  return loadFace(bundledFontFile(which), 'bundled');
}

/** Loads the first of the matches that loads (a damaged file is passed over). */
/**
 * Whether a font's licence lets it be embedded as a subset in a PDF (OS/2 fsType): not when
 * embedding is restricted, when only whole-font or bitmap embedding is allowed.
 */
export function embeddable(face: FontFace): boolean {
  const fsType = (face.font as unknown as { 'OS/2'?: { fsType?: Record<string, boolean> } })['OS/2']
    ?.fsType;
  if (!fsType) return true;
  const restricted = fsType.noEmbedding && !fsType.viewOnly && !fsType.editable;
  return !(restricted || fsType.noSubsetting || fsType.bitmapOnly);
}

/** The first match that loads and may be embedded (null: none), and the ones refused by licence. */
function loadFirst(matches: readonly FontMatch[]): {
  face: FontFace | null;
  standIn: boolean;
  refused: string[];
} {
  const refused: string[] = [];
  for (const match of matches) {
    let face: FontFace;
    try {
      face = loadFace(
        match.face.file,
        'system',
        match.face.collection ? match.face.postscriptName : undefined,
      );
    } catch {
      continue; // unreadable or damaged: try the next
    }
    if (embeddable(face)) return { face, standIn: match.standIn, refused };
    refused.push(face.family);
  }
  return { face: null, standIn: true, refused };
}

// ---------------------------------------------------------------------------------------------
// The font set

const hasGlyphCache = new WeakMap<FontFace, Map<number, boolean>>();

/** Whether a face draws a code point (cached per face and code point). */
export function hasGlyph(face: FontFace, codePoint: number): boolean {
  let answers = hasGlyphCache.get(face);
  if (!answers) {
    answers = new Map();
    hasGlyphCache.set(face, answers);
  }
  let answer = answers.get(codePoint);
  if (answer === undefined) {
    answer = face.font.hasGlyphForCodePoint(codePoint);
    answers.set(codePoint, answer);
  }
  return answer;
}

function makeSet(
  roles: Record<FontRole, RoleAssignment>,
  fallbacks: readonly FontFace[],
  searched: readonly string[],
): FontSet {
  const chosen = new Map<FontRole, Map<number, FontFace>>();
  return {
    roles,
    fallbacks,
    searched,
    faceFor(role, codePoint) {
      let answers = chosen.get(role);
      if (!answers) {
        answers = new Map();
        chosen.set(role, answers);
      }
      let face = answers.get(codePoint);
      if (!face) {
        const own = roles[role].face;
        face = hasGlyph(own, codePoint)
          ? own
          : (fallbacks.find((f) => hasGlyph(f, codePoint)) ?? own);
        answers.set(codePoint, face);
      }
      return face;
    },
  };
}

const sets = new Map<string, FontSet>();

/**
 * The fonts for a document: for each role the best official font found in `dirs` (default:
 * NIANBAO_FONT_DIRS, else the platform's font folders; `[]`: bundled fonts only), else a
 * bundled stand-in; and the glyph fallbacks. Cached per process per folder list.
 */
export function loadFontSet(options: { dirs?: readonly string[] } = {}): FontSet {
  const dirs = fontDirs(options.dirs);
  const scan = scanFonts(dirs);
  const cacheKey = scan.searched.join('\0');
  const cached = sets.get(cacheKey);
  if (cached) return cached;
  const roles = {} as Record<FontRole, RoleAssignment>;
  for (const role of FONT_ROLES) {
    const found = loadFirst(matchRole(role, scan.faces));
    const refused = found.refused;
    roles[role] = found.face
      ? { role, wanted: WANTED[role], face: found.face, standIn: found.standIn, refused }
      : {
          role,
          wanted: WANTED[role],
          face: bundledFace(BUNDLED_FOR[role]),
          standIn: true,
          refused,
        };
  }
  const fallbacks = [bundledFace('serif-400'), bundledFace('sans-400')];
  const extra = loadFirst(rankMatches(SYSTEM_FALLBACKS, scan.faces));
  if (extra.face) fallbacks.push(extra.face);
  const set = makeSet(roles, fallbacks, scan.searched);
  sets.set(cacheKey, set);
  return set;
}

// ---------------------------------------------------------------------------------------------
// A plain summary for the API and the CLI

export type { FontsInfo };

export function describeFonts(set: FontSet): FontsInfo {
  return {
    roles: FONT_ROLES.map((role) => {
      const { face, wanted, standIn, refused } = set.roles[role];
      return {
        role,
        label: ROLE_LABELS[role],
        wanted,
        family: face.family,
        postscriptName: face.postscriptName,
        file: face.file,
        source: face.source,
        standIn,
        refused: [...refused],
      };
    }),
    fallbacks: set.fallbacks.map((f) => ({ family: f.family, file: f.file, source: f.source })),
    searched: [...set.searched],
  };
}
