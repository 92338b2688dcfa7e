// PDF and old Word files through the real command (dist/cli.cjs): read in the import worker,
// imported, validated, exported and rendered like any report; what cannot be read exits 2
// with a Chinese message and writes nothing; the archive imports them, and a pre-2019 report
// in .doc or .pdf becomes a legacy text document.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseReportFile } from '../../core/file';
import { createPdfRenderer, documentDate } from '../../electron/services/pdf/service';
import { inArchive } from '../helpers/archive';
import { tableCells } from '../helpers/cells';
import { expectRefused, runCli } from '../helpers/cli';
import * as hostile from '../helpers/hostile';
import { FIXTURES } from '../helpers/paths';
import { balancedReport, DEPARTMENT } from '../helpers/reports';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-cli-pdf-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const run = (...args: string[]) => runCli(tmp, {}, args);
const PINGTAN = path.join(FIXTURES, 'pdf');
const report = balancedReport(2021);

beforeAll(async () => {
  const renderer = createPdfRenderer({ fontDirs: [] });
  const { pdf } = await renderer.render({
    report,
    draft: false,
    creationDate: documentDate(report),
    pageNumbers: 'alternate',
  });
  fs.writeFileSync(path.join(tmp, '报告.pdf'), pdf);
  fs.copyFileSync(path.join(PINGTAN, 'pingtan-2023.doc'), path.join(tmp, '平潭.doc'));
  fs.writeFileSync(path.join(tmp, '扫描件.pdf'), await hostile.scannedPdf(2));
  fs.writeFileSync(path.join(tmp, '加密.pdf'), await hostile.encryptedPdf());
  fs.writeFileSync(path.join(tmp, '炸弹.pdf'), hostile.deflateBombPdf(4));
  fs.writeFileSync(path.join(tmp, '页数.pdf'), hostile.manyPagesPdf(50_000));
  const doc = fs.readFileSync(path.join(PINGTAN, 'pingtan-2023.doc'));
  fs.writeFileSync(path.join(tmp, '损坏.doc'), doc.subarray(0, doc.length >> 1));
  fs.writeFileSync(path.join(tmp, '加密.doc'), hostile.withEncryptedFlag(doc));
});

describe('nianbao with PDF and .doc files', () => {
  it('import of our own PDF: the same cells, exit 0', async () => {
    const r = await run('import', '报告.pdf', '-o', 'pdf.nianbao.json');
    expect(r.code, r.stderr).toBe(0);
    const saved = parseReportFile(fs.readFileSync(path.join(tmp, 'pdf.nianbao.json'), 'utf8'));
    expect(saved.unit.name).toBe(DEPARTMENT);
    expect(saved.source).toEqual({ file: '报告.pdf', type: 'pdf' });
    expect(tableCells(saved)).toEqual(tableCells(report));
  });

  it('validate, export and render read a PDF and a .doc like any report', async () => {
    const validate = await run('validate', '报告.pdf', '--kind', '部门');
    expect(validate.code, validate.stderr).toBe(0);
    const csv = await run('export', '平潭.doc', '--to', 'csv');
    expect(csv.code, csv.stderr).toBe(0);
    expect(csv.stdout).toContain('三,三、本年度办理结果,（七）总计,总计,81,件,81');
    const render = await run('render', '平潭.doc', '-o', '平潭.pdf');
    expect(render.code, render.stderr).toBe(0);
    expect(fs.existsSync(path.join(tmp, '平潭.pdf'))).toBe(true);
  });

  it.each([
    ['扫描件.pdf', /扫描件.*OCR/u],
    ['加密.pdf', /打开密码/u],
    ['炸弹.pdf', /解压后超过 128 MB/u],
    ['页数.pdf', /50000 页，超过 300 页/u],
    ['损坏.doc', /Word 97-2003 文档（\.doc），无法直接读取/u],
    ['加密.doc', /打开密码/u],
  ])('%s: exit 2, a Chinese message, nothing written', async (file, message) => {
    const before = fs.readdirSync(tmp).sort();
    for (const args of [
      ['import', file, '-o', 'out.nianbao.json'],
      ['validate', file],
      ['export', file, '--to', 'csv', '-o', 'out.csv'],
      ['render', file, '-o', 'out.pdf'],
    ]) {
      const r = await run(...args);
      expectRefused(r, args, message);
    }
    expect(fs.readdirSync(tmp).sort()).toEqual(before);
  });
});

const SOFFICE = spawnSync('soffice', ['--version'], { stdio: 'ignore' }).error === undefined;

describe('nianbao archive import of PDF and .doc files', () => {
  it('a folder with a PDF, a .doc and (with LibreOffice) a 2013 report as .doc and .pdf', async () => {
    const folder = path.join(tmp, 'batch');
    fs.mkdirSync(folder);
    fs.copyFileSync(path.join(tmp, '报告.pdf'), path.join(folder, '报告.pdf'));
    fs.copyFileSync(path.join(tmp, '平潭.doc'), path.join(folder, '平潭.doc'));
    fs.copyFileSync(path.join(tmp, '扫描件.pdf'), path.join(folder, '扫描件.pdf'));
    if (SOFFICE) {
      for (const to of ['doc', 'pdf']) {
        execFileSync(
          'soffice',
          [
            `-env:UserInstallation=file://${path.join(tmp, 'profile')}`,
            '--headless',
            '--convert-to',
            to,
            '--outdir',
            path.join(folder, to),
            path.join(FIXTURES, 'legacy', 'county-2013.txt'),
          ],
          { stdio: 'ignore', timeout: 120_000 },
        );
      }
    } else {
      console.warn('LibreOffice (soffice) is not installed: the 2013 .doc/.pdf are left out.');
    }
    const db = path.join(tmp, 'archive.sqlite');
    const r = await run('archive', 'import', 'batch', '--db', db);
    expect(r.code).toBe(1); // the scan is left out
    expect(r.stdout + r.stderr).toMatch(/扫描件\.pdf.*扫描件/su);
    await inArchive(db, (archive) => {
      const units = archive.listUnits().map((u) => u.name);
      expect(units).toContain(DEPARTMENT);
      expect(units).toContain('平潭综合实验区');
      if (SOFFICE) {
        const county = archive.listUnits().find((u) => u.name === '青石县人民政府')!;
        const legacy = archive.openReport({ unitId: county.id, year: 2013 });
        expect(legacy.legacy).toBe(true);
        if (legacy.legacy) expect(legacy.text).toContain('依申请公开');
      }
    });
  });
});
