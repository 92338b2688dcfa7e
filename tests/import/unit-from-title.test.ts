// The unit a report names (issue 17, item 5): a title broken across two lines with a long unit
// name on its first line is joined, and the title's own words ("信息公开工作年度报告") are never
// taken for a unit, so two different units' reports never become revisions of one unit.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importReport } from '../../core/import';
import { unitFromTitle } from '../../core/text';
import { openArchiveInProcess } from '../../electron/services/archive/in-process';
import { tempDir } from '../helpers/archive';
import { SAMPLE } from '../helpers/paths';

const LONG_A = '沂源县人民政府办公室（沂源县人民政府研究室、县大数据中心）';
const LONG_B = '沂源县发展和改革局（沂源县粮食和物资储备局、县物价局）';

/** The real sample (title on two lines) with another unit on the title's first line and in the 落款. */
function variant(titleHead: string, signature: string): Uint8Array {
  const text = readFileSync(SAMPLE, 'utf8')
    .replace('沂源县行政审批服务局 2020 年政府', titleHead)
    .replace(/\n沂源县行政审批服务局(\r?\n)/u, `\n${signature}$1`);
  return new TextEncoder().encode(text);
}

describe('unitFromTitle', () => {
  it('never takes the title words for a unit', () => {
    for (const tail of ['信息公开工作年度报告', '工作年度报告', '年度报告', '公开工作年度报告']) {
      expect(unitFromTitle(tail)).toBe('');
    }
    expect(unitFromTitle('2020年信息公开工作年度报告')).toBe('');
  });

  it('still reads a unit before the year or the core words', () => {
    expect(unitFromTitle(`${LONG_A}2020年政府信息公开工作年度报告`)).toBe(LONG_A);
    expect(unitFromTitle('沂源县行政审批服务局2020年政府信息公开工作年度报告')).toBe(
      '沂源县行政审批服务局',
    );
  });
});

describe('a two-line title with a long unit name', () => {
  it('joins the lines and reads the full unit name', () => {
    const { report } = importReport(variant(`${LONG_A}2020 年政府`, LONG_A), {
      fileName: 'a.txt',
    });
    expect(report.title).toBe(`${LONG_A}2020年政府信息公开工作年度报告`);
    expect(report.unit.name).toBe(LONG_A);
  });

  it('with an unjoinable first line and no 落款 unit, names no unit rather than the title tail', () => {
    const head = `${LONG_A}${LONG_B}2020 年政府`; // too long to be a title's first line
    const { report } = importReport(variant(head, ''), { fileName: 'a.txt' });
    expect(report.unit.name).not.toMatch(/报告|信息公开/u);
    expect(report.unit.name).toBe('');
  });
});

describe('importing two such files into one archive', () => {
  const open: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const c of open.splice(0)) await c.close();
  });

  it('keeps two different units apart', async () => {
    const c = await openArchiveInProcess(path.join(tempDir(), 'archive.sqlite'));
    open.push(c);
    const summary = await c.api.importUpload({
      files: [
        { name: 'a.txt', data: variant(`${LONG_A}2020 年政府`, LONG_A) },
        { name: 'b.txt', data: variant(`${LONG_B}2020 年政府`, LONG_B) },
      ],
      author: '张三',
    });
    expect(summary).toMatchObject({ imported: 2, needsUnit: 0, failed: 0 });
    const units = await c.api.listUnits();
    expect(units.map((u) => u.name).sort()).toEqual([LONG_A, LONG_B].sort());
  });

  it('a file whose unit is unsure is needs-unit, not a revision of another unit', async () => {
    const c = await openArchiveInProcess(path.join(tempDir(), 'archive.sqlite'));
    open.push(c);
    const summary = await c.api.importUpload({
      files: [
        { name: 'a.txt', data: variant(`${LONG_A}2020 年政府`, LONG_A) },
        { name: 'c.txt', data: variant(`${LONG_A}${LONG_B}2020 年政府`, '') },
      ],
      author: '张三',
    });
    expect(summary.results.map((r) => r.status)).toEqual(['imported', 'needs-unit']);
    const units = await c.api.listUnits();
    expect(units.map((u) => u.name)).toEqual([LONG_A]);
  });
});
