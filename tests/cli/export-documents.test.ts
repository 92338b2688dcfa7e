// `nianbao export --to docx|html [--fragment]`, of a file and of a report in the archive
// (--db/--unit/--year): the files are written (a Word file never to the terminal) and import
// back to the report; wrong use is refused in Chinese.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serialiseReport } from '../../core/file';
import { importReport } from '../../core/import';
import { expectRefused, runCli } from '../helpers/cli';
import { balancedReport } from '../helpers/reports';

let dir: string;
const report = balancedReport(2021);

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-export-'));
  fs.writeFileSync(path.join(dir, '报告.nianbao.json'), serialiseReport(report));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const env = () => ({ NIANBAO_DATA_DIR: path.join(dir, 'data') });
const back = (file: string) =>
  importReport(new Uint8Array(fs.readFileSync(file)), { fileName: path.basename(file) }).report;

describe('nianbao export --to docx|html', () => {
  it('writes the Word file beside the input, which imports back to the report', async () => {
    const r = await runCli(dir, env(), ['export', '报告.nianbao.json', '--to', 'docx']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    const file = path.join(dir, '报告.docx');
    expect(fs.readFileSync(file).subarray(0, 2).toString('latin1')).toBe('PK');
    const got = back(file);
    expect(got.title).toBe(report.title);
    expect(got.sections['三']!.table).toEqual(report.sections['三']!.table);
  });

  it('prints the web page, or only its content with --fragment', async () => {
    const page = await runCli(dir, env(), ['export', '报告.nianbao.json', '--to', 'html']);
    expect(page.code, page.stderr).toBe(0);
    expect(page.stdout).toMatch(/^<!DOCTYPE html>/u);
    const fragment = await runCli(dir, env(), [
      'export',
      '报告.nianbao.json',
      '--to',
      'html',
      '--fragment',
      '-o',
      '片段.html',
    ]);
    expect(fragment.code, fragment.stderr).toBe(0);
    const html = fs.readFileSync(path.join(dir, '片段.html'), 'utf8');
    expect(html).not.toMatch(/<html|<body/u);
    expect(back(path.join(dir, '片段.html')).sections['四']!.table).toEqual(
      report.sections['四']!.table,
    );
  });

  it('exports a report of the archive with --db/--unit/--year', async () => {
    const db = path.join(dir, '档案库.sqlite');
    const imported = await runCli(dir, env(), [
      'archive',
      'import',
      '报告.nianbao.json',
      '--db',
      db,
    ]);
    expect(imported.code, imported.stderr).toBe(0);
    const args = ['export', '--db', db, '--unit', report.unit.name, '--year', '2021'];
    const r = await runCli(dir, env(), [...args, '--to', 'docx', '-o', '档案.docx']);
    expect(r.code, r.stderr).toBe(0);
    expect(back(path.join(dir, '档案.docx')).sections['二']!.table).toEqual(
      report.sections['二']!.table,
    );
    expectRefused(await runCli(dir, env(), [...args, '--to', 'docx']), args, /需要 -o/u);
  });

  it('refuses a wrong format and --fragment without html', async () => {
    const a = ['export', '报告.nianbao.json', '--to', 'pdf'];
    expectRefused(await runCli(dir, env(), a), a, /csv、json、docx 或 html/u);
    const b = ['export', '报告.nianbao.json', '--to', 'docx', '--fragment'];
    expectRefused(await runCli(dir, env(), b), b, /--fragment 只用于/u);
  });
});
