/**
 * An imported file stored in one write transaction: its unit looked up (or, when no unit has a
 * name like it, created) and its report stored together. A second process importing the same
 * unit's files waits for this one instead of finding no unit and then failing to create it
 * ("已有名为…的单位"), and a process killed in the middle leaves no unit without its report.
 */
import type { UnitCandidate, UnitInfo } from '../../core/api';
import type { LegacyBody } from '../text';
import type { Report } from '../../core/model';
import { storeImported } from './reports';
import type { Store } from './store';
import { findOrCreateUnit, resemblingUnits, unitByName } from './units';

export interface ImportedFile {
  /** The unit the clerk named for the file (a name or id; created when no unit has it). */
  readonly unit?: string;
  /** The unit the file names, and the archive id an exported .nianbao.json carries. */
  readonly unitName: string;
  readonly unitId: string | null;
  readonly year: number;
  readonly content: Report | LegacyBody;
  readonly author: string;
  readonly file: string;
  readonly replace?: boolean;
  /** Mark a past year's report 已发布（存档） (see ImportedContent.published). */
  readonly published?: boolean;
}

export type ImportedFileResult =
  | { readonly status: 'needs-unit'; readonly candidates: UnitCandidate[] }
  | {
      readonly status: 'stored';
      readonly unit: UnitInfo;
      readonly created: boolean;
      readonly stored: ReturnType<typeof storeImported>;
    };

export function storeImportedFile(s: Store, p: ImportedFile): ImportedFileResult {
  return s.write(() => {
    let unit: UnitInfo | null;
    let created = false;
    if (p.unit !== undefined) {
      ({ unit, created } = findOrCreateUnit(s, p.unit.trim(), p.author));
    } else {
      unit = (p.unitId && unitByName(s, p.unitId)) || unitByName(s, p.unitName);
      if (!unit) {
        if (!p.unitName.trim()) return { status: 'needs-unit', candidates: [] };
        const candidates = resemblingUnits(s, p.unitName);
        if (candidates.length) return { status: 'needs-unit', candidates };
        ({ unit, created } = findOrCreateUnit(s, p.unitName, p.author));
      }
    }
    const stored = storeImported(s, {
      unitId: unit.id,
      year: p.year,
      content: p.content,
      author: p.author,
      file: p.file,
      ...(p.replace !== undefined ? { replace: p.replace } : {}),
      ...(p.published !== undefined ? { published: p.published } : {}),
    });
    return { status: 'stored', unit, created, stored };
  });
}
