// Computed totals for the table editor: what each 总计 cell states and what the format computes.
import { describe, expect, it } from 'vitest';
import { runChecks } from '../../core/checks';
import { cellKey } from '../../core/formats';
import { T3_BLOCK_ID, T4_ROW_ID } from '../../core/formats/common';
import type { Report } from '../../core/model';
import {
  computedTotals,
  followingTotals,
  isTotalCell,
  totalReplacements,
  type TotalEdit,
} from '../../core/totals';
import { balancedReport, clone, rawAt, setCell, t3Values } from '../helpers/reports';

const T3 = T3_BLOCK_ID;
const key3 = (row: string, col: string) => cellKey('三', T3, row, col);

function applied(report: Report, edits: readonly TotalEdit[]): Report {
  const out = clone(report);
  for (const e of edits) setCell(out, e.table, e.block, e.row, e.col, e.value);
  return out;
}

const arithmetic = (r: Report) =>
  runChecks(r)
    .filter((f) => /TOTAL|BALANCE/.test(f.code))
    .map((f) => f.code);

describe('computedTotals on a balanced report', () => {
  for (const [year, rows] of [
    [2021, 25],
    [2020, 23],
  ] as const) {
    it(`${year}: every T3 and T4 total is computed and matches what is stated`, () => {
      const report = balancedReport(year);
      const t3 = computedTotals(report, '三');
      // a 总计 cell in every row, a （七）总计 cell in every column; the grand total is both
      expect(t3.size).toBe(rows + 7 - 1);
      for (const cell of t3.values()) {
        expect(cell.status).toBe('match');
        expect(cell.computed).toBe(Number(cell.stated));
        expect(cell.present).toBe(true);
      }
      expect(t3.get(key3('total', 'total'))!.totals).toEqual(['t3RowTotal', 't3ResultTotal']);
      const values = t3Values(report.format);
      expect(t3.get(key3('granted', 'total'))!.computed).toBe(values['granted']![6]);
      expect(t3.get(key3('total', 'natural'))!.computed).toBe(values['total']![0]);

      const t4 = computedTotals(report, '四');
      expect([...t4.keys()]).toEqual(
        ['review', 'suitDirect', 'suitAfter'].map((b) => cellKey('四', b, T4_ROW_ID, 'total')),
      );
      expect([...t4.values()].map((c) => c.computed)).toEqual([11, 25, 53]);
      expect(computedTotals(report, '二').size).toBe(0);
      expect(totalReplacements(report, '三')).toEqual([]);
      expect(totalReplacements(report, '四')).toEqual([]);
    });
  }

  it('knows which cells are computed', () => {
    expect(isTotalCell('2021', key3('granted', 'total'))).toBe(true);
    expect(isTotalCell('2021', key3('total', 'natural'))).toBe(true);
    expect(isTotalCell('2021', key3('granted', 'natural'))).toBe(false);
    expect(isTotalCell('2021', key3('new', 'natural'))).toBe(false);
    expect(isTotalCell('2021', cellKey('四', 'review', T4_ROW_ID, 'total'))).toBe(true);
    expect(isTotalCell('2021', cellKey('四', 'review', T4_ROW_ID, 'pending'))).toBe(false);
    expect(isTotalCell('2019', key3('other', 'total'))).toBe(true);
    expect(isTotalCell('2021', key3('other', 'total'))).toBe(false);
  });
});

describe('computedTotals on a report whose stated totals were altered', () => {
  it('shows the stated and the computed value where they differ', () => {
    const report = balancedReport(2021);
    const grantedTotal = Number(rawAt(report, '三', T3, 'granted', 'total'));
    setCell(report, '三', T3, 'granted', 'total', String(grantedTotal + 5));
    setCell(report, '四', 'suitAfter', T4_ROW_ID, 'total', '50');
    setCell(report, '三', T3, 'denied3', 'total', 'abc');

    const t3 = computedTotals(report, '三');
    const granted = t3.get(key3('granted', 'total'))!;
    expect(granted).toMatchObject({
      status: 'differs',
      stated: String(grantedTotal + 5),
      computed: grantedTotal,
    });
    expect(t3.get(key3('denied3', 'total'))).toMatchObject({ status: 'differs', stated: 'abc' });
    // the other totals are computed from the computed row totals, so they still match
    expect(t3.get(key3('total', 'total'))!.status).toBe('match');
    expect([...t3.values()].filter((c) => c.status !== 'match')).toHaveLength(2);
    expect(
      computedTotals(report, '四').get(cellKey('四', 'suitAfter', T4_ROW_ID, 'total')),
    ).toMatchObject({ status: 'differs', stated: '50', computed: 53 });

    // replacing them all balances the report again (what the checks say; the column sum is
    // skipped by the checks while a cell reads "abc")
    expect(arithmetic(report).sort()).toEqual(['T3_ROW_TOTAL', 'T4_TOTAL']);
    const fixed = applied(report, [
      ...totalReplacements(report, '三'),
      ...totalReplacements(report, '四'),
    ]);
    expect(totalReplacements(report, '三')).toHaveLength(2);
    expect(arithmetic(fixed)).toEqual([]);
    expect(runChecks(fixed).filter((f) => f.code === 'VALUE_INVALID')).toEqual([]);
  });

  it('computes totals over totals: several wrong row totals, one replacement balances all', () => {
    const report = balancedReport(2021);
    for (const row of ['granted', 'partial', 'new', 'total']) {
      setCell(report, '三', T3, row, 'total', '1');
    }
    setCell(report, '三', T3, 'granted', 'natural', '1000');
    const edits = totalReplacements(report, '三');
    // four row totals stated wrong, and the natural column's （七）总计 is off by the change
    expect(edits.length).toBe(5);
    const fixed = applied(report, edits);
    expect(runChecks(fixed).filter((f) => /TOTAL$/.test(f.code))).toEqual([]);
    expect([...computedTotals(fixed, '三').values()].every((c) => c.status === 'match')).toBe(true);
  });

  it('a blank stated total with a computable value is offered for filling', () => {
    const report = balancedReport(2021);
    setCell(report, '四', 'review', T4_ROW_ID, 'total', '');
    const cell = computedTotals(report, '四').get(cellKey('四', 'review', T4_ROW_ID, 'total'))!;
    expect(cell).toMatchObject({ status: 'blank', computed: 11, stated: '' });
    expect(totalReplacements(report, '四')).toEqual([
      { table: '四', block: 'review', row: T4_ROW_ID, col: 'total', value: '11' },
    ]);
  });

  it('a blank or invalid input leaves the total uncomputed (incomplete), never guessed', () => {
    const report = balancedReport(2021);
    setCell(report, '三', T3, 'granted', 'research', '');
    const t3 = computedTotals(report, '三');
    expect(t3.get(key3('granted', 'total'))).toMatchObject({
      status: 'incomplete',
      computed: null,
    });
    expect(t3.get(key3('total', 'research'))!.computed).toBeNull();
    // a total over totals reads an uncomputable total as stated, as the checks do
    expect(t3.get(key3('total', 'total'))).toMatchObject({
      status: 'match',
      computed: Number(rawAt(report, '三', T3, 'total', 'total')),
    });
    // the natural column still adds up
    expect(t3.get(key3('total', 'natural'))!.status).toBe('match');
    expect(totalReplacements(report, '三')).toEqual([]);
  });

  it('reads stated values with the checks rules ("120件" matches 120)', () => {
    const report = balancedReport(2021);
    setCell(report, '四', 'review', T4_ROW_ID, 'total', '11件');
    expect(
      computedTotals(report, '四').get(cellKey('四', 'review', T4_ROW_ID, 'total'))!.status,
    ).toBe('match');
  });

  it('an absent row is reported as not present', () => {
    const report = balancedReport(2021);
    delete report.sections['三']!.table!.blocks[T3]!.rows['denied2'];
    const cell = computedTotals(report, '三').get(key3('denied2', 'total'))!;
    expect(cell.present).toBe(false);
    expect(cell.computed).toBeNull();
    expect(cell.status).toBe('incomplete');
  });
});

describe('followingTotals: totals kept current as cells are edited', () => {
  it('an edited input updates its row total, its column total and the grand total', () => {
    const before = balancedReport(2021);
    const after = clone(before);
    const old = Number(rawAt(before, '三', T3, 'granted', 'natural'));
    setCell(after, '三', T3, 'granted', 'natural', String(old + 10));
    const edits = followingTotals(before, after, '三');
    const byCell = Object.fromEntries(edits.map((e) => [`${e.row}/${e.col}`, e.value]));
    expect(byCell).toEqual({
      'granted/total': String(Number(rawAt(before, '三', T3, 'granted', 'total')) + 10),
      'total/natural': String(Number(rawAt(before, '三', T3, 'total', 'natural')) + 10),
      'total/total': String(Number(rawAt(before, '三', T3, 'total', 'total')) + 10),
    });
    const result = applied(after, edits);
    expect(runChecks(result).filter((f) => /TOTAL$/.test(f.code))).toEqual([]);
  });

  it('a total the report states against its own cells is left for the user to decide', () => {
    const before = balancedReport(2021);
    setCell(before, '四', 'review', T4_ROW_ID, 'total', '99');
    const after = clone(before);
    setCell(after, '四', 'review', T4_ROW_ID, 'upheld', '4');
    expect(followingTotals(before, after, '四')).toEqual([]);
  });

  it('an untouched total keeps its own wording', () => {
    const before = balancedReport(2021);
    setCell(before, '四', 'review', T4_ROW_ID, 'total', '11件');
    const after = clone(before);
    setCell(after, '四', 'suitDirect', T4_ROW_ID, 'upheld', '5');
    expect(followingTotals(before, after, '四')).toEqual([
      { table: '四', block: 'suitDirect', row: T4_ROW_ID, col: 'total', value: '26' },
    ]);
  });

  it('a matching total is cleared when an input is cleared, and filled once all are there', () => {
    const before = balancedReport(2021);
    const cleared = clone(before);
    setCell(cleared, '四', 'review', T4_ROW_ID, 'upheld', '');
    const clearing = followingTotals(before, cleared, '四');
    expect(clearing).toEqual([
      { table: '四', block: 'review', row: T4_ROW_ID, col: 'total', value: '' },
    ]);
    const blankTotal = applied(cleared, clearing);
    const refilled = clone(blankTotal);
    setCell(refilled, '四', 'review', T4_ROW_ID, 'upheld', '7');
    expect(followingTotals(blankTotal, refilled, '四')).toEqual([
      { table: '四', block: 'review', row: T4_ROW_ID, col: 'total', value: '15' },
    ]);
  });

  it('clearing a T3 cell clears the totals over it, and typing it again fills them all', () => {
    const before = balancedReport(2021);
    const cleared = clone(before);
    setCell(cleared, '三', T3, 'granted', 'research', '');
    const clearing = followingTotals(before, cleared, '三');
    expect(clearing.map((e) => `${e.row}/${e.col}=${e.value}`).sort()).toEqual([
      'granted/total=',
      'total/research=',
      'total/total=',
    ]);
    const blanks = applied(cleared, clearing);
    const retyped = clone(blanks);
    setCell(
      retyped,
      '三',
      T3,
      'granted',
      'research',
      rawAt(before, '三', T3, 'granted', 'research'),
    );
    const refill = applied(retyped, followingTotals(blanks, retyped, '三'));
    expect(refill).toEqual(before);
  });

  it('a stated total with a blank input is not touched (it may be the report’s own figure)', () => {
    const before = balancedReport(2021);
    setCell(before, '四', 'review', T4_ROW_ID, 'upheld', '');
    const after = clone(before);
    setCell(after, '四', 'review', T4_ROW_ID, 'corrected', '2');
    expect(followingTotals(before, after, '四')).toEqual([]);
  });
});
