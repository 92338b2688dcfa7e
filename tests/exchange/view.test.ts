/**
 * The exchange import screen's model (renderer/models/exchange-view.ts): which picked files are
 * exchange files, the batches sent, the results grouped, the units chosen for needs-unit files
 * and a second round's results merged into the first.
 */
import { describe, expect, it } from 'vitest';
import type { ExchangeFileResult } from '../../core/exchange';
import {
  BATCH_FILES,
  NEW_UNIT,
  SKIP,
  batches,
  chosenUnits,
  countsText,
  defaultChoices,
  groupResults,
  isExchangeFileName,
  mergeResults,
  outcomeText,
  whatText,
} from '../../renderer/models/exchange-view';

const needs = (
  file: string,
  candidates: { id: string; name: string }[] = [],
): ExchangeFileResult => ({
  file,
  status: 'needs-unit',
  unitName: `${file}单位`,
  year: 2025,
  sourceRevision: 3,
  candidates,
});

describe('exchange view', () => {
  it('takes .nianbao files only, hidden ones left out', () => {
    expect(isExchangeFileName('2025/清河县财政局-2025.nianbao')).toBe(true);
    expect(isExchangeFileName('A-2025.NIANBAO')).toBe(true);
    expect(isExchangeFileName('2025/.清河县财政局-2025.nianbao')).toBe(false);
    expect(isExchangeFileName('报告.nianbao.json')).toBe(false);
    expect(isExchangeFileName('报告.docx')).toBe(false);
  });

  it('sends files in batches within the count and byte limits, in order', () => {
    const files = Array.from({ length: BATCH_FILES + 3 }, (_, i) => ({
      name: `f${i}`,
      size: 1000,
    }));
    const out = batches(files);
    expect(out.map((b) => b.length)).toEqual([BATCH_FILES, 3]);
    expect(out.flat().map((f) => f.name)).toEqual(files.map((f) => f.name));
    const big = batches([
      { name: 'a', size: 20 * 1024 * 1024 },
      { name: 'b', size: 20 * 1024 * 1024 },
      { name: 'c', size: 1 },
    ]);
    expect(big.map((b) => b.map((f) => f.name))).toEqual([['a'], ['b', 'c']]);
  });

  it('groups and describes the results', () => {
    const results: ExchangeFileResult[] = [
      {
        file: 'a',
        status: 'added',
        unitName: '甲',
        year: 2025,
        sourceRevision: 2,
        revision: 1,
        newUnit: true,
      },
      {
        file: 'b',
        status: 'added',
        unitName: '乙',
        year: 2025,
        sourceRevision: 4,
        revision: 3,
        finalised: true,
        pdf: true,
      },
      {
        file: 'c',
        status: 'identical',
        unitName: '丙',
        year: 2025,
        sourceRevision: 1,
        revision: 1,
        message: '相同，未导入',
      },
      { file: 'd', status: 'refused', reason: 'data', message: '改动过' },
      needs('e'),
    ];
    const g = groupResults(results);
    expect(g.added.map((r) => r.file)).toEqual(['a', 'b']);
    expect(g.refused.map((r) => r.file)).toEqual(['d']);
    expect(countsText(g)).toBe('导入 2 份，相同未导入 1 份，拒绝 1 份，需确认单位 1 份');
    expect(whatText(results[0]!)).toBe('甲 2025年度（来源第 2 版）');
    expect(whatText(results[3]!)).toBe('');
    expect(outcomeText(results[0]!)).toBe('已导入为第 1 版，新建单位');
    expect(outcomeText(results[1]!)).toBe('已导入为第 3 版，已定稿（含定稿 PDF）');
    expect(outcomeText(results[2]!)).toBe('相同，未导入');
  });

  it('maps the chosen units: a candidate by default, a new unit by the file’s name, skipped left out', () => {
    const results = [needs('a', [{ id: 'u-1', name: '甲局' }]), needs('b'), needs('c')];
    const choices = defaultChoices(results);
    expect(choices).toEqual({ a: 'u-1', b: NEW_UNIT, c: NEW_UNIT });
    expect(chosenUnits(results, { ...choices, c: SKIP })).toEqual({ a: 'u-1', b: 'b单位' });
  });

  it('merges a second round’s results into the first, in order', () => {
    const first = [needs('a'), { file: 'b', status: 'added' } as ExchangeFileResult, needs('c')];
    const second: ExchangeFileResult[] = [{ file: 'c', status: 'added', revision: 1 }];
    expect(mergeResults(first, second).map((r) => [r.file, r.status])).toEqual([
      ['a', 'needs-unit'],
      ['b', 'added'],
      ['c', 'added'],
    ]);
  });
});
