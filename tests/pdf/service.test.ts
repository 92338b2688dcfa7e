// The PDF half of the typed API (electron/services/pdf/service.ts): renderPdf of a report given
// as payload and of archived revisions, finaliseReport (定稿), verifyPdf and fonts — through an
// archive in this process and through the database worker plus the PDF worker, as the app runs
// them. Fonts are always the bundled ones (fontDirs: []), so every machine renders alike.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import {
  API_METHODS,
  ApiError,
  validatedApi,
  type NianbaoApi,
  type UnitInfo,
} from '../../core/api';
import { decide, runChecks } from '../../core/checks';
import { T3_BLOCK_ID } from '../../core/formats/common';
import type { Report } from '../../core/model';
import { openArchiveWorker, type ArchiveConnection } from '../../electron/services/archive/client';
import { openArchiveInProcess } from '../../electron/services/archive/in-process';
import { openPdfWorker } from '../../electron/services/pdf/client';
import {
  composeService,
  createPdfRenderer,
  createPdfApi,
  type PdfRenderer,
} from '../../electron/services/pdf/service';
import { Clock, apiErrorAsync } from '../helpers/archive';
import { pdfInfo, renderPages } from '../helpers/pdf';
import { balancedReport, clone, setCell } from '../helpers/reports';

const AUTHOR = '张三';
const BUNDLED = { fontDirs: [] as string[] };
/** Renders take seconds on a busy machine; a test renders several times. */
const SLOW = 180_000;

type Mode = 'in-process' | 'worker';

interface Harness {
  readonly api: NianbaoApi;
  /** The archive's clock (in-process only; the worker uses the real time). */
  readonly clock: Clock | null;
  /** Moves the clock on (a minute), so that every revision has its own time. */
  tick(): void;
}

/**
 * The whole API over a new archive file: the archive and the renderer in this process, or the
 * database worker and the PDF worker (the app's arrangement). Closed after the test.
 */
async function harness(mode: Mode): Promise<Harness> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-pdf-service-'));
  const file = path.join(dir, 'archive.sqlite');
  const clock = mode === 'in-process' ? new Clock('2022-01-25T10:00:00') : null;
  let connection: ArchiveConnection | null = null;
  let renderer: PdfRenderer | null = null;
  onTestFinished(async () => {
    await connection?.close();
    await renderer?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  connection =
    mode === 'in-process'
      ? await openArchiveInProcess(file, { now: clock!.now })
      : await openArchiveWorker(file);
  expect(connection.openError).toBeNull();
  renderer = mode === 'in-process' ? createPdfRenderer(BUNDLED) : openPdfWorker(BUNDLED);
  return {
    api: validatedApi(composeService(connection, renderer), API_METHODS),
    clock,
    tick: () => clock?.advance(60_000),
  };
}

/**
 * Creates the report's unit and its year (revision 1: a blank report), then saves each report
 * in turn (revisions 2, 3…).
 */
async function addReport(h: Harness, ...reports: Report[]): Promise<UnitInfo> {
  const first = reports[0]!;
  const unit = await h.api.createUnit({ name: first.unit.name, kind: first.unit.kind });
  h.tick();
  await h.api.createReport({ unitId: unit.id, year: first.year, author: AUTHOR });
  for (const report of reports) {
    h.tick();
    await h.api.saveReport({
      unitId: unit.id,
      year: report.year,
      report: { ...report, unit: { ...report.unit, id: unit.id } },
      author: AUTHOR,
    });
  }
  return unit;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

/** A clean report with two T3 cells broken: T3_RESULT_TOTAL and T3_ROW_TOTAL errors. */
function brokenReport(): Report {
  const report = clone(balancedReport(2021));
  setCell(report, '三', T3_BLOCK_ID, 'granted', 'natural', '999');
  return report;
}

/** The codes of the report's errors, as the checks find them (no prior year). */
function errorCodes(report: Report): string[] {
  return runChecks(report)
    .filter((f) => f.severity === 'error')
    .map((f) => f.code)
    .sort();
}

/** Every error of the report overridden with a reason. */
function overridden(report: Report): Report {
  const findings = runChecks(report);
  let out = report;
  for (const f of findings.filter((x) => x.severity === 'error')) {
    out = decide(
      out,
      f,
      'override',
      '数据经复核无误，系统计算口径不同。',
      { by: AUTHOR },
      findings,
    );
  }
  return out;
}

/** The PDF's creation date (pdfinfo) in milliseconds since the epoch. */
async function creationTime(pdf: Uint8Array): Promise<number> {
  const info = await pdfInfo(pdf);
  expect(info.creationDate, 'the PDF states a creation date').toBeDefined();
  return new Date(info.creationDate!).getTime();
}

/** An ISO time as a PDF date holds it (whole seconds). */
const toSecond = (iso: string) => Math.floor(new Date(iso).getTime() / 1000) * 1000;

/**
 * Light grey pixels per page at 30 dpi: the 草稿 watermark (black at 9 % opacity, drawn as
 * outlines, so invisible to pdftotext) adds thousands of them to every page.
 */
async function lightGrey(pdf: Uint8Array): Promise<number[]> {
  const pages = await renderPages(pdf, { dpi: 30 });
  return pages.map((p) => {
    let n = 0;
    for (let i = 0; i < p.data.length; i += 4) {
      const g = p.data[i]!;
      if (g >= 215 && g <= 245) n++;
    }
    return n;
  });
}

/** The watermark is on every page of `draft` and on no page of `final` (same content). */
async function expectWatermarkOnlyOn(draft: Uint8Array, final: Uint8Array) {
  const withMark = await lightGrey(draft);
  const without = await lightGrey(final);
  expect(withMark).toHaveLength(without.length);
  withMark.forEach((n, i) => {
    expect(n - without[i]!, `page ${i + 1}: watermark pixels`).toBeGreaterThan(1000);
  });
}

// ---------------------------------------------------------------------------------------------

describe.each<Mode>(['in-process', 'worker'])('the PDF API (%s)', (mode) => {
  it(
    'renders a report given as payload: a draft listing its open errors, or a final copy',
    async () => {
      const { api } = await harness(mode);
      const clean = balancedReport(2021);
      const final = await api.renderPdf({ source: { report: clean } });
      expect(final).toMatchObject({
        draft: false,
        openErrors: [],
        finalised: false,
        revision: null,
      });
      expect(final.sha256).toBe(sha256(final.pdf));
      expect(final.pages).toBeGreaterThanOrEqual(1);
      const info = await pdfInfo(final.pdf);
      expect(info.pages).toBe(final.pages);
      expect(info.pageSizes[0]).toMatchObject({ width: 595.276, height: 841.89 });
      // outside the archive the PDF is dated by its 成文日期 (2022年1月20日)
      expect(await creationTime(final.pdf)).toBe(Date.UTC(2022, 0, 20));
      // every official font is missing here: all five roles stand in
      expect(final.standIns).toHaveLength(5);
      for (const note of final.standIns) expect(note).toMatch(/\p{Script=Han}.* → Noto/u);

      const broken = brokenReport();
      const draft = await api.renderPdf({ source: { report: broken } });
      expect(draft).toMatchObject({ draft: true, finalised: false, revision: null });
      expect(draft.sha256).toBe(sha256(draft.pdf));
      expect(draft.openErrors.map((e) => e.code).sort()).toEqual(errorCodes(broken));
      expect(errorCodes(broken)).toEqual(['T3_RESULT_TOTAL', 'T3_ROW_TOTAL']);
      for (const e of draft.openErrors) expect(e.message).toMatch(/\p{Script=Han}/u);
      await expectWatermarkOnlyOn(draft.pdf, final.pdf);
    },
    SLOW,
  );

  it('refuses a payload that is not a report with INVALID and a Chinese message', async () => {
    const { api } = await harness(mode);
    const bad: unknown[] = [
      { source: { report: { title: '某局2021年政府信息公开工作年度报告' } } },
      { source: { report: '某局2021年政府信息公开工作年度报告' } },
      { source: {} },
      {},
      { source: { report: balancedReport(2021) }, pageNumbers: 'left' },
      { source: { unitId: 'u1', year: 2021, revision: 0 } },
    ];
    for (const payload of bad) {
      const e = await apiErrorAsync(() => api.renderPdf(payload as never), 'INVALID');
      expect(e.message).toMatch(/^请求的数据无效/u);
    }
  });

  it(
    'renders archived revisions: the newest by default or a given one, dated by the revision, the same bytes every time',
    async () => {
      const h = await harness(mode);
      const { api } = h;
      const clean = balancedReport(2021);
      // revision 1: blank (createReport), 2: clean, 3: broken
      const unit = await addReport(h, clean, brokenReport());
      const history = await api.history({ unitId: unit.id, year: 2021 });
      expect(history.map((r) => r.revision)).toEqual([3, 2, 1]);
      const at = (n: number) => history.find((r) => r.revision === n)!.at;

      const newest = await api.renderPdf({ source: { unitId: unit.id, year: 2021 } });
      expect(newest).toMatchObject({ revision: 3, draft: true, finalised: false });
      expect(newest.openErrors.map((e) => e.code).sort()).toEqual(errorCodes(brokenReport()));
      expect(newest.sha256).toBe(sha256(newest.pdf));
      expect(await creationTime(newest.pdf)).toBe(toSecond(at(3)));

      const second = await api.renderPdf({ source: { unitId: unit.id, year: 2021, revision: 2 } });
      expect(second).toMatchObject({ revision: 2, draft: false, openErrors: [], finalised: false });
      expect(await creationTime(second.pdf)).toBe(toSecond(at(2)));
      if (h.clock) expect(at(2)).not.toBe(at(3));
      // deterministic: the same revision renders to the same bytes
      const again = await api.renderPdf({ source: { unitId: unit.id, year: 2021, revision: 2 } });
      expect(same(again.pdf, second.pdf)).toBe(true);
      expect(again.sha256).toBe(second.sha256);

      // the blank report of revision 1: a draft with every cell blank, the list capped at 20
      const blank = await api.renderPdf({ source: { unitId: unit.id, year: 2021, revision: 1 } });
      expect(blank).toMatchObject({ revision: 1, draft: true });
      expect(blank.openErrors).toHaveLength(20);

      await apiErrorAsync(
        () => api.renderPdf({ source: { unitId: unit.id, year: 2021, revision: 9 } }),
        'NOT_FOUND',
      );
      await apiErrorAsync(
        () => api.renderPdf({ source: { unitId: unit.id, year: 2022 } }),
        'NOT_FOUND',
      );
    },
    SLOW,
  );

  it('refuses to finalise while errors are open, listing them; nothing is stored', async () => {
    const h = await harness(mode);
    const { api } = h;
    const broken = brokenReport();
    const unit = await addReport(h, broken);
    const e = await apiErrorAsync(
      () => api.finaliseReport({ unitId: unit.id, year: 2021, author: AUTHOR }),
      'CONFLICT',
    );
    for (const code of errorCodes(broken)) expect(e.message).toContain(code);
    expect(e.message).toMatch(/不能定稿/u);

    const opened = await api.openReport({ unitId: unit.id, year: 2021 });
    expect(opened).toMatchObject({ locked: false, finalisation: null, revision: 2 });
    expect((await api.history({ unitId: unit.id, year: 2021 })).some((r) => r.finalised)).toBe(
      false,
    );
    // still editable
    h.tick();
    const clean = balancedReport(2021);
    const saved = await api.saveReport({
      unitId: unit.id,
      year: 2021,
      report: { ...clean, unit: { ...clean.unit, id: unit.id } },
      author: AUTHOR,
    });
    expect(saved).toEqual({ revision: 3, created: true });
  });

  it(
    'finalises a clean report: the archived bytes are the signed copy, the report is locked until reopened',
    async () => {
      const h = await harness(mode);
      const { api } = h;
      const clean = balancedReport(2021);
      const unit = await addReport(h, clean);
      h.tick();
      const done = await api.finaliseReport({ unitId: unit.id, year: 2021, author: AUTHOR });
      expect(done).toMatchObject({ revision: 2, by: AUTHOR });
      expect(done.sha256).toBe(sha256(done.pdf));
      expect(done.pages).toBeGreaterThanOrEqual(1);
      expect((await pdfInfo(done.pdf)).pages).toBe(done.pages);
      if (h.clock) expect(done.at).toBe(h.clock.now().toISOString());

      // locked
      const opened = await api.openReport({ unitId: unit.id, year: 2021 });
      expect(opened).toMatchObject({
        locked: true,
        finalisation: { revision: 2, by: AUTHOR, sha256: done.sha256 },
      });
      await apiErrorAsync(
        () =>
          api.saveReport({
            unitId: unit.id,
            year: 2021,
            report: { ...clean, unit: { ...clean.unit, id: unit.id }, title: '改过的标题' },
            author: AUTHOR,
          }),
        'LOCKED',
      );
      await apiErrorAsync(
        () => api.finaliseReport({ unitId: unit.id, year: 2021, author: AUTHOR }),
        'LOCKED',
      );

      // printing the finalised report gives the archived bytes, not a new render
      const printed = await api.renderPdf({ source: { unitId: unit.id, year: 2021 } });
      expect(printed).toMatchObject({
        finalised: true,
        draft: false,
        openErrors: [],
        revision: 2,
        sha256: done.sha256,
        pages: done.pages,
      });
      expect(same(printed.pdf, done.pdf)).toBe(true);
      // a render of that revision on the same machine with the same fonts is byte-identical
      const fresh = await api.renderPdf({ source: { unitId: unit.id, year: 2021, revision: 2 } });
      expect(fresh.finalised).toBe(false);
      expect(same(fresh.pdf, done.pdf)).toBe(true);

      // verifyPdf: the signed file is found; a changed byte or a draft is not
      const found = await api.verifyPdf({ pdf: done.pdf });
      expect(found).toEqual({
        sha256: done.sha256,
        match: {
          unitId: unit.id,
          unitName: unit.name,
          year: 2021,
          revision: 2,
          at: done.at,
          by: AUTHOR,
          reopened: false,
        },
      });
      const tampered = new Uint8Array(done.pdf);
      const at = Math.floor(tampered.length / 2);
      tampered[at] = tampered[at]! ^ 0x01;
      const changed = await api.verifyPdf({ pdf: tampered });
      expect(changed.match).toBeNull();
      expect(changed.sha256).toBe(sha256(tampered));
      expect(changed.sha256).not.toBe(done.sha256);
      const draft = await api.renderPdf({ source: { report: brokenReport() } });
      expect((await api.verifyPdf({ pdf: draft.pdf })).match).toBeNull();

      // reopened: a new revision renders fresh; the signed copy is still known, as reopened
      h.tick();
      const reopened = await api.reopenReport({
        unitId: unit.id,
        year: 2021,
        reason: '上级要求补充说明',
        author: AUTHOR,
      });
      expect(reopened).toEqual({ revision: 3, created: true });
      expect(await api.openReport({ unitId: unit.id, year: 2021 })).toMatchObject({
        locked: false,
      });
      const after = await api.renderPdf({ source: { unitId: unit.id, year: 2021 } });
      expect(after).toMatchObject({ finalised: false, draft: false, revision: 3 });
      const reopenAt = (await api.history({ unitId: unit.id, year: 2021 }))[0]!;
      expect(reopenAt).toMatchObject({ revision: 3, reason: 'reopen' });
      expect(await creationTime(after.pdf)).toBe(toSecond(reopenAt.at));
      // a minute later than the finalised revision: another creation date, other bytes
      if (h.clock) expect(same(after.pdf, done.pdf)).toBe(false);
      expect((await api.verifyPdf({ pdf: done.pdf })).match).toMatchObject({
        unitId: unit.id,
        year: 2021,
        revision: 2,
        reopened: true,
      });
      // editable again
      h.tick();
      const saved = await api.saveReport({
        unitId: unit.id,
        year: 2021,
        report: { ...clean, unit: { ...clean.unit, id: unit.id }, title: `${clean.title}（修订）` },
        author: AUTHOR,
      });
      expect(saved).toEqual({ revision: 4, created: true });
    },
    SLOW,
  );

  it(
    'an override with a reason on every open error makes the report final: no watermark, and it can be finalised',
    async () => {
      const h = await harness(mode);
      const { api } = h;
      const broken = brokenReport();
      const decided = overridden(broken);
      expect(decided.decisions).toHaveLength(errorCodes(broken).length);

      const draft = await api.renderPdf({ source: { report: broken } });
      const final = await api.renderPdf({ source: { report: decided } });
      expect(draft.draft).toBe(true);
      expect(final).toMatchObject({ draft: false, openErrors: [] });
      await expectWatermarkOnlyOn(draft.pdf, final.pdf);

      const unit = await addReport(h, decided);
      h.tick();
      const done = await api.finaliseReport({ unitId: unit.id, year: 2021, author: AUTHOR });
      expect(done.revision).toBe(2);
      expect((await api.verifyPdf({ pdf: done.pdf })).match).toMatchObject({
        unitId: unit.id,
        revision: 2,
      });
    },
    SLOW,
  );

  it('fonts: the five roles, all stood in by bundled fonts when no folder is searched', async () => {
    const { api } = await harness(mode);
    const fonts = await api.fonts();
    expect(fonts.roles.map((r) => r.role)).toEqual(['title', 'fangsong', 'hei', 'kai', 'song']);
    for (const role of fonts.roles) {
      expect(role).toMatchObject({ standIn: true, source: 'bundled' });
      expect(role.label).toMatch(/\p{Script=Han}/u);
      expect(role.wanted).toMatch(/\p{Script=Han}/u);
      expect(role.family).toMatch(/^Noto S(erif|ans) SC/u);
      expect(fs.existsSync(role.file)).toBe(true);
    }
    expect(fonts.searched).toEqual([]);
    expect(fonts.fallbacks.length).toBeGreaterThan(0);
  });

  it('verifyPdf refuses an empty file or something that is not bytes', async () => {
    const { api } = await harness(mode);
    const empty = await apiErrorAsync(() => api.verifyPdf({ pdf: new Uint8Array() }), 'INVALID');
    expect(empty.message).toMatch(/PDF 文件是空的/u);
    await apiErrorAsync(() => api.verifyPdf({ pdf: 'JVBERi0=' } as never), 'INVALID');
    // bytes that are no finalised PDF (nor any PDF) simply match nothing
    const none = await api.verifyPdf({ pdf: new TextEncoder().encode('不是 PDF') });
    expect(none.match).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------

describe('the PDF API without an archive (the CLI rendering a file)', () => {
  it(
    'renders a given report; archive sources, finalising and verifying need an archive',
    async () => {
      const renderer = createPdfRenderer(BUNDLED);
      const api = createPdfApi(null, renderer);
      const out = await api.renderPdf({ source: { report: balancedReport(2021) } });
      expect(out.draft).toBe(false);
      for (const call of [
        () => api.renderPdf({ source: { unitId: 'u1', year: 2021 } }),
        () => api.finaliseReport({ unitId: 'u1', year: 2021, author: '王小明' }),
      ]) {
        const e = await apiErrorAsync(call, 'INVALID');
        expect(e.message).toMatch(/档案库/u);
      }
      // verifying is the archive's own method: the PDF API without one has none
      expect('verifyPdf' in api).toBe(false);
    },
    SLOW,
  );
});

// ---------------------------------------------------------------------------------------------

/** balancedReport(2021) with sections 一 and 五 three times as long: about six pages. */
function longReport(): Report {
  const report = balancedReport(2021);
  for (const id of ['一', '五'] as const) {
    const section = report.sections[id]!;
    section.paragraphs = [1, 2, 3].flatMap(() => section.paragraphs);
  }
  return report;
}

/**
 * Runs `work` while a 5 ms interval timer runs on this thread; returns how late the timer fired
 * at worst (the main thread's event-loop delay) and how long the work took.
 */
async function loopDelayDuring<T>(
  work: () => Promise<T>,
): Promise<{ maxDelay: number; took: number; result: T }> {
  const period = 5;
  let last = performance.now();
  let maxDelay = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    maxDelay = Math.max(maxDelay, now - last - period);
    last = now;
  }, period);
  const t0 = performance.now();
  try {
    const result = await work();
    const took = performance.now() - t0;
    // the last stretch: from the last tick to the end of the work
    maxDelay = Math.max(maxDelay, performance.now() - last - period);
    return { maxDelay, took, result };
  } finally {
    clearInterval(timer);
  }
}

describe('the PDF worker', () => {
  it(
    'renders off the main thread: the event loop keeps ticking while a long report renders',
    async () => {
      const report = longReport();
      const worker = openPdfWorker(BUNDLED);
      onTestFinished(() => worker.close());
      const viaWorker = createPdfApi(null, worker);
      // the first render in the worker loads the fonts there: the longest one
      const inWorker = await loopDelayDuring(() =>
        viaWorker.renderPdf({ source: { report }, pageNumbers: 'alternate' }),
      );
      expect(inWorker.result.pages).toBeGreaterThanOrEqual(6);
      expect(inWorker.result.draft).toBe(false);
      expect(inWorker.took, 'the render must take long enough to show anything').toBeGreaterThan(
        150,
      );
      expect(inWorker.maxDelay, `a ${inWorker.took.toFixed(0)} ms render`).toBeLessThan(100);

      // the same render in this thread blocks the loop for about as long as it takes
      const inProcess = createPdfApi(null, createPdfRenderer(BUNDLED));
      const here = await loopDelayDuring(() => inProcess.renderPdf({ source: { report } }));
      expect(same(here.result.pdf, inWorker.result.pdf)).toBe(true);
      expect(here.maxDelay).toBeGreaterThan(inWorker.maxDelay);
    },
    SLOW,
  );

  it('a failing render comes back as an ApiError; a closed worker refuses', async () => {
    const worker = openPdfWorker(BUNDLED);
    onTestFinished(() => worker.close());
    // past the API's validation (the renderer trusts its caller): the worker reports, not crashes
    const error = await worker
      .render({
        report: {} as Report,
        draft: false,
        creationDate: '2022-01-20T00:00:00.000Z',
        pageNumbers: 'alternate',
      })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('FAILED');
    expect((error as ApiError).message).toMatch(/生成 PDF 失败/u);
    // still serving after a failure
    expect((await worker.fonts()).roles).toHaveLength(5);
    await worker.close();
    const closed = await worker.fonts().then(
      () => null,
      (e: unknown) => e,
    );
    expect(closed).toBeInstanceOf(ApiError);
    expect((closed as ApiError).message).toMatch(/\p{Script=Han}/u);
  });

  it('a worker that dies fails its render with a message and is started again by the next one', async () => {
    // A stand-in worker: the first one started exits in the middle of a render; the next serves.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-pdf-worker-'));
    onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }));
    const marker = path.join(dir, 'started-once');
    const script = path.join(dir, 'worker.cjs');
    fs.writeFileSync(
      script,
      `const { parentPort } = require('node:worker_threads');
const fs = require('node:fs');
const first = !fs.existsSync(${JSON.stringify(marker)});
fs.writeFileSync(${JSON.stringify(marker)}, '');
parentPort.on('message', (m) => {
  if (first) process.exit(3);
  parentPort.postMessage({ id: m.id, ok: true, result: { pdf: new Uint8Array([37, 80]), pages: 1 } });
});`,
    );
    const worker = openPdfWorker({ ...BUNDLED, workerPath: script });
    onTestFinished(() => worker.close());
    const request = {
      report: balancedReport(2021),
      draft: false,
      creationDate: '2022-01-20T00:00:00.000Z',
      pageNumbers: 'alternate',
    } as const;
    const died = await worker.render(request).then(
      () => null,
      (e: unknown) => e,
    );
    expect(died).toBeInstanceOf(ApiError);
    expect((died as ApiError).message).toMatch(/意外退出/u);
    const again = await worker.render(request);
    expect(again.pages).toBe(1);
  });
});
