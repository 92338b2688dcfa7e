/**
 * The submissions dashboard's logic (issue 15), DOM-free: each member's state in words, the
 * filters (state, open errors, a name) with their counts, and sorting by any column (tree
 * order by default; ties keep tree order).
 */
import { formatTime } from '../../core/dates';
import type { Submission, SubmissionState } from '../../core/office';

export type SortKey = 'tree' | 'name' | 'state' | 'received' | 'errors' | 'warnings';
export type SortDir = 'asc' | 'desc';
export type StateFilter = 'all' | SubmissionState | 'errors';

export interface DashboardView {
  readonly sort: SortKey;
  readonly dir: SortDir;
  readonly filter: StateFilter;
  /** Part of a member's name or of its parent's (case and white space ignored). */
  readonly text: string;
}

export const DEFAULT_VIEW: DashboardView = { sort: 'tree', dir: 'asc', filter: 'all', text: '' };

export const SORT_LABELS: Readonly<Record<Exclude<SortKey, 'tree'>, string>> = {
  name: '单位',
  state: '状态',
  received: '收到日期',
  errors: '错误',
  warnings: '警告',
};

/** The filters offered, in order, with their labels. */
export const FILTERS: readonly { readonly key: StateFilter; readonly label: string }[] = [
  { key: 'all', label: '全部' },
  { key: '未收到', label: '未收到' },
  { key: 'errors', label: '有错误' },
  { key: '草稿', label: '草稿' },
  { key: '待定稿', label: '待定稿' },
  { key: '已定稿', label: '已定稿' },
  { key: '旧格式', label: '旧格式' },
  { key: '已发布（存档）', label: '已发布（存档）' },
];

/** From the most to the least in need of the office's attention. */
const STATE_RANK: Readonly<Record<SubmissionState, number>> = {
  未收到: 0,
  草稿: 1,
  旧格式: 2,
  待定稿: 3,
  已定稿: 4,
  // a past year published on the website: nothing to do
  '已发布（存档）': 5,
};

/** "草稿（2 个错误）", "未收到", "已定稿"… */
export function stateText(m: Submission): string {
  if (m.state === '草稿' && m.errors > 0) return `草稿（${m.errors} 个错误）`;
  // its findings are shown, not counted as a to-do
  if (m.state === '已发布（存档）' && m.errors > 0) return `已发布 · ${m.errors} 个问题`;
  return m.state;
}

/** Open errors that are a to-do (a report marked 已发布（存档） has none to do). */
export function hasOpenErrors(m: Submission): boolean {
  return m.errors > 0 && m.state !== '已发布（存档）';
}

/** The day a report was received, local: "2026-01-20"; '' when none. */
export function receivedText(m: Submission): string {
  return formatTime(m.receivedAt).slice(0, 10);
}

function matches(m: Submission, filter: StateFilter, text: string): boolean {
  if (filter === 'errors' ? !hasOpenErrors(m) : filter !== 'all' && m.state !== filter)
    return false;
  if (!text) return true;
  const hay = [m.name, ...m.path].join(' ').replace(/\s+/gu, '').toLowerCase();
  return hay.includes(text);
}

/** How many members each filter keeps (the text filter applied). */
export function filterCounts(
  members: readonly Submission[],
  text = '',
): Record<StateFilter, number> {
  const needle = text.replace(/\s+/gu, '').toLowerCase();
  return Object.fromEntries(
    FILTERS.map((f) => [f.key, members.filter((m) => matches(m, f.key, needle)).length]),
  ) as Record<StateFilter, number>;
}

function compare(key: SortKey, a: Submission, b: Submission): number {
  switch (key) {
    case 'name':
      return a.name.localeCompare(b.name, 'zh-Hans-CN');
    case 'state':
      return STATE_RANK[a.state] - STATE_RANK[b.state] || b.errors - a.errors;
    case 'received':
      // not received sorts after every date in ascending order
      return (a.receivedAt ?? '\uffff').localeCompare(b.receivedAt ?? '\uffff');
    case 'errors':
      return a.errors - b.errors;
    case 'warnings':
      return a.warnings - b.warnings;
    default:
      return 0;
  }
}

/** The members the view shows, in its order (ties keep the tree order). */
export function visibleMembers(members: readonly Submission[], view: DashboardView): Submission[] {
  const needle = view.text.replace(/\s+/gu, '').toLowerCase();
  const rows = members
    .map((m, index) => ({ m, index }))
    .filter(({ m }) => matches(m, view.filter, needle));
  const sign = view.dir === 'desc' ? -1 : 1;
  rows.sort((x, y) => sign * compare(view.sort, x.m, y.m) || x.index - y.index);
  return rows.map((r) => r.m);
}

/** Clicking a column's header: sorts by it, or turns its direction when it already sorts. */
export function toggleSort(view: DashboardView, key: SortKey): DashboardView {
  if (view.sort === key) return { ...view, dir: view.dir === 'asc' ? 'desc' : 'asc' };
  // counts and attention first: most errors, least advanced state at the top
  return { ...view, sort: key, dir: key === 'errors' || key === 'warnings' ? 'desc' : 'asc' };
}

/** The header's aria-sort for a column. */
export function ariaSort(view: DashboardView, key: SortKey): 'ascending' | 'descending' | 'none' {
  if (view.sort !== key) return 'none';
  return view.dir === 'asc' ? 'ascending' : 'descending';
}
