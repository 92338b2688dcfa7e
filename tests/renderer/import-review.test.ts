// Reviewing an import's unread table rows (renderer/models/import-review.ts), on a full 2021
// report that lost rows the way import loses them: the row absent from its block and its source
// cells kept in `table.unrecognised` (with the official row when import read the label).
import { describe, expect, it } from 'vitest';
import { runChecks } from '../../core/checks';
import type { Report, UnrecognisedRow } from '../../core/model';
import {
  assignUnread,
  dismissUnread,
  isNumericCell,
  proposeValues,
  reviewSummary,
  unreadRows,
} from '../../renderer/models/import-review';
import { balancedReport, clone, rawAt } from '../helpers/reports';

const FULL = balancedReport(2021);

/** A copy of FULL without the named rows and with the unread entries import would keep. */
function imported(
  lost: readonly [table: '二' | '三' | '四', block: string, row: string][],
  unread: Partial<Record<'二' | '三' | '四', UnrecognisedRow[]>>,
): Report {
  const r = clone(FULL);
  for (const [t, b, row] of lost) delete r.sections[t]!.table!.blocks[b]!.rows[row];
  for (const [t, entries] of Object.entries(unread)) {
    r.sections[t as '二']!.table!.unrecognised = entries;
  }
  return r;
}

// T3 lost 予以公开 (import read its label but its figures were glued) and 重复申请 (its label was
// not read at all); T2 lost 行政处罚 under a caption it saw; the source had a page footer too.
const t3Cells = (row: string) =>
  Object.values(FULL.sections['三']!.table!.blocks['t3']!.rows[row]!.cells);
const GRANTED = ['（一）予以公开', ...t3Cells('granted')];
const REPEATED = ['2.重复申请', ...t3Cells('unprocessed2')];
const REPORT = imported(
  [
    ['三', 't3', 'granted'],
    ['三', 't3', 'unprocessed2'],
    ['二', 'art20_6', 'penalty'],
  ],
  {
    三: [
      { cells: GRANTED, reason: '数字粘连，无法确认拆分', row: 'granted' },
      { cells: REPEATED, reason: '行名无法识别' },
      { cells: ['第 3 页 共 8 页'], reason: '不是表格行' },
    ],
    二: [{ block: '第二十条第（六）项', cells: ['行政处罚', '增 12'], reason: '行名无法识别' }],
  },
);

describe('reviewSummary', () => {
  it('counts the official rows read and expected per table, and the rows to review', () => {
    expect(reviewSummary(REPORT)).toEqual([
      { table: '二', read: 5, expected: 6, unread: 1, line: '表二 5/6 行已读入，1 行待核对' },
      { table: '三', read: 23, expected: 25, unread: 3, line: '表三 23/25 行已读入，3 行待核对' },
      { table: '四', read: 3, expected: 3, unread: 0, line: '表四 3/3 行已读入' },
    ]);
  });

  it('does not count a row that is present but blank as read', () => {
    const r = clone(REPORT);
    for (const col of Object.keys(r.sections['三']!.table!.blocks['t3']!.rows['total']!.cells)) {
      r.sections['三']!.table!.blocks['t3']!.rows['total']!.cells[col] = ' ';
    }
    expect(reviewSummary(r)[1]).toMatchObject({ read: 22, expected: 25 });
  });

  it('says nothing is pending for a complete report', () => {
    expect(reviewSummary(FULL).map((s) => s.line)).toEqual([
      '表二 6/6 行已读入',
      '表三 25/25 行已读入',
      '表四 3/3 行已读入',
    ]);
  });
});

describe('unreadRows', () => {
  const items = unreadRows(REPORT);

  it('lists every unread entry in table order with its source cells and reason', () => {
    expect(items.map((i) => [i.table, i.index, i.reason])).toEqual([
      ['二', 0, '行名无法识别'],
      ['三', 0, '数字粘连，无法确认拆分'],
      ['三', 1, '行名无法识别'],
      ['三', 2, '不是表格行'],
    ]);
    expect(items[2]!.cells).toEqual(REPEATED);
    expect(items[0]!.caption).toBe('第二十条第（六）项');
  });

  it('suggests the official row import named, and none otherwise', () => {
    expect(items[1]!.suggested).toEqual({
      block: 't3',
      row: 'granted',
      label: '三、本年度办理结果 · （一）予以公开',
    });
    expect(items[2]!.suggested).toBeNull();
  });

  it('offers the rows not yet filled; T2 only within the captioned block', () => {
    expect(items[0]!.candidates).toEqual([
      { block: 'art20_6', row: 'penalty', label: '第二十条第（六）项 · 行政处罚' },
    ]);
    expect(items[1]!.candidates.map((c) => c.row)).toEqual(['granted', 'unprocessed2']);
    expect(items[2]!.candidates.map((c) => c.label)).toEqual([
      '三、本年度办理结果 · （一）予以公开',
      '（五）不予处理 · 2.重复申请',
    ]);
  });

  it('offers every unfilled T2 row when the caption is unknown, and T4 per block', () => {
    const r = imported(
      [
        ['二', 'art20_1', 'rules'],
        ['二', 'art20_8', 'fees'],
        ['四', 'suitAfter', 'case'],
      ],
      {
        二: [{ cells: ['规 章', '1', '0', '5'], reason: '行名无法识别' }],
        四: [{ block: '复议后起诉', cells: ['1', '0', '0', '1', '2'], reason: 'x', row: 'case' }],
      },
    );
    const [t2, t4] = unreadRows(r);
    expect(t2!.candidates.map((c) => `${c.block}|${c.row}`)).toEqual([
      'art20_1|rules',
      'art20_8|fees',
    ]);
    expect(t4!.candidates).toEqual([{ block: 'suitAfter', row: 'case', label: '复议后起诉' }]);
    expect(t4!.suggested).toEqual({ block: 'suitAfter', row: 'case', label: '复议后起诉' });
  });
});

describe('proposeValues', () => {
  it('recognises figures as reports write them, not labels or notes', () => {
    for (const yes of ['0', '121', '1,234', '增 12', '-3', '０', '0.5万元', '3件']) {
      expect(isNumericCell(yes), yes).toBe(true);
    }
    for (const no of ['', '/', '2.重复申请', '第 3 页', '规章', '12a']) {
      expect(isNumericCell(no), no).toBe(false);
    }
  });

  it('places the figures in column order when there are exactly as many as columns', () => {
    const [, granted, repeated] = unreadRows(REPORT);
    expect(proposeValues(REPORT, repeated!, { block: 't3' })).toEqual(
      FULL.sections['三']!.table!.blocks['t3']!.rows['unprocessed2']!.cells,
    );
    expect(Object.values(proposeValues(REPORT, granted!, { block: 't3' }))).toEqual(
      GRANTED.slice(1),
    );
  });

  it('never shifts: a figure too many or too few leaves every column blank', () => {
    const short = { table: '三' as const, cells: ['2.重复申请', '3', '5', '7', '9', '11', '13'] };
    const long = { table: '二' as const, cells: ['行政处罚', '12', '3'] };
    expect(Object.values(proposeValues(REPORT, short, { block: 't3' }))).toEqual(
      Array<string>(7).fill(''),
    );
    expect(proposeValues(REPORT, long, { block: 'art20_6' })).toEqual({ decisions: '' });
    expect(
      proposeValues(
        REPORT,
        { table: '二', cells: ['行政处罚', '增 12'] },
        {
          block: 'art20_6',
        },
      ),
    ).toEqual({ decisions: '增 12' });
  });
});

describe('assignUnread', () => {
  const values = { ...FULL.sections['三']!.table!.blocks['t3']!.rows['unprocessed2']!.cells };

  it('reads the row in with the confirmed values and drops the entry, in a new report', () => {
    const before = clone(REPORT);
    const next = assignUnread(REPORT, '三', 1, { block: 't3', row: 'unprocessed2' }, values);
    expect(REPORT).toEqual(before); // not mutated
    for (const [col, v] of Object.entries(values)) {
      expect(rawAt(next, '三', 't3', 'unprocessed2', col)).toBe(v);
    }
    expect(next.sections['三']!.table!.unrecognised.map((u) => u.reason)).toEqual([
      '数字粘连，无法确认拆分',
      '不是表格行',
    ]);
    expect(reviewSummary(next)[1]!.line).toBe('表三 24/25 行已读入，2 行待核对');
    // the other tables are the same objects: one small change
    expect(next.sections['二']).toBe(REPORT.sections['二']);
  });

  it('gives back the balanced report once every lost row is read in', () => {
    let r = assignUnread(
      REPORT,
      '三',
      0,
      { block: 't3', row: 'granted' },
      proposeValues(REPORT, unreadRows(REPORT)[1]!, { block: 't3' }),
    );
    r = assignUnread(r, '三', 0, { block: 't3', row: 'unprocessed2' }, values);
    r = dismissUnread(r, '三', 0);
    r = assignUnread(r, '二', 0, { block: 'art20_6', row: 'penalty' }, { decisions: '增 12' });
    expect(r.sections['三']).toEqual(FULL.sections['三']);
    expect(r.sections['二']!.table!.blocks['art20_6']!.rows['penalty']!.cells).toEqual({
      decisions: '增 12',
    });
    expect(runChecks(r).filter((f) => f.code === 'ROW_UNRECOGNISED')).toEqual([]);
  });

  it('leaves columns not given blank', () => {
    const next = assignUnread(
      REPORT,
      '三',
      1,
      { block: 't3', row: 'unprocessed2' },
      {
        natural: '3',
      },
    );
    expect(rawAt(next, '三', 't3', 'unprocessed2', 'natural')).toBe('3');
    expect(rawAt(next, '三', 't3', 'unprocessed2', 'business')).toBe('');
  });

  it('refuses a row that already has values, an unknown row or column, a wrong index', () => {
    expect(() => assignUnread(REPORT, '三', 1, { block: 't3', row: 'denied1' }, values)).toThrow(
      '表三“（三）不予公开 · 1.属于国家秘密”行已有数值',
    );
    expect(() => assignUnread(REPORT, '三', 1, { block: 't3', row: 'nope' }, values)).toThrow(
      '表三没有这一行',
    );
    expect(() =>
      assignUnread(REPORT, '三', 1, { block: 't3', row: 'unprocessed2' }, { decisions: '1' }),
    ).toThrow('没有这些列：decisions');
    expect(() =>
      assignUnread(REPORT, '三', 3, { block: 't3', row: 'unprocessed2' }, values),
    ).toThrow('表三没有第 4 条待核对的行');
  });
});

describe('dismissUnread', () => {
  it('drops only that entry and leaves the tables as they were', () => {
    const next = dismissUnread(REPORT, '三', 2);
    expect(next).not.toBe(REPORT);
    expect(next.sections['三']!.table!.unrecognised.map((u) => u.cells)).toEqual([
      GRANTED,
      REPEATED,
    ]);
    expect(next.sections['三']!.table!.blocks).toBe(REPORT.sections['三']!.table!.blocks);
    expect(REPORT.sections['三']!.table!.unrecognised).toHaveLength(3);
    expect(() => dismissUnread(REPORT, '四', 0)).toThrow('表四没有第 1 条待核对的行');
  });
});
