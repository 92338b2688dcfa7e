// Units in the archive: create, rename (former names with dates), kind and parent (no cycles),
// merge (机构改革), lookup by current or former name, resembling names, and bad input stored
// exactly.
import { describe, expect, it } from 'vitest';
import { Archive } from '../../db/archive';
import { apiError, rawConnection, tempArchive } from '../helpers/archive';
import { balancedReport, priorOf } from '../helpers/reports';

async function archive(): Promise<Archive> {
  return (await tempArchive()).archive;
}

describe('createUnit', () => {
  it('creates a unit with kind and parent; listUnits and unit() return it', async () => {
    const a = await archive();
    const county = a.createUnit({ name: '清河县人民政府', kind: '政府' });
    const bureau = a.createUnit({
      name: '清河县市场监督管理局',
      kind: '部门',
      parentId: county.id,
    });
    expect(county).toEqual({
      id: county.id,
      name: '清河县人民政府',
      kind: '政府',
      parentId: null,
      mergedInto: null,
      formerNames: [],
      years: [],
    });
    expect(bureau).toMatchObject({ kind: '部门', parentId: county.id });
    expect(county.id).not.toBe(bureau.id);
    expect(a.unit(bureau.id)).toEqual(bureau);
    expect(a.listUnits()).toEqual([bureau, county].sort((x, y) => (x.name < y.name ? -1 : 1)));
    expect(a.archiveInfo()).toMatchObject({ units: 2, reports: 0 });
  });

  it('a unit without kind or parent', async () => {
    const a = await archive();
    expect(a.createUnit({ name: '某某中心' })).toMatchObject({ kind: null, parentId: null });
  });

  it('refuses a second unit of the same name (white space ignored)', async () => {
    const a = await archive();
    a.createUnit({ name: '清河县市场监督管理局' });
    const e = apiError(() => a.createUnit({ name: ' 清河县 市场监督管理局 ' }), 'CONFLICT');
    expect(e.message).toContain('清河县市场监督管理局');
    expect(a.listUnits()).toHaveLength(1);
  });

  it('refuses an unknown kind, a missing parent, an empty name', async () => {
    const a = await archive();
    apiError(() => a.createUnit({ name: '甲', kind: '公司' as never }), 'INVALID');
    apiError(() => a.createUnit({ name: '乙', parentId: 'u-none' }), 'NOT_FOUND');
    for (const name of ['', '   ', '\t\n']) {
      expect(apiError(() => a.createUnit({ name }), 'INVALID').message).toContain('不能为空');
    }
    expect(a.listUnits()).toEqual([]);
  });
});

describe('bad input names are stored and returned exactly', () => {
  const NAMES = [
    "O'Brien's 办公室",
    '“清河县”"人民"政府',
    '甲,乙，丙;丁',
    '🏛️清河县档案馆🏛️',
    "'); DROP TABLE units; --",
    'Robert"); DELETE FROM reports; --',
    '100% 通过 _ 下划线 \\ 反斜杠',
    '县'.repeat(500),
  ];

  it('through create, unit(), listUnits(), unitByName and a reopen', async () => {
    const t = await tempArchive();
    const ids = new Map<string, string>();
    for (const name of NAMES) {
      const u = t.archive.createUnit({ name });
      expect(u.name).toBe(name);
      ids.set(name, u.id);
    }
    const a = await t.reopen();
    for (const name of NAMES) {
      expect(a.unit(ids.get(name)!).name).toBe(name);
      expect(a.unitByName(name)?.id).toBe(ids.get(name));
    }
    expect(
      a
        .listUnits()
        .map((u) => u.name)
        .sort(),
    ).toEqual([...NAMES].sort());
    // the tables are all still there
    const raw = rawConnection(t.file, { readonly: true });
    const tables = raw.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['units', 'unit_names', 'reports', 'revisions']));
    expect(a.verify().ok).toBe(true);
  });

  it('as a report title and in search', async () => {
    const a = await archive();
    const name = "'); DROP TABLE units; --🏛️";
    const u = a.createUnit({ name });
    const report = balancedReport(2021, { unitName: name });
    a.storeImported({
      unitId: u.id,
      year: 2021,
      content: report,
      author: "作者'; --",
      file: 'f.docx',
    });
    const opened = a.openReport({ unitId: u.id, year: 2021 });
    expect(!opened.legacy && opened.report.unit.name).toBe(name);
    expect(a.history({ unitId: u.id, year: 2021 })[0]!.author).toBe("作者'; --");
    expect(a.search({ query: 'DROP TABLE' }).hits.map((h) => h.unitName)).toEqual([name]);
  });

  it('a rename to such a name, kept as a former name exactly', async () => {
    const a = await archive();
    const u = a.createUnit({ name: "旧'名" });
    const renamed = a.renameUnit({ unitId: u.id, name: '新"名🏛️', date: '2020-01-01' });
    expect(renamed.name).toBe('新"名🏛️');
    expect(renamed.formerNames).toEqual([{ name: "旧'名", from: null, to: '2020-01-01' }]);
  });

  it('501 characters are refused (create and rename), 500 accepted', async () => {
    const a = await archive();
    const e = apiError(() => a.createUnit({ name: '县'.repeat(501) }), 'INVALID');
    expect(e.message).toContain('500');
    const u = a.createUnit({ name: '县'.repeat(500) });
    apiError(() => a.renameUnit({ unitId: u.id, name: '局'.repeat(501) }), 'INVALID');
    apiError(() => a.renameUnit({ unitId: u.id, name: '  ' }), 'INVALID');
    expect(a.unit(u.id).name).toBe('县'.repeat(500));
  });
});

describe('years outside 2008–2100', () => {
  it('are refused with INVALID and a message naming the range, nothing stored', async () => {
    const a = await archive();
    const u = a.createUnit({ name: '清河县市场监督管理局' });
    for (const year of [2007, 2101, 1999, 0, -1, 2021.5, Number.NaN]) {
      const e = apiError(() => a.openReport({ unitId: u.id, year }), 'INVALID');
      expect(e.message).toContain('2008');
      expect(e.message).toContain('2100');
      apiError(() => a.createReport({ unitId: u.id, year, author: 'x' }), 'INVALID');
      apiError(
        () =>
          a.storeImported({
            unitId: u.id,
            year,
            content: { legacy: true, title: 't', text: 'x' },
            author: 'x',
            file: 'f',
          }),
        'INVALID',
      );
      apiError(() => a.history({ unitId: u.id, year }), 'INVALID');
    }
    const e = apiError(() => a.createReport({ unitId: u.id, year: 2007, author: 'x' }), 'INVALID');
    expect(e.message).toContain('2008');
    apiError(() => a.copyLastYear({ unitId: u.id, from: 2100, to: 2101, author: 'x' }), 'INVALID');
    apiError(() => a.copyLastYear({ unitId: u.id, from: 2007, to: 2008, author: 'x' }), 'INVALID');
    expect(a.listYears({ unitId: u.id })).toEqual([]);
  });

  it('the limits themselves are accepted', async () => {
    const a = await archive();
    const u = a.createUnit({ name: '清河县市场监督管理局' });
    a.storeImported({
      unitId: u.id,
      year: 2008,
      content: { legacy: true, title: '2008年报', text: '二〇〇八' },
      author: 'x',
      file: 'f',
    });
    expect(a.createReport({ unitId: u.id, year: 2100, author: 'x' }).year).toBe(2100);
    expect(a.listYears({ unitId: u.id }).map((y) => y.year)).toEqual([2100, 2008]);
  });
});

describe('renameUnit', () => {
  it('keeps the former name with its dates; unitByName finds the unit by either name', async () => {
    const t = await tempArchive();
    const a = t.archive;
    const u = a.createUnit({ name: '清河县工商行政管理局', kind: '部门' });
    const r1 = a.renameUnit({ unitId: u.id, name: '清河县市场监督管理局', date: '2019-03-01' });
    expect(r1.id).toBe(u.id);
    expect(r1.name).toBe('清河县市场监督管理局');
    expect(r1.formerNames).toEqual([
      { name: '清河县工商行政管理局', from: null, to: '2019-03-01' },
    ]);
    // without a date: today by the archive's clock
    const r2 = a.renameUnit({ unitId: u.id, name: '清河县市场监管局' });
    expect(r2.formerNames).toEqual([
      { name: '清河县市场监督管理局', from: '2019-03-01', to: '2024-03-01' },
      { name: '清河县工商行政管理局', from: null, to: '2019-03-01' },
    ]);
    for (const name of [
      '清河县工商行政管理局',
      '清河县市场监督管理局',
      '清河县市场监管局',
      ' 清河县 市场监管局 ',
    ]) {
      expect(a.unitByName(name)?.id).toBe(u.id);
    }
    expect(a.unitByName('清河县税务局')).toBeNull();
    expect(a.unitByName('   ')).toBeNull();
    expect(a.listUnits()).toHaveLength(1);
    expect((await t.reopen()).unit(u.id)).toEqual(r2);
  });

  it('to the same name does nothing', async () => {
    const a = await archive();
    const u = a.createUnit({ name: '清河县档案馆' });
    expect(a.renameUnit({ unitId: u.id, name: '清河县档案馆' })).toEqual(u);
  });

  it("refuses another unit's current or former name (CONFLICT), changing nothing", async () => {
    const a = await archive();
    const one = a.createUnit({ name: '清河县教育局' });
    const two = a.createUnit({ name: '清河县体育局' });
    a.renameUnit({ unitId: two.id, name: '清河县文化和旅游局', date: '2019-02-01' });
    const e = apiError(
      () => a.renameUnit({ unitId: one.id, name: '清河县文化和旅游局' }),
      'CONFLICT',
    );
    expect(e.message).toContain('合并');
    apiError(() => a.renameUnit({ unitId: one.id, name: '清河县体育局' }), 'CONFLICT');
    expect(a.unit(one.id)).toEqual(one);
  });

  it('back to its own former name is allowed', async () => {
    const a = await archive();
    const u = a.createUnit({ name: '甲局' });
    a.renameUnit({ unitId: u.id, name: '乙局', date: '2019-01-01' });
    const back = a.renameUnit({ unitId: u.id, name: '甲局', date: '2022-01-01' });
    expect(back.name).toBe('甲局');
    expect(back.formerNames.map((n) => n.name)).toEqual(['乙局', '甲局']);
    expect(a.unitByName('甲局')?.id).toBe(u.id);
  });

  it('an unknown unit → NOT_FOUND', async () => {
    const a = await archive();
    apiError(() => a.renameUnit({ unitId: 'u-none', name: '甲' }), 'NOT_FOUND');
  });
});

describe('updateUnit', () => {
  it('changes kind and parent; null clears them', async () => {
    const a = await archive();
    const gov = a.createUnit({ name: '清河县人民政府', kind: '政府' });
    const u = a.createUnit({ name: '清河县档案馆' });
    expect(a.updateUnit({ unitId: u.id, kind: '其他', parentId: gov.id })).toMatchObject({
      kind: '其他',
      parentId: gov.id,
    });
    // leaving a field out keeps it
    expect(a.updateUnit({ unitId: u.id, kind: '部门' })).toMatchObject({
      kind: '部门',
      parentId: gov.id,
    });
    expect(a.updateUnit({ unitId: u.id, kind: null, parentId: null })).toMatchObject({
      kind: null,
      parentId: null,
    });
    apiError(() => a.updateUnit({ unitId: u.id, kind: '公司' as never }), 'INVALID');
    apiError(() => a.updateUnit({ unitId: u.id, parentId: 'u-none' }), 'NOT_FOUND');
  });

  it('refuses a cycle: itself, a child or a grandchild as parent', async () => {
    const a = await archive();
    const top = a.createUnit({ name: '市政府' });
    const mid = a.createUnit({ name: '县政府', parentId: top.id });
    const low = a.createUnit({ name: '镇政府', parentId: mid.id });
    for (const parentId of [top.id, mid.id, low.id]) {
      const e = apiError(() => a.updateUnit({ unitId: top.id, parentId }), 'INVALID');
      expect(e.message).toContain('上级单位');
    }
    apiError(() => a.updateUnit({ unitId: mid.id, parentId: low.id }), 'INVALID');
    expect(a.unit(top.id).parentId).toBeNull();
    // moving a unit elsewhere in the tree is fine
    expect(a.updateUnit({ unitId: low.id, parentId: top.id }).parentId).toBe(top.id);
  });

  it('a new kind changes the stored summaries (kind-dependent checks)', async () => {
    const a = await archive();
    const u = a.createUnit({ name: '清河县市场监督管理局' });
    const report = balancedReport(2021);
    // a department's deadline is 31 January; the 落款 date in March is late for it only
    report.signature.date = '2022年3月20日';
    a.storeImported({ unitId: u.id, year: 2021, content: report, author: 'x', file: 'f' });
    const unknown = a.listYears({ unitId: u.id })[0]!;
    const dept = a.updateUnit({ unitId: u.id, kind: '部门' });
    expect(dept.kind).toBe('部门');
    const after = a.listYears({ unitId: u.id })[0]!;
    expect(
      a.checkReport({ unitId: u.id, year: 2021 }).warnings +
        a.checkReport({ unitId: u.id, year: 2021 }).errors,
    ).toBe(after.warnings + after.errors);
    expect(after.warnings + after.errors).toBeGreaterThan(unknown.warnings + unknown.errors);
  });
});

describe('mergeUnits', () => {
  async function setup() {
    const t = await tempArchive();
    const a = t.archive;
    const gov = a.createUnit({ name: '清河县人民政府', kind: '政府' });
    const from = a.createUnit({ name: '清河县工商行政管理局', kind: '部门', parentId: gov.id });
    const into = a.createUnit({ name: '清河县市场监督管理局', kind: '部门', parentId: gov.id });
    const sub = a.createUnit({ name: '清河县工商局城关所', parentId: from.id });
    a.renameUnit({ unitId: from.id, name: '清河县工商局', date: '2015-06-01' });
    const legacy = { legacy: true as const, title: '工商局2016年报', text: '工商局旧格式全文' };
    a.storeImported({ unitId: from.id, year: 2016, content: legacy, author: 'x', file: 'a.txt' });
    const r2020 = priorOf(balancedReport(2021, { unitName: '清河县工商局' }));
    a.storeImported({ unitId: from.id, year: 2020, content: r2020, author: 'x', file: 'b.txt' });
    a.storeImported({
      unitId: from.id,
      year: 2021,
      content: balancedReport(2021, { unitName: '清河县工商局' }),
      author: 'x',
      file: 'c.txt',
    });
    a.storeImported({
      unitId: into.id,
      year: 2021,
      content: balancedReport(2021),
      author: 'x',
      file: 'd.txt',
    });
    return { t, a, gov, from, into, sub, r2020 };
  }

  it('moves the years the survivor lacks, keeps the shared ones, moves names and sub-units', async () => {
    const { a, gov, from, into, sub } = await setup();
    const result = a.mergeUnits({ from: from.id, into: into.id, date: '2019-03-01' });
    expect(result.moved).toEqual([2016, 2020]);
    expect(result.kept).toEqual([2021]);
    expect(result.into.id).toBe(into.id);
    expect(result.into.years).toEqual([2016, 2020, 2021]);
    expect(result.into.parentId).toBe(gov.id);
    // the merged unit's names (current and former) are former names of the survivor
    expect(result.into.formerNames).toEqual(
      expect.arrayContaining([
        { name: '清河县工商局', from: '2015-06-01', to: '2019-03-01' },
        { name: '清河县工商行政管理局', from: null, to: '2015-06-01' },
      ]),
    );
    expect(result.into.formerNames).toHaveLength(2);
    // the merged unit is marked, keeps the shared year, leaves the tree
    const merged = a.unit(from.id);
    expect(merged).toMatchObject({ mergedInto: into.id, years: [2021], parentId: null });
    // its sub-units now belong to the survivor
    expect(a.unit(sub.id).parentId).toBe(into.id);
    // either old name leads to the survivor
    expect(a.unitByName('清河县工商局')?.id).toBe(into.id);
    expect(a.unitByName('清河县工商行政管理局')?.id).toBe(into.id);
    expect(a.unitByName('清河县市场监督管理局')?.id).toBe(into.id);
    // the moved reports open under the survivor (its id, whatever the stored JSON says)
    const moved = a.openReport({ unitId: into.id, year: 2020 });
    expect(moved.legacy ? null : moved.report.unit.id).toBe(into.id);
    const legacy = a.openReport({ unitId: into.id, year: 2016 });
    expect(legacy).toMatchObject({ legacy: true, text: '工商局旧格式全文' });
    expect(a.history({ unitId: into.id, year: 2020 }).map((h) => h.revision)).toEqual([1]);
    apiError(() => a.openReport({ unitId: from.id, year: 2020 }), 'NOT_FOUND');
    // and the kept year still opens under the merged unit
    expect(a.openReport({ unitId: from.id, year: 2021 }).legacy).toBe(false);
    // search names the survivor for the moved years
    expect(a.search({ query: '工商局旧格式' }).hits.map((h) => [h.unitName, h.year])).toEqual([
      ['清河县市场监督管理局', 2016],
    ]);
    expect(a.verify().ok).toBe(true);
  });

  it("the survivor's next year is checked against the moved prior year", async () => {
    const { a, from, into } = await setup();
    expect(a.checkReport({ unitId: into.id, year: 2021 }).priorYear).toBeNull();
    a.mergeUnits({ from: from.id, into: into.id });
    expect(a.checkReport({ unitId: into.id, year: 2021 }).priorYear).toBe(2020);
  });

  it('refuses merging into itself, twice, or into a merged unit', async () => {
    const { a, from, into, sub } = await setup();
    apiError(() => a.mergeUnits({ from: into.id, into: into.id }), 'INVALID');
    a.mergeUnits({ from: from.id, into: into.id });
    apiError(() => a.mergeUnits({ from: from.id, into: into.id }), 'CONFLICT');
    apiError(() => a.mergeUnits({ from: sub.id, into: from.id }), 'CONFLICT');
    apiError(() => a.mergeUnits({ from: 'u-none', into: into.id }), 'NOT_FOUND');
  });

  it('merged units are not offered as resembling candidates', async () => {
    const { a, from, into } = await setup();
    expect(a.resemblingUnits('清河县工商局城关').map((c) => c.id)).toContain(from.id);
    a.mergeUnits({ from: from.id, into: into.id });
    const ids = a.resemblingUnits('清河县工商局城关').map((c) => c.id);
    expect(ids).not.toContain(from.id);
    // its old name is now the survivor's former name: the survivor is offered
    expect(ids).toContain(into.id);
  });

  it('a unit merged into its own sub-unit leaves no cycle in the tree', async () => {
    const a = await archive();
    const top = a.createUnit({ name: '市政府' });
    const parent = a.createUnit({ name: '县政府', parentId: top.id });
    const child = a.createUnit({ name: '县政府办公室', parentId: parent.id });
    const grandchild = a.createUnit({ name: '县政务服务中心', parentId: child.id });
    const sibling = a.createUnit({ name: '县财政局', parentId: parent.id });
    a.mergeUnits({ from: parent.id, into: grandchild.id });
    // no unit is its own ancestor
    for (const u of a.listUnits()) {
      const seen = new Set<string>();
      for (let at: string | null = u.id; at; at = a.unit(at).parentId) {
        expect(seen.has(at)).toBe(false);
        seen.add(at);
      }
    }
    // the survivor takes the merged unit's place; the merged unit's other sub-units go under it
    expect(a.unit(grandchild.id).parentId).toBe(top.id);
    expect(a.unit(child.id).parentId).toBe(grandchild.id);
    expect(a.unit(sibling.id).parentId).toBe(grandchild.id);
    // and changing a parent afterwards still terminates
    expect(a.updateUnit({ unitId: sibling.id, parentId: child.id }).parentId).toBe(child.id);
  });
});

describe('resemblingUnits', () => {
  it('offers units whose current or former name resembles, never an exact match', async () => {
    const a = await archive();
    const market = a.createUnit({ name: '清河县市场监督管理局' });
    const edu = a.createUnit({ name: '清河县教育和体育局' });
    a.renameUnit({ unitId: edu.id, name: '清河县教育局', date: '2020-01-01' });
    a.createUnit({ name: '河东区财政局' });
    expect(a.resemblingUnits('清河县市场监督管理局（本级）').map((c) => c.id)).toEqual([market.id]);
    expect(a.resemblingUnits('清河县市场监管局').map((c) => c.id)).toEqual([market.id]);
    // by its former name, offered under its current name
    expect(a.resemblingUnits('清河县教育和体育局办公室')).toEqual([
      { id: edu.id, name: '清河县教育局' },
    ]);
    expect(a.resemblingUnits('清河县市场监督管理局')).toEqual([]);
    expect(a.resemblingUnits('完全不同的名称')).toEqual([]);
  });

  it('honours the limit', async () => {
    const a = await archive();
    for (let i = 0; i < 8; i++) a.createUnit({ name: `清河县第${i}中学` });
    expect(a.resemblingUnits('清河县第中学', 3)).toHaveLength(3);
    expect(a.resemblingUnits('清河县第中学').length).toBeLessThanOrEqual(5);
  });
});
