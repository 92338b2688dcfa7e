// core/aggregate and the screen's model (renderer/models/aggregate-view) on small hand-made
// inputs: money units, blank and invalid member cells, the member choice, the breakdown.
import { describe, expect, it } from 'vitest';
import { aggregate, aggregateEdits, memberProblem, type TreeUnit } from '../../core/aggregate';
import { memberSheet } from '../../core/aggregate/sheet';
import { cellKey } from '../../core/formats';
import { T3_BLOCK_ID } from '../../core/formats/common';
import { blankReport } from '../../core/model';
import {
  cellBreakdown,
  findSelfUnit,
  memberOptions,
  selfUnitName,
  toggleMember,
} from '../../renderer/models/aggregate-view';
import { balancedReport, setCell } from '../helpers/reports';

const NATURAL = cellKey('三', T3_BLOCK_ID, 'new', 'natural');

describe('core/aggregate', () => {
  it('sums 2019 money in one unit (元 and 万元), leaves blank and invalid cells out, shows them', () => {
    const a = balancedReport(2020, { unitName: '甲局', layout: '2019' });
    const b = balancedReport(2020, { unitName: '乙局', layout: '2019', scale: 2 });
    setCell(a, '二', 'art20_9', 'procurement', 'amount', '1.5万元');
    setCell(b, '二', 'art20_9', 'procurement', 'amount', '2500元');
    setCell(b, '三', T3_BLOCK_ID, 'new', 'natural', '');
    const agg = aggregate(2020, '2019', [
      { unitId: 'a', name: '甲局', report: a },
      { unitId: 'b', name: '乙局', report: b },
    ]);
    const money = agg.cells.find(
      (c) => c.key === cellKey('二', 'art20_9', 'procurement', 'amount'),
    )!;
    // the column's first unit is 元: 15000 + 2500
    expect(money.sum).toBe(17500);
    const natural = agg.cells.find((c) => c.key === NATURAL)!;
    expect(natural.values[1]).toBe('');
    expect(natural.sum).toBe(natural.values[0]);
    const b2 = cellBreakdown(agg, NATURAL)!;
    expect(b2.uncounted).toBe(1);
    expect(b2.rows.at(-1)).toMatchObject({ name: '乙局', text: '空', counted: false });
    // writing: the column without a unit of its own gets the unit with the number
    const target = blankReport({ id: 'p', name: '上级', kind: '政府' }, 2020);
    const edits = aggregateEdits({ ...target, format: '2019' }, agg);
    expect(edits.find((e) => e.block === 'art20_9' && e.col === 'amount')?.value).toBe('17500元');
  });

  it('lists members without a report or in another format; the sheet has a 合计 row', () => {
    const a = balancedReport(2025, { unitName: '甲局' });
    const old = balancedReport(2025, { unitName: '旧局', layout: '2019' });
    const agg = aggregate(2025, '2021', [
      { unitId: 'a', name: '甲局', report: a, status: '待定稿', errors: 0, warnings: 1 },
      { unitId: 'o', name: '旧局', report: old },
      { unitId: 'm', name: '缺报局', report: null },
      { unitId: 't', name: '文本局', report: 'legacy' },
    ]);
    expect(agg.members.map((m) => m.state)).toEqual(['counted', 'format', 'missing', 'legacy']);
    expect(agg.counted).toEqual(['a']);
    const sheet = memberSheet(agg);
    expect(sheet.rows[1]!.slice(1, 4)).toEqual(['旧局', '', '格式不同，未汇总（2019年版）']);
    expect(sheet.total[1]).toBe('合计（1 个单位）');
  });
});

describe('choosing members', () => {
  const units: TreeUnit[] = [
    { id: 'c', name: '县', parentId: null },
    { id: 'd', name: '局', parentId: 'c' },
    { id: 's', name: '所', parentId: 'd' },
    { id: 't', name: '镇', parentId: 'c' },
    { id: 'x', name: '外县', parentId: null },
  ];
  it('refuses a unit below another chosen one, or outside the parent', () => {
    expect(memberProblem(units, { id: 'c', name: '县' }, ['d', 't'])).toBeNull();
    expect(memberProblem(units, { id: 'c', name: '县' }, ['s', 't'])).toBeNull();
    expect(memberProblem(units, { id: 'c', name: '县' }, ['d', 's'])).toMatch(
      /“所”是“局”的下属单位/u,
    );
    expect(memberProblem(units, { id: 'c', name: '县' }, ['x'])).toMatch(/不是“县”的下属单位/u);
  });
  it('ticking a department unticks its sub-units, which are then not offered', () => {
    let options = memberOptions(units, 'c', new Set(['s', 't']));
    expect(options.map((o) => [o.unit.id, o.depth, o.checked, o.covered])).toEqual([
      ['d', 0, false, false],
      ['s', 1, true, false],
      ['t', 0, true, false],
    ]);
    const chosen = toggleMember(options, 'd', true);
    expect(chosen).toEqual(['d', 't']);
    options = memberOptions(units, 'c', new Set(chosen));
    expect(options.find((o) => o.unit.id === 's')).toMatchObject({ checked: false, covered: true });
    expect(toggleMember(options, 't', false)).toEqual(['d']);
  });
  it('finds the parent’s own office unit (本级) only directly below the parent', () => {
    expect(selfUnitName('县')).toBe('县（本级）');
    expect(findSelfUnit(units, 'c')).toBeNull();
    const below = [...units, { id: 'b', name: '县（本级）', parentId: 'd' }];
    expect(findSelfUnit(below, 'c')).toBeNull();
    const merged = [...units, { id: 'm', name: '县（本级）', parentId: 'c', mergedInto: 'd' }];
    expect(findSelfUnit(merged, 'c')).toBeNull();
    const self = [...units, { id: 'o', name: '县（本级）', parentId: 'c' }];
    expect(findSelfUnit(self, 'c')?.id).toBe('o');
  });
});
