// The table-reading stage's parts (core/import/tables/), each on the case that made it what it
// is: a number it would put in a wrong cell, taken from the generated shapes and real reports.
import { describe, expect, it } from 'vitest';
import { FORMATS } from '../../core/formats';
import { T3_BLOCK_ID } from '../../core/formats/common';
import { importReport } from '../../core/import';
import { assign, splits } from '../../core/import/tables/assign';
import { identifyRow } from '../../core/import/tables/identify';
import { readTable, textLines } from '../../core/import/tables';
import { cutRun } from '../../core/import/tables/vocabulary';

const pieces = (run: string) => cutRun(run).map((p) => [p.kind, p.text]);
const t3 = (format: '2019' | '2021') => FORMATS[format].tables['三'].blocks[0]!;

describe('cutRun: a run of text without spaces, cut by the official vocabulary', () => {
  it("keeps a delta's sign with its number, even right after other figures", () => {
    expect(pieces('102减13行政强制')).toEqual([
      ['number', '102'],
      ['number', '减13'],
      ['word', '行政强制'],
    ]);
    expect(pieces('0-20')).toEqual([
      ['number', '0'],
      ['number', '-20'],
    ]);
  });

  it('cuts a dash standing for an empty cell from the label and the figures around it', () => {
    expect(pieces('3.其他—40')).toEqual([
      ['word', '3.其他'],
      ['number', '—'],
      ['number', '40'],
    ]);
  });

  it('takes one digit for an ordinal: the figures glued before it are numbers', () => {
    expect(pieces('01133.其他')).toEqual([
      ['number', '0113'],
      ['word', '3.其他'],
    ]);
  });
});

describe('splits: glued digits', () => {
  it('a sign stays with the first number cut from its token', () => {
    expect(splits(['0', '-20'], 3, [false, true])).toEqual([['0', '-2', '0']]);
  });
});

describe('assign: which value goes in which column', () => {
  const values = (...texts: string[]) => texts.map((text) => ({ text, glued: true }));
  const record = (texts: string[]) => ({
    values: values(...texts),
    row: null,
    lossy: false,
    labelAt: -1,
  });

  it('splits glued digits under a header naming the columns when the row total confirms one reading', () => {
    const columns = t3('2019').columns;
    const a = assign(
      record(['230', '000023']),
      [{ order: columns, positions: null, named: true }],
      (r) =>
        Number(r['total']) ===
        columns.filter((c) => c.id !== 'total').reduce((s, c) => s + Number(r[c.id] || 0), 0)
          ? true
          : false,
    );
    expect(a.kind).toBe('placed');
    if (a.kind === 'placed')
      expect(Object.values(a.cells)).toEqual(['23', '0', '0', '0', '0', '0', '23']);
  });

  it('does not split many glued digits by the official order alone: some reading adds up by chance', () => {
    // 16 digits of a row without its total column (139 147 0 921 171 116): as seven official
    // columns, 13 91 4 70 921 17 | 1116 adds up
    const columns = t3('2019').columns;
    const sums = (r: Record<string, string>) =>
      Number(r['total']) ===
      columns.filter((c) => c.id !== 'total').reduce((s, c) => s + Number(r[c.id] || 0), 0);
    const a = assign(
      record(['1391470921171116']),
      [{ order: columns, positions: null, named: false }],
      (r) => sums(r),
    );
    expect(a.kind).toBe('failed');
  });

  it('never places a split nothing confirms, even the only one ("719" was 7, a blank and 19)', () => {
    const block = FORMATS['2021'].tables['二'].blocks[0]!;
    const a = assign(
      record(['719']),
      [{ order: block.columns, positions: null, named: true }],
      () => null,
    );
    expect(a.kind).not.toBe('placed');
  });
});

describe('identifyRow', () => {
  it('reads a label wrapped around a piece of its group label as the long label, not the piece', () => {
    const cells = [
      '（六）',
      '1.申请人无正当理由逾期不补',
      '其他',
      '正、行政机关不再处理其政府',
    ].map((text) => ({ text }));
    const hit = identifyRow(cells, t3('2021').rows, '信息公开申请');
    expect(hit?.def.label).toContain('申请人无正当理由逾期不补正');
  });
});

describe('readTable: a row read twice', () => {
  it('with other figures: neither is trusted, both are kept for the clerk', () => {
    const lines = textLines(
      [
        '申请人情况 自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计',
        '（一）予以公开 1 2 3 4 5 6 21',
        '（一）予以公开 2 2 3 4 5 6 22',
      ],
      0,
    );
    const data = readTable('三', lines, '2021');
    expect(data.blocks[T3_BLOCK_ID]?.rows['granted']).toBeUndefined();
    const kept = data.unrecognised.filter((u) => u.row === 'granted');
    expect(kept).toHaveLength(2);
    expect(kept[0]!.reason).toContain('两次');
  });

  it('with the same figures (a table repeated on the next page): the row stays', () => {
    const lines = textLines(
      [
        '申请人情况 自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计',
        '（一）予以公开 1 2 3 4 5 6 21',
        '（一）予以公开 1 2 3 4 5 6 21',
      ],
      0,
    );
    const data = readTable('三', lines, '2021');
    expect(data.blocks[T3_BLOCK_ID]?.rows['granted']?.cells['total']).toBe('21');
  });
});

describe('pipe text', () => {
  const report = (table: string) =>
    importReport(
      new TextEncoder().encode(
        `某局2019年政府信息公开工作年度报告\n四、政府信息公开行政复议、行政诉讼情况\n${table}\n五、存在的主要问题及改进情况\n无。\n`,
      ),
      { fileName: 'x.txt' },
    ).report.sections['四']!.table!;

  it('without outer pipes, a pipe at the start of a line borders an empty first cell', () => {
    const t4 = report(
      [
        '行政复议 |  |  |  |  | 行政诉讼 |  |  |  |  |  |  |  |  | ',
        '结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 |  |  |  |  | 复议后起诉 |  |  |  | ',
        ' |  |  |  |  | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计',
        '95 | 7 | 17 | 0 | 119 | 4 | 8 | 0 | 9 | 21 | 39 | 0 | 0 | 0 | 39',
      ].join('\n'),
    );
    expect(Object.values(t4.blocks['review']!.rows['case']!.cells)).toEqual([
      '95',
      '7',
      '17',
      '0',
      '119',
    ]);
    expect(Object.values(t4.blocks['suitAfter']!.rows['case']!.cells)).toEqual([
      '39',
      '0',
      '0',
      '0',
      '39',
    ]);
  });

  it('a table broken over lines: a line break beside a number is where a row ended', () => {
    const t4 = report(
      [
        '行政',
        '复议 | 行政',
        '诉讼',
        '结果维持 | 结果纠正 | 其他',
        '结果 | 尚未',
        '审结 | 总计 | 未经复议直',
        '接起诉 | 复议后起诉',
        '结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计',
        '8 | 0 | 0 | 0 | 8 | 1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 0 | 0',
      ].join('\n'),
    );
    expect(t4.blocks['review']?.rows['case']?.cells['upheld'] ?? '').not.toMatch(/总计/u);
    for (const b of Object.values(t4.blocks))
      for (const v of Object.values(b.rows['case']?.cells ?? {})) expect(v).toMatch(/^\d*$/u);
  });
});
