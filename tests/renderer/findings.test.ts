// Findings as the editors show them (renderer/models/findings.ts, places.ts): marks on table
// cells and headers and on paragraphs, the checks panel's groups in reading order, folding, and a
// finding's identity across check runs.
import { describe, expect, it } from 'vitest';
import { resolveFindings, runChecks, type ResolvedFinding } from '../../core/checks';
import type { Location } from '../../core/model';
import {
  findingGroups,
  findingKey,
  findingsSignature,
  foldByCheck,
  paragraphFindings,
  paragraphMark,
  sameFinding,
  severityOf,
  tableMarks,
  textFindings,
} from '../../renderer/models/findings';
import { placeText } from '../../renderer/models/places';
import { tableGrid } from '../../renderer/models/table-grid';
import { balancedReport, clone } from '../helpers/reports';

const T3 = tableGrid('2021', '三');

function finding(
  location: Location,
  severity: 'error' | 'warning' = 'error',
  code = 'T3_BALANCE',
  extra: Partial<ResolvedFinding> = {},
): ResolvedFinding {
  return {
    code,
    severity,
    message: `${code} @ ${JSON.stringify(location)}`,
    location,
    fingerprint: 'f',
    resolved: false,
    ...extra,
  };
}

/** The labels a finding names a T3 cell by (as the checks write them). */
const t3Loc = (r: number, c: number): Location => {
  const cell = T3.nav[r]![c]!;
  return {
    section: '三',
    table: '三',
    block: cell.loc.block || undefined,
    row: cell.loc.row,
    column: cell.loc.column,
  };
};

describe('table marks', () => {
  it('marks the one cell a finding names; an error outweighs a warning', () => {
    const loc = t3Loc(2, 1);
    const marks = tableMarks(T3, [finding(loc, 'warning', 'A'), finding(loc, 'error', 'B')]);
    const key = T3.nav[2]![1]!.key;
    expect([...marks.cells.keys()]).toEqual([key]);
    expect(marks.cells.get(key)).toEqual({
      severity: 'error',
      messages: [expect.stringContaining('A @'), expect.stringContaining('B @')],
    });
    expect(marks.headers.size).toBe(0);
  });

  it('marks the column header for a finding that names only a column', () => {
    const { column } = t3Loc(0, 3);
    const marks = tableMarks(T3, [finding({ section: '三', table: '三', column }, 'warning')]);
    expect(marks.cells.size).toBe(0);
    expect([...marks.headers.values()]).toEqual([
      { severity: 'warning', messages: [expect.any(String)] },
    ]);
    const id = [...marks.headers.keys()][0]!;
    expect(T3.columnHeader.get(`t3|${T3.nav[0]![3]!.column.id}`)).toBe(id);
  });

  it('marks the row label for a finding that names a row', () => {
    const { block, row } = t3Loc(4, 0);
    const marks = tableMarks(T3, [finding({ section: '三', table: '三', block, row })]);
    expect([...marks.headers.keys()]).toEqual([T3.rowHeader.get(`t3|${T3.nav[4]![0]!.row.id}`)]);
  });

  it('marks nothing for resolved findings, other tables or the table as a whole', () => {
    const marks = tableMarks(T3, [
      finding(t3Loc(1, 1), 'error', 'X', { resolved: true }),
      finding({ ...t3Loc(1, 1), table: '四', section: '四' }),
      finding({ section: '三', table: '三' }),
      finding({ section: '三', paragraph: 0 }),
    ]);
    expect(marks.cells.size + marks.headers.size).toBe(0);
  });

  it('marks the cells the checks find in a report (a changed cell unbalances T3)', () => {
    const report = clone(balancedReport(2021));
    const cells = report.sections['三']!.table!.blocks['t3']!.rows['new']!.cells;
    cells['natural'] = String(Number(cells['natural']) + 3);
    const findings = resolveFindings(runChecks(report), report.decisions);
    const marks = tableMarks(T3, findings);
    expect(findings.some((f) => f.code === 'T3_BALANCE')).toBe(true);
    expect(marks.cells.size + marks.headers.size).toBeGreaterThan(0);
  });
});

describe('paragraph marks', () => {
  const list = [
    finding({ section: '五', paragraph: 0 }, 'warning', 'STALE_YEAR'),
    finding({ section: '五', paragraph: 0 }, 'error', 'TEXT_TABLE_MISMATCH'),
    finding({ section: '五', paragraph: 7 }, 'warning', 'STALE_YEAR'),
    finding({ section: '五' }, 'warning', 'SECTION_SHORT'),
    finding({ section: '五', table: '三' }),
    finding({ section: '六', paragraph: 0 }),
    finding({ section: '五', paragraph: 1 }, 'error', 'X', { resolved: true }),
  ];

  it('takes the open findings about a place’s text, by paragraph; the rest are notes', () => {
    const own = textFindings(list, '五');
    expect(own.map((f) => f.code)).toEqual([
      'STALE_YEAR',
      'TEXT_TABLE_MISMATCH',
      'STALE_YEAR',
      'SECTION_SHORT',
    ]);
    const { byParagraph, notes } = paragraphFindings(own, 3);
    expect([...byParagraph.keys()]).toEqual([0]);
    expect(notes.map((f) => f.location.paragraph)).toEqual([7, undefined]);
  });

  it('marks a paragraph with its worst severity, messages, codes and check titles', () => {
    const mark = paragraphMark(list.slice(0, 2));
    expect(mark?.severity).toBe('error');
    expect(mark?.codes).toBe('STALE_YEAR TEXT_TABLE_MISMATCH');
    expect(mark?.messages.split('\n')).toHaveLength(2);
    expect(mark?.titles).toHaveLength(2);
    expect(paragraphMark(undefined)).toBeUndefined();
    expect(paragraphMark([])).toBeUndefined();
    expect(severityOf([list[0]!])).toBe('warning');
  });

  it('changes its signature only when what a paragraph list shows changes', () => {
    const again = list.map((f) => ({ ...f }));
    expect(findingsSignature(again)).toBe(findingsSignature(list));
    expect(findingsSignature([{ ...list[0]!, message: 'other' }])).not.toBe(
      findingsSignature([list[0]!]),
    );
  });
});

describe('the checks panel’s lists', () => {
  it('groups open errors, open warnings and resolved findings, top to bottom', () => {
    const f = [
      finding({ section: '六', paragraph: 0 }, 'error', 'A'),
      finding({ section: '导语', paragraph: 2 }, 'error', 'B'),
      finding(
        { section: '三', table: '三', row: T3.nav[0]![0]!.loc.row, column: '自然人' },
        'error',
        'C',
      ),
      finding({ section: '三', paragraph: 0 }, 'error', 'D'),
      finding({ section: '标题' }, 'warning', 'E'),
      finding({ section: '落款' }, 'warning', 'F', { resolved: true }),
    ];
    const groups = findingGroups(f, '2021');
    expect(groups.errors.map((x) => x.code)).toEqual(['B', 'D', 'C', 'A']);
    expect(groups.warnings.map((x) => x.code)).toEqual(['E']);
    expect(groups.resolved.map((x) => x.code)).toEqual(['F']);
  });

  it('folds many findings of one check into one entry at the first one’s place', () => {
    const blank = Array.from({ length: 6 }, (_, i) =>
      finding({ section: '导语', paragraph: i }, 'error', 'CELL_BLANK'),
    );
    const entries = foldByCheck([
      finding({ section: '标题' }, 'error', 'A'),
      ...blank,
      finding({ section: '落款' }, 'error', 'B'),
    ]);
    expect(
      entries.map((e) =>
        e.kind === 'fold' ? `fold:${e.code}×${e.findings.length}` : e.finding.code,
      ),
    ).toEqual(['A', 'fold:CELL_BLANK×6', 'B']);
    // five stay apart
    expect(foldByCheck(blank.slice(1)).every((e) => e.kind === 'item')).toBe(true);
  });

  it('knows a finding again in the next check run by code, location and fingerprint', () => {
    const a = finding({ section: '五', paragraph: 1 });
    const b = {
      ...a,
      message: 'the same, found again',
      location: { section: '五', paragraph: 1 } as Location,
    };
    expect(sameFinding(a, b)).toBe(true);
    expect(findingKey(a)).toBe(findingKey(b));
    expect(sameFinding(a, { ...b, fingerprint: 'g' })).toBe(false);
    expect(sameFinding(a, { ...b, location: { section: '五', paragraph: 2 } })).toBe(false);
  });

  it('says where a finding is', () => {
    const report = balancedReport(2021);
    expect(placeText({ section: '导语', paragraph: 1 }, report)).toBe('导语 第 2 段');
    expect(placeText({ section: '标题' }, report)).toBe('标题');
    expect(placeText({ section: '三', table: '三', block: 'x', column: '自然人' }, report)).toBe(
      '表三 x · 自然人',
    );
  });
});
