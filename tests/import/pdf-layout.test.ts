// The pure half of PDF import on pages built by hand: ruled tables (merged cells, texts by
// their middle, a cell's lines joined), text outside tables (running headers and page numbers
// dropped, paragraphs, headings, 落款), layout blocks, struck-through text, a row broken across
// pages, and the refusals (a scan, undecodable text).
import { describe, expect, it } from 'vitest';
import type { DocBlock } from '../../core/import/doc';
import { importPdfPages, pdfToBlocks, PDF_MESSAGES, type PdfPage } from '../../core/import';
import { isPageNumber } from '../../core/import/pdf/flow';
import { ems } from '../../core/import/pdf/text';
import type { PdfRule, PdfText } from '../../core/import/pdf/types';

const W = 595;
const H = 842;

/** A text item of `size` points, its width from its characters (CJK 1 em, others ½). */
function t(text: string, x: number, y: number, size = 12): PdfText {
  return { text, x, y, width: ems(text) * size, height: size, fontSize: size, font: 'f1' };
}
const hr = (y: number, x0: number, x1: number): PdfRule => ({ x0, y0: y - 0.25, x1, y1: y + 0.25 });
const vr = (x: number, y0: number, y1: number): PdfRule => ({ x0: x - 0.25, y0, x1: x + 0.25, y1 });
/** A one-row table from y0 to y1, its columns' edges at xs, every rule drawn. */
const row = (y0: number, y1: number, xs: readonly number[]): PdfRule[] => [
  hr(y0, xs[0]!, xs[xs.length - 1]!),
  hr(y1, xs[0]!, xs[xs.length - 1]!),
  ...xs.map((x) => vr(x, y0, y1)),
];
const page = (texts: PdfText[], rules: PdfRule[] = []): PdfPage => ({
  width: W,
  height: H,
  texts,
  rules,
});

/** A body text of n characters, as a line at the left margin (or indented 2 em). */
const body = (n: number, y: number, indent = false, text = '政'.repeat(n)) =>
  t(text, indent ? 96 : 72, y, 12);

const tables = (blocks: DocBlock[]) =>
  blocks.flatMap((b) =>
    b.kind === 'table' ? [b.rows.map((r) => r.map((c) => (c.spanned ? '^' : c.text)))] : [],
  );
const texts = (blocks: DocBlock[]) => blocks.flatMap((b) => (b.kind === 'p' ? [b.text] : []));

/** Filler so that a page is not taken for a scan (40 characters a page at least). */
const filler = (y: number) => [body(38, y), body(20, y + 18)];

describe('tables drawn with ruling lines', () => {
  // 3 columns × 3 rows; the top row's two right cells merged (no rule between them), the left
  // column's two lower cells merged (no rule between them)
  const rules = [
    hr(100, 72, 372),
    hr(130, 72, 372),
    hr(160, 172, 372),
    hr(190, 72, 372),
    vr(72, 100, 190),
    vr(172, 100, 190),
    vr(272, 130, 190),
    vr(372, 100, 190),
  ];
  const cells = [
    t('信息内容', 80, 120),
    t('本年处理决定数量', 200, 120),
    t('行政处罚', 80, 170),
    t('89', 200, 150),
    t('12', 300, 150),
    t('7', 200, 180),
    t('3', 300, 180),
  ];

  it('merged cells where an inner rule is missing, spans expanded as in HTML', () => {
    const blocks = pdfToBlocks([page([...cells, ...filler(400)], rules)]);
    expect(tables(blocks)).toEqual([
      [
        ['信息内容', '本年处理决定数量', '^'],
        ['行政处罚', '89', '12'],
        ['^', '7', '3'],
      ],
    ]);
  });

  it("a cell's lines joined: no space between CJK, a space between Latin words, none in a number", () => {
    const wrapped = [
      t('（二）部分公开（区分', 80, 140, 10),
      t('处理的）', 80, 152, 10),
      t('Open', 200, 140, 10),
      t('Data', 200, 152, 10),
      t('5949.08', 300, 140, 10),
      t('8667', 300, 152, 10),
    ];
    const grid = row(130, 160, [72, 172, 272, 372]);
    const blocks = pdfToBlocks([page([...wrapped, ...filler(400)], grid)]);
    expect(tables(blocks)).toEqual([
      [['（二）部分公开（区分处理的）', 'Open Data', '5949.088667']],
    ]);
  });

  it('an item that pdf.js ran across a column rule is cut at its spaces', () => {
    const grid = row(130, 160, [72, 172, 272, 372]);
    const item = { ...t('本年制发件数 本年废止件数', 100, 150), width: 12 * 6 + 30 + 12 * 6 };
    const blocks = pdfToBlocks([page([t('信息内容', 280, 150), item, ...filler(400)], grid)]);
    expect(tables(blocks)).toEqual([[['本年制发件数', '本年废止件数', '信息内容']]]);
  });

  it('a frame around the text (one column) is not a table', () => {
    const frame = [
      hr(60, 60, 540),
      hr(300, 60, 540),
      hr(500, 60, 540),
      vr(60, 60, 500),
      vr(540, 60, 500),
    ];
    const blocks = pdfToBlocks([page([t('一、总体情况', 96, 100), ...filler(200)], frame)]);
    expect(tables(blocks)).toEqual([]);
    expect(texts(blocks)[0]).toBe('一、总体情况');
  });

  it('text struck through (a printed tracked deletion) is left out, in a cell or a line', () => {
    const grid = row(130, 160, [72, 222, 372]);
    const strike = (x0: number, x1: number, y: number) => hr(y - 4, x0, x1);
    const blocks = pdfToBlocks([
      page(
        [t('9', 80, 150), t('3698', 100, 150), t('统计期限自20222023年', 72, 400), ...filler(450)],
        [...grid, strike(80, 86, 150), strike(72 + 5 * 12, 72 + 5 * 12 + 24, 400)],
      ),
    ]);
    expect(tables(blocks)).toEqual([[['3698', '']]]);
    expect(texts(blocks)[0]).toBe('统计期限自2023年');
  });

  it('a row broken across pages is joined with its rest on the next page', () => {
    const grid = (y0: number) => row(y0, y0 + 30, [72, 222, 372, 472]);
    const first = page(
      [...filler(100), t('2.没有现成信', 80, 780), t('22', 230, 780), t('98', 380, 780)],
      grid(760),
    );
    const next = page(
      [
        t('息需要另行制作', 80, 90),
        t('6', 230, 90),
        t('3.补正后申请内容仍不明确', 80, 120),
        t('14', 230, 120),
        t('142', 380, 120),
        ...filler(300),
      ],
      [...grid(72), ...grid(102)],
    );
    expect(tables(pdfToBlocks([first, next]))).toEqual([
      [
        ['2.没有现成信息需要另行制作', '226', '98'],
        ['3.补正后申请内容仍不明确', '14', '142'],
      ],
    ]);
  });

  it('a table whose next page starts with a row of its own (a label) is not joined', () => {
    const grid = (y0: number) => row(y0, y0 + 30, [72, 222, 372]);
    const first = page(
      [...filler(100), t('4.保护第三方合法权益', 80, 780), t('296', 230, 780)],
      grid(760),
    );
    const next = page(
      [t('5.属于三类内部事务信息', 80, 90), t('', 230, 90), ...filler(300)],
      grid(72),
    );
    expect(tables(pdfToBlocks([first, next]))).toHaveLength(2);
  });
});

describe('text outside tables', () => {
  it('page numbers and running headers are left out; paragraphs run on across pages', () => {
    const header = (p: number) => t(`某县人民政府 2023年报告 第${p}页`, 200, 40, 9);
    const pages = [
      page([
        header(1),
        t('一、总体情况', 96, 120),
        body(26, 150, true),
        body(28, 170),
        t('— 1 —', 280, 800),
      ]),
      page([header(2), body(28, 120), body(10, 140), t('2/2', 290, 800)]),
    ];
    const blocks = pdfToBlocks(pages);
    expect(texts(blocks)).toEqual(['一、总体情况', '政'.repeat(26 + 28 + 28 + 10)]);
  });

  // the text block: 38 characters of 12 pt from x = 72 (the filler's lines), first lines
  // indented by 2 characters
  it('a line ending short, an indented line, a heading, a larger gap and the 落款 start paragraphs', () => {
    const lines = [
      t('某县人民政府2023年', 200, 80, 22),
      t('政府信息公开工作年度报告', 170, 110, 22),
      body(36, 150, true),
      body(12, 170), // ends short
      body(36, 190, true),
      body(38, 210), // full
      body(36, 230, true), // indented: a new paragraph
      t('（一）主动公开', 96, 250),
      body(38, 270),
      body(38, 300), // set apart by more than the usual line distance
      body(5, 320),
      t('某县人民政府', 400, 380),
      t('2024年1月20日', 400, 400),
    ];
    expect(texts(pdfToBlocks([page(lines)]))).toEqual([
      '某县人民政府2023年',
      '政府信息公开工作年度报告',
      '政'.repeat(48),
      '政'.repeat(74),
      '政'.repeat(36),
      '（一）主动公开',
      '政'.repeat(38),
      '政'.repeat(43),
      '某县人民政府',
      '2024年1月20日',
    ]);
  });

  it('a line ending short because the next word did not fit is joined with it', () => {
    const lines = [
      body(36, 150, true),
      body(34, 170),
      t('（www.pingtan.gov.cn）下载。', 72, 190),
      ...filler(300),
    ];
    expect(texts(pdfToBlocks([page(lines)]))[0]).toBe(
      `${'政'.repeat(70)}（www.pingtan.gov.cn）下载。`,
    );
  });

  it.each(['3', '— 3 —', '- 3 -', '第 3 页', '第3页 共10页', '3/10', 'Page 3'])(
    '%s is a page number',
    (text) => expect(isPageNumber(text)).toBe(true),
  );
  it.each(['2023年', '一、总体情况', '3件'])('%s is not', (text) =>
    expect(isPageNumber(text)).toBe(false),
  );
});

describe('layout blocks: a table drawn without rules', () => {
  const lines = [
    t('信息内容', 72, 100),
    t('本年制发件数', 200, 100),
    t('本年废止件数', 300, 100),
    t('现行有效件数', 400, 100),
    t('规章', 72, 118),
    t('13', 220, 118),
    t('14', 320, 118),
    t('15', 420, 118),
    t('行政规范性', 72, 136),
    t('文件', 72, 154),
    t('18', 220, 145),
    t('19', 320, 145),
    t('97', 420, 145),
  ];

  it('lines with runs set apart by wide gaps, and the wrapped label between them', () => {
    const blocks = pdfToBlocks([page([...lines, ...filler(400)])]);
    const layout = blocks.find((b) => b.kind === 'layout');
    expect(layout).toBeDefined();
    const rows = (layout as Extract<DocBlock, { kind: 'layout' }>).lines.map((l) =>
      l.map((s) => s.text),
    );
    expect(rows).toEqual([
      ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'],
      ['规章', '13', '14', '15'],
      ['行政规范性'],
      ['18', '19', '97'],
      ['文件'],
    ]);
    const first = (layout as Extract<DocBlock, { kind: 'layout' }>).lines[0]![1]!;
    expect(first).toEqual({ text: '本年制发件数', x0: 200, x1: 272 });
  });

  it('a layout block in a table section goes to the table reader: cells by column, the wrapped label joined', () => {
    const report = [
      t('某县人民政府2023年政府信息公开工作年度报告', 100, 60, 16),
      t('一、总体情况', 96, 80),
      body(20, 96, true),
      t('二、主动公开政府信息情况', 96, 130),
      ...lines.map((l) => ({ ...l, y: l.y + 60 })),
      t('三、收到和处理政府信息公开申请情况', 96, 300),
    ];
    const { report: r } = importPdfPages([page(report)], { fileName: 'x.pdf' });
    const block = r.sections['二']!.table!.blocks['art20_1']!;
    expect(block.rows['rules']!.cells).toEqual({ issued: '13', repealed: '14', effective: '15' });
    expect(block.rows['normative']!.cells).toEqual({
      issued: '18',
      repealed: '19',
      effective: '97',
    });
    // the table's text is not also kept as paragraphs
    expect(r.sections['二']!.paragraphs.map((p) => p.text).join('')).not.toContain('规章');
    expect(r.source).toEqual({ file: 'x.pdf', type: 'pdf' });
  });
});

describe('PDFs without readable text', () => {
  it('no text: a scan when the file holds images, else no text layer', () => {
    const blank = [page([]), page([t('扫描', 72, 72)])];
    expect(() => pdfToBlocks(blank, { images: 2 })).toThrow(PDF_MESSAGES.scanned);
    expect(() => pdfToBlocks(blank)).toThrow(PDF_MESSAGES.noText);
  });

  it('text that decodes to private-use characters is refused', () => {
    const garbled = page([t('\ue001\ue002\ue003'.repeat(20), 72, 100)]);
    expect(() => pdfToBlocks([garbled])).toThrow(PDF_MESSAGES.garbled);
  });
});
