/**
 * The table's own arithmetic, as the format defines it (T3 row totals, result totals and
 * balance; T4 totals), used to choose between readings of a row that the values alone leave
 * open: which cells were blank when a line lost its empty cells, where glued digits split.
 * A published blank counts as 0 here: a reading is confirmed when the sums hold.
 */
import { parseCell } from '../../cells';
import { expand, equationOf, resolveRef } from '../../checks/arithmetic';
import { FORMATS, findBlock, type FormatVersion, type TableId } from '../../formats';

/** Cell texts by block, row and column id. */
export type Cells = ReadonlyMap<string, string>;

export const cellId = (block: string, row: string, col: string) => `${block}|${row}|${col}`;

interface Term {
  readonly key: string;
  readonly coef: number;
  readonly block: string;
  readonly col: string;
}

export interface Instance {
  readonly terms: readonly Term[];
  /** Rows (block|row) the instance touches. */
  readonly rows: ReadonlySet<string>;
}

const cache = new Map<string, Instance[]>();

/** Every same-year equation of a table, instantiated (both sides as one sum = 0). */
export function instances(format: FormatVersion, table: TableId): Instance[] {
  const key = `${format}|${table}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const def = FORMATS[format];
  const tdef = def.tables[table];
  const out: Instance[] = [];
  for (const assertion of def.assertions) {
    if (assertion.priorFormats) continue;
    const eq = equationOf(assertion, def);
    if (eq.table !== table || eq.left.some((t) => t.prior) || eq.right.some((t) => t.prior))
      continue;
    for (const binding of expand(eq, tdef)) {
      const terms: Term[] = [];
      let ok = true;
      for (const [side, list] of [
        [1, eq.left],
        [-1, eq.right],
      ] as const) {
        for (const t of list) {
          const ref = resolveRef(t, binding);
          if (!ref || !findBlock(tdef, ref.block)) {
            ok = false;
            break;
          }
          terms.push({
            key: cellId(ref.block, ref.row, ref.col),
            coef: side * ref.coef,
            block: ref.block,
            col: ref.col,
          });
        }
      }
      if (ok && terms.length) {
        out.push({
          terms,
          rows: new Set(terms.map((t) => t.key.split('|').slice(0, 2).join('|'))),
        });
      }
    }
  }
  cache.set(key, out);
  return out;
}

/** A cell's number for the arithmetic: blank counts 0; null when not a number. */
function valueOf(
  format: FormatVersion,
  table: TableId,
  term: Term,
  raw: string | undefined,
): number | null {
  if (raw === undefined) return null;
  const column = findBlock(FORMATS[format].tables[table], term.block)?.columns.find(
    (c) => c.id === term.col,
  );
  if (!column) return null;
  const v = parseCell(raw, column, table);
  if (v.state === 'blank' || v.state === 'na') return 0;
  return v.state === 'number' ? v.value : null;
}

/** Whether an instance holds (true), fails (false) or cannot be evaluated (null). */
export function holds(
  format: FormatVersion,
  table: TableId,
  instance: Instance,
  cells: Cells,
): boolean | null {
  let sum = 0;
  for (const term of instance.terms) {
    const v = valueOf(format, table, term, cells.get(term.key));
    if (v === null) return null;
    sum += term.coef * v;
  }
  return Math.abs(sum) < 1e-6;
}

/**
 * Checks a reading of one row against the equations that lie within that row alone
 * (T3's row total, T4's totals): false when one fails, true when one holds and none fails,
 * null when none applies.
 */
export function rowConsistent(
  format: FormatVersion,
  table: TableId,
  block: string,
  row: string,
  cells: Readonly<Record<string, string>>,
): boolean | null {
  const map = new Map(Object.entries(cells).map(([col, v]) => [cellId(block, row, col), v]));
  let any = false;
  for (const inst of instances(format, table)) {
    if (inst.rows.size !== 1 || !inst.rows.has(`${block}|${row}`)) continue;
    const h = holds(format, table, inst, map);
    if (h === false) return false;
    if (h === true) any = true;
  }
  return any ? true : null;
}
