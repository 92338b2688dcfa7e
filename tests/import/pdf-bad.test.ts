// PDF and old Word files that cannot be read, and hostile ones, through the import worker:
// each gives a Chinese message (a ReportFileError, never a crash) within the bounds — size,
// pages, inflated stream size, time, memory. The hostile files are made in memory.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PDF_MESSAGES } from '../../core/import';
import { ReportFileError } from '../../core/model';
import {
  closeImportWorker,
  IMPORT_LIMITS,
  importBytes,
  LIMIT_MESSAGES,
  type ImportLimits,
} from '../../electron/services/import';
import { DOC_MESSAGES } from '../../electron/services/import/doc';
import { PDF_READ_MESSAGES } from '../../electron/services/import/pdf';
import * as hostile from '../helpers/hostile';
import { FIXTURES } from '../helpers/paths';

afterAll(() => closeImportWorker());

const fixture = (...parts: string[]) => readFileSync(path.join(FIXTURES, ...parts));
const PINGTAN_DOC = fixture('pdf', 'pingtan-2023.doc');
const PINGTAN_PDF = fixture('pdf', 'pingtan-2023.pdf');
const SAVE_AS =
  '请用 Word 或 WPS 打开它，选择“另存为”，保存为 Word 文档（.docx）或网页（.html）后再导入。';

/** Imports through the worker; returns the message and how long it took. */
async function refusal(
  bytes: Uint8Array,
  fileName: string,
  limits: Partial<ImportLimits> = {},
): Promise<{ message: string; ms: number }> {
  const start = performance.now();
  let error: unknown = null;
  try {
    await importBytes(new Uint8Array(bytes), { fileName, limits });
  } catch (e) {
    error = e;
  }
  const ms = performance.now() - start;
  expect(error, `${fileName} should be refused`).toBeInstanceOf(ReportFileError);
  const message = (error as Error).message;
  expect(message).toMatch(/\p{Script=Han}/u);
  expect(message).not.toMatch(/Error|undefined|null|at \w+ \(/u);
  return { message, ms };
}

describe('PDFs that cannot be read', () => {
  it('a scan (pictures, no text layer): 扫描件, no OCR, ask for Word or the web page', async () => {
    const { message } = await refusal(await hostile.scannedPdf(3), '扫描件.pdf');
    expect(message).toBe(PDF_MESSAGES.scanned);
    expect(message).toMatch(/扫描件.*没有文字层.*无法识别.*OCR.*Word.*网页/u);
  });

  it('an encrypted PDF (open password)', async () => {
    expect((await refusal(await hostile.encryptedPdf(), '加密.pdf')).message).toBe(
      PDF_READ_MESSAGES.encrypted,
    );
  });

  it.each([
    ['the fake report.pdf of tests/fixtures/bad', () => fixture('bad', 'report.pdf')],
    ['a PDF cut at 40 %', () => PINGTAN_PDF.subarray(0, Math.floor(PINGTAN_PDF.length * 0.4))],
    ['a PDF header over random bytes', () => hostile.garbagePdf(200_000)],
  ])('%s: not a valid PDF', async (_, make) => {
    const { message } = await refusal(make(), '报告.pdf');
    expect([PDF_READ_MESSAGES.invalid, PDF_READ_MESSAGES.damaged, PDF_MESSAGES.noText]).toContain(
      message,
    );
  });

  it('a page tree that loops', async () => {
    expect((await refusal(hostile.pageTreeLoopPdf(), 'loop.pdf')).message).toBe(
      PDF_READ_MESSAGES.damaged,
    );
  });

  it('more pages than a report has (a page-count bomb): refused before any page is read', async () => {
    const { message, ms } = await refusal(hostile.manyPagesPdf(100_000), 'pages.pdf');
    expect(message).toBe(PDF_MESSAGES.tooManyPages(100_000));
    expect(ms).toBeLessThan(5000);
    expect((await refusal(hostile.manyPagesPdf(IMPORT_LIMITS.maxPages + 1), 'p.pdf')).message).toBe(
      PDF_MESSAGES.tooManyPages(IMPORT_LIMITS.maxPages + 1),
    );
  });

  it('content nested a million arrays deep', async () => {
    const { ms } = await refusal(hostile.deepNestingPdf(1_000_000), 'deep.pdf');
    expect(ms).toBeLessThan(IMPORT_LIMITS.timeoutMs);
  });

  it('a decompression bomb (4 MB inflating to 4 GB): refused at the inflated-size limit', async () => {
    const { message, ms } = await refusal(hostile.deflateBombPdf(4), 'bomb.pdf');
    expect(message).toBe(PDF_READ_MESSAGES.bomb(128));
    expect(ms).toBeLessThan(5000);
  });

  it('a file over the size limit, refused unread', async () => {
    const { message } = await refusal(PINGTAN_PDF, '报告.pdf', { maxBytes: 100_000 });
    expect(message).toBe(LIMIT_MESSAGES.tooLarge(PINGTAN_PDF.length, 100_000));
  });

  it('millions of drawing operators: stopped at the time limit, the worker terminated', async () => {
    const bomb = hostile.deflateBombPdf(0.11, '0 0 m 1 1 l S\n');
    const { message, ms } = await refusal(bomb, 'ops.pdf', { timeoutMs: 3000 });
    expect([LIMIT_MESSAGES.timeout(3000), LIMIT_MESSAGES.memory(IMPORT_LIMITS.memoryMb)]).toContain(
      message,
    );
    expect(ms).toBeLessThan(3000 + 2000);
    // the next file is read by a new worker
    const { report } = await importBytes(new Uint8Array(PINGTAN_PDF), { fileName: 'p.pdf' });
    expect(report.unit.name).toBe('平潭综合实验区');
  });

  it('an array of millions of numbers: stopped when the worker runs out of heap', async () => {
    const bomb = hostile.deflateBombPdf(0.11, '0 ', '[');
    const { message } = await refusal(bomb, 'array.pdf', { heapMb: 64, timeoutMs: 15_000 });
    expect(message).toBe(LIMIT_MESSAGES.memory(64));
  });

  it('buffers outside the JavaScript heap are bounded by the process-memory watchdog', async () => {
    // 110 MB of spaces (under the inflate limit) that pdf.js keeps in one growing buffer
    const bomb = hostile.deflateBombPdf(0.11, ' ');
    const { message } = await refusal(bomb, 'spaces.pdf', { memoryMb: 64, timeoutMs: 15_000 });
    expect(message).toBe(LIMIT_MESSAGES.memory(64));
  });
});

describe('old Word files that cannot be read', () => {
  it('the fake report.doc / report.wps keep the current message', async () => {
    expect((await refusal(fixture('bad', 'report.doc'), 'report.doc')).message).toBe(
      `这是 Word 97-2003 文档（.doc），无法直接读取。${SAVE_AS}`,
    );
    expect((await refusal(fixture('bad', 'report.wps'), 'report.wps')).message).toBe(
      `这是 WPS 旧格式文档（.wps），无法直接读取。${SAVE_AS}`,
    );
  });

  it.each([
    ['a .doc cut in half', () => PINGTAN_DOC.subarray(0, PINGTAN_DOC.length >> 1)],
    ['an OLE header over random bytes', () => hostile.garbageOle(100_000)],
  ])('%s', async (_, make) => {
    expect((await refusal(make(), '报告.doc')).message).toBe(
      `这是 Word 97-2003 文档（.doc），无法直接读取。${SAVE_AS}`,
    );
  });

  it('a .doc with an open password (the header says encrypted)', async () => {
    expect((await refusal(hostile.withEncryptedFlag(PINGTAN_DOC), '加密.doc')).message).toBe(
      DOC_MESSAGES.encrypted,
    );
  });
});
