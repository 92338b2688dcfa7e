// Two windows (or browser tabs) on one report (issue 13, item 2), through both transports: the
// HTTP bridge and the Electron IPC handlers (built without Electron). A save or journal write
// based on an older revision is refused with STALE and a Chinese message; the code survives the
// HTTP wire and the IPC reply, and the message alone (what contextBridge passes to the page) is
// still recognised as a conflict.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError, isStale, type ApiService } from '../../core/api';
import { fromWire, toWire } from '../../core/wire';
import type { IpcReply } from '../../electron/main/channels';
import { createIpcHandlers, trustedSenderCheck, type IpcEvent } from '../../electron/main/ipc';
import { openArchiveInProcess } from '../../electron/services/archive/in-process';
import { composeService, createPdfRenderer } from '../../electron/services/pdf/service';
import { archiveApi, post, startBridge } from '../bridge/helpers';
import { tempDir } from '../helpers/archive';
import { balancedReport } from '../helpers/reports';

const report = (text: string) => {
  const r = balancedReport(2021);
  r.sections['六']!.paragraphs = [{ level: 0, text }];
  return r;
};

/** A unit with a 2021 report at revision 1, through the given API. */
async function prepared(api: ApiService): Promise<string> {
  const unit = await api.createUnit({
    name: '某县财政局',
    kind: '部门',
    parentId: null,
    author: '甲',
  });
  await api.createReport({ unitId: unit.id, year: 2021, author: '甲' });
  return unit.id;
}

describe('two windows on one report', () => {
  it('over the HTTP bridge: the second save is STALE (409-like refusal), nothing overwritten', async () => {
    const { api } = await archiveApi();
    const unitId = await prepared(api);
    const bridge = await startBridge({ api });
    const save = (text: string, author: string, base?: number) =>
      post(
        bridge,
        'saveReport',
        toWire({ unitId, year: 2021, report: report(text), author, ...(base ? { base } : {}) }),
      );
    const first = await save('甲窗口的文字', '甲', 1);
    expect(first.status).toBe(200);
    expect(fromWire(first.body.toString())).toEqual({ revision: 2, created: true });
    for (const method of ['saveReport', 'writeJournal']) {
      const stale = await post(
        bridge,
        method,
        toWire({ unitId, year: 2021, report: report('乙窗口的文字'), author: '乙', base: 1 }),
      );
      expect(stale.status).toBeGreaterThanOrEqual(400);
      const { error } = fromWire(stale.body.toString()) as {
        error: { code: string; message: string };
      };
      expect(error.code).toBe('STALE');
      expect(error.message).toContain('已在另一个窗口中保存为第 2 版（操作人：甲）');
      expect(isStale(new ApiError('STALE', error.message))).toBe(true);
    }
    const opened = await api.openReport({ unitId, year: 2021 });
    expect(opened.revision).toBe(2);
    expect(!opened.legacy && opened.report.sections['六']!.paragraphs[0]!.text).toBe(
      '甲窗口的文字',
    );
    expect(opened.legacy || opened.recovered).toBe(false);
    // keeping its own (no base): a new revision, the other stays in history
    expect(fromWire((await save('乙窗口的文字', '乙')).body.toString())).toEqual({
      revision: 3,
      created: true,
    });
    expect((await api.history({ unitId, year: 2021 })).map((r) => r.author)).toEqual([
      '乙',
      '甲',
      '甲',
    ]);
  });

  describe('through the IPC handlers', () => {
    const closers: (() => Promise<void>)[] = [];
    afterEach(async () => {
      for (const c of closers.splice(0)) await c();
    });

    it('the reply carries STALE and the Chinese message; a message alone is recognised', async () => {
      const archive = await openArchiveInProcess(path.join(tempDir(), 'archive.sqlite'));
      const renderer = createPdfRenderer({ fontDirs: [] });
      closers.push(
        () => archive.close(),
        () => renderer.close(),
      );
      const api = composeService(archive, renderer);
      const unitId = await prepared(api);
      const window = { id: 1, mainFrame: { processId: 5, routingId: 7 } };
      const handlers = createIpcHandlers(
        api,
        trustedSenderCheck(() => window),
        () => {},
      );
      const event: IpcEvent = {
        sender: { id: 1, send: () => {}, isDestroyed: () => false },
        senderFrame: {
          url: 'app://nianbao/index.html#/report/u/2021',
          parent: null,
          processId: 5,
          routingId: 7,
        },
      };
      const invoke = async (method: string, payload: unknown) =>
        (await handlers.invoke.get(`nianbao:${method}`)!(event, payload, undefined)) as IpcReply;
      const payload = (text: string, author: string, base?: number) => ({
        unitId,
        year: 2021,
        report: report(text),
        author,
        ...(base ? { base } : {}),
      });
      expect(await invoke('writeJournal', payload('甲在写', '甲', 1))).toMatchObject({ ok: true });
      expect(await invoke('saveReport', payload('甲窗口的文字', '甲', 1))).toEqual({
        ok: true,
        value: { revision: 2, created: true },
      });
      for (const method of ['writeJournal', 'saveReport']) {
        const reply = await invoke(method, payload('乙窗口的文字', '乙', 1));
        expect(reply.ok).toBe(false);
        if (reply.ok) return;
        expect(reply.error.code).toBe('STALE');
        expect(reply.error.message).toContain('本窗口的修改基于第 1 版，没有保存');
        // what the page sees across contextBridge: the message only
        expect(isStale(new Error(reply.error.message))).toBe(true);
      }
      expect(isStale(new Error('别的错误'))).toBe(false);
      const opened = await api.openReport({ unitId, year: 2021 });
      expect(opened.revision).toBe(2);
      expect(!opened.legacy && opened.recovered).toBe(false);
    });
  });
});
