// The table editor's logic moved out of its element (nb-table-editor) into DOM-free models: the
// label column widths and how header cells present themselves (models/table-look.ts), a run of
// Tabs (models/grid-selection.ts), whether a cell shows a value for Ctrl+arrow (models/
// cell-view.ts), the totals offer and where a paste goes (models/cell-plans.ts).
import { describe, expect, it } from 'vitest';
import { computedTotals } from '../../core/totals';
import { pasteTarget, totalsOffer } from '../../renderer/models/cell-plans';
import { cellFilled } from '../../renderer/models/cell-view';
import { collapsedAt, posOf, runAfter } from '../../renderer/models/grid-selection';
import { tableGrid, type HeadCell } from '../../renderer/models/table-grid';
import { headView, labelWidths, tableStyle } from '../../renderer/models/table-look';
import { balancedReport, clone, setCell } from '../helpers/reports';

const T2 = tableGrid('2021', '二');
const T3 = tableGrid('2021', '三');
const T4 = tableGrid('2021', '四');
const REPORT = balancedReport(2021);

function heads(grid: typeof T3): HeadCell[] {
  return [...grid.head, ...grid.sections.flat()].flatMap((r) =>
    r.items.filter((i): i is HeadCell => i.kind !== 'value'),
  );
}

describe('table look (label columns and header cells)', () => {
  it('fixes the label columns’ widths and sets the minimum width from the value columns', () => {
    expect(labelWidths(T3)).toEqual([30, 62, 236]);
    expect(labelWidths(T2)).toEqual([150]);
    expect(labelWidths(T4)).toEqual([]);
    expect(tableStyle(T3)).toBe(`min-width:${30 + 62 + 236 + T3.valueCols * 56}px`);
    expect(tableStyle(T2)).toBe(`min-width:${150 + T2.valueCols * 120}px;max-width:720px`);
  });

  it('T3’s outer group is set vertically and sticky at the left edge; inner groups keep their ordinal apart', () => {
    const outer = heads(T3).find((h) => h.text === '三、本年度办理结果')!;
    const v = headView(outer, T3, undefined);
    expect(v).toMatchObject({ role: 'rowheader', scope: 'rowgroup', style: 'left:0px' });
    expect(v.classes.split(' ')).toEqual(expect.arrayContaining(['group', 'sticky', 'vertical']));
    const inner = headView(
      heads(T3).find((h) => h.text === '（三）不予公开')!,
      T3,
      undefined,
    );
    expect(inner).toMatchObject({ ordinal: '（三）', text: '不予公开', style: 'left:30px' });
    expect(inner.classes).not.toContain('vertical');
  });

  it('row labels are row headers; column headers spanning columns are column groups; marks show', () => {
    const label = heads(T3).find((h) => h.kind === 'label')!;
    expect(headView(label, T3, undefined)).toMatchObject({
      role: 'rowheader',
      scope: 'row',
      style: `left:${label.labelCol === 2 ? 92 : label.labelCol === 1 ? 30 : 0}px`,
      title: '',
      ordinal: null,
    });
    const wide = heads(T3).find((h) => h.kind === 'header' && h.colSpan > 1)!;
    const mark = { severity: 'error' as const, messages: ['甲', '乙'] };
    const v = headView(wide, T3, mark);
    expect(v).toMatchObject({
      role: 'columnheader',
      scope: 'colgroup',
      style: '',
      title: '甲\n乙',
    });
    expect(v.classes.split(' ')).toContain('error');
    const leaf = heads(T3).find((h) => h.kind === 'header' && h.colSpan === 1)!;
    expect(headView(leaf, T3, undefined).scope).toBe('col');
  });

  it('T2’s captions span the whole width: sticky, but without an offset', () => {
    const caption = heads(T2).find((h) => h.kind === 'caption')!;
    const v = headView(caption, T2, undefined);
    expect(v.classes.split(' ')).toContain('sticky');
    expect(v).toMatchObject({ scope: 'colgroup', style: '' });
  });
});

describe('runs of Tabs and filled cells', () => {
  const cell = T3.nav[2]![3]!;

  it('Tab starts a run at the cell it left and keeps it; any other move ends it', () => {
    expect(runAfter(null, 'next', cell)).toEqual(posOf(cell));
    expect(runAfter({ r: 0, c: 1 }, 'prev', cell)).toEqual({ r: 0, c: 1 });
    expect(runAfter({ r: 0, c: 1 }, 'return', cell)).toBeNull();
    expect(runAfter({ r: 0, c: 1 }, 'down', cell)).toBeNull();
  });

  it('a cell is filled when its text is not blank; a computed total when it can be computed', () => {
    const report = clone(REPORT);
    const plain = T3.nav[0]!.find((c) => !c.computed)!;
    const total = T3.nav[0]!.find((c) => c.computed)!;
    expect(cellFilled(report, computedTotals(report, '三'), plain)).toBe(true);
    expect(cellFilled(report, computedTotals(report, '三'), total)).toBe(true);
    setCell(report, '三', plain.block.id, plain.row.id, plain.column.id, '  ');
    expect(cellFilled(report, computedTotals(report, '三'), plain)).toBe(false);
    // a total whose inputs are not all filled cannot be computed
    expect(cellFilled(report, computedTotals(report, '三'), total)).toBe(false);
  });
});

describe('the totals offer and where a paste goes', () => {
  it('offers nothing when the totals agree; counts differing totals with the hint', () => {
    expect(totalsOffer(computedTotals(REPORT, '三'))).toBeNull();
    const report = clone(REPORT);
    const total = T3.nav[0]!.find((c) => c.computed)!;
    setCell(report, '三', total.block.id, total.row.id, total.column.id, '99999');
    expect(totalsOffer(computedTotals(report, '三'))).toEqual({
      count: 1,
      hint: '1 处合计与表中数字不符：划线的是报告填写的数，旁边是按表中数字计算的值。',
    });
    setCell(report, '三', total.block.id, total.row.id, total.column.id, '');
    expect(totalsOffer(computedTotals(report, '三'))!.hint).toBe(
      '有合计未填写，可按表中数字填入计算值。',
    );
  });

  it('one value into the open cell editor is its own text; a block fills from the editor’s cell or the active cell', () => {
    const sel = collapsedAt({ r: 1, c: 0 });
    const editing = T3.nav[4]![2]!;
    expect(pasteTarget(T3, sel, '12', true, editing.key)).toEqual({ kind: 'text' });
    const block = pasteTarget(T3, sel, '1\t2\n3\t4', true, editing.key);
    expect(block).toMatchObject({
      kind: 'cells',
      closeEditor: true,
      rows: [
        ['1', '2'],
        ['3', '4'],
      ],
    });
    expect(block.kind === 'cells' && block.start).toBe(editing);
    const onCell = pasteTarget(T3, sel, '12', false, null);
    expect(onCell).toMatchObject({ kind: 'cells', closeEditor: false, rows: [['12']] });
    expect(onCell.kind === 'cells' && onCell.start).toBe(T3.nav[1]![0]);
  });
});
