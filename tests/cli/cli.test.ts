// The real `nianbao` command (dist/cli.cjs, built by the global setup) in temporary folders.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { parseReportFile, serialiseReport } from '../../core/file';
import { importReport } from '../../core/import';
import { blankReport, type Report } from '../../core/model';
import { CSV_HEADER } from '../../core/export';
import { ROOT, SAMPLE } from '../helpers/paths';

const CLI = path.join(ROOT, 'dist', 'cli.cjs');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'nianbao-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { cwd: tmp, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

/** A small report that passes every check: every cell 0, real text, a January date. */
function cleanReport(unit = '某县统计局', year = 2021): Report {
  const r = blankReport({ id: 'u-test', name: unit, kind: '部门' }, year);
  for (const id of ['二', '三', '四'] as const) {
    for (const block of Object.values(r.sections[id]!.table!.blocks)) {
      for (const row of Object.values(block.rows))
        for (const col of Object.keys(row.cells)) row.cells[col] = '0';
    }
  }
  r.opening = [
    {
      level: 0,
      text: `本报告依据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）编制。`,
    },
  ];
  r.sections['一']!.paragraphs = [
    {
      level: 0,
      text: `${year}年，${unit}认真贯彻落实《中华人民共和国政府信息公开条例》，主动公开各类政府信息。`,
    },
  ];
  r.sections['五']!.paragraphs = [
    { level: 0, text: '信息发布的及时性还有待提高。下一步将加强培训，完善制度。' },
  ];
  r.sections['六']!.paragraphs = [{ level: 0, text: '本年度未收取信息处理费。' }];
  r.signature = { unit, date: `${year + 1}年1月20日` };
  return r;
}

function write(name: string, data: string | Uint8Array): string {
  const file = path.join(tmp, name);
  writeFileSync(file, data);
  return file;
}

describe('nianbao CLI', () => {
  it('prints help in Chinese and English', async () => {
    const r = await run('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('用法');
    expect(r.stdout).toContain('Usage');
    expect(r.stdout).toContain('nianbao validate <文件夹>');
  });

  it('refuses unknown commands and options with exit code 2', async () => {
    expect((await run('frobnicate')).code).toBe(2);
    const bad = await run('validate', SAMPLE, '--colour');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--colour');
  });

  it('imports the sample into a .nianbao.json equal to the in-process import', async () => {
    const out = path.join(tmp, 'sample.nianbao.json');
    const r = await run('import', SAMPLE, '-o', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('沂源县行政审批服务局 2020年度');
    expect(r.stdout).toContain('17 个错误');
    const saved = parseReportFile(readFileSync(out, 'utf8'));
    const direct = importReport(new Uint8Array(readFileSync(SAMPLE)), {
      fileName: path.basename(SAMPLE),
    }).report;
    expect(saved).toEqual(direct);
  });

  it('import --unit and --year override what the document says', async () => {
    const out = path.join(tmp, 'override.nianbao.json');
    const r = await run(
      'import',
      SAMPLE,
      '-o',
      out,
      '--unit',
      '沂源县政务服务中心',
      '--year',
      '2021',
    );
    expect(r.code).toBe(0);
    const saved = parseReportFile(readFileSync(out, 'utf8'));
    expect(saved.unit.name).toBe('沂源县政务服务中心');
    expect(saved.year).toBe(2021);
    expect(saved.format).toBe('2019'); // the layout found: the checks then say FORMAT_MISMATCH
    const check = await run('validate', out, '--json');
    const codes = JSON.parse(check.stdout).findings.map((f: { code: string }) => f.code);
    expect(codes).toContain('FORMAT_MISMATCH');
    expect(codes).toContain('TITLE_MISMATCH');
    expect((await run('import', SAMPLE, '-o', out, '--year', '1900')).code).toBe(2);
  });

  it('writes nothing and exits 2 when the input cannot be read', async () => {
    const pdf = write('report.pdf', '%PDF-1.7\n1 0 obj\n');
    const out = path.join(tmp, 'pdf.nianbao.json');
    const r = await run('import', pdf, '-o', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('PDF');
    expect(r.stderr).toContain('.docx');
    expect(existsSync(out)).toBe(false);
    const missing = await run('validate', path.join(tmp, 'nope.docx'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('找不到文件');
  });

  it('refuses every bad input with a Chinese message, exit 2 and nothing written', async () => {
    const bad = path.join(ROOT, 'tests', 'fixtures', 'bad');
    const big = write('huge.txt', Buffer.alloc(50 * 1024 * 1024, 0x41));
    const inputs = [...readdirSync(bad).map((f) => path.join(bad, f)), big];
    expect(inputs.length).toBeGreaterThan(10);
    for (const input of inputs) {
      const out = path.join(tmp, `bad-${path.basename(input)}.nianbao.json`);
      const r = await run('import', input, '-o', out);
      expect(r.code, input).toBe(2);
      expect(r.stderr, input).toMatch(/\p{Script=Han}/u);
      expect(r.stderr, input).not.toMatch(/at .*\.(c?js|ts):\d+/u); // no stack trace
      expect(existsSync(out), input).toBe(false);
    }
    rmSync(big);
  });

  it('exits 2 without a trace when the output folder does not exist', async () => {
    const out = path.join(tmp, 'no-such-dir', 'x.nianbao.json');
    const r = await run('import', SAMPLE, '-o', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('文件夹不存在');
    expect(readdirSync(tmp).some((f) => f.endsWith('.tmp'))).toBe(false);
  });

  it('validates the sample: exit 1, findings grouped by section in reading order', async () => {
    const r = await run('validate', SAMPLE);
    expect(r.code).toBe(1);
    const three = r.stdout.indexOf('【三、收到和处理政府信息公开申请情况】');
    const four = r.stdout.indexOf('【四、政府信息公开行政复议、行政诉讼情况】');
    const sig = r.stdout.indexOf('【落款】');
    expect(three).toBeGreaterThan(0);
    expect(four).toBeGreaterThan(three);
    expect(sig).toBeGreaterThan(four);
    expect(r.stdout).toContain('状态：草稿');
    expect(r.stdout).toContain('根据名称推测为“部门”');
    expect(r.stdout).toContain(
      '单位类型未定，以下与类型有关的检查没有进行：未报告考核、评议、责任追究（GOV_ASSESSMENT_MISSING）、成文日期晚于期限（DATE_LATE）。',
    );
  });

  it('validate --json prints the findings with code, severity, message and location', async () => {
    const r = await run('validate', SAMPLE, '--json');
    expect(r.code).toBe(1);
    const data = JSON.parse(r.stdout) as {
      findings: { code: string; severity: string; message: string; location: object }[];
    };
    expect(data.findings).toHaveLength(18);
    expect(data.findings[0]).toEqual({
      code: 'SECTION_MISSING',
      severity: 'error',
      message: '报告缺少“四、政府信息公开行政复议、行政诉讼情况”部分。',
      location: { section: '四' },
    });
  });

  it('validate exits 0 on a clean report and honours --kind and --deadline', async () => {
    const file = write('clean.nianbao.json', serialiseReport(cleanReport()));
    const ok = await run('validate', file);
    expect(ok.stdout).toContain('没有发现问题');
    expect(ok.code).toBe(0);
    const late = cleanReport();
    late.signature.date = '2022年2月15日';
    const lateFile = write('late.nianbao.json', serialiseReport(late));
    const asDept = await run('validate', lateFile, '--json');
    expect(JSON.parse(asDept.stdout).findings.map((f: { code: string }) => f.code)).toEqual([
      'DATE_LATE',
    ]);
    expect(asDept.code).toBe(0); // a warning does not fail
    const asGov = await run('validate', lateFile, '--kind', '政府', '--json');
    expect(JSON.parse(asGov.stdout).findings.map((f: { code: string }) => f.code)).toEqual([
      'GOV_ASSESSMENT_MISSING',
    ]);
    const custom = await run(
      'validate',
      lateFile,
      '--kind',
      '政府',
      '--deadline',
      '02-10',
      '--json',
    );
    expect(JSON.parse(custom.stdout).findings.map((f: { code: string }) => f.code)).toEqual([
      'GOV_ASSESSMENT_MISSING',
      'DATE_LATE',
    ]);
    expect((await run('validate', file, '--kind', '县级')).code).toBe(2);
    expect((await run('validate', file, '--deadline', '13-40')).code).toBe(2);
  });

  it('validate --prior runs the cross-year checks', async () => {
    const prior = cleanReport('某县统计局', 2020);
    prior.sections['三']!.table!.blocks['t3']!.rows['carryNext']!.cells['natural'] = '2';
    prior.sections['三']!.table!.blocks['t3']!.rows['carryNext']!.cells['total'] = '2';
    prior.sections['三']!.table!.blocks['t3']!.rows['new']!.cells['natural'] = '2';
    prior.sections['三']!.table!.blocks['t3']!.rows['new']!.cells['total'] = '2';
    const priorFile = write('prior.nianbao.json', serialiseReport(prior));
    const file = write('current.nianbao.json', serialiseReport(cleanReport()));
    const r = await run('validate', file, '--prior', priorFile, '--json');
    const codes = JSON.parse(r.stdout).findings.map(
      (f: { code: string; location: { column?: string } }) => `${f.code} ${f.location.column}`,
    );
    expect(codes).toEqual(['CARRY_OVER_MISMATCH 自然人', 'CARRY_OVER_MISMATCH 总计']);
  });

  it('validates a folder of submissions into one summary table', async () => {
    const dir = path.join(tmp, 'submissions');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(path.join(dir, 'sub'), { recursive: true });
    writeFileSync(path.join(dir, 'a-clean.nianbao.json'), serialiseReport(cleanReport('甲局')));
    writeFileSync(path.join(dir, 'sub', 'b-sample.txt'), readFileSync(SAMPLE));
    writeFileSync(
      path.join(dir, 'c-old.doc'),
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]),
    );
    writeFileSync(path.join(dir, 'notes.jpg'), 'x');
    const r = await run('validate', dir);
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^文件\s+单位\s+年度\s+状态\s+错误\s+提醒$/u);
    expect(lines[2]).toMatch(/^a-clean\.nianbao\.json\s+甲局\s+2021\s+待定稿\s+0\s+0$/u);
    expect(lines[3]).toMatch(/^c-old\.doc\s+—\s+—\s+无法读取/u);
    expect(lines[4]).toMatch(/^sub\/b-sample\.txt\s+沂源县行政审批服务局\s+2020\s+草稿\s+17\s+1$/u);
    expect(r.stdout).toContain('共 3 份：1 份有未处理的错误，1 份无法读取。');
    const json = await run('validate', dir, '--json');
    const data = JSON.parse(json.stdout) as {
      file: string;
      unit: string | null;
      year: number | null;
      findings: unknown[];
      error?: string;
    }[];
    expect(data.map((d) => [d.file, d.unit, d.year, d.findings.length])).toEqual([
      ['a-clean.nianbao.json', '甲局', 2021, 0],
      ['c-old.doc', null, null, 0],
      ['sub/b-sample.txt', '沂源县行政审批服务局', 2020, 18],
    ]);
    expect(data[1]!.error).toContain('.docx');
  });

  it('exports the flat CSV sheet: BOM, header, every cell of the format, raw as written', async () => {
    const out = path.join(tmp, 'sample.csv');
    const r = await run('export', SAMPLE, '--to', 'csv', '-o', out);
    expect(r.code).toBe(0);
    const bytes = readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n').filter(Boolean);
    // the header row a clerk reads in Excel is Chinese; scripts ask for the field names
    expect(lines[0]).toBe('单位,年度,格式版本,表,栏目,行,列,数值,计量单位,原文');
    const english = await run('export', SAMPLE, '--to', 'csv', '--english-header');
    expect(english.code).toBe(0);
    expect(english.stdout.replace(/^\uFEFF/u, '').split('\r\n')[0]).toBe(CSV_HEADER.join(','));
    // format 2019: T2 22 cells, T3 23 rows × 7, T4 15
    expect(lines).toHaveLength(1 + 22 + 23 * 7 + 15);
    expect(lines).toContain(
      '沂源县行政审批服务局,2020,2019,二,第二十条第（五）项,行政许可,本年增/减,69,项,增 69',
    );
    expect(lines).toContain(
      '沂源县行政审批服务局,2020,2019,二,第二十条第（五）项,行政许可,处理决定数量,11983,件,11983',
    );
    expect(lines).toContain(
      '沂源县行政审批服务局,2020,2019,三,（三）不予公开,4.保护第三方合法权益,自然人,0,件,0',
    );
    // a row the document lost: empty value and raw
    expect(lines).toContain(
      '沂源县行政审批服务局,2020,2019,三,（三）不予公开,5.属于三类内部事务信息,自然人,,件,',
    );
    expect(lines).toContain('沂源县行政审批服务局,2020,2019,四,行政复议,,结果维持,,件,');
  });

  it('exports JSON identical to the data file', async () => {
    const r = await run('export', SAMPLE, '--to', 'json');
    expect(r.code).toBe(0);
    const direct = importReport(new Uint8Array(readFileSync(SAMPLE)), {
      fileName: path.basename(SAMPLE),
    }).report;
    expect(r.stdout).toBe(serialiseReport(direct));
    expect((await run('export', SAMPLE, '--to', 'xlsx')).code).toBe(2);
  });
});
