// The product's own file, .nianbao.json: round trip, schema versions, malformed files.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decide, runChecks } from '../../core/checks';
import { parseReportData, parseReportFile, serialiseReport } from '../../core/file';
import { FORMATS, cellsOf } from '../../core/formats';
import { T3_BLOCK_ID } from '../../core/formats/common';
import { ReportFileError, SCHEMA_VERSION, type Report } from '../../core/model';
import { balancedReport, setCell } from '../helpers/reports';

/** A report using every optional part of the model. */
function fullReport(): Report {
  let report = balancedReport(2021, { kind: '部门' });
  setCell(report, '四', 'review', 'case', 'upheld', '4');
  report = decide(report, runChecks(report)[0]!, 'override', '复议有一件撤回。', {
    by: '张三',
    at: '2022-01-20T10:00:00Z',
  });
  report.sections['三']!.table!.blocks[T3_BLOCK_ID]!.rows['denied4']!.label = '4. 保护第三方合';
  report.sections['三']!.table!.unrecognised.push({
    block: '（三）不予公开',
    cells: ['9.其他', '1', ''],
    reason: '行名无法识别',
  });
  report.finalised = {
    at: '2022-01-25T08:00:00Z',
    by: '李四',
    revision: 2,
    sha256: 'ab'.repeat(32),
  };
  report.source = { file: '2021年报告.docx', type: 'docx' };
  delete report.sections['六'];
  return report;
}

/** The message of the ReportFileError a text raises. */
function refusal(text: string): string {
  try {
    parseReportFile(text);
  } catch (e) {
    expect(e).toBeInstanceOf(ReportFileError);
    return (e as Error).message;
  }
  throw new Error('the file was accepted');
}

describe('round trip', () => {
  for (const [name, make] of [
    ['a balanced 2021 report', () => balancedReport(2021)],
    ['a balanced 2019-format report', () => balancedReport(2020)],
    ['a report with decisions, finalisation, source, labels and unrecognised rows', fullReport],
  ] as const) {
    it(`${name}: model → JSON → model is deep-equal`, () => {
      const report = make();
      const back = parseReportFile(serialiseReport(report));
      expect(back).toStrictEqual(report);
      // and checking it gives the same findings
      expect(runChecks(back)).toEqual(runChecks(report));
    });
  }

  it('the file is readable JSON with the schema first, ending with a newline', () => {
    const text = serialiseReport(balancedReport(2021));
    expect(
      text.startsWith(`{\n  "schema": ${SCHEMA_VERSION},\n  "app": "nianbao",\n  "unit": {`),
    ).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('"title": "清河县市场监督管理局2021年政府信息公开工作年度报告"');
  });

  it('serialising is stable: saving a file that was opened and not changed rewrites the same text', () => {
    const report = fullReport();
    expect(serialiseReport(report)).toBe(serialiseReport(structuredClone(report)));
    // (key order follows the schema once a file has been read: compare from there)
    const saved = serialiseReport(parseReportFile(serialiseReport(report)));
    expect(serialiseReport(parseReportFile(saved))).toBe(saved);
  });

  it('a byte-order mark is accepted', () => {
    const report = balancedReport(2021);
    expect(parseReportFile(`\uFEFF${serialiseReport(report)}`)).toStrictEqual(report);
  });

  it('any cell and paragraph text survives (property)', () => {
    const cells = [...cellsOf(FORMATS['2021'])];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(), fc.string({ unit: 'binary' })), { maxLength: 20 }),
        fc.string({ unit: 'binary' }),
        fc.string({ unit: 'grapheme' }),
        (edits, paragraph, title) => {
          const report = balancedReport(2021);
          for (const [i, raw] of edits) {
            const { table, block, row, column } = cells[i % cells.length]!;
            setCell(report, table.id, block.id, row.id, column.id, raw);
          }
          report.sections['五']!.paragraphs.push({ level: 0, text: paragraph });
          report.title = title;
          expect(parseReportFile(serialiseReport(report))).toStrictEqual(report);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('schema versions', () => {
  it('a file from a newer version is refused with a clear message, naming both versions', () => {
    const data = JSON.parse(serialiseReport(balancedReport(2021))) as Record<string, unknown>;
    data.schema = SCHEMA_VERSION + 1;
    expect(refusal(JSON.stringify(data))).toBe(
      `此文件由更新版本的年报软件保存（数据格式版本 ${SCHEMA_VERSION + 1}），本软件只能读取版本 ${SCHEMA_VERSION} 及以前的文件。请升级软件后再打开，文件未作任何改动。`,
    );
  });

  it('a newer file is refused even if its content would otherwise be unreadable', () => {
    expect(refusal(JSON.stringify({ schema: 99, app: 'nianbao', whatever: true }))).toContain(
      '数据格式版本 99',
    );
  });

  for (const schema of ['1', 0, -1, 1.5, null, true]) {
    it(`schema ${JSON.stringify(schema)} is invalid`, () => {
      const data = JSON.parse(serialiseReport(balancedReport(2021))) as Record<string, unknown>;
      data.schema = schema;
      expect(refusal(JSON.stringify(data))).toBe(`数据文件的格式版本“${String(schema)}”无效。`);
    });
  }
});

describe('malformed files', () => {
  const cases: [string, string, string | RegExp][] = [
    ['empty', '', '文件不是有效的 JSON，无法作为年报数据文件读取。'],
    ['not JSON', '{"schema": 1,', '文件不是有效的 JSON，无法作为年报数据文件读取。'],
    ['a Word file', 'PK\u0003\u0004...', '文件不是有效的 JSON，无法作为年报数据文件读取。'],
    ['an array', '[]', '文件内容不是年报数据。'],
    ['a string', '"年报"', '文件内容不是年报数据。'],
    ['null', 'null', '文件内容不是年报数据。'],
    [
      'another program',
      '{"schema": 1, "app": "other"}',
      '这不是年报软件保存的数据文件（缺少 app/schema 标识）。',
    ],
    ['no schema', '{"app": "nianbao"}', '这不是年报软件保存的数据文件（缺少 app/schema 标识）。'],
    ['no content', '{"schema": 1, "app": "nianbao"}', /^数据文件内容不完整或有误：\n {2}· unit：/u],
  ];
  for (const [name, text, message] of cases) {
    it(name, () => {
      const got = refusal(text);
      if (typeof message === 'string') expect(got).toBe(message);
      else expect(got).toMatch(message);
    });
  }

  function broken(edit: (data: Record<string, unknown>) => void): string {
    const data = JSON.parse(serialiseReport(balancedReport(2021))) as Record<string, unknown>;
    edit(data);
    return refusal(JSON.stringify(data));
  }

  it('a wrong field is named by its path', () => {
    const message = broken((d) => ((d.unit as Record<string, unknown>).kind = '单位'));
    expect(message).toMatch(/^数据文件内容不完整或有误：\n {2}· unit\.kind：/u);
    expect(broken((d) => (d.year = 2007))).toMatch(/ {2}· year：/u);
    expect(broken((d) => (d.format = '2020'))).toMatch(/ {2}· format：/u);
    expect(
      broken(
        (d) => ((d.sections as Record<string, unknown>)['七'] = { heading: '', paragraphs: [] }),
      ),
    ).toMatch(/ {2}· sections/u);
    expect(
      broken(
        (d) =>
          ((
            (d.sections as Record<string, { paragraphs: unknown[] }>)['一']!
              .paragraphs[0] as Record<string, unknown>
          ).level = 9),
      ),
    ).toMatch(/ {2}· sections\.一\.paragraphs\.0\.level：/u);
    expect(broken((d) => (d.decisions = [{ code: 'T4_TOTAL' }]))).toMatch(/ {2}· decisions\.0\./u);
  });

  it('at most five problems are listed, then a count of the rest', () => {
    const message = broken((d) => {
      for (const key of ['unit', 'year', 'format', 'title', 'opening', 'sections', 'signature'])
        delete d[key];
    });
    expect(message.split('\n').filter((l) => l.startsWith('  · '))).toHaveLength(5);
    expect(message).toMatch(/\n {2}……另有 2 处$/u);
  });

  it('parseReportData takes already-parsed data the same way', () => {
    const report = balancedReport(2021);
    expect(parseReportData(JSON.parse(serialiseReport(report)))).toStrictEqual(report);
    expect(() => parseReportData(undefined)).toThrow(ReportFileError);
    expect(() => parseReportData({ schema: 2, app: 'nianbao' })).toThrow('请升级软件');
  });
});
