/** Human-readable CLI output: findings grouped by section, summary tables with CJK alignment. */
import { CODES, type ResolvedFinding } from '../../core/checks';

export { countOpen } from '../../core/checks';
import { sectionDef, SECTION_IDS, type SectionId } from '../../core/formats';
import type { Location } from '../../core/model';
import { displayWidth } from '../../core/text';

const PLACE_ORDER: readonly Location['section'][] = [
  '全文',
  '标题',
  '导语',
  ...SECTION_IDS,
  '落款',
];

function placeTitle(section: Location['section']): string {
  if ((SECTION_IDS as readonly string[]).includes(section))
    return sectionDef(section as SectionId).heading;
  return section;
}

/** Findings as a readable list grouped by section, in the order the report reads. */
export function formatFindings(findings: readonly ResolvedFinding[]): string {
  const lines: string[] = [];
  for (const place of PLACE_ORDER) {
    const here = findings.filter((f) => f.location.section === place);
    if (here.length === 0) continue;
    lines.push(`【${placeTitle(place)}】`);
    for (const f of here) {
      const mark = f.resolved ? '✓' : f.severity === 'error' ? '✗' : '!';
      const word = f.severity === 'error' ? '错误' : '提醒';
      const state = f.decision
        ? f.resolved
          ? `（已${f.decision.action === 'override' ? '忽略' : '核实'}：${f.decision.reason}）`
          : ''
        : '';
      lines.push(`  ${mark} ${word} ${f.message}${state}`);
      lines.push(`      [${f.code} ${CODES[f.code as keyof typeof CODES]?.title ?? ''}]`);
    }
  }
  return lines.join('\n');
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/** A plain text table; columns sized by display width (CJK characters count double). */
export function formatTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const widths = header.map((h, i) =>
    Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => pad(c, widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
