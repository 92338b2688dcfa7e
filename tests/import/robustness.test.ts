// Import never crashes: whatever the bytes, it returns a valid report or refuses with a
// ReportFileError (a Chinese message). Property tests over random bytes, random report-like
// text and randomly damaged fixtures; pathological structure (deep nesting, huge paragraphs).
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runChecks } from '../../core/checks';
import { serialiseReport } from '../../core/file';
import { importReport } from '../../core/import';
import { ReportFileError, ReportSchema } from '../../core/model';
import { FIXTURES } from '../helpers/paths';

/** Imports; a report must be a valid model that the checks accept. */
function tryImport(bytes: Uint8Array, fileName: string): 'report' | 'refused' {
  try {
    const { report } = importReport(bytes, { fileName });
    expect(ReportSchema.safeParse(report).success).toBe(true);
    expect(() => serialiseReport(report)).not.toThrow();
    runChecks(report, { kind: '政府' });
    return 'report';
  } catch (error) {
    if (error instanceof ReportFileError) {
      expect(error.message).toMatch(/\p{Script=Han}/u);
      return 'refused';
    }
    throw error;
  }
}

const NAMES = ['a.txt', 'a.md', 'a.html', 'a.docx', 'a.nianbao.json', 'a', 'a.mht'];
const encode = (s: string) => new TextEncoder().encode(s);

/** Pieces real reports are made of, to reach deep into the recognisers. */
const PIECES = [
  '某县统计局2021年政府信息公开工作年度报告',
  '一、总体情况',
  '二、主动公开政府信息情况',
  '三、收到和处理政府信息公开申请情况',
  '四、政府信息公开行政复议、行政诉讼情况',
  '五、存在的主要问题及改进情况',
  '六、其他需要报告的事项',
  '（一）主动公开',
  '1.属于国家秘密',
  '第二十条第（一）项',
  '信息内容',
  '本年制发件数',
  '规章',
  '行政规范性文件',
  '自然人',
  '商业企业',
  '总计',
  '（七）总计',
  '四、结转下年度继续办理',
  '行政复议',
  '行政诉讼',
  '结果维持',
  '复议后起诉',
  '增 69',
  '减 3',
  '——',
  '/',
  '无',
  '0',
  '12',
  '3,456',
  '１２',
  '2022年1月20日',
  '某县统计局',
  '<table>',
  '</table>',
  '<tr>',
  '<td rowspan="3">',
  '<td colspan="99999">',
  '</td>',
  '<p>',
  '<br>',
  '|',
  '| --- |',
  '\t',
  '\n',
  '\r\n',
  ' ',
  '。',
  '，',
  '&nbsp;',
  '<!--',
  '<script>',
];

describe('import never crashes', () => {
  it('on random bytes under any file name', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), fc.constantFrom(...NAMES), (bytes, name) => {
        tryImport(bytes, name);
      }),
      { numRuns: 400 },
    );
  });

  it('on random report-like text, Markdown and HTML', () => {
    const doc = fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 8 })), {
      maxLength: 300,
    });
    fc.assert(
      fc.property(doc, fc.constantFrom('a.txt', 'a.md', 'a.html'), (pieces, name) => {
        tryImport(encode(pieces.join('')), name);
      }),
      { numRuns: 400 },
    );
  });

  for (const file of ['ok-2021.md', 'ok-2021.html', 'ok-2019.txt']) {
    it(`on ${file} with lines deleted, duplicated, swapped and cut`, () => {
      const lines = readFileSync(path.join(FIXTURES, 'reports', file), 'utf8').split('\n');
      const edit = fc.record({
        kind: fc.constantFrom('delete', 'duplicate', 'swap', 'cut'),
        at: fc.nat(),
        other: fc.nat(),
        length: fc.nat({ max: 40 }),
      });
      fc.assert(
        fc.property(fc.array(edit, { minLength: 1, maxLength: 12 }), (edits) => {
          const doc = [...lines];
          for (const e of edits) {
            const i = e.at % doc.length;
            const j = e.other % doc.length;
            if (e.kind === 'delete') doc.splice(i, 1);
            else if (e.kind === 'duplicate') doc.splice(j, 0, doc[i]!);
            else if (e.kind === 'swap') [doc[i], doc[j]] = [doc[j]!, doc[i]!];
            else doc[i] = doc[i]!.slice(0, e.length);
            if (doc.length === 0) doc.push('');
          }
          tryImport(encode(doc.join('\n')), file);
        }),
        { numRuns: 150 },
      );
    });
  }

  it('refuses HTML nested 50,000 deep with a message, not a stack overflow', () => {
    const html = `<html><body>${'<div>'.repeat(50000)}<p>一、总体情况</p><p>二、主动公开政府信息情况</p>${'</div>'.repeat(50000)}</body></html>`;
    expect(tryImport(encode(html), 'deep.html')).toBe('refused');
  });

  it('still reads a report whose body is nested 450 deep (5,000 deep is refused)', () => {
    const body = `<p>某县统计局2021年政府信息公开工作年度报告</p><p>一、总体情况</p><p>2021年，本局主动公开信息。</p><p>六、其他需要报告的事项</p><p>无。</p><p>某县统计局</p><p>2022年1月20日</p>`;
    const nest = (depth: number) =>
      `<html><body>${'<div>'.repeat(depth)}${body}${'</div>'.repeat(depth)}</body></html>`;
    // beyond MAX_HTML_DEPTH (500; a published report has 8–14) a page is refused (issue 17)
    expect(tryImport(encode(nest(5000)), 'deep.html')).toBe('refused');
    const html = nest(450);
    const { report } = importReport(encode(html), { fileName: 'deep.html' });
    expect(report.unit.name).toBe('某县统计局');
    expect(report.sections['一']!.paragraphs).toEqual([
      { level: 0, text: '2021年，本局主动公开信息。' },
    ]);
    expect(report.signature).toEqual({ unit: '某县统计局', date: '2022年1月20日' });
  });

  it('joins 20,000 unpunctuated lines into one paragraph', () => {
    const line = '这是一行没有标点的很长的文字用来测试段落合并';
    const text = [
      '某县统计局2021年政府信息公开工作年度报告',
      '一、总体情况',
      ...Array.from({ length: 20000 }, () => line),
      '六、其他需要报告的事项',
      '无。',
    ].join('\n');
    const { report } = importReport(encode(text), { fileName: 'long.txt' });
    expect(report.sections['一']!.paragraphs).toEqual([{ level: 0, text: line.repeat(20000) }]);
  });
});
