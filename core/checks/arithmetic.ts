/**
 * The one small engine for declarative arithmetic: computed totals and linear assertions from
 * the format definitions, instantiated over columns, rows or blocks. A term whose cell is
 * absent, blank, not applicable or invalid makes the instance skip (no cascades).
 */
import { formatNumber } from '../cells';
import {
  FORMATS,
  findBlock,
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

/** Evaluates the assertions of the report's format; cross-year ones only with a prior report. */
export function arithmeticFindings(
  reader: ValueReader,
  priorReader: ValueReader | null,
): Finding[] {
  const format = FORMATS[reader.report.format];
  const findings: Finding[] = [];
  for (const def of format.assertions) {
    if (def.priorFormats) {
      if (!priorReader || !def.priorFormats.includes(priorReader.report.format)) continue;
    }
    const eq = equationOf(def, format);
    const table = format.tables[eq.table];
    instances: for (const binding of expand(eq, table)) {
      const sides: number[][] = [[], []];
      /** The cells' own values (before coefficients), for the {l0}/{r0} placeholders. */
      const stated: number[][] = [[], []];
      let firstPlace: CellPlace | null = null;
      for (const [side, terms] of [eq.left, eq.right].entries()) {
        for (const term of terms) {
          const ref = resolveRef(term, binding);
          if (!ref) continue instances;
          const source = ref.prior ? priorReader : reader;
          const v = source?.number(eq.table, ref.block, ref.row, ref.col) ?? null;
          if (v === null) continue instances;
          sides[side]!.push(ref.coef * v);
          stated[side]!.push(v);
          if (!firstPlace && !ref.prior)
            firstPlace = reader.place(eq.table, ref.block, ref.row, ref.col);
        }
      }
      const [left, right] = sides as [number[], number[]];
      const L = left.reduce((a, b) => a + b, 0);
      const R = right.reduce((a, b) => a + b, 0);
      if (Math.abs(L - R) < 1e-6 || !firstPlace) continue;
      const values: Record<string, string> = {
        L: formatNumber(L),
        R: formatNumber(R),
        block: firstPlace.block.caption || firstPlace.row.group || '',
        row: firstPlace.row.label,
        column: firstPlace.column.label,
      };
      stated[0]!.forEach((v, i) => (values[`l${i}`] = formatNumber(v)));
      stated[1]!.forEach((v, i) => (values[`r${i}`] = formatNumber(v)));
      findings.push({
        code: def.code,
        severity: def.severity,
        message: fill(def.message, values),
        location: cellLocation(firstPlace, def.locate),
        fingerprint: stableHash(`${def.code}|${left.join(',')}=${right.join(',')}`),
      });
    }
  }
  return findings;
}
