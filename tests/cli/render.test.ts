// `nianbao render`, `nianbao archive finalise`, `nianbao archive verify-pdf` and `nianbao fonts`
// end to end: the real command (dist/cli.cjs, built by the global setup) in a temporary folder.
// Fonts are restricted to the bundled ones (NIANBAO_FONT_DIRS empty), so every machine renders
// alike; the PDFs are measured with poppler (tests/helpers/pdf.ts).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serialiseReport } from '../../core/file';
import { T3_BLOCK_ID } from '../../core/formats/common';
import type { Report } from '../../core/model';
import { PAGE } from '../../electron/services/pdf/types';
import { pdfInfo, pdfWords } from '../helpers/pdf';
import { archivedPdf, inArchive } from '../helpers/archive';
import { expectRefused, runCli, type CliRun } from '../helpers/cli';
import { SAMPLE } from '../helpers/paths';
import { DEPARTMENT, balancedReport, clone, setCell } from '../helpers/reports';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-cli-render-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const DEFAULT_DATA = path.join(tmp, 'default-data');
const AUTHOR = '测试员';
/** Renders take seconds on a busy machine. */
const SLOW = 120_000;

function runWith(env: NodeJS.ProcessEnv, ...args: string[]): Promise<CliRun> {
  // bundled fonts only
  const base = { NIANBAO_DATA_DIR: DEFAULT_DATA, NIANBAO_AUTHOR: AUTHOR, NIANBAO_FONT_DIRS: '' };
  return runCli(tmp, { ...base, ...env }, args);
}

const run = (...args: string[]) => runWith({}, ...args);

/** A usage or input error: exit code 2, a Chinese message, no stack trace. */
async function refused(args: string[], message: string | RegExp) {
  const r = await run(...args);
  expectRefused(r, args, message);
  return r;
}

/** A fresh folder under the test folder. */
function folder(name: string): string {
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

function writeReport(file: string, report: Report): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, serialiseReport(report));
  return file;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A clean report with two T3 cells broken: T3_RESULT_TOTAL and T3_ROW_TOTAL errors. */
function brokenReport(): Report {
  const report = clone(balancedReport(2021));
  setCell(report, '三', T3_BLOCK_ID, 'granted', 'natural', '999');
  return report;
}

/** Whether the unit's report of the year is locked (finalised), read after the CLI closed the file. */
function lockedIn(file: string, unitName: string, year: number): Promise<boolean> {
  return inArchive(file, (a) => {
    const unit = a.listUnits().find((u) => u.name === unitName);
    if (!unit) throw new Error(`no unit ${unitName}`);
    return a.openReport({ unitId: unit.id, year }).locked;
  });
}

/** The page number line ("— 2 —") of a page: its horizontal centre. */
async function pageNumberCentre(pdf: string, page: number): Promise<number> {
  const [words] = await pdfWords(pdf, { first: page, last: page });
  const line = words!.lines.find((l) => new RegExp(`^—\\s*${page}\\s*—$`, 'u').test(l.text.trim()));
  if (!line) throw new Error(`no page number on page ${page}`);
  return (line.xMin + line.xMax) / 2;
}

// ---------------------------------------------------------------------------------------------

describe('nianbao render <file>', () => {
  it(
    'renders the shared sample: a PDF whose pages pdfinfo reads, marked as a draft',
    async () => {
      const out = path.join(folder('sample'), 'sample.pdf');
      const r = await run('render', SAMPLE, '-o', out);
      expect(r.code, r.stderr).toBe(0);
      const info = await pdfInfo(out);
      expect(info.pages).toBeGreaterThanOrEqual(1);
      expect(info.pageSizes[0]).toMatchObject({ width: 595.276, height: 841.89 });
      // the sample misses section 四 and rows of T3: errors, so a draft
      expect(r.stderr).toContain(`已生成 PDF：${out}（${info.pages} 页）`);
      expect(r.stderr).toMatch(/草稿/u);
      expect(r.stderr).toMatch(/\[\w+\] /u);
      // the official fonts are missing here: the notice names the stand-ins
      expect(r.stderr).toMatch(/代用/u);
      expect(r.stderr).not.toMatch(/at .*\.(c?js|ts):\d+/u);
    },
    SLOW,
  );

  it(
    'writes report.pdf beside a .nianbao.json when -o is not given; a clean report is no draft',
    async () => {
      const dir = folder('beside');
      const report = balancedReport(2021);
      const input = writeReport(path.join(dir, '市场监管局2021.nianbao.json'), report);
      const r = await run('render', input);
      expect(r.code, r.stderr).toBe(0);
      const out = path.join(dir, '市场监管局2021.pdf');
      expect(fs.readdirSync(dir).sort()).toEqual([
        '市场监管局2021.nianbao.json',
        '市场监管局2021.pdf',
      ]);
      expect(r.stderr).toContain(`已生成 PDF：${out}`);
      expect(r.stderr).not.toMatch(/草稿/u);
      const info = await pdfInfo(out);
      expect(info.title).toBe(report.title);
      expect(info.pages).toBeGreaterThanOrEqual(1);
      // page numbers alternate by default: page 2's at the left
      if (info.pages >= 2) expect(await pageNumberCentre(out, 2)).toBeLessThan(PAGE.width / 2 - 50);
    },
    SLOW,
  );

  it('refuses a file it cannot read with exit 2 and a Chinese message; nothing is written', async () => {
    const dir = folder('unreadable');
    const missing = path.join(dir, '不存在的报告.txt');
    await refused(['render', missing, '-o', path.join(dir, 'out.pdf')], /\p{Script=Han}/u);
    const pdfInput = path.join(dir, '报告.pdf');
    fs.writeFileSync(pdfInput, '%PDF-1.4\n%âãÏÓ\n1 0 obj\n<< >>\nendobj\n');
    await refused(['render', pdfInput, '-o', path.join(dir, 'out.pdf')], /docx|网页|HTML/iu);
    const empty = path.join(dir, '空.txt');
    fs.writeFileSync(empty, '');
    await refused(['render', empty], /\p{Script=Han}/u);
    expect(fs.readdirSync(dir).sort()).toEqual(['报告.pdf', '空.txt']);
    // usage errors
    await refused(['render'], /需要一个报告文件/u);
    await refused(['render', SAMPLE, SAMPLE], /一次只能/u);
  });

  it(
    '--page-numbers centre centres every page number; anything else is refused',
    async () => {
      const dir = folder('page-numbers');
      const input = writeReport(path.join(dir, 'r.nianbao.json'), balancedReport(2021));
      const out = path.join(dir, 'centre.pdf');
      const r = await run('render', input, '-o', out, '--page-numbers', 'centre');
      expect(r.code, r.stderr).toBe(0);
      const info = await pdfInfo(out);
      expect(info.pages).toBeGreaterThanOrEqual(2);
      const blockCentre = PAGE.left + PAGE.blockWidth / 2;
      for (const page of [1, 2]) {
        expect(Math.abs((await pageNumberCentre(out, page)) - blockCentre)).toBeLessThan(1);
      }
      const bad = path.join(dir, 'bad.pdf');
      await refused(['render', input, '-o', bad, '--page-numbers', 'x'], /--page-numbers/u);
      expect(fs.existsSync(bad)).toBe(false);
    },
    SLOW,
  );
});

// ---------------------------------------------------------------------------------------------

describe('nianbao archive finalise / verify-pdf / render --db', () => {
  const BROKEN_DB = path.join(tmp, 'finalise', 'broken.sqlite');
  const CLEAN_DB = path.join(tmp, 'finalise', 'clean.sqlite');
  const SIGNED = path.join(tmp, 'finalise', '定稿.pdf');
  const YEAR = '2021';

  beforeAll(() => {
    fs.mkdirSync(path.dirname(BROKEN_DB), { recursive: true });
  });

  it('refuses to finalise a report with open errors: exit 1, the errors listed, not locked', async () => {
    const file = writeReport(path.join(tmp, 'finalise', 'broken.nianbao.json'), brokenReport());
    const imported = await run('archive', 'import', file, '--db', BROKEN_DB);
    expect(imported.code, imported.stdout + imported.stderr).toBe(0);
    const out = path.join(tmp, 'finalise', 'never.pdf');
    const r = await run(
      'archive',
      'finalise',
      '--db',
      BROKEN_DB,
      '--unit',
      DEPARTMENT,
      '--year',
      YEAR,
      '-o',
      out,
    );
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stderr).toMatch(/不能定稿/u);
    expect(r.stderr).toContain('T3_RESULT_TOTAL');
    expect(r.stderr).toContain('T3_ROW_TOTAL');
    expect(fs.existsSync(out)).toBe(false);
    expect(await lockedIn(BROKEN_DB, DEPARTMENT, 2021)).toBe(false);
  });

  it(
    'finalises a clean report: exit 0, the signed copy written and archived, the report locked',
    async () => {
      // revision 1: the broken report, revision 2: the corrected one (the newest is finalised)
      for (const [name, report] of [
        ['first.nianbao.json', brokenReport()],
        ['corrected.nianbao.json', balancedReport(2021)],
      ] as const) {
        const file = writeReport(path.join(tmp, 'finalise', name), report);
        // the corrected file replaces the year's report (asked for: --replace)
        const imported = await run('archive', 'import', file, '--replace', '--db', CLEAN_DB);
        expect(imported.code, imported.stdout + imported.stderr).toBe(0);
      }
      const r = await run(
        'archive',
        'finalise',
        '--db',
        CLEAN_DB,
        '--unit',
        DEPARTMENT,
        '--year',
        YEAR,
        '-o',
        SIGNED,
      );
      expect(r.code, r.stdout + r.stderr).toBe(0);
      expect(r.stdout).toContain(`已定稿：“${DEPARTMENT}”2021年度报告第 2 版`);
      const bytes = new Uint8Array(fs.readFileSync(SIGNED));
      expect(r.stdout).toContain(`SHA-256：${sha256(bytes)}`);
      expect((await pdfInfo(SIGNED)).pages).toBeGreaterThanOrEqual(1);
      expect(await lockedIn(CLEAN_DB, DEPARTMENT, 2021)).toBe(true);
      const stored = await inArchive(CLEAN_DB, (a) => {
        const unit = a.listUnits().find((u) => u.name === DEPARTMENT)!;
        return archivedPdf(a, unit.id, 2021);
      });
      expect(stored && Buffer.from(stored).equals(Buffer.from(bytes))).toBe(true);

      // a second finalisation is refused (the report is locked)
      const again = await run(
        'archive',
        'finalise',
        '--db',
        CLEAN_DB,
        '--unit',
        DEPARTMENT,
        '--year',
        YEAR,
      );
      expect(again.code).not.toBe(0);
      expect(again.stderr).toMatch(/定稿/u);
    },
    SLOW,
  );

  it('verify-pdf names the unit, year and revision of the signed copy; another PDF is not one', async () => {
    const r = await run('archive', 'verify-pdf', SIGNED, '--db', CLEAN_DB);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain(`“${DEPARTMENT}”2021年度报告第 2 版的定稿 PDF 完全一致`);
    expect(r.stdout).toContain(AUTHOR);
    expect(r.stdout).toContain(`SHA-256：${sha256(fs.readFileSync(SIGNED))}`);

    const other = path.join(tmp, 'finalise', 'other.pdf');
    const tampered = fs.readFileSync(SIGNED);
    const at = Math.floor(tampered.length / 2);
    tampered[at] = tampered[at]! ^ 0x01;
    fs.writeFileSync(other, tampered);
    const no = await run('archive', 'verify-pdf', other, '--db', CLEAN_DB);
    expect(no.code).toBe(1);
    expect(no.stdout).toMatch(/不一致/u);
    const sample = path.join(tmp, 'sample', 'sample.pdf');
    if (fs.existsSync(sample)) {
      expect((await run('archive', 'verify-pdf', sample, '--db', CLEAN_DB)).code).toBe(1);
    }
    await refused(
      ['archive', 'verify-pdf', path.join(tmp, 'finalise', '没有.pdf'), '--db', CLEAN_DB],
      /无法读取/u,
    );
  });

  it(
    'render --db of the finalised report gives the signed bytes; --revision renders that revision afresh',
    async () => {
      const out = path.join(tmp, 'finalise', 'printed.pdf');
      const r = await run(
        'render',
        '--db',
        CLEAN_DB,
        '--unit',
        DEPARTMENT,
        '--year',
        YEAR,
        '-o',
        out,
      );
      expect(r.code, r.stderr).toBe(0);
      expect(fs.readFileSync(out).equals(fs.readFileSync(SIGNED))).toBe(true);
      expect(r.stderr).toMatch(/定稿时存档的 PDF/u);

      const first = path.join(tmp, 'finalise', 'revision-1.pdf');
      const old = await run(
        'render',
        '--db',
        CLEAN_DB,
        '--unit',
        DEPARTMENT,
        '--year',
        YEAR,
        '--revision',
        '1',
        '-o',
        first,
      );
      expect(old.code, old.stderr).toBe(0);
      expect(old.stderr).toMatch(/草稿/u);
      expect(old.stderr).toContain('T3_RESULT_TOTAL');

      await refused(['render', '--db', CLEAN_DB, '--unit', DEPARTMENT, '--year', YEAR], /需要 -o/u);
      await refused(
        ['render', '--db', CLEAN_DB, '--unit', DEPARTMENT, '-o', path.join(tmp, 'x.pdf')],
        /--year/u,
      );
      // an output folder that does not exist: a message, not an internal error
      const nowhere = path.join(tmp, 'no-such-folder', 'x.pdf');
      await refused(
        ['render', '--db', CLEAN_DB, '--unit', DEPARTMENT, '--year', YEAR, '-o', nowhere],
        /无法写入.*文件夹不存在/u,
      );
      expect(fs.existsSync(path.dirname(nowhere))).toBe(false);
    },
    SLOW,
  );
});

// ---------------------------------------------------------------------------------------------

describe('nianbao fonts and --help', () => {
  it('lists the five roles with their stand-ins when only the bundled fonts are used', async () => {
    const r = await run('fonts');
    expect(r.code, r.stderr).toBe(0);
    for (const label of ['标题', '正文', '一级标题', '二级标题', '宋体']) {
      expect(r.stdout).toContain(`  ${label}`);
    }
    expect(r.stdout.match(/代用：未找到/gu)).toHaveLength(5);
    expect(r.stdout).toContain('只使用随软件提供的字体');

    const json = await run('fonts', '--json');
    expect(json.code).toBe(0);
    const info = JSON.parse(json.stdout) as { roles: { role: string; standIn: boolean }[] };
    expect(info.roles.map((x) => x.role)).toEqual(['title', 'fangsong', 'hei', 'kai', 'song']);
    expect(info.roles.every((x) => x.standIn)).toBe(true);
  });

  it('--help mentions render, finalise, verify-pdf and fonts', async () => {
    const r = await run('--help');
    expect(r.code).toBe(0);
    for (const word of [
      'nianbao render',
      'archive finalise',
      'archive verify-pdf',
      'nianbao fonts',
    ]) {
      expect(r.stdout).toContain(word);
    }
    expect(r.stdout).toContain('--page-numbers');
  });
});
