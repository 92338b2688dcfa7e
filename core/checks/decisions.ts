/** People's decisions on findings (override with reason, 已核实) and the report status. */
import type { Decision, Location, Report, ReportStatus } from '../model';
import type { Finding, ResolvedFinding } from './types';

/** A stable key for a location: equal locations give equal keys. */
export function locationKey(loc: Location): string {
  return [
    loc.section,
    loc.table ?? '',
    loc.block ?? '',
    loc.row ?? '',
    loc.column ?? '',
    loc.paragraph ?? '',
  ].join('|');
}

function decisionKey(d: Pick<Decision, 'code' | 'location' | 'fingerprint'>): string {
  return `${d.code}#${locationKey(d.location)}#${d.fingerprint}`;
}

/**
 * Pairs findings with the decisions that still apply to them. A decision applies only while the
 * values it was made on are unchanged (same fingerprint); an error needs an override.
 */
export function resolveFindings(
  findings: readonly Finding[],
  decisions: readonly Decision[],
): ResolvedFinding[] {
  const byKey = new Map(decisions.map((d) => [decisionKey(d), d]));
  return findings.map((f) => {
    const decision = byKey.get(decisionKey(f));
    const resolved =
      decision !== undefined && (f.severity === 'warning' || decision.action === 'override');
    return decision ? { ...f, decision, resolved } : { ...f, resolved: false };
  });
}

/** 草稿 while any error is open; 待定稿 when none is; 已定稿 once finalised. */
export function reportStatus(
  report: Pick<Report, 'finalised' | 'decisions'>,
  findings: readonly Finding[],
): ReportStatus {
  if (report.finalised) return '已定稿';
  const open = resolveFindings(findings, report.decisions).some(
    (f) => f.severity === 'error' && !f.resolved,
  );
  return open ? '草稿' : '待定稿';
}

/**
 * Records a decision on a finding, replacing any earlier decision on the same code and
 * location (unless `current` shows it belongs to another finding still there). The reason is required: an override without a written reason is refused.
 */
export function decide(
  report: Report,
  finding: Finding,
  action: Decision['action'],
  reason: string,
  meta: { by?: string; at?: string } = {},
  /** The report's current findings: decisions on other findings at the same place stay. */
  current?: readonly Finding[],
): Report {
  if (!reason.trim()) throw new Error('必须写明理由。');
  if (action === 'verified' && finding.severity === 'error') {
    throw new Error('错误不能只标记为“已核实”，需要改正或写明理由后忽略。');
  }
  // A decision on the same finding replaces the earlier one, and so does a stale decision on
  // the same place (values changed since). Two findings of one code at one place (two year
  // mentions in a paragraph) are told apart by their fingerprints only, so a decision on a
  // place is kept when a current finding still carries its fingerprint.
  const place = `${finding.code}#${locationKey(finding.location)}`;
  const live = new Set(current?.map(decisionKey));
  const others = report.decisions.filter(
    (d) =>
      `${d.code}#${locationKey(d.location)}` !== place ||
      (d.fingerprint !== finding.fingerprint && live.has(decisionKey(d))),
  );
  const decision: Decision = {
    code: finding.code,
    location: finding.location,
    fingerprint: finding.fingerprint,
    action,
    reason: reason.trim(),
    ...(meta.by ? { by: meta.by } : {}),
    ...(meta.at ? { at: meta.at } : {}),
  };
  return { ...report, decisions: [...others, decision] };
}

/** The findings still open: errors and warnings without a valid decision. */
export function countOpen(findings: readonly ResolvedFinding[]): {
  errors: number;
  warnings: number;
} {
  let errors = 0;
  let warnings = 0;
  for (const f of findings) {
    if (f.resolved) continue;
    if (f.severity === 'error') errors++;
    else warnings++;
  }
  return { errors, warnings };
}

/**
 * The decisions of a report being replaced (an import over it) that still apply to the new
 * content: those whose finding it still has (same code, place and fingerprint), added to the new
 * content's own decisions (which win on the same finding).
 */
export function carryDecisions(
  next: Report,
  previous: readonly Decision[],
  findings: readonly Finding[],
): Report {
  const live = new Set(findings.map(decisionKey));
  const own = new Set(next.decisions.map(decisionKey));
  const kept = previous.filter((d) => live.has(decisionKey(d)) && !own.has(decisionKey(d)));
  return kept.length ? { ...next, decisions: [...next.decisions, ...kept] } : next;
}
