/** Unit kinds: a name-based guess that is offered to the user, never silently trusted. */
import type { UnitKind } from './model';
import { similarity } from './diff';
import { compact } from './text';

export function guessUnitKind(name: string): UnitKind | null {
  const n = compact(name);
  if (!n) return null;
  if (/(?:办公室|办公厅)$/u.test(n)) return '部门';
  if (/(?:[镇乡]人民政府|[镇乡]政府|街道办事处|街道办|街道)$/u.test(n)) return '乡镇街道';
  if (/(?:[县市区旗省州盟]|自治区|自治州|自治县)人民政府$/u.test(n)) return '政府';
  if (/(?:局|委|委员会|办|厅|署|中心|分局|支队|大队)$/u.test(n)) return '部门';
  return null;
}

/** The key two unit names are compared by: no white space, full-width forms folded. */
export function unitNameKey(name: string): string {
  return compact(name.normalize('NFKC'));
}

/**
 * Whether two different unit names look like the same unit written differently (a name that
 * an import must not silently treat as new): one contains the other, or a character-level
 * diff matches at least 75 % of the longer name.
 */
export function namesResemble(a: string, b: string): boolean {
  const ka = unitNameKey(a);
  const kb = unitNameKey(b);
  if (!ka || !kb || ka === kb) return false;
  const [short, long] = ka.length <= kb.length ? [ka, kb] : [kb, ka];
  if (short.length >= 2 && long.includes(short)) return true;
  return similarity(ka, kb, 0.75) >= 0.75;
}
