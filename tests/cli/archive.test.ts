// `nianbao archive …` end to end: the real command (dist/cli.cjs, built by the global setup) on
// real archive files. Every test works in a folder of its own and first makes the archive it
// starts from (through the archive's API in this process, or the command), so that any test runs
// alone or in any order. What a command stored is read back with Archive.open (after the command
// has closed the file) or through the CLI itself.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { UnitInfo } from '../../core/api';
import { parseReportFile, serialiseReport } from '../../core/file';
import { T3_BLOCK_ID } from '../../core/formats/common';
import { importReport } from '../../core/import';
import type { Report } from '../../core/model';
import { Archive } from '../../db/archive';
import { openArchiveInProcess } from '../../electron/services/archive/in-process';
import type { ArchiveApi } from '../../electron/services/archive/methods';
import { inArchive } from '../helpers/archive';
import { expectRefused, runCli, type CliRun } from '../helpers/cli';
import { FIXTURES, SAMPLE } from '../helpers/paths';
import { DEPARTMENT, GOVERNMENT, balancedReport, priorOf, rawAt } from '../helpers/reports';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-cli-archive-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** The default data folder of every run: a command that forgot --db would create files here. */
const DEFAULT_DATA = path.join(root, 'default-data');
const AUTHOR = '测试员';
const SAMPLE_UNIT = '沂源县行政审批服务局';
const LEGACY = path.join(FIXTURES, 'legacy');

/** The test's own folder: the commands run in it, its files and archives are made in it. */
let tmp = '';
let IMPORT_DB = '';
let YEARS_DB = '';
let UNITS_DB = '';
beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(root, 'test-'));
  IMPORT_DB = path.join(tmp, 'import.sqlite');
  YEARS_DB = path.join(tmp, 'years.sqlite');
  UNITS_DB = path.join(tmp, 'units.sqlite');
});

async function runWith(env: NodeJS.ProcessEnv, ...args: string[]): Promise<CliRun> {
  const r = await runCli(
    tmp,
    { NIANBAO_DATA_DIR: DEFAULT_DATA, NIANBAO_AUTHOR: AUTHOR, ...env },
    args,
  );
  // every command that names its archive (or its own data folder) leaves the default one alone
  if (!env.NIANBAO_DATA_DIR) expect(fs.existsSync(DEFAULT_DATA), args.join(' ')).toBe(false);
  return r;
}

const run = (...args: string[]) => runWith({}, ...args);

/** A usage or input error: exit code 2, a Chinese message, no stack trace. */
async function refused(args: string[], message: string | RegExp, env: NodeJS.ProcessEnv = {}) {
  const r = await runWith(env, ...args);
  expectRefused(r, args, message);
  return r;
}

function write(name: string, data: string | Uint8Array): string {
  const file = path.join(tmp, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, data);
  return file;
}

function unitNamed(archive: Archive, name: string): UnitInfo {
  const unit = archive.listUnits().find((u) => u.name === name);
  if (!unit) throw new Error(`no unit ${name}: ${archive.listUnits().map((u) => u.name)}`);
  return unit;
}

function structured(archive: Archive, unitId: string, year: number): Report {
  const opened = archive.openReport({ unitId, year });
  if (opened.legacy) throw new Error(`${year} is a legacy document`);
  return opened.report;
}

/** T3 row (上年结转 = carried, 结转下年度 = carryNext) as written, by column. */
const t3Row = (report: Report, row: string) => ({
  ...report.sections['三']!.table!.blocks[T3_BLOCK_ID]!.rows[row]!.cells,
});

/** GBK bytes, as Excel on a Chinese Windows saves a CSV (the Encoding API cannot encode GBK). */
function gbk(text: string): Buffer {
  return execFileSync(
    'python3',
    [
      '-c',
      'import sys; sys.stdout.buffer.write(sys.stdin.buffer.read().decode("utf-8").encode("gbk"))',
    ],
    { input: text },
  );
}

/** Text for a RegExp, matched literally. */
const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');

const codes = (stdout: string) =>
  (JSON.parse(stdout) as { findings: { code: string }[] }).findings.map((f) => f.code);

/** Makes an archive through the API in this process (what a test starts from), then closes it. */
async function prepare(db: string, steps: (api: ArchiveApi) => Promise<unknown>): Promise<void> {
  // as the CLI opens it: today's automatic backup once there are reports
  const connection = await openArchiveInProcess(db, { dailyBackup: true });
  try {
    await steps(connection.api);
  } finally {
    await connection.close();
  }
}

/** The real sample imported (沂源县行政审批服务局, 2020). */
const importSample = (db: string) =>
  prepare(db, (api) => api.importFiles({ paths: [SAMPLE], author: AUTHOR }));

/** The folder of the import test: a department's 2021 and 2022, a government, two legacy texts. */
function writeBatch(): string {
  write('batch/dept-2021.nianbao.json', serialiseReport(balancedReport(2021)));
  write('batch/dept-2022.nianbao.json', serialiseReport(balancedReport(2022)));
  write(
    'batch/gov/gov-2021.nianbao.json',
    serialiseReport(balancedReport(2021, { unitName: GOVERNMENT, kind: '政府' })),
  );
  write('batch/old/county-2013.txt', fs.readFileSync(path.join(LEGACY, 'county-2013.txt')));
  write(
    'batch/old/education-2010.gbk.txt',
    fs.readFileSync(path.join(LEGACY, 'education-2010.gbk.txt')),
  );
  write('batch/notes.jpg', 'not a report');
  return path.join(tmp, 'batch');
}

/** The archive the import tests leave: the sample and the batch folder. */
const importedArchive = (db: string) =>
  prepare(db, async (api) => {
    await api.importFiles({ paths: [SAMPLE], author: AUTHOR });
    await api.importFiles({ paths: [writeBatch()], author: AUTHOR });
  });

// ---------------------------------------------------------------------------------------------

describe('nianbao archive import', () => {
  it('imports the real sample; a second import of the same file adds no revision', async () => {
    const r = await run('archive', 'import', SAMPLE, '--db', IMPORT_DB);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`✓ ${SAMPLE} → ${SAMPLE_UNIT} 2020年度，第 1 版（新建单位）`);
    expect(r.stdout).toContain('共 1 个文件：导入 1，未变化 0，单位待确认 0，失败 0。');
    const direct = importReport(new Uint8Array(fs.readFileSync(SAMPLE)), {
      fileName: path.basename(SAMPLE),
    }).report;
    await inArchive(IMPORT_DB, (a) => {
      expect(a.listUnits().map((u) => [u.name, u.years])).toEqual([[SAMPLE_UNIT, [2020]]]);
      const unit = unitNamed(a, SAMPLE_UNIT);
      const stored = structured(a, unit.id, 2020);
      expect(stored).toEqual({ ...direct, unit: { ...direct.unit, id: unit.id } });
      expect(a.history({ unitId: unit.id, year: 2020 })).toMatchObject([
        { revision: 1, reason: 'import', author: AUTHOR, note: SAMPLE },
      ]);
    });

    const again = await run('archive', 'import', SAMPLE, '--db', IMPORT_DB);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(
      `= ${SAMPLE} → ${SAMPLE_UNIT} 2020年度：与档案库中的内容相同，未新增版本`,
    );
    expect(again.stdout).toContain('导入 0，未变化 1，单位待确认 0，失败 0。');
    await inArchive(IMPORT_DB, (a) => {
      expect(a.history({ unitId: unitNamed(a, SAMPLE_UNIT).id, year: 2020 })).toHaveLength(1);
    });
  });

  it('imports a folder (recursively): reports of several units and years, pre-2019 text as legacy', async () => {
    await importSample(IMPORT_DB);
    writeBatch();
    const r = await run('archive', 'import', 'batch', '--db', IMPORT_DB);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('共 5 个文件：导入 5，未变化 0，单位待确认 0，失败 0。');
    expect(r.stdout).toContain(
      `✓ ${path.join('batch', 'dept-2021.nianbao.json')} → ${DEPARTMENT} 2021年度，第 1 版（新建单位）`,
    );
    expect(r.stdout).toContain(`→ ${DEPARTMENT} 2022年度，第 1 版\n`);
    expect(r.stdout).toContain('→ 青石县人民政府 2013年度（旧格式文本），第 1 版（新建单位）');
    expect(r.stdout).toContain('→ 青石县教育局 2010年度（旧格式文本），第 1 版（新建单位）');
    expect(r.stdout).not.toContain('notes.jpg');
    await inArchive(IMPORT_DB, (a) => {
      expect(Object.fromEntries(a.listUnits().map((u) => [u.name, u.years]))).toEqual({
        [SAMPLE_UNIT]: [2020],
        [DEPARTMENT]: [2021, 2022],
        [GOVERNMENT]: [2021],
        青石县人民政府: [2013],
        青石县教育局: [2010],
      });
      const legacy = a.openReport({ unitId: unitNamed(a, '青石县教育局').id, year: 2010 });
      expect(legacy.legacy).toBe(true);
      if (legacy.legacy) {
        expect(legacy.title).toContain('青石县教育局');
        expect(legacy.text).toContain('依申请公开'); // decoded from GBK
      }
      const years = a.listYears({ unitId: unitNamed(a, '青石县人民政府').id });
      expect(years).toMatchObject([{ year: 2013, format: null, status: '旧格式' }]);
      const gov = structured(a, unitNamed(a, GOVERNMENT).id, 2021);
      expect(gov.unit.name).toBe(GOVERNMENT);
      expect(rawAt(gov, '三', T3_BLOCK_ID, 'carried', 'total')).toBe(
        rawAt(balancedReport(2021), '三', T3_BLOCK_ID, 'carried', 'total'),
      );
    });
  });

  it('--unit and --year say which unit and year the file is', async () => {
    await importSample(IMPORT_DB);
    const r = await run(
      'archive',
      'import',
      SAMPLE,
      '--unit',
      '沂源县政务服务中心',
      '--year',
      '2021',
      '--db',
      IMPORT_DB,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('→ 沂源县政务服务中心 2021年度，第 1 版（新建单位）');
    await inArchive(IMPORT_DB, (a) => {
      const unit = unitNamed(a, '沂源县政务服务中心');
      expect(unit.years).toEqual([2021]);
      expect(structured(a, unit.id, 2021).year).toBe(2021);
      expect(unitNamed(a, SAMPLE_UNIT).years).toEqual([2020]);
    });
  });

  it('lists an unreadable file and a missing path as failed (exit 1), importing the rest', async () => {
    await importedArchive(IMPORT_DB);
    const pdf = write('scan.pdf', '%PDF-1.7\n1 0 obj\n');
    const good = write('good-2023.nianbao.json', serialiseReport(balancedReport(2023)));
    const r = await run(
      'archive',
      'import',
      'scan.pdf',
      'nothing-here.docx',
      good,
      '--db',
      IMPORT_DB,
    );
    expect(r.code).toBe(1);
    const failed = r.stdout.split('\n').find((l) => l.includes('scan.pdf'))!;
    expect(failed).toMatch(/^ {2}✗ scan\.pdf：这个文件不是有效的 PDF 文件/u);
    expect(failed).toContain('.docx');
    expect(r.stdout).toContain('✗ nothing-here.docx：文件或文件夹不存在');
    expect(r.stdout).toContain(`→ ${DEPARTMENT} 2023年度，第 1 版`);
    expect(r.stdout).toContain('共 3 个文件：导入 1，未变化 0，单位待确认 0，失败 2。');
    expect(fs.existsSync(pdf)).toBe(true);
    await inArchive(IMPORT_DB, (a) => {
      expect(unitNamed(a, DEPARTMENT).years).toEqual([2021, 2022, 2023]);
    });
  });

  it('never makes a new unit of a name that resembles one: candidates, CSV template, exit 1; --units imports', async () => {
    await importedArchive(IMPORT_DB);
    const CENTER = '沂源县行政审批服务中心';
    write('center-2021.nianbao.json', serialiseReport(balancedReport(2021, { unitName: CENTER })));
    write('中心2022.nianbao.json', serialiseReport(balancedReport(2022, { unitName: CENTER })));
    const r = await run(
      'archive',
      'import',
      'center-2021.nianbao.json',
      '中心2022.nianbao.json',
      '--db',
      IMPORT_DB,
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `  ? center-2021.nianbao.json：文件中的单位“${CENTER}”与已有单位名称相近但不相同，请确认是哪个单位。相近的单位：${SAMPLE_UNIT}`,
    );
    expect(r.stdout).toContain('共 2 个文件：导入 0，未变化 0，单位待确认 2，失败 0。');
    const lines = r.stdout.trimEnd().split('\n');
    const header = lines.indexOf('文件,单位');
    expect(header).toBeGreaterThan(0);
    expect(lines[header - 1]).toContain('--units');
    // the unit column is left empty: saving the template unchanged must not pick a unit
    expect(lines.slice(header)).toEqual([
      '文件,单位',
      `# 候选：${SAMPLE_UNIT}`,
      'center-2021.nianbao.json,',
      `# 候选：${SAMPLE_UNIT}`,
      '中心2022.nianbao.json,',
    ]);
    const unchanged = write('units-template.csv', lines.slice(header).join('\n'));
    const asPrinted = await run(
      'archive',
      'import',
      'center-2021.nianbao.json',
      '--db',
      IMPORT_DB,
      '--units',
      unchanged,
    );
    expect(asPrinted.code).toBe(2);
    expect(asPrinted.stderr).toContain('第 3 行');
    await inArchive(IMPORT_DB, (a) => {
      expect(a.listUnits().map((u) => u.name)).not.toContain(CENTER);
      expect(unitNamed(a, SAMPLE_UNIT).years).toEqual([2020]);
    });

    // the template as Excel saves it: UTF-8 with BOM and CRLF …
    const utf8 = write(
      'units-utf8.csv',
      `\uFEFF文件,单位\r\ncenter-2021.nianbao.json,${SAMPLE_UNIT}\r\n`,
    );
    const one = await run(
      'archive',
      'import',
      'center-2021.nianbao.json',
      '--units',
      utf8,
      '--db',
      IMPORT_DB,
    );
    expect(one.code).toBe(0);
    expect(one.stdout).toContain(`✓ center-2021.nianbao.json → ${SAMPLE_UNIT} 2021年度，第 1 版`);
    expect(one.stdout).not.toContain('新建单位');
    // … or GBK (a Chinese file name and unit name)
    const gbkCsv = write(
      'units-gbk.csv',
      gbk(`文件,单位\r\n中心2022.nianbao.json,${SAMPLE_UNIT}\r\n`),
    );
    expect(fs.readFileSync(gbkCsv).includes(Buffer.from(SAMPLE_UNIT))).toBe(false);
    const two = await run(
      'archive',
      'import',
      '中心2022.nianbao.json',
      '--units',
      'units-gbk.csv',
      '--db',
      IMPORT_DB,
    );
    expect(two.code).toBe(0);
    expect(two.stdout).toContain(`✓ 中心2022.nianbao.json → ${SAMPLE_UNIT} 2022年度，第 1 版`);
    await inArchive(IMPORT_DB, (a) => {
      expect(a.listUnits().map((u) => u.name)).not.toContain(CENTER);
      const unit = unitNamed(a, SAMPLE_UNIT);
      expect(unit.years).toEqual([2020, 2021, 2022]);
      // the report keeps the name its document gives
      expect(structured(a, unit.id, 2022).unit.name).toBe(CENTER);
    });

    const bad = write('units-bad.csv', '文件,单位\r\ncenter-2021.nianbao.json\r\n');
    await refused(
      ['archive', 'import', 'center-2021.nianbao.json', '--units', bad, '--db', IMPORT_DB],
      /单位对应表第 2 行/u,
    );
  });
});

describe('nianbao archive search', () => {
  it('finds a phrase of 3+ characters and a 2-character word, hits marked 【】', async () => {
    await importedArchive(IMPORT_DB);
    const long = await run('archive', 'search', '依申请公开', '--db', IMPORT_DB);
    expect(long.code).toBe(0);
    expect(long.stdout).toContain('【依申请公开】');
    expect(long.stdout).toMatch(/^青石县人民政府 2013年度$/mu); // legacy text is searched too
    expect(long.stdout).toMatch(/^沂源县行政审批服务局 2020年度$/mu);
    expect(long.stdout).toMatch(/找到 \d+ 份。/u);

    const short = await run('archive', 'search', '复议', '--db', IMPORT_DB);
    expect(short.code).toBe(0);
    expect(short.stdout).toContain('【复议】');
    const snippets = short.stdout.split('\n').filter((l) => l.startsWith('  '));
    expect(snippets.length).toBeGreaterThan(3);
    for (const s of snippets) expect(s).toContain('【复议】');

    const limited = await run('archive', 'search', '复议', '--limit', '1', '--db', IMPORT_DB);
    expect(limited.stdout).toContain('找到 1 份（只显示前 1 份，可用 --limit 增加）。');
  });

  it('says when nothing is found, and --json gives the hits with marked snippets', async () => {
    await importedArchive(IMPORT_DB);
    const none = await run('archive', 'search', '火星探测器', '--db', IMPORT_DB);
    expect(none.code).toBe(0);
    expect(none.stdout.trim()).toBe('没有找到“火星探测器”。');

    const json = await run('archive', 'search', '青石县教育局', '--json', '--db', IMPORT_DB);
    expect(json.code).toBe(0);
    const result = JSON.parse(json.stdout) as {
      hits: { unitName: string; year: number; snippet: { text: string; hit: boolean }[] }[];
      more: boolean;
    };
    expect(result.more).toBe(false);
    expect(result.hits.map((h) => [h.unitName, h.year])).toEqual([['青石县教育局', 2010]]);
    expect(result.hits[0]!.snippet.filter((s) => s.hit).map((s) => s.text)).toContain(
      '青石县教育局',
    );
    const empty = await run('archive', 'search', '火星探测器', '--json', '--db', IMPORT_DB);
    expect(JSON.parse(empty.stdout)).toEqual({ hits: [], more: false });
  });
});

// ---------------------------------------------------------------------------------------------

describe('nianbao archive list, copy-year, export, history, revert, reopen', () => {
  const r2022 = balancedReport(2022);
  const r2021 = priorOf(r2022);

  /** The folder `years`: the department's 2021 and 2022, the government's 2013 text. */
  function writeYears(): void {
    write('years/2021.nianbao.json', serialiseReport(r2021));
    write('years/2022.nianbao.json', serialiseReport(r2022));
    write('years/2013.txt', fs.readFileSync(path.join(LEGACY, 'county-2013.txt')));
  }

  /** The `years` folder imported with the command (the revisions name its files). */
  async function yearsArchive(): Promise<void> {
    writeYears();
    const imported = await run('archive', 'import', 'years', '--db', YEARS_DB);
    expect(imported.code).toBe(0);
  }

  /** 2021 edited in years-edit/ (revision 2), then reverted to revision 1 (revision 3). */
  async function revisedArchive(): Promise<void> {
    await yearsArchive();
    const edited = structuredClone(r2021);
    edited.sections['六']!.paragraphs = [
      { level: 0, text: '本年度未收取信息处理费。无其他事项。' },
    ];
    write('years-edit/2021.nianbao.json', serialiseReport(edited));
    await prepare(YEARS_DB, async (api) => {
      await api.importFiles({
        paths: [path.join(tmp, 'years-edit')],
        author: AUTHOR,
        replace: true,
      });
      const unit = (await api.listUnits()).find((u) => u.name === DEPARTMENT)!;
      await api.restoreRevision({ unitId: unit.id, year: 2021, revision: 1, author: '张三' });
    });
  }

  it('lists units, years and states as a table and as JSON', async () => {
    await yearsArchive();
    const r = await run('archive', 'list', '--db', YEARS_DB);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^单位\s+类型\s+年度\s+状态\s+错误\s+提醒\s+版本$/u);
    expect(lines[1]).toMatch(/^[- ]+$/u);
    expect(lines.slice(2)).toEqual([
      expect.stringMatching(
        new RegExp(`^${DEPARTMENT}\\s+未定\\s+2022\\s+待定稿\\s+0\\s+0\\s+第1版$`, 'u'),
      ),
      expect.stringMatching(
        new RegExp(`^${DEPARTMENT}\\s+未定\\s+2021\\s+待定稿\\s+0\\s+0\\s+第1版$`, 'u'),
      ),
      expect.stringMatching(/^青石县人民政府\s+未定\s+2013\s+旧格式\s+—\s+—\s+第1版$/u),
    ]);

    const json = await run('archive', 'list', '--json', '--db', YEARS_DB);
    expect(json.code).toBe(0);
    const data = JSON.parse(json.stdout) as (UnitInfo & {
      reports: { year: number; format: string | null; status: string; revision: number }[];
    })[];
    expect(
      data.map((u) => [u.name, u.reports.map((y) => [y.year, y.format, y.status, y.revision])]),
    ).toEqual([
      [
        DEPARTMENT,
        [
          [2022, '2021', '待定稿', 1],
          [2021, '2021', '待定稿', 1],
        ],
      ],
      ['青石县人民政府', [[2013, null, '旧格式', 1]]],
    ]);
  });

  it('copy-year: the narrative copied, tables empty, T3 row 二 = last year’s row 四, YEAR_REVIEW', async () => {
    await yearsArchive();
    const r = await run(
      'archive',
      'copy-year',
      '--unit',
      DEPARTMENT,
      '--from',
      '2022',
      '--to',
      '2023',
      '--db',
      YEARS_DB,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`已把“${DEPARTMENT}”2022年度报告复制为2023年度报告（第 1 版）。`);
    const review = Number(/其中 (\d+) 处年份需要逐一确认/u.exec(r.stdout)?.[1]);
    expect(review).toBeGreaterThan(0);

    const exported = await run(
      'archive',
      'export',
      '--unit',
      DEPARTMENT,
      '--year',
      '2023',
      '--db',
      YEARS_DB,
    );
    expect(exported.code).toBe(0);
    const copy = parseReportFile(exported.stdout);
    expect(copy.year).toBe(2023);
    expect(copy.format).toBe('2021');
    expect(t3Row(copy, 'carried')).toEqual(t3Row(r2022, 'carryNext'));
    expect(Object.values(t3Row(copy, 'carried')).every((v) => /^\d+$/u.test(v))).toBe(true);
    expect(Object.values(t3Row(copy, 'new')).every((v) => v === '')).toBe(true);
    expect(copy.opening).toEqual(r2022.opening);
    for (const id of ['一', '五', '六'] as const) {
      expect(copy.sections[id]!.paragraphs).toEqual(r2022.sections[id]!.paragraphs);
    }

    const check = await run(
      'validate',
      '--db',
      YEARS_DB,
      '--unit',
      DEPARTMENT,
      '--year',
      '2023',
      '--json',
    );
    expect(check.code).toBe(1); // the empty cells are errors
    const found = codes(check.stdout);
    expect(found.filter((c) => c === 'YEAR_REVIEW')).toHaveLength(review);
    expect(found).toContain('CELL_BLANK');
    expect(found).not.toContain('CARRY_OVER_MISMATCH');

    await refused(
      [
        'archive',
        'copy-year',
        '--unit',
        DEPARTMENT,
        '--from',
        '2022',
        '--to',
        '2023',
        '--db',
        YEARS_DB,
      ],
      /2023年度已有报告/u,
    );
    await refused(
      [
        'archive',
        'copy-year',
        '--unit',
        '青石县人民政府',
        '--from',
        '2013',
        '--to',
        '2014',
        '--db',
        YEARS_DB,
      ],
      /旧格式/u,
    );
    await inArchive(YEARS_DB, (a) => {
      expect(unitNamed(a, DEPARTMENT).years).toEqual([2021, 2022, 2023]);
      expect(unitNamed(a, '青石县人民政府').years).toEqual([2013]);
    });
  });

  it('export -o writes a .nianbao.json that validate accepts; a legacy year exports its text', async () => {
    await yearsArchive();
    const out = path.join(tmp, 'exported-2022.nianbao.json');
    const r = await run(
      'archive',
      'export',
      '--unit',
      DEPARTMENT,
      '--year',
      '2022',
      '-o',
      out,
      '--db',
      YEARS_DB,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`已导出：${out}（${DEPARTMENT} 2022年度，第 1 版）`);
    const saved = parseReportFile(fs.readFileSync(out, 'utf8'));
    await inArchive(YEARS_DB, (a) => {
      expect(saved).toEqual(structured(a, unitNamed(a, DEPARTMENT).id, 2022));
    });
    const check = await run('validate', out);
    expect(check.code).toBe(0);
    expect(check.stdout).toContain(
      `${DEPARTMENT} 2022年度政府信息公开工作年度报告（2021年版格式）`,
    );
    expect(check.stdout).toContain('没有发现问题');
    const withPrior = await run(
      'validate',
      out,
      '--prior',
      path.join(tmp, 'years/2021.nianbao.json'),
      '--json',
    );
    expect(withPrior.code).toBe(0);
    expect(codes(withPrior.stdout)).toEqual([]);

    const legacy = await run(
      'archive',
      'export',
      '--unit',
      '青石县人民政府',
      '--year',
      '2013',
      '--db',
      YEARS_DB,
    );
    expect(legacy.code).toBe(0);
    expect(legacy.stdout).toMatch(/^青石县人民政府2013年政府信息公开工作年度报告\n\n/u);
    // text is not written under a data file's name
    await refused(
      [
        'archive',
        'export',
        '--unit',
        '青石县人民政府',
        '--year',
        '2013',
        '--db',
        YEARS_DB,
        '-o',
        path.join(tmp, '2013.nianbao.json'),
      ],
      /旧格式文本.*\.txt/u,
    );
    expect(fs.existsSync(path.join(tmp, '2013.nianbao.json'))).toBe(false);

    await refused(
      ['archive', 'export', '--unit', DEPARTMENT, '--year', '2020', '--db', YEARS_DB],
      new RegExp(`“${DEPARTMENT}”没有2020年度的报告`, 'u'),
    );
    const noDir = path.join(tmp, 'no-such-dir', 'x.nianbao.json');
    await refused(
      ['archive', 'export', '--unit', DEPARTMENT, '--year', '2022', '-o', noDir, '--db', YEARS_DB],
      /文件夹不存在/u,
    );
    expect(fs.existsSync(path.dirname(noDir))).toBe(false);
  });

  it('history lists the revisions (local time, author); revert makes a new revision with the old content', async () => {
    await yearsArchive();
    const edited = structuredClone(r2021);
    edited.sections['六']!.paragraphs = [
      { level: 0, text: '本年度未收取信息处理费。无其他事项。' },
    ];
    write('years-edit/2021.nianbao.json', serialiseReport(edited));
    // the year has a report: not replaced without --replace (exit 1, the file listed)
    const kept = await run('archive', 'import', 'years-edit/2021.nianbao.json', '--db', YEARS_DB);
    expect(kept.code).toBe(1);
    expect(kept.stdout).toMatch(
      /! years-edit\/2021\.nianbao\.json → .* 2021年度：2021年度报告已存在（(草稿|待定稿)，\d+ 个错误，第 1 版）。替换为导入的文件？原内容保留在历史中。/u,
    );
    expect(kept.stdout).toContain('已有报告未替换 1');
    expect(kept.stdout).toMatch(
      /加 --replace 重新导入[^\n]*\n {2}years-edit\/2021\.nianbao\.json/u,
    );
    const imported = await run(
      'archive',
      'import',
      'years-edit/2021.nianbao.json',
      '--replace',
      '--db',
      YEARS_DB,
    );
    expect(imported.stdout).toContain(`→ ${DEPARTMENT} 2021年度，第 2 版`);

    const json = await run(
      'archive',
      'history',
      '--unit',
      DEPARTMENT,
      '--year',
      '2021',
      '--json',
      '--db',
      YEARS_DB,
    );
    expect(json.code).toBe(0);
    const revisions = JSON.parse(json.stdout) as {
      revision: number;
      at: string;
      author: string;
      reason: string;
      note: string;
    }[];
    expect(revisions.map((v) => [v.revision, v.reason, v.author, v.note])).toEqual([
      [2, 'import', AUTHOR, path.join('years-edit', '2021.nianbao.json')],
      [1, 'import', AUTHOR, path.join('years', '2021.nianbao.json')],
    ]);

    // times in the people's time zone (stored in UTC)
    const table = await runWith(
      { TZ: 'Asia/Shanghai' },
      'archive',
      'history',
      '--unit',
      DEPARTMENT,
      '--year',
      '2021',
      '--db',
      YEARS_DB,
    );
    expect(table.code).toBe(0);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe(`${DEPARTMENT} 2021年度报告的版本：`);
    expect(lines[1]).toMatch(/^版本\s+时间\s+作者\s+操作\s+说明$/u);
    const beijing = (at: string) =>
      new Date(Date.parse(at) + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
    expect(lines[3]).toBe(
      `第2版  ${beijing(revisions[0]!.at)}  ${AUTHOR}  导入  ${path.join('years-edit', '2021.nianbao.json')}`,
    );
    expect(lines[4]).toMatch(
      new RegExp(`^第1版  ${beijing(revisions[1]!.at)}  ${AUTHOR}  导入  `, 'u'),
    );

    const revert = await run(
      'archive',
      'revert',
      '--unit',
      DEPARTMENT,
      '--year',
      '2021',
      '--revision',
      '1',
      '--author',
      '张三',
      '--db',
      YEARS_DB,
    );
    expect(revert.code).toBe(0);
    expect(revert.stdout).toContain(
      '已把2021年度报告恢复为第 1 版的内容，保存为第 3 版（原有版本都保留）。',
    );
    await inArchive(YEARS_DB, (a) => {
      const unit = unitNamed(a, DEPARTMENT);
      const first = a.openRevision({ unitId: unit.id, year: 2021, revision: 1 });
      const now = a.openReport({ unitId: unit.id, year: 2021 });
      expect(now.revision).toBe(3);
      expect(now.legacy).toBe(false);
      if (!now.legacy && !first.legacy) expect(now.report).toEqual(first.report);
      expect(
        a
          .history({ unitId: unit.id, year: 2021 })
          .map((v) => [v.revision, v.reason, v.author, v.note]),
      ).toEqual([
        [3, 'restore', '张三', '恢复为第 1 版'],
        [2, 'import', AUTHOR, path.join('years-edit', '2021.nianbao.json')],
        [1, 'import', AUTHOR, path.join('years', '2021.nianbao.json')],
      ]);
    });

    const same = await run(
      'archive',
      'revert',
      '--unit',
      DEPARTMENT,
      '--year',
      '2021',
      '--revision',
      '1',
      '--db',
      YEARS_DB,
    );
    expect(same.code).toBe(0);
    expect(same.stdout).toContain('第 1 版与当前内容相同，没有变化。');
    await refused(
      [
        'archive',
        'revert',
        '--unit',
        DEPARTMENT,
        '--year',
        '2021',
        '--revision',
        '9',
        '--db',
        YEARS_DB,
      ],
      /没有第 9 版/u,
    );
  });

  it('reopen: refused for a report that is not finalised; a finalised one is reopened with a reason', async () => {
    await revisedArchive();
    await refused(
      [
        'archive',
        'reopen',
        '--unit',
        DEPARTMENT,
        '--year',
        '2021',
        '--reason',
        '数据有误',
        '--db',
        YEARS_DB,
      ],
      /2021年度报告没有定稿，不需要重新打开/u,
    );
    await refused(
      ['archive', 'reopen', '--unit', DEPARTMENT, '--year', '2021', '--db', YEARS_DB],
      /--reason/u,
    );

    // finalised (the PDF issue's work: here directly in the archive)
    await inArchive(YEARS_DB, (a) => {
      a.storeFinalisation({ unitId: unitNamed(a, DEPARTMENT).id, year: 2021, by: '审核人' });
    });
    const list = await run('archive', 'list', '--db', YEARS_DB);
    expect(list.stdout).toMatch(new RegExp(`^${DEPARTMENT}\\s+未定\\s+2021\\s+已定稿\\s`, 'mu'));
    const locked = await run(
      'archive',
      'import',
      'years-edit/2021.nianbao.json',
      '--replace',
      '--db',
      YEARS_DB,
    );
    expect(locked.code).toBe(1);
    expect(locked.stdout).toMatch(
      /✗ years-edit\/2021\.nianbao\.json：2021年度报告已于 .* 定稿（第 3 版），不能修改/u,
    );
    await refused(
      [
        'archive',
        'revert',
        '--unit',
        DEPARTMENT,
        '--year',
        '2021',
        '--revision',
        '2',
        '--db',
        YEARS_DB,
      ],
      /已于 .* 定稿.*重新打开/u,
    );

    const reopened = await run(
      'archive',
      'reopen',
      '--unit',
      DEPARTMENT,
      '--year',
      '2021',
      '--reason',
      '数据有误',
      '--db',
      YEARS_DB,
    );
    expect(reopened.code).toBe(0);
    expect(reopened.stdout).toContain(
      `已重新打开${DEPARTMENT} 2021年度报告（第 4 版），可以修改；原定稿记录保留。`,
    );
    const history = await run(
      'archive',
      'history',
      '--unit',
      DEPARTMENT,
      '--year',
      '2021',
      '--db',
      YEARS_DB,
    );
    expect(history.stdout).toMatch(/^第4版\s.*重新打开\s+数据有误$/mu);
    expect(history.stdout).toMatch(/^第3版（定稿）\s/mu);
    const revert = await run(
      'archive',
      'revert',
      '--unit',
      DEPARTMENT,
      '--year',
      '2021',
      '--revision',
      '2',
      '--db',
      YEARS_DB,
    );
    expect(revert.code).toBe(0);
    expect(revert.stdout).toContain('保存为第 5 版');
  });
});

// ---------------------------------------------------------------------------------------------

describe('nianbao archive unit', () => {
  const QUOTES = '某县"引号"与‘单引号’局😀';
  const SQL = "'); DROP TABLE units;--";
  const LONG = '某'.repeat(499) + '局';

  /** The units the first test makes: QUOTES (部门), SQL (其他, under QUOTES), LONG. */
  const unitsArchive = () =>
    prepare(UNITS_DB, async (api) => {
      const quotes = await api.createUnit({ name: QUOTES, kind: '部门' });
      await api.createUnit({ name: SQL, kind: '其他', parentId: quotes.id });
      await api.createUnit({ name: LONG });
    });

  it('stores names with quotes, emoji and SQL exactly; refuses duplicates, bad kinds, too long names', async () => {
    const a = await run('archive', 'unit', 'add', QUOTES, '--kind', '部门', '--db', UNITS_DB);
    expect(a.code).toBe(0);
    expect(a.stdout.trim()).toBe(`已新建单位“${QUOTES}”（部门）。`);
    const b = await run('archive', 'unit', 'add', SQL, '--db', UNITS_DB);
    expect(b.code).toBe(0);
    expect(b.stdout.trim()).toBe(`已新建单位“${SQL}”。`);
    expect((await run('archive', 'unit', 'add', LONG, '--db', UNITS_DB)).code).toBe(0);
    await refused(['archive', 'unit', 'add', LONG + '局', '--db', UNITS_DB], /单位名称太长/u);
    await refused(['archive', 'unit', 'add', QUOTES, '--db', UNITS_DB], /已有名为/u);
    await refused(
      ['archive', 'unit', 'add', '某县统计局', '--kind', '县级', '--db', UNITS_DB],
      /--kind 的值“县级”无效/u,
    );

    const set = await run(
      'archive',
      'unit',
      'set',
      SQL,
      '--kind',
      '其他',
      '--parent',
      QUOTES,
      '--db',
      UNITS_DB,
    );
    expect(set.code).toBe(0);
    expect(set.stdout).toContain(`已更新“${SQL}”：类型 其他`);
    await refused(
      ['archive', 'unit', 'set', QUOTES, '--parent', SQL, '--db', UNITS_DB],
      /上级单位不能是本单位或其下属单位/u,
    );

    const list = await run('archive', 'list', '--json', '--db', UNITS_DB);
    const units = JSON.parse(list.stdout) as UnitInfo[];
    expect(units.map((u) => u.name).sort()).toEqual([QUOTES, SQL, LONG].sort());
    const quotes = units.find((u) => u.name === QUOTES)!;
    expect(units.find((u) => u.name === SQL)).toMatchObject({ kind: '其他', parentId: quotes.id });
    const table = await run('archive', 'list', '--db', UNITS_DB);
    expect(table.stdout).toMatch(new RegExp(`^${QUOTES}\\s+部门\\s+—`, 'mu'));
    expect(table.stdout).toContain(SQL);
    await inArchive(UNITS_DB, (archive) => {
      expect(
        archive
          .listUnits()
          .map((u) => u.name)
          .sort(),
      ).toEqual([QUOTES, SQL, LONG].sort());
    });
  });

  it('rename keeps the history: validate --db still checks against the year before the rename', async () => {
    await unitsArchive();
    const OLD = '清河县市场监督管理局';
    const NEW = '清河县市场监管局';
    // 2022's row 二 (上年结转) does not agree with 2021's row 四 (结转下年度)
    write('rename/2021.nianbao.json', serialiseReport(balancedReport(2021, { unitName: OLD })));
    expect(
      (await run('archive', 'import', 'rename/2021.nianbao.json', '--db', UNITS_DB)).code,
    ).toBe(0);
    const renamed = await run(
      'archive',
      'unit',
      'rename',
      OLD,
      '--name',
      NEW,
      '--date',
      '2022-03-01',
      '--db',
      UNITS_DB,
    );
    expect(renamed.code).toBe(0);
    expect(renamed.stdout).toContain(`已把“${OLD}”更名为“${NEW}”`);
    write('rename/2022.nianbao.json', serialiseReport(balancedReport(2022, { unitName: NEW })));
    const imported = await run('archive', 'import', 'rename/2022.nianbao.json', '--db', UNITS_DB);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain(`→ ${NEW} 2022年度，第 1 版\n`); // no new unit
    await inArchive(UNITS_DB, (a) => {
      const unit = unitNamed(a, NEW);
      expect(unit.years).toEqual([2021, 2022]);
      expect(unit.formerNames).toEqual([{ name: OLD, from: null, to: '2022-03-01' }]);
      // signed by NIANBAO_AUTHOR (no --author given)
      expect(a.unitHistory({ unitId: unit.id })[0]).toMatchObject({
        change: 'renamed',
        before: OLD,
        after: NEW,
        by: AUTHOR,
        date: '2022-03-01',
      });
      expect(a.listUnits().map((u) => u.name)).not.toContain(OLD);
    });

    const check = await run(
      'validate',
      '--db',
      UNITS_DB,
      '--unit',
      NEW,
      '--year',
      '2022',
      '--json',
    );
    const findings = (
      JSON.parse(check.stdout) as { findings: { code: string; location: { column?: string } }[] }
    ).findings;
    const carry = findings.filter((f) => f.code === 'CARRY_OVER_MISMATCH');
    expect(carry.map((f) => f.location.column)).toContain('自然人');
    // by the former name too
    const byOld = await run(
      'validate',
      '--db',
      UNITS_DB,
      '--unit',
      OLD,
      '--year',
      '2022',
      '--json',
    );
    expect(byOld.stdout).toBe(check.stdout);
    const text = await run('validate', '--db', UNITS_DB, '--unit', NEW, '--year', '2022');
    expect(text.stdout).toContain(
      `已与2021年度报告进行跨年度检查（注意：上年报告的单位是“${OLD}”）`,
    );
    expect(text.stdout).toContain('CARRY_OVER_MISMATCH');
    // the year before has no prior: no cross-year finding
    const first = await run(
      'validate',
      '--db',
      UNITS_DB,
      '--unit',
      NEW,
      '--year',
      '2021',
      '--json',
    );
    expect(codes(first.stdout)).not.toContain('CARRY_OVER_MISMATCH');

    const history = await run(
      'archive',
      'history',
      '--unit',
      OLD,
      '--year',
      '2021',
      '--db',
      UNITS_DB,
    );
    expect(history.code).toBe(0);
    expect(history.stdout).toContain(`${NEW} 2021年度报告的版本：`);
    await refused(
      ['archive', 'unit', 'rename', NEW, '--name', QUOTES, '--db', UNITS_DB],
      /已有名为.*合并/u,
    );
    await refused(
      ['archive', 'history', '--unit', '清河县市场监督局', '--year', '2021', '--db', UNITS_DB],
      new RegExp(`相近的单位：${NEW}`, 'u'),
    );
  });

  it('merge moves the years to the surviving unit; the merged name still finds it', async () => {
    await unitsArchive();
    write(
      'merge/2020.nianbao.json',
      serialiseReport(balancedReport(2020, { unitName: '青山县旧局' })),
    );
    expect(
      (await run('archive', 'import', 'merge/2020.nianbao.json', '--unit', SQL, '--db', UNITS_DB))
        .code,
    ).toBe(0);
    const merged = await run(
      'archive',
      'unit',
      'merge',
      SQL,
      '--into',
      QUOTES,
      '--date',
      '2021-01-01',
      '--author',
      '合并人',
      '--db',
      UNITS_DB,
    );
    expect(merged.code).toBe(0);
    expect(merged.stdout).toContain(`已把“${SQL}”并入“${QUOTES}”。`);
    expect(merged.stdout).toContain('转入的年度：2020');
    const list = await run('archive', 'list', '--db', UNITS_DB);
    expect(list.stdout).toContain(`${SQL}（已并入${QUOTES}）`);
    expect(list.stdout).toMatch(new RegExp(`^${QUOTES}\\s+部门\\s+2020\\s`, 'mu'));
    const exported = await run(
      'archive',
      'export',
      '--unit',
      SQL,
      '--year',
      '2020',
      '--db',
      UNITS_DB,
    );
    expect(exported.code).toBe(0);
    expect(parseReportFile(exported.stdout).year).toBe(2020);
    await inArchive(UNITS_DB, (a) => {
      const into = unitNamed(a, QUOTES);
      expect(into.years).toEqual([2020]);
      expect(unitNamed(a, SQL).mergedInto).toBe(into.id);
      // signed with --author (unit_changes)
      expect(a.unitHistory({ unitId: unitNamed(a, SQL).id })[0]).toMatchObject({
        change: 'merged',
        after: QUOTES,
        by: '合并人',
        date: '2021-01-01',
      });
    });
    await refused(
      ['archive', 'unit', 'merge', SQL, '--into', QUOTES, '--db', UNITS_DB],
      /已经合并/u,
    );
    await refused(['archive', 'unit', 'merge', QUOTES, '--db', UNITS_DB], /需要 --into/u);
    await refused(['archive', 'unit', '--db', UNITS_DB], /用法：nianbao archive unit/u);
  });
});

// ---------------------------------------------------------------------------------------------

describe('nianbao archive backup, backups, restore, verify', () => {
  let dir = '';
  let db = '';
  let manual = '';
  beforeEach(() => {
    dir = path.join(tmp, 'office');
    db = path.join(dir, 'archive.sqlite');
    manual = path.join(dir, 'manual-backup.sqlite');
  });

  /** The sample imported, a manual backup to `manual` and one into the backup folder. */
  const backedUp = () =>
    prepare(db, async (api) => {
      await api.importFiles({ paths: [SAMPLE], author: AUTHOR });
      await api.backup({ to: manual });
      await api.backup({});
    });

  it('backs up to a chosen file (never over an existing one) and into the backup folder', async () => {
    expect((await run('archive', 'import', SAMPLE, '--db', db)).code).toBe(0);
    const r = await run('archive', 'backup', '-o', manual, '--db', db);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^已备份到：${literal(manual)}（\\d+\\.\\d MB）$`, 'mu'));
    const bytes = fs.readFileSync(manual);
    await refused(['archive', 'backup', '-o', manual, '--db', db], /文件已存在.*不会覆盖/u);
    expect(fs.readFileSync(manual).equals(bytes)).toBe(true);

    const auto = await run('archive', 'backup', '--db', db);
    expect(auto.code).toBe(0);
    const autoPath = /已备份到：(.+)（/u.exec(auto.stdout)![1]!;
    expect(path.dirname(autoPath)).toBe(path.join(dir, 'backups'));
    expect(fs.existsSync(autoPath)).toBe(true);

    const list = await run('archive', 'backups', '--db', db);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^时间\s+类型\s+大小\s+文件$/mu);
    expect(list.stdout).toMatch(
      new RegExp(
        `^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\s+手动\\s+\\d+\\.\\d MB\\s+${literal(autoPath)}$`,
        'mu',
      ),
    );
    // the first command that found reports in the archive also made today's automatic backup
    const json = await run('archive', 'backups', '--json', '--db', db);
    const listed = JSON.parse(json.stdout) as { path: string; reason: string }[];
    expect(listed.map((b) => b.reason).sort()).toEqual(['daily', 'manual']);
    expect(listed.find((b) => b.reason === 'manual')!.path).toBe(autoPath);
    expect(list.stdout).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+每日\s+/mu);
    // … only once a day
    expect((await run('archive', 'list', '--db', db)).code).toBe(0);
    expect(JSON.parse((await run('archive', 'backups', '--json', '--db', db)).stdout)).toHaveLength(
      2,
    );
    const empty = path.join(tmp, 'empty.sqlite');
    expect((await run('archive', 'unit', 'add', '空档案库的单位', '--db', empty)).code).toBe(0);
    const none = await run('archive', 'backups', '--db', empty);
    expect(none.stdout.trim()).toBe('没有备份。');
  });

  it('restores a backup, keeping the replaced file aside; verify says the archive is intact', async () => {
    await backedUp();
    expect((await run('archive', 'unit', 'add', '备份后新建的单位', '--db', db)).code).toBe(0);
    const r = await run('archive', 'restore', manual, '--db', db);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`已从备份恢复：${manual}`);
    const kept = /原档案库文件已另存为：(.+)（未被覆盖）/u.exec(r.stdout)?.[1];
    expect(kept).toBeDefined();
    expect(fs.existsSync(kept!)).toBe(true);
    await inArchive(db, (a) => {
      expect(a.listUnits().map((u) => u.name)).toEqual([SAMPLE_UNIT]);
    });
    await inArchive(kept!, (a) => {
      expect(a.listUnits().map((u) => u.name)).toContain('备份后新建的单位');
    });
    const verify = await run('archive', 'verify', '--db', db);
    expect(verify.code).toBe(0);
    expect(verify.stdout.trim()).toBe(`档案库完好：${db}（1 个单位，1 份报告）。`);
  });

  it('verify fails on a damaged archive with the recovery advice; restore still works on it', async () => {
    await backedUp();
    const before = fs.readFileSync(db);
    expect(fs.existsSync(`${db}-wal`)).toBe(false);
    const fd = fs.openSync(db, 'r+');
    fs.writeSync(fd, Buffer.alloc(16 * 1024, 0xff), 0, 16 * 1024, Math.floor(before.length / 2));
    fs.closeSync(fd);

    const verify = await run('archive', 'verify', '--db', db);
    expect(verify.code).not.toBe(0);
    expect(verify.stdout).toContain(`档案库有问题：${db}`);
    expect(verify.stdout).toContain('恢复');
    expect(verify.stdout).toContain(`nianbao archive restore --db "${db}"`);
    expect(verify.stdout).toContain(path.join(dir, 'backups')); // the newest backup is named
    expect(verify.stdout.split('恢复时当前文件会被另存').length).toBe(2); // said once

    const list = await refused(['archive', 'list', '--db', db], /损坏/u);
    expect(list.stderr).toContain('恢复');
    const backups = await run('archive', 'backups', '--json', '--db', db);
    const newest = (JSON.parse(backups.stdout) as { path: string }[])[0]!.path;

    const restored = await run('archive', 'restore', newest, '--db', db);
    expect(restored.code).toBe(0);
    const kept = /原档案库文件已另存为：(.+)（未被覆盖）/u.exec(restored.stdout)?.[1];
    expect(kept && fs.readFileSync(kept).length).toBe(before.length); // the damaged file, kept
    const again = await run('archive', 'verify', '--db', db);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('档案库完好');
  });

  it('restore into a missing archive puts the backup in place; a file that is no backup is refused', async () => {
    await backedUp();
    const fresh = path.join(tmp, 'new-office', 'archive.sqlite');
    const r = await run('archive', 'restore', manual, '--db', fresh);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`已从备份恢复：${manual}`);
    expect(r.stdout).not.toContain('另存为');
    // the archive and its high-water mark (issue 17, item 4)
    expect(fs.readdirSync(path.dirname(fresh)).filter((f) => !/-(wal|shm)$/u.test(f))).toEqual([
      'archive.sqlite',
      'archive.sqlite.mark',
    ]);
    const list = await run('archive', 'list', '--db', fresh);
    expect(list.stdout).toContain(SAMPLE_UNIT);

    const before = fs.readFileSync(db);
    await refused(['archive', 'restore', SAMPLE, '--db', db], /不是年报档案库的备份文件/u);
    await refused(
      ['archive', 'restore', path.join(tmp, 'nope.sqlite'), '--db', db],
      /备份文件不存在/u,
    );
    expect(fs.readFileSync(db).equals(before)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------

describe('nianbao archive: wrong usage', () => {
  it('refuses unknown subcommands, missing options and years outside 2008–2100 with exit 2', async () => {
    await prepare(YEARS_DB, (api) => api.createUnit({ name: DEPARTMENT }));
    await refused(['archive'], /需要档案库命令/u);
    await refused(['archive', 'frobnicate', '--db', YEARS_DB], /未知的档案库命令：frobnicate/u);
    await refused(['archive', 'history', '--year', '2021', '--db', YEARS_DB], /需要 --unit/u);
    await refused(
      ['archive', 'export', '--unit', DEPARTMENT, '--year', '2007', '--db', YEARS_DB],
      /--year 的值“2007”无效，应为 2008–2100 之间的年份/u,
    );
    await refused(
      [
        'archive',
        'copy-year',
        '--unit',
        DEPARTMENT,
        '--from',
        '2022',
        '--to',
        '2101',
        '--db',
        YEARS_DB,
      ],
      /--to 的值“2101”无效/u,
    );
    await refused(
      [
        'archive',
        'copy-year',
        '--unit',
        DEPARTMENT,
        '--from',
        '2007',
        '--to',
        '2024',
        '--db',
        YEARS_DB,
      ],
      /--from 的值“2007”无效/u,
    );
    await refused(
      ['validate', '--db', YEARS_DB, '--unit', DEPARTMENT, '--year', '2007'],
      /2008–2100/u,
    );
    await refused(['archive', 'search', '--db', YEARS_DB], /需要搜索内容/u);
    await refused(['archive', 'search', '公开', '--limit', '0', '--db', YEARS_DB], /--limit/u);
    await refused(
      ['archive', 'history', '--unit', '不存在的单位', '--year', '2021', '--db', YEARS_DB],
      /没有名为“不存在的单位”的单位/u,
    );
    await refused(['archive', 'list', '--colour', '--db', YEARS_DB], /未知选项：--colour/u);
  });

  it('a missing archive file: exit 2 and nothing created', async () => {
    const dir = path.join(tmp, 'empty-folder');
    fs.mkdirSync(dir);
    const db = path.join(dir, 'archive.sqlite');
    for (const args of [
      ['archive', 'list'],
      ['archive', 'verify'],
      ['archive', 'search', '公开'],
      ['archive', 'history', '--unit', DEPARTMENT, '--year', '2021'],
      ['archive', 'backup'],
      ['validate', '--unit', DEPARTMENT, '--year', '2021'],
    ]) {
      await refused([...args, '--db', db], new RegExp(`档案库文件不存在：${literal(db)}`, 'u'));
      expect(fs.readdirSync(dir), args.join(' ')).toEqual([]);
    }
  });

  it('uses the archive in NIANBAO_DATA_DIR when --db is left out', async () => {
    const data = path.join(tmp, 'data-dir');
    const env = { NIANBAO_DATA_DIR: data };
    const archive = path.join(data, 'archive.sqlite');
    await refused(
      ['archive', 'list'],
      new RegExp(`档案库文件不存在：${literal(archive)}`, 'u'),
      env,
    );
    expect(fs.existsSync(data)).toBe(false);

    const imported = await runWith(env, 'archive', 'import', SAMPLE);
    expect(imported.code).toBe(0);
    expect(fs.existsSync(archive)).toBe(true);
    const list = await runWith(env, 'archive', 'list');
    expect(list.stdout).toMatch(
      new RegExp(`^${SAMPLE_UNIT}\\s+未定\\s+2020\\s+草稿\\s+17\\s+1\\s+第1版$`, 'mu'),
    );
    const verify = await runWith(env, 'archive', 'verify');
    expect(verify.code).toBe(0);
    expect(verify.stdout).toContain(`档案库完好：${archive}`);
    // validate --unit without --db reads the same archive
    const check = await runWith(env, 'validate', '--unit', SAMPLE_UNIT, '--year', '2020', '--json');
    expect(check.code).toBe(1);
    expect(codes(check.stdout)).toContain('SECTION_MISSING');
  });
});
