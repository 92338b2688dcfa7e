import type { Severity } from '../formats';
import type { Aggregation } from '../aggregate/types';
import type { Decision, Location, Report, UnitKind } from '../model';

export interface Finding {
  readonly code: string;
  readonly severity: Severity;
  /** For a clerk, in Chinese, with the numbers involved. */
  readonly message: string;
  readonly location: Location;
  /** Fingerprint of the values involved; a decision is valid only while it matches. */
  readonly fingerprint: string;
}

/** A finding together with the people's decision on it, if a valid one exists. */
export interface ResolvedFinding extends Finding {
  readonly decision?: Decision;
  /** An error with an override, or a warning marked 已核实 (or overridden). */
  readonly resolved: boolean;
}

export interface CheckOptions {
  /** Last year's report of the same unit: enables the cross-year checks. */
  readonly prior?: Report;
  /** The unit's kind when the report does not carry it (archive or `--kind`). */
  readonly kind?: UnitKind | null;
  /** Deadline "MM-DD" of the following year, overriding the default for the unit's kind. */
  readonly deadline?: string;
  /**
   * The sum of the members an aggregated report (`report.aggregated`) was filled from, as it
   * is now: enables AGGREGATE_MISMATCH.
   */
  readonly aggregate?: Aggregation;
  /**
   * The office's own deadlines by unit kind (the archive's settings), used when `deadline` is
   * not given; a kind without one keeps the statutory deadline.
   */
  readonly deadlines?: Readonly<Partial<Record<UnitKind, string>>>;
}

export interface CheckContext {
  readonly report: Report;
  readonly options: CheckOptions;
  readonly kind: UnitKind | null;
}
