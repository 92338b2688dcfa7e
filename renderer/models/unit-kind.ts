/**
 * Choosing a unit's 类型 (issue 13 item 4), DOM-free: the words shown for it, the choices with the
 * name-based guess preselected (the clerk confirms or changes it; it is never applied silently),
 * and the units an import has just created, whose 类型 is asked for in the import summary.
 */
import type { ImportFileResult } from '../../core/api';
import { UNIT_KINDS, type UnitKind } from '../../core/model';
import { guessUnitKind } from '../../core/units';

/** How an unknown 类型 is shown (header, home, lists). */
export const KIND_UNSET = '类型未定';
/** The choice that leaves the 类型 unknown for now. */
export const KIND_LATER = '暂不指定';

/** A unit's 类型 as shown: the kind, or 类型未定. */
export function kindText(kind: UnitKind | null | undefined): string {
  return kind ?? KIND_UNSET;
}

export interface KindOption {
  /** A kind, or '' for 暂不指定. */
  readonly value: UnitKind | '';
  readonly label: string;
  /** The kind the name suggests. */
  readonly guessed: boolean;
}

/** The choices of a 类型 chooser, the guess marked; 暂不指定 last when allowed. */
export function kindOptions(guess: UnitKind | null, later = true): KindOption[] {
  const options: KindOption[] = UNIT_KINDS.map((k) => ({
    value: k,
    label: k === guess ? `${k}（按名称推测）` : k,
    guessed: k === guess,
  }));
  if (later) options.push({ value: '', label: KIND_LATER, guessed: false });
  return options;
}

/** What a chooser starts with: the kind already set, else the guess, else 暂不指定 (''). */
export function preselectedKind(current: UnitKind | null, name: string): UnitKind | '' {
  return current ?? guessUnitKind(name) ?? '';
}

/** A chooser's value as a kind (null: 暂不指定). */
export function chosenKind(value: string): UnitKind | null {
  return (UNIT_KINDS as readonly string[]).includes(value) ? (value as UnitKind) : null;
}

/**
 * The 新建单位 form: the 类型 follows the guess from the name being typed until the clerk picks
 * one; what the clerk picked stays. `picked` is whether the clerk changed the choice.
 */
export function kindWhileTyping(
  name: string,
  picked: boolean,
  value: UnitKind | '',
): UnitKind | '' {
  return picked ? value : (guessUnitKind(name) ?? '');
}

/** A unit an import created, with the 类型 its name suggests. */
export interface NewUnit {
  readonly unitId: string;
  readonly name: string;
  readonly guess: UnitKind | null;
}

/**
 * The units created by an import (each once, in the order of the files), except those whose
 * 类型 is already set (`kinds`: the archive's units, when known).
 */
export function newUnitsOf(
  results: readonly ImportFileResult[],
  kinds: ReadonlyMap<string, UnitKind | null> = new Map(),
): NewUnit[] {
  const seen = new Set<string>();
  const out: NewUnit[] = [];
  for (const r of results) {
    if (!r.newUnit || !r.unitId || seen.has(r.unitId)) continue;
    seen.add(r.unitId);
    if (kinds.get(r.unitId)) continue;
    const name = r.unitName ?? '';
    out.push({ unitId: r.unitId, name, guess: guessUnitKind(name) });
  }
  return out;
}
