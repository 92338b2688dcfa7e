// What a revision changed (renderer/models/history-diff.ts), as the history tab shows it: the
// text changed in each part as a diff (deletions and insertions), unchanged stretches far from a
// change shortened, the cells whose text changed (old → new), the 标题 and 落款 that differ, and
// decisions named by their Chinese rule names and places, never only by their code.
import { describe, expect, it } from 'vitest';
import { runChecks } from '../../core/checks';
import { decide } from '../../core/checks';
import { T3_BLOCK_ID } from '../../core/formats/common';
import type { Report } from '../../core/model';
import { condense, decisionLine, revisionChanges } from '../../renderer/models/history-diff';
import { balancedReport, clone, setCell } from '../helpers/reports';

function edited(): { a: Report; b: Report } {
  const a = balancedReport(2021);
  a.sections['一']!.paragraphs = [
    { level: 0, text: '2020年，我局全年主动公开政府信息120条。' },
    { level: 0, text: '我局不断完善公开制度。' },
  ];
  const b = clone(a);
  b.sections['一']!.paragraphs[0]!.text = '2021年，我局全年主动公开政府信息135条。';
  setCell(b, '三', T3_BLOCK_ID, 'new', 'natural', '99');
  b.signature = { ...b.signature, date: '2022年1月21日' };
  return { a, b };
}

describe('what a revision changed', () => {
  it('gives each changed part as a diff with its insertions and deletions', () => {
    const { a, b } = edited();
    const c = revisionChanges(a, b);
    expect(c.same).toBe(false);
    expect(c.parts.map((p) => p.part)).toEqual(['一']);
    const part = c.parts[0]!;
    expect(part.label).toBe('一、总体情况');
    const del = part.runs.filter((r) => r.op === 'delete').map((r) => r.text);
    const ins = part.runs.filter((r) => r.op === 'insert').map((r) => r.text);
    expect(del).toEqual(['2020', '120']);
    expect(ins).toEqual(['2021', '135']);
    // the unchanged paragraph after the change is still there (short: not shortened)
    expect(part.runs.map((r) => r.text).join('')).toContain('我局不断完善公开制度。');
    expect(part.insertions).toBe(3); // characters: 0→1, 20→35
    expect(part.deletions).toBe(3);
  });

  it('lists the cells whose text changed, old → new, by their official labels', () => {
    const { a, b } = edited();
    const old = a.sections['三']!.table!.blocks[T3_BLOCK_ID]!.rows['new']!.cells['natural'];
    const cells = revisionChanges(a, b).cells;
    expect(cells).toHaveLength(1);
    expect(cells[0]!.a).toBe(old);
    expect(cells[0]!.b).toBe('99');
    expect(cells[0]!.where).toMatch(/^表三 · .*新收政府信息公开申请数量 · 自然人$/u);
  });

  it('names the 标题 and 落款 fields that differ', () => {
    const { a, b } = edited();
    expect(revisionChanges(a, b).fields).toEqual([
      { label: '成文日期', a: a.signature.date, b: '2022年1月21日' },
    ]);
    expect(revisionChanges(a, clone(a)).same).toBe(true);
  });

  it('names decisions by their Chinese rule names and places, taken and taken back', () => {
    const { a } = edited();
    const warning = runChecks(a).find((f) => f.severity === 'warning')!;
    const b = decide(a, warning, 'verified', '已与业务科室核对', { by: '王小明' });
    const line = decisionLine(b.decisions[0]!, b);
    expect(line.code).toBe(warning.code);
    expect(line.title).not.toBe(warning.code);
    expect(line.title).toMatch(/\p{Script=Han}/u);
    expect(line.action).toBe('已核实');
    expect(line.by).toBe('王小明');
    const c = revisionChanges(a, b);
    expect(c.decided).toEqual([line]);
    expect(c.undecided).toEqual([]);
    expect(revisionChanges(b, a).undecided.map((d) => d.title)).toEqual([line.title]);
  });

  it('shortens long unchanged stretches next to a change, keeping the changes whole', () => {
    const long = '甲'.repeat(100);
    const runs = condense([
      { op: 'equal', text: long },
      { op: 'delete', text: '旧' },
      { op: 'equal', text: long },
      { op: 'insert', text: '新'.repeat(80) },
      { op: 'equal', text: long },
    ]);
    expect(runs.map((r) => r.text)).toEqual([
      `……${'甲'.repeat(30)}`,
      '旧',
      `${'甲'.repeat(30)}……${'甲'.repeat(30)}`,
      '新'.repeat(80),
      `${'甲'.repeat(30)}……`,
    ]);
    expect(condense([{ op: 'equal', text: '短' }])).toEqual([{ op: 'equal', text: '短' }]);
  });
});
