// Self-test of tests/helpers/pdf.ts: small PDFs made with PDFKit, with known text at known
// positions, must come back from poppler with the same positions, sizes, fonts and metadata; the
// baseline comparison must pass identical renders and catch a shifted line.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it, vi } from 'vitest';
import {
  compareToBaseline,
  expectBaseline,
  lineEnds,
  lineStarts,
  parseBboxLayout,
  parsePdffonts,
  pdfFonts,
  pdfInfo,
  pdfText,
  pdfWords,
  renderPages,
  requirePoppler,
  stripCjkSpaces,
  textBlockViolations,
  type PdfPage,
} from '../helpers/pdf';
import { ROOT } from '../helpers/paths';

const SERIF = fs.readFileSync(
  path.join(
    ROOT,
    'node_modules/@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf',
  ),
);
const A4 = { width: 595.28, height: 841.89 };
const TITLE = '政府信息公开工作年度报告';
const CREATED = new Date(Date.UTC(2024, 2, 1, 9, 30, 0));

type Doc = InstanceType<typeof PDFDocument>;

/** A PDF made by `draw` on a first A4 page, as bytes. */
async function makePdf(draw: (doc: Doc) => void): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    lang: 'zh-CN',
    info: {
      Title: `${TITLE}（2024年度）`,
      Author: '某某县人民政府办公室',
      Subject: '年报 & <测试>',
      CreationDate: CREATED,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve) => doc.on('end', resolve));
  doc.registerFont('serif', SERIF);
  doc.font('serif');
  draw(doc);
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

/** Where each piece of known text was put: [text, x, y, size]. */
const PLACED: [string, number, number, number][] = [
  [TITLE, 100, 100, 16],
  ['Hello & <world>', 100, 150, 12],
  ['二〇二四年，全县共收到申请', 120.5, 200.25, 16],
];

function sample(shift = 0): Promise<Buffer> {
  return makePdf((doc) => {
    for (const [text, x, y, size] of PLACED) {
      doc.fontSize(size).text(text, x, y + shift, { lineBreak: false });
    }
    // lines for 避头尾: the second starts with a comma, the third ends with an opening quote
    doc.fontSize(16);
    doc.text('第一行正文', 100, 300, { lineBreak: false });
    doc.text('，第二行', 100, 340, { lineBreak: false });
    doc.text('第三行“', 100, 380, { lineBreak: false });
    // a custom-size page: one word inside a box, one sticking out on the right
    doc.addPage({ size: [300, 400], margin: 0 });
    doc.fontSize(12).text('内容', 20, 30, { lineBreak: false });
    doc.fontSize(12).text('越界', 270, 30, { lineBreak: false });
    doc.fontSize(10).text('— 2 —', 130, 380, { lineBreak: false });
  });
}

let pdf: Buffer;
let words: PdfPage[];
let tmp: string;

beforeAll(async () => {
  requirePoppler();
  pdf = await sample();
  words = await pdfWords(pdf);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-pdf-test-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('requirePoppler', () => {
  it('names the Debian package when the tools are missing', () => {
    const empty = fs.mkdtempSync(path.join(tmp, 'path-'));
    expect(() => requirePoppler({ PATH: empty })).toThrow(/poppler-utils[\s\S]*apt-get install/);
    expect(() => requirePoppler()).not.toThrow();
  });
});

describe('pdfInfo', () => {
  it('reads page count, page sizes, metadata and the catalog language', async () => {
    const info = await pdfInfo(pdf);
    expect(info.pages).toBe(2);
    expect(info.pageSizes).toEqual([
      { ...A4, rotation: 0 },
      { width: 300, height: 400, rotation: 0 },
    ]);
    expect(info.title).toBe(`${TITLE}（2024年度）`);
    expect(info.author).toBe('某某县人民政府办公室');
    expect(info.subject).toBe('年报 & <测试>');
    expect(info.producer).toBe('PDFKit');
    expect(info.creationDate).toBe('2024-03-01T09:30:00Z');
    expect(info.creationDateRaw).toBe('D:20240301093000Z');
    expect(info.lang).toBe('zh-CN');
    expect(info.catalog).toMatch(/\/Type \/Catalog/);
    expect(info.encrypted).toBe(false);
    expect(info.pdfVersion).toMatch(/^1\.\d$/);
  });

  it('accepts a file path as well as bytes', async () => {
    const file = path.join(tmp, 'sample.pdf');
    fs.writeFileSync(file, pdf);
    expect((await pdfInfo(file)).pageSizes).toEqual((await pdfInfo(pdf)).pageSizes);
  });
});

describe('pdfFonts', () => {
  it('lists the font as an embedded subset with a unicode map', async () => {
    const fonts = await pdfFonts(pdf);
    expect(fonts).toHaveLength(1);
    expect(fonts[0]).toMatchObject({
      type: 'CID TrueType',
      encoding: 'Identity-H',
      embedded: true,
      subset: true,
      unicode: true,
    });
    expect(fonts[0]!.name).toMatch(/^[A-Z]{6}\+NotoSerifSC-Regular$/);
  });

  it('parses types with spaces and names longer than the column', () => {
    const rows = parsePdffonts(
      [
        'name                                 type              encoding         emb sub uni object ID',
        '------------------------------------ ----------------- ---------------- --- --- --- ---------',
        'Helvetica                            Type 1            WinAnsi          no  no  no      15  0',
        'ABCDEF+AVeryLongPostScriptFontNameThatOverflows-Regular CID TrueType (OT) Identity-H yes yes yes 7  0',
        '[none]                               Type 3            Custom           yes no  no       9  0',
      ].join('\n'),
    );
    expect(rows.map((r) => [r.name, r.type, r.encoding, r.embedded, r.object.num])).toEqual([
      ['Helvetica', 'Type 1', 'WinAnsi', false, 15],
      [
        'ABCDEF+AVeryLongPostScriptFontNameThatOverflows-Regular',
        'CID TrueType (OT)',
        'Identity-H',
        true,
        7,
      ],
      ['[none]', 'Type 3', 'Custom', true, 9],
    ]);
  });
});

describe('pdfWords', () => {
  it('recovers the page sizes and where each text was put, within 1 pt', async () => {
    expect(words.map((p) => [p.number, p.width, p.height])).toEqual([
      [1, A4.width, A4.height],
      [2, 300, 400],
    ]);
    const doc = new PDFDocument({ size: 'A4' }); // only to measure widths
    doc.registerFont('serif', SERIF);
    doc.font('serif');
    for (const [text, x, y, size] of PLACED) {
      const line = words[0]!.lines.find((l) => l.text === text);
      expect(line, text).toBeDefined();
      expect(Math.abs(line!.xMin - x)).toBeLessThan(1);
      expect(Math.abs(line!.yMin - y)).toBeLessThan(1);
      const width = doc.fontSize(size).widthOfString(text);
      expect(Math.abs(line!.xMax - (x + width))).toBeLessThan(1);
      // the box is the font's ascent to descent: taller than the em for Noto Serif SC
      expect(line!.yMax - line!.yMin).toBeGreaterThan(size);
    }
    doc.end();
  });

  it('keeps words in lines and decodes entities', () => {
    const latin = words[0]!.lines.find((l) => l.text.startsWith('Hello'))!;
    expect(latin.words.map((w) => w.text)).toEqual(['Hello', '&', '<world>']);
    expect(latin.words[0]!.xMin).toBeCloseTo(100, 0);
    for (const w of latin.words) {
      expect(w.xMin).toBeGreaterThanOrEqual(latin.xMin);
      expect(w.xMax).toBeLessThanOrEqual(latin.xMax + 1e-6);
    }
    expect(words[0]!.words.length).toBe(words[0]!.lines.flatMap((l) => l.words).length);
  });

  it('limits to a page range and keeps the real page numbers', async () => {
    const second = await pdfWords(pdf, { first: 2, last: 2 });
    expect(second.map((p) => p.number)).toEqual([2]);
    expect(second[0]!.words.map((w) => w.text)).toEqual(['内容', '越界', '—', '2', '—']);
  });

  it('parses empty pages and numeric entities', () => {
    const pages = parseBboxLayout(
      '<html><head><title>a &amp; b</title></head><body><doc>' +
        '<page width="100" height="200"></page>' +
        '<page width="300" height="400"><flow><block xMin="1" yMin="2" xMax="3" yMax="4">' +
        '<line xMin="1" yMin="2" xMax="3" yMax="4">' +
        '<word xMin="1" yMin="2" xMax="3" yMax="4">&#x4E00;&#20108;&apos;&quot;</word>' +
        '</line></block></flow></page></doc></body></html>',
    );
    expect(pages.map((p) => [p.number, p.width, p.lines.length])).toEqual([
      [1, 100, 0],
      [2, 300, 1],
    ]);
    expect(pages[1]!.words[0]).toEqual({ text: '一二\'"', xMin: 1, yMin: 2, xMax: 3, yMax: 4 });
    expect(pages[1]!.blocks[0]!.lines[0]!.text).toBe('一二\'"');
  });
});

describe('pdfText', () => {
  it('extracts Chinese text exactly, page by page', async () => {
    const pages = await pdfText(pdf);
    expect(pages).toHaveLength(2);
    expect(pages[0]).toContain(TITLE);
    expect(pages[0]).toContain('二〇二四年，全县共收到申请');
    expect(pages[1]).toContain('内容');
    const layout = await pdfText(pdf, { layout: true });
    expect(layout[1]).toMatch(/内容 +越界/);
  });
});

describe('letter-spaced Chinese (poppler word breaks)', () => {
  // pdftotext starts a new word when a gap exceeds
  // min(0.4 × size, max(0.1 × size, 1.3 × the narrowest gap on the line)): see tests/helpers/pdf.ts.
  it('keeps evenly spaced text as one word up to 0.4 × the font size', async () => {
    const spaced = await makePdf((doc) => {
      doc.fontSize(16);
      doc.text('一二三四五六', 50, 50, { characterSpacing: 3, lineBreak: false });
      doc.text('一二三四五六', 50, 100, { characterSpacing: 6.25, lineBreak: false });
      doc.text('一二三四五六', 50, 150, { characterSpacing: 6.75, lineBreak: false });
      // spaced by 2 pt, then unspaced on the same baseline
      doc.text('一二三', 50, 200, { characterSpacing: 2, lineBreak: false });
      doc.text('四五六', 50 + 3 * 16 + 3 * 2, 200, { lineBreak: false });
    });
    const [page] = await pdfWords(spaced);
    const texts = page!.lines.map((l) => l.text);
    expect(texts).toEqual(['一二三四五六', '一二三四五六', '一 二 三 四 五 六', '一 二 三 四五六']);
    // the word box ends at the last glyph, without the trailing spacing
    expect(page!.lines[0]!.xMax).toBeCloseTo(50 + 6 * 16 + 5 * 3, 3);
    expect(texts.map(stripCjkSpaces)).toEqual(Array(4).fill('一二三四五六'));
    expect(stripCjkSpaces('共 1 件 ， Hello world')).toBe('共1件，Hello world');
  });
});

describe('layout assertions', () => {
  it('lineStarts and lineEnds give the first and last character of each line', () => {
    const starts = lineStarts(words);
    expect(starts.find((s) => s.text === '，第二行')).toMatchObject({ page: 1, char: '，' });
    expect(starts.filter((s) => '，。、；：？！'.includes(s.char))).toHaveLength(1);
    expect(lineEnds(words).filter((e) => '“‘（《'.includes(e.char))).toMatchObject([
      { page: 1, char: '“', text: '第三行“' },
    ]);
  });

  it('textBlockViolations reports words outside the box, except the ones left out', () => {
    const box = (page: PdfPage) =>
      page.number === 1
        ? { xMin: 90, yMin: 90, xMax: 505, yMax: 760 }
        : { xMin: 10, yMin: 10, xMax: 250, yMax: 360 };
    const found = textBlockViolations(words, box, { except: /^(—|\d+)$/ });
    expect(found.map((v) => [v.page, v.word.text])).toEqual([[2, '越界']]);
    const all = textBlockViolations(words, box);
    expect(all.map((v) => v.word.text)).toEqual(['越界', '—', '2', '—']);
    expect(
      textBlockViolations(words, { xMin: 0, yMin: 0, ...A4, xMax: A4.width, yMax: A4.height }),
    ).toEqual([]);
  });
});

describe('renderPages and compareToBaseline', () => {
  let dir: string;
  beforeEach(() => {
    // the self-test must behave the same when someone updates the real baselines
    vi.stubEnv('NIANBAO_UPDATE_BASELINES', '');
    dir = fs.mkdtempSync(path.join(tmp, 'baselines-'));
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('renders gray PNGs at the asked resolution', async () => {
    const pages = await renderPages(pdf, { dpi: 36 });
    expect(pages.map((p) => p.page)).toEqual([1, 2]);
    expect(pages[0]!.width).toBe(Math.ceil((A4.width * 36) / 72));
    expect(pages[0]!.height).toBe(Math.ceil((A4.height * 36) / 72));
    expect([pages[1]!.width, pages[1]!.height]).toEqual([150, 200]);
    const png = PNG.sync.read(pages[0]!.png);
    expect(png.data.equals(pages[0]!.data)).toBe(true);
    expect(pages[0]!.data.length).toBe(pages[0]!.width * pages[0]!.height * 4);
    const second = await renderPages(pdf, { first: 2, last: 2, gray: false });
    expect(second.map((p) => p.page)).toEqual([2]);
  });

  it('fails on a missing baseline, telling how to create it', async () => {
    const [page] = await renderPages(pdf, { last: 1 });
    const result = await compareToBaseline('page-1', page!.png, { dir });
    expect(result.ok).toBe(false);
    expect(result.message).toContain('NIANBAO_UPDATE_BASELINES=1');
    expect(result.message).toContain('page-1.png');
    expect(fs.existsSync(result.actualPath!)).toBe(true);
    await expect(expectBaseline('page-1', page!.png, { dir })).rejects.toThrow(/Baseline missing/);
  });

  it('writes the baseline when asked, then passes identical renders and catches a shift', async () => {
    const [page] = await renderPages(pdf, { last: 1 });
    vi.stubEnv('NIANBAO_UPDATE_BASELINES', '1');
    const written = await compareToBaseline('page-1', page!.png, { dir });
    expect(written).toMatchObject({ ok: true, updated: true });
    expect(fs.readFileSync(path.join(dir, 'page-1.png')).equals(page!.png)).toBe(true);
    vi.stubEnv('NIANBAO_UPDATE_BASELINES', '');

    // a fresh PDF and a fresh render of the same content
    const [again] = await renderPages(await sample(), { last: 1 });
    const same = await compareToBaseline('page-1', again!.png, { dir });
    expect(same).toMatchObject({ ok: true, differing: 0, fraction: 0 });

    const [shifted] = await renderPages(await sample(6), { last: 1 });
    const moved = await compareToBaseline('page-1', shifted!.png, { dir });
    expect(moved.ok).toBe(false);
    expect(moved.fraction).toBeGreaterThan(0.002);
    expect(moved.message).toMatch(/differs from the baseline/);
    expect(moved.diffPath).toBe(path.join(dir, '.failed', 'page-1.diff.png'));
    const diff = PNG.sync.read(fs.readFileSync(moved.diffPath!));
    let red = 0;
    for (let i = 0; i < diff.data.length; i += 4) {
      if (diff.data[i] === 255 && diff.data[i + 1] === 0) red++;
    }
    expect(red).toBe(moved.differing);
    expect(fs.readFileSync(moved.actualPath!).equals(shifted!.png)).toBe(true);
    // a generous tolerance accepts the same shift; a pass clears the failure files
    const lenient = await compareToBaseline('page-1', shifted!.png, { dir, tolerance: 0.5 });
    expect(lenient.ok).toBe(true);
    expect(fs.existsSync(moved.diffPath!)).toBe(false);
  });

  it('fails on a size difference and reads the folder from NIANBAO_BASELINES_DIR', async () => {
    const pages = await renderPages(pdf);
    vi.stubEnv('NIANBAO_UPDATE_BASELINES', '1');
    await compareToBaseline('sized', pages[0]!.png, { dir });
    vi.stubEnv('NIANBAO_UPDATE_BASELINES', '');
    vi.stubEnv('NIANBAO_BASELINES_DIR', dir);
    const result = await compareToBaseline('sized', pages[1]!.png);
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/size differs/);
    await expect(compareToBaseline('../escape', pages[1]!.png)).rejects.toThrow(/invalid/);
  });
});
