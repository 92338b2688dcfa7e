// Issue 13 item 4, the window's side: the words for a unit's 类型, the chooser's options with the
// guess preselected, the 新建单位 form following the guess until the clerk picks, and the units
// an import created (the editor's note and setting the 类型: tests/e2e/unit-kind.test.ts).
import { describe, expect, it } from 'vitest';
import type { ImportFileResult } from '../../core/api';
import { UNIT_KINDS, type UnitKind } from '../../core/model';
import {
  KIND_LATER,
  KIND_UNSET,
  chosenKind,
  kindOptions,
  kindText,
  kindWhileTyping,
  newUnitsOf,
  preselectedKind,
} from '../../renderer/models/unit-kind';

describe('the words', () => {
  it('类型未定 for an unknown 类型, the kind otherwise', () => {
    expect(KIND_UNSET).toBe('类型未定');
    expect(kindText(null)).toBe('类型未定');
    expect(kindText(undefined)).toBe('类型未定');
    expect(kindText('部门')).toBe('部门');
  });
});

describe('kindOptions / preselectedKind / chosenKind', () => {
  it('every kind, the guess marked, 暂不指定 last when allowed', () => {
    const options = kindOptions('乡镇街道');
    expect(options.map((o) => o.value)).toEqual([...UNIT_KINDS, '']);
    expect(options.find((o) => o.guessed)).toEqual({
      value: '乡镇街道',
      label: '乡镇街道（按名称推测）',
      guessed: true,
    });
    expect(options.at(-1)!.label).toBe(KIND_LATER);
    expect(kindOptions(null, false).map((o) => o.label)).toEqual([...UNIT_KINDS]);
  });

  it('preselected: the kind set, else the guess from the name, else 暂不指定', () => {
    expect(preselectedKind('部门', '城关镇人民政府')).toBe('部门');
    expect(preselectedKind(null, '城关镇人民政府')).toBe('乡镇街道');
    expect(preselectedKind(null, '清河县红十字会')).toBe('');
  });

  it('a choice read back: a kind, or null for 暂不指定 and anything else', () => {
    for (const k of UNIT_KINDS) expect(chosenKind(k)).toBe(k);
    expect(chosenKind('')).toBeNull();
    expect(chosenKind('县级')).toBeNull();
  });
});

describe('kindWhileTyping (新建单位)', () => {
  it('follows the guess from the name as it is typed', () => {
    let value: UnitKind | '' = '';
    for (const [name, expected] of [
      ['城关', ''],
      ['城关镇', '乡镇街道'],
      ['城关镇人民政府办公室', '部门'],
      ['清河县人民政府', '政府'],
    ] as const) {
      value = kindWhileTyping(name, false, value);
      expect(value).toBe(expected);
    }
  });

  it('once the clerk picked (even 暂不指定), the pick stays', () => {
    expect(kindWhileTyping('城关镇', true, '其他')).toBe('其他');
    expect(kindWhileTyping('城关镇', true, '')).toBe('');
  });
});

describe('newUnitsOf (the import summary)', () => {
  const results: ImportFileResult[] = [
    {
      file: 'a.docx',
      status: 'imported',
      unitId: 'u-a',
      unitName: '城关镇人民政府',
      newUnit: true,
    },
    { file: 'a2.docx', status: 'imported', unitId: 'u-a', unitName: '城关镇人民政府' },
    { file: 'b.docx', status: 'imported', unitId: 'u-b', unitName: '清河县财政局' },
    {
      file: 'c.pdf',
      status: 'unchanged',
      unitId: 'u-c',
      unitName: '清河县红十字会',
      newUnit: true,
    },
    { file: 'd.pdf', status: 'failed', message: '读不出' },
    { file: 'e.pdf', status: 'imported', unitId: 'u-a', unitName: '城关镇人民政府', newUnit: true },
  ];

  it('each created unit once, with its guess; units found in the archive are not asked', () => {
    expect(newUnitsOf(results)).toEqual([
      { unitId: 'u-a', name: '城关镇人民政府', guess: '乡镇街道' },
      { unitId: 'u-c', name: '清河县红十字会', guess: null },
    ]);
  });

  it('a unit whose 类型 is already set is left out', () => {
    expect(
      newUnitsOf(results, new Map([['u-a', '乡镇街道' as const]])).map((u) => u.unitId),
    ).toEqual(['u-c']);
  });
});
