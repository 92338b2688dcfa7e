// 单位变更记录 in Chinese (renderer/models/unit-changes.ts): each kind of unit change says what
// it did; an unsigned change says so instead of showing an empty name.
import { describe, expect, it } from 'vitest';
import type { UnitChange } from '../../core/api';
import { unitChangeLine, unitChangeText } from '../../renderer/models/unit-changes';

const change = (c: Partial<UnitChange> & Pick<UnitChange, 'change'>): UnitChange => ({
  id: 1,
  unitId: 'u',
  at: '2025-01-20T06:05:00.000Z',
  by: '张三',
  before: null,
  after: null,
  beforeId: null,
  afterId: null,
  date: null,
  ...c,
});

describe('unitChangeText', () => {
  it('says what each change did', () => {
    expect(unitChangeText(change({ change: 'created', after: '某局' }))).toBe('新建单位“某局”');
    expect(
      unitChangeText(
        change({ change: 'renamed', before: '甲局', after: '乙局', date: '2019-01-10' }),
      ),
    ).toBe('更名：“甲局” → “乙局”（自 2019-01-10 起）');
    expect(unitChangeText(change({ change: 'kind', after: '部门' }))).toBe('类型：未定 → 部门');
    expect(unitChangeText(change({ change: 'kind', before: '部门', after: null }))).toBe(
      '类型：部门 → 未定',
    );
    expect(unitChangeText(change({ change: 'parent', after: '某县人民政府' }))).toBe(
      '上级单位：无 → “某县人民政府”',
    );
    expect(unitChangeText(change({ change: 'merged', after: '乙局', date: '2019-03-01' }))).toBe(
      '并入“乙局”（自 2019-03-01 起）',
    );
    expect(unitChangeText(change({ change: 'absorbed', before: '甲局' }))).toBe('“甲局”并入本单位');
  });
});

describe('unitChangeLine', () => {
  it('when (local time), who, what; an unsigned change is marked', () => {
    const line = unitChangeLine(change({ change: 'kind', after: '其他' }));
    expect(line).toMatchObject({ id: 1, who: '张三', signed: true, what: '类型：未定 → 其他' });
    expect(line.when).toMatch(/^2025-01-20 \d{2}:05$/u);
    expect(unitChangeLine(change({ change: 'kind', by: '  ' }))).toMatchObject({
      who: '未填写操作人',
      signed: false,
    });
  });
});
