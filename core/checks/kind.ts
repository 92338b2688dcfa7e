/**
 * The checks that depend on the unit's kind (类型): which of them did not run because the kind is
 * not known, and why — so that a window or the CLI can say so instead of skipping them silently.
 */
import type { Report, UnitKind } from '../model';
import { CODES, type Code } from './codes';
import { DEFAULT_DEADLINES } from './textrules';
import type { CheckOptions } from './types';

export interface SkippedCheck {
  readonly code: Code;
  /** The rule's Chinese name (CODES). */
  readonly title: string;
  /** Why it needs the kind (Chinese, one sentence). */
  readonly reason: string;
}

/** What a window or the CLI says is the cause: the kind is not set. */
export const KIND_UNKNOWN = '单位类型未定';

function deadlineText(kind: UnitKind): string {
  const [m, d] = DEFAULT_DEADLINES[kind].split('-').map(Number);
  return `次年${m}月${d}日`;
}

/**
 * The kind the checks use for a report: the one given (the archive's, `--kind`), else the one
 * the report carries (as `runChecks` does).
 */
export function effectiveKind(
  report: Pick<Report, 'unit'>,
  options: Pick<CheckOptions, 'kind'> = {},
): UnitKind | null {
  return options.kind ?? report.unit.kind ?? null;
}

/**
 * The checks that did not run on this report because its unit's kind is unknown, in the order
 * the engine runs them; empty when the kind is known. GOV_ASSESSMENT_MISSING applies only to
 * 政府 and 乡镇街道; DATE_LATE's deadline depends on the kind unless one is given (`deadline`).
 */
export function checksSkippedForKind(
  report: Pick<Report, 'unit'>,
  options: Pick<CheckOptions, 'kind' | 'deadline'> = {},
): SkippedCheck[] {
  if (effectiveKind(report, options)) return [];
  const skipped: SkippedCheck[] = [
    {
      code: 'GOV_ASSESSMENT_MISSING',
      title: CODES.GOV_ASSESSMENT_MISSING.title,
      reason:
        '政府和乡镇街道的报告须写明工作考核、社会评议和责任追究结果；不知道单位类型，无法判断是否适用。',
    },
  ];
  if (!options.deadline) {
    skipped.push({
      code: 'DATE_LATE',
      title: CODES.DATE_LATE.title,
      reason: `报送期限按单位类型而定（部门、乡镇街道、其他为${deadlineText('部门')}，政府为${deadlineText('政府')}）；不知道单位类型，无法判断成文日期是否逾期。`,
    });
  }
  return skipped;
}
