// What the table editor's changes would do (renderer/models/cell-plans.ts), planned on a full
// 2021 report: committing a typed value, opening a computed total, clearing a range, pasting a
// block (all or nothing) and copying; and the edits applied (renderer/models/cell-edits.ts).
import { describe, expect, it } from 'vitest';
import { cellAt, type Report } from '../../core/model';
import { computedTotals } from '../../core/totals';
import { applyCellEdits } from '../../renderer/models/cell-edits';
import {
  copySelection,
  countReplacements,
  planClear,
  planCommit,
  planPaste,
  planStartEdit,
} from '../../renderer/models/cell-plans';
import { cellView } from '../../renderer/models/cell-view';
import { collapsedAt, selectAll } from '../../renderer/models/grid-selection';
import { tableGrid } from '../../renderer/models/table-grid';
import { balancedReport, clone, rawAt } from '../helpers/reports';

const T2 = tableGrid('2021', '二');
const T3 = tableGrid('2021', '三');
const T4 = tableGrid('2021', '四');
const REPORT = balancedReport(2021);
const totals3 = computedTotals(REPORT, '三');

/** T3's cell at row r, column c of the grid. */
const t3 = (r: number, c: number) => T3.nav[r]![c]!;

/** The report without one of T3's rows (an imported report that lost it). */
function withoutRow(row: string): Report {
  const r = clone(REPORT);
  delete r.sections['三']!.table!.blocks['t3']!.rows[row];
  return r;
}

describe('committing a typed value', () => {
  it('stores a valid value as one edit, labelled with the cell', () => {
    const plan = planCommit(REPORT, t3(0, 0), ' 99 ');
    expect(plan).toEqual({
      kind: 'edit',
      edits: [{ table: '三', block: 't3', row: 'new', col: 'natural', value: '99' }],
      label: expect.stringMatching(/^修改表三.*自然人/u),
      info: '',
    });
  });

  it('closes without an edit when nothing changed', () => {
    const same = rawAt(REPORT, '三', 't3', 'new', 'natural');
    expect(planCommit(REPORT, t3(0, 0), ` ${same} `)).toEqual({ kind: 'close', clearAlert: true });
    // a blank typed into a cell of a missing row: nothing to add
    expect(planCommit(withoutRow('denied1'), t3(4, 0), '  ')).toEqual({
      kind: 'close',
      clearAlert: false,
    });
  });

  it('puts back a row the report lacks, and says so', () => {
    const plan = planCommit(withoutRow('denied1'), t3(4, 0), '3');
    expect(plan.kind).toBe('edit');
    if (plan.kind !== 'edit') return;
    expect(plan.info).toMatch(/^已在报告中补上“.+”这一行。$/u);
    const next = applyCellEdits(withoutRow('denied1'), '三', plan.edits);
    expect(cellAt(next, '三', 't3', 'denied1', 'natural')).toEqual({ present: true, raw: '3' });
    expect(cellAt(next, '三', 't3', 'denied1', 'business')).toEqual({ present: true, raw: '' });
  });

  it('refuses an invalid value with the reason, storing nothing', () => {
    for (const text of ['1.5', 'abc', '-3']) {
      const plan = planCommit(REPORT, t3(2, 1), text);
      expect(plan.kind, text).toBe('refused');
      if (plan.kind !== 'refused') continue;
      expect(plan.say).toBe('alert');
      expect(plan.message).toMatch(/^表三.*：.+，未保存。请改正后按 Enter 确认，或按 Esc 放弃。$/u);
    }
  });
});

describe('opening a cell', () => {
  it('starts from the stored text', () => {
    expect(planStartEdit(REPORT, totals3, t3(0, 1))).toEqual({
      kind: 'edit',
      text: rawAt(REPORT, '三', 't3', 'new', 'business').trim(),
    });
  });

  it('refuses a computed total, naming what it adds up', () => {
    const plan = planStartEdit(REPORT, totals3, t3(0, 6));
    expect(plan).toMatchObject({ kind: 'refused', say: 'info' });
    if (plan.kind === 'refused')
      expect(plan.message).toMatch(/是自动计算的合计（.+），不能直接填写。$/u);
  });
});

describe('clearing a selection', () => {
  it('blanks every filled cell but the computed totals, in one step', () => {
    const sel = { anchor: { r: 0, c: 4 }, active: { r: 1, c: 6 } };
    const plan = planClear(REPORT, totals3, T3, sel);
    expect(plan.kind).toBe('clear');
    if (plan.kind !== 'clear') return;
    expect(plan.edits.map((e) => `${e.row}/${e.col}=${e.value}`)).toEqual([
      'new/legal=',
      'new/otherOrg=',
      'carried/legal=',
      'carried/otherOrg=',
    ]);
    expect(plan.label).toBe('清除 4 个单元格');
    expect(plan.info).toBe('已清除 4 个单元格；2 个自动计算的合计不能清除，已跳过。');
  });

  it('labels the clearing of one cell with the cell', () => {
    const plan = planClear(REPORT, totals3, T3, collapsedAt({ r: 2, c: 0 }));
    expect(plan).toMatchObject({ kind: 'clear', info: '' });
    if (plan.kind === 'clear') expect(plan.label).toMatch(/^清除表三/u);
  });

  it('refuses when only computed totals are selected', () => {
    expect(
      planClear(REPORT, totals3, T3, { anchor: { r: 0, c: 6 }, active: { r: 3, c: 6 } }),
    ).toEqual({ kind: 'refused', say: 'info', message: '所选的是自动计算的合计，不能清除。' });
  });
});

describe('pasting a block', () => {
  const rows = (n: number, m: number, value = (i: number, j: number) => String(i * 10 + j)) =>
    Array.from({ length: n }, (_, i) => Array.from({ length: m }, (_, j) => value(i, j)));

  it('fills the rectangle from the active cell in one step and selects it', () => {
    const plan = planPaste(REPORT, totals3, T3, t3(2, 1), rows(2, 3));
    expect(plan.kind).toBe('paste');
    if (plan.kind !== 'paste') return;
    expect(plan.edits.map((e) => `${e.row}/${e.col}=${e.value}`)).toEqual([
      'granted/business=0',
      'granted/research=1',
      'granted/nonprofit=2',
      'partial/business=10',
      'partial/research=11',
      'partial/nonprofit=12',
    ]);
    expect(plan.label).toBe('粘贴 6 个单元格');
    expect(plan.info).toBe('已粘贴 6 个单元格。');
    expect(plan.selection).toEqual({ anchor: { r: 2, c: 1 }, active: { r: 3, c: 3 } });
    const next = applyCellEdits(REPORT, '三', plan.edits);
    expect(cellAt(next, '三', 't3', 'partial', 'nonprofit')).toEqual({ present: true, raw: '12' });
  });

  it('skips the computed totals a block covers, and writes only what changes', () => {
    const values = T3.nav[0]!.map((cell) => rawAt(REPORT, '三', 't3', 'new', cell.column.id));
    values[0] = '5';
    const plan = planPaste(REPORT, totals3, T3, t3(0, 0), [values]);
    const total = rawAt(REPORT, '三', 't3', 'new', 'total');
    const natural = Number(rawAt(REPORT, '三', 't3', 'new', 'natural'));
    // the block's own 总计 no longer adds up: the computed value is kept, the row is named
    expect(plan).toMatchObject({
      kind: 'paste',
      edits: [{ row: 'new', col: 'natural', value: '5' }],
      info:
        '已粘贴 6 个单元格；1 个自动计算的合计单元格已跳过（合计按表中数字计算）。\n' +
        '粘贴的合计有 1 处与按表中数字计算的不同，表中保留计算值，请核对原表：\n' +
        `表三“一、本年新收政府信息公开申请数量”行“总计”列：粘贴的是 ${total}，按表中数字计算为 ${Number(total) - natural + 5}`,
    });
  });

  it('says when the pasted totals agree with the computed ones', () => {
    const block = [0, 1, 2].map((r) =>
      T3.nav[r]!.map((cell) => rawAt(REPORT, '三', 't3', cell.row.id, cell.column.id)),
    );
    const plan = planPaste(REPORT, totals3, T3, t3(0, 0), block);
    expect(plan.kind).toBe('paste');
    expect(plan.kind === 'paste' && plan.info).toMatch(/粘贴的 3 个合计与按表中数字计算的一致。$/u);
  });

  it('pastes one value into one cell, keeping the selection', () => {
    const plan = planPaste(REPORT, totals3, T3, t3(5, 2), [['8']]);
    expect(plan).toMatchObject({ kind: 'paste', info: '', selection: null });
    if (plan.kind === 'paste') expect(plan.label).toMatch(/^粘贴到表三/u);
  });

  it('puts back rows the report lacks', () => {
    const report = withoutRow('denied2');
    const plan = planPaste(report, computedTotals(report, '三'), T3, t3(4, 0), rows(2, 2));
    expect(plan).toMatchObject({
      kind: 'paste',
      info: '已粘贴 4 个单元格；补上了报告中缺少的 1 行。',
    });
  });

  it('refuses a block too large for the table, changing nothing', () => {
    const plan = planPaste(REPORT, totals3, T3, t3(23, 4), rows(3, 4));
    expect(plan.kind).toBe('refused');
    if (plan.kind !== 'refused') return;
    expect(plan.say).toBe('alert');
    expect(plan.message).toMatch(
      /^粘贴的内容（3 行 × 4 列）从表三.*起超出了表格，有 \d+ 个值放不下，没有粘贴任何内容。/u,
    );
    // T4 has one row: a second row of values does not fit
    expect(
      planPaste(REPORT, computedTotals(REPORT, '四'), T4, T4.nav[0]![0]!, rows(2, 2)),
    ).toMatchObject({
      kind: 'refused',
      say: 'alert',
    });
  });

  it('lets blank values hang over the edge (a spreadsheet’s trailing tab)', () => {
    const plan = planPaste(REPORT, totals3, T3, t3(24, 5), [['1', '2', '', '']]);
    expect(plan.kind).toBe('paste');
  });

  it('refuses the whole block when any value is invalid, listing the first three', () => {
    const bad = rows(2, 3, (i, j) => (i === 1 ? `x${j}` : String(j)));
    const plan = planPaste(REPORT, totals3, T3, t3(0, 0), bad);
    expect(plan.kind).toBe('refused');
    if (plan.kind !== 'refused') return;
    expect(plan.message.split('\n')).toHaveLength(4);
    expect(plan.message).toMatch(/^粘贴的内容中有 3 个值无效，没有粘贴任何内容：\n/u);
    const many = rows(3, 3, (i) => (i > 0 ? '1.5' : '1'));
    const refused = planPaste(REPORT, totals3, T3, t3(0, 0), many);
    expect(refused.kind === 'refused' && refused.message.endsWith('……共 6 个无效值。')).toBe(true);
  });

  it('refuses one value pasted onto a computed total', () => {
    expect(planPaste(REPORT, totals3, T3, t3(0, 6), [['100']])).toEqual({
      kind: 'refused',
      say: 'info',
      message: expect.stringMatching(/是自动计算的合计，不能粘贴。$/u),
    });
  });

  it('pastes into T2’s wide single-value rows one value per row', () => {
    const plan = planPaste(REPORT, computedTotals(REPORT, '二'), T2, T2.nav[2]![0]!, [
      ['7'],
      ['8'],
    ]);
    expect(plan).toMatchObject({
      kind: 'paste',
      edits: [
        { block: 'art20_5', row: 'licensing', value: '7' },
        { block: 'art20_6', row: 'penalty', value: '8' },
      ],
    });
    // two values side by side do not fit a one-cell row
    expect(
      planPaste(REPORT, computedTotals(REPORT, '二'), T2, T2.nav[2]![0]!, [['7', '8']]),
    ).toMatchObject({ kind: 'refused', say: 'alert' });
  });
});

describe('copying and totals', () => {
  it('copies the selection as spreadsheet text, totals as computed', () => {
    const copied = copySelection(REPORT, totals3, T3, {
      anchor: { r: 0, c: 5 },
      active: { r: 1, c: 6 },
    });
    const total = totals3.get(t3(0, 6).key)!.computed;
    expect(copied.text.split('\r\n')[0]).toBe(
      `${rawAt(REPORT, '三', 't3', 'new', 'otherOrg')}\t${total}`,
    );
    expect(copied.info).toBe('已复制 4 个单元格。');
    expect(copySelection(REPORT, totals3, T3, collapsedAt({ r: 0, c: 0 })).info).toBe('');
    expect(copySelection(REPORT, totals3, T3, selectAll(T3)).text.split('\r\n')).toHaveLength(25);
  });

  it('counts the totals that "用计算值替换" would write', () => {
    expect(countReplacements(totals3)).toBe(0);
    const r = clone(REPORT);
    r.sections['三']!.table!.blocks['t3']!.rows['new']!.cells['total'] = '1';
    r.sections['三']!.table!.blocks['t3']!.rows['granted']!.cells['total'] = '';
    expect(countReplacements(computedTotals(r, '三'))).toBe(2);
  });
});

describe('how a cell presents itself', () => {
  it('shows its text, named by its row and column', () => {
    const view = cellView(REPORT, t3(0, 0), undefined, undefined);
    const raw = rawAt(REPORT, '三', 't3', 'new', 'natural');
    expect(view).toMatchObject({ raw, absent: false, shows: 'raw', total: false, title: '' });
    expect(view.ariaLabel).toBe(`${view.name}：${raw}`);
  });

  it('shows a differing total struck through beside the computed one, and a blank one pending', () => {
    const r = clone(REPORT);
    r.sections['三']!.table!.blocks['t3']!.rows['new']!.cells['total'] = '1';
    r.sections['三']!.table!.blocks['t3']!.rows['granted']!.cells['total'] = '';
    const totals = computedTotals(r, '三');
    const differs = cellView(r, t3(0, 6), totals.get(t3(0, 6).key), undefined);
    expect(differs).toMatchObject({ shows: 'differs', raw: '1', total: true });
    expect(differs.ariaLabel).toMatch(/（自动计算）：报告写的是1，计算值为\d+$/u);
    expect(differs.title).toMatch(/^自动计算（.+）：\d+；报告填写的是“1”，与计算值不符。$/u);
    const pending = cellView(r, t3(2, 6), totals.get(t3(2, 6).key), undefined);
    expect(pending).toMatchObject({ shows: 'pending', raw: '' });
    expect(pending.computed).toMatch(/^\d+$/u);
  });

  it('says when the report lacks the row, and lists the findings', () => {
    const view = cellView(withoutRow('denied1'), t3(4, 0), undefined, {
      severity: 'error',
      messages: ['甲', '乙'],
    });
    expect(view.absent).toBe(true);
    expect(view.ariaLabel.endsWith('：空')).toBe(true);
    expect(view.title.split('\n')).toEqual([
      '报告中没有这一行（导入时缺失）；填写后补入这一行。',
      '甲',
      '乙',
    ]);
  });
});
