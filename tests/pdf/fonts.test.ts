// The font layer of the PDF renderer: official fonts found by the names inside the files,
// bundled stand-ins, glyph fallback, caching, and `nianbao fonts`.
//
// Official fonts cannot ship with the tests, so the official-name tests build real font files
// whose name tables carry the official names: a bundled Noto font with its name table replaced
// (a single TTF, and a TTC of three faces sharing the glyph data). fontkit and PDFKit load them
// like any font, so detection, TTC face selection and embedding are exercised for real.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as fontkit from 'fontkit';
import PDFDocument from 'pdfkit';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runFonts } from '../../electron/cli/fonts';
import type { Io } from '../../electron/cli/io';
import {
  bundledFontFile,
  describeFonts,
  fontDirs,
  loadFace,
  loadFontSet,
  matchRole,
  readFontNames,
  scanFonts,
} from '../../electron/services/pdf/fonts';
import { FONT_ROLES, type FontFace } from '../../electron/services/pdf/types';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-fonts-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
afterEach(() => void vi.unstubAllEnvs());

const SERIF = bundledFontFile('serif-400');
const SANS = bundledFontFile('sans-400');
const NOTO_CJK_TTC = '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc';

// ---------------------------------------------------------------------------------------------
// Building font files with chosen names

interface NameRecord {
  platform: number;
  encoding: number;
  language: number;
  id: number;
  bytes: Buffer;
}

function utf16be(text: string): Buffer {
  return Buffer.from(text, 'utf16le').swap16();
}

const ZH_CN = 0x0804;
const EN_US = 0x0409;

/** Windows Unicode name records: family, subfamily, full name, PostScript name. */
function windowsNames(names: { en: string; zh?: string; ps: string }): NameRecord[] {
  const records: NameRecord[] = [];
  const add = (language: number, id: number, text: string) =>
    records.push({ platform: 3, encoding: 1, language, id, bytes: utf16be(text) });
  add(EN_US, 1, names.en);
  add(EN_US, 2, 'Regular');
  add(EN_US, 4, names.en);
  add(EN_US, 6, names.ps);
  if (names.zh) {
    add(ZH_CN, 1, names.zh);
    add(ZH_CN, 4, names.zh);
  }
  return records;
}

function nameTable(records: readonly NameRecord[]): Buffer {
  const sorted = [...records].sort(
    (a, b) =>
      a.platform - b.platform || a.encoding - b.encoding || a.language - b.language || a.id - b.id,
  );
  const header = Buffer.alloc(6 + sorted.length * 12);
  header.writeUInt16BE(0, 0);
  header.writeUInt16BE(sorted.length, 2);
  header.writeUInt16BE(header.length, 4);
  let offset = 0;
  sorted.forEach((r, i) => {
    const at = 6 + i * 12;
    header.writeUInt16BE(r.platform, at);
    header.writeUInt16BE(r.encoding, at + 2);
    header.writeUInt16BE(r.language, at + 4);
    header.writeUInt16BE(r.id, at + 6);
    header.writeUInt16BE(r.bytes.length, at + 8);
    header.writeUInt16BE(offset, at + 10);
    offset += r.bytes.length;
  });
  return Buffer.concat([header, ...sorted.map((r) => r.bytes)]);
}

const pad4 = (n: number) => (n + 3) & ~3;

/** The table directory of a single-font file, with each table's offset shifted by `shift`. */
function directory(font: Buffer, shift: number, nameAt: number, nameLength: number): Buffer {
  const numTables = font.readUInt16BE(4);
  const dir = Buffer.from(font.subarray(0, 12 + numTables * 16));
  for (let i = 0; i < numTables; i++) {
    const at = 12 + i * 16;
    if (dir.toString('latin1', at, at + 4) === 'name') {
      dir.writeUInt32BE(nameAt, at + 8);
      dir.writeUInt32BE(nameLength, at + 12);
    } else {
      dir.writeUInt32BE(dir.readUInt32BE(at + 8) + shift, at + 8);
    }
  }
  return dir;
}

/** A copy of a TTF whose name table is replaced. */
function renamedFont(source: string, records: readonly NameRecord[]): Buffer {
  const font = fs.readFileSync(source);
  const names = nameTable(records);
  const nameAt = pad4(font.length);
  const dir = directory(font, 0, nameAt, names.length);
  return Buffer.concat([dir, font.subarray(dir.length), Buffer.alloc(nameAt - font.length), names]);
}

/** A TTC whose faces share the glyph data of one TTF and differ only by their names. */
function collection(source: string, faces: readonly NameRecord[][]): Buffer {
  const font = fs.readFileSync(source);
  const dirLength = 12 + font.readUInt16BE(4) * 16;
  const headerLength = 12 + faces.length * 4;
  const base = pad4(headerLength + faces.length * dirLength);
  const tables = faces.map((records) => nameTable(records));
  let nameAt = pad4(base + font.length);
  const parts: Buffer[] = [];
  const header = Buffer.alloc(headerLength);
  header.write('ttcf', 0, 'latin1');
  header.writeUInt32BE(0x00010000, 4);
  header.writeUInt32BE(faces.length, 8);
  const dirs: Buffer[] = [];
  const nameParts: Buffer[] = [];
  tables.forEach((table, i) => {
    header.writeUInt32BE(headerLength + i * dirLength, 12 + i * 4);
    dirs.push(directory(font, base, nameAt, table.length));
    const padded = Buffer.alloc(pad4(table.length));
    table.copy(padded);
    nameParts.push(padded);
    nameAt += padded.length;
  });
  parts.push(header, ...dirs);
  parts.push(Buffer.alloc(base - headerLength - faces.length * dirLength), font);
  parts.push(Buffer.alloc(pad4(base + font.length) - base - font.length), ...nameParts);
  return Buffer.concat(parts);
}

/** Renders a line in a face with PDFKit and returns the PDF. */
function pdfWith(face: FontFace, text: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4' });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.registerFont(face.key, face.font as unknown as string);
    doc.font(face.key).fontSize(16).text(text);
    doc.end();
  });
}

/**
 * A face as plain data. Assertions compare this, never the FontFace itself: a failing
 * comparison would print fontkit's font object (megabytes) and exhaust the heap.
 */
function plain(face: FontFace) {
  const { key, family, postscriptName, file, source } = face;
  return { key, family, postscriptName, file, source };
}

/** The very same (cached) face object; only keys are printed on failure. */
function expectSame(actual: FontFace, expected: FontFace | undefined): void {
  expect(actual.key).toBe(expected?.key);
  expect(actual === expected, `${actual.key}: not the same object`).toBe(true);
}

function captureIo(): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (text) => void stdout.push(text),
    err: (text) => void stderr.push(text),
    write: (data) => void stdout.push(data),
  };
}

// Folders used by several tests, built once.
/** The font with its OS/2 fsType (the embedding licence) set. */
function withFsType(font: Buffer, fsType: number): Buffer {
  const out = Buffer.from(font);
  for (let i = 0; i < out.readUInt16BE(4); i++) {
    const at = 12 + i * 16;
    if (out.toString('latin1', at, at + 4) === 'OS/2')
      out.writeUInt16BE(fsType, out.readUInt32BE(at + 8) + 8);
  }
  return out;
}

const official = path.join(tmp, 'official');
const restricted = path.join(tmp, 'restricted');
const freeKai = path.join(tmp, 'free-kai');
const renamed = path.join(tmp, 'renamed');

beforeAll(() => {
  fs.mkdirSync(path.join(official, 'nested', 'deeper'), { recursive: true });
  fs.mkdirSync(freeKai);
  fs.mkdirSync(renamed);
  fs.mkdirSync(restricted);
  // 黑体 whose licence forbids embedding (fsType 0x0002), and 华文黑体 that allows it (0x0008);
  // 楷体 allowed only whole, not as a subset (0x0100).
  fs.writeFileSync(
    path.join(restricted, 'simhei.ttf'),
    withFsType(renamedFont(SANS, windowsNames({ en: 'SimHei', zh: '黑体', ps: 'SimHei' })), 0x0002),
  );
  fs.writeFileSync(
    path.join(restricted, 'stheiti.ttf'),
    withFsType(
      renamedFont(SANS, windowsNames({ en: 'STHeiti', zh: '华文黑体', ps: 'STHeiti' })),
      0x0008,
    ),
  );
  fs.writeFileSync(
    path.join(restricted, 'simkai.ttf'),
    withFsType(renamedFont(SERIF, windowsNames({ en: 'KaiTi', zh: '楷体', ps: 'KaiTi' })), 0x0100),
  );
  // 仿宋_GB2312 as a single TTF, deep in the folder.
  fs.writeFileSync(
    path.join(official, 'nested', 'deeper', 'gb.TTF'),
    renamedFont(
      SERIF,
      windowsNames({ en: 'FangSong_GB2312', zh: '仿宋_GB2312', ps: 'FangSong_GB2312' }),
    ),
  );
  // A TTC like simsun.ttc, plus 仿宋 (sorted before the GB2312 file: preference beats order).
  fs.writeFileSync(
    path.join(official, 'a-simsun.ttc'),
    collection(SERIF, [
      windowsNames({ en: 'FangSong', zh: '仿宋', ps: 'FangSong' }),
      windowsNames({ en: 'NSimSun', zh: '新宋体', ps: 'NSimSun' }),
      windowsNames({ en: 'SimSun', zh: '宋体', ps: 'SimSun' }),
    ]),
  );
  // 方正小标宋简体 with its Chinese family name in the PRC (GB2312) encoding, as old fonts have it.
  const gb = Buffer.from('b7bdd5fdd0a1b1eacbcebcf2cce5', 'hex'); // 方正小标宋简体 in GB2312
  fs.writeFileSync(
    path.join(official, 'FZXBSJW.ttf'),
    renamedFont(SERIF, [
      ...windowsNames({ en: 'FZXiaoBiaoSong-B05S', ps: 'FZXBSJW--GB1-0' }),
      { platform: 3, encoding: 3, language: ZH_CN, id: 1, bytes: gb },
    ]),
  );
  // A free Kai font: used for 楷体, but still a stand-in.
  fs.writeFileSync(
    path.join(freeKai, 'LXGWWenKai-Regular.ttf'),
    renamedFont(
      SANS,
      windowsNames({ en: 'LXGW WenKai', zh: '霞鹜文楷', ps: 'LXGWWenKai-Regular' }),
    ),
  );
  // Official file names, bundled contents: names inside decide, not file names.
  fs.copyFileSync(SERIF, path.join(renamed, 'simfang.ttf'));
  fs.copyFileSync(SERIF, path.join(renamed, '仿宋_GB2312.ttf'));
  fs.copyFileSync(SANS, path.join(renamed, 'SIMHEI.TTF'));
  fs.writeFileSync(path.join(renamed, 'simsun.ttc'), 'not a font at all');
});

// ---------------------------------------------------------------------------------------------

describe('bundled fonts only', () => {
  it('serves every role with a Noto stand-in (dirs: [])', () => {
    const set = loadFontSet({ dirs: [] });
    expect(set.searched).toEqual([]);
    for (const role of FONT_ROLES) {
      expect(set.roles[role].standIn).toBe(true);
      expect(set.roles[role].face.source).toBe('bundled');
    }
    expect(set.roles.title.face.postscriptName).toBe('NotoSerifSC-Bold');
    expect(set.roles.fangsong.face.postscriptName).toBe('NotoSerifSC-Regular');
    expect(set.roles.hei.face.postscriptName).toBe('NotoSansSC-Medium');
    expect(set.roles.kai.face.postscriptName).toBe('NotoSerifSC-Regular');
    expect(set.roles.song.face.postscriptName).toBe('NotoSerifSC-Regular');
    expect(set.roles.fangsong.wanted).toBe('仿宋_GB2312 / 仿宋');
    expect(set.fallbacks.map((f) => f.postscriptName)).toEqual([
      'NotoSerifSC-Regular',
      'NotoSansSC-Regular',
    ]);
  });

  it('describes itself as plain data, with a notice per stand-in', () => {
    const info = describeFonts(loadFontSet({ dirs: [] }));
    expect(JSON.parse(JSON.stringify(info))).toEqual(info);
    expect(info.roles.map((r) => r.label)).toEqual([
      '标题',
      '正文',
      '一级标题',
      '二级标题',
      '宋体（页码、表格）',
    ]);
    expect(info.roles.find((r) => r.label === '正文')).toMatchObject({
      standIn: true,
      wanted: '仿宋_GB2312 / 仿宋',
      family: 'Noto Serif SC',
    });
  });
});

describe('official fonts', () => {
  it('are found by the names inside the files, not by file names', () => {
    const scan = scanFonts([renamed]);
    // simsun.ttc is not a font: skipped; the three copies are read for their real names.
    expect(scan.faces.map((f) => f.postscriptName).sort()).toEqual([
      'NotoSansSC-Regular',
      'NotoSerifSC-Regular',
      'NotoSerifSC-Regular',
    ]);
    const set = loadFontSet({ dirs: [renamed] });
    expect(set.searched).toEqual([renamed]);
    for (const role of FONT_ROLES) {
      expect(set.roles[role].standIn).toBe(true);
      expect(set.roles[role].face.source).toBe('bundled');
    }
  });

  it('are detected by their names, GB2312 variants first, TTC faces by PostScript name', () => {
    const set = loadFontSet({ dirs: [official] });
    const { fangsong, song, title, hei, kai } = set.roles;
    expect(fangsong.standIn).toBe(false);
    expect(plain(fangsong.face)).toMatchObject({
      family: '仿宋_GB2312',
      postscriptName: 'FangSong_GB2312',
      source: 'system',
      file: path.join(official, 'nested', 'deeper', 'gb.TTF'),
    });
    expect(song.standIn).toBe(false);
    expect(plain(song.face)).toMatchObject({
      family: '宋体',
      postscriptName: 'SimSun',
      file: path.join(official, 'a-simsun.ttc'),
      key: `${path.join(official, 'a-simsun.ttc')}#SimSun`,
    });
    // The family name stored as GB2312 codes is read and matched.
    expect(title.standIn).toBe(false);
    expect(title.face.postscriptName).toBe('FZXBSJW--GB1-0');
    expect(readFontNames(title.face.file)[0]!.families).toEqual([
      '方正小标宋简体',
      'FZXiaoBiaoSong-B05S',
    ]);
    // Not there: bundled stand-ins.
    expect([hei.standIn, hei.face.source]).toEqual([true, 'bundled']);
    expect([kai.standIn, kai.face.source]).toEqual([true, 'bundled']);
    // The TTC face loaded is the SimSun face, not the first of the collection.
    expect(song.face.font.postscriptName).toBe('SimSun');
    expect(song.face.font.hasGlyphForCodePoint(0x5b8b)).toBe(true);
  });

  it('are not used when their licence forbids embedding them in a PDF, and say so', async () => {
    const set = loadFontSet({ dirs: [restricted] });
    // 黑体 is refused; the next official candidate that may be embedded serves the role
    expect(set.roles.hei.refused).toEqual(['黑体']);
    expect([set.roles.hei.face.postscriptName, set.roles.hei.standIn]).toEqual(['STHeiti', false]);
    // 楷体 may only be embedded whole: refused, a bundled font stands in
    expect(set.roles.kai.refused).toEqual(['楷体']);
    expect([set.roles.kai.face.source, set.roles.kai.standIn]).toEqual(['bundled', true]);
    const info = describeFonts(set);
    expect(info.roles.find((r) => r.role === 'kai')!.refused).toEqual(['楷体']);
    const io = captureIo();
    expect(await runFonts(['--font-dir', restricted], io)).toBe(0);
    expect(io.stdout.join('\n')).toContain('未使用 黑体：字体的授权不允许嵌入 PDF');
  });

  it('ranks every candidate for a role in order of preference', () => {
    const faces = scanFonts([official, freeKai]).faces;
    expect(matchRole('fangsong', faces).map((m) => m.face.postscriptName)).toEqual([
      'FangSong_GB2312',
      'FangSong',
    ]);
    expect(matchRole('song', faces).map((m) => m.face.postscriptName)).toEqual([
      'SimSun',
      'NSimSun',
    ]);
    expect(matchRole('kai', faces)).toMatchObject([
      { standIn: true, face: { postscriptName: 'LXGWWenKai-Regular' } },
    ]);
    expect(matchRole('hei', faces)).toEqual([]);
  });

  it('takes a free Kai font before the bundled one, still marked as a stand-in', () => {
    const set = loadFontSet({ dirs: [freeKai] });
    expect(set.roles.kai.standIn).toBe(true);
    expect(plain(set.roles.kai.face)).toMatchObject({ family: '霞鹜文楷', source: 'system' });
    expect(describeFonts(set).roles.find((r) => r.label === '二级标题')).toMatchObject({
      standIn: true,
      wanted: '楷体_GB2312 / 楷体',
      family: '霞鹜文楷',
    });
  });

  it('a TTC face built with official names embeds in a PDF under its PostScript name', async () => {
    const face = loadFontSet({ dirs: [official] }).roles.song.face;
    const pdf = await pdfWith(face, '政府信息公开工作年度报告');
    expect(pdf.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+SimSun\b/);
  });

  it('reads the same names as fontkit, for the bundled fonts and Noto CJK when installed', () => {
    const files = [SERIF, SANS, ...(fs.existsSync(NOTO_CJK_TTC) ? [NOTO_CJK_TTC] : [])];
    for (const file of files) {
      const opened = fontkit.create(fs.readFileSync(file));
      const fonts = 'fonts' in opened ? opened.fonts : [opened];
      const names = readFontNames(file);
      expect(names.map((n) => n.postscriptName)).toEqual(fonts.map((f) => f.postscriptName));
      names.forEach((n, i) => expect(n.families).toContain(fonts[i]!.familyName));
    }
  });
});

describe('a real TTC collection (fonts-noto-cjk)', () => {
  const present = fs.existsSync(NOTO_CJK_TTC);
  if (!present) {
    console.warn(
      `${NOTO_CJK_TTC} 不存在（Debian 包 fonts-noto-cjk），跳过真实 TTC 测试 / skipped: install fonts-noto-cjk`,
    );
  }
  it.skipIf(!present)('enumerates its faces and loads one that PDFKit can embed', async () => {
    const faces = readFontNames(NOTO_CJK_TTC);
    expect(faces.every((f) => f.collection)).toBe(true);
    expect(faces.map((f) => f.postscriptName)).toContain('NotoSerifCJKsc-Regular');
    expect(faces.find((f) => f.postscriptName === 'NotoSerifCJKsc-Regular')!.families).toContain(
      'Noto Serif CJK SC',
    );
    const face = loadFace(NOTO_CJK_TTC, 'system', 'NotoSerifCJKsc-Regular');
    expect(face.font.postscriptName).toBe('NotoSerifCJKsc-Regular');
    const pdf = await pdfWith(face, '政府信息公开工作年度报告');
    expect(pdf.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSerifCJKsc-Regular\b/);
  });
});

describe('glyph fallback', () => {
  it('draws a character the role lacks with the first fallback that has it', () => {
    const set = loadFontSet({ dirs: [] });
    const own = set.roles.fangsong.face;
    const [serif, sans] = set.fallbacks;
    expectSame(own, serif);
    // Find characters Noto Serif SC lacks and Noto Sans SC has (e.g. 𰻝 U+30EDD).
    const serifHas = new Set(serif!.font.characterSet);
    const missing = sans!.font.characterSet.filter((cp) => cp > 0x2e80 && !serifHas.has(cp));
    expect(missing.length).toBeGreaterThan(0);
    for (const cp of missing) {
      expect(own.font.hasGlyphForCodePoint(cp)).toBe(false);
      expectSame(set.faceFor('fangsong', cp), sans);
    }
    // Present in the role's own face: that face.
    expectSame(set.faceFor('fangsong', 0x4e00), own);
    expectSame(set.faceFor('hei', 0x4e00), set.roles.hei.face);
    // In no face at all (a private-use code point): the role's face draws .notdef.
    expectSame(set.faceFor('hei', 0xf8ff), set.roles.hei.face);
    // Answers are cached: asking again gives the same face without asking fontkit.
    const spy = vi.spyOn(sans!.font, 'hasGlyphForCodePoint');
    expectSame(set.faceFor('fangsong', missing[0]!), sans);
    expectSame(set.faceFor('kai', missing[0]!), sans);
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
  });

  it('falls back from an official font to the bundled ones', () => {
    const set = loadFontSet({ dirs: [official] });
    // The built 仿宋_GB2312 has Noto Serif SC's glyphs: U+30EDD comes from Noto Sans SC.
    expectSame(set.faceFor('fangsong', 0x30edd), set.fallbacks[1]);
    expectSame(set.faceFor('fangsong', 0x4e00), set.roles.fangsong.face);
  });
});

describe('folders and caching', () => {
  it('honours NIANBAO_FONT_DIRS when no folders are given', () => {
    vi.stubEnv('NIANBAO_FONT_DIRS', '');
    expect(fontDirs()).toEqual([]);
    expect(loadFontSet().searched).toEqual([]);
    vi.stubEnv('NIANBAO_FONT_DIRS', `${official}${path.delimiter}${freeKai}`);
    expect(fontDirs()).toEqual([official, freeKai]);
    const set = loadFontSet();
    expect(set.searched).toEqual([official, freeKai]);
    expect(set.roles.fangsong.face.postscriptName).toBe('FangSong_GB2312');
    expect(set.roles.kai.face.postscriptName).toBe('LXGWWenKai-Regular');
    // Explicit folders win over the variable; [] means bundled only.
    expect(loadFontSet({ dirs: [] }).searched).toEqual([]);
    expect(fontDirs([renamed])).toEqual([renamed]);
  });

  it('uses the platform folders when nothing is set', () => {
    vi.stubEnv('NIANBAO_FONT_DIRS', undefined);
    const dirs = fontDirs();
    if (process.platform === 'linux') expect(dirs).toContain('/usr/share/fonts');
    expect(dirs.length).toBeGreaterThan(0);
  });

  it('skips folders that do not exist', () => {
    const set = loadFontSet({ dirs: [path.join(tmp, 'nowhere'), official] });
    expect(set.searched).toEqual([official]);
  });

  it('loads each face once per process', () => {
    const a = loadFontSet({ dirs: [] });
    const b = loadFontSet({ dirs: [] });
    expect(b === a, 'the same FontSet object').toBe(true);
    expectSame(b.roles.fangsong.face, a.roles.fangsong.face);
    expectSame(loadFace(SERIF, 'bundled'), a.roles.fangsong.face);
    // Same face whether asked for by file or by file + PostScript name.
    expectSame(loadFace(SERIF, 'bundled', 'NotoSerifSC-Regular'), a.roles.fangsong.face);
    const withOfficial = loadFontSet({ dirs: [official] });
    expectSame(withOfficial.fallbacks[0]!, a.fallbacks[0]);
    const ttc = path.join(official, 'a-simsun.ttc');
    expectSame(loadFace(ttc, 'system', 'SimSun'), withOfficial.roles.song.face);
    expect(loadFace(ttc, 'system', 'NSimSun').key).toBe(`${ttc}#NSimSun`);
    // The scan is cached too.
    expect(scanFonts([official]).faces).toBe(scanFonts([official]).faces);
  });
});

describe('nianbao fonts', () => {
  it('names the font of every role, the stand-ins, the fallbacks and the folders', async () => {
    const io = captureIo();
    expect(await runFonts(['--font-dir', official], io)).toBe(0);
    const text = io.stdout.join('\n');
    for (const label of ['标题', '正文', '一级标题', '二级标题', '宋体（页码、表格）']) {
      expect(text).toMatch(new RegExp(`^  ${label}：`, 'm'));
    }
    expect(text).toContain('正文：仿宋_GB2312（FangSong_GB2312，系统字体');
    expect(text).toContain('代用：未找到 黑体，使用 Noto Sans SC Medium');
    expect(text).toContain('代用：未找到 楷体_GB2312 / 楷体，使用 Noto Serif SC');
    expect(text).not.toContain('代用：未找到 仿宋');
    expect(text).toContain('缺字时依次使用：Noto Serif SC、Noto Sans SC');
    expect(text).toContain(official);
  });

  it('says when only bundled fonts are used', async () => {
    vi.stubEnv('NIANBAO_FONT_DIRS', '');
    const io = captureIo();
    expect(await runFonts([], io)).toBe(0);
    const text = io.stdout.join('\n');
    expect(text).toContain('代用：未找到 仿宋_GB2312 / 仿宋，使用 Noto Serif SC');
    expect(text).toContain('没有查找系统字体，只使用随软件提供的字体。');
  });

  it('prints the summary as JSON with --json; --font-dir is repeatable', async () => {
    const io = captureIo();
    expect(await runFonts(['--json', '--font-dir', official, '--font-dir', freeKai], io)).toBe(0);
    const info = JSON.parse(io.stdout.join('\n'));
    expect(info).toEqual(describeFonts(loadFontSet({ dirs: [official, freeKai] })));
    expect(info.searched).toEqual([official, freeKai]);
  });

  it('refuses a folder that does not exist and unknown options', async () => {
    const io = captureIo();
    expect(await runFonts(['--font-dir', path.join(tmp, 'nowhere')], io)).toBe(2);
    expect(io.stderr.join('\n')).toContain('找不到字体文件夹');
    const io2 = captureIo();
    expect(await runFonts(['--bogus'], io2)).toBe(2);
    expect(io2.stderr.join('\n')).toContain('未知选项：--bogus');
  });
});
