/**
 * The exchange import screen's logic (issue 15 item 1), DOM-free: which picked files are
 * exchange files, the files sent per request, the results grouped for the screen (refused
 * first, then needs-unit, added, identical) with one line each, and the units chosen for the
 * needs-unit files as the `units` mapping of the second round.
 */
import { EXCHANGE_EXTENSION, type ExchangeFileResult } from '../../core/exchange';

/** Whether a picked file is an exchange file (`.nianbao`, hidden files left out). */
export function isExchangeFileName(name: string): boolean {
  const base = name.split('/').pop() ?? name;
  return !base.startsWith('.') && base.toLowerCase().endsWith(EXCHANGE_EXTENSION);
}

/** One request carries at most this many files or bytes (the rest go in the next). */
export const BATCH_FILES = 50;
export const BATCH_BYTES = 32 * 1024 * 1024;

/** Splits files (name, size) into requests within both limits, in order. */
export function batches<T extends { readonly size: number }>(files: readonly T[]): T[][] {
  const out: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const f of files) {
    if (current.length && (current.length >= BATCH_FILES || bytes + f.size > BATCH_BYTES)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(f);
    bytes += f.size;
  }
  if (current.length) out.push(current);
  return out;
}

export interface ExchangeGroups {
  readonly refused: readonly ExchangeFileResult[];
  readonly needsUnit: readonly ExchangeFileResult[];
  readonly added: readonly ExchangeFileResult[];
  readonly identical: readonly ExchangeFileResult[];
}

export function groupResults(results: readonly ExchangeFileResult[]): ExchangeGroups {
  const by = (status: ExchangeFileResult['status']) => results.filter((r) => r.status === status);
  return {
    refused: by('refused'),
    needsUnit: by('needs-unit'),
    added: by('added'),
    identical: by('identical'),
  };
}

/** The unit and year a file is for: "清河县财政局 2025年度（来源第 3 版）". */
export function whatText(r: ExchangeFileResult): string {
  if (!r.unitName) return '';
  return `${r.unitName} ${r.year}年度${r.sourceRevision ? `（来源第 ${r.sourceRevision} 版）` : ''}`;
}

/** What became of an added or identical file. */
export function outcomeText(r: ExchangeFileResult): string {
  if (r.status === 'added') {
    return `已导入为第 ${r.revision} 版${r.finalised ? `，已定稿${r.pdf ? '（含定稿 PDF）' : ''}` : ''}${r.newUnit ? '，新建单位' : ''}`;
  }
  if (r.status === 'identical') return r.message ?? '相同，未导入';
  return r.message ?? '';
}

/** The summary line: "导入 43 份，相同未导入 0 份，拒绝 2 份，需确认单位 0 份". */
export function countsText(g: ExchangeGroups): string {
  return `导入 ${g.added.length} 份，相同未导入 ${g.identical.length} 份，拒绝 ${g.refused.length} 份，需确认单位 ${g.needsUnit.length} 份`;
}

/** A needs-unit file's choice: a unit id, NEW_UNIT (the file's own name as a new unit) or SKIP. */
export const NEW_UNIT = '__new__';
export const SKIP = '';

/** The first candidate by default (the clerk confirms it with one click). */
export function defaultChoices(results: readonly ExchangeFileResult[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of results) {
    if (r.status === 'needs-unit') out[r.file] = r.candidates?.[0]?.id ?? NEW_UNIT;
  }
  return out;
}

/** The `units` mapping for the chosen files (skipped ones left out). */
export function chosenUnits(
  results: readonly ExchangeFileResult[],
  choices: Readonly<Record<string, string>>,
): Record<string, string> {
  const units: Record<string, string> = {};
  for (const r of results) {
    if (r.status !== 'needs-unit') continue;
    const choice = choices[r.file] ?? SKIP;
    const unit = choice === NEW_UNIT ? (r.unitName ?? '').trim() : choice;
    if (unit) units[r.file] = unit;
  }
  return units;
}

/**
 * The results after a second round for some files: each file's newest result replaces its
 * earlier one, the order kept.
 */
export function mergeResults(
  earlier: readonly ExchangeFileResult[],
  later: readonly ExchangeFileResult[],
): ExchangeFileResult[] {
  const newer = new Map(later.map((r) => [r.file, r]));
  const out = earlier.map((r) => newer.get(r.file) ?? r);
  const known = new Set(earlier.map((r) => r.file));
  return [...out, ...later.filter((r) => !known.has(r.file))];
}
