/**
 * The dashboard's sorting and filtering model (renderer/models/submissions.ts) over the county
 * fixture's real submissions, read from an archive.
 */
import { describe, expect, it } from 'vitest';
import type { Submission } from '../../core/office';
import {
  DEFAULT_VIEW,
  ariaSort,
  filterCounts,
  stateText,
  toggleSort,
  visibleMembers,
} from '../../renderer/models/submissions';
import { Clock, tempArchive } from '../helpers/archive';
import { DRAFT_WITH_ERRORS, MISSING, OLD_FORMAT, YEAR, fillCounty } from '../helpers/county';

async function members(): Promise<readonly Submission[]> {
  const { archive: a } = await tempArchive({ clock: new Clock('2026-01-20T10:00:00') });
  const c = fillCounty(a);
  return a.submissions({ unitId: c.county.id, year: YEAR }).members;
}

const names = (list: readonly Submission[]) => list.map((m) => m.name);

describe('submissions model', () => {
  it('filters by state, by open errors and by a name, with the counts', async () => {
    const all = await members();
    expect(visibleMembers(all, DEFAULT_VIEW)).toEqual(all); // tree order
    const missing = visibleMembers(all, { ...DEFAULT_VIEW, filter: '未收到' });
    expect(names(missing).sort()).toEqual([...MISSING].sort());
    const errors = visibleMembers(all, { ...DEFAULT_VIEW, filter: 'errors' });
    expect(names(errors).sort()).toEqual([...DRAFT_WITH_ERRORS, ...OLD_FORMAT].sort());
    const counts = filterCounts(all);
    expect(counts.all).toBe(51);
    expect(counts.未收到).toBe(3);
    expect(counts.errors).toBe(4);
    expect(counts.待定稿 + counts.已定稿 + counts.草稿 + counts.未收到).toBe(51);
    // a name, or the name of a member's parent (its sub-units come with it)
    const police = visibleMembers(all, { ...DEFAULT_VIEW, text: ' 公安局 ' });
    expect(names(police)).toEqual(['清河县公安局', '公安局交通管理大队', '公安局出入境管理大队']);
    const nature = visibleMembers(all, { ...DEFAULT_VIEW, text: '自然资源' });
    expect(names(nature)).toContain('不动产登记中心');
    expect(filterCounts(all, '自然资源').errors).toBe(1);
    expect(visibleMembers(all, { ...DEFAULT_VIEW, filter: '未收到', text: '镇' })).toEqual([]);
  });

  it('sorts by each column, turning the direction on a second click; ties keep tree order', async () => {
    const all = await members();
    let view = toggleSort(DEFAULT_VIEW, 'errors');
    expect(view).toMatchObject({ sort: 'errors', dir: 'desc' });
    expect(ariaSort(view, 'errors')).toBe('descending');
    expect(ariaSort(view, 'name')).toBe('none');
    const byErrors = visibleMembers(all, view);
    const top = byErrors.slice(0, 4);
    expect(top.every((m) => m.errors > 0)).toBe(true);
    for (let i = 1; i < byErrors.length; i++)
      expect(byErrors[i - 1]!.errors).toBeGreaterThanOrEqual(byErrors[i]!.errors);
    // ties keep tree order
    const zero = byErrors.filter((m) => m.errors === 0);
    expect(zero).toEqual(all.filter((m) => m.errors === 0));
    view = toggleSort(view, 'errors');
    expect(visibleMembers(all, view)[50]!.errors).toBeGreaterThan(0);

    const byState = visibleMembers(all, toggleSort(DEFAULT_VIEW, 'state'));
    expect(names(byState.slice(0, 3)).sort()).toEqual([...MISSING].sort());
    expect(byState[3]!.state).toBe('草稿');
    expect(byState[50]!.state).toBe('已定稿');

    const byReceived = visibleMembers(all, toggleSort(DEFAULT_VIEW, 'received'));
    expect(byReceived.slice(-3).every((m) => m.receivedAt === null)).toBe(true);

    const byName = visibleMembers(all, toggleSort(DEFAULT_VIEW, 'name'));
    const sorted = [...names(all)].sort((a, b) => a.localeCompare(b, 'zh-Hans-CN'));
    expect(names(byName)).toEqual(sorted);
  });

  it('says a draft’s error count in its state', async () => {
    const all = await members();
    const draft = all.find((m) => m.name === DRAFT_WITH_ERRORS[0])!;
    expect(stateText(draft)).toBe(`草稿（${draft.errors} 个错误）`);
    expect(stateText(all.find((m) => m.name === MISSING[0])!)).toBe('未收到');
  });
});
