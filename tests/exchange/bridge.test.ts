/**
 * The exchange file over the HTTP bridge (the browser mode's transport): exportExchange hands
 * the file's bytes back, importExchange streams its progress as NDJSON and takes a body past
 * the 16 MB of an ordinary call (a batch of exchange files with their 定稿 PDFs), as importUpload.
 */
import { describe, expect, it } from 'vitest';
import { MAX_CALL_BYTES } from '../../electron/bridge/server';
import { fromWire, toWire } from '../../core/wire';
import type { ExchangeFile, ExchangeSummary } from '../../core/exchange';
import { post, spyApi, startBridge, archiveApi } from '../bridge/helpers';

const SLOW = 120_000;

describe('exchange over the bridge', () => {
  it(
    'exports a report and imports the file back, progress streamed',
    async () => {
      const { api } = await archiveApi();
      const bridge = await startBridge({ api });
      const unit = await api.createUnit({
        name: '清河县财政局',
        kind: '部门',
        parentId: null,
        author: '张三',
      });
      await api.createReport({ unitId: unit.id, year: 2025, author: '张三' });
      const exported = await post(
        bridge,
        'exportExchange',
        toWire({ unitId: unit.id, year: 2025 }),
      );
      expect(exported.status).toBe(200);
      const file = fromWire(exported.text) as ExchangeFile;
      expect(file.fileName).toBe('清河县财政局-2025.nianbao');
      expect(file.data).toBeInstanceOf(Uint8Array);

      const r = await post(
        bridge,
        'importExchange',
        toWire({ files: [{ name: file.fileName, data: file.data }], author: '李四' }),
      );
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
      const got = r.text
        .trim()
        .split('\n')
        .map((l) => fromWire(l) as { progress?: unknown; result?: ExchangeSummary });
      expect(got[0]).toEqual({ progress: { done: 0, total: 1, file: file.fileName } });
      // the same report: nothing added
      expect(got.at(-1)!.result).toMatchObject({ identical: 1, added: 0, refused: 0 });
    },
    SLOW,
  );

  it('takes an import body larger than an ordinary call’s limit', async () => {
    const spy = spyApi(async () => ({
      results: [],
      added: 0,
      identical: 0,
      refused: 0,
      needsUnit: 0,
    }));
    const bridge = await startBridge({ api: spy.api });
    const big = new Uint8Array(MAX_CALL_BYTES); // base64 makes it a third larger
    const r = await post(
      bridge,
      'importExchange',
      toWire({ files: [{ name: 'a.nianbao', data: big }] }),
    );
    expect(r.status).toBe(200);
    expect(spy.calls.map((c) => c.method)).toEqual(['importExchange']);
    const other = await post(bridge, 'verifyPdf', toWire({ pdf: big }));
    expect(other.status).toBe(413);
  });
});
