/** Unit kinds: a name-based guess that is offered to the user, never silently trusted. */
import type { UnitKind } from './model';
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
