// The section diff of rewritten text (issue 14, "a heavily rewritten paragraph is shown as one
// block"): paragraphs aligned by similarity, then sentences, identical clauses kept, so that a
// paragraph where half the sentences changed shows the kept ones unmarked, the rewritten ones
// whole and a changed figure as the figure only. Asserted run by run on report-like Chinese text.
import { describe, expect, it } from 'vitest';
import { COMPARE_THRESHOLDS, compareReports, diffText, type DiffRun } from '../../core/compare';
import { lcsLength } from '../../core/compare/lcs';
import { commonLength, similarity } from '../../core/diff';
import { PINGTAN_YEARS, corpusReport } from '../helpers/compare-archive';

const eq = (text: string): DiffRun => ({ op: 'equal', text });
const del = (text: string): DiffRun => ({ op: 'delete', text });
const ins = (text: string): DiffRun => ({ op: 'insert', text });

/** The runs give back both texts, and no unchanged island of islandMax characters or fewer. */
function wellFormed(a: string, b: string, runs: readonly DiffRun[]): void {
  expect(
    runs
      .filter((r) => r.op !== 'insert')
      .map((r) => r.text)
      .join(''),
  ).toBe(a);
  expect(
    runs
      .filter((r) => r.op !== 'delete')
      .map((r) => r.text)
      .join(''),
  ).toBe(b);
  runs.forEach((r, i) => {
    if (r.op !== 'equal' || i === 0 || i === runs.length - 1) return;
    expect(r.text.length > COMPARE_THRESHOLDS.islandMax || r.text.includes('\n'), r.text).toBe(
      true,
    );
  });
}

describe('a paragraph where half the sentences were rewritten', () => {
  const a =
    '本年度，我局坚持以公开为常态、不公开为例外，全面推进决策、执行、管理、服务、结果公开。全年共收到申请30件，均按时答复。通过政府网站发布信息1200条，召开新闻发布会3场。我局高度重视政策解读工作，由主要负责同志带头解读。';
  const b =
    '我局严格落实条例要求，围绕优化营商环境、乡村振兴等重点工作，及时准确发布政府信息。全年共收到申请25件，均按时答复。积极开展线上访谈活动，邀请群众参与政策制定。通过政府网站发布信息1350条，召开新闻发布会3场，回应社会关切12次。';

  it('kept sentences unmarked, rewritten sentences whole, changed figures as the figure only', () => {
    const d = diffText(a, b);
    expect(d.runs).toEqual([
      del('本年度，我局坚持以公开为常态、不公开为例外，全面推进决策、执行、管理、服务、结果公开。'),
      ins('我局严格落实条例要求，围绕优化营商环境、乡村振兴等重点工作，及时准确发布政府信息。'),
      eq('全年共收到申请'),
      del('30'),
      ins('25'),
      eq('件，均按时答复。'),
      ins('积极开展线上访谈活动，邀请群众参与政策制定。'),
      eq('通过政府网站发布信息'),
      del('1200'),
      ins('1350'),
      eq('条，召开新闻发布会3场'),
      del('。'),
      ins('，回应社会关切12次。'),
      del('我局高度重视政策解读工作，由主要负责同志带头解读。'),
    ]);
    wellFormed(a, b, d.runs);
    expect(d.figures).toEqual([
      { context: '全年共收到申请', a: '30件', b: '25件' },
      { context: '通过政府网站发布信息', a: '1200条', b: '1350条' },
      { context: '召开新闻发布会3场', a: null, b: '12次' },
    ]);
  });

  it('the kept sentence is in no change (it was inside one long deletion before)', () => {
    // the kept sentence "通过政府网站发布信息…召开新闻发布会3场" is not inside a change any more
    const d = diffText(a, b);
    const changed = d.runs.filter((r) => r.op !== 'equal').map((r) => r.text);
    expect(changed.some((t) => t.includes('通过政府网站'))).toBe(false);
    expect(changed.some((t) => t.includes('召开新闻发布会'))).toBe(false);
  });

  it('similarity and counts stay what TEXT_COPIED measures (the character diff)', () => {
    const d = diffText(a, b);
    expect(d.similarity).toBeCloseTo(similarity(a, b), 2);
    const common = Math.round(d.similarity * Math.max(a.length, b.length));
    expect(common + d.deletions).toBe(a.length);
    expect(common + d.insertions).toBe(b.length);
  });
});

describe('paragraphs aligned first', () => {
  it('a section of two paragraphs, each rewritten in place: figures changed, one sentence replaced', () => {
    const a =
      '（一）主动公开情况\n2022年，我局主动公开政府信息217条，其中机构职能类12条，政策文件类35条。我局高度重视政策解读工作，由主要负责同志带头解读。\n（二）依申请公开情况\n2022年，我局共收到政府信息公开申请30件，均在法定期限内答复。';
    const b =
      '（一）主动公开情况\n2023年，我局主动公开政府信息245条，其中机构职能类12条，政策文件类41条。围绕优化营商环境，开展“政策进企业”解读活动6场。\n（二）依申请公开情况\n2023年，我局共收到政府信息公开申请25件，均在法定期限内答复。';
    const d = diffText(a, b);
    expect(d.runs).toEqual([
      eq('（一）主动公开情况\n'),
      del('2022'),
      ins('2023'),
      eq('年，我局主动公开政府信息'),
      del('217'),
      ins('245'),
      eq('条，其中机构职能类12条，政策文件类'),
      // the short kept "条。" goes with the figure's change, not with the sentence after it
      del('35条。'),
      ins('41条。'),
      del('我局高度重视政策解读工作，由主要负责同志带头解读。'),
      ins('围绕优化营商环境，开展“政策进企业”解读活动6场。'),
      eq('\n（二）依申请公开情况\n'),
      del('2022'),
      ins('2023'),
      eq('年，我局共收到政府信息公开申请'),
      del('30'),
      ins('25'),
      eq('件，均在法定期限内答复。'),
    ]);
    wellFormed(a, b, d.runs);
    // the years are no figures; the counts are, the new sentence's figure on its own
    expect(d.figures.map((f) => [f.a, f.b])).toEqual([
      ['217条', '245条'],
      ['35条', '41条'],
      [null, '6场'],
      ['30件', '25件'],
    ]);
  });

  it('a paragraph inserted between two: inserted whole, apart from the change in the next one', () => {
    const a =
      '一是加强组织领导。成立政务公开领导小组，由局长任组长。\n二是完善制度建设。修订信息发布审核制度，明确审核流程。\n三是强化培训。全年组织培训2次，参训60人次。';
    const b =
      '一是加强组织领导。调整政务公开领导小组，由局长任组长，分管副局长任副组长。\n二是加强平台建设。完成政府网站集约化改造，新增专栏3个。\n三是完善制度建设。修订信息发布审核制度，明确审核流程，落实三审三校。\n四是强化培训。全年组织培训4次，参训120人次。';
    const d = diffText(a, b);
    expect(d.runs).toEqual([
      eq('一是加强组织领导。'),
      del('成立'),
      ins('调整'),
      eq('政务公开领导小组，由局长任组长'),
      ins('，分管副局长任副组长'),
      eq('。\n'),
      ins('二是加强平台建设。完成政府网站集约化改造，新增专栏3个。\n'),
      del('二'),
      ins('三'),
      eq('是完善制度建设。修订信息发布审核制度，明确审核流程'),
      ins('，落实三审三校'),
      eq('。\n'),
      del('三'),
      ins('四'),
      eq('是强化培训。全年组织培训'),
      del('2'),
      ins('4'),
      eq('次，参训'),
      del('60'),
      ins('120'),
      eq('人次。'),
    ]);
    wellFormed(a, b, d.runs);
  });

  it('a paragraph rewritten beyond recognition: deleted and inserted whole, the next one kept', () => {
    const a =
      '一是加强组织领导。成立政务公开领导小组，由局长任组长。\n二是强化培训。全年组织培训2次，参训60人次。';
    const b =
      '一是完善工作机制。建立信息发布协调机制，明确各科室职责分工，确保信息发布及时准确。\n二是强化培训。全年组织培训2次，参训60人次。';
    const d = diffText(a, b);
    expect(d.runs).toEqual([
      del('一是加强组织领导。成立政务公开领导小组，由局长任组长。\n'),
      ins('一是完善工作机制。建立信息发布协调机制，明确各科室职责分工，确保信息发布及时准确。\n'),
      eq('二是强化培训。全年组织培训2次，参训60人次。'),
    ]);
    expect(d.figures).toEqual([]);
  });
});

describe('inside a rewritten sentence', () => {
  it('an identical clause between rewritten ones stays unmarked; the figure keeps its measure', () => {
    const a = '我局高度重视政策解读工作，坚持政策文件与解读方案同步起草，全年解读文件8件。';
    const b = '我局进一步规范政策解读程序，坚持政策文件与解读方案同步起草，全年发布解读材料12篇。';
    const d = diffText(a, b);
    expect(d.runs).toEqual([
      eq('我局'),
      del('高度重视'),
      ins('进一步规范'),
      eq('政策解读'),
      del('工作'),
      ins('程序'),
      eq('，坚持政策文件与解读方案同步起草，全年'),
      del('解读文件8件'),
      ins('发布解读材料12篇'),
      eq('。'),
    ]);
    expect(d.figures).toEqual([{ context: '全年', a: '8件', b: '12篇' }]);
  });

  it('the pairing threshold is data: above it every sentence is replaced whole', () => {
    const a = '全年共收到申请30件，均按时答复。';
    const b = '全年共收到申请25件，均按时答复。本年度未发生行政复议。';
    expect(diffText(a, b).runs).toEqual([
      eq('全年共收到申请'),
      del('30'),
      ins('25'),
      eq('件，均按时答复。'),
      ins('本年度未发生行政复议。'),
    ]);
    const strict = diffText(a, b, { ...COMPARE_THRESHOLDS, alignMin: 1.01 });
    expect(strict.runs).toEqual([
      del('全年共收到申请30件，均按时答复。'),
      ins('全年共收到申请25件，均按时答复。本年度未发生行政复议。'),
    ]);
    // the counts do not depend on how the runs are shown
    expect(strict.similarity).toBeCloseTo(diffText(a, b).similarity, 5);
  });
});

describe('on published reports', () => {
  it('every part of 平潭 2019–2025, year after year: the runs give back both texts, no islands', () => {
    const unit = { id: 'u', name: '平潭综合实验区' };
    const reports = PINGTAN_YEARS.map((y) => corpusReport(`pingtan-${y}.txt`, unit));
    let parts = 0;
    for (let i = 1; i < reports.length; i++) {
      for (const s of compareReports(reports[i - 1]!, reports[i]!).sections) {
        wellFormed(s.a, s.b, s.runs);
        // similarity stays the character diff's (TEXT_COPIED), however the runs are shown
        expect(s.similarity, s.label).toBeCloseTo(similarity(s.a, s.b), 2);
        parts++;
      }
    }
    expect(parts).toBeGreaterThan(30);
  });
});

describe('common characters, bit-parallel', () => {
  it('lcsLength is the common length of a minimal character diff (core/diff), however different', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const alphabet = '的是在了我局公开信息年12345，。';
    const text = (n: number) =>
      Array.from({ length: n }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join('');
    for (let k = 0; k < 500; k++) {
      // lengths across the 32-character words, half of the pairs sharing a long stretch
      const a = text(Math.floor(rnd() * 100));
      const b = k % 2 ? text(Math.floor(rnd() * 100)) : a.slice(0, 40) + text(9) + a.slice(40);
      expect(lcsLength(a, b), `${a} | ${b}`).toBe(commonLength(a, b));
    }
    expect(lcsLength('', '共收到申请')).toBe(0);
    expect(lcsLength('共收到申请30件', '共收到申请25件')).toBe(6);
  });
});
