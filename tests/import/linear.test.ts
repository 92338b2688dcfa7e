// Tables written one cell per line, rebuilt into rows (core/import/linear.ts).
import { describe, expect, it } from 'vitest';
import { linearBlocks } from '../../core/import/linear';

const rows = (lines: string[]) =>
  linearBlocks(lines).map((b) =>
    b.kind === 'p'
      ? b.text
      : b.kind === 'layout'
        ? b.lines
        : b.rows.map((r) => r.map((c) => c.text)),
  );

describe('one cell per line', () => {
  it('T2: a caption row, a header row, label rows with their values', () => {
    expect(
      rows([
        '说明文字。',
        '第二十条第（一）项',
        '信息内容',
        '本年制发件数',
        '本年废止件数',
        '现行有效件数',
        '规章',
        '1',
        '2',
        '3',
        '行政规范性文件',
        '4',
        '',
        '6',
        '下一段文字。',
      ]),
    ).toEqual([
      '说明文字。',
      [
        ['第二十条第（一）项'],
        ['信息内容', '本年制发件数', '本年废止件数', '现行有效件数'],
        ['规章', '1', '2', '3'],
        ['行政规范性文件', '4', '', '6'],
      ],
      '下一段文字。',
    ]);
  });

  it('T3: group labels join the row they open; blanks before a label are dropped', () => {
    expect(
      rows([
        '自然人',
        '商业企业',
        '总计',
        '三、本年度办理结果',
        '（一）予以公开',
        '1',
        '2',
        '3',
        '',
        '（二）部分公开',
        '4',
        '5',
        '6',
      ]),
    ).toEqual([
      [
        ['自然人', '商业企业', '总计'],
        ['三、本年度办理结果', '（一）予以公开', '1', '2', '3', ''],
        ['（二）部分公开', '4', '5', '6'],
      ],
    ]);
  });

  it('T4: values after the header labels are the unlabelled data row', () => {
    expect(rows(['行政复议', '结果维持', '结果纠正', '总计', '1', '2', '3', '四、结尾'])).toEqual([
      [
        ['行政复议', '结果维持', '结果纠正', '总计'],
        ['1', '2', '3'],
      ],
      '四、结尾',
    ]);
  });

  it('blank lines after every cell only separate cells (text taken from a PDF)', () => {
    const lines = [
      '信息内容',
      '本年处理决定数量',
      '行政许可',
      '12',
      '行政处罚',
      '3',
      '行政强制',
      '5',
    ];
    expect(rows(lines.flatMap((l) => [l, '']))).toEqual([
      [
        ['信息内容', '本年处理决定数量'],
        ['行政许可', '12'],
        ['行政处罚', '3'],
        ['行政强制', '5'],
      ],
    ]);
  });

  it('an unknown short label followed by values is a row; a sentence ends the table', () => {
    const lines = [
      '信息内容',
      '本年处理决定数量',
      '行政征收',
      '9',
      '行政许可',
      '7',
      '行政处罚',
      '5',
    ];
    expect(rows([...lines, '以上数据截至年底。'])).toEqual([
      [
        ['信息内容', '本年处理决定数量'],
        ['行政征收', '9'],
        ['行政许可', '7'],
        ['行政处罚', '5'],
      ],
      '以上数据截至年底。',
    ]);
  });

  it('needs labels and at least three values: a few numbers in prose stay prose', () => {
    expect(rows(['规章', '3', '全年办理完毕。'])).toEqual(['规章', '3', '全年办理完毕。']);
  });
});
