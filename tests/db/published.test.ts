// 已发布（存档） (issue 13 item 13): migration 5 from a version-4 archive; marking and taking the
// mark back, signed, with the reason, each a revision in history; saves refused while marked;
// the stored status and the to-do counts (home, dashboard); a folder import marks past years.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { API_PAYLOADS, parsePayload } from '../../core/api';
import { serialiseReport } from '../../core/file';
import { PUBLISHED_STATUS, blankReport, type Report } from '../../core/model';
import { Archive } from '../../db/archive';
import { listBackups } from '../../db/backup';
import { LATEST_VERSION } from '../../db/migrations';
import { importFiles } from '../../electron/services/archive/importer';
import { targetSummary } from '../../renderer/models/aggregate-view';
import { hasOpenErrors, stateText } from '../../renderer/models/submissions';
import { Clock, apiError, rawConnection, tempArchive, tempDir } from '../helpers/archive';
import { DEPARTMENT, balancedReport, clone } from '../helpers/reports';

// the archive's clock says 2024-03-01: the report being written is 2023's, 2022 and before are past
const NOW = '2024-03-01T09:30:00';
const PAST = 2022;
const CURRENT = 2023;

/** A report with open errors (a blank one: every fillable cell is blank). */
function withErrors(unitId: string, year: number): Report {
  return blankReport({ id: unitId, name: DEPARTMENT, kind: '部门' }, year);
}

async function unitWithReports() {
  const t = await tempArchive({ clock: new Clock(NOW) });
  const a = t.archive;
  const unitId = a.createUnit({ name: DEPARTMENT, kind: '部门' }).id;
  for (const year of [PAST, CURRENT]) {
    a.storeImported({
      unitId,
      year,
      content: withErrors(unitId, year),
      author: '张三',
      file: `${year}.docx`,
    });
  }
  return { t, a, unitId };
}

const yearOf = (a: Archive, unitId: string, year: number) =>
  a.listYears({ unitId }).find((y) => y.year === year)!;

describe('migration 5 (publications)', () => {
  it('migrates a version-4 archive holding reports: nothing marked, every revision kept, marking works', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'archive.sqlite');
    const clock = new Clock(NOW);
    let unitId: string;
    {
      const a = await Archive.open(file, { now: clock.now });
      unitId = a.createUnit({ name: DEPARTMENT, kind: '部门' }).id;
      a.storeImported({
        unitId,
        year: PAST,
        content: withErrors(unitId, PAST),
        author: '张三',
        file: 'a',
      });
      a.saveReport({
        unitId,
        year: PAST,
        report: balancedReport(PAST),
        reason: 'save',
        author: '张三',
      });
      a.close();
    }
    // as the app of version 4 left it: no publications table (nor the later unit_changes)
    const raw = rawConnection(file);
    raw.exec('DROP TABLE publications');
    raw.exec('DROP TABLE unit_changes');
    raw.pragma('user_version = 4');
    raw.close();

    clock.advanceDays(1);
    const a = await Archive.open(file, { now: clock.now });
    try {
      expect(a.schemaVersion).toBe(LATEST_VERSION);
      expect(LATEST_VERSION).toBeGreaterThanOrEqual(5);
      // backed up before migrating
      expect(listBackups(file).map((b) => b.reason)).toContain('migration');
      expect(a.history({ unitId, year: PAST }).map((r) => r.reason)).toEqual(['save', 'import']);
      expect(yearOf(a, unitId, PAST)).toMatchObject({
        status: '待定稿',
        published: null,
        locked: false,
      });
      const marked = a.markPublished(
        parsePayload('markPublished', { unitId, year: PAST, author: '王五' }),
      );
      expect(marked).toEqual({ revision: 3, created: true });
      expect(yearOf(a, unitId, PAST)).toMatchObject({ status: PUBLISHED_STATUS, locked: true });
      expect(a.verify()).toMatchObject({ ok: true });
    } finally {
      a.close();
    }
  });
});

describe('marking a report 已发布（存档）', () => {
  it('is signed, kept in history with who and why, and read-only until the mark is taken back', async () => {
    const { t, a, unitId } = await unitWithReports();
    const before = yearOf(a, unitId, PAST);
    expect(before.status).toBe('草稿');
    expect(before.errors).toBeGreaterThan(0);

    const marked = a.markPublished({
      unitId,
      year: PAST,
      reason: '已在政府网站发布',
      author: '王五',
    });
    expect(marked).toEqual({ revision: 2, created: true });
    const opened = a.openReport({ unitId, year: PAST });
    expect(opened).toMatchObject({ locked: true, finalisation: null, revision: 2 });
    expect(opened.published).toMatchObject({ by: '王五', reason: '已在政府网站发布', revision: 2 });

    // the stored summary: the status, the counts kept (the findings are shown)
    const y = yearOf(a, unitId, PAST);
    expect(y).toMatchObject({ status: PUBLISHED_STATUS, errors: before.errors, locked: true });
    expect(y.published?.by).toBe('王五');
    // the checks still list every finding
    expect(a.checkReport({ unitId, year: PAST })).toMatchObject({
      errors: before.errors,
      status: PUBLISHED_STATUS,
    });

    // every change is refused with the message, and nothing is written
    const report = opened.legacy ? null : opened.report;
    const saving = apiError(
      () => a.saveReport({ unitId, year: PAST, report: report!, reason: 'save', author: '王五' }),
      'LOCKED',
    );
    expect(saving.message).toBe('该报告已标记为已发布（存档），如需修改请先取消标记。');
    apiError(
      () => a.writeJournal({ unitId, year: PAST, report: report!, author: '王五' }),
      'LOCKED',
    );
    apiError(
      () => a.restoreRevision({ unitId, year: PAST, revision: 1, author: '王五' }),
      'LOCKED',
    );
    apiError(() => a.storeFinalisation({ unitId, year: PAST, by: '王五' }), 'LOCKED');
    apiError(
      () =>
        a.storeImported({
          unitId,
          year: PAST,
          content: balancedReport(PAST),
          author: '王五',
          file: 'other.docx',
          replace: true,
        }),
      'LOCKED',
    );
    // the same content imported again is no change (a folder imported twice)
    expect(
      a.storeImported({ unitId, year: PAST, content: report!, author: '王五', file: 'again.docx' }),
    ).toEqual({ status: 'unchanged', revision: 2 });
    apiError(() => a.markPublished({ unitId, year: PAST, reason: '', author: '王五' }), 'CONFLICT');
    expect(yearOf(a, unitId, PAST).revision).toBe(2);

    // taking the mark back needs a reason and a name
    expect(() =>
      parsePayload('unmarkPublished', { unitId, year: PAST, reason: ' ', author: '赵六' }),
    ).toThrow(/取消已发布标记必须写明理由/u);
    expect(() =>
      parsePayload('unmarkPublished', { unitId, year: PAST, reason: '要改正', author: '' }),
    ).toThrow(/取消已发布标记必须填写操作人姓名/u);
    expect(() => parsePayload('markPublished', { unitId, year: PAST, author: ' ' })).toThrow(
      /操作人/u,
    );
    t.clock.advanceDays(1);
    const unmarked = a.unmarkPublished({
      unitId,
      year: PAST,
      reason: '网站版本有误，要改正',
      author: '赵六',
    });
    expect(unmarked).toEqual({ revision: 3, created: true });
    expect(yearOf(a, unitId, PAST)).toMatchObject({
      status: '草稿',
      locked: false,
      published: null,
    });
    const history = a.history({ unitId, year: PAST });
    expect(history.map((r) => [r.revision, r.reason, r.author, r.note])).toEqual([
      [3, 'unpublish', '赵六', '网站版本有误，要改正'],
      [2, 'publish', '王五', '已在政府网站发布'],
      [1, 'import', '张三', `${PAST}.docx`],
    ]);
    // editable again
    const fixed = clone(balancedReport(PAST));
    expect(
      a.saveReport({ unitId, year: PAST, report: fixed, reason: 'save', author: '赵六' }).created,
    ).toBe(true);
    // the record stays, after a restart too
    await t.reopen();
    const raw = rawConnection(t.file, { readonly: true });
    expect(
      raw.prepare('SELECT by, reason, unmarked_by, unmark_reason FROM publications').all(),
    ).toEqual([
      {
        by: '王五',
        reason: '已在政府网站发布',
        unmarked_by: '赵六',
        unmark_reason: '网站版本有误，要改正',
      },
    ]);
    expect(() => raw.prepare('DELETE FROM publications').run()).toThrow();
  });

  it('is refused for a finalised report, a legacy text, or a report with unsaved edits', async () => {
    const { a, unitId } = await unitWithReports();
    a.saveReport({
      unitId,
      year: PAST,
      report: balancedReport(PAST),
      reason: 'save',
      author: '张三',
    });
    a.storeFinalisation({ unitId, year: PAST, by: '主任' });
    apiError(() => a.markPublished({ unitId, year: PAST, reason: '', author: '王五' }), 'CONFLICT');
    a.storeImported({
      unitId,
      year: 2015,
      content: { legacy: true, title: '2015年报告', text: '正文' },
      author: '张三',
      file: 'old.txt',
    });
    apiError(() => a.markPublished({ unitId, year: 2015, reason: '', author: '王五' }), 'INVALID');
    const opened = a.openReport({ unitId, year: CURRENT });
    a.writeJournal({
      unitId,
      year: CURRENT,
      report: !opened.legacy ? opened.report : (null as never),
      author: '张三',
    });
    apiError(
      () => a.markPublished({ unitId, year: CURRENT, reason: '', author: '王五' }),
      'CONFLICT',
    );
    apiError(
      () => a.unmarkPublished({ unitId, year: CURRENT, reason: '无', author: '王五' }),
      'CONFLICT',
    );
  });
});

describe('a published report is no to-do', () => {
  it("the dashboard's state and counts: neutral, not among the members with errors", async () => {
    const { a, unitId } = await unitWithReports();
    const county = a.createUnit({ name: '清河县人民政府', kind: '政府' }).id;
    a.updateUnit({ unitId, parentId: county });
    const member = () => a.submissions({ unitId: county, year: PAST }).members[0]!;
    expect(hasOpenErrors(member())).toBe(true);
    a.markPublished({ unitId, year: PAST, reason: '', author: '王五' });
    const d = a.submissions({ unitId: county, year: PAST });
    expect(d.counts[PUBLISHED_STATUS]).toBe(1);
    expect(d.counts['草稿']).toBe(0);
    const m = d.members[0]!;
    expect(m.state).toBe(PUBLISHED_STATUS);
    expect(m.errors).toBeGreaterThan(0);
    expect(hasOpenErrors(m)).toBe(false);
    expect(stateText(m)).toBe(`已发布 · ${m.errors} 个问题`);
  });
});

describe('a parent marked 已发布（存档）', () => {
  it('takes no 汇总: shown as locked with the reason, applying refused', async () => {
    const { a, unitId } = await unitWithReports();
    const name = '清河县人民政府';
    const county = a.createUnit({ name, kind: '政府' }).id;
    a.updateUnit({ unitId, parentId: county });
    const content = blankReport({ id: county, name, kind: '政府' }, PAST);
    a.storeImported({ unitId: county, year: PAST, content, author: '张三', file: 'c.docx' });
    a.markPublished({ unitId: county, year: PAST, reason: '', author: '王五' });
    const result = a.aggregateReport({ unitId: county, year: PAST });
    expect(result.report).toMatchObject({ locked: true, status: PUBLISHED_STATUS });
    expect(targetSummary(result)).toBe('本级报告已标记为已发布（存档），取消标记后才能写入汇总。');
    const refused = apiError(
      () => a.applyAggregate({ unitId: county, year: PAST, author: '王五' }),
      'LOCKED',
    );
    expect(refused.message).toBe('该报告已标记为已发布（存档），如需修改请先取消标记。');
  });
});

describe('importing with `published`', () => {
  it('a folder: the past years are marked, the current year is not; again: unchanged, still marked', async () => {
    const { a } = await tempArchive({ clock: new Clock(NOW) }).then((t) => ({ a: t.archive }));
    const folder = tempDir();
    for (const year of [2021, PAST, CURRENT]) {
      const report = withErrors('u-qinghe-scj', year);
      fs.writeFileSync(path.join(folder, `${year}.nianbao.json`), serialiseReport(report));
    }
    const payload = API_PAYLOADS.importFiles.parse({
      paths: [folder],
      published: true,
      author: '张三',
    });
    const summary = await importFiles(direct(a), payload);
    expect(summary).toMatchObject({ imported: 3, failed: 0, published: 2 });
    const unitId = a.listUnits()[0]!.id;
    expect(a.listYears({ unitId }).map((y) => [y.year, y.status, y.locked])).toEqual([
      [CURRENT, '草稿', false],
      [PAST, PUBLISHED_STATUS, true],
      [2021, PUBLISHED_STATUS, true],
    ]);
    expect(a.history({ unitId, year: PAST }).map((r) => [r.reason, r.author])).toEqual([
      ['publish', '张三'],
      ['import', '张三'],
    ]);
    const again = await importFiles(direct(a), payload);
    expect(again).toMatchObject({ imported: 0, unchanged: 3, failed: 0, published: 0 });
    // without the option nothing is marked
    const other = await tempArchive({ clock: new Clock(NOW) });
    const plain = await importFiles(
      direct(other.archive),
      API_PAYLOADS.importFiles.parse({ paths: [folder], author: '张三' }),
    );
    expect(plain).toMatchObject({ imported: 3, published: 0 });
  });

  it('a report imported unmarked before is marked by a later import asking for it, but a mark taken back is not put on again', async () => {
    const { a, unitId } = await unitWithReports();
    const content = (y: number) => {
      const o = a.openReport({ unitId, year: y });
      return o.legacy ? (null as never) : o.report;
    };
    const again = (year: number) =>
      a.storeImported({
        unitId,
        year,
        content: content(year),
        author: '李四',
        file: 'x',
        published: true,
      });
    expect(again(PAST)).toEqual({ status: 'unchanged', revision: 2, published: true });
    expect(again(CURRENT)).toEqual({ status: 'unchanged', revision: 1 });
    a.unmarkPublished({ unitId, year: PAST, reason: '要修改', author: '李四' });
    expect(again(PAST)).toEqual({ status: 'unchanged', revision: 3 });
    expect(yearOf(a, unitId, PAST).published).toBeNull();
  });
});

/** The importer's access to the archive, on an archive open in this test. */
function direct(archive: Archive) {
  return <T>(step: (a: Archive) => T): Promise<T> => Promise.resolve(step(archive));
}
