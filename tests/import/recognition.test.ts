// Small, focused cases of what the fixtures revealed: Word's "save as text" tables (merged
// cells written once, so header rows do not line up), rows that gained or lost a cell, the
// 落款 indented with tabs, unplaced rows listed as written, UTF-16 without a byte order mark.
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../core/import';
import type { GridCell } from '../../core/import/doc';
import { docxXmlToBlocks } from '../../core/import/docx';
import { htmlToBlocks } from '../../core/import/html';
import { isT2Caption, recogniseTable } from '../../core/import/tables';
import { textToBlocks } from '../../core/import/text';
import { ReportFileError } from '../../core/model';

type Rows = GridCell[][];

function tabTable(lines: string[]): Rows {
  const blocks = textToBlocks(lines.join('\r\n'), false);
  expect(blocks).toHaveLength(1);
  const [block] = blocks;
  if (block?.kind !== 'table') throw new Error('not a table');
  return block.rows.map((r) => [...r]);
}

function htmlTable(html: string): Rows {
  const block = htmlToBlocks(html).find((b) => b.kind === 'table');
  if (block?.kind !== 'table') throw new Error('not a table');
  return block.rows.map((r) => [...r]);
}

/** T3's header as Word's "save as text" writes it: the merged cells once, rows ragged. */
const T3_WORD_HEADER = [
  '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况',
  '\t自然人\t法人或其他组织\t总计',
  '\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t',
];

describe('plain text: tab-separated rows', () => {
  it('a line indented with tabs is a paragraph, not a table row (the 落款)', () => {
    const blocks = textToBlocks(
      '六、其他需要报告的事项\r\n无。\r\n\r\n\t\t\t\t\t青山县自然资源局\r\n\t\t\t\t\t2024年1月22日\r\n',
      false,
    );
    // blank lines stay (as empty paragraphs): a table written one cell per line needs them
    expect(blocks).toEqual([
      { kind: 'p', text: '六、其他需要报告的事项' },
      { kind: 'p', text: '无。' },
      { kind: 'p', text: '' },
      { kind: 'p', text: '\t\t\t\t\t青山县自然资源局' },
      { kind: 'p', text: '\t\t\t\t\t2024年1月22日' },
      { kind: 'p', text: '' },
    ]);
  });

  it('inside a table, a row with a single filled cell continues the table', () => {
    const rows = tabTable(['行政处罚\t12', '\t\t3.其他\t\t\t', '行政强制\t7']);
    expect(rows.map((r) => r.map((c) => c.text))).toEqual([
      ['行政处罚', '12'],
      ['', '', '3.其他', '', '', ''],
      ['行政强制', '7'],
    ]);
  });

  it('a T2 caption is recognised on a line of its own', () => {
    expect(isT2Caption('第二十条第（一）项')).toBe(true);
    expect(isT2Caption(' 第二十条第(五)项 ')).toBe(true);
    expect(isT2Caption('依据第二十条第（一）项的规定')).toBe(false);
  });
});

describe('T3 whose header rows do not line up (Word "save as text")', () => {
  it('reads the columns in the order the header names them, values following the label', () => {
    const rows = tabTable([
      ...T3_WORD_HEADER,
      '一、本年新收政府信息公开申请数量\t1\t2\t3\t4\t5\t6\t21',
      '\t（三）不予公开\t1.属于国家秘密\t7\t8\t9\t10\t11\t12\t57',
    ]);
    const data = recogniseTable('三', rows, '2021');
    expect(data.blocks['t3']!.rows).toEqual({
      new: {
        cells: {
          natural: '1',
          business: '2',
          research: '3',
          nonprofit: '4',
          legal: '5',
          otherOrg: '6',
          total: '21',
        },
      },
      denied1: {
        cells: {
          natural: '7',
          business: '8',
          research: '9',
          nonprofit: '10',
          legal: '11',
          otherOrg: '12',
          total: '57',
        },
      },
    });
    expect(data.unrecognised).toEqual([]);
  });

  it('follows a header in another order', () => {
    const rows = tabTable([
      '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t申请人情况',
      '\t总计\t法人或其他组织\t自然人',
      '\t\t其他\t法律服务机构\t社会组织\t科研机构\t商业企业\t',
      '二、上年结转政府信息公开申请数量\t21\t6\t5\t4\t3\t2\t1',
    ]);
    expect(recogniseTable('三', rows, '2021').blocks['t3']!.rows['carried']!.cells).toEqual({
      natural: '1',
      business: '2',
      research: '3',
      nonprofit: '4',
      legal: '5',
      otherOrg: '6',
      total: '21',
    });
  });

  it('keeps a garbled value in its place, and a row with too few values unplaced', () => {
    const rows = tabTable([
      ...T3_WORD_HEADER,
      '\t\t2.重复申请\t1\t2a\t——\t\t5\t6\t14',
      '\t（一）予以公开\t1\t2\t3\t4\t5\t15',
    ]);
    const data = recogniseTable('三', rows, '2021');
    expect(data.blocks['t3']!.rows).toEqual({
      unprocessed2: {
        cells: {
          natural: '1',
          business: '2a',
          research: '——',
          nonprofit: '',
          legal: '5',
          otherOrg: '6',
          total: '14',
        },
      },
    });
    expect(data.unrecognised).toEqual([
      {
        cells: ['', '（一）予以公开', '1', '2', '3', '4', '5', '15'],
        reason: '数值的个数与表头的列数对不上',
        // the row is known, only its values are not: the checks say ROW_UNRECOGNISED, not 缺少
        row: 'granted',
      },
    ]);
  });
});

describe('T3 rows shifted against the header (a web page)', () => {
  const head =
    '<tr><td colspan="3" rowspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td><td colspan="7">申请人情况</td></tr>' +
    '<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>' +
    '<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>';

  it('a label that lost its merge: the values moved left, and are read from there', () => {
    const rows = htmlTable(
      `<table>${head}<tr><td rowspan="2">三、本年度办理结果</td><td colspan="2">（一）予以公开</td><td>1</td><td>2</td><td>3</td><td>4</td><td>5</td><td>6</td><td>21</td></tr>` +
        '<tr><td>（七）总计</td><td>7</td><td>8</td><td>9</td><td>10</td><td>11</td><td>12</td><td>57</td></tr></table>',
    );
    const data = recogniseTable('三', rows, '2021');
    expect(data.blocks['t3']!.rows['granted']!.cells.natural).toBe('1');
    expect(data.blocks['t3']!.rows['total']!.cells).toEqual({
      natural: '7',
      business: '8',
      research: '9',
      nonprofit: '10',
      legal: '11',
      otherOrg: '12',
      total: '57',
    });
  });

  it('an extra cell before the label: the values moved right, and are read from there', () => {
    const rows = htmlTable(
      `<table>${head}<tr><td></td><td colspan="3">四、结转下年度继续办理</td><td>1</td><td>2</td><td>3</td><td>4</td><td>5</td><td>6</td><td>21</td></tr></table>`,
    );
    expect(recogniseTable('三', rows, '2021').blocks['t3']!.rows['carryNext']!.cells.total).toBe(
      '21',
    );
  });
});

describe('T4', () => {
  const subs = '<td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td>';
  const head =
    '<tr><td colspan="5">行政复议</td><td colspan="10">行政诉讼</td></tr>' +
    '<tr><td rowspan="2">结果维持</td><td rowspan="2">结果纠正</td><td rowspan="2">其他结果</td><td rowspan="2">尚未审结</td><td rowspan="2">总计</td><td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>' +
    `<tr>${subs}${subs}</tr>`;
  const values = Array.from({ length: 15 }, (_, i) => String(101 + i));
  const expected = {
    review: {
      columns: ['upheld', 'corrected', 'other', 'pending', 'total'],
      rows: {
        case: {
          cells: { upheld: '101', corrected: '102', other: '103', pending: '104', total: '105' },
        },
      },
    },
    suitDirect: {
      columns: ['upheld', 'corrected', 'other', 'pending', 'total'],
      rows: {
        case: {
          cells: { upheld: '106', corrected: '107', other: '108', pending: '109', total: '110' },
        },
      },
    },
    suitAfter: {
      columns: ['upheld', 'corrected', 'other', 'pending', 'total'],
      rows: {
        case: {
          cells: { upheld: '111', corrected: '112', other: '113', pending: '114', total: '115' },
        },
      },
    },
  };

  it('a data row with an extra cell before its values is read from where the values are', () => {
    const rows = htmlTable(
      `<table>${head}<tr><td></td>${values.map((v) => `<td>${v}</td>`).join('')}</tr></table>`,
    );
    expect(recogniseTable('四', rows, '2021').blocks).toEqual(expected);
  });

  it('Word "save as text": ragged header rows, values in the header\'s order', () => {
    const rows = tabTable([
      '行政复议\t行政诉讼',
      '结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t复议后起诉',
      `\t\t\t\t\t${'结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t'.repeat(2).slice(0, -1)}`,
      values.join('\t'),
    ]);
    expect(recogniseTable('四', rows, '2021').blocks).toEqual(expected);
  });

  it('Word "save as text" with a value missing: nothing is placed, the row is kept', () => {
    const rows = tabTable([
      '行政复议\t行政诉讼',
      '结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t复议后起诉',
      `\t\t\t\t\t${'结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t'.repeat(2).slice(0, -1)}`,
      values.slice(1).join('\t'),
    ]);
    const data = recogniseTable('四', rows, '2021');
    expect(data.blocks).toEqual({});
    expect(data.unrecognised).toEqual([
      { cells: values.slice(1), reason: '数值的个数与表头的列数对不上' },
    ]);
  });
});

describe('unplaced rows', () => {
  it('list a merged cell once, as written, not once per column it covers', () => {
    const rows = htmlTable(
      '<table><tr><td colspan="4">第二十条第（六）项</td></tr><tr><td>信息内容</td><td colspan="3">本年处理决定数量</td></tr>' +
        '<tr><td>行政处罚</td><td colspan="3">12</td></tr><tr><td>行政征收</td><td colspan="3">9907</td></tr></table>',
    );
    const data = recogniseTable('二', rows, '2021');
    expect(data.blocks['art20_6']!.rows['penalty']!.cells).toEqual({ decisions: '12' });
    expect(data.unrecognised).toEqual([
      { cells: ['行政征收', '9907'], reason: '行名无法识别', block: '第二十条第（六）项' },
    ]);
  });
});

describe('text encodings without a byte order mark', () => {
  const text = '一、总体情况\r\n本年度新收政府信息公开申请12件。\r\n';
  it('UTF-16LE Chinese text (few zero bytes, some at even positions: 一 is U+4E00)', () => {
    const bytes = new Uint8Array(Buffer.from(text, 'utf16le'));
    expect(decodeText(bytes)).toEqual({ text, encoding: 'utf-16le' });
  });

  it('a binary file is refused as binary, not as an unknown encoding', () => {
    const png = Uint8Array.from([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0,
      1, 0,
    ]);
    expect(() => decodeText(png)).toThrow(ReportFileError);
    expect(() => decodeText(png)).toThrow(/不是文本文件（含有二进制数据/u);
  });
});

describe('grids: merged cells in every position they cover', () => {
  const view = (rows: Rows) => rows.map((r) => r.map((c) => `${c.spanned ? '~' : ''}${c.text}`));

  it('HTML rowspan/colspan', () => {
    const rows = htmlTable(
      '<table><tr><td rowspan="2" colspan="2">（三）不予公开</td><td>1.属于国家秘密</td><td>1</td></tr>' +
        '<tr><td>2.其他法律行政法规禁止公开</td><td>&nbsp;</td></tr></table>',
    );
    expect(view(rows)).toEqual([
      ['（三）不予公开', '~（三）不予公开', '1.属于国家秘密', '1'],
      ['~（三）不予公开', '~（三）不予公开', '2.其他法律行政法规禁止公开', '\u00a0'],
    ]);
  });

  it('Word w:gridSpan and w:vMerge (restart, continue written either way)', () => {
    const tc = (text: string, pr = '') =>
      `<w:tc><w:tcPr>${pr}</w:tcPr><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:tc>`;
    const xml =
      '<w:document xmlns:w="w"><w:body><w:tbl>' +
      `<w:tr>${tc('（三）不予公开', '<w:gridSpan w:val="2"/><w:vMerge w:val="restart"/>')}${tc('1.属于国家秘密')}</w:tr>` +
      `<w:tr>${tc('', '<w:gridSpan w:val="2"/><w:vMerge/>')}${tc('2.其他法律行政法规禁止公开')}</w:tr>` +
      `<w:tr>${tc('', '<w:gridSpan w:val="2"/><w:vMerge w:val="continue"/>')}${tc('3.危及“三安全一稳定”')}</w:tr>` +
      '</w:tbl></w:body></w:document>';
    const [block] = docxXmlToBlocks(xml);
    if (block?.kind !== 'table') throw new Error('not a table');
    expect(view(block.rows.map((r) => [...r]))).toEqual([
      ['（三）不予公开', '~（三）不予公开', '1.属于国家秘密'],
      ['~（三）不予公开', '~（三）不予公开', '2.其他法律行政法规禁止公开'],
      ['~（三）不予公开', '~（三）不予公开', '3.危及“三安全一稳定”'],
    ]);
  });

  it('Word runs: split anywhere, proofing marks, bookmarks, tracked deletions, tabs, soft breaks', () => {
    const xml =
      '<w:document xmlns:w="w"><w:body>' +
      '<w:p><w:r><w:t>青山县自</w:t></w:r><w:proofErr w:type="gramStart"/><w:r><w:t>然资源局2023年政府</w:t></w:r><w:proofErr w:type="gramEnd"/>' +
      '<w:bookmarkStart w:id="0" w:name="_GoBack"/><w:bookmarkEnd w:id="0"/><w:r><w:br/></w:r><w:r><w:t>信息公开工作年度报告</w:t></w:r></w:p>' +
      '<w:p><w:r><w:t xml:space="preserve">统计期限自</w:t></w:r><w:del w:id="1" w:author="a"><w:r><w:delText>2022</w:delText></w:r></w:del>' +
      '<w:ins w:id="2" w:author="a"><w:r><w:t>2023</w:t></w:r></w:ins><w:r><w:t>年1月1日起</w:t></w:r></w:p>' +
      '<w:p><w:r><w:tab/><w:tab/><w:t>青山县自然资源局</w:t></w:r></w:p>' +
      '</w:body></w:document>';
    expect(docxXmlToBlocks(xml)).toEqual([
      { kind: 'p', text: '青山县自然资源局2023年政府' },
      { kind: 'p', text: '信息公开工作年度报告' },
      { kind: 'p', text: '统计期限自2023年1月1日起' },
      { kind: 'p', text: '  青山县自然资源局' },
    ]);
  });
});
