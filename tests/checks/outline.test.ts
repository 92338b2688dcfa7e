// A blank report starts in the standard outline (issue 13 item 11): the sub-headings of 一 and 五
// from the format definition, each followed by an empty paragraph — and the checks do not take
// the untouched outline for content: the section is still SECTION_EMPTY (saying it has only the
// outline), a sub-heading left bare in a written section is one SECTION_EMPTY at that paragraph,
// the outline's words do not satisfy GOV_ASSESSMENT_MISSING, and they are not compared by
// TEXT_COPIED.
import { describe, expect, it } from 'vitest';
import { runChecks } from '../../core/checks';
import { FORMATS, outlineHeadings, sectionDef, untouchedOutlineHeading } from '../../core/formats';
import { blankReport, blankSection, type Report, type UnitKind } from '../../core/model';
import { DEPARTMENT, GOVERNMENT, balancedReport, only } from '../helpers/reports';

function blank(kind: UnitKind | null = '部门', year = 2021, name = DEPARTMENT): Report {
  return blankReport({ id: 'u', name, kind }, year);
}

/** Writes `text` in the empty paragraph under the outline's sub-heading `heading` of a section. */
function writeUnder(report: Report, section: '一' | '五', heading: string, text: string): void {
  const paragraphs = report.sections[section]!.paragraphs;
  const at = paragraphs.findIndex((p) => p.text === heading);
  expect(at).toBeGreaterThanOrEqual(0);
  paragraphs[at + 1] = { level: 0, text };
}

describe('the standard outline of a blank report', () => {
  it('一 and 五 have the format definition’s sub-headings, each followed by an empty paragraph; 六 has none', () => {
    for (const year of [2020, 2021]) {
      const report = blank('部门', year);
      const format = report.format;
      for (const id of ['一', '五'] as const) {
        const headings = FORMATS[format].outline[id]!.headings.filter((h) => !h.kinds);
        expect(report.sections[id]!.paragraphs).toEqual(
          headings.flatMap((h) => [
            { level: 2, text: h.text },
            { level: 0, text: '' },
          ]),
        );
      }
      expect(
        report.sections['一']!.paragraphs.filter((p) => p.level === 2).map((p) => p.text),
      ).toEqual([
        '（一）主动公开',
        '（二）依申请公开',
        '（三）政府信息管理',
        '（四）平台建设',
        '（五）监督保障',
      ]);
      expect(report.sections['五']!.paragraphs.map((p) => p.text)).toEqual([
        '（一）主要问题',
        '',
        '（二）改进措施',
        '',
      ]);
      expect(report.sections['六']!.paragraphs).toEqual([]);
      expect(report.opening).toEqual([]);
    }
  });

  it('a government’s and a township’s outline adds 工作考核、社会评议和责任追究; an unknown kind does not', () => {
    for (const kind of ['政府', '乡镇街道'] as const) {
      const texts = blank(kind).sections['一']!.paragraphs.map((p) => p.text);
      expect(texts).toContain('（六）工作考核、社会评议和责任追究结果');
    }
    for (const kind of ['部门', '其他', null] as const) {
      const texts = blank(kind).sections['一']!.paragraphs.map((p) => p.text);
      expect(texts).not.toContain('（六）工作考核、社会评议和责任追究结果');
      expect(texts.filter(Boolean)).toHaveLength(5);
    }
  });

  it('blankSection gives a missing section back: heading, outline, and a table section’s empty table', () => {
    const one = blankSection('2021', '一', null);
    expect(one.heading).toBe(sectionDef('一').heading);
    expect(one.paragraphs).toEqual(blank(null).sections['一']!.paragraphs);
    const three = blankSection('2019', '三');
    expect(three.paragraphs).toEqual([]);
    expect(three.table).toEqual(blank('部门', 2020).sections['三']!.table);
  });

  it('an outline sub-heading is untouched only with its level and words (spaces aside)', () => {
    expect(
      untouchedOutlineHeading('2021', '一', { level: 2, text: ' （一） 主动公开 ' }),
    ).toBeTruthy();
    expect(
      untouchedOutlineHeading('2021', '一', { level: 2, text: '（一）主动公开情况' }),
    ).toBeUndefined();
    expect(
      untouchedOutlineHeading('2021', '一', { level: 0, text: '（一）主动公开' }),
    ).toBeUndefined();
    expect(
      untouchedOutlineHeading('2021', '五', { level: 2, text: '（一）主动公开' }),
    ).toBeUndefined();
    expect(outlineHeadings('2021', '六')).toEqual([]);
  });
});

describe('checks on the outline', () => {
  it('a blank report: 一 and 五 are SECTION_EMPTY, saying only the outline is there; no finding per sub-heading', () => {
    for (const year of [2020, 2021]) {
      const empty = only(runChecks(blank('部门', year)), 'SECTION_EMPTY');
      expect(empty.map((f) => f.location)).toEqual([{ section: '一' }, { section: '五' }]);
      expect(empty[0]!.message).toBe('“一、总体情况”只有标准提纲的小标题，还没有内容，请补充。');
      expect(empty[1]!.message).toBe(
        '“五、存在的主要问题及改进情况”只有标准提纲的小标题，还没有内容，请补充。',
      );
    }
  });

  it('the outline with only 无 under it is still empty, and says what was written', () => {
    const report = blank();
    writeUnder(report, '五', '（一）主要问题', '无。');
    const [f] = only(runChecks(report), 'SECTION_EMPTY').filter((x) => x.location.section === '五');
    expect(f!.message).toBe('“五、存在的主要问题及改进情况”只写了“无。”，请补充。');
  });

  it('text under one sub-heading: the section is written; each bare sub-heading is one warning at its paragraph', () => {
    const report = blank();
    writeUnder(report, '一', '（二）依申请公开', '本年度共收到申请12件，均按时答复。');
    const one = only(runChecks(report), 'SECTION_EMPTY').filter((f) => f.location.section === '一');
    expect(one.map((f) => f.location.paragraph)).toEqual([0, 4, 6, 8]);
    expect(one[0]!.message).toBe(
      '“一、总体情况”中的小标题“（一）主动公开”下还没有内容：请补充，或删去这个小标题。',
    );
    expect(one.every((f) => f.severity === 'warning')).toBe(true);
    // writing under every sub-heading leaves nothing to say
    for (const h of outlineHeadings('2021', '一'))
      writeUnder(report, '一', h.text, `${h.text}的情况。`);
    expect(
      only(runChecks(report), 'SECTION_EMPTY').filter((f) => f.location.section === '一'),
    ).toEqual([]);
    // a sub-heading deleted is no finding either; a renamed one is the clerk's own heading
    const paragraphs = report.sections['五']!.paragraphs;
    paragraphs.splice(0, 2, { level: 2, text: '（一）存在的问题' }, { level: 0, text: '' });
    writeUnder(report, '五', '（二）改进措施', '加强培训。');
    expect(
      only(runChecks(report), 'SECTION_EMPTY').filter((f) => f.location.section === '五'),
    ).toEqual([]);
  });

  it('a sub-heading’s text under a lower-level heading counts; an empty lower heading does not', () => {
    const report = blank();
    const p = report.sections['五']!.paragraphs;
    p.splice(1, 1, { level: 3, text: '' }, { level: 0, text: '' });
    writeUnder(report, '五', '（二）改进措施', '加强培训。');
    expect(
      only(runChecks(report), 'SECTION_EMPTY').filter((f) => f.location.section === '五'),
    ).toHaveLength(1);
    p[1] = { level: 3, text: '1.制度不健全' };
    expect(
      only(runChecks(report), 'SECTION_EMPTY').filter((f) => f.location.section === '五'),
    ).toEqual([]);
  });

  it('the outline’s 工作考核、社会评议和责任追究 heading does not report them: GOV_ASSESSMENT_MISSING stays until written', () => {
    const report = blank('政府', 2021, GOVERNMENT);
    const [f] = only(runChecks(report), 'GOV_ASSESSMENT_MISSING');
    expect(f!.message).toContain('本报告未提到：考核、评议、责任追究');
    writeUnder(
      report,
      '一',
      '（六）工作考核、社会评议和责任追究结果',
      '本年度开展了政务公开工作考核和社会评议，未发生责任追究。',
    );
    expect(only(runChecks(report), 'GOV_ASSESSMENT_MISSING')).toEqual([]);
  });

  it('TEXT_COPIED compares what was written, not the outline both years share', () => {
    const prior = balancedReport(2020);
    const report = balancedReport(2021);
    // the same 55 characters of text, once bare and once under the outline's headings
    const text =
      '我局高度重视政府信息公开工作，认真贯彻落实《中华人民共和国政府信息公开条例》，不断完善制度机制，做好主动公开。';
    prior.sections['一']!.paragraphs = [{ level: 0, text }];
    const outline = blank(null).sections['一']!.paragraphs;
    report.sections['一']!.paragraphs = [
      ...outline.slice(0, 1),
      { level: 0, text },
      ...outline.slice(2),
    ];
    const copied = only(runChecks(report, { prior }), 'TEXT_COPIED');
    expect(copied.map((f) => f.location.section)).toContain('一');
    expect(copied.find((f) => f.location.section === '一')!.message).toContain('100%');
  });
});
