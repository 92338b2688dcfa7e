// Full-text search over the newest revision of every report: FTS5 trigram for terms of three
// or more characters, a scan for 1–2 character terms, highlighted snippets, AND of terms,
// FTS syntax in queries taken literally, limit and `more`, and the index following saves.
import { describe, expect, it } from 'vitest';
import type { SnippetPart } from '../../core/api';
import type { Archive } from '../../db/archive';
import { legacyBody, sampleReport, tempArchive } from '../helpers/archive';
import { DEPARTMENT, GOVERNMENT, balancedReport, clone } from '../helpers/reports';

const hitsOf = (snippet: readonly SnippetPart[]) => snippet.filter((p) => p.hit).map((p) => p.text);
const textOf = (snippet: readonly SnippetPart[]) => snippet.map((p) => p.text).join('');

interface Fixture {
  a: Archive;
  sampleUnit: string;
  deptUnit: string;
  govUnit: string;
}

/** The real sample (2020), a department's 2021 report, a government's legacy 2012 document. */
async function fixture(): Promise<Fixture> {
  const { archive: a } = await tempArchive();
  const sample = sampleReport();
  const sampleUnit = a.createUnit({ name: sample.unit.name }).id;
  a.storeImported({
    unitId: sampleUnit,
    year: 2020,
    content: sample,
    author: 'x',
    file: 'sample.txt',
  });
  const deptUnit = a.createUnit({ name: DEPARTMENT, kind: '部门' }).id;
  const dept = balancedReport(2021);
  dept.sections['五']!.paragraphs = [
    { level: 0, text: '存在的主要问题是网站栏目更新不及时，下一步将加强培训。' },
  ];
  a.storeImported({ unitId: deptUnit, year: 2021, content: dept, author: 'x', file: 'dept.docx' });
  const govUnit = a.createUnit({ name: GOVERNMENT, kind: '政府' }).id;
  a.storeImported({
    unitId: govUnit,
    year: 2012,
    content: legacyBody(
      '清河县人民政府2012年政府信息公开工作年度报告',
      '清河县人民政府2012年政府信息公开工作年度报告\n一、概述\n本年度共受理申请三十件，办理完毕。\n二、行政复议\n无。',
    ),
    author: 'x',
    file: 'gov2012.html',
  });
  return { a, sampleUnit, deptUnit, govUnit };
}

describe('terms of three or more characters (trigram index)', () => {
  it('finds a phrase; the highlighted parts are the phrase; unit name and year on the hit', async () => {
    const { a, sampleUnit } = await fixture();
    const result = a.search({ query: '新媒体信息发布' });
    expect(result.more).toBe(false);
    expect(result.hits).toHaveLength(1);
    const hit = result.hits[0]!;
    expect(hit).toMatchObject({
      unitId: sampleUnit,
      unitName: '沂源县行政审批服务局',
      year: 2020,
      title: '沂源县行政审批服务局2020年政府信息公开工作年度报告',
    });
    expect(hitsOf(hit.snippet)).toEqual(['新媒体信息发布']);
    // the snippet is the text around it, plain (no markers left)
    expect(textOf(hit.snippet)).toContain('新媒体信息发布工作取得良好进展');
    expect(textOf(hit.snippet)).not.toContain(String.fromCharCode(2));
    expect(textOf(hit.snippet)).not.toContain(String.fromCharCode(3));
  });

  it('a phrase in several reports: every report, each marked', async () => {
    const { a } = await fixture();
    const result = a.search({ query: '政府信息公开工作年度报告' });
    expect(result.hits.map((h) => h.year).sort()).toEqual([2012, 2020, 2021]);
    for (const hit of result.hits) {
      expect(hitsOf(hit.snippet).length).toBeGreaterThan(0);
      for (const h of hitsOf(hit.snippet)) expect(h).toBe('政府信息公开工作年度报告');
    }
  });

  it('legacy text is searchable', async () => {
    const { a, govUnit } = await fixture();
    const result = a.search({ query: '受理申请三十件' });
    expect(result.hits.map((h) => [h.unitId, h.unitName, h.year])).toEqual([
      [govUnit, GOVERNMENT, 2012],
    ]);
    expect(hitsOf(result.hits[0]!.snippet)).toEqual(['受理申请三十件']);
  });

  it('finds text written with full-width punctuation, as Chinese reports are', async () => {
    const { a } = await fixture();
    // the sample's 导语: "（以下简称《条例》）"
    for (const query of ['（以下简称《条例》）', '简称《条例》', '网站栏目更新不及时，下一步']) {
      const result = a.search({ query });
      expect(result.hits.length, query).toBe(1);
      expect(hitsOf(result.hits[0]!.snippet).join(''), query).toBe(query);
    }
  });

  it('nothing found → no hits', async () => {
    const { a } = await fixture();
    expect(a.search({ query: '不存在的词语组合' })).toEqual({ hits: [], more: false });
    expect(a.search({ query: '' })).toEqual({ hits: [], more: false });
    expect(a.search({ query: '   ' })).toEqual({ hits: [], more: false });
  });
});

describe('terms of one or two characters (the fallback scan)', () => {
  it("'公开' is found in every report and every occurrence in the snippet is marked", async () => {
    const { a } = await fixture();
    const result = a.search({ query: '公开' });
    expect(result.hits.map((h) => h.year).sort()).toEqual([2012, 2020, 2021]);
    for (const hit of result.hits) {
      const marked = hitsOf(hit.snippet);
      expect(marked.length).toBeGreaterThan(0);
      expect(marked.every((m) => m === '公开')).toBe(true);
      // every occurrence in the shown text is marked
      const shown = textOf(hit.snippet);
      expect(shown.split('公开').length - 1).toBe(marked.length);
    }
  });

  it("'局' (one character) finds the department and the sample, not the government", async () => {
    const { a, govUnit } = await fixture();
    const result = a.search({ query: '局' });
    expect(result.hits.map((h) => h.year).sort()).toEqual([2020, 2021]);
    expect(result.hits.some((h) => h.unitId === govUnit)).toBe(false);
    for (const hit of result.hits) expect(hitsOf(hit.snippet).every((m) => m === '局')).toBe(true);
  });

  it('a short term only in the title is found', async () => {
    const { a } = await tempArchive().then((t) => ({ a: t.archive }));
    const u = a.createUnit({ name: '甲' });
    a.storeImported({
      unitId: u.id,
      year: 2010,
      content: legacyBody('乙丙丁标题', '正文没有它'),
      author: 'x',
      file: 'f',
    });
    expect(a.search({ query: '丙丁' }).hits.map((h) => h.year)).toEqual([2010]);
  });

  it('Latin letters match whatever their case, short or long, as the trigram index does', async () => {
    const { a } = await tempArchive().then((t) => ({ a: t.archive }));
    const u = a.createUnit({ name: '甲' });
    a.storeImported({
      unitId: u.id,
      year: 2010,
      content: legacyBody('标题', '通过QQ群和Pdf文件答复申请人'),
      author: 'x',
      file: 'f',
    });
    for (const q of ['qq', 'QQ', 'pdf', 'PDF', 'Qq群']) {
      const hits = a.search({ query: q }).hits;
      expect(
        hits.map((h) => h.year),
        q,
      ).toEqual([2010]);
      expect(hits[0]!.snippet.filter((p) => p.hit).map((p) => p.text.toLowerCase())).toEqual([
        q.toLowerCase(),
      ]);
    }
  });
});

describe('several terms', () => {
  it('must all be present (AND), long and short mixed', async () => {
    const { a } = await fixture();
    expect(
      a
        .search({ query: '政府信息公开 行政复议' })
        .hits.map((h) => h.year)
        .sort(),
    ).toEqual([2012, 2020, 2021]);
    expect(a.search({ query: '政府信息公开 网站栏目' }).hits.map((h) => h.year)).toEqual([2021]);
    expect(a.search({ query: '行政复议 受理申请' }).hits.map((h) => h.year)).toEqual([2012]);
    expect(a.search({ query: '新媒体 审批' }).hits.map((h) => h.year)).toEqual([2020]);
    expect(a.search({ query: '新媒体信息发布 网站栏目更新' }).hits).toEqual([]);
    const mixed = a.search({ query: '三十件 无' });
    expect(mixed.hits.map((h) => h.year)).toEqual([2012]);
    expect(new Set(hitsOf(mixed.hits[0]!.snippet))).toEqual(new Set(['三十件', '无']));
    // two short terms
    expect(a.search({ query: '概述 公开' }).hits.map((h) => h.year)).toEqual([2012]);
    expect(
      a
        .search({ query: '局 复议' })
        .hits.map((h) => h.year)
        .sort(),
    ).toEqual([2020, 2021]);
    expect(a.search({ query: '局 概述' }).hits).toEqual([]);
  });

  it('full-width spaces separate terms too', async () => {
    const { a } = await fixture();
    expect(a.search({ query: '新媒体\u3000审批' }).hits.map((h) => h.year)).toEqual([2020]);
  });
});

describe('FTS syntax in a query is taken literally', () => {
  it('quotes, *, OR, NOT, NEAR, parentheses, colons and SQL never throw', async () => {
    const { a } = await fixture();
    const queries = [
      '"',
      '""',
      '"政府信息公开',
      '政府"信息"公开',
      '*',
      '公开*',
      'OR',
      '公开 OR 复议',
      'NOT 公开',
      'NEAR(公开 复议)',
      '(',
      ')',
      '(公开',
      'title:公开',
      'body:新媒体信息',
      '^公开',
      "'); DROP TABLE search; --",
      '%_\\',
      '-公开',
      '+',
    ];
    for (const query of queries) {
      const result = a.search({ query });
      expect(Array.isArray(result.hits), query).toBe(true);
    }
    // the operators are plain text: 'OR' is not an operator, so nothing has it
    expect(a.search({ query: '公开 OR 复议' }).hits).toEqual([]);
    expect(a.search({ query: 'body:新媒体信息' }).hits).toEqual([]);
    // and the index is intact
    expect(a.search({ query: '新媒体信息发布' }).hits).toHaveLength(1);
    expect(a.verify().ok).toBe(true);
  });

  it('quotes inside a long term are matched as characters', async () => {
    const { a } = await tempArchive().then((t) => ({ a: t.archive }));
    const u = a.createUnit({ name: '甲' });
    a.storeImported({
      unitId: u.id,
      year: 2010,
      content: legacyBody('t', '他说"开展政务公开"活动'),
      author: 'x',
      file: 'f',
    });
    const result = a.search({ query: '"开展政务公开"' });
    expect(result.hits).toHaveLength(1);
    expect(hitsOf(result.hits[0]!.snippet)).toEqual(['"开展政务公开"']);
  });
});

describe('limit and more', () => {
  async function many(n: number) {
    const { archive: a } = await tempArchive();
    for (let i = 0; i < n; i++) {
      const u = a.createUnit({ name: `第${i}乡镇人民政府` });
      a.storeImported({
        unitId: u.id,
        year: 2012,
        content: legacyBody(`报告${i}`, `第${i}号：政务公开共同文字，公开。`),
        author: 'x',
        file: 'f',
      });
    }
    return a;
  }

  it('returns at most `limit` hits and says when there are more (trigram and scan)', async () => {
    const a = await many(12);
    for (const query of ['政务公开共同文字', '公开', '共同 公开']) {
      expect(a.search({ query, limit: 5 }), query).toMatchObject({ more: true });
      expect(a.search({ query, limit: 5 }).hits, query).toHaveLength(5);
      expect(a.search({ query, limit: 12 }), query).toMatchObject({ more: false });
      expect(a.search({ query, limit: 12 }).hits, query).toHaveLength(12);
      expect(a.search({ query, limit: 11 })).toMatchObject({ more: true });
      expect(a.search({ query }).hits, query).toHaveLength(12);
      // no report twice
      expect(new Set(a.search({ query }).hits.map((h) => h.unitId)).size).toBe(12);
    }
  });
});

describe('the index follows the archive', () => {
  it('an edit replaces the old text; a restore brings it back; one hit per report', async () => {
    const { a, deptUnit } = await fixture();
    expect(a.search({ query: '网站栏目更新不及时' }).hits).toHaveLength(1);
    const report = a.openReport({ unitId: deptUnit, year: 2021 });
    if (report.legacy) throw new Error('structured');
    const changed = clone(report.report);
    changed.sections['五']!.paragraphs = [{ level: 0, text: '主要问题是信息发布审核流程偏长。' }];
    a.saveReport({ unitId: deptUnit, year: 2021, report: changed, reason: 'save', author: 'x' });
    expect(a.search({ query: '网站栏目更新不及时' }).hits).toEqual([]);
    expect(a.search({ query: '审核流程偏长' }).hits.map((h) => h.year)).toEqual([2021]);
    expect(a.search({ query: '不及时' }).hits).toEqual([]);
    // a journal (unsaved edits) is not indexed
    const draft = clone(changed);
    draft.sections['六']!.paragraphs = [{ level: 0, text: '草稿中的独特文字' }];
    a.writeJournal({ unitId: deptUnit, year: 2021, report: draft, author: 'x' });
    expect(a.search({ query: '草稿中的独特文字' }).hits).toEqual([]);
    // restore revision 1: the old text is found again, the newer one no longer
    a.restoreRevision({ unitId: deptUnit, year: 2021, revision: 1, author: 'x' });
    expect(a.search({ query: '网站栏目更新不及时' }).hits).toHaveLength(1);
    expect(a.search({ query: '审核流程偏长' }).hits).toEqual([]);
    // one entry per report, however many revisions
    expect(a.search({ query: '清河县市场监督管理局' }).hits).toHaveLength(1);
  });

  it('a rename shows the new name on hits; a copied year is found too', async () => {
    const { a, deptUnit } = await fixture();
    a.renameUnit({ unitId: deptUnit, name: '清河县市场监管局', date: '2022-01-01' });
    expect(a.search({ query: '网站栏目更新不及时' }).hits.map((h) => h.unitName)).toEqual([
      '清河县市场监管局',
    ]);
    a.copyLastYear({ unitId: deptUnit, from: 2021, to: 2022, author: 'x' });
    expect(
      a
        .search({ query: '网站栏目更新不及时' })
        .hits.map((h) => h.year)
        .sort(),
    ).toEqual([2021, 2022]);
  });

  it('the index survives a reopen', async () => {
    const t = await tempArchive();
    const u = t.archive.createUnit({ name: '甲' });
    t.archive.storeImported({
      unitId: u.id,
      year: 2011,
      content: legacyBody('t', '持久的索引内容'),
      author: 'x',
      file: 'f',
    });
    const a = await t.reopen();
    expect(a.search({ query: '持久的索引' }).hits).toHaveLength(1);
    expect(a.search({ query: '索引' }).hits).toHaveLength(1);
  });
});
