// Reports in the archive: create, open, save (revisions), the edit journal and crash recovery,
// history and restore, immutable revisions, finalisation (定稿) and reopening, copy last year,
// checks with the prior year from the archive, legacy documents, and the year summaries.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decide } from '../../core/checks';
import { T3_BLOCK_ID } from '../../core/formats/common';
import type { Report } from '../../core/model';
import type { Archive } from '../../db/archive';
import {
  apiError,
  archivedPdf,
  legacyBody,
  rawConnection,
  sampleReport,
  tempArchive,
  type TempArchive,
} from '../helpers/archive';
import {
  CARRY_NEXT,
  DEPARTMENT,
  balancedReport,
  clone,
  priorOf,
  rawAt,
  setCell,
} from '../helpers/reports';

const T3_COLUMNS = ['natural', 'business', 'research', 'nonprofit', 'legal', 'otherOrg', 'total'];
const PDF = new Uint8Array(
  Buffer.from('%PDF-1.7\n% 清河县 2021 定稿\n\u0000\u00ff binary tail %%EOF\n', 'utf8'),
);

async function withUnit(kind: '部门' | null = '部门'): Promise<TempArchive & { unitId: string }> {
  const t = await tempArchive();
  const unit = t.archive.createUnit({ name: DEPARTMENT, kind });
  return Object.assign(t, { unitId: unit.id });
}

function structured(a: Archive, unitId: string, year: number): Report {
  const opened = a.openReport({ unitId, year });
  if (opened.legacy) throw new Error('expected a structured report');
  return opened.report;
}

/** A report as the archive stores it: the archive's unit id, no finalisation. */
function stored(report: Report, unitId: string): Report {
  return { ...report, unit: { ...report.unit, id: unitId }, finalised: null };
}

function edited(report: Report, text: string): Report {
  const copy = clone(report);
  copy.sections['六']!.paragraphs = [{ level: 0, text }];
  return copy;
}

describe('createReport', () => {
  it("creates a blank report in the year's format as revision 1", async () => {
    const { archive: a, unitId } = await withUnit();
    for (const [year, format] of [
      [2019, '2019'],
      [2020, '2019'],
      [2021, '2021'],
      [2025, '2021'],
    ] as const) {
      const opened = a.createReport({ unitId, year, author: '张三' });
      expect(opened).toMatchObject({ legacy: false, year, revision: 1, line: 1, locked: false });
      const report = structured(a, unitId, year);
      expect(report.format).toBe(format);
      expect(report.year).toBe(year);
      expect(report.unit).toEqual({ id: unitId, name: DEPARTMENT, kind: '部门' });
      expect(report.title).toBe(`${DEPARTMENT}${year}年政府信息公开工作年度报告`);
      // blank: no paragraph, no table cell filled
      expect(report.opening).toEqual([]);
      const cells = Object.values(report.sections).flatMap((s) =>
        Object.values(s?.table?.blocks ?? {}).flatMap((b) =>
          Object.values(b.rows).flatMap((r) => Object.values(r.cells)),
        ),
      );
      expect(cells.length).toBeGreaterThan(50);
      expect(cells.every((c) => c === '')).toBe(true);
      expect(a.history({ unitId, year })).toEqual([
        expect.objectContaining({
          revision: 1,
          line: 1,
          author: '张三',
          reason: 'create',
          finalised: false,
        }),
      ]);
    }
    expect(a.listYears({ unitId }).map((y) => [y.year, y.format])).toEqual([
      [2025, '2021'],
      [2021, '2021'],
      [2020, '2019'],
      [2019, '2019'],
    ]);
  });

  it('refuses 2018 (legacy years are text only) and a year that has a report', async () => {
    const { archive: a, unitId } = await withUnit();
    const e = apiError(() => a.createReport({ unitId, year: 2018, author: 'x' }), 'INVALID');
    expect(e.message).toContain('旧格式');
    a.createReport({ unitId, year: 2021, author: 'x' });
    apiError(() => a.createReport({ unitId, year: 2021, author: 'x' }), 'CONFLICT');
    apiError(() => a.createReport({ unitId: 'u-none', year: 2021, author: 'x' }), 'NOT_FOUND');
    expect(a.listYears({ unitId }).map((y) => y.year)).toEqual([2021]);
    expect(a.history({ unitId, year: 2021 })).toHaveLength(1);
  });
});

describe('openReport / saveReport', () => {
  it('numbers revisions; an unchanged save adds none', async () => {
    const { archive: a, unitId, clock } = await withUnit();
    const report = balancedReport(2021);
    expect(
      a.storeImported({ unitId, year: 2021, content: report, author: '导入', file: 'a.docx' }),
    ).toEqual({
      status: 'imported',
      revision: 1,
    });
    const r2 = edited(report, '第二版');
    expect(
      a.saveReport({ unitId, year: 2021, report: r2, reason: 'save', author: '张三' }),
    ).toEqual({ revision: 2, created: true });
    expect(
      a.saveReport({ unitId, year: 2021, report: r2, reason: 'idle', author: '张三' }),
    ).toEqual({ revision: 2, created: false });
    const r3 = edited(report, '第三版');
    expect(
      a.saveReport({
        unitId,
        year: 2021,
        report: r3,
        reason: 'close',
        author: '李四',
        note: '关闭窗口',
      }),
    ).toEqual({
      revision: 3,
      created: true,
    });
    const opened = a.openReport({ unitId, year: 2021 });
    expect(opened).toMatchObject({
      revision: 3,
      line: 1,
      locked: false,
      legacy: false,
      recovered: false,
    });
    expect(structured(a, unitId, 2021)).toEqual(stored(r3, unitId));
    expect(a.listYears({ unitId })[0]).toMatchObject({
      revision: 3,
      updatedBy: '李四',
      updatedAt: clock.now().toISOString(),
    });
    // an unchanged import adds nothing either
    expect(
      a.storeImported({ unitId, year: 2021, content: r3, author: '导入', file: 'b.docx' }),
    ).toEqual({
      status: 'unchanged',
      revision: 3,
    });
  });

  it('stores the report under the archive unit (its unit id), whatever id the file had', async () => {
    const { archive: a, unitId } = await withUnit();
    const report = balancedReport(2021);
    expect(report.unit.id).not.toBe(unitId);
    a.storeImported({ unitId, year: 2021, content: report, author: 'x', file: 'f' });
    expect(structured(a, unitId, 2021).unit.id).toBe(unitId);
  });

  it('refuses a report of another year, a missing year, a legacy body, invalid data', async () => {
    const { archive: a, unitId } = await withUnit();
    a.createReport({ unitId, year: 2021, author: 'x' });
    apiError(
      () =>
        a.saveReport({
          unitId,
          year: 2021,
          report: balancedReport(2022),
          reason: 'save',
          author: 'x',
        }),
      'INVALID',
    );
    apiError(
      () =>
        a.saveReport({
          unitId,
          year: 2022,
          report: balancedReport(2022),
          reason: 'save',
          author: 'x',
        }),
      'NOT_FOUND',
    );
    apiError(() => a.openReport({ unitId, year: 2022 }), 'NOT_FOUND');
    const broken = { ...balancedReport(2021), sections: 'nope' } as unknown as Report;
    apiError(
      () => a.saveReport({ unitId, year: 2021, report: broken, reason: 'save', author: 'x' }),
      'INVALID',
    );
    expect(a.history({ unitId, year: 2021 })).toHaveLength(1);
  });
});

describe('the edit journal', () => {
  it('survives a restart: the report opens recovered, and the next save folds it in', async () => {
    const t = await withUnit();
    const { unitId } = t;
    t.archive.storeImported({
      unitId,
      year: 2021,
      content: balancedReport(2021),
      author: 'x',
      file: 'f',
    });
    const draft1 = edited(balancedReport(2021), '未保存的第一次修改');
    const draft2 = edited(balancedReport(2021), '未保存的第二次修改');
    t.archive.writeJournal({ unitId, year: 2021, report: draft1, author: '张三' });
    t.archive.writeJournal({ unitId, year: 2021, report: draft2, author: '张三' });
    expect(t.archive.listYears({ unitId })[0]).toMatchObject({ pending: true, revision: 1 });

    const a = await t.reopen();
    const opened = a.openReport({ unitId, year: 2021 });
    expect(opened).toMatchObject({ legacy: false, recovered: true, revision: 1 });
    // the newest journal state (one row per report), not the revision
    expect(structured(a, unitId, 2021)).toEqual(stored(draft2, unitId));
    expect(a.history({ unitId, year: 2021 })).toHaveLength(1);
    // the revision itself is unchanged
    expect(a.openRevision({ unitId, year: 2021, revision: 1 })).toEqual({
      legacy: false,
      report: stored(balancedReport(2021), unitId),
    });

    expect(
      a.saveReport({
        unitId,
        year: 2021,
        report: structured(a, unitId, 2021),
        reason: 'save',
        author: '张三',
      }),
    ).toEqual({
      revision: 2,
      created: true,
    });
    expect(a.openReport({ unitId, year: 2021 })).toMatchObject({ recovered: false, revision: 2 });
    expect(structured(a, unitId, 2021)).toEqual(stored(draft2, unitId));
    expect(a.listYears({ unitId })[0]).toMatchObject({ pending: false, revision: 2 });
  });

  it('an unchanged save still clears the journal', async () => {
    const { archive: a, unitId } = await withUnit();
    const report = balancedReport(2021);
    a.storeImported({ unitId, year: 2021, content: report, author: 'x', file: 'f' });
    a.writeJournal({ unitId, year: 2021, report, author: 'x' });
    expect(a.openReport({ unitId, year: 2021 })).toMatchObject({ recovered: true });
    expect(a.saveReport({ unitId, year: 2021, report, reason: 'save', author: 'x' })).toEqual({
      revision: 1,
      created: false,
    });
    expect(a.openReport({ unitId, year: 2021 })).toMatchObject({ recovered: false });
  });

  it('refuses a report of another year', async () => {
    const { archive: a, unitId } = await withUnit();
    a.createReport({ unitId, year: 2021, author: 'x' });
    apiError(
      () => a.writeJournal({ unitId, year: 2021, report: balancedReport(2022), author: 'x' }),
      'INVALID',
    );
    expect(a.openReport({ unitId, year: 2021 })).toMatchObject({ recovered: false });
  });
});

describe('history, openRevision, restoreRevision', () => {
  it('lists every revision newest first with reasons and notes; restores an old one as new', async () => {
    const t = await withUnit();
    const { archive: a, unitId } = t;
    const v1 = balancedReport(2021);
    a.storeImported({ unitId, year: 2021, content: v1, author: '导入员', file: '/data/2021.docx' });
    t.clock.advance(60_000);
    const v2 = edited(v1, '第二版文字');
    a.saveReport({
      unitId,
      year: 2021,
      report: v2,
      reason: 'save',
      author: '张三',
      note: '改了第六部分',
    });
    t.clock.advance(60_000);
    const v3 = edited(v1, '第三版文字');
    a.saveReport({ unitId, year: 2021, report: v3, reason: 'idle', author: '李四' });
    t.clock.advance(60_000);

    expect(a.restoreRevision({ unitId, year: 2021, revision: 1, author: '王五' })).toEqual({
      revision: 4,
      created: true,
    });
    const history = a.history({ unitId, year: 2021 });
    expect(history.map((h) => [h.revision, h.line, h.reason, h.author, h.note])).toEqual([
      [4, 1, 'restore', '王五', '恢复为第 1 版'],
      [3, 1, 'idle', '李四', ''],
      [2, 1, 'save', '张三', '改了第六部分'],
      [1, 1, 'import', '导入员', '/data/2021.docx'],
    ]);
    const times = history.map((h) => h.at);
    expect(times).toEqual([...times].sort().reverse());
    expect(new Set(times).size).toBe(4);

    expect(structured(a, unitId, 2021)).toEqual(stored(v1, unitId));
    expect(a.openRevision({ unitId, year: 2021, revision: 4 })).toEqual(
      a.openRevision({ unitId, year: 2021, revision: 1 }),
    );
    expect(a.openRevision({ unitId, year: 2021, revision: 2 })).toEqual({
      legacy: false,
      report: stored(v2, unitId),
    });
    expect(a.openRevision({ unitId, year: 2021, revision: 3 })).toEqual({
      legacy: false,
      report: stored(v3, unitId),
    });
    apiError(() => a.openRevision({ unitId, year: 2021, revision: 5 }), 'NOT_FOUND');
    apiError(
      () => a.restoreRevision({ unitId, year: 2021, revision: 9, author: 'x' }),
      'NOT_FOUND',
    );
    // restoring the newest content again adds nothing
    expect(a.restoreRevision({ unitId, year: 2021, revision: 1, author: '王五' })).toEqual({
      revision: 4,
      created: false,
    });
    expect(a.search({ query: '第三版文字' }).hits).toEqual([]);
  });

  it('a restore keeps pending journal edits as a revision of their own first', async () => {
    const { archive: a, unitId } = await withUnit();
    a.storeImported({ unitId, year: 2021, content: balancedReport(2021), author: 'x', file: 'f' });
    a.saveReport({
      unitId,
      year: 2021,
      report: edited(balancedReport(2021), '二'),
      reason: 'save',
      author: 'x',
    });
    a.writeJournal({
      unitId,
      year: 2021,
      report: edited(balancedReport(2021), '草稿'),
      author: '小王',
    });
    a.restoreRevision({ unitId, year: 2021, revision: 1, author: 'x' });
    expect(a.openReport({ unitId, year: 2021 })).toMatchObject({ recovered: false, revision: 4 });
    const [restored, kept] = a.history({ unitId, year: 2021 });
    expect(restored).toMatchObject({ revision: 4, reason: 'restore' });
    expect(kept).toMatchObject({ revision: 3, reason: 'journal', author: '小王' });
    const content = a.openRevision({ unitId, year: 2021, revision: 3 });
    expect(content.legacy ? null : content.report.sections['六']!.paragraphs[0]!.text).toBe('草稿');
  });

  it('an import over a report keeps its pending journal edits as a revision first', async () => {
    const { archive: a, unitId } = await withUnit();
    a.storeImported({ unitId, year: 2021, content: balancedReport(2021), author: 'x', file: 'f' });
    a.writeJournal({
      unitId,
      year: 2021,
      report: edited(balancedReport(2021), '正在写的文字'),
      author: '小王',
    });
    a.storeImported({
      unitId,
      year: 2021,
      content: edited(balancedReport(2021), '导入的文字'),
      author: 'x',
      file: 'g',
      replace: true,
    });
    expect(a.history({ unitId, year: 2021 }).map((r) => r.reason)).toEqual([
      'import',
      'journal',
      'import',
    ]);
    expect(a.search({ query: '正在写的文字' }).hits).toEqual([]); // the index follows the newest revision
    const kept = a.openRevision({ unitId, year: 2021, revision: 2 });
    expect(kept.legacy ? null : kept.report.sections['六']!.paragraphs[0]!.text).toBe(
      '正在写的文字',
    );
  });
});

describe('revisions are immutable', () => {
  it('UPDATE and DELETE on revisions and finalisations are refused by the database itself', async () => {
    const { archive: a, unitId, file } = await withUnit();
    a.storeImported({ unitId, year: 2021, content: balancedReport(2021), author: 'x', file: 'f' });
    a.storeFinalisation({ unitId, year: 2021, by: '张三', pdf: PDF });
    const raw = rawConnection(file);
    expect(() => raw.prepare("UPDATE revisions SET body = '{}'").run()).toThrow(/immutable/);
    expect(() => raw.prepare("UPDATE revisions SET author = 'mallory'").run()).toThrow(/immutable/);
    expect(() => raw.prepare('DELETE FROM revisions').run()).toThrow(/never deleted/);
    expect(() => raw.prepare("UPDATE finalisations SET pdf = x'00'").run()).toThrow(/immutable/);
    expect(() => raw.prepare("UPDATE finalisations SET sha256 = 'x'").run()).toThrow(/immutable/);
    expect(() => raw.prepare('DELETE FROM finalisations').run()).toThrow(/never deleted/);
    raw.close();
    expect(a.openRevision({ unitId, year: 2021, revision: 1 })).toEqual({
      legacy: false,
      report: stored(balancedReport(2021), unitId),
    });
    expect(archivedPdf(a, unitId, 2021)).toEqual(PDF);
    expect(a.verify().ok).toBe(true);
  });
});

describe('finalise (定稿) and reopen', () => {
  async function finalised() {
    const t = await withUnit();
    const { archive: a, unitId } = t;
    const report = balancedReport(2021);
    a.storeImported({ unitId, year: 2021, content: report, author: 'x', file: 'f' });
    a.saveReport({
      unitId,
      year: 2021,
      report: edited(report, '定稿文字'),
      reason: 'save',
      author: '张三',
    });
    t.clock.advance(3_600_000);
    const fin = a.storeFinalisation({ unitId, year: 2021, by: '主任', pdf: PDF, revision: 2 });
    return { t, a, unitId, fin, report };
  }

  it('records the revision, who, when and the exact PDF with its SHA-256', async () => {
    const { t, a, unitId, fin } = await finalised();
    const sha = createHash('sha256').update(PDF).digest('hex');
    expect(fin).toEqual({ revision: 2, at: t.clock.now().toISOString(), by: '主任', sha256: sha });
    const opened = a.openReport({ unitId, year: 2021 });
    expect(opened).toMatchObject({ locked: true, revision: 2, finalisation: fin });
    expect(!opened.legacy && opened.report.finalised).toEqual({
      at: fin.at,
      by: '主任',
      revision: 2,
      sha256: sha,
    });
    expect(a.listYears({ unitId })[0]).toMatchObject({ status: '已定稿', locked: true });
    expect(a.history({ unitId, year: 2021 }).map((h) => [h.revision, h.finalised])).toEqual([
      [2, true],
      [1, false],
    ]);
    expect(archivedPdf(a, unitId, 2021)).toEqual(PDF);
    expect(Buffer.from(archivedPdf(a, unitId, 2021)!).equals(Buffer.from(PDF))).toBe(true);
    expect(a.verifyPdf({ pdf: PDF }).match).toEqual({
      unitId,
      unitName: DEPARTMENT,
      year: 2021,
      revision: 2,
      at: fin.at,
      by: '主任',
      reopened: false,
    });
    const other = new Uint8Array(PDF);
    other[other.length - 2] = other[other.length - 2]! ^ 1;
    expect(a.verifyPdf({ pdf: other }).match).toBeNull();
    // kept after a restart
    const b = await t.reopen();
    expect(archivedPdf(b, unitId, 2021)).toEqual(PDF);
    expect(b.openReport({ unitId, year: 2021 })).toMatchObject({ locked: true });
  });

  it('locks the report: save, journal, restore, import and a second finalise are refused', async () => {
    const { a, unitId, report } = await finalised();
    const change = edited(report, '定稿后的修改');
    for (const e of [
      apiError(
        () => a.saveReport({ unitId, year: 2021, report: change, reason: 'save', author: 'x' }),
        'LOCKED',
      ),
      apiError(() => a.writeJournal({ unitId, year: 2021, report: change, author: 'x' }), 'LOCKED'),
      apiError(() => a.restoreRevision({ unitId, year: 2021, revision: 1, author: 'x' }), 'LOCKED'),
      apiError(
        () => a.storeImported({ unitId, year: 2021, content: change, author: 'x', file: 'f' }),
        'LOCKED',
      ),
      apiError(() => a.storeFinalisation({ unitId, year: 2021, by: 'x' }), 'LOCKED'),
    ]) {
      expect(e.message).toContain('定稿');
      expect(e.message).toContain('重新打开');
    }
    expect(a.history({ unitId, year: 2021 })).toHaveLength(2);
    expect(a.openReport({ unitId, year: 2021 })).toMatchObject({ revision: 2, locked: true });
  });

  it('refuses finalising with unsaved journal edits, or an older revision', async () => {
    const { archive: a, unitId } = await withUnit();
    a.storeImported({ unitId, year: 2021, content: balancedReport(2021), author: 'x', file: 'f' });
    a.saveReport({
      unitId,
      year: 2021,
      report: edited(balancedReport(2021), '二'),
      reason: 'save',
      author: 'x',
    });
    apiError(() => a.storeFinalisation({ unitId, year: 2021, by: 'x', revision: 1 }), 'CONFLICT');
    a.writeJournal({
      unitId,
      year: 2021,
      report: edited(balancedReport(2021), '草稿'),
      author: 'x',
    });
    apiError(() => a.storeFinalisation({ unitId, year: 2021, by: 'x' }), 'CONFLICT');
    expect(a.openReport({ unitId, year: 2021 })).toMatchObject({ locked: false });
    expect(archivedPdf(a, unitId, 2021)).toBeNull();
  });

  it('refuses finalising a legacy document', async () => {
    const { archive: a, unitId } = await withUnit();
    a.storeImported({
      unitId,
      year: 2015,
      content: legacyBody('2015年报', '全文'),
      author: 'x',
      file: 'f',
    });
    apiError(() => a.storeFinalisation({ unitId, year: 2015, by: 'x' }), 'INVALID');
  });

  it('reopen needs a reason, starts revision line 2 and unlocks', async () => {
    const { t, a, unitId, report } = await finalised();
    for (const reason of ['', '   ']) {
      const e = apiError(
        () => a.reopenReport({ unitId, year: 2021, reason, author: '主任' }),
        'INVALID',
      );
      expect(e.message).toContain('理由');
    }
    expect(a.openReport({ unitId, year: 2021 })).toMatchObject({ locked: true });
    t.clock.advance(86_400_000);
    expect(
      a.reopenReport({ unitId, year: 2021, reason: '  发现第六部分数字错误  ', author: '主任' }),
    ).toEqual({
      revision: 3,
      created: true,
    });
    const opened = a.openReport({ unitId, year: 2021 });
    expect(opened).toMatchObject({ locked: false, line: 2, revision: 3, finalisation: null });
    expect(!opened.legacy && opened.report.finalised).toBeNull();
    expect(
      a
        .history({ unitId, year: 2021 })
        .map((h) => [h.revision, h.line, h.reason, h.note, h.finalised]),
    ).toEqual([
      [3, 2, 'reopen', '发现第六部分数字错误', false],
      [2, 1, 'save', '', true],
      [1, 1, 'import', 'f', false],
    ]);
    // the reopened revision has the finalised content
    expect(a.openRevision({ unitId, year: 2021, revision: 3 })).toEqual(
      a.openRevision({ unitId, year: 2021, revision: 2 }),
    );
    expect(a.listYears({ unitId })[0]).toMatchObject({
      locked: false,
      status: '待定稿',
      revision: 3,
    });
    expect(a.verifyPdf({ pdf: PDF }).match).toMatchObject({ revision: 2, reopened: true });
    // editable again, on line 2
    expect(
      a.saveReport({
        unitId,
        year: 2021,
        report: edited(report, '改正后'),
        reason: 'save',
        author: '张三',
      }),
    ).toEqual({
      revision: 4,
      created: true,
    });
    expect(a.history({ unitId, year: 2021 })[0]).toMatchObject({ revision: 4, line: 2 });
    // reopening what is not finalised
    apiError(
      () => a.reopenReport({ unitId, year: 2021, reason: '再次', author: '主任' }),
      'CONFLICT',
    );
    // finalised again: the newest PDF is the one returned
    const pdf2 = new Uint8Array([37, 80, 68, 70, 50]);
    expect(a.storeFinalisation({ unitId, year: 2021, by: '主任', pdf: pdf2 })).toMatchObject({
      revision: 4,
    });
    expect(archivedPdf(a, unitId, 2021)).toEqual(pdf2);
    expect(a.verifyPdf({ pdf: pdf2 }).match).toMatchObject({ revision: 4, reopened: false });
    expect(a.verifyPdf({ pdf: PDF }).match).toMatchObject({ revision: 2, reopened: true });
    expect(a.verify().ok).toBe(true);
  });

  it('a finalisation without a PDF', async () => {
    const { archive: a, unitId } = await withUnit();
    a.storeImported({ unitId, year: 2021, content: balancedReport(2021), author: 'x', file: 'f' });
    expect(a.storeFinalisation({ unitId, year: 2021, by: '主任' })).toMatchObject({
      revision: 1,
      sha256: null,
    });
    expect(archivedPdf(a, unitId, 2021)).toBeNull();
    expect(a.openReport({ unitId, year: 2021 })).toMatchObject({ locked: true });
  });
});

describe('copyLastYear', () => {
  it('2021 → 2022: narrative copied, T3 row 二 from row 四, the rest empty, YEAR_REVIEW raised', async () => {
    const { archive: a, unitId } = await withUnit();
    const last = balancedReport(2021);
    a.storeImported({ unitId, year: 2021, content: last, author: 'x', file: 'f' });
    const opened = a.copyLastYear({ unitId, from: 2021, to: 2022, author: '张三' });
    expect(opened).toMatchObject({
      legacy: false,
      year: 2022,
      revision: 1,
      line: 1,
      locked: false,
    });
    const copy = structured(a, unitId, 2022);
    expect(copy.year).toBe(2022);
    expect(copy.format).toBe('2021');
    expect(copy.unit.id).toBe(unitId);
    expect(copy.title).toBe(`${DEPARTMENT}2022年政府信息公开工作年度报告`);
    expect(copy.sections['一']!.paragraphs.map((p) => p.text)).toEqual(
      last.sections['一']!.paragraphs.map((p) => p.text),
    );
    for (const c of T3_COLUMNS) {
      expect(rawAt(copy, '三', T3_BLOCK_ID, 'carried', c)).toBe(
        rawAt(last, '三', T3_BLOCK_ID, 'carryNext', c),
      );
      expect(rawAt(copy, '三', T3_BLOCK_ID, 'carryNext', c)).toBe('');
      expect(rawAt(copy, '三', T3_BLOCK_ID, 'granted', c)).toBe('');
    }
    expect(rawAt(copy, '三', T3_BLOCK_ID, 'carried', 'natural')).toBe(String(CARRY_NEXT[0]));
    expect(a.history({ unitId, year: 2022 })).toEqual([
      expect.objectContaining({
        revision: 1,
        reason: 'copy',
        author: '张三',
        note: '从2021年度报告复制',
      }),
    ]);

    const check = a.checkReport({ unitId, year: 2022 });
    expect(check.priorYear).toBe(2021);
    const review = check.findings.filter((f) => f.code === 'YEAR_REVIEW');
    expect(review.length).toBeGreaterThan(0);
    // the copied row 二 agrees with last year's row 四
    expect(check.findings.filter((f) => f.code === 'CARRY_OVER_MISMATCH')).toEqual([]);
    expect(a.listYears({ unitId })[0]).toMatchObject({ year: 2022, status: '草稿' });
    expect(a.listYears({ unitId })[0]!.warnings).toBe(check.warnings);
    expect(a.listYears({ unitId })[0]!.errors).toBe(check.errors);
  });

  it('2020 (2019 format) → 2021 (2021 format)', async () => {
    const { archive: a, unitId } = await withUnit();
    const r2020 = priorOf(balancedReport(2021));
    a.storeImported({ unitId, year: 2020, content: r2020, author: 'x', file: 'f' });
    a.copyLastYear({ unitId, from: 2020, to: 2021, author: 'x' });
    const copy = structured(a, unitId, 2021);
    expect(copy.format).toBe('2021');
    for (const c of T3_COLUMNS) {
      expect(rawAt(copy, '三', T3_BLOCK_ID, 'carried', c)).toBe(
        rawAt(r2020, '三', T3_BLOCK_ID, 'carryNext', c),
      );
    }
  });

  it('copies the saved state, not a pending journal, and from the newest revision', async () => {
    const { archive: a, unitId } = await withUnit();
    a.storeImported({ unitId, year: 2021, content: balancedReport(2021), author: 'x', file: 'f' });
    const v2 = edited(balancedReport(2021), '第二版的第六部分');
    a.saveReport({ unitId, year: 2021, report: v2, reason: 'save', author: 'x' });
    a.writeJournal({
      unitId,
      year: 2021,
      report: edited(balancedReport(2021), '未保存'),
      author: 'x',
    });
    a.copyLastYear({ unitId, from: 2021, to: 2022, author: 'x' });
    expect(structured(a, unitId, 2022).sections['六']!.paragraphs.map((p) => p.text)).toEqual([
      '第二版的第六部分',
    ]);
  });

  it('refuses an existing target year, a missing source, a legacy source', async () => {
    const { archive: a, unitId } = await withUnit();
    a.storeImported({ unitId, year: 2021, content: balancedReport(2021), author: 'x', file: 'f' });
    a.createReport({ unitId, year: 2022, author: 'x' });
    apiError(() => a.copyLastYear({ unitId, from: 2021, to: 2022, author: 'x' }), 'CONFLICT');
    expect(a.history({ unitId, year: 2022 })).toHaveLength(1);
    apiError(() => a.copyLastYear({ unitId, from: 2023, to: 2024, author: 'x' }), 'NOT_FOUND');
    a.storeImported({
      unitId,
      year: 2018,
      content: legacyBody('2018年报', '旧格式'),
      author: 'x',
      file: 'f',
    });
    const e = apiError(
      () => a.copyLastYear({ unitId, from: 2018, to: 2019, author: 'x' }),
      'INVALID',
    );
    expect(e.message).toContain('旧格式');
    apiError(() => a.copyLastYear({ unitId, from: 2021, to: 2017, author: 'x' }), 'INVALID');
    expect(a.listYears({ unitId }).map((y) => y.year)).toEqual([2022, 2021, 2018]);
  });
});

describe('checkReport with the prior year from the archive', () => {
  it('uses the archived prior year; CARRY_OVER_MISMATCH appears when its row 四 differs', async () => {
    const { archive: a, unitId } = await withUnit();
    const current = balancedReport(2021);
    const prior = priorOf(current);
    a.storeImported({ unitId, year: 2021, content: current, author: 'x', file: 'f' });
    const alone = a.checkReport({ unitId, year: 2021 });
    expect(alone.priorYear).toBeNull();
    a.storeImported({ unitId, year: 2020, content: prior, author: 'x', file: 'f' });
    const consistent = a.checkReport({ unitId, year: 2021 });
    expect(consistent.priorYear).toBe(2020);
    expect(consistent.findings.filter((f) => f.code === 'CARRY_OVER_MISMATCH')).toEqual([]);
    expect(consistent.errors).toBe(0);

    const before = a.listYears({ unitId }).find((y) => y.year === 2021)!;
    const changed = clone(prior);
    setCell(changed, '三', T3_BLOCK_ID, 'carryNext', 'natural', '999');
    a.saveReport({ unitId, year: 2020, report: changed, reason: 'save', author: 'x' });
    const mismatch = a.checkReport({ unitId, year: 2021 });
    expect(
      mismatch.findings.filter((f) => f.code === 'CARRY_OVER_MISMATCH').length,
    ).toBeGreaterThan(0);
    // saving 2020 updated 2021's stored summary
    const after = a.listYears({ unitId }).find((y) => y.year === 2021)!;
    expect(after.warnings).toBe(mismatch.warnings);
    expect(after.errors).toBe(mismatch.errors);
    expect(after.warnings).toBeGreaterThan(before.warnings);
    expect(after.revision).toBe(before.revision);
  });

  it('a unit renamed between two years still gets its cross-year checks', async () => {
    const { archive: a } = await tempArchive();
    const old = a.createUnit({ name: '清河县工商行政管理局', kind: '部门' });
    const current = balancedReport(2021, { unitName: DEPARTMENT });
    const prior = priorOf(balancedReport(2021, { unitName: '清河县工商行政管理局' }));
    setCell(prior, '三', T3_BLOCK_ID, 'carryNext', 'business', '1');
    a.storeImported({ unitId: old.id, year: 2020, content: prior, author: 'x', file: '2020.docx' });
    a.renameUnit({ unitId: old.id, name: DEPARTMENT, date: '2021-03-01' });
    // the new year arrives under the new name
    const unit = a.unitByName(DEPARTMENT)!;
    expect(unit.id).toBe(old.id);
    a.storeImported({
      unitId: unit.id,
      year: 2021,
      content: current,
      author: 'x',
      file: '2021.docx',
    });
    const check = a.checkReport({ unitId: unit.id, year: 2021 });
    expect(check.priorYear).toBe(2020);
    const carry = check.findings.filter((f) => f.code === 'CARRY_OVER_MISMATCH');
    expect(carry.length).toBeGreaterThan(0);
    // and the old name still finds the same unit (an import of an old file)
    expect(a.unitByName('清河县工商行政管理局')?.id).toBe(unit.id);
    expect(a.listYears({ unitId: unit.id }).find((y) => y.year === 2021)!.warnings).toBe(
      check.warnings,
    );
  });

  it('checks the state being edited when given, and refuses a legacy year', async () => {
    const { archive: a, unitId } = await withUnit();
    const current = balancedReport(2021);
    a.storeImported({ unitId, year: 2020, content: priorOf(current), author: 'x', file: 'f' });
    a.storeImported({ unitId, year: 2021, content: current, author: 'x', file: 'f' });
    const editedState = clone(current);
    setCell(editedState, '三', T3_BLOCK_ID, 'carried', 'natural', '1');
    const result = a.checkReport({ unitId, year: 2021, report: editedState });
    expect(result.findings.some((f) => f.code === 'CARRY_OVER_MISMATCH')).toBe(true);
    expect(
      a.checkReport({ unitId, year: 2021 }).findings.some((f) => f.code === 'CARRY_OVER_MISMATCH'),
    ).toBe(false);
    a.storeImported({
      unitId,
      year: 2015,
      content: legacyBody('2015', '文本'),
      author: 'x',
      file: 'f',
    });
    apiError(() => a.checkReport({ unitId, year: 2015 }), 'INVALID');
  });

  it('decisions on findings are kept with the report and resolve them', async () => {
    const { archive: a, unitId } = await withUnit();
    const current = balancedReport(2021);
    const prior = priorOf(current);
    setCell(prior, '三', T3_BLOCK_ID, 'carryNext', 'natural', '999');
    a.storeImported({ unitId, year: 2020, content: prior, author: 'x', file: 'f' });
    a.storeImported({ unitId, year: 2021, content: current, author: 'x', file: 'f' });
    const first = a.checkReport({ unitId, year: 2021 });
    const finding = first.findings.find((f) => f.code === 'CARRY_OVER_MISMATCH')!;
    const decided = decide(current, finding, 'verified', '上年数字更正过', { by: '张三' });
    a.saveReport({ unitId, year: 2021, report: decided, reason: 'save', author: '张三' });
    const second = a.checkReport({ unitId, year: 2021 });
    expect(second.warnings).toBe(first.warnings - 1);
    expect(a.listYears({ unitId }).find((y) => y.year === 2021)!.warnings).toBe(second.warnings);
  });
});

describe('an import over a report the year already has (issue 13, item 1)', () => {
  it('is not replaced unless asked; replacing keeps the decisions whose finding remains', async () => {
    const { archive: a, unitId } = await withUnit();
    const current = balancedReport(2021);
    const prior = priorOf(current);
    setCell(prior, '三', T3_BLOCK_ID, 'carryNext', 'natural', '999');
    a.storeImported({ unitId, year: 2020, content: prior, author: 'x', file: 'f' });
    a.storeImported({ unitId, year: 2021, content: current, author: 'x', file: 'f' });
    const finding = a
      .checkReport({ unitId, year: 2021 })
      .findings.find((f) => f.code === 'CARRY_OVER_MISMATCH')!;
    const decided = decide(current, finding, 'verified', '上年数字更正过', { by: '张三' });
    a.saveReport({ unitId, year: 2021, report: decided, reason: 'save', author: '张三' });
    const before = a.listYears({ unitId }).find((y) => y.year === 2021)!;
    const file = edited(current, '从网站下载的文本。');
    // not asked: nothing changes, the answer says what is there
    expect(a.storeImported({ unitId, year: 2021, content: file, author: 'y', file: 'g' })).toEqual({
      status: 'exists',
      existing: { status: before.status, errors: before.errors, revision: 2 },
    });
    expect(a.history({ unitId, year: 2021 })).toHaveLength(2);
    // the same content as the newest revision is simply unchanged, asked or not
    expect(
      a.storeImported({ unitId, year: 2021, content: decided, author: 'y', file: 'g' }).status,
    ).toBe('unchanged');
    // asked: a new revision; the 已核实 on the carry-over finding (still there) is kept
    expect(
      a.storeImported({ unitId, year: 2021, content: file, author: 'y', file: 'g', replace: true }),
    ).toEqual({ status: 'imported', revision: 3 });
    const now = a.openReport({ unitId, year: 2021 });
    if (now.legacy) throw new Error('legacy');
    expect(now.report.sections['六']!.paragraphs[0]!.text).toBe('从网站下载的文本。');
    expect(now.report.decisions).toEqual([
      expect.objectContaining({ code: 'CARRY_OVER_MISMATCH', reason: '上年数字更正过' }),
    ]);
    expect(
      a.checkReport({ unitId, year: 2021 }).findings.find((f) => f.code === 'CARRY_OVER_MISMATCH'),
    ).toMatchObject({ resolved: true });
    // the replaced content stays in history
    const old = a.openRevision({ unitId, year: 2021, revision: 2 });
    expect(!old.legacy && old.report.sections['六']!.paragraphs).toEqual(
      current.sections['六']!.paragraphs,
    );
  });
});

describe('a window based on an older revision (issue 13, item 2)', () => {
  it('saves and journal writes based on an older revision are refused (STALE)', async () => {
    const { archive: a, unitId } = await withUnit();
    a.storeImported({ unitId, year: 2021, content: balancedReport(2021), author: 'x', file: 'f' });
    a.saveReport({
      unitId,
      year: 2021,
      report: edited(balancedReport(2021), '甲窗口'),
      reason: 'save',
      author: '甲',
      base: 1,
    });
    for (const write of [
      () =>
        a.saveReport({
          unitId,
          year: 2021,
          report: edited(balancedReport(2021), '乙窗口'),
          reason: 'save',
          author: '乙',
          base: 1,
        }),
      () =>
        a.writeJournal({
          unitId,
          year: 2021,
          report: edited(balancedReport(2021), '乙窗口'),
          author: '乙',
          base: 1,
        }),
    ]) {
      const e = apiError(write, 'STALE');
      expect(e.message).toContain('2021年度报告已在另一个窗口中保存为第 2 版（操作人：甲）');
      expect(e.message).toContain('本窗口的修改基于第 1 版，没有保存');
    }
    expect(a.history({ unitId, year: 2021 })).toHaveLength(2);
    expect(a.listYears({ unitId })[0]!.pending).toBe(false);
    // keeping its own: without a base, a new revision; the other stays in history
    a.saveReport({
      unitId,
      year: 2021,
      report: edited(balancedReport(2021), '乙窗口'),
      reason: 'save',
      author: '乙',
    });
    expect(a.history({ unitId, year: 2021 }).map((r) => [r.revision, r.author])).toEqual([
      [3, '乙'],
      [2, '甲'],
      [1, 'x'],
    ]);
  });
});

describe('legacy documents (before 2019)', () => {
  it('stores text for 2015, opens it as legacy, lists it as 旧格式', async () => {
    const { archive: a, unitId } = await withUnit();
    const body = legacyBody(
      '清河县2015年政府信息公开工作年度报告',
      '一、概述\n本年度主动公开信息一百条。\n表\t甲\t乙',
    );
    expect(
      a.storeImported({ unitId, year: 2015, content: body, author: '导入', file: 'old.html' }),
    ).toEqual({
      status: 'imported',
      revision: 1,
    });
    expect(
      a.storeImported({ unitId, year: 2015, content: body, author: '导入', file: 'old.html' }),
    ).toEqual({
      status: 'unchanged',
      revision: 1,
    });
    expect(a.openReport({ unitId, year: 2015 })).toMatchObject({
      legacy: true,
      year: 2015,
      revision: 1,
      title: body.title,
      text: body.text,
      locked: false,
    });
    expect(a.openRevision({ unitId, year: 2015, revision: 1 })).toEqual({
      legacy: true,
      title: body.title,
      text: body.text,
    });
    expect(a.listYears({ unitId })).toEqual([
      expect.objectContaining({
        year: 2015,
        format: null,
        status: '旧格式',
        errors: 0,
        warnings: 0,
        title: body.title,
      }),
    ]);
    // a new import of changed text is a new revision
    expect(
      a.storeImported({
        unitId,
        year: 2015,
        content: { ...body, text: `${body.text}\n补充` },
        author: '导入',
        file: 'new.html',
        replace: true,
      }),
    ).toEqual({
      status: 'imported',
      revision: 2,
    });
  });

  it('refuses structured content for 2015 and text only for 2019+', async () => {
    const { archive: a, unitId } = await withUnit();
    const as2015 = { ...balancedReport(2021), year: 2015 };
    apiError(
      () => a.storeImported({ unitId, year: 2015, content: as2015, author: 'x', file: 'f' }),
      'INVALID',
    );
    const e = apiError(
      () =>
        a.storeImported({
          unitId,
          year: 2021,
          content: legacyBody('t', 'x'),
          author: 'x',
          file: 'f',
        }),
      'INVALID',
    );
    expect(e.message).toContain('2021');
    expect(a.listYears({ unitId })).toEqual([]);
  });

  it('a legacy year cannot be saved as a structured report', async () => {
    const { archive: a, unitId } = await withUnit();
    a.storeImported({ unitId, year: 2015, content: legacyBody('t', 'x'), author: 'x', file: 'f' });
    apiError(
      () =>
        a.saveReport({
          unitId,
          year: 2015,
          report: { ...balancedReport(2021), year: 2015 },
          reason: 'save',
          author: 'x',
        }),
      'INVALID',
    );
    apiError(
      () =>
        a.writeJournal({
          unitId,
          year: 2015,
          report: { ...balancedReport(2021), year: 2015 },
          author: 'x',
        }),
      'INVALID',
    );
  });
});

describe('listYears summaries', () => {
  it('the real sample: its errors counted, status 草稿; a balanced report 待定稿', async () => {
    const { archive: a, unitId } = await withUnit();
    const sample = sampleReport();
    a.storeImported({ unitId, year: 2020, content: sample, author: 'x', file: 'sample.txt' });
    a.storeImported({ unitId, year: 2021, content: balancedReport(2021), author: 'x', file: 'f' });
    const years = a.listYears({ unitId });
    expect(years.map((y) => y.year)).toEqual([2021, 2020]);
    const y2020 = years[1]!;
    const check2020 = a.checkReport({ unitId, year: 2020 });
    expect(y2020).toMatchObject({
      format: '2019',
      status: '草稿',
      errors: check2020.errors,
      warnings: check2020.warnings,
      title: sample.title,
      revision: 1,
      locked: false,
      pending: false,
    });
    expect(y2020.errors).toBeGreaterThan(0);
    // its missing section 四 is among the findings
    expect(
      check2020.findings.filter((f) => f.code === 'SECTION_MISSING').map((f) => f.location),
    ).toEqual([{ section: '四' }]);
    expect(check2020.findings.some((f) => f.code === 'TABLE_INCOMPLETE')).toBe(true);
    const check2021 = a.checkReport({ unitId, year: 2021 });
    expect(years[0]).toMatchObject({ errors: check2021.errors, warnings: check2021.warnings });
    expect(check2021.priorYear).toBe(2020);
  });

  it("saving the prior year updates a finalised year's counts but keeps it 已定稿", async () => {
    const { archive: a, unitId } = await withUnit();
    const current = balancedReport(2021);
    const prior = priorOf(current);
    a.storeImported({ unitId, year: 2020, content: prior, author: 'x', file: 'f' });
    a.storeImported({ unitId, year: 2021, content: current, author: 'x', file: 'f' });
    a.storeFinalisation({ unitId, year: 2021, by: 'x' });
    const changed = clone(prior);
    setCell(changed, '三', T3_BLOCK_ID, 'carryNext', 'natural', '999');
    a.saveReport({ unitId, year: 2020, report: changed, reason: 'save', author: 'x' });
    const y2021 = a.listYears({ unitId }).find((y) => y.year === 2021)!;
    expect(y2021).toMatchObject({ status: '已定稿', locked: true });
    expect(y2021.warnings).toBe(a.checkReport({ unitId, year: 2021 }).warnings);
    expect(y2021.warnings).toBeGreaterThan(0);
  });

  it('an unknown unit → NOT_FOUND; a unit without reports → []', async () => {
    const { archive: a, unitId } = await withUnit();
    expect(a.listYears({ unitId })).toEqual([]);
    apiError(() => a.listYears({ unitId: 'u-none' }), 'NOT_FOUND');
  });
});

describe('a full disk', () => {
  it('refuses the write with a Chinese message, keeps what was there, and works again with room', async () => {
    const { archive: a, unitId } = await withUnit();
    a.storeImported({ unitId, year: 2021, content: balancedReport(2021), author: 'x', file: 'f' });
    // SQLite reports a full disk (SQLITE_FULL) when the file may not grow: the same path
    const raw = (a as unknown as { store: { db: import('better-sqlite3').Database } }).store.db;
    const pages = raw.pragma('page_count', { simple: true }) as number;
    raw.pragma(`max_page_count = ${pages}`);
    const big = edited(balancedReport(2021), '很长的正文。'.repeat(16000));
    const error = apiError(
      () => a.saveReport({ unitId, year: 2021, report: big, reason: 'save', author: 'x' }),
      'FAILED',
    );
    expect(error.message).toContain('磁盘空间不足');
    apiError(() => a.writeJournal({ unitId, year: 2021, report: big, author: 'x' }), 'FAILED');
    expect(a.history({ unitId, year: 2021 })).toHaveLength(1);
    expect(a.verify().ok).toBe(true);
    raw.pragma(`max_page_count = ${pages * 100}`);
    expect(a.saveReport({ unitId, year: 2021, report: big, reason: 'save', author: 'x' })).toEqual({
      revision: 2,
      created: true,
    });
  });
});
