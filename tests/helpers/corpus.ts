/**
 * The corpus harness (issue 11, item 7): real reports in tests/fixtures/corpus/, each with a
 * hand-read truth (`<file>.truth.csv`) and what a correct import and check must report
 * (`<file>.meta.json`). `npm run corpus` (bench/corpus.ts) prints the figures;
 * tests/import/corpus.test.ts holds them against baseline.json.
 *
 * Everything reads the file through importFixture(): the one place to redirect when the
 * importer gains its asynchronous reader for .pdf and .doc.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseCell, type CellValue } from '../../core/cells';
import { runChecks, type Finding } from '../../core/checks';
import { reportCells } from '../../core/export';
import { FORMATS, blockLabel, cellsOf, type CellDef, type FormatVersion } from '../../core/formats';
import { ReportFileError, type Location, type Report, type UnitKind } from '../../core/model';
import { importBytes } from '../../electron/services/import';
import { inProcessExtractors } from '../../electron/services/import/in-process';
import { FIXTURES } from './paths';

export const CORPUS_DIR = path.join(FIXTURES, 'corpus');
export const BASELINE_FILE = path.join(CORPUS_DIR, 'baseline.json');

/** What importing one file gave: a report, or the message it was refused with. */
export type ImportOutcome =
  { readonly ok: true; readonly report: Report } | { readonly ok: false; readonly message: string };

export interface FixtureOptions {
  /** The year a clerk gives for a document that states none (meta `askYear`). */
  readonly year?: number;
}

/**
 * Imports one corpus file as the application does: the service's file reader (text, HTML,
 * .docx, PDF, .doc), with the PDF and .doc extractors run in this process instead of the
 * bounded worker (the same code, no build needed).
 */
export async function importFixture(
  file: string,
  options: FixtureOptions = {},
): Promise<ImportOutcome> {
  const bytes = new Uint8Array(readFileSync(file));
  try {
    const { report } = await importBytes(bytes, {
      extractors: inProcessExtractors,
      fileName: path.basename(file),
      ...(options.year ? { year: options.year } : {}),
    });
    return { ok: true, report };
  } catch (error) {
    if (error instanceof ReportFileError) return { ok: false, message: error.message };
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Truth and meta files

export interface TruthCell {
  readonly table: string;
  readonly block: string;
  readonly row: string;
  readonly column: string;
  /** The cell as published, or "blank" when the published cell is empty. */
  readonly value: string;
}

export interface ExpectedFinding {
  readonly code: string;
  /** Fields a finding's location must have (a finding may name more: block, row, column). */
  readonly location: Location;
}

export interface CorpusMeta {
  readonly source: string;
  readonly unit: string | null;
  readonly year: number;
  readonly format: FormatVersion;
  readonly kind: UnitKind | null;
  readonly excerpt: boolean;
  /** The document states no year: the harness gives `year`, as a clerk would. */
  readonly askYear?: boolean;
  /** Another corpus file: last year's report of the same unit (cross-year checks). */
  readonly prior: string | null;
  /** What a correct import and check must report. */
  readonly defects: readonly ExpectedFinding[];
  /**
   * Errors that are acceptable but not required: an honest "could not read" where the shape
   * makes a cell unreadable without guessing (glued digits with no unique split).
   */
  readonly tolerated?: readonly ExpectedFinding[];
  readonly noFalseErrors: boolean;
  readonly notes: string;
}

export interface CorpusFile {
  readonly name: string;
  readonly path: string;
  readonly truth: readonly TruthCell[];
  readonly meta: CorpusMeta;
}

const SIDE_FILES = /(?:\.truth\.csv|\.meta\.json)$|^(?:README\.md|baseline\.json)$/u;

/** RFC 4180 fields of one CSV line (the truth files quote nothing today, but may). */
function csvFields(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(field);
      field = '';
    } else field += c;
  }
  out.push(field);
  return out;
}

export function readTruth(file: string): TruthCell[] {
  const [header, ...lines] = readFileSync(file, 'utf8').split('\n').filter(Boolean);
  if (header !== 'table,block,row,column,value') throw new Error(`${file}: unexpected header`);
  return lines.map((line, i) => {
    const f = csvFields(line);
    if (f.length !== 5) throw new Error(`${file}:${i + 2}: ${f.length} fields`);
    const [table, block, row, column, value] = f as [string, string, string, string, string];
    return { table, block, row, column, value };
  });
}

/** Every corpus file with its truth and meta, sorted by name. */
export function loadCorpus(dir = CORPUS_DIR): CorpusFile[] {
  return readdirSync(dir)
    .filter((name) => !SIDE_FILES.test(name))
    .sort()
    .map((name) => {
      const file = path.join(dir, name);
      for (const side of ['.truth.csv', '.meta.json']) {
        if (!existsSync(file + side)) throw new Error(`${name}: ${name}${side} is missing`);
      }
      return {
        name,
        path: file,
        truth: readTruth(`${file}.truth.csv`),
        meta: JSON.parse(readFileSync(`${file}.meta.json`, 'utf8')) as CorpusMeta,
      };
    });
}

// ---------------------------------------------------------------------------------------------
// Comparison

export const cellKey = (c: Pick<TruthCell, 'table' | 'block' | 'row' | 'column'>): string =>
  `${c.table}|${c.block}|${c.row}|${c.column}`;

/** A readable cell name: 表三 （三）不予公开 / 1.属于国家秘密 / 自然人. */
export const cellName = (c: Pick<TruthCell, 'table' | 'block' | 'row' | 'column'>): string =>
  `表${c.table} ${[c.block, c.row, c.column].filter(Boolean).join(' / ')}`;

export interface CellDiff {
  readonly cell: string;
  readonly want: string;
  readonly got: string;
}

export interface CellScore {
  /**
   * Truth cells the import agrees with: a number equal after normalisation, or a published
   * blank that the import read as blank (a cell the import lacks is not right, even if blank).
   */
  readonly right: number;
  /** Truth cells with a number that the import left blank or absent. */
  readonly blankButKnown: readonly CellDiff[];
  /**
   * The import has something else: another number, a value where the truth is blank,
   * unreadable text where the truth has a number, or a value in a cell an excerpt lacks.
   */
  readonly wrong: readonly CellDiff[];
  /** Truth cells, and those of them with a number. */
  readonly total: number;
  readonly numbers: number;
}

/** Every cell definition of both format versions by its labels (T3 and T4 are shared). */
let cellDefs: Map<string, CellDef> | null = null;

/** The column definition behind a truth cell's labels, in either format version. */
function columnOf(cell: TruthCell): CellDef {
  if (!cellDefs) {
    cellDefs = new Map();
    for (const format of Object.values(FORMATS)) {
      for (const def of cellsOf(format)) {
        const key = cellKey({
          table: def.table.id,
          block: blockLabel(def.block, def.row),
          row: def.row.label,
          column: def.column.label,
        });
        if (!cellDefs.has(key)) cellDefs.set(key, def);
      }
    }
  }
  const def = cellDefs.get(cellKey(cell));
  if (!def) throw new Error(`no such cell in either format: ${cellName(cell)}`);
  return def;
}

const same = (a: CellValue, b: CellValue): boolean =>
  a.state === 'number' && b.state === 'number'
    ? a.value === b.value && a.measure === b.measure
    : a.state === b.state && a.state !== 'invalid';

const shown = (raw: string | undefined): string =>
  raw === undefined ? '(absent)' : raw.trim() === '' ? '(blank)' : raw.trim();

/**
 * Compares an import with the truth cell by cell, values normalised by core/cells (full-width
 * digits, thousands separators, unit words, "增 69" = +69). `excerpt`: cells outside the truth
 * are wrong only when the import put a value there.
 */
export function scoreCells(report: Report | null, truth: readonly TruthCell[]): CellScore {
  const got = new Map<string, string>();
  if (report) {
    for (const r of reportCells(report)) {
      got.set(cellKey(r), r.raw);
    }
  }
  // cells of the imported format that were present (reportCells lists absent ones with raw '')
  const present = new Set<string>();
  if (report) {
    for (const { table, block, row, column } of cellsOf(FORMATS[report.format])) {
      const data = report.sections[table.id]?.table?.blocks[block.id];
      if (data?.rows[row.id] && data.columns.includes(column.id)) {
        present.add(
          cellKey({
            table: table.id,
            block: blockLabel(block, row),
            row: row.label,
            column: column.label,
          }),
        );
      }
    }
  }
  let right = 0;
  let numbers = 0;
  const blankButKnown: CellDiff[] = [];
  const wrong: CellDiff[] = [];
  const inTruth = new Set<string>();
  for (const cell of truth) {
    const key = cellKey(cell);
    inTruth.add(key);
    const def = columnOf(cell);
    const want: CellValue =
      cell.value === 'blank' ? { state: 'blank' } : parseCell(cell.value, def.column, def.table.id);
    if (want.state === 'number') numbers++;
    const raw = present.has(key) ? (got.get(key) ?? '') : undefined;
    const have: CellValue =
      raw === undefined ? { state: 'blank' } : parseCell(raw, def.column, def.table.id);
    const diff = { cell: cellName(cell), want: cell.value, got: shown(raw) };
    if (raw === undefined && want.state === 'blank') continue; // not read: neither right nor wrong
    if (same(want, have)) right++;
    else if (want.state === 'number' && have.state === 'blank') blankButKnown.push(diff);
    else wrong.push(diff);
  }
  for (const key of present) {
    if (inTruth.has(key)) continue;
    const raw = got.get(key) ?? '';
    if (raw.trim() === '') continue;
    const [table, block, row, column] = key.split('|') as [string, string, string, string];
    wrong.push({
      cell: cellName({ table, block, row, column }),
      want: '(not in the file)',
      got: raw,
    });
  }
  return { right, blankButKnown, wrong, total: truth.length, numbers };
}

// ---------------------------------------------------------------------------------------------
// Findings

/** A finding answers an expectation when the code is the same and it names every field. */
export function matches(finding: Pick<Finding, 'code' | 'location'>, want: ExpectedFinding) {
  if (finding.code !== want.code) return false;
  const loc = finding.location as Record<string, unknown>;
  return Object.entries(want.location).every(([k, v]) => loc[k] === v);
}

export const findingKey = (f: ExpectedFinding): string =>
  `${f.code} ${Object.entries(f.location)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(' ')}`;

export interface FindingScore {
  readonly findings: readonly Finding[];
  readonly found: readonly ExpectedFinding[];
  readonly missed: readonly ExpectedFinding[];
  /** Errors neither expected nor tolerated. */
  readonly falseErrors: readonly Finding[];
}

/**
 * The labels of the rows import found but could not read: the checks say they were not read in
 * (an error until the clerk reads them in), which is the blank already counted among the cells,
 * not a false claim about the report.
 */
function unreadRowLabels(report: Report | null): Set<string> {
  const out = new Set<string>();
  if (!report) return out;
  for (const id of ['二', '三', '四'] as const) {
    const table = FORMATS[report.format].tables[id];
    for (const u of report.sections[id]?.table?.unrecognised ?? []) {
      if (!u.row) continue;
      for (const b of table.blocks) {
        const row = b.rows.find((r) => r.id === u.row);
        if (row) out.add(row.label);
      }
    }
  }
  return out;
}

export function scoreFindings(
  findings: readonly Finding[],
  meta: CorpusMeta,
  report: Report | null = null,
): FindingScore {
  const found = meta.defects.filter((d) => findings.some((f) => matches(f, d)));
  const missed = meta.defects.filter((d) => !found.includes(d));
  const allowed = [...meta.defects, ...(meta.tolerated ?? [])];
  const unread = unreadRowLabels(report);
  const falseErrors = findings.filter(
    (f) =>
      f.severity === 'error' &&
      !allowed.some((d) => matches(f, d)) &&
      !(f.code === 'TABLE_INCOMPLETE' && f.location.row && unread.has(f.location.row)),
  );
  return { findings, found, missed, falseErrors };
}

// ---------------------------------------------------------------------------------------------
// One run over the corpus

export interface FileResult {
  readonly name: string;
  readonly meta: CorpusMeta;
  /** The importer's message when it refused the file. */
  readonly refused: string | null;
  readonly cells: CellScore;
  readonly findings: FindingScore;
  readonly ms: number;
}

/** Imports every file (each prior year once), checks it and scores it against its truth. */
export async function runCorpus(files = loadCorpus()): Promise<FileResult[]> {
  const byName = new Map(files.map((f) => [f.name, f]));
  const outcomes = new Map<string, { outcome: ImportOutcome; ms: number }>();
  const outcome = async (f: CorpusFile) => {
    let o = outcomes.get(f.name);
    if (!o) {
      const start = performance.now();
      const result = await importFixture(f.path, f.meta.askYear ? { year: f.meta.year } : {});
      o = { outcome: result, ms: performance.now() - start };
      outcomes.set(f.name, o);
    }
    return o;
  };
  const results: FileResult[] = [];
  for (const f of files) {
    const { outcome: o, ms } = await outcome(f);
    let prior: Report | undefined;
    if (f.meta.prior) {
      const p = byName.get(f.meta.prior);
      if (!p) throw new Error(`${f.name}: prior ${f.meta.prior} is not in the corpus`);
      const po = (await outcome(p)).outcome;
      if (po.ok) prior = po.report;
    }
    const report = o.ok ? o.report : null;
    const findings = report
      ? runChecks(report, { kind: f.meta.kind, ...(prior ? { prior } : {}) })
      : [];
    results.push({
      name: f.name,
      meta: f.meta,
      refused: o.ok ? null : o.message,
      cells: scoreCells(report, f.truth),
      findings: scoreFindings(findings, f.meta, report),
      ms,
    });
  }
  return results;
}

// ---------------------------------------------------------------------------------------------
// Baseline: per file the figures reached so far; an update only ever raises them.

export interface BaselineEntry {
  /** Minimum number of right cells. */
  readonly right: number;
  /** Expected defects found so far (findingKey), each must stay found. */
  readonly defectsFound: readonly string[];
  /** Maximum number of false errors; null while the file is refused (nothing to check yet). */
  readonly falseErrors: number | null;
}
export type Baseline = Record<string, BaselineEntry>;

export function readBaseline(file = BASELINE_FILE): Baseline {
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Baseline) : {};
}

/** The baseline after this run: never lower right cells, never fewer defects, never more false errors. */
export function raiseBaseline(old: Baseline, results: readonly FileResult[]): Baseline {
  const out: Record<string, BaselineEntry> = {};
  for (const r of results) {
    const before = old[r.name];
    const found = new Set([...(before?.defectsFound ?? []), ...r.findings.found.map(findingKey)]);
    out[r.name] = {
      right: Math.max(before?.right ?? 0, r.cells.right),
      defectsFound: [...found].sort(),
      falseErrors: r.refused
        ? (before?.falseErrors ?? null)
        : Math.min(before?.falseErrors ?? Infinity, r.findings.falseErrors.length),
    };
  }
  return out;
}

/** What got worse than the baseline, in words (empty: nothing). */
export function regressions(result: FileResult, base: BaselineEntry | undefined): string[] {
  if (!base)
    return [`${result.name}: not in baseline.json (run npm run corpus -- --update-baseline)`];
  const out: string[] = [];
  if (result.cells.right < base.right) {
    out.push(`${result.name}: ${result.cells.right} right cells, baseline ${base.right}`);
  }
  const now = new Set(result.findings.found.map(findingKey));
  for (const key of base.defectsFound) {
    if (!now.has(key)) out.push(`${result.name}: defect no longer found: ${key}`);
  }
  if (base.falseErrors !== null && result.findings.falseErrors.length > base.falseErrors) {
    out.push(
      `${result.name}: ${result.findings.falseErrors.length} false errors, baseline ${base.falseErrors}`,
    );
  }
  return out;
}
