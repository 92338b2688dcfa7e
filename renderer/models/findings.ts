/**
 * Findings as the editor shows them: the marks on table cells and headers and on paragraphs (the
 * worst severity and the messages), the checks panel's groups (open errors, open warnings,
 * resolved; each in reading order) with many findings of one check folded into one entry, and a
 * finding's identity across check runs (the checks make new finding objects at every edit).
 * Only unresolved findings mark anything. Pure.
 */
import { CODES, type ResolvedFinding } from '../../core/checks';
import type { FormatVersion } from '../../core/formats';
import type { TextPlace } from './paragraphs';
import { byReadingOrder } from './places';
import { cellsAt, namesCell, type TableGrid } from './table-grid';

export type Severity = 'error' | 'warning';

/** What marks a cell or a header: the worst severity of its findings, and their messages. */
export interface Mark {
  readonly severity: Severity;
  readonly messages: readonly string[];
}

export interface TableMarks {
  /** By cell key: findings that name exactly one cell. */
  readonly cells: ReadonlyMap<string, Mark>;
  /** By header cell id: findings that name a column, a row or a block only. */
  readonly headers: ReadonlyMap<string, Mark>;
}

/** The check's title ("单元格未填"), or its code when the contract has none. */
export function codeTitle(code: string): string {
  return CODES[code as keyof typeof CODES]?.title ?? code;
}

/** The worst severity among findings (none: undefined). */
export function severityOf(findings: readonly ResolvedFinding[]): Severity | undefined {
  if (findings.some((f) => f.severity === 'error')) return 'error';
  return findings.length ? 'warning' : undefined;
}

/**
 * The marks of one table: a finding naming one cell marks that cell; one naming only a column,
 * a row or a block marks the header cells that label what it covers.
 */
export function tableMarks(grid: TableGrid, findings: readonly ResolvedFinding[]): TableMarks {
  const cells = new Map<string, Mark>();
  const headers = new Map<string, Mark>();
  const add = (map: Map<string, Mark>, key: string | undefined, f: ResolvedFinding) => {
    if (!key) return;
    const m = map.get(key);
    if (!m) map.set(key, { severity: f.severity, messages: [f.message] });
    else {
      map.set(key, {
        severity: f.severity === 'error' ? 'error' : m.severity,
        messages: [...m.messages, f.message],
      });
    }
  };
  for (const f of findings) {
    if (f.resolved || f.location.table !== grid.table) continue;
    const loc = f.location;
    const covered = cellsAt(grid, loc);
    const exact = covered.filter((cell) => namesCell(cell, loc));
    if (exact.length > 0) {
      for (const cell of exact) add(cells, cell.key, f);
    } else if (loc.column !== undefined && loc.row === undefined) {
      const ids = new Set(
        covered.map((cell) => grid.columnHeader.get(`${cell.block.id}|${cell.column.id}`)),
      );
      for (const id of ids) add(headers, id, f);
    } else if (loc.row !== undefined) {
      const ids = new Set(
        covered.map((cell) => grid.rowHeader.get(`${cell.block.id}|${cell.row.id}`)),
      );
      for (const id of ids) add(headers, id, f);
    } else if (loc.block !== undefined) {
      add(headers, grid.blockHeader.get(loc.block), f);
    }
  }
  return { cells, headers };
}

/** Open findings about the text of the 导语 or a section (not about its table). */
export function textFindings(
  findings: readonly ResolvedFinding[],
  place: TextPlace,
): ResolvedFinding[] {
  return findings.filter(
    (f) => !f.resolved && f.location.section === place && f.location.table === undefined,
  );
}

/**
 * A place's text findings by paragraph; those naming no paragraph, or one past the last
 * (`count` paragraphs shown), are notes above the text.
 */
export function paragraphFindings(
  findings: readonly ResolvedFinding[],
  count: number,
): { byParagraph: Map<number, ResolvedFinding[]>; notes: ResolvedFinding[] } {
  const byParagraph = new Map<number, ResolvedFinding[]>();
  const notes: ResolvedFinding[] = [];
  for (const f of findings) {
    const p = f.location.paragraph;
    if (p === undefined || p >= count) notes.push(f);
    else byParagraph.set(p, [...(byParagraph.get(p) ?? []), f]);
  }
  return { byParagraph, notes };
}

/** How a paragraph with findings is marked: severity, messages (one a line), codes and check titles. */
export function paragraphMark(findings: readonly ResolvedFinding[] | undefined):
  | {
      readonly severity: Severity;
      readonly messages: string;
      readonly codes: string;
      readonly titles: readonly string[];
    }
  | undefined {
  const severity = severityOf(findings ?? []);
  if (!findings || !severity) return undefined;
  return {
    severity,
    messages: findings.map((f) => f.message).join('\n'),
    codes: findings.map((f) => f.code).join(' '),
    titles: [...new Set(findings.map((f) => codeTitle(f.code)))],
  };
}

/** What of the findings a paragraph list shows, to skip renders when nothing it shows changed. */
export function findingsSignature(findings: readonly ResolvedFinding[]): string {
  return findings
    .map((f) => `${f.code}|${f.severity}|${f.location.paragraph ?? ''}|${f.message}`)
    .join('\n');
}

/** A finding's identity across check runs: code, location and the fingerprint of its values. */
export function findingKey(f: ResolvedFinding): string {
  return `${f.code}#${JSON.stringify(f.location)}#${f.fingerprint}`;
}

export function sameFinding(a: ResolvedFinding, b: ResolvedFinding): boolean {
  return (
    a.code === b.code &&
    a.fingerprint === b.fingerprint &&
    JSON.stringify(a.location) === JSON.stringify(b.location)
  );
}

/** The checks panel's three groups, each top to bottom in the report. */
export function findingGroups(
  findings: readonly ResolvedFinding[],
  format: FormatVersion,
): { errors: ResolvedFinding[]; warnings: ResolvedFinding[]; resolved: ResolvedFinding[] } {
  const order = byReadingOrder(format);
  return {
    errors: findings.filter((f) => !f.resolved && f.severity === 'error').sort(order),
    warnings: findings.filter((f) => !f.resolved && f.severity === 'warning').sort(order),
    resolved: findings.filter((f) => f.resolved).sort(order),
  };
}

/** A check with this many findings in one group is shown folded (e.g. blank cells). */
const FOLD_AT = 6;

export type FoldEntry =
  | { readonly kind: 'item'; readonly finding: ResolvedFinding }
  | { readonly kind: 'fold'; readonly code: string; readonly findings: ResolvedFinding[] };

/**
 * A group's entries: many findings of one check (a copied report's blank cells) fold into one
 * entry at the place of the first, so the other findings stay in sight.
 */
export function foldByCheck(findings: readonly ResolvedFinding[], at = FOLD_AT): FoldEntry[] {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.code, (counts.get(f.code) ?? 0) + 1);
  const entries: FoldEntry[] = [];
  const folded = new Set<string>();
  for (const f of findings) {
    if (counts.get(f.code)! < at) {
      entries.push({ kind: 'item', finding: f });
      continue;
    }
    if (folded.has(f.code)) continue;
    folded.add(f.code);
    entries.push({
      kind: 'fold',
      code: f.code,
      findings: findings.filter((x) => x.code === f.code),
    });
  }
  return entries;
}
