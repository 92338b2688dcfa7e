/** The checks engine: every rule of checks.md over one report (and optionally last year's). */
import { cellKey, type TableId } from '../formats';
import type { Report } from '../model';
import { computedTotals, isTotalCell, type TotalCell } from '../totals';
import { arithmeticFindings } from './arithmetic';
import { carriedYearFindings } from './carried';
import { formatFindings, sectionFindings, tableFindings } from './structure';
import {
  assessmentFindings,
  citationFindings,
  copiedTextFindings,
  dateFindings,
  feeFindings,
  figureFindings,
  staleYearFindings,
  titleFindings,
  unitFindings,
} from './textrules';
import type { CheckContext, CheckOptions, Finding } from './types';
import { ValueReader } from './values';
import { effectiveKind } from './kind';
import { locationKey } from './decisions';
import { aggregateFindings } from '../aggregate';

export * from './types';
export { CODES, type Code, type CodeInfo } from './codes';
export { DEFAULT_DEADLINES } from './textrules';
export { checksSkippedForKind, effectiveKind, KIND_UNKNOWN, type SkippedCheck } from './kind';
export { carriedPlaces, type CarriedPlace } from './carried';
export {
  resolveFindings,
  reportStatus,
  decide,
  locationKey,
  countOpen,
  carryDecisions,
} from './decisions';

/**
 * STALE_YEAR and YEAR_REVIEW about one paragraph of a copied report have one cause (the year
 * carried over): only YEAR_REVIEW is reported there, as it says where the year came from.
 */
function staleAndCarried(report: Report): Finding[] {
  const carried = carriedYearFindings(report);
  const places = new Set(carried.map((f) => locationKey(f.location)));
  return [
    ...staleYearFindings(report).filter((f) => !places.has(locationKey(f.location))),
    ...carried,
  ];
}

/**
 * Whether a cell is a computed total that cannot be computed (an input is blank or invalid):
 * CELL_BLANK then speaks of the inputs, never of the total. Totals are computed once per table,
 * and only when a blank total is met. An imported report's totals are stated by the report: a
 * total it left blank is its own defect (checks.md: stated totals are kept as stated).
 */
function uncomputableTotals(report: Report) {
  const tables = new Map<TableId, Map<string, TotalCell>>();
  return (table: TableId, block: string, row: string, col: string): boolean => {
    if (report.source) return false;
    const key = cellKey(table, block, row, col);
    if (!isTotalCell(report.format, key)) return false;
    let totals = tables.get(table);
    if (!totals) tables.set(table, (totals = computedTotals(report, table)));
    return totals.get(key)?.computed === null;
  };
}

/** Runs every check. Never throws on any report the model accepts. */
export function runChecks(report: Report, options: CheckOptions = {}): Finding[] {
  const ctx: CheckContext = {
    report,
    options,
    kind: effectiveKind(report, options),
  };
  const reader = new ValueReader(report);
  const prior = options.prior ? new ValueReader(options.prior) : null;
  return [
    ...formatFindings(report),
    ...unitFindings(report),
    ...titleFindings(report),
    ...citationFindings(report),
    ...sectionFindings(report),
    ...tableFindings(report, reader, uncomputableTotals(report)),
    ...arithmeticFindings(reader, prior),
    ...assessmentFindings(ctx),
    ...staleAndCarried(report),
    ...figureFindings(report, reader),
    ...feeFindings(report, reader),
    ...dateFindings(ctx),
    ...(options.prior ? copiedTextFindings(report, options.prior) : []),
    ...(options.aggregate && report.aggregated ? aggregateFindings(report, options.aggregate) : []),
  ];
}
