/**
 * 汇总 (issue 15 item 4): the API's aggregateReport (the members' sum and each cell's
 * breakdown, nothing written) and applyAggregate (the sum written into the parent's report as
 * one signed revision, reason 'aggregate'; the report is created when the year has none). The
 * members' reports are read as they stand (members.ts).
 */
import {
  ApiError,
  type AggregateResult,
  type ApplyAggregateResult,
  type Payload,
} from '../../core/api';
import { aggregateEdits, aggregateFindings, applyAggregation } from '../../core/aggregate';
import { blankReport, type Report } from '../../core/model';
import { isLegacyBody } from '../text';
import { assertUnlocked } from './finalisations';
import { aggregateFormat, chooseMembers, memberAggregation } from './members';
import { assertBase, openReport } from './reports';
import { addRevision, canonical, clearJournal, newReportRow, saveResult } from './revisions';
import { activeFinalisation, activePublication, assertYear, reportRow, unitRow } from './rows';
import type { Store } from './store';

/** The parent's report of the year as it stands (journal included), or null. */
function parentReport(s: Store, unitId: string, year: number): Report | null {
  if (!reportRow(s, unitId, year)) return null;
  const opened = openReport(s, { unitId, year });
  if (opened.legacy) throw new ApiError('INVALID', `${year}年度报告是旧格式文本，不能汇总。`);
  return opened.report;
}

function compute(s: Store, p: Payload<'aggregateReport'>, report: Report | null) {
  assertYear(p.year);
  const members = chooseMembers(s, p.unitId, p.members, report?.aggregated?.members);
  return memberAggregation(s, p.year, aggregateFormat(p.year, report), members);
}

export function aggregateReport(s: Store, p: Payload<'aggregateReport'>): AggregateResult {
  const unit = unitRow(s, p.unitId);
  const report = parentReport(s, p.unitId, p.year);
  const aggregation = compute(s, p, report);
  const row = reportRow(s, p.unitId, p.year);
  return {
    unit: { id: unit.id, name: unit.name },
    year: p.year,
    aggregation,
    report:
      report && row
        ? {
            revision: row.head,
            status: row.status,
            // finalised, or marked 已发布（存档）: nothing is written into it
            locked:
              activeFinalisation(s, row.id) !== undefined ||
              activePublication(s, row.id) !== undefined,
            format: report.format,
            aggregated: report.aggregated ?? null,
            changes: aggregateEdits(report, aggregation).length,
            mismatches: report.aggregated
              ? aggregateFindings(report, aggregation).filter(
                  (f) => f.code === 'AGGREGATE_MISMATCH',
                ).length
              : 0,
          }
        : null,
  };
}

/**
 * Writes the sum into the parent's report as one revision signed by `author` (unsaved edits in
 * the journal are part of the state the sum is written into). A finalised report is refused
 * (reopen it first); so is a write based on an older revision (`base`: STALE). Nothing changes
 * when the cells already hold the sum and the members are the recorded ones.
 */
export function applyAggregate(s: Store, p: Payload<'applyAggregate'>): ApplyAggregateResult {
  return s.write(() => {
    const unit = unitRow(s, p.unitId);
    let row = reportRow(s, p.unitId, p.year);
    if (row) {
      assertUnlocked(s, row);
      assertBase(s, row, p.base);
    }
    const current =
      parentReport(s, p.unitId, p.year) ??
      blankReport({ id: unit.id, name: unit.name, kind: unit.kind }, p.year);
    const aggregation = compute(s, p, current);
    const counted = aggregation.counted.length;
    if (counted === 0) {
      throw new ApiError(
        'INVALID',
        `没有可以汇总的下属单位报告（${aggregation.members.length} 个单位均未报送或格式不同），未写入。`,
      );
    }
    const changed = aggregateEdits(current, aggregation).length;
    const next = applyAggregation(current, aggregation, {
      members: aggregation.members.map((m) => m.unitId),
      at: s.stamp(),
      by: p.author,
    });
    // a re-aggregation that changes nothing (same members, same sums) adds no revision
    const same =
      changed === 0 &&
      JSON.stringify(current.aggregated?.members) === JSON.stringify(next.aggregated?.members);
    if (row && same) return { ...saveResult(row, null), changed: 0, counted };
    row ??= newReportRow(s, p.unitId, p.year);
    const body = canonical(p.unitId, p.year, next);
    if (isLegacyBody(body)) throw new ApiError('INVALID', '旧格式文本不能汇总。');
    const added = addRevision(
      s,
      row,
      body,
      'aggregate',
      p.author,
      `汇总 ${counted} 个单位，更新 ${changed} 个单元格`,
    );
    clearJournal(s, row.id);
    return { ...saveResult(row, added), changed, counted };
  });
}
