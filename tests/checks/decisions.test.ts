// Decisions on findings and the report status (checks.md "Decisions, status, cascades").
import { describe, expect, it } from 'vitest';
import {
  decide,
  locationKey,
  reportStatus,
  resolveFindings,
  runChecks,
  type Finding,
} from '../../core/checks';
import { T3_BLOCK_ID, T4_ROW_ID } from '../../core/formats/common';
import type { Report } from '../../core/model';
import { balancedReport, setCell } from '../helpers/reports';

/** A report with one T4_TOTAL error (行政复议 stated 11, parts 12) and one STALE_YEAR warning. */
function withProblems(): Report {
  const report = balancedReport(2021);
  setCell(report, '四', 'review', T4_ROW_ID, 'upheld', '4');
  report.sections['五']!.paragraphs.push({ level: 0, text: '2020年，本机关完成了平台迁移。' });
  return report;
}

const find = (findings: readonly Finding[], code: string) => findings.find((f) => f.code === code)!;

describe('decisions', () => {
  it('an error overridden with a reason is resolved; the status moves from 草稿 to 待定稿', () => {
    let report = withProblems();
    const findings = runChecks(report);
    expect(findings.map((f) => f.code)).toEqual(['T4_TOTAL', 'STALE_YEAR']);
    expect(reportStatus(report, findings)).toBe('草稿');
    report = decide(
      report,
      find(findings, 'T4_TOTAL'),
      'override',
      '  复议案件有一件撤回，按原表上报。 ',
      { by: '张三', at: '2022-01-20T10:00:00Z' },
    );
    expect(report.decisions).toEqual([
      {
        code: 'T4_TOTAL',
        location: { section: '四', table: '四', block: '行政复议', column: '总计' },
        fingerprint: find(findings, 'T4_TOTAL').fingerprint,
        action: 'override',
        reason: '复议案件有一件撤回，按原表上报。',
        by: '张三',
        at: '2022-01-20T10:00:00Z',
      },
    ]);
    const again = runChecks(report);
    const resolved = resolveFindings(again, report.decisions);
    expect(resolved.map((f) => [f.code, f.resolved])).toEqual([
      ['T4_TOTAL', true],
      ['STALE_YEAR', false],
    ]);
    expect(resolved[0]!.decision!.reason).toBe('复议案件有一件撤回，按原表上报。');
    // an open warning never blocks
    expect(reportStatus(report, again)).toBe('待定稿');
  });

  it('a decision goes stale when the values it was made on change', () => {
    let report = withProblems();
    report.sections['五']!.paragraphs.pop();
    report = decide(report, find(runChecks(report), 'T4_TOTAL'), 'override', '已核对原始台账。');
    // a cell the finding is not about changes: the decision still holds
    setCell(report, '二', 'art20_5', 'licensing', 'decisions', '357');
    let findings = runChecks(report);
    expect(resolveFindings(findings, report.decisions).map((f) => [f.code, f.resolved])).toEqual([
      ['T4_TOTAL', true],
    ]);
    expect(reportStatus(report, findings)).toBe('待定稿');
    // one of its values changes: the decision is stale and the error open again
    setCell(report, '四', 'review', T4_ROW_ID, 'pending', '6');
    findings = runChecks(report);
    expect(find(findings, 'T4_TOTAL').message).toBe(
      '行政复议：总计写的是11，结果维持、结果纠正、其他结果、尚未审结之和为13。',
    );
    expect(
      resolveFindings(findings, report.decisions).map((f) => [f.code, f.resolved, f.decision]),
    ).toEqual([['T4_TOTAL', false, undefined]]);
    expect(reportStatus(report, findings)).toBe('草稿');
    // the decision is kept (not deleted), only no longer applies
    expect(report.decisions).toHaveLength(1);
  });

  it('the same values again make the decision apply again', () => {
    let report = withProblems();
    report = decide(report, find(runChecks(report), 'T4_TOTAL'), 'override', '已核对。');
    setCell(report, '四', 'review', T4_ROW_ID, 'upheld', '5');
    expect(reportStatus(report, runChecks(report))).toBe('草稿');
    setCell(report, '四', 'review', T4_ROW_ID, 'upheld', '4');
    expect(reportStatus(report, runChecks(report))).toBe('待定稿');
  });

  it('a decision is tied to its location: the same imbalance elsewhere is open', () => {
    let report = balancedReport(2021);
    setCell(report, '三', T3_BLOCK_ID, 'new', 'natural', '4654');
    setCell(report, '三', T3_BLOCK_ID, 'new', 'business', '4694');
    const [natural, business] = runChecks(report);
    report = decide(report, natural!, 'override', '申请人类型统计口径调整。');
    const resolved = resolveFindings(runChecks(report), report.decisions);
    expect(resolved.map((f) => [f.location.column, f.resolved])).toEqual([
      ['自然人', true],
      ['商业企业', false],
    ]);
    expect(locationKey(natural!.location)).not.toBe(locationKey(business!.location));
    expect(reportStatus(report, runChecks(report))).toBe('草稿');
    report = decide(report, business!, 'override', '同上。');
    expect(reportStatus(report, runChecks(report))).toBe('待定稿');
  });

  it("a warning marked 'verified' is resolved", () => {
    let report = withProblems();
    const stale = find(runChecks(report), 'STALE_YEAR');
    report = decide(report, stale, 'verified', '此处是回顾往年工作，年份无误。');
    const resolved = resolveFindings(runChecks(report), report.decisions);
    expect(resolved.find((f) => f.code === 'STALE_YEAR')).toMatchObject({
      resolved: true,
      decision: { action: 'verified' },
    });
  });

  it("an error cannot merely be 'verified'; a decision needs a reason", () => {
    const report = withProblems();
    const findings = runChecks(report);
    expect(() => decide(report, find(findings, 'T4_TOTAL'), 'verified', '看过了')).toThrow(
      '错误不能只标记为“已核实”',
    );
    expect(() => decide(report, find(findings, 'T4_TOTAL'), 'override', '   ')).toThrow(
      '必须写明理由。',
    );
    expect(() => decide(report, find(findings, 'STALE_YEAR'), 'verified', '')).toThrow(
      '必须写明理由。',
    );
  });

  it("a stored 'verified' decision does not resolve an error", () => {
    const report = withProblems();
    const t4 = find(runChecks(report), 'T4_TOTAL');
    report.decisions.push({
      code: t4.code,
      location: t4.location,
      fingerprint: t4.fingerprint,
      action: 'verified',
      reason: '看过了',
    });
    expect(resolveFindings([t4], report.decisions)[0]!.resolved).toBe(false);
    expect(reportStatus(report, [t4])).toBe('草稿');
  });

  it('a new decision on the same finding replaces the earlier one', () => {
    let report = withProblems();
    const t4 = find(runChecks(report), 'T4_TOTAL');
    report = decide(report, t4, 'override', '第一次理由');
    report = decide(report, t4, 'override', '第二次理由');
    expect(report.decisions.map((d) => d.reason)).toEqual(['第二次理由']);
  });

  it('decide does not change the report it is given', () => {
    const report = withProblems();
    const before = structuredClone(report);
    decide(report, find(runChecks(report), 'T4_TOTAL'), 'override', '理由');
    expect(report).toEqual(before);
  });
});

describe('status', () => {
  it('草稿 while an error is open, 待定稿 when none is, 已定稿 once finalised', () => {
    const clean = balancedReport(2021);
    expect(reportStatus(clean, runChecks(clean))).toBe('待定稿');
    const warningsOnly = balancedReport(2021);
    warningsOnly.title = '';
    const warnings = runChecks(warningsOnly);
    expect(warnings.map((f) => f.severity)).toEqual(['warning']);
    expect(reportStatus(warningsOnly, warnings)).toBe('待定稿');
    const broken = withProblems();
    expect(reportStatus(broken, runChecks(broken))).toBe('草稿');
    broken.finalised = { at: '2022-01-25T08:00:00Z', by: '李四', revision: 1 };
    expect(reportStatus(broken, runChecks(broken))).toBe('已定稿');
  });

  it('reopening (finalised cleared) returns to 草稿 or 待定稿 by the same rule', () => {
    const report = withProblems();
    report.finalised = { at: '2022-01-25T08:00:00Z' };
    expect(reportStatus(report, runChecks(report))).toBe('已定稿');
    report.finalised = null;
    expect(reportStatus(report, runChecks(report))).toBe('草稿');
  });

  it('fingerprints are stable across runs and differ when the values differ', () => {
    const a = withProblems();
    const b = withProblems();
    expect(runChecks(a).map((f) => f.fingerprint)).toEqual(runChecks(b).map((f) => f.fingerprint));
    setCell(b, '四', 'review', T4_ROW_ID, 'upheld', '5');
    expect(find(runChecks(a), 'T4_TOTAL').fingerprint).not.toBe(
      find(runChecks(b), 'T4_TOTAL').fingerprint,
    );
    for (const f of runChecks(a)) expect(f.fingerprint).toMatch(/^[0-9a-f]{16}$/u);
  });
});
