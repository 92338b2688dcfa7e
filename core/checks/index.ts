/** The checks engine: every rule of checks.md over one report (and optionally last year's). */
import type { Report } from '../model';
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
import { locationKey } from './decisions';

export * from './types';
export { CODES, type Code, type CodeInfo } from './codes';
export { DEFAULT_DEADLINES } from './textrules';
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

/** Runs every check. Never throws on any report the model accepts. */
export function runChecks(report: Report, options: CheckOptions = {}): Finding[] {
  const ctx: CheckContext = {
    report,
    options,
    kind: options.kind ?? report.unit.kind ?? null,
  };
  const reader = new ValueReader(report);
  const prior = options.prior ? new ValueReader(options.prior) : null;
  return [
    ...formatFindings(report),
    ...unitFindings(report),
    ...titleFindings(report),
    ...citationFindings(report),
    ...sectionFindings(report),
    ...tableFindings(report, reader),
    ...arithmeticFindings(reader, prior),
    ...assessmentFindings(ctx),
    ...staleAndCarried(report),
    ...figureFindings(report, reader),
    ...feeFindings(report, reader),
    ...dateFindings(ctx),
    ...(options.prior ? copiedTextFindings(report, options.prior) : []),
  ];
}
