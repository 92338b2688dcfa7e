/** MEMBER_MISSING: a member unit has no report for the year (a nil return is still a report). */
import { CODES, type Finding } from '../checks';

/** One MEMBER_MISSING finding per member without a report of the year. */
export function memberMissingFindings(
  year: number,
  members: readonly { readonly name: string; readonly hasReport: boolean }[],
): Finding[] {
  return members
    .filter((m) => !m.hasReport)
    .map((m) => ({
      code: 'MEMBER_MISSING',
      severity: CODES.MEMBER_MISSING.severity,
      message: `下属单位“${m.name}”没有${year}年度的报告（没有业务也应报送数字为 0 的报告）。`,
      location: { section: '全文' as const },
      fingerprint: `${m.name}|${year}`,
    }));
}
