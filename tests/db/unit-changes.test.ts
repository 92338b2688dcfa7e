// Unit changes signed and kept (unit_changes, migration 6): creating a unit, a rename with the
// day it applies, the 类型 and the 上级 (old → new), a merge (on both units), each with who
// (操作人) and when, written in the change's own transaction; unitHistory returns them, newest
// first. Through the API edge, the author is validated like the report methods' author.
import { describe, expect, it } from 'vitest';
import { API_PAYLOADS, parsePayload } from '../../core/api';
import { apiError, rawConnection, tempArchive } from '../helpers/archive';
import { balancedReport } from '../helpers/reports';

describe('unit changes', () => {
  it('records creation with 类型 and 上级, signed, at the archive clock', async () => {
    const { archive: a, clock } = await tempArchive();
    const county = a.createUnit({ name: '清河县人民政府', kind: '政府', author: '张三' });
    clock.advance(60_000);
    const bureau = a.createUnit({
      name: '清河县财政局',
      kind: '部门',
      parentId: county.id,
      author: '  李四 ',
    });
    expect(a.unitHistory({ unitId: county.id })).toEqual([
      {
        id: expect.any(Number),
        unitId: county.id,
        at: new Date('2024-03-01T09:30:00').toISOString(),
        by: '张三',
        change: 'kind',
        before: null,
        after: '政府',
        beforeId: null,
        afterId: null,
        date: null,
      },
      expect.objectContaining({
        change: 'created',
        before: null,
        after: '清河县人民政府',
        by: '张三',
      }),
    ]);
    expect(
      a.unitHistory({ unitId: bureau.id }).map((c) => [c.change, c.after, c.afterId, c.by]),
    ).toEqual([
      ['parent', '清河县人民政府', county.id, '李四'],
      ['kind', '部门', null, '李四'],
      ['created', '清河县财政局', null, '李四'],
    ]);
  });

  it('records a rename (old → new, the day it applies), 类型 and 上级 changes, each with its author', async () => {
    const { archive: a, clock } = await tempArchive();
    const county = a.createUnit({ name: '清河县人民政府', kind: '政府' });
    const town = a.createUnit({ name: '城关镇人民政府', kind: '乡镇街道' });
    const unit = a.createUnit({ name: '清河县行政审批局' });
    clock.advance(1000);
    a.renameUnit({
      unitId: unit.id,
      name: '清河县行政审批服务局',
      date: '2019-01-10',
      author: '王五',
    });
    clock.advance(1000);
    a.updateUnit({ unitId: unit.id, kind: '部门', author: '赵六' });
    a.updateUnit({ unitId: unit.id, parentId: town.id, author: '赵六' });
    a.updateUnit({ unitId: unit.id, parentId: county.id, author: '钱七' });
    a.updateUnit({ unitId: unit.id, kind: null, parentId: null, author: '孙八' });
    const history = a.unitHistory({ unitId: unit.id });
    expect(history.map((c) => [c.change, c.before, c.after, c.by, c.date])).toEqual([
      ['parent', '清河县人民政府', null, '孙八', null],
      ['kind', '部门', null, '孙八', null],
      ['parent', '城关镇人民政府', '清河县人民政府', '钱七', null],
      ['parent', null, '城关镇人民政府', '赵六', null],
      ['kind', null, '部门', '赵六', null],
      ['renamed', '清河县行政审批局', '清河县行政审批服务局', '王五', '2019-01-10'],
      ['created', null, '清河县行政审批局', '', null],
    ]);
    expect(history[2]).toMatchObject({ beforeId: town.id, afterId: county.id });
    // newest first, each at the archive's clock
    expect(history.at(-2)!.at < history[0]!.at).toBe(true);
  });

  it('an update that changes nothing, or a rename to the same name, records nothing', async () => {
    const { archive: a } = await tempArchive();
    const unit = a.createUnit({ name: '某某中心', kind: '其他' });
    a.updateUnit({ unitId: unit.id, kind: '其他', parentId: null, author: '张三' });
    a.renameUnit({ unitId: unit.id, name: '某某中心', author: '张三' });
    expect(a.unitHistory({ unitId: unit.id }).map((c) => c.change)).toEqual(['kind', 'created']);
  });

  it('records a merge on both units, with the day it applies', async () => {
    const { archive: a } = await tempArchive();
    const from = a.createUnit({ name: '清河县工商行政管理局' });
    const into = a.createUnit({ name: '清河县市场监督管理局' });
    a.mergeUnits({ from: from.id, into: into.id, date: '2019-03-01', author: '周九' });
    expect(a.unitHistory({ unitId: from.id })[0]).toMatchObject({
      change: 'merged',
      after: '清河县市场监督管理局',
      afterId: into.id,
      by: '周九',
      date: '2019-03-01',
    });
    expect(a.unitHistory({ unitId: into.id })[0]).toMatchObject({
      change: 'absorbed',
      before: '清河县工商行政管理局',
      beforeId: from.id,
      by: '周九',
      date: '2019-03-01',
    });
  });

  it('a refused change records nothing (same transaction); rows can be neither changed nor deleted', async () => {
    const { archive: a, file } = await tempArchive();
    const county = a.createUnit({ name: '清河县人民政府' });
    const bureau = a.createUnit({ name: '清河县财政局', parentId: county.id });
    apiError(
      () => a.updateUnit({ unitId: county.id, parentId: bureau.id, author: '张三' }),
      'INVALID',
    );
    apiError(
      () => a.renameUnit({ unitId: bureau.id, name: '清河县人民政府', author: '张三' }),
      'CONFLICT',
    );
    expect(a.unitHistory({ unitId: county.id }).map((c) => c.change)).toEqual(['created']);
    expect(a.unitHistory({ unitId: bureau.id }).map((c) => c.change)).toEqual([
      'parent',
      'created',
    ]);
    apiError(() => a.unitHistory({ unitId: 'u-none' }), 'NOT_FOUND');
    const raw = rawConnection(file);
    expect(() => raw.prepare("UPDATE unit_changes SET by = '某人'").run()).toThrow(/immutable/u);
    expect(() => raw.prepare('DELETE FROM unit_changes').run()).toThrow(/never deleted/u);
  });

  it('an import signs the unit it creates with the importer’s name', async () => {
    const { archive: a } = await tempArchive();
    const result = a.storeImportedFile({
      unitName: '沂源县教育局',
      unitId: null,
      year: 2021,
      content: balancedReport(2021),
      author: '导入人',
      file: '教育局.xlsx',
    });
    expect(result.status).toBe('stored');
    if (result.status !== 'stored') return;
    expect(a.unitHistory({ unitId: result.unit.id })).toMatchObject([
      { change: 'created', after: '沂源县教育局', by: '导入人' },
    ]);
  });
});

describe('the unit methods’ payloads', () => {
  it('carry an optional author (default empty), like the report methods', () => {
    for (const method of ['createUnit', 'renameUnit', 'updateUnit', 'mergeUnits'] as const) {
      expect(API_PAYLOADS[method].shape.author).toBe(API_PAYLOADS.createReport.shape.author);
    }
    expect(parsePayload('updateUnit', { unitId: 'u', kind: '部门' }).author).toBe('');
    expect(parsePayload('renameUnit', { unitId: 'u', name: '某局', author: '张三' }).author).toBe(
      '张三',
    );
    expect(() =>
      parsePayload('mergeUnits', { from: 'a', into: 'b', author: 'x'.repeat(201) }),
    ).toThrow();
    expect(parsePayload('unitHistory', { unitId: 'u' })).toEqual({ unitId: 'u' });
  });

  it('a parent found after an exchange folder is signed by the importer, and never makes a cycle', async () => {
    const { archive: a } = await tempArchive();
    const dept = a.createUnit({ name: '清河县公安局', author: '张三' });
    const sub = a.createUnit({ name: '公安局交通管理大队', parentId: dept.id, author: '张三' });
    const orphan = a.createUnit({ name: '不动产登记中心', author: '张三' });
    // the orphan's department is named by id; the department itself claims its own sub-unit
    const linked = a.linkParents(
      [
        { unitId: orphan.id, parent: { id: dept.id, name: '清河县公安局' } },
        { unitId: dept.id, parent: { id: sub.id, name: '公安局交通管理大队' } },
      ],
      '王主任',
    );
    expect(linked).toBe(1);
    expect(a.listUnits().find((u) => u.id === orphan.id)!.parentId).toBe(dept.id);
    expect(a.listUnits().find((u) => u.id === dept.id)!.parentId).toBeNull();
    expect(a.unitHistory({ unitId: orphan.id })[0]).toMatchObject({
      change: 'parent',
      by: '王主任',
      after: '清河县公安局',
      afterId: dept.id,
    });
    expect(a.unitHistory({ unitId: dept.id }).map((c) => c.change)).not.toContain('parent');
  });
});
