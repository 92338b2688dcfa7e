/**
 * The one small engine for declarative arithmetic: computed totals and linear assertions from
 * the format definitions, instantiated over columns, rows or blocks. A term whose cell is
 * absent, blank, not applicable or invalid makes the instance skip (no cascades).
 */
import { formatNumber } from '../cells';
import {
  FORMATS,
  cellIndex,
  cellKey,
  findBlock,
  type FormatVersion,
  type AssertionDef,
  type CellRef,
  type Equation,
  type FormatDef,
  type TableDef,
  type TotalDef,
} from '../formats';
import { stableHash } from '../model';
import type { Finding } from './types';
import { cellLocation, type CellPlace, type ValueReader } from './values';

type Binding = { block: string; row?: string; col?: string };

export function expand(eq: Equation, table: TableDef): Binding[] {
  const over = eq.over;
  switch (over.each) {
    case 'column': {
      const block = findBlock(table, over.block);
      const cols = over.columns ?? block?.columns.map((c) => c.id) ?? [];
      return cols.map((col) => ({ block: over.block, col }));
    }
    case 'row': {
      const block = findBlock(table, over.block);
      const rows = over.rows ?? block?.rows.map((r) => r.id) ?? [];
      return rows.map((row) => ({ block: over.block, row }));
    }
    case 'block':
      return over.blocks.map((block) => ({ block }));
    case 'cell':
      return over.cells.map((c) => ({ block: c.block, row: c.row, col: c.col }));
  }
}

export interface ResolvedRef {
  readonly block: string;
  readonly row: string;
  readonly col: string;
  readonly prior: boolean;
  readonly coef: 1 | -1;
}

export function resolveRef(term: CellRef, binding: Binding): ResolvedRef | null {
  const block = term.block ?? binding.block;
  const row = term.row ?? binding.row;
  const col = term.col ?? binding.col;
  if (!row || !col) return null;
  return { block, row, col, prior: term.prior === true, coef: term.coef ?? 1 };
}

export function equationOf(def: AssertionDef, format: FormatDef): Equation {
  if ('total' in def.equation) {
    const id = def.equation.total;
    const total = format.totals.find((t) => t.id === id);
    if (!total) throw new Error(`format ${format.version}: unknown total ${id}`);
    return total;
  }
  return def.equation;
}

/** A computed total's value for one binding, or null when an input is not a number. */
export function computeTotal(
  total: TotalDef,
  binding: Binding,
  reader: ValueReader,
): number | null {
  let sum = 0;
  for (const term of total.right) {
    const ref = resolveRef(term, binding);
    if (!ref) return null;
    const v = reader.number(total.table, ref.block, ref.row, ref.col);
    if (v === null) return null;
    sum += ref.coef * v;
  }
  return sum;
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (m, key: string) => values[key] ?? m);
}

interface CompiledTerm {
  /** cellKey of the cell (table|block|row|column). */
  readonly key: string;
  readonly coef: 1 | -1;
  readonly prior: boolean;
}

interface CompiledInstance {
  readonly left: readonly CompiledTerm[];
  readonly right: readonly CompiledTerm[];
  /** Where a finding points: the first left-hand cell of this year's report. */
  readonly place: CellPlace;
}

interface CompiledAssertion {
  readonly def: AssertionDef;
  readonly instances: readonly CompiledInstance[];
}

const compiled = new Map<FormatVersion, readonly CompiledAssertion[]>();

/**
 * The assertions of a format expanded into instances with their cells' keys, once per format:
 * a check run then only looks values up (it runs on every keystroke).
 */
function compile(version: FormatVersion): readonly CompiledAssertion[] {
  const done = compiled.get(version);
  if (done) return done;
  const format = FORMATS[version];
  const index = cellIndex(version);
  const out: CompiledAssertion[] = [];
  for (const def of format.assertions) {
    const eq = equationOf(def, format);
    const instances: CompiledInstance[] = [];
    instances: for (const binding of expand(eq, format.tables[eq.table])) {
      const sides: CompiledTerm[][] = [[], []];
      let place: CellPlace | null = null;
      for (const [side, terms] of [eq.left, eq.right].entries()) {
        for (const term of terms) {
          const ref = resolveRef(term, binding);
          if (!ref) continue instances;
          const key = cellKey(eq.table, ref.block, ref.row, ref.col);
          sides[side]!.push({ key, coef: ref.coef, prior: ref.prior });
          const cell = index.get(key);
          if (!place && !ref.prior && cell) {
            place = { table: eq.table, block: cell.block, row: cell.row, column: cell.column };
          }
        }
      }
      if (place) instances.push({ left: sides[0]!, right: sides[1]!, place });
    }
    out.push({ def, instances });
  }
  compiled.set(version, out);
  return out;
}

/** Evaluates the assertions of the report's format; cross-year ones only with a prior report. */
export function arithmeticFindings(
  reader: ValueReader,
  priorReader: ValueReader | null,
): Finding[] {
  const findings: Finding[] = [];
  for (const { def, instances } of compile(reader.report.format)) {
    if (def.priorFormats) {
      if (!priorReader || !def.priorFormats.includes(priorReader.report.format)) continue;
    }
    instances: for (const instance of instances) {
      /** The cells' own values (before coefficients), for the {l0}/{r0} placeholders. */
      const stated: number[][] = [[], []];
      const sums = [0, 0];
      for (const [side, terms] of [instance.left, instance.right].entries()) {
        for (const term of terms) {
          const v = (term.prior ? priorReader : reader)?.numberAt(term.key) ?? null;
          if (v === null) continue instances;
          stated[side]!.push(v);
          sums[side]! += term.coef * v;
        }
      }
      const [L, R] = sums as [number, number];
      if (Math.abs(L - R) < 1e-6) continue;
      const { place } = instance;
      const values: Record<string, string> = {
        L: formatNumber(L),
        R: formatNumber(R),
        block: place.block.caption || place.row.group || '',
        row: place.row.label,
        column: place.column.label,
      };
      stated[0]!.forEach((v, i) => (values[`l${i}`] = formatNumber(v)));
      stated[1]!.forEach((v, i) => (values[`r${i}`] = formatNumber(v)));
      const signed = (terms: readonly CompiledTerm[], side: number) =>
        terms.map((t, i) => t.coef * stated[side]![i]!).join(',');
      findings.push({
        code: def.code,
        severity: def.severity,
        message: fill(def.message, values),
        location: cellLocation(place, def.locate),
        fingerprint: stableHash(
          `${def.code}|${signed(instance.left, 0)}=${signed(instance.right, 1)}`,
        ),
      });
    }
  }
  return findings;
}
