/**
 * 汇总 in a real archive with the county fixture (tests/helpers/county.ts: 45 direct members,
 * each scaled differently, one in the 2019 layout, two direct members and one sub-unit without
 * a report, drafts with a broken stated total): sums checked against an independent sum
 * computed here from the stored reports, the members' states, AGGREGATE_MISMATCH passing and
 * failing, re-aggregation after a member changed, the .xlsx read back with exceljs.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../core/api';
import { cellKey, cellsOf, FORMATS } from '../../core/formats';
import { T3_BLOCK_ID } from '../../core/formats/common';
import type { Report } from '../../core/model';
import { isTotalCell } from '../../core/totals';
import { aggregateWorkbook } from '../../electron/services/xlsx/aggregate';
import { Clock, tempArchive } from '../helpers/archive';
import {
  COUNTY,
  DRAFT_WITH_ERRORS,
  MISSING,
  OLD_FORMAT,
  YEAR,
  fillCounty,
  type County,
} from '../helpers/county';
import { clone, numberAt, setCell } from '../helpers/reports';

const APPLICANTS = ['natural', 'business', 'research', 'nonprofit', 'legal', 'otherOrg'];

async function county() {
  const t = await tempArchive({ clock: new Clock('2026-01-20T10:00:00') });
  const c = fillCounty(t.archive);
  return { t, a: t.archive, c };
}

/** The direct members whose 2025 report is in the 2021 layout: what must be summed. */
function summable(c: County): Report[] {
  return c.members
    .filter((m) => m.parentId === c.county.id)
    .flatMap((m) => {
      const r = c.reports2025.get(m.id);
      return r && r.format === '2021' ? [r] : [];
    });
}

/** The independent sum of one cell: inputs as stored; T3 row totals from their six inputs. */
function expectedSum(reports: readonly Report[], key: string): number {
  const [table, block, row, col] = key.split('|') as ['二' | '三' | '四', string, string, string];
  let sum = 0;
  for (const r of reports) {
    if (table === '三' && col === 'total' && row !== 'total') {
      for (const a of APPLICANTS) sum += numberAt(r, '三', T3_BLOCK_ID, row, a);
    } else sum += numberAt(r, table, block, row, col);
  }
  return Number(sum.toFixed(6));
}

describe('汇总 over the county archive', () => {
  it('sums the direct members by cell, lists the ones not summed, keeps every breakdown', async () => {
    const { a, c } = await county();
    const result = a.aggregateReport({ unitId: c.county.id, year: YEAR });
    const agg = result.aggregation;
    const direct = c.members.filter((m) => m.parentId === c.county.id);
    expect(agg.members.map((m) => m.unitId).sort()).toEqual(direct.map((m) => m.id).sort());
    expect(result.report).toBeNull();

    const state = (name: string) => agg.members.find((m) => m.name === name)!;
    expect(state(OLD_FORMAT[0]).state).toBe('format');
    expect(state(OLD_FORMAT[0]).format).toBe('2019');
    for (const name of MISSING.filter((n) => n !== '人民医院'))
      expect(state(name).state).toBe('missing');
    // a sub-unit is not a default member: its department's report covers it
    expect(agg.members.some((m) => m.name === '人民医院')).toBe(false);

    const reports = summable(c);
    expect(agg.counted).toHaveLength(reports.length);
    expect(reports.length).toBe(45 - 2 - 1);
    let checked = 0;
    for (const cell of agg.cells) {
      const totalOfTotals =
        isTotalCell('2021', cell.key) &&
        !(cell.table === '三' && cell.col === 'total' && cell.row !== 'total');
      if (totalOfTotals) continue;
      expect(cell.sum, cell.key).toBe(expectedSum(reports, cell.key));
      checked++;
    }
    expect(checked).toBeGreaterThan(150);
    // the draft whose stated 予以公开 总计 is 7 too high does not carry the 7 into the sum
    const granted = agg.cells.find(
      (x) => x.key === cellKey('三', T3_BLOCK_ID, 'granted', 'total'),
    )!;
    const statedSum = reports.reduce(
      (s, r) => s + numberAt(r, '三', T3_BLOCK_ID, 'granted', 'total'),
      0,
    );
    const drafts = direct.filter((m) => (DRAFT_WITH_ERRORS as readonly string[]).includes(m.name));
    expect(drafts.length).toBe(2);
    expect(granted.sum).toBe(statedSum - 7 * drafts.length);
    // the breakdown: each counted member's own figure
    const police = c.byName.get('清河县公安局')!;
    const i = agg.counted.indexOf(police.id);
    const natural = agg.cells.find((x) => x.key === cellKey('三', T3_BLOCK_ID, 'new', 'natural'))!;
    expect(natural.values[i]).toBe(
      numberAt(c.reports2025.get(police.id)!, '三', T3_BLOCK_ID, 'new', 'natural'),
    );
  });

  it('sums chosen members, refuses a unit chosen with its own department', async () => {
    const { a, c } = await county();
    const police = c.byName.get('清河县公安局')!;
    const subs = c.members.filter((m) => m.parentId === police.id);
    const chosen = a.aggregateReport({
      unitId: c.county.id,
      year: YEAR,
      members: subs.map((s) => s.id),
    });
    expect(chosen.aggregation.counted).toEqual(subs.map((s) => s.id));
    const key = cellKey('四', 'review', 'case', 'upheld');
    expect(chosen.aggregation.cells.find((x) => x.key === key)!.sum).toBe(
      expectedSum(
        subs.map((s) => c.reports2025.get(s.id)!),
        key,
      ),
    );
    let error: unknown;
    try {
      a.aggregateReport({ unitId: c.county.id, year: YEAR, members: [police.id, subs[0]!.id] });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toMatch(/是“清河县公安局”的下属单位.*不能重复汇总/u);
    const other = c.byName.get('城关镇')!;
    expect(() => a.aggregateReport({ unitId: police.id, year: YEAR, members: [other.id] })).toThrow(
      /不是“清河县公安局”的下属单位/u,
    );
  });

  it('writes the sum as one signed revision; AGGREGATE_MISMATCH when a typed figure or a member differs; re-aggregates', async () => {
    const { a, c } = await county();
    const applied = a.applyAggregate({ unitId: c.county.id, year: YEAR, author: '王主任' });
    expect(applied.created).toBe(true);
    expect(applied.counted).toBe(42);
    const history = a.history({ unitId: c.county.id, year: YEAR });
    expect(history[0]).toMatchObject({ reason: 'aggregate', author: '王主任' });
    const opened = a.openReport({ unitId: c.county.id, year: YEAR });
    if (opened.legacy) throw new Error('legacy');
    const key = ['三', T3_BLOCK_ID, 'new', 'natural'] as const;
    const sum = expectedSum(summable(c), cellKey(...key));
    expect(numberAt(opened.report, ...key)).toBe(sum);
    expect(opened.report.aggregated?.members).toHaveLength(45);
    const mismatches = (r = a.checkReport({ unitId: c.county.id, year: YEAR })) =>
      r.findings.filter((f) => f.code === 'AGGREGATE_MISMATCH');
    expect(mismatches()).toEqual([]);
    // the two direct members without a report: MEMBER_MISSING on the county's report
    const missing = a
      .checkReport({ unitId: c.county.id, year: YEAR })
      .findings.filter((f) => f.code === 'MEMBER_MISSING');
    expect(missing.map((f) => f.message.match(/“(.+?)”/u)![1]).sort()).toEqual(
      MISSING.filter((n) => n !== '人民医院').sort(),
    );
    // applying again changes nothing
    expect(a.applyAggregate({ unitId: c.county.id, year: YEAR, author: '王主任' }).created).toBe(
      false,
    );

    // a figure typed over the aggregate
    const typed = clone(opened.report);
    setCell(typed, ...key, String(sum + 3));
    const found = mismatches(a.checkReport({ unitId: c.county.id, year: YEAR, report: typed }));
    expect(found).toHaveLength(1);
    expect(found[0]!.location).toMatchObject({ table: '三', column: '自然人' });
    expect(found[0]!.message).toContain(`填写 ${sum + 3}`);
    expect(found[0]!.message).toContain(`之和为 ${sum}`);

    // a member changed after the aggregation: the parent's stored counts follow
    const before = a.listYears({ unitId: c.county.id }).find((y) => y.year === YEAR)!.warnings;
    const town = c.members.find(
      (m) =>
        m.parentId === c.county.id &&
        c.reports2025.get(m.id)?.format === '2021' &&
        a.checkReport({ unitId: m.id, year: YEAR }).status === '待定稿',
    )!;
    const member = clone(c.reports2025.get(town.id)!);
    const old = numberAt(member, ...key);
    setCell(member, ...key, String(old + 5));
    a.saveReport({
      unitId: town.id,
      year: YEAR,
      report: member,
      reason: 'save',
      author: town.name,
    });
    // the cell and its row's 总计
    expect(mismatches().map((f) => f.location.column)).toEqual(['自然人', '总计']);
    expect(a.listYears({ unitId: c.county.id }).find((y) => y.year === YEAR)!.warnings).toBe(
      before + 2,
    );
    const again = a.aggregateReport({ unitId: c.county.id, year: YEAR });
    expect(again.report).toMatchObject({ mismatches: 2, changes: 2 });
    const re = a.applyAggregate({ unitId: c.county.id, year: YEAR, author: '李科长' });
    expect(re).toMatchObject({ created: true, changed: 2 });
    const now = a.openReport({ unitId: c.county.id, year: YEAR });
    if (now.legacy) throw new Error('legacy');
    expect(numberAt(now.report, ...key)).toBe(sum + 5);
    expect(mismatches()).toEqual([]);
    expect(a.history({ unitId: c.county.id, year: YEAR })[0]).toMatchObject({
      reason: 'aggregate',
      author: '李科长',
    });
    // the previous sum stays in history and can be restored
    a.restoreRevision({
      unitId: c.county.id,
      year: YEAR,
      revision: applied.revision,
      author: '李科长',
    });
    const restored = a.openReport({ unitId: c.county.id, year: YEAR });
    if (restored.legacy) throw new Error('legacy');
    expect(numberAt(restored.report, ...key)).toBe(sum);
  });

  it('refuses to write into a finalised report or without members to sum', async () => {
    const { a, c } = await county();
    a.applyAggregate({ unitId: c.county.id, year: YEAR, author: '王主任' });
    const office = a.createUnit({ name: '清河县新设局', kind: '部门', parentId: c.county.id });
    a.createUnit({ name: '清河县新设局下属中心', kind: '部门', parentId: office.id });
    expect(() => a.applyAggregate({ unitId: office.id, year: YEAR, author: '王主任' })).toThrow(
      /没有可以汇总的下属单位报告/u,
    );
    expect(a.listYears({ unitId: office.id })).toEqual([]);
    a.storeFinalisation({ unitId: c.county.id, year: YEAR, by: '王主任' });
    expect(() => a.applyAggregate({ unitId: c.county.id, year: YEAR, author: '王主任' })).toThrow(
      /定稿/u,
    );
  });

  it('exports the 汇总表 as .xlsx: the members sheet and the tables in official layout, merged', async () => {
    const { a, c } = await county();
    const result = a.aggregateReport({ unitId: c.county.id, year: YEAR });
    const bytes = await aggregateWorkbook(result);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['各单位数据', '表二', '表三', '表四']);

    const ws = book.getWorksheet('各单位数据')!;
    const header = (ws.getRow(2).values as unknown[]).slice(1);
    expect(header.slice(0, 6)).toEqual(['序号', '单位', '报告状态', '汇总情况', '错误', '警告']);
    const col = (label: string) => header.indexOf(label) + 1;
    expect(col('表三 本年新收申请')).toBeGreaterThan(6);
    const rowOf = (name: string) => {
      for (let r = 3; r <= ws.rowCount; r++)
        if (ws.getCell(r, 2).value === name) return ws.getRow(r);
      throw new Error(`no row ${name}`);
    };
    expect(ws.rowCount).toBe(2 + 45 + 1);
    const police = c.byName.get('清河县公安局')!;
    const report = c.reports2025.get(police.id)!;
    const newTotal = APPLICANTS.reduce(
      (s, x) => s + numberAt(report, '三', T3_BLOCK_ID, 'new', x),
      0,
    );
    expect(rowOf('清河县公安局').getCell(col('表三 本年新收申请')).value).toBe(newTotal);
    expect(rowOf(OLD_FORMAT[0]).getCell(col('汇总情况')).value).toBe(
      '格式不同，未汇总（2019年版）',
    );
    expect(rowOf('白马乡').getCell(col('汇总情况')).value).toBe('未报送');
    expect(rowOf('清河县民政局').getCell(col('错误')).value).toBeGreaterThan(0);
    const total = ws.getRow(ws.rowCount);
    expect(total.getCell(2).value).toBe('合计（42 个单位）');
    expect(total.getCell(col('表三 本年新收申请')).value).toBe(
      expectedSum(summable(c), cellKey('三', T3_BLOCK_ID, 'new', 'total')),
    );

    // 表三 in the official layout: the note over the label area and 法人或其他组织 merged
    const t3 = book.getWorksheet('表三')!;
    const merges = (t3.model as unknown as { merges: string[] }).merges;
    expect(merges.length).toBeGreaterThan(10);
    let org: string | null = null;
    let natural: { r: number; c: number } | null = null;
    t3.eachRow((row, r) =>
      row.eachCell((cell, c) => {
        if (cell.value === '法人或其他组织' && !org) org = cell.address;
        if (cell.value === '一、本年新收政府信息公开申请数量') natural = { r, c };
      }),
    );
    expect(org).not.toBeNull();
    expect(merges.some((m) => m.startsWith(`${org}:`))).toBe(true);
    // the 新收 row's first value (自然人) sits right of the label area
    const labelCols = 3;
    expect(natural).not.toBeNull();
    const value = t3.getCell(natural!.r, labelCols + 1).value;
    expect(value).toBe(expectedSum(summable(c), cellKey('三', T3_BLOCK_ID, 'new', 'natural')));
    // 表二's captions span the table
    const t2 = book.getWorksheet('表二')!;
    const t2merges = (t2.model as unknown as { merges: string[] }).merges;
    expect(t2merges.length).toBeGreaterThanOrEqual(FORMATS['2021'].tables['二'].blocks.length);
    expect([...cellsOf(FORMATS['2021'], ['四'])]).toHaveLength(15);
    expect(book.getWorksheet('表四')!.getCell(1, 1).value).toBe(
      `${COUNTY}${YEAR}年度 表四（汇总）`,
    );
    // printable: A4 landscape, one page wide, the members sheet's heading rows on every page
    for (const sheet of book.worksheets) {
      expect(sheet.pageSetup).toMatchObject({
        paperSize: 9,
        orientation: 'landscape',
        fitToPage: true,
        fitToWidth: 1,
      });
    }
    expect(ws.pageSetup.printTitlesRow).toBe('1:2');
    // a long label wraps over several lines: its row is made tall enough to show it
    let long = 0;
    t3.eachRow((row, r) =>
      row.eachCell((cell) => {
        if (String(cell.value).startsWith('1.申请人无正当理由逾期不补正')) long = r;
      }),
    );
    expect(long).toBeGreaterThan(0);
    expect(t3.getRow(long).height).toBeGreaterThanOrEqual(3 * 15);
  });
});
