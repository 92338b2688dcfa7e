// Issue 17, item 15: the main process's own errors (an uncaught exception, a rejected promise
// nobody waited for, a failed start) go to the log file in the data folder with their stack,
// and the clerk is shown a Chinese message saying what to do and where the log is: never a
// JavaScript stack or a raw English system error. The logic (electron/main/errors.ts) is tested
// in Node; the built main process (dist/main.cjs) with a fake electron module shows it is used.
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../core/api';
import {
  INTERNAL_TITLE,
  installMainErrorHandlers,
  reportStartupFailure,
  SHOW_INTERVAL_MS,
  STARTUP_TITLE,
  type ErrorNotice,
} from '../../electron/main/errors';
import { LOG_FILE_NAME } from '../../electron/services/log';
import { ROOT } from '../helpers/paths';
import { fakeMainElectron, runMainBundle } from './fake-electron';

const CHINESE = /[\u4e00-\u9fff]/u;
/** What must never reach the clerk: a stack line, an English system error. */
const TECHNICAL = /\bat \S+ \(|ENOENT|EACCES|TypeError|Cannot read|undefined/u;

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-main-errors-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function systemError(): Error {
  return Object.assign(new Error("ENOENT: no such file or directory, open '/x/y.json'"), {
    code: 'ENOENT',
  });
}

describe('the main process catches what nothing else caught', () => {
  it('an uncaught exception and an unhandled rejection: logged with the stack, shown in Chinese', () => {
    const file = path.join(dir, 'a', LOG_FILE_NAME);
    const proc = new EventEmitter();
    const shown: ErrorNotice[] = [];
    let clock = 0;
    installMainErrorHandlers(proc, (n) => shown.push(n), { file, now: () => clock });
    proc.emit('uncaughtException', systemError());
    expect(shown).toHaveLength(1);
    expect(shown[0]!.title).toBe(INTERNAL_TITLE);
    expect(shown[0]!.message).toMatch(CHINESE);
    expect(shown[0]!.message).toContain(file);
    expect(shown[0]!.message).not.toMatch(TECHNICAL);
    const log = fs.readFileSync(file, 'utf8');
    expect(log).toContain('uncaught exception');
    expect(log).toContain('ENOENT: no such file or directory');
    expect(log).toMatch(/\n\s+at /u);

    clock += SHOW_INTERVAL_MS + 1;
    proc.emit(
      'unhandledRejection',
      new TypeError("Cannot read properties of undefined (reading 'x')"),
    );
    expect(shown).toHaveLength(2);
    expect(shown[1]!.message).not.toMatch(TECHNICAL);
    expect(fs.readFileSync(file, 'utf8')).toContain('unhandled rejection');
  });

  it('a burst of errors: all logged, one message shown', () => {
    const file = path.join(dir, 'b', LOG_FILE_NAME);
    const proc = new EventEmitter();
    const shown: ErrorNotice[] = [];
    installMainErrorHandlers(proc, (n) => shown.push(n), { file, now: () => 1000 });
    for (let i = 0; i < 10; i++) proc.emit('uncaughtException', new Error(`第 ${i} 个`));
    expect(shown).toHaveLength(1);
    expect(fs.readFileSync(file, 'utf8').match(/uncaught exception/gu)).toHaveLength(10);
  });

  it('a message that cannot be shown is logged, not thrown', () => {
    const file = path.join(dir, 'c', LOG_FILE_NAME);
    const proc = new EventEmitter();
    installMainErrorHandlers(
      proc,
      () => {
        throw new Error('no display');
      },
      { file },
    );
    expect(() => proc.emit('uncaughtException', new Error('x'))).not.toThrow();
    expect(fs.readFileSync(file, 'utf8')).toContain('no display');
  });

  it('a failed start: the archive message as it is, anything else a Chinese message', () => {
    const file = path.join(dir, 'd', LOG_FILE_NAME);
    const shown: ErrorNotice[] = [];
    reportStartupFailure(new ApiError('CORRUPT', '档案库文件已损坏。'), (n) => shown.push(n), file);
    expect(shown[0]).toEqual({
      title: STARTUP_TITLE,
      message: expect.stringContaining('档案库文件已损坏。'),
    });
    reportStartupFailure(systemError(), (n) => shown.push(n), file);
    expect(shown[1]!.message).toMatch(CHINESE);
    expect(shown[1]!.message).toContain(file);
    expect(shown[1]!.message).not.toMatch(TECHNICAL);
    expect(fs.readFileSync(file, 'utf8')).toContain('ENOENT');
  });
});

describe('the built main process', () => {
  it('a start that throws shows a Chinese message, logs the detail in the data folder, exits 1', async () => {
    const data = path.join(dir, 'data');
    const saved = process.env.NIANBAO_DATA_DIR;
    process.env.NIANBAO_DATA_DIR = data;
    const before = new Set(process.listeners('uncaughtException'));
    const beforeRejection = new Set(process.listeners('unhandledRejection'));
    try {
      const electron = fakeMainElectron();
      // the session is missing: start() throws a TypeError in English
      Object.assign(electron.module, { session: {} });
      runMainBundle(path.join(ROOT, 'dist', 'main.cjs'), electron.module);
      electron.app.ready();
      const end = Date.now() + 10_000;
      while (!electron.calls.includes('exit 1') && Date.now() < end)
        await new Promise((r) => setTimeout(r, 10));
      const shown = electron.calls.filter((c) => c.startsWith('error '));
      expect(shown).toHaveLength(1);
      expect(shown[0]).toMatch(new RegExp(`^error ${STARTUP_TITLE}: `, 'u'));
      expect(shown[0]).not.toMatch(TECHNICAL);
      expect(shown[0]).toContain(path.join(data, LOG_FILE_NAME));
      expect(electron.calls).toContain('exit 1');
      const log = fs.readFileSync(path.join(data, LOG_FILE_NAME), 'utf8');
      expect(log).toContain('start failed');
      expect(log).toMatch(/TypeError/u);

      // and it listens for what nothing catches: a handler the bundle added
      const added = process.listeners('uncaughtException').filter((l) => !before.has(l));
      expect(added).toHaveLength(1);
      added[0]!(systemError(), 'uncaughtException');
      const internal = electron.calls.filter((c) => c.startsWith(`error ${INTERNAL_TITLE}`));
      expect(internal).toHaveLength(1);
      expect(internal[0]).not.toMatch(TECHNICAL);
      expect(fs.readFileSync(path.join(data, LOG_FILE_NAME), 'utf8')).toContain('ENOENT');
    } finally {
      for (const l of process.listeners('uncaughtException'))
        if (!before.has(l)) process.off('uncaughtException', l);
      for (const l of process.listeners('unhandledRejection'))
        if (!beforeRejection.has(l)) process.off('unhandledRejection', l);
      if (saved === undefined) delete process.env.NIANBAO_DATA_DIR;
      else process.env.NIANBAO_DATA_DIR = saved;
    }
  });
});
