/**
 * Units: a stable id, the current name and the former ones with their dates, kind and parent;
 * renames keep the former names, merging (机构改革) moves the merged unit's years and names to
 * the surviving unit. Also "which unit has this name" (one implementation, for the importer and
 * the CLI) and "which units have a name like this".
 */
import { randomUUID } from 'node:crypto';
import {
  ApiError,
  type MergeResult,
  type Payload,
  type UnitCandidate,
  type UnitChange,
  type UnitChangeKind,
  type UnitInfo,
} from '../../core/api';
import { localDay } from '../../core/dates';
import type { UnitKind } from '../../core/model';
import {
  UNIT_KIND_LIST,
  isUnitKind,
  namesResemble,
  unitNameKey,
  unitNameProblem,
} from '../../core/units';
import { unitRow, type UnitRow } from './rows';
import type { Store } from './store';
import { refreshSummaries } from './summary';

/**
 * A unit change's payload with the 操作人 optional: the program's own callers (imports, tests,
 * benches) may leave it out (recorded as '').
 */
export type UnitPayload<M extends 'renameUnit' | 'updateUnit' | 'mergeUnits'> = Omit<
  Payload<M>,
  'author'
> & { author?: string };

/** A unit name as stored: trimmed, or INVALID with the reason. */
function validName(name: string): string {
  const problem = unitNameProblem(name);
  if (problem) throw new ApiError('INVALID', problem);
  return name.trim();
}

function assertKind(kind: UnitKind | null | undefined): void {
  if (kind != null && !isUnitKind(kind)) {
    throw new ApiError('INVALID', `单位类型“${kind}”无效，应为：${UNIT_KIND_LIST}。`);
  }
}

interface ChangeRecord {
  unitId: string;
  by: string | undefined;
  change: UnitChangeKind;
  before?: string | null;
  after?: string | null;
  beforeId?: string | null;
  afterId?: string | null;
  date?: string | null;
}

/** Records one unit change (inside the change's write transaction). */
function recordChange(s: Store, c: ChangeRecord): void {
  s.stmt(
    `INSERT INTO unit_changes (unit_id, at, by, change, old_value, new_value, old_ref, new_ref, date)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    c.unitId,
    s.stamp(),
    (c.by ?? '').trim(),
    c.change,
    c.before ?? null,
    c.after ?? null,
    c.beforeId ?? null,
    c.afterId ?? null,
    c.date ?? null,
  );
}

const nameOf = (s: Store, id: string | null): string | null =>
  id === null ? null : unitRow(s, id).name;

/** A unit's changes, newest first. */
export function unitHistory(s: Store, p: Payload<'unitHistory'>): UnitChange[] {
  unitRow(s, p.unitId);
  const rows = s
    .stmt(
      `SELECT id, unit_id, at, by, change, old_value, new_value, old_ref, new_ref, date
         FROM unit_changes WHERE unit_id = ? ORDER BY id DESC`,
    )
    .all(p.unitId) as {
    id: number;
    unit_id: string;
    at: string;
    by: string;
    change: UnitChangeKind;
    old_value: string | null;
    new_value: string | null;
    old_ref: string | null;
    new_ref: string | null;
    date: string | null;
  }[];
  return rows.map((r) => ({
    id: r.id,
    unitId: r.unit_id,
    at: r.at,
    by: r.by,
    change: r.change,
    before: r.old_value,
    after: r.new_value,
    beforeId: r.old_ref,
    afterId: r.new_ref,
    date: r.date,
  }));
}

function unitInfo(s: Store, row: UnitRow): UnitInfo {
  const names = s
    .stmt(
      `SELECT name, valid_from, valid_to FROM unit_names
        WHERE unit_id = ? AND valid_to IS NOT NULL ORDER BY valid_to DESC, rowid DESC`,
    )
    .all(row.id) as { name: string; valid_from: string | null; valid_to: string | null }[];
  const years = s.stmt('SELECT year FROM reports WHERE unit_id = ? ORDER BY year').pluck();
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    parentId: row.parent_id,
    mergedInto: row.merged_into,
    formerNames: names.map((n) => ({ name: n.name, from: n.valid_from, to: n.valid_to })),
    years: years.all(row.id) as number[],
  };
}

export function unit(s: Store, id: string): UnitInfo {
  return unitInfo(s, unitRow(s, id));
}

export function listUnits(s: Store): UnitInfo[] {
  const rows = s
    .stmt('SELECT id, name, kind, parent_id, merged_into FROM units ORDER BY name, id')
    .all() as UnitRow[];
  const names = new Map<string, UnitInfo['formerNames'][number][]>();
  for (const n of s
    .stmt(
      `SELECT unit_id, name, valid_from, valid_to FROM unit_names
        WHERE valid_to IS NOT NULL ORDER BY valid_to DESC, rowid DESC`,
    )
    .all() as { unit_id: string; name: string; valid_from: string | null; valid_to: string }[]) {
    const list = names.get(n.unit_id) ?? [];
    list.push({ name: n.name, from: n.valid_from, to: n.valid_to });
    names.set(n.unit_id, list);
  }
  const years = new Map<string, number[]>();
  for (const r of s.stmt('SELECT unit_id, year FROM reports ORDER BY year').all() as {
    unit_id: string;
    year: number;
  }[]) {
    const list = years.get(r.unit_id) ?? [];
    list.push(r.year);
    years.set(r.unit_id, list);
  }
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    kind: row.kind,
    parentId: row.parent_id,
    mergedInto: row.merged_into,
    formerNames: names.get(row.id) ?? [],
    years: years.get(row.id) ?? [],
  }));
}

export function createUnit(
  s: Store,
  p: Pick<Payload<'createUnit'>, 'name'> & Partial<Payload<'createUnit'>>,
  /** An id to keep (a unit received in an exchange file), used only when no unit has it. */
  keepId?: string,
): UnitInfo {
  const name = validName(p.name);
  assertKind(p.kind);
  return s.write(() => {
    const same = unitByName(s, name);
    if (same) throw new ApiError('CONFLICT', `已有名为“${same.name}”的单位。`);
    if (p.parentId) unitRow(s, p.parentId);
    const taken =
      keepId === undefined || s.stmt('SELECT 1 FROM units WHERE id = ?').pluck().get(keepId);
    const id = taken ? `u-${randomUUID()}` : keepId!;
    s.stmt(
      'INSERT INTO units (id, name, kind, parent_id, merged_into, created_at) VALUES (?, ?, ?, ?, NULL, ?)',
    ).run(id, name, p.kind ?? null, p.parentId ?? null, s.stamp());
    s.stmt(
      'INSERT INTO unit_names (unit_id, name, name_key, valid_from, valid_to) VALUES (?, ?, ?, NULL, NULL)',
    ).run(id, name, unitNameKey(name));
    recordChange(s, {
      unitId: id,
      by: p.author,
      change: 'created',
      after: name,
    });
    if (p.kind) recordChange(s, { unitId: id, by: p.author, change: 'kind', after: p.kind });
    if (p.parentId) {
      recordChange(s, {
        unitId: id,
        by: p.author,
        change: 'parent',
        after: nameOf(s, p.parentId),
        afterId: p.parentId,
      });
    }
    return unit(s, id);
  });
}

/**
 * The unit of this name, created when there is none, in ONE write transaction: two importers
 * at once (two processes) both find or both share the unit, never a false "已有名为…的单位".
 */
export function findOrCreateUnit(
  s: Store,
  name: string,
  author = '',
): { unit: UnitInfo; created: boolean } {
  const valid = validName(name);
  return s.write(() => {
    const same = unitByName(s, valid);
    if (same) return { unit: same, created: false };
    return { unit: createUnit(s, { name: valid, author }), created: true };
  });
}

export function renameUnit(s: Store, p: UnitPayload<'renameUnit'>): UnitInfo {
  const name = validName(p.name);
  const date = p.date ?? localDay(s.now());
  return s.write(() => {
    const row = unitRow(s, p.unitId);
    if (row.name === name) return unit(s, row.id);
    const other = unitByName(s, name);
    if (other && other.id !== row.id) {
      throw new ApiError('CONFLICT', `已有名为“${other.name}”的单位；如是同一单位，请使用“合并”。`);
    }
    s.stmt('UPDATE unit_names SET valid_to = ? WHERE unit_id = ? AND valid_to IS NULL').run(
      date,
      row.id,
    );
    s.stmt(
      'INSERT INTO unit_names (unit_id, name, name_key, valid_from, valid_to) VALUES (?, ?, ?, ?, NULL)',
    ).run(row.id, name, unitNameKey(name), date);
    s.stmt('UPDATE units SET name = ? WHERE id = ?').run(name, row.id);
    recordChange(s, {
      unitId: row.id,
      by: p.author,
      change: 'renamed',
      before: row.name,
      after: name,
      date,
    });
    return unit(s, row.id);
  });
}

export function updateUnit(s: Store, p: UnitPayload<'updateUnit'>): UnitInfo {
  return s.write(() => {
    const row = unitRow(s, p.unitId);
    if (p.kind !== undefined && p.kind !== row.kind) {
      assertKind(p.kind);
      s.stmt('UPDATE units SET kind = ? WHERE id = ?').run(p.kind, row.id);
      recordChange(s, {
        unitId: row.id,
        by: p.author,
        change: 'kind',
        before: row.kind,
        after: p.kind,
      });
    }
    if (p.parentId !== undefined && p.parentId !== row.parent_id) {
      if (p.parentId !== null) {
        // no cycles: the new parent must not be this unit or below it
        for (let at: string | null = p.parentId; at; at = unitRow(s, at).parent_id) {
          if (at === row.id) throw new ApiError('INVALID', '上级单位不能是本单位或其下属单位。');
        }
      }
      s.stmt('UPDATE units SET parent_id = ? WHERE id = ?').run(p.parentId, row.id);
      recordChange(s, {
        unitId: row.id,
        by: p.author,
        change: 'parent',
        before: nameOf(s, row.parent_id),
        after: nameOf(s, p.parentId),
        beforeId: row.parent_id,
        afterId: p.parentId,
      });
    }
    refreshSummaries(s, row.id);
    return unit(s, row.id);
  });
}

/**
 * Merges `from` into `into` (机构改革): `from`'s reports move to `into` for the years `into`
 * has none, its names become former names of `into`, its sub-units move under `into`. Years
 * both have stay with `from`, which is kept (marked merged) so that nothing is lost.
 */
export function mergeUnits(s: Store, p: UnitPayload<'mergeUnits'>): MergeResult {
  if (p.from === p.into) throw new ApiError('INVALID', '不能把单位合并到它自己。');
  const date = p.date ?? localDay(s.now());
  return s.write(() => {
    const from = unitRow(s, p.from);
    const into = unitRow(s, p.into);
    if (from.merged_into) throw new ApiError('CONFLICT', `“${from.name}”已经合并到其他单位。`);
    if (into.merged_into) throw new ApiError('CONFLICT', `“${into.name}”已经合并到其他单位。`);
    const intoYears = new Set(
      s.stmt('SELECT year FROM reports WHERE unit_id = ?').pluck().all(into.id) as number[],
    );
    const fromYears = s
      .stmt('SELECT year FROM reports WHERE unit_id = ? ORDER BY year')
      .pluck()
      .all(from.id) as number[];
    const moved = fromYears.filter((y) => !intoYears.has(y));
    const kept = fromYears.filter((y) => intoYears.has(y));
    const move = s.stmt('UPDATE reports SET unit_id = ? WHERE unit_id = ? AND year = ?');
    for (const y of moved) move.run(into.id, from.id, y);
    s.stmt('UPDATE unit_names SET valid_to = ? WHERE unit_id = ? AND valid_to IS NULL').run(
      date,
      from.id,
    );
    s.stmt(
      `INSERT INTO unit_names (unit_id, name, name_key, valid_from, valid_to)
         SELECT ?, name, name_key, valid_from, valid_to FROM unit_names WHERE unit_id = ?`,
    ).run(into.id, from.id);
    // when the survivor is below the merged unit, it first takes the merged unit's place in
    // the tree, so that no unit becomes its own ancestor
    for (let at = into.parent_id; at; at = unitRow(s, at).parent_id) {
      if (at === from.id) {
        s.stmt('UPDATE units SET parent_id = ? WHERE id = ?').run(from.parent_id, into.id);
        break;
      }
    }
    s.stmt('UPDATE units SET parent_id = ? WHERE parent_id = ? AND id <> ?').run(
      into.id,
      from.id,
      into.id,
    );
    s.stmt('UPDATE units SET merged_into = ?, parent_id = NULL WHERE id = ?').run(into.id, from.id);
    const merged = { by: p.author, date };
    recordChange(s, {
      ...merged,
      unitId: from.id,
      change: 'merged',
      after: into.name,
      afterId: into.id,
    });
    recordChange(s, {
      ...merged,
      unitId: into.id,
      change: 'absorbed',
      before: from.name,
      beforeId: from.id,
    });
    refreshSummaries(s, into.id);
    refreshSummaries(s, from.id);
    return { into: unit(s, into.id), moved, kept };
  });
}

/**
 * The unit a text names: a unit id, else the unit whose own name it is (white space and
 * full-width forms ignored; a unit not merged first), else the unit that had it as a former
 * name (the newest first). A merged unit leads to the unit it was merged into, unless `follow`
 * is false.
 */
export function unitByName(s: Store, name: string, { follow = true } = {}): UnitInfo | null {
  const key = unitNameKey(name);
  if (!key) return null;
  let id =
    (s.stmt('SELECT id FROM units WHERE id = ?').pluck().get(name.trim()) as string | undefined) ??
    (s
      .stmt(
        `SELECT u.id FROM unit_names n JOIN units u ON u.id = n.unit_id WHERE n.name_key = ?
          ORDER BY n.name = u.name DESC, u.merged_into IS NOT NULL, n.rowid DESC LIMIT 1`,
      )
      .pluck()
      .get(key) as string | undefined);
  if (id === undefined) return null;
  for (let row = unitRow(s, id); follow && row.merged_into; row = unitRow(s, row.merged_into)) {
    id = row.merged_into;
  }
  return unit(s, id);
}

/** Units whose names resemble this one without being equal (for "which unit is this?"). */
export function resemblingUnits(s: Store, name: string, limit = 5): UnitCandidate[] {
  const rows = s
    .stmt(
      `SELECT n.unit_id AS id, n.name AS name, u.name AS current FROM unit_names n
         JOIN units u ON u.id = n.unit_id WHERE u.merged_into IS NULL`,
    )
    .all() as { id: string; name: string; current: string }[];
  const out = new Map<string, UnitCandidate>();
  for (const row of rows) {
    if (out.size >= limit) break;
    if (!out.has(row.id) && namesResemble(name, row.name)) {
      out.set(row.id, { id: row.id, name: row.current });
    }
  }
  return [...out.values()];
}
