// The office's archive tools (issue 13 items 14 and 15): every finalisation's PDF after
// reopening, backups into a chosen folder and as a download, and the office's report deadlines
// kept in the archive and used by the checks and the stored counts.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { API_PAYLOADS } from '../../core/api';
import { Archive } from '../../db/archive';
import { apiError, apiErrorAsync, tempArchive, tempDir } from '../helpers/archive';
import { DEPARTMENT, balancedReport, clone } from '../helpers/reports';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const pdf = (text: string) => new Uint8Array(Buffer.from(`%PDF-1.7\n% ${text}\n%%EOF\n`, 'utf8'));

async function withReport() {
  const t = await tempArchive();
  const unitId = t.archive.createUnit({ name: DEPARTMENT, kind: '部门' }).id;
  t.archive.storeImported({
    unitId,
    year: 2021,
    content: balancedReport(2021),
    author: '张三',
    file: 'f',
  });
  return { t, a: t.archive, unitId };
}

describe('earlier finalisations (定稿) stay downloadable', () => {
  it('finalise, reopen, finalise again: both listed newest first, each PDF byte for byte with its SHA-256', async () => {
    const { t, a, unitId } = await withReport();
    const first = pdf('第一次定稿');
    a.storeFinalisation({ unitId, year: 2021, by: '主任甲', pdf: first });
    t.clock.advance(86_400_000);
    a.reopenReport({ unitId, year: 2021, reason: '补充第六部分', author: '李四' });
    const changed = clone(balancedReport(2021));
    changed.sections['六']!.paragraphs = [{ level: 0, text: '本年度未收取信息处理费。补充说明。' }];
    a.saveReport({ unitId, year: 2021, report: changed, reason: 'save', author: '李四' });
    const second = pdf('第二次定稿');
    a.storeFinalisation({ unitId, year: 2021, by: '主任乙', pdf: second });

    const list = a.listFinalisations({ unitId, year: 2021 });
    expect(list.map((f) => [f.revision, f.by, f.sha256, f.bytes])).toEqual([
      [3, '主任乙', sha(second), second.length],
      [1, '主任甲', sha(first), first.length],
    ]);
    expect(list[0]!.reopened).toBeNull();
    expect(list[1]!.reopened).toMatchObject({ by: '李四', reason: '补充第六部分' });
    for (const [entry, bytes] of [
      [list[0]!, second],
      [list[1]!, first],
    ] as const) {
      const file = a.finalisedPdf({ unitId, year: 2021, id: entry.id });
      expect(Buffer.from(file.pdf).equals(Buffer.from(bytes))).toBe(true);
      expect(file.sha256).toBe(entry.sha256);
      expect(file.fileName).toBe(
        `${DEPARTMENT}2021年政府信息公开工作年度报告定稿（第${entry.revision}版）.pdf`,
      );
      expect(file.by).toBe(entry.by);
    }
  });

  it('a finalisation of another report, or none, is NOT_FOUND in Chinese', async () => {
    const { a, unitId } = await withReport();
    expect(a.listFinalisations({ unitId, year: 2021 })).toEqual([]);
    const e = apiError(() => a.finalisedPdf({ unitId, year: 2021, id: 1 }), 'NOT_FOUND');
    expect(e.message).toBe('2021年度报告没有这一次定稿的记录。');
    a.storeImported({ unitId, year: 2022, content: balancedReport(2022), author: 'x', file: 'g' });
    a.storeFinalisation({ unitId, year: 2022, by: '主任', pdf: pdf('2022') });
    const [other] = a.listFinalisations({ unitId, year: 2022 });
    apiError(() => a.finalisedPdf({ unitId, year: 2021, id: other!.id }), 'NOT_FOUND');
  });
});

describe('backups to a chosen place', () => {
  it('into a folder (a USB stick): a dated file there, a complete archive', async () => {
    const { a } = await withReport();
    const stick = tempDir('nianbao-usb-');
    const info = await a.backup({ folder: stick });
    expect(path.dirname(info.path)).toBe(stick);
    expect(path.basename(info.path)).toBe('年报档案库备份-20240301-093000.sqlite');
    const copy = await Archive.open(info.path, { readOnly: true });
    try {
      expect(copy.listUnits().map((u) => u.name)).toEqual([DEPARTMENT]);
    } finally {
      copy.close();
    }
  });

  it('a folder that is not there (the stick not plugged in) or a file: refused in Chinese, nothing written', async () => {
    const { a } = await withReport();
    const dir = tempDir();
    const missing = path.join(dir, '不存在的U盘');
    const e = await apiErrorAsync(() => a.backup({ folder: missing }), 'NOT_FOUND');
    expect(e.message).toBe(
      `找不到文件夹“${missing}”。请确认 U 盘或移动硬盘已经插好，路径填写正确。`,
    );
    expect(fs.existsSync(missing)).toBe(false);
    const file = path.join(dir, 'a.txt');
    fs.writeFileSync(file, 'x');
    const f = await apiErrorAsync(() => a.backup({ folder: file }), 'INVALID');
    expect(f.message).toContain('不是文件夹');
  });

  it('as a download: the bytes are a complete archive, and no file is left behind', async () => {
    const { t, a } = await withReport();
    const before = fs.readdirSync(t.dir).sort();
    const file = await a.downloadBackup();
    expect(file.fileName).toBe('年报档案库备份-20240301-093000.sqlite');
    expect(Buffer.from(file.data.subarray(0, 16)).toString('latin1')).toBe('SQLite format 3\u0000');
    const out = path.join(tempDir(), file.fileName);
    fs.writeFileSync(out, file.data);
    const copy = await Archive.open(out, { readOnly: true });
    try {
      expect(copy.verify()).toMatchObject({ ok: true });
      expect(copy.listUnits()).toHaveLength(1);
    } finally {
      copy.close();
    }
    expect(fs.readdirSync(t.dir).sort()).toEqual(before);
  });
});

describe("the office's report deadlines", () => {
  it('a deadline earlier than the statutory one makes a date after it DATE_LATE, in the checks and the stored counts', async () => {
    const { a, unitId } = await withReport();
    // balancedReport is dated 2022年1月20日: within 部门's 31 January
    const check = () =>
      a.checkReport({ unitId, year: 2021 }).findings.filter((f) => f.code === 'DATE_LATE');
    expect(check()).toEqual([]);
    const warnings = a.listYears({ unitId })[0]!.warnings;
    const set = a.updateSettings({
      deadlines: { 部门: '01-15', 乡镇街道: '01-15', 其他: '01-15' },
      author: '办公室',
    });
    expect(set.deadlines).toEqual({ 部门: '01-15', 乡镇街道: '01-15', 其他: '01-15' });
    expect(set.changed).toMatchObject({ by: '办公室' });
    const [late] = check();
    expect(late!.message).toBe(
      '成文日期2022年1月20日晚于本机关设定的部门报告期限2022年1月15日，是否逾期？',
    );
    expect(a.listYears({ unitId })[0]!.warnings).toBe(warnings + 1);
    // the window's checks get the same deadlines with the report
    const opened = a.openReport({ unitId, year: 2021 });
    expect(!opened.legacy && opened.deadlines).toEqual({
      部门: '01-15',
      乡镇街道: '01-15',
      其他: '01-15',
    });
    // back to the statutory deadline (null): no finding, the count as before
    a.updateSettings({ deadlines: { 部门: null }, author: '办公室' });
    expect(check()).toEqual([]);
    expect(a.listYears({ unitId })[0]!.warnings).toBe(warnings);
    // a deadline given to the check (the CLI's --deadline) still wins
    a.updateSettings({ deadlines: { 部门: '01-15' }, author: '办公室' });
    expect(
      a.checkReport({ unitId, year: 2021, deadline: '02-28' }).findings.map((f) => f.code),
    ).not.toContain('DATE_LATE');
  });

  it('the statutory deadline itself is not stored as a setting; settings say where the data folder is', async () => {
    const { t, a } = await withReport();
    const s = a.updateSettings({ deadlines: { 部门: '01-31', 政府: '03-20' }, author: 'x' });
    expect(s.deadlines).toEqual({ 政府: '03-20' });
    expect(s.defaults).toMatchObject({ 部门: '01-31', 政府: '03-31' });
    expect(s.dataFolder).toBe(path.dirname(t.file));
    expect(s.backupFolder).toBe(path.join(path.dirname(t.file), 'backups'));
    // kept across a restart (in the archive, so a backup carries it)
    const again = await t.reopen();
    expect(again.settings().deadlines).toEqual({ 政府: '03-20' });
  });

  it('a deadline that is no date is refused at the boundary in Chinese', () => {
    for (const bad of ['13-01', '02-30', '1月31日', '']) {
      const r = API_PAYLOADS.updateSettings.safeParse({ deadlines: { 部门: bad } });
      expect(r.success).toBe(false);
      expect(r.error!.issues[0]!.message).toBe(`期限“${bad}”无效，应写成次年的“月-日”，如 01-31。`);
    }
    expect(API_PAYLOADS.updateSettings.parse({ deadlines: { 部门: '1-5' } }).deadlines).toEqual({
      部门: '01-05',
    });
  });
});
