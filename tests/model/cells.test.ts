// Cell values (checks.md "Cell values"): normalisation of what a cell says, per column kind and table.
import { describe, expect, it } from 'vitest';
import { formatNumber, normaliseCellText, parseCell, type CellValue } from '../../core/cells';
import { FORMATS, type ColumnDef, type TableId } from '../../core/formats';

const col = (format: '2019' | '2021', table: TableId, block: string, id: string): ColumnDef => {
  const c = FORMATS[format].tables[table].blocks
    .find((b) => b.id === block)
    ?.columns.find((x) => x.id === id);
  if (!c) throw new Error(`${format}/${table}/${block}/${id}`);
  return c;
};

const T3 = col('2021', '三', 't3', 'natural');
const T4 = col('2021', '四', 'review', 'total');
const T2_COUNT = col('2021', '二', 'art20_1', 'issued');
const T2_FEES = col('2021', '二', 'art20_8', 'fees');
const DELTA = col('2019', '二', 'art20_5', 'delta');
const ITEMS = col('2019', '二', 'art20_5', 'priorItems');
const AMOUNT = col('2019', '二', 'art20_9', 'amount');

const num = (value: number, measure: string): CellValue => ({ state: 'number', value, measure });

describe('parseCell: counts', () => {
  const cases: [string, number][] = [
    ['0', 0],
    ['12', 12],
    ['１２', 12],
    ['11,983', 11983],
    ['11，983', 11983],
    ['1,234,567', 1234567],
    ['0件', 0],
    ['12条', 12],
    ['3项', 3],
    ['5个', 5],
    ['7人次', 7],
    ['7 人', 7],
    [' 12 ', 12],
    ['１２件', 12],
    ['\u200b12\u00a0', 12],
    ['无', 0],
    ['没有', 0],
    ['1.0', 1],
  ];
  for (const [raw, value] of cases) {
    it(`“${raw}” → ${value}`, () => {
      expect(parseCell(raw, T3, '三')).toEqual(num(value, '件'));
      expect(parseCell(raw, T4, '四')).toEqual(num(value, '件'));
      expect(parseCell(raw, T2_COUNT, '二')).toEqual(num(value, '件'));
    });
  }

  it('a count keeps its column measure (项 for the 2019 item counts)', () => {
    expect(parseCell('79', ITEMS, '二')).toEqual(num(79, '项'));
  });

  const invalid: [string, string][] = [
    ['abc', '“abc”不是数字'],
    ['1,23', '“1,23”不是数字'],
    ['12,3456', '“12,3456”不是数字'],
    ['-3', '数量不能为负数（“-3”）'],
    ['减 3', '数量不能为负数（“减 3”）'],
    ['增 5', '“增 5”是增减数，此处应填数量'],
    ['+5', '“+5”是增减数，此处应填数量'],
    ['3.5', '数量应为整数（“3.5”）'],
    ['5元', '“5元”带有金额单位，此处应填件数'],
    ['5万元', '“5万元”带有金额单位，此处应填件数'],
    ['件', '“件”不是数字'],
    ['1e3', '“1e3”不是数字'],
    ['0x10', '“0x10”不是数字'],
    ['二十', '“二十”不是数字'],
    ['9'.repeat(400), `“${'9'.repeat(400)}”数字过大，不是实际的数量或金额`],
    ['9007199254740993', '“9007199254740993”数字过大，不是实际的数量或金额'],
  ];
  for (const [raw, reason] of invalid) {
    it(`“${raw.length > 20 ? `${raw.slice(0, 20)}…` : raw}” is invalid`, () => {
      expect(parseCell(raw, T3, '三')).toEqual({ state: 'invalid', reason });
    });
  }

  it('the largest exact integer is still a number', () => {
    expect(parseCell('9007199254740991', T3, '三')).toEqual(num(9007199254740991, '件'));
  });
});

describe('parseCell: blanks and “not applicable”', () => {
  for (const raw of ['', ' ', '　', '空', '/', '／', '-', '－', '—', '——', '———', '–', '_']) {
    it(`“${raw}” is blank in T3 and T4`, () => {
      expect(parseCell(raw, T3, '三')).toEqual({ state: 'blank' });
      expect(parseCell(raw, T4, '四')).toEqual({ state: 'blank' });
    });
  }

  for (const raw of ['/', '／', '——', '不适用', ' 不适用 ']) {
    it(`“${raw}” is not applicable in T2`, () => {
      expect(parseCell(raw, T2_COUNT, '二')).toEqual({ state: 'na' });
      expect(parseCell(raw, T2_FEES, '二')).toEqual({ state: 'na' });
    });
  }

  for (const raw of ['', '空', '-', '—', '———']) {
    it(`“${raw}” is blank in T2`, () => {
      expect(parseCell(raw, T2_COUNT, '二')).toEqual({ state: 'blank' });
    });
  }

  it('不适用 outside T2 is not a number', () => {
    expect(parseCell('不适用', T3, '三')).toEqual({ state: 'invalid', reason: '“不适用”不是数字' });
  });
});

describe('parseCell: signed deltas (本年增/减 only)', () => {
  const cases: [string, number][] = [
    ['增 69', 69],
    ['增69项', 69],
    ['增加 5', 5],
    ['新增3', 3],
    ['+5', 5],
    ['＋５', 5],
    ['减 3', -3],
    ['减少3项', -3],
    ['-8', -8],
    ['－８', -8],
    ['0', 0],
    ['无', 0],
    ['12', 12],
    ['-0', 0],
  ];
  for (const [raw, value] of cases) {
    it(`“${raw}” → ${value}`, () => {
      expect(parseCell(raw, DELTA, '二')).toEqual(num(value, '项'));
    });
  }

  it('a delta must be whole and carries no money unit', () => {
    expect(parseCell('增 1.5', DELTA, '二')).toEqual({
      state: 'invalid',
      reason: '增减数应为整数（“增 1.5”）',
    });
    expect(parseCell('增 5万元', DELTA, '二')).toEqual({
      state: 'invalid',
      reason: '“增 5万元”带有金额单位，此处应填项目增减数',
    });
    expect(parseCell('增', DELTA, '二')).toEqual({ state: 'invalid', reason: '“增”不是数字' });
  });

  it('in a count column the same text is invalid', () => {
    expect(parseCell('增 69', ITEMS, '二').state).toBe('invalid');
    expect(parseCell('-8', ITEMS, '二').state).toBe('invalid');
  });
});

describe('parseCell: money', () => {
  it('2021 本年收费金额 is in 万元', () => {
    expect(parseCell('4068.208', T2_FEES, '二')).toEqual(num(4068.208, '万元'));
    expect(parseCell('4068.208万元', T2_FEES, '二')).toEqual(num(4068.208, '万元'));
    expect(parseCell('4,068.208', T2_FEES, '二')).toEqual(num(4068.208, '万元'));
    expect(parseCell('0', T2_FEES, '二')).toEqual(num(0, '万元'));
    expect(parseCell('无', T2_FEES, '二')).toEqual(num(0, '万元'));
  });

  it('a 2021 fee in 元 is refused with the value in 万元', () => {
    expect(parseCell('251000元', T2_FEES, '二')).toEqual({
      state: 'invalid',
      reason: '“251000元”的单位不对，此列单位为万元，应写作 25.1',
    });
    expect(parseCell('15元', T2_FEES, '二')).toEqual({
      state: 'invalid',
      reason: '“15元”的单位不对，此列单位为万元，应写作 0.0015',
    });
  });

  it('2019 采购总金额 keeps the unit as stated, 元 or 万元, or none', () => {
    expect(parseCell('251000元', AMOUNT, '二')).toEqual(num(251000, '元'));
    expect(parseCell('25.1万元', AMOUNT, '二')).toEqual(num(25.1, '万元'));
    expect(parseCell('6944.93', AMOUNT, '二')).toEqual(num(6944.93, ''));
    expect(parseCell('3件', AMOUNT, '二')).toEqual({ state: 'invalid', reason: '“3件”的单位不对' });
  });

  it('money is never signed', () => {
    expect(parseCell('-5', AMOUNT, '二')).toEqual({
      state: 'invalid',
      reason: '金额不能写成增减或负数（“-5”）',
    });
    expect(parseCell('增 5', T2_FEES, '二')).toEqual({
      state: 'invalid',
      reason: '金额不能写成增减或负数（“增 5”）',
    });
  });
});

describe('helpers', () => {
  it('normaliseCellText folds full-width forms and drops all whitespace', () => {
    expect(normaliseCellText(' １２，３４５　件\n')).toBe('12,345件');
    expect(normaliseCellText('／')).toBe('/');
  });

  it('formatNumber prints decimals without float noise', () => {
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(4068.208)).toBe('4068.208');
    expect(formatNumber(251000 / 10000)).toBe('25.1');
    expect(formatNumber(12)).toBe('12');
    expect(formatNumber(-2)).toBe('-2');
  });
});
