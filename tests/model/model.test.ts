// The report model: blank reports, cell access, hashes — and the format definitions it is built
// from, against the facts of ../shared/domain/report-format.md.
import { describe, expect, it } from 'vitest';
import { FORMATS, FORMAT_VERSIONS, SECTION_IDS, cellsOf, formatForYear } from '../../core/formats';
import { T3_BLOCK_ID, T3_NOTE, T4_ROW_ID } from '../../core/formats/common';
import { guessUnitKind } from '../../core/units';
import {
  ReportFileError,
  ReportSchema,
  blankReport,
  blankTable,
  cellAt,
  officialTitle,
  stableHash,
  unitIdFor,
  type Unit,
} from '../../core/model';

const unit: Unit = { id: 'u-1', name: '清河县市场监督管理局', kind: '部门' };

describe('blankReport', () => {
  for (const [year, format] of [
    [2019, '2019'],
    [2020, '2019'],
    [2021, '2021'],
    [2030, '2021'],
  ] as const) {
    it(`${year}: the ${format} layout, every section, every cell empty`, () => {
      const report = blankReport(unit, year);
      expect(ReportSchema.parse(report)).toStrictEqual(report);
      expect(report.format).toBe(format);
      expect(report.title).toBe(`清河县市场监督管理局${year}年政府信息公开工作年度报告`);
      expect(report.signature).toEqual({ unit: '清河县市场监督管理局', date: '' });
      expect(Object.keys(report.sections)).toEqual([...SECTION_IDS]);
      expect(Object.values(report.sections).map((s) => s.heading)).toEqual([
        '一、总体情况',
        '二、主动公开政府信息情况',
        '三、收到和处理政府信息公开申请情况',
        '四、政府信息公开行政复议、行政诉讼情况',
        '五、存在的主要问题及改进情况',
        '六、其他需要报告的事项',
      ]);
      expect(report.sections['一']!.table).toBeUndefined();
      let cells = 0;
      for (const c of cellsOf(FORMATS[format])) {
        expect(cellAt(report, c.table.id, c.block.id, c.row.id, c.column.id)).toEqual({
          present: true,
          raw: '',
        });
        cells++;
      }
      expect(cells).toBe(format === '2021' ? 200 : 198);
      expect(report.decisions).toEqual([]);
      expect(report.finalised).toBeNull();
    });
  }

  it('years before 2019 cannot be made in a current format', () => {
    expect(() => blankReport(unit, 2018)).toThrow(ReportFileError);
    expect(() => blankReport(unit, 2018)).toThrow(
      '2018年的报告使用旧格式，只能作为文本存档，不能按现行格式编制。',
    );
  });

  it('blankTable lists every block with its columns in official order', () => {
    const t2 = blankTable('2019', '二');
    expect(Object.keys(t2.blocks)).toEqual(['art20_1', 'art20_5', 'art20_6', 'art20_8', 'art20_9']);
    expect(t2.blocks['art20_8']!.columns).toEqual(['priorItems', 'delta']);
    expect(t2.unrecognised).toEqual([]);
  });
});

describe('cellAt', () => {
  const report = blankReport(unit, 2021);
  report.sections['三']!.table!.blocks[T3_BLOCK_ID]!.rows['new']!.cells['natural'] = '12';

  it('reads a present cell as written', () => {
    expect(cellAt(report, '三', T3_BLOCK_ID, 'new', 'natural')).toEqual({
      present: true,
      raw: '12',
    });
  });

  it('a listed column without a cell reads as empty text', () => {
    delete report.sections['三']!.table!.blocks[T3_BLOCK_ID]!.rows['new']!.cells['business'];
    expect(cellAt(report, '三', T3_BLOCK_ID, 'new', 'business')).toEqual({
      present: true,
      raw: '',
    });
  });

  it('an absent section, table, block, row or column is absent', () => {
    expect(cellAt(report, '三', T3_BLOCK_ID, 'nope', 'natural')).toEqual({ present: false });
    expect(cellAt(report, '三', 'nope', 'new', 'natural')).toEqual({ present: false });
    expect(cellAt(report, '四', 'review', T4_ROW_ID, 'nope')).toEqual({ present: false });
    const copy = structuredClone(report);
    copy.sections['三']!.table!.blocks[T3_BLOCK_ID]!.columns = ['total'];
    expect(cellAt(copy, '三', T3_BLOCK_ID, 'new', 'natural')).toEqual({ present: false });
    delete copy.sections['三']!.table;
    expect(cellAt(copy, '三', T3_BLOCK_ID, 'new', 'total')).toEqual({ present: false });
    delete copy.sections['三'];
    expect(cellAt(copy, '三', T3_BLOCK_ID, 'new', 'total')).toEqual({ present: false });
  });
});

describe('hashes and ids', () => {
  it('stableHash: 16 hex digits, deterministic, sensitive to every character', () => {
    expect(stableHash('')).toMatch(/^[0-9a-f]{16}$/u);
    expect(stableHash('T3_BALANCE|1,2=3')).toBe(stableHash('T3_BALANCE|1,2=3'));
    const seen = new Set<string>();
    for (const text of ['a', 'b', 'ab', 'ba', '自然人', '自然人 ', '1,2=3', '1,2=4', '12=3'])
      seen.add(stableHash(text));
    expect(seen.size).toBe(9);
  });

  it('unitIdFor ignores whitespace; officialTitle follows the format', () => {
    expect(unitIdFor('清河县 市场监督管理局')).toBe(unitIdFor('清河县市场监督管理局'));
    expect(unitIdFor('清河县市场监督管理局')).toMatch(/^u-[0-9a-f]{16}$/u);
    expect(officialTitle('清河县人民政府', 2023)).toBe(
      '清河县人民政府2023年政府信息公开工作年度报告',
    );
  });
});

describe('unit kinds: a name-based guess, offered and never trusted silently', () => {
  const cases: [string, string | null][] = [
    ['清河县人民政府', '政府'],
    ['清河市人民政府', '政府'],
    ['清河县人民政府办公室', '部门'],
    ['山东省人民政府办公厅', '部门'],
    ['城关镇人民政府', '乡镇街道'],
    ['东城街道办事处', '乡镇街道'],
    ['清河县市场监督管理局', '部门'],
    ['清河县发展和改革委员会', '部门'],
    ['清河县红十字会', null],
    ['', null],
  ];
  for (const [name, kind] of cases) {
    it(`“${name}” → ${kind ?? 'unknown'}`, () => {
      expect(guessUnitKind(name)).toBe(kind);
    });
  }
});

describe('the format definitions (report-format.md)', () => {
  it('a year decides its format', () => {
    expect(formatForYear(2018)).toBeNull();
    expect(formatForYear(2019)).toBe('2019');
    expect(formatForYear(2020)).toBe('2019');
    expect(formatForYear(2021)).toBe('2021');
    expect(formatForYear(2100)).toBe('2021');
    expect(FORMATS['2019'].documentNumber).toBe('国办公开办函〔2019〕60号');
    expect(FORMATS['2021'].documentNumber).toBe('国办公开办函〔2021〕30号');
  });

  it('T2 has 10 numbers in 2021 and 22 in 2019, under the official labels', () => {
    const count = (v: '2019' | '2021') => [...cellsOf(FORMATS[v], ['二'])].length;
    expect(count('2021')).toBe(10);
    expect(count('2019')).toBe(22);
    const labels = (v: '2019' | '2021') =>
      FORMATS[v].tables['二'].blocks.map((b) => [
        b.caption,
        b.columns.map((c) => c.label),
        b.rows.map((r) => r.label),
      ]);
    expect(labels('2021')).toEqual([
      [
        '第二十条第（一）项',
        ['本年制发件数', '本年废止件数', '现行有效件数'],
        ['规章', '行政规范性文件'],
      ],
      ['第二十条第（五）项', ['本年处理决定数量'], ['行政许可']],
      ['第二十条第（六）项', ['本年处理决定数量'], ['行政处罚', '行政强制']],
      ['第二十条第（八）项', ['本年收费金额（单位：万元）'], ['行政事业性收费']],
    ]);
    expect(labels('2019')).toEqual([
      [
        '第二十条第（一）项',
        ['本年新制作数量', '本年新公开数量', '对外公开总数量'],
        ['规章', '规范性文件'],
      ],
      [
        '第二十条第（五）项',
        ['上一年项目数量', '本年增/减', '处理决定数量'],
        ['行政许可', '其他对外管理服务事项'],
      ],
      [
        '第二十条第（六）项',
        ['上一年项目数量', '本年增/减', '处理决定数量'],
        ['行政处罚', '行政强制'],
      ],
      ['第二十条第（八）项', ['上一年项目数量', '本年增/减'], ['行政事业性收费']],
      ['第二十条第（九）项', ['采购项目数量', '采购总金额'], ['政府集中采购']],
    ]);
  });

  it('T3: 7 columns; 25 rows in 2021, 23 in 2019; the note of its own balance rule', () => {
    for (const v of FORMAT_VERSIONS) {
      const block = FORMATS[v].tables['三'].blocks[0]!;
      expect(block.columns.map((c) => c.label)).toEqual([
        '自然人',
        '商业企业',
        '科研机构',
        '社会公益组织',
        '法律服务机构',
        '其他',
        '总计',
      ]);
      expect(block.rows).toHaveLength(v === '2021' ? 25 : 23);
      expect(block.rows[0]!.label).toBe('一、本年新收政府信息公开申请数量');
      expect(block.rows.at(-2)!.label).toBe('（七）总计');
      expect(block.rows.at(-1)!.label).toBe('四、结转下年度继续办理');
      expect(FORMATS[v].t3Note).toBe(T3_NOTE);
    }
    expect(T3_NOTE).toBe('（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）');
    expect(FORMATS['2019'].tables['三'].blocks[0]!.rows.find((r) => r.id === 'other')!.label).toBe(
      '（六）其他处理',
    );
    expect(
      FORMATS['2021'].tables['三'].blocks[0]!.rows.filter((r) => r.group === '（六）其他处理').map(
        (r) => r.label,
      ),
    ).toEqual([
      '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
      '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
      '3.其他',
    ]);
  });

  it('T4: one unlabelled row of 15 numbers in three groups of five, the same in both formats', () => {
    for (const v of FORMAT_VERSIONS) {
      const t4 = FORMATS[v].tables['四'];
      expect(t4.blocks.map((b) => b.caption)).toEqual([
        '行政复议',
        '未经复议直接起诉',
        '复议后起诉',
      ]);
      for (const b of t4.blocks) {
        expect(b.columns.map((c) => c.label)).toEqual([
          '结果维持',
          '结果纠正',
          '其他结果',
          '尚未审结',
          '总计',
        ]);
        expect(b.rows.map((r) => r.label)).toEqual(['']);
      }
      expect([...cellsOf(FORMATS[v], ['四'])]).toHaveLength(15);
    }
    expect(FORMATS['2019'].tables['四']).toEqual(FORMATS['2021'].tables['四']);
  });

  it('every assertion of a format refers to cells that exist in it', () => {
    for (const v of FORMAT_VERSIONS) {
      const format = FORMATS[v];
      for (const total of format.totals) {
        const table = format.tables[total.table];
        for (const term of [...total.left, ...total.right]) {
          if (term.row)
            expect(
              table.blocks.some((b) => b.rows.some((r) => r.id === term.row)),
              `${v} ${total.id} ${term.row}`,
            ).toBe(true);
          if (term.col)
            expect(
              table.blocks.some((b) => b.columns.some((c) => c.id === term.col)),
              `${v} ${total.id} ${term.col}`,
            ).toBe(true);
        }
      }
    }
  });
});
