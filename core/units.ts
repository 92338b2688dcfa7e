/**
 * The rules of a unit's name and kind, in one place for the payload schemas, the archive and
 * the CLI: what a name may be, the kinds, a kind guessed from a name (offered to the user,
 * never silently trusted), and when two names are the same or only look alike.
 */
import { UNIT_KINDS, type UnitKind } from './model';
import { similarity } from './diff';
import { compact } from './text';

/** The longest unit name, in characters (white space around it left out). */
export const MAX_UNIT_NAME = 500;

/** Why a text cannot be a unit's name (Chinese), or null; white space around it is ignored. */
export function unitNameProblem(name: string): string | null {
  const trimmed = name.trim();
  if (!trimmed) return '单位名称不能为空。';
  if (trimmed.length > MAX_UNIT_NAME) return `单位名称太长（最多 ${MAX_UNIT_NAME} 个字符）。`;
  return null;
}

/** Whether a value is one of the unit kinds (政府、乡镇街道、部门、其他). */
export function isUnitKind(value: unknown): value is UnitKind {
  return (UNIT_KINDS as readonly unknown[]).includes(value);
}

/** The unit kinds as a message lists them: "政府、乡镇街道、部门、其他". */
export const UNIT_KIND_LIST = UNIT_KINDS.join('、');

/**
 * The kind a unit's name suggests, or null: offered (preselected in a choice the clerk confirms),
 * never applied silently. 乡、镇、街道、办事处 (and their 人民政府) → 乡镇街道; a 县/市/区… 人民政府
 * → 政府; 局、委、办公室… (and a 驻…办事处) → 部门.
 */
export function guessUnitKind(name: string): UnitKind | null {
  const n = compact(name);
  if (!n) return null;
  if (/(?:办公室|办公厅)$/u.test(n) || /^驻|驻.+办事处$/u.test(n)) return '部门';
  if (/(?:[镇乡]人民政府|[镇乡]政府|街道办事处|街道办|街道|办事处|[镇乡]|苏木)$/u.test(n)) {
    return '乡镇街道';
  }
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
