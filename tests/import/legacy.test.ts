// Reports in the formats before 2019 (2008–2018) are kept as text-only documents: the title,
// unit and year are found, the text keeps every paragraph and table row in order, and anything
// that is not a readable text document is refused with a Chinese message. The fixtures in
// tests/fixtures/legacy/ are written by hand (not by the generator): a 2013 county government
// report as Word text (UTF-8 with BOM, CRLF, a tab table), a 2010 department report saved by
// Notepad in GBK with its title broken over two lines and the year in Chinese numerals, and a
// 2016 town report as a county website page with a merged-cell table.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { importLegacy, type LegacyDocument } from '../../core/import';
import { ReportFileError } from '../../core/model';
import { FIXTURES } from '../helpers/paths';

const bytesOf = (name: string) => new Uint8Array(readFileSync(path.join(FIXTURES, 'legacy', name)));
const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

const legacy = (name: string) => importLegacy(bytesOf(name), { fileName: name });

const OLD_HEADINGS = [
  '一、概述',
  '二、主动公开政府信息情况',
  '三、依申请公开政府信息情况',
  '四、政府信息公开的收费及减免情况',
  '五、因政府信息公开申请行政复议、提起行政诉讼的情况',
  '六、存在的主要问题和改进措施',
];

/** Each fragment occurs in the text, after the one before it. */
function expectInOrder(text: string, fragments: readonly string[]): void {
  let from = 0;
  for (const fragment of fragments) {
    const at = text.indexOf(fragment, from);
    expect(at, `"${fragment}" after position ${from}`).toBeGreaterThanOrEqual(0);
    from = at + fragment.length;
  }
}

function expectCleanLines(doc: LegacyDocument): void {
  const lines = doc.text.split('\n');
  // blank lines collapsed, no line ends or stray spaces left from the source
  expect(lines.every((l) => l.trim() !== '')).toBe(true);
  expect(doc.text).not.toMatch(/\r|\u3000|\u00a0|^ | $/mu);
}

function refusal(run: () => unknown): string {
  let error: unknown = null;
  try {
    run();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ReportFileError);
  const message = (error as ReportFileError).message;
  expect(message).toMatch(/[\u4e00-\u9fff]/u);
  expect(message).not.toMatch(/Error|undefined|null/u);
  return message;
}

describe('importLegacy', () => {
  it('reads a 2013 county report saved by Word as text (UTF-8 with BOM, CRLF)', () => {
    const doc = legacy('county-2013.txt');
    expect(doc.title).toBe('青石县人民政府2013年政府信息公开工作年度报告');
    expect(doc.unitName).toBe('青石县人民政府');
    expect(doc.year).toBe(2013);
    expect(doc.text.startsWith('青石县人民政府2013年政府信息公开工作年度报告\n')).toBe(true);
    expectCleanLines(doc);
    expectInOrder(doc.text, [
      '现将青石县人民政府2013年政府信息公开工作情况报告如下。',
      OLD_HEADINGS[0]!,
      '培训工作人员126人次。',
      OLD_HEADINGS[1]!,
      '全县共主动公开政府信息3846条',
      '类别\t条数\t占比',
      '机构职能\t312\t8.1%',
      '规范性文件\t46\t1.2%',
      '财政预决算\t128\t3.3%',
      '其他\t3360\t87.4%',
      '（二）公开形式。',
      OLD_HEADINGS[2]!,
      '全县共受理政府信息公开申请27件',
      OLD_HEADINGS[3]!,
      '全县未收取任何政府信息公开检索、复制、邮寄等费用。',
      OLD_HEADINGS[4]!,
      OLD_HEADINGS[5]!,
      '规范办理流程。',
      '青石县人民政府办公室\n2014年3月28日',
    ]);
    expect(doc.text.split('\n')).toContain('其他\t3360\t87.4%');
  });

  it('reads a 2010 department report in GBK, its title broken over two lines', () => {
    const bytes = bytesOf('education-2010.gbk.txt');
    // really GBK ("ANSI" on Chinese Windows): not UTF-8, 政 is D5FE
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    expect(Buffer.from(bytes).includes(Buffer.from([0xd5, 0xfe]))).toBe(true);
    const doc = importLegacy(bytes, { fileName: 'education-2010.gbk.txt' });
    expect(doc.title).toBe('青石县教育局二〇一〇年政府信息公开工作年度报告');
    expect(doc.unitName).toBe('青石县教育局');
    expect(doc.year).toBe(2010);
    expectCleanLines(doc);
    expectInOrder(doc.text, [
      '青石县教育局\n二〇一〇年政府信息公开工作年度报告',
      ...OLD_HEADINGS.slice(0, 2),
      '招生考试信息64条，教育收费信息38条，人事信息41条。',
      ...OLD_HEADINGS.slice(2),
      '推动学校信息公开工作规范化。',
    ]);
    // the same text without a file name (sniffed as text) reads alike
    expect(importLegacy(bytes)).toEqual(doc);
  });

  it('reads a 2016 town report from a county website page, with a merged-cell table', () => {
    const doc = legacy('town-2016.html');
    // the breadcrumb and the metadata table name the report too; the title is the page's heading
    // (broken by <br>)
    expect(doc.title).toBe('青石县白水镇人民政府2016年政府信息公开工作年度报告');
    expect(doc.unitName).toBe('青石县白水镇人民政府');
    expect(doc.year).toBe(2016);
    expectCleanLines(doc);
    expect(doc.text).not.toMatch(/doZoom|_hmt|<|&nbsp;|&gt;/u);
    const lines = doc.text.split('\n');
    // rowspan: the label is written once, the row it covers has an empty first cell;
    // colspan: the group label once, no empty cell after it; an &nbsp; cell is empty
    expect(lines).toContain('信息类别\t公开数量（条）');
    expect(lines).toContain('\t网站公开\t公开栏公开');
    expect(lines).toContain('村务公开\t\t56');
    expectInOrder(doc.text, [
      '当前位置：首页>政府信息公开>政府信息公开年报',
      '青石县白水镇人民政府2016年政府信息公开\n工作年度报告',
      '本报告根据《中华人民共和国政府信息公开条例》要求',
      OLD_HEADINGS[0]!,
      '全年更新镇政务公开栏12期。',
      OLD_HEADINGS[1]!,
      '各类信息公开情况如下表：',
      '财政资金\t42\t12',
      '惠民政策\t57\t19',
      '村务公开\t\t56',
      ...OLD_HEADINGS.slice(2),
      '拓展公开渠道。',
      '白水镇人民政府\n2017年3月20日',
      '【打印本页】【关闭窗口】',
    ]);
  });

  it('reads the page without its file name, and the same report as .docx', () => {
    const html = legacy('town-2016.html');
    expect(importLegacy(bytesOf('town-2016.html'))).toEqual(html);

    const run = (text: string) => `<w:r><w:t xml:space="preserve">${text}</w:t></w:r>`;
    const p = (...texts: string[]) => `<w:p>${texts.map(run).join('')}</w:p>`;
    const tc = (text: string) => `<w:tc>${p(text)}</w:tc>`;
    const xml =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' +
      p('青石县白水镇人民政府', '2015年政府信息公开工作年度报告') +
      p('一、概述') +
      p('2015年，我镇', '主动公开政府信息', '152条。') +
      `<w:tbl><w:tr>${tc('类别')}${tc('条数')}</w:tr><w:tr>${tc('财政资金')}${tc('37')}</w:tr></w:tbl>` +
      p('六、存在的主要问题和改进措施') +
      '</w:body></w:document>';
    const docx = zipSync({ 'word/document.xml': utf8(xml) });
    const doc = importLegacy(docx, { fileName: '白水镇2015年报.docx' });
    expect(doc).toEqual({
      title: '青石县白水镇人民政府2015年政府信息公开工作年度报告',
      unitName: '青石县白水镇人民政府',
      year: 2015,
      text: [
        '青石县白水镇人民政府2015年政府信息公开工作年度报告',
        '一、概述',
        '2015年，我镇主动公开政府信息152条。',
        '类别\t条数',
        '财政资金\t37',
        '六、存在的主要问题和改进措施',
      ].join('\n'),
    });
  });

  it('takes the year and the unit from the options over the title', () => {
    const doc = importLegacy(bytesOf('county-2013.txt'), {
      fileName: 'county-2013.txt',
      year: 2012,
      unit: '青石县人民政府办公室',
    });
    expect(doc.year).toBe(2012);
    expect(doc.unitName).toBe('青石县人民政府办公室');
    expect(doc.title).toBe('青石县人民政府2013年政府信息公开工作年度报告');
    expect(doc.text).toBe(legacy('county-2013.txt').text);
  });

  it('finds older title wordings', () => {
    const title = (first: string) => importLegacy(utf8(`${first}\n一、概述\n正文。\n`));
    expect(title('青石县人民政府关于2012年政府信息公开工作年度报告')).toMatchObject({
      title: '青石县人民政府关于2012年政府信息公开工作年度报告',
      unitName: '青石县人民政府',
      year: 2012,
    });
    expect(title('青石县民政局2009年度政府信息公开工作报告')).toMatchObject({
      unitName: '青石县民政局',
      year: 2009,
    });
    expect(title('青石县 财政局 政府信息公开年报（2011年）')).toMatchObject({
      title: '青石县财政局政府信息公开年报（2011年）',
      unitName: '青石县财政局',
      year: 2011,
    });
    // a body sentence naming the report is not its title
    const doc = importLegacy(
      utf8('工作总结\n根据要求，现发布本县政府信息公开工作年度报告。\n一、概述\n'),
    );
    expect(doc).toMatchObject({ title: '工作总结', unitName: '', year: null });
  });

  it('without a report title: the first line, no unit, the year only if that line says it', () => {
    expect(importLegacy(utf8('\r\n\r\n  2014年工作情况  \r\n正文\r\n'))).toEqual({
      title: '2014年工作情况',
      unitName: '',
      year: 2014,
      text: '2014年工作情况\n正文',
    });
    const long = '长'.repeat(300);
    const doc = importLegacy(utf8(`${long}\n`));
    expect(doc.title).toBe('长'.repeat(200));
    expect(doc.year).toBeNull();
    expect(doc.text).toBe(long);
  });

  it('refuses PDF and old Word files with the import messages', () => {
    const pdf = utf8('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n');
    expect(refusal(() => importLegacy(pdf, { fileName: '2013年报.pdf' }))).toMatch(
      /^这是 PDF 文件，其中的表格无法可靠地读取。/u,
    );
    expect(refusal(() => importLegacy(pdf))).toMatch(/^这是 PDF 文件/u);
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    expect(refusal(() => importLegacy(ole, { fileName: '2012年报.doc' }))).toMatch(
      /Word 97-2003 文档（\.doc）/u,
    );
  });

  it('refuses empty input', () => {
    expect(refusal(() => importLegacy(new Uint8Array(0), { fileName: 'a.txt' }))).toBe(
      '文件是空的（0 字节），没有可导入的内容。',
    );
    for (const blank of [' \r\n\t\r\n\u3000\n', '\uFEFF\n\n']) {
      refusal(() => importLegacy(utf8(blank), { fileName: 'a.txt' }));
    }
    // a page with nothing to read
    const page = '<html><head><title>年报</title></head><body><script>x()</script></body></html>';
    refusal(() => importLegacy(utf8(page), { fileName: 'a.html' }));
  });

  it('refuses the app’s own data file and other JSON', () => {
    const file = utf8('{"schema":1,"app":"nianbao","year":2013}');
    expect(refusal(() => importLegacy(file, { fileName: '2013.nianbao.json' }))).toBe(
      '这是年报数据文件，请直接导入，不必作为旧格式文本保存。',
    );
    expect(refusal(() => importLegacy(utf8('{"a":1}'), { fileName: 'x.json' }))).toMatch(/JSON/u);
  });
});
