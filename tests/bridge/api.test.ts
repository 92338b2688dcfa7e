// The typed API over the HTTP bridge (electron/bridge/server.ts) on a real archive in this
// process: round trips, errors and their statuses, bytes both ways (renderPdf, verifyPdf), the
// NDJSON progress stream of importUpload, and cancellation when the client goes away.
import http from 'node:http';
import { describe, expect, it } from 'vitest';
import {
  ApiError,
  type ApiService,
  type ImportProgress,
  type ImportSummary,
  type RenderedPdf,
  type UnitInfo,
  type VerifyPdfResult,
} from '../../core/api';
import { serialiseReport } from '../../core/file';
import { fromWire, toWire } from '../../core/wire';
import { statusOf } from '../../electron/bridge/server';
import { balancedReport } from '../helpers/reports';
import { archiveApi, cookieOf, post, spyApi, startBridge } from './helpers';

const HAN = /\p{Script=Han}/u;
const SLOW = 180_000;

/** A unit name of six CJK characters unlike any other index's (no "resembling" names). */
function distinctName(i: number): string {
  const chars = [0, 1, 2, 3, 4, 5].map((k) => 0x4e00 + (((i * 6 + k) * 2654435761) % 20000));
  return `${String.fromCodePoint(...chars)}局`;
}

/** n report files (.nianbao.json), each of its own unit. */
function reportFiles(n: number): { name: string; data: Uint8Array }[] {
  const encoder = new TextEncoder();
  return Array.from({ length: n }, (_, i) => ({
    name: `报告/${String(i).padStart(3, '0')}.nianbao.json`,
    data: encoder.encode(
      serialiseReport(balancedReport(2021, { unitName: distinctName(i), kind: '部门' })),
    ),
  }));
}

type Line =
  | { progress: ImportProgress }
  | { result: ImportSummary }
  | { error: { code: string; message: string } };

function lines(text: string): Line[] {
  expect(text.endsWith('\n')).toBe(true);
  return text
    .trim()
    .split('\n')
    .map((l) => fromWire(l) as Line);
}

describe('the API over HTTP', () => {
  it('creates a unit and lists it (wire JSON both ways)', async () => {
    const { api } = await archiveApi();
    const bridge = await startBridge({ api });
    const created = await post(bridge, 'createUnit', toWire({ name: '某县财政局', kind: '部门' }));
    expect(created.status).toBe(200);
    expect(created.headers['content-type']).toBe('application/json; charset=utf-8');
    const unit = JSON.parse(created.text) as UnitInfo;
    expect(unit).toMatchObject({ name: '某县财政局', kind: '部门', years: [] });
    const listed = await post(bridge, 'listUnits');
    expect(listed.status).toBe(200);
    expect((JSON.parse(listed.text) as UnitInfo[]).map((u) => [u.id, u.name])).toEqual([
      [unit.id, '某县财政局'],
    ]);
    // an empty body is an empty payload
    expect((await post(bridge, 'listUnits', '')).status).toBe(200);
  });

  it('answers 400 with a Chinese message to an invalid payload or bad JSON', async () => {
    const { api } = await archiveApi();
    const bridge = await startBridge({ api });
    const blank = await post(bridge, 'createUnit', toWire({ name: '   ' }));
    expect(blank.status).toBe(400);
    const e = JSON.parse(blank.text) as { error: { code: string; message: string } };
    expect(e.error.code).toBe('INVALID');
    expect(e.error.message).toMatch(HAN);
    expect(e.error.message).toContain('单位名称不能为空');
    const year = await post(bridge, 'openReport', toWire({ unitId: 'u-1', year: '2024' }));
    expect(year.status).toBe(400);
    expect(JSON.parse(year.text).error.message).toContain('year');
    const bad = await post(bridge, 'listUnits', '{"a":');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text).error).toMatchObject({ code: 'INVALID' });
    expect(JSON.parse(bad.text).error.message).toMatch(HAN);
    // nothing was created
    expect(JSON.parse((await post(bridge, 'listUnits')).text)).toEqual([]);
  });

  it('answers 404 to an unknown method (object keys included)', async () => {
    const spy = spyApi();
    const bridge = await startBridge({ api: spy.api });
    for (const method of ['nothing', 'constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const r = await post(bridge, method);
      expect(r.status, method).toBe(404);
      expect(JSON.parse(r.text).error.code).toBe('NOT_FOUND');
      expect(JSON.parse(r.text).error.message).toMatch(HAN);
    }
    expect(spy.calls).toEqual([]);
  });

  it('gives an ApiError its status and code: NOT_FOUND 404, CONFLICT 409', async () => {
    const { api } = await archiveApi();
    const bridge = await startBridge({ api });
    const missing = await post(bridge, 'openReport', toWire({ unitId: 'u-none', year: 2024 }));
    expect(missing.status).toBe(404);
    const e = JSON.parse(missing.text) as { error: { code: string; message: string } };
    expect(e.error.code).toBe('NOT_FOUND');
    expect(e.error.message).toMatch(HAN);
    const unit = JSON.parse(
      (await post(bridge, 'createUnit', toWire({ name: '某县财政局' }))).text,
    ) as UnitInfo;
    const first = await post(bridge, 'createReport', toWire({ unitId: unit.id, year: 2024 }));
    expect(first.status).toBe(200);
    const again = await post(bridge, 'createReport', toWire({ unitId: unit.id, year: 2024 }));
    expect(again.status).toBe(409);
    expect(JSON.parse(again.text).error.code).toBe('CONFLICT');

    expect(
      Object.fromEntries(
        (
          [
            'INVALID',
            'NOT_FOUND',
            'CONFLICT',
            'LOCKED',
            'BUSY',
            'CORRUPT',
            'NOT_ARCHIVE',
            'NEWER_VERSION',
            'FAILED',
          ] as const
        ).map((c) => [c, statusOf(c)]),
      ),
    ).toEqual({
      INVALID: 400,
      NOT_FOUND: 404,
      CONFLICT: 409,
      LOCKED: 409,
      BUSY: 503,
      // the archive's state is no fault of the program: not a 500 (issue 17, item 15)
      CORRUPT: 422,
      NOT_ARCHIVE: 422,
      NEWER_VERSION: 409,
      FAILED: 500,
    });
  });

  it('answers 500 FAILED in Chinese to an unexpected error, logs the stack and never sends it', async () => {
    const logged: string[] = [];
    const spy = spyApi((method) => {
      if (method === 'listUnits') throw new TypeError('secret detail at /home/x/db.ts:12');
      if (method === 'backup') throw new ApiError('BUSY', '档案库正被另一个程序使用。');
      return undefined;
    });
    const bridge = await startBridge({ api: spy.api, log: (m) => logged.push(m) });
    const r = await post(bridge, 'listUnits');
    expect(r.status).toBe(500);
    const e = JSON.parse(r.text) as { error: { code: string; message: string } };
    expect(e.error.code).toBe('FAILED');
    expect(e.error.message).toMatch(HAN);
    expect(r.text).not.toContain('secret detail');
    expect(r.text).not.toContain('TypeError');
    expect(logged.join('\n')).toContain('secret detail');
    expect(logged.join('\n')).toContain('TypeError');
    // an ApiError is the caller's business: not logged
    const busy = await post(bridge, 'backup');
    expect(busy.status).toBe(503);
    expect(JSON.parse(busy.text).error).toEqual({
      code: 'BUSY',
      message: '档案库正被另一个程序使用。',
    });
    expect(logged).toHaveLength(1);
    // a method that returns nothing answers null
    const journal = await post(bridge, 'verify');
    expect(journal.status).toBe(200);
    expect(journal.text).toBe('null');
  });

  it(
    'sends bytes both ways: renderPdf gives a PDF, verifyPdf receives it intact',
    async () => {
      const { api } = await archiveApi();
      const bridge = await startBridge({ api });
      const r = await post(bridge, 'renderPdf', toWire({ source: { report: balancedReport() } }));
      expect(r.status).toBe(200);
      expect(r.text).toContain('"$bytes"');
      const rendered = fromWire(r.text) as RenderedPdf;
      expect(rendered.pdf).toBeInstanceOf(Uint8Array);
      expect(new TextDecoder().decode(rendered.pdf.subarray(0, 5))).toBe('%PDF-');
      expect(rendered.pages).toBeGreaterThan(1);
      const v = await post(bridge, 'verifyPdf', toWire({ pdf: rendered.pdf }));
      expect(v.status).toBe(200);
      const verified = fromWire(v.text) as VerifyPdfResult;
      // the bytes arrived exactly: same SHA-256 as rendered; no finalised report has them
      expect(verified.sha256).toBe(rendered.sha256);
      expect(verified.match).toBeNull();
      // a byte array that is not base64 is bad JSON for the wire
      const broken = await post(bridge, 'verifyPdf', '{"pdf":{"$bytes":"%%%"}}');
      expect(broken.status).toBe(400);
    },
    SLOW,
  );
});

describe('importUpload over HTTP: progress and cancellation', () => {
  it(
    'streams NDJSON progress lines in order, then the result',
    async () => {
      const { api } = await archiveApi();
      const bridge = await startBridge({ api });
      const files = reportFiles(3);
      const r = await post(bridge, 'importUpload', toWire({ files, author: '张三' }));
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
      const got = lines(r.text);
      const progress = got.slice(0, -1).map((l) => (l as { progress: ImportProgress }).progress);
      expect(progress).toEqual([
        { done: 0, total: 3, file: files[0]!.name },
        { done: 1, total: 3, file: files[1]!.name },
        { done: 2, total: 3, file: files[2]!.name },
        { done: 3, total: 3, file: '' },
      ]);
      const last = got.at(-1) as { result: ImportSummary };
      expect(last.result.imported).toBe(3);
      expect(last.result.results.map((x) => x.status)).toEqual([
        'imported',
        'imported',
        'imported',
      ]);
      const units = JSON.parse((await post(bridge, 'listUnits')).text) as UnitInfo[];
      expect(units.map((u) => u.name).sort()).toEqual([0, 1, 2].map(distinctName).sort());
      expect(units.every((u) => u.years.includes(2021))).toBe(true);
    },
    SLOW,
  );

  it('refuses an invalid import before streaming (400), and streams an error line after progress', async () => {
    const spy = spyApi(async (method, _payload, onProgress) => {
      if (method !== 'importUpload') return {};
      (onProgress as (p: ImportProgress) => void)({ done: 0, total: 2, file: 'a.docx' });
      throw new ApiError('BUSY', '档案库正忙，请稍后再试。');
    });
    const bridge = await startBridge({ api: spy.api });
    const empty = await post(bridge, 'importUpload', toWire({ files: [] }));
    expect(empty.status).toBe(400);
    expect(empty.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(empty.text).error.message).toContain('请选择要导入的文件');
    expect(spy.calls).toEqual([]);

    const file = { name: 'a.docx', data: new Uint8Array([1, 2, 3]) };
    const r = await post(bridge, 'importUpload', toWire({ files: [file] }));
    expect(r.status).toBe(200);
    expect(lines(r.text)).toEqual([
      { progress: { done: 0, total: 2, file: 'a.docx' } },
      { error: { code: 'BUSY', message: '档案库正忙，请稍后再试。' } },
    ]);
    // the bytes reached the API as bytes
    const payload = spy.calls[0]!.payload as { files: { data: Uint8Array }[] };
    expect(payload.files[0]!.data).toEqual(new Uint8Array([1, 2, 3]));
  });

  it(
    'stops the import between files when the client goes away',
    async () => {
      const { api } = await archiveApi();
      let summary: Promise<ImportSummary> | null = null;
      let signal: AbortSignal | null = null;
      // the real API, watched: the import's own summary says where it stopped
      const watched: ApiService = {
        ...api,
        importUpload: (p, onProgress, s) => {
          signal = s as AbortSignal;
          summary = api.importUpload(p, onProgress, s);
          return summary;
        },
      };
      const bridge = await startBridge({ api: watched });
      const files = reportFiles(150);
      const body = Buffer.from(toWire({ files }));
      const firstLine = await new Promise<string>((resolve, reject) => {
        const req = http.request(
          {
            host: '127.0.0.1',
            port: bridge.port,
            method: 'POST',
            path: '/api/importUpload',
            headers: {
              Cookie: cookieOf(bridge),
              'Content-Type': 'application/json',
              'Content-Length': body.length,
            },
          },
          (res) => {
            let text = '';
            res.on('data', (c: Buffer) => {
              text += c.toString('utf8');
              const nl = text.indexOf('\n');
              if (nl >= 0) {
                req.destroy(); // the user pressed 取消 (the fetch was aborted)
                resolve(text.slice(0, nl));
              }
            });
          },
        );
        req.on('error', (error) => {
          if (!req.destroyed) reject(error);
        });
        req.end(body);
      });
      expect(fromWire(firstLine)).toEqual({
        progress: { done: 0, total: 150, file: files[0]!.name },
      });
      expect(summary).not.toBeNull();
      const result = await summary!;
      expect(signal!.aborted).toBe(true);
      // stopped early: what was imported stays, the rest was not touched
      expect(result.results.length).toBeGreaterThan(0);
      expect(result.results.length).toBeLessThan(files.length);
      const units = await api.listUnits();
      expect(units).toHaveLength(result.imported);
      expect(result.imported).toBeLessThan(files.length);
    },
    SLOW,
  );
});
