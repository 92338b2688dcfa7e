// The shared real sample (沂源县行政审批服务局 2020, format 2019), imported and checked: every cell
// as the document states it, and every problem the document really has, at its place.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runChecks } from '../../core/checks';
import { importReport } from '../../core/import';
import { cellAt } from '../../core/model';
import { SAMPLE } from '../helpers/paths';

const { report } = importReport(new Uint8Array(readFileSync(SAMPLE)), { fileName: 'sample.txt' });
const findings = runChecks(report);

describe('the shared sample', () => {
  it('recognises unit, year, format, title and 落款', () => {
    expect(report.unit.name).toBe('沂源县行政审批服务局');
    expect(report.unit.kind).toBeNull();
    expect(report.year).toBe(2020);
    expect(report.format).toBe('2019');
    expect(report.title).toBe('沂源县行政审批服务局2020年政府信息公开工作年度报告');
    expect(report.signature).toEqual({ unit: '沂源县行政审批服务局', date: '2020年1月27日' });
  });

  it('keeps the 导语 whole, with the URL line joined back', () => {
    expect(report.opening).toHaveLength(1);
    const text = report.opening[0]!.text;
    expect(text.startsWith('本报告按照《中华人民共和国政府信息公开条例》')).toBe(true);
    expect(text).toContain('门户网站（http://www.yiyuan.gov.cn/gongkai/site-yyxxzspfwj）下载。');
    expect(text.endsWith('邮箱：yyxzwb@zb.shandong.cn）。')).toBe(true);
  });

  it('finds five sections with their paragraphs and heading levels', () => {
    expect(Object.keys(report.sections)).toEqual(['一', '二', '三', '五', '六']);
    const one = report.sections['一']!.paragraphs;
    expect(one.filter((p) => p.level === 2).map((p) => p.text)).toEqual([
      '（一）主动公开内容（建议提案办理结果公开情况）',
      '（二）依申请公开情况',
      '（三）政府信息管理情况',
      '（四）政府信息公开平台建设情况',
      '（五）监督保障情况（包括工作考核、社会评议和责任追究结果情况等监督保障内容）',
    ]);
    // a paragraph broken by conversion ("公示公" / "告、办事指南") is joined again
    expect(one[1]!.text).toContain('工作动态、公示公告、办事指南等。');
    expect(one.some((p) => p.text.startsWith('告、'))).toBe(false);
    const five = report.sections['五']!.paragraphs;
    expect(five.filter((p) => p.level === 3).map((p) => p.text)).toEqual([
      '1.存在的主要问题',
      '2.改进情况',
    ]);
    expect(five).toHaveLength(9);
    expect(report.sections['六']!.paragraphs).toEqual([{ level: 0, text: '无。' }]);
  });

  it('reads table 二 cell by cell, deltas as written', () => {
    const t2 = (block: string, row: string, col: string) => cellAt(report, '二', block, row, col);
    const expected: [string, string, string, string][] = [
      ['art20_1', 'rules', 'created', '0'],
      ['art20_1', 'normative', 'publicTotal', '0'],
      ['art20_5', 'licensing', 'priorItems', '79'],
      ['art20_5', 'licensing', 'delta', '增 69'],
      ['art20_5', 'licensing', 'decisions', '11983'],
      ['art20_5', 'otherServices', 'priorItems', '16'],
      ['art20_5', 'otherServices', 'delta', '增 17'],
      ['art20_5', 'otherServices', 'decisions', '13980'],
      ['art20_6', 'penalty', 'decisions', '0'],
      ['art20_6', 'enforcement', 'delta', '0'],
      ['art20_8', 'fees', 'priorItems', '0'],
      ['art20_8', 'fees', 'delta', '0'],
      ['art20_9', 'procurement', 'items', '0'],
      ['art20_9', 'procurement', 'amount', '0'],
    ];
    for (const [block, row, col, raw] of expected) {
      expect(t2(block, row, col), `${block}/${row}/${col}`).toEqual({ present: true, raw });
    }
    expect(report.sections['二']!.table!.blocks['art20_8']!.columns).toEqual([
      'priorItems',
      'delta',
    ]);
    expect(report.sections['二']!.table!.unrecognised).toEqual([]);
  });

  it('reads the rows of table 三 that survived, realigning the shifted ones', () => {
    const t3 = report.sections['三']!.table!.blocks['t3']!;
    expect(Object.keys(t3.rows)).toEqual([
      'new',
      'carried',
      'granted',
      'partial',
      'denied1',
      'denied2',
      'denied3',
      'denied4',
    ]);
    for (const row of Object.values(t3.rows)) {
      expect(Object.values(row.cells)).toEqual(['0', '0', '0', '0', '0', '0', '0']);
    }
    expect(t3.rows['denied4']!.label).toBe('4. 保护第三方合');
    expect(t3.columns).toEqual([
      'natural',
      'business',
      'research',
      'nonprofit',
      'legal',
      'otherOrg',
      'total',
    ]);
  });

  it('points at every problem the sample has, and at nothing else', () => {
    const summary = findings.map(
      (f) => `${f.code} ${f.location.section}${f.location.row ? ` ${f.location.row}` : ''}`,
    );
    expect(summary).toEqual([
      'SECTION_MISSING 四',
      'LABEL_UNCLEAR 三 4.保护第三方合法权益',
      'TABLE_INCOMPLETE 三 5.属于三类内部事务信息',
      'TABLE_INCOMPLETE 三 6.属于四类过程性信息',
      'TABLE_INCOMPLETE 三 7.属于行政执法案卷',
      'TABLE_INCOMPLETE 三 8.属于行政查询事项',
      'TABLE_INCOMPLETE 三 1.本机关不掌握相关政府信息',
      'TABLE_INCOMPLETE 三 2.没有现成信息需要另行制作',
      'TABLE_INCOMPLETE 三 3.补正后申请内容仍不明确',
      'TABLE_INCOMPLETE 三 1.信访举报投诉类申请',
      'TABLE_INCOMPLETE 三 2.重复申请',
      'TABLE_INCOMPLETE 三 3.要求提供公开出版物',
      'TABLE_INCOMPLETE 三 4.无正当理由大量反复申请',
      'TABLE_INCOMPLETE 三 5.要求行政机关确认或重新出具已获取信息',
      'TABLE_INCOMPLETE 三 （六）其他处理',
      'TABLE_INCOMPLETE 三 （七）总计',
      'TABLE_INCOMPLETE 三 四、结转下年度继续办理',
      'DATE_OUT_OF_RANGE 落款',
    ]);
    const date = findings.find((f) => f.code === 'DATE_OUT_OF_RANGE')!;
    expect(date.severity).toBe('error');
    expect(date.message).toContain('2020年1月27日');
    expect(findings.find((f) => f.code === 'TABLE_INCOMPLETE')!.location).toEqual({
      section: '三',
      table: '三',
      block: '（三）不予公开',
      row: '5.属于三类内部事务信息',
    });
  });

  it('with the kind known, the 部门 deadline rule stays quiet (the date is already out of range)', () => {
    const withKind = runChecks(report, { kind: '部门' }).map((f) => f.code);
    expect(withKind).not.toContain('DATE_LATE');
    expect(withKind).not.toContain('GOV_ASSESSMENT_MISSING');
  });
});
