/**
 * Findings' locations for people: "表三 （三）不予公开 · 1.属于国家秘密 · 自然人",
 * "五、存在的主要问题及… 第 2 段"; and the reading order of locations (标题, 导语, 一…六 with
 * their tables in the format's block, row and column order, 落款). Shared by the checks panel
 * and the 审核意见 (review sheet).
 */
import type { ResolvedFinding } from './checks';
import { FORMATS, SECTION_IDS, blockLabel, sectionDef, type FormatVersion } from './formats';
import type { Location, Report } from './model';

const HEADING_CHARS = 14;

/** A row label without its long explanatory parenthesis ("（二）部分公开（区分处理的，…）"). */
function shortLabel(label: string): string {
  return label.replace(/^(.+?)（[^（）]{8,}）$/u, '$1');
}

/** Where a finding is, in words: what the user looks for on the screen. */
export function placeText(loc: Location, report: Pick<Report, 'sections'>): string {
  if (loc.section === '标题' || loc.section === '落款' || loc.section === '全文') {
    return loc.section === '全文' ? '全文' : loc.section;
  }
  const parts: string[] = [];
  if (loc.section === '导语') parts.push('导语');
  else if (loc.table) parts.push(`表${loc.table}`);
  else {
    const heading = report.sections[loc.section]?.heading || sectionDef(loc.section).heading;
    parts.push(
      heading.length > HEADING_CHARS ? `${heading.slice(0, HEADING_CHARS - 1)}…` : heading,
    );
  }
  const cell = [loc.block, loc.row ? shortLabel(loc.row) : '', loc.column].filter(Boolean);
  if (cell.length) parts.push(cell.join(' · '));
  if (loc.paragraph !== undefined) parts.push(`第 ${loc.paragraph + 1} 段`);
  return parts.join(' ');
}

export const SECTION_RANK: Record<string, number> = {
  全文: 0,
  标题: 1,
  导语: 2,
  ...Object.fromEntries(SECTION_IDS.map((id, i) => [id, 3 + i])),
  落款: 3 + SECTION_IDS.length,
};

const cellRanks = new Map<string, number>();

/** The position of a table location among the table's cells (format order); 0 when unknown. */
function cellRank(format: FormatVersion, loc: Location): number {
  if (!loc.table) return 0;
  const key = [format, loc.table, loc.block ?? '', loc.row ?? '', loc.column ?? ''].join('|');
  const cached = cellRanks.get(key);
  if (cached !== undefined) return cached;
  let rank = 0;
  let n = 0;
  search: for (const block of FORMATS[format].tables[loc.table].blocks) {
    for (const row of block.rows) {
      for (const column of block.columns) {
        n++;
        if (
          (!loc.block || blockLabel(block, row) === loc.block) &&
          (!loc.row || row.label === loc.row) &&
          (!loc.column || column.label === loc.column)
        ) {
          rank = n;
          break search;
        }
      }
    }
  }
  cellRanks.set(key, rank);
  return rank;
}

/** Compares two findings by where they are in the report, top to bottom. */
export function byReadingOrder(
  format: FormatVersion,
): (a: ResolvedFinding, b: ResolvedFinding) => number {
  return (a, b) =>
    (SECTION_RANK[a.location.section] ?? 99) - (SECTION_RANK[b.location.section] ?? 99) ||
    (a.location.table ? 1 : 0) - (b.location.table ? 1 : 0) ||
    (a.location.paragraph ?? -1) - (b.location.paragraph ?? -1) ||
    cellRank(format, a.location) - cellRank(format, b.location);
}
