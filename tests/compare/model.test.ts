// The comparison model (issue 14): cell flags at and around their thresholds, blank vs 0,
// 2019 ↔ 2021 through the format definitions, a Chinese diff asserted run by run, changed
// figures, and the bad inputs (a report with itself, a text-only year, two formats).
import { describe, expect, it } from 'vitest';
import {
  COMPARE_THRESHOLDS,
  cellFlag,
  compareReports,
  diffText,
  flaggedFirst,
  type CellComparison,
} from '../../core/compare';
import { similarity } from '../../core/diff';
import { T3_BLOCK_ID } from '../../core/formats/common';
import { balancedReport, clone, priorOf, setCell } from '../helpers/reports';

const n = (value: number | null, raw = value === null ? '' : String(value)) => ({ raw, value });
const cellOf = (cells: readonly CellComparison[], key: string) => cells.find((c) => c.key === key)!;

describe('cell flags (thresholds in COMPARE_THRESHOLDS)', () => {
  it('jump: ×3 or ÷3 and a difference of at least 10 — both needed', () => {
    expect(COMPARE_THRESHOLDS).toMatchObject({ jumpRatio: 3, jumpMinDelta: 10 });
    expect(cellFlag(n(10), n(30))).toBe('jump'); // ×3, +20
    expect(cellFlag(n(30), n(10))).toBe('jump'); // ÷3, −20
    expect(cellFlag(n(10), n(29))).toBeNull(); // ×2.9
    expect(cellFlag(n(2), n(9))).toBeNull(); // ×4.5 but +7
    expect(cellFlag(n(5), n(15))).toBe('jump'); // ×3, +10
    expect(cellFlag(n(100), n(120))).toBeNull();
  });

  it('appeared: blank or 0 → a figure; vanished: a figure → 0 or blank', () => {
    expect(cellFlag(n(0), n(3))).toBe('appeared');
    expect(cellFlag(n(null), n(3))).toBe('appeared');
    expect(cellFlag(n(3), n(0))).toBe('vanished');
    expect(cellFlag(n(3), n(null))).toBe('vanished');
    expect(cellFlag(n(3), n(4))).toBeNull();
    expect(cellFlag(n(0), n(0))).toBeNull();
  });

  it('blank in one year only: blank against 0 (not appeared, not vanished); blank both: nothing', () => {
    expect(cellFlag(n(null), n(0))).toBe('blank');
    expect(cellFlag(n(0), n(null))).toBe('blank');
    expect(cellFlag(n(null), n(null))).toBeNull();
    // an invalid text is no figure to flag
    expect(cellFlag({ raw: '三十', value: null, invalid: true }, n(5))).toBeNull();
  });

  it('in a real comparison: values, delta, ratio, raw texts and flags per cell, flagged first', () => {
    const b = balancedReport(2021);
    const a = clone(b);
    setCell(a, '三', T3_BLOCK_ID, 'new', 'natural', '10');
    setCell(b, '三', T3_BLOCK_ID, 'new', 'natural', '40');
    setCell(a, '四', 'review', 'case', 'upheld', '');
    setCell(b, '四', 'review', 'case', 'upheld', '0');
    setCell(a, '二', 'art20_5', 'licensing', 'decisions', '5');
    setCell(b, '二', 'art20_5', 'licensing', 'decisions', '');
    const c = compareReports(a, b);
    const jump = cellOf(c.cells, `三|${T3_BLOCK_ID}|new|natural`);
    expect(jump).toMatchObject({
      table: '三',
      row: '一、本年新收政府信息公开申请数量',
      column: '自然人',
      aRaw: '10',
      bRaw: '40',
      a: 10,
      b: 40,
      delta: 30,
      ratio: 4,
      flag: 'jump',
    });
    expect(cellOf(c.cells, '四|review|case|upheld')).toMatchObject({
      aRaw: '',
      bRaw: '0',
      delta: null,
      flag: 'blank',
    });
    expect(cellOf(c.cells, '二|art20_5|licensing|decisions')).toMatchObject({
      block: '第二十条第（五）项',
      row: '行政许可',
      column: '本年处理决定数量',
      flag: 'vanished',
    });
    expect(c.counts).toMatchObject({ jump: 1, blank: 1, vanished: 1, appeared: 0, flagged: 3 });
    expect(
      flaggedFirst(c.cells)
        .slice(0, 3)
        .map((x) => x.flag),
    ).toEqual(['vanished', 'jump', 'blank']);
  });
});

describe('2019 ↔ 2021', () => {
  const r2021 = balancedReport(2021);
  const r2020 = priorOf(r2021); // 2020, 2019 format

  it('T3 and T4 row by row; 2019 （六）其他处理 against the sum of 2021 （六）1–3', () => {
    const c = compareReports(r2020, r2021);
    expect(c.notes.join('')).toContain('格式不同');
    const t3 = c.cells.filter((x) => x.table === '三');
    // 23 rows of 2019 (（六） once) × 7 columns
    expect(t3).toHaveLength(23 * 7);
    const other = t3.find((x) => x.rowId === 'other' && x.columnId === 'total')!;
    expect(other.note).toContain('（六）1–3之和');
    const sum = ['other1', 'other2', 'other3']
      .map((r) => Number(r2021.sections['三']!.table!.blocks[T3_BLOCK_ID]!.rows[r]!.cells['total']))
      .reduce((s, v) => s + v, 0);
    expect(other.b).toBe(sum);
    expect(other.a).toBe(
      Number(r2020.sections['三']!.table!.blocks[T3_BLOCK_ID]!.rows['other']!.cells['total']),
    );
    expect(c.cells.filter((x) => x.table === '四')).toHaveLength(15);
  });

  it('T2: only the 处理决定数量 both versions have is compared; every other measure is not comparable', () => {
    const c = compareReports(r2020, r2021);
    expect(c.cells.filter((x) => x.table === '二').map((x) => `${x.row}|${x.columnId}`)).toEqual([
      '行政许可|decisions',
      '行政处罚|decisions',
      '行政强制|decisions',
    ]);
    const only = c.notComparable;
    expect(only.some((x) => x.only === 'b' && x.column === '现行有效件数')).toBe(true);
    expect(only.some((x) => x.only === 'a' && x.column === '对外公开总数量')).toBe(true);
    expect(only.some((x) => x.only === 'a' && x.row === '政府集中采购')).toBe(true);
    // 其他对外管理服务事项 exists in 2019 only; the three rows both have are never listed
    expect(only.filter((x) => /处理决定数量/u.test(x.column)).map((x) => x.row)).toEqual([
      '其他对外管理服务事项',
    ]);
    // the other way round gives the same pairs
    const back = compareReports(r2021, r2020);
    expect(back.cells.filter((x) => x.table === '二')).toHaveLength(3);
    expect(back.cells.find((x) => x.rowId === 'other' && x.columnId === 'total')!.a).toBe(
      c.cells.find((x) => x.rowId === 'other' && x.columnId === 'total')!.b,
    );
  });
});

describe('text diff', () => {
  it('a Chinese sentence with insertions and deletions in the middle, run by run', () => {
    const d = diffText(
      '本年度共收到申请30件，比上年增加5件，均按时答复。',
      '本年度共收到申请25件，比上年减少5件，均已按时答复。',
    );
    expect(d.runs).toEqual([
      { op: 'equal', text: '本年度共收到申请' },
      { op: 'delete', text: '30' },
      { op: 'insert', text: '25' },
      { op: 'equal', text: '件，比上年' },
      { op: 'delete', text: '增加' },
      { op: 'insert', text: '减少' },
      { op: 'equal', text: '5件，均' },
      { op: 'insert', text: '已' },
      { op: 'equal', text: '按时答复。' },
    ]);
    expect(d.insertions).toBe(5);
    expect(d.deletions).toBe(4);
    expect(d.figures).toEqual([{ context: '本年度共收到申请', a: '30件', b: '25件' }]);
  });

  it('no one-character islands; a changed number is whole; years are no figures', () => {
    const d = diffText('2023年，我局认真贯彻落实条例。', '2024年，我局全面贯彻落实新条例。');
    expect(d.runs[0]).toEqual({ op: 'delete', text: '2023' });
    expect(d.runs[1]).toEqual({ op: 'insert', text: '2024' });
    expect(
      d.runs.filter(
        (r) =>
          r.op === 'equal' &&
          r.text.length <= COMPARE_THRESHOLDS.islandMax &&
          d.runs.indexOf(r) > 0 &&
          d.runs.indexOf(r) < d.runs.length - 1,
      ),
    ).toEqual([]);
    expect(d.figures).toEqual([]);
    // digits of a web address are no figures either
    expect(diffText('见 www.gov.cn/202302 页面。', '见 www.gov.cn/202403 页面。').figures).toEqual(
      [],
    );
  });

  it('similarity is what TEXT_COPIED measures; identical texts give one unchanged run', () => {
    const a = '依托政府门户网站及时发布信息共2864条，制定行政规范性文件18件并全部公开。';
    const b = '通过门户网站主动公开政府信息3127条，全年印发行政规范性文件18件，均已公开。';
    expect(diffText(a, b).similarity).toBeCloseTo(similarity(a, b), 1);
    expect(diffText(a, a)).toEqual({
      runs: [{ op: 'equal', text: a }],
      similarity: 1,
      insertions: 0,
      deletions: 0,
      figures: [],
    });
    expect(diffText('', '').similarity).toBe(1);
  });
});

describe('bad input', () => {
  it('a report with itself: every cell and section unchanged, no error', () => {
    const r = balancedReport(2022);
    const c = compareReports(r, r);
    expect(c.relation).toBe('same');
    expect(c.notes[0]).toContain('同一份报告');
    expect(c.counts.flagged).toBe(0);
    expect(c.counts.changedCells).toBe(0);
    expect(c.sections.every((s) => !s.changed && s.similarity === 1)).toBe(true);
    expect(c.header.every((h) => h.same)).toBe(true);
  });

  it('a text-only year with a structured one: the whole text compared, with a clear note', () => {
    const r = balancedReport(2019);
    const legacy = {
      legacy: true as const,
      unit: { id: r.unit.id, name: r.unit.name },
      year: 2016,
      title: '某局2016年政府信息公开工作年度报告',
      text: '2016年，我局共收到申请12件。',
    };
    const c = compareReports(legacy, r);
    expect(c.cells).toEqual([]);
    expect(c.notes.join('')).toContain('2016年度的报告是2019年以前的旧格式');
    expect(c.sections.map((s) => s.section)).toEqual(['全文']);
    expect(c.sections[0]!.changed).toBe(true);
    expect(c.a.format).toBeNull();
  });

  it('two units with different formats: matched through the formats, relation other', () => {
    const a = balancedReport(2020, { unitName: '甲镇' });
    const b = balancedReport(2021, { unitName: '乙镇' });
    const c = compareReports(a, b);
    expect(c.relation).toBe('other');
    expect(c.notComparable.length).toBeGreaterThan(0);
    expect(c.header.find((h) => h.field === '落款单位')!.same).toBe(false);
  });
});
