/**
 * 单位变更记录: one unit change (created, renamed, 类型, 上级, merged) in Chinese, for the list on
 * home — when, who (操作人) and what. DOM-free (tests/renderer/unit-changes.test.ts).
 */
import type { UnitChange } from '../../core/api';
import { formatTime } from '../../core/dates';

export interface UnitChangeLine {
  readonly id: number;
  /** Local time, "2025-01-20 14:05". */
  readonly when: string;
  /** The 操作人, or 未填写操作人 when the change was made without one. */
  readonly who: string;
  readonly signed: boolean;
  readonly what: string;
}

const quoted = (text: string | null) => (text ? `“${text}”` : '');
const kindText = (kind: string | null) => kind ?? '未定';
const since = (date: string | null) => (date ? `（自 ${date} 起）` : '');

/** What a change did, in Chinese. */
export function unitChangeText(c: UnitChange): string {
  switch (c.change) {
    case 'created':
      return `新建单位${quoted(c.after)}`;
    case 'renamed':
      return `更名：${quoted(c.before)} → ${quoted(c.after)}${since(c.date)}`;
    case 'kind':
      return `类型：${kindText(c.before)} → ${kindText(c.after)}`;
    case 'parent':
      return `上级单位：${c.before ? quoted(c.before) : '无'} → ${c.after ? quoted(c.after) : '无'}`;
    case 'merged':
      return `并入${quoted(c.after)}${since(c.date)}`;
    case 'absorbed':
      return `${quoted(c.before)}并入本单位${since(c.date)}`;
  }
}

export function unitChangeLine(c: UnitChange): UnitChangeLine {
  const by = c.by.trim();
  return {
    id: c.id,
    when: formatTime(c.at),
    who: by || '未填写操作人',
    signed: by !== '',
    what: unitChangeText(c),
  };
}
