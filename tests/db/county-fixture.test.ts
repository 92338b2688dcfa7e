/**
 * The county fixture (tests/helpers/county.ts) is what the county office's tests rely on:
 * three levels, the states it promises, and scaled reports that stay balanced.
 */
import { describe, expect, it } from 'vitest';
import { Clock, tempArchive } from '../helpers/archive';
import {
  COUNTY,
  DRAFT_WITH_ERRORS,
  MISSING,
  OLD_FORMAT,
  YEAR,
  fillCounty,
} from '../helpers/county';
import { balancedReport, codesOf, numberAt } from '../helpers/reports';
import { T3_BLOCK_ID } from '../../core/formats/common';

describe('county fixture', () => {
  it('scales every figure and stays balanced', () => {
    const one = balancedReport(2025);
    const three = balancedReport(2025, { scale: 3 });
    expect(numberAt(three, '三', T3_BLOCK_ID, 'granted', 'total')).toBe(
      3 * numberAt(one, '三', T3_BLOCK_ID, 'granted', 'total')!,
    );
    expect(codesOf(three).filter((c) => !c.startsWith('DEADLINE'))).toEqual(
      codesOf(one).filter((c) => !c.startsWith('DEADLINE')),
    );
  });

  it('holds a county of three levels in the states it promises', async () => {
    const { archive: a } = await tempArchive({ clock: new Clock('2026-01-20T10:00:00') });
    {
      const c = fillCounty(a);
      const units = a.listUnits();
      expect(units).toHaveLength(1 + 30 + 15 + 6);
      const county = units.find((u) => u.name === COUNTY)!;
      expect(units.filter((u) => u.parentId === county.id)).toHaveLength(45);
      const third = units.filter((u) => u.parentId && u.parentId !== county.id);
      expect(third).toHaveLength(6);
      const statusOf = (name: string) => {
        const unit = c.byName.get(name)!;
        return a.checkReport({ unitId: unit.id, year: YEAR });
      };
      for (const name of DRAFT_WITH_ERRORS) {
        const r = statusOf(name);
        expect(r.status, name).toBe('草稿');
        expect(r.errors, name).toBeGreaterThan(0);
      }
      for (const name of OLD_FORMAT) expect(statusOf(name).errors, name).toBeGreaterThan(0);
      for (const name of MISSING) {
        expect(a.listYears({ unitId: c.byName.get(name)!.id }).map((y) => y.year)).toEqual([
          YEAR - 1,
        ]);
      }
      const statuses = c.members
        .filter((u) => c.reports2025.has(u.id))
        .map((u) => a.checkReport({ unitId: u.id, year: YEAR }).status);
      expect(statuses.filter((s) => s === '已定稿').length).toBeGreaterThan(10);
      expect(statuses.filter((s) => s === '待定稿').length).toBeGreaterThan(10);
      // a balanced member's 2024 report carries into 2025: no warning, cross-year ones included
      const police = statusOf('清河县公安局');
      expect([police.errors, police.warnings]).toEqual([0, 0]);
    }
  });
});
