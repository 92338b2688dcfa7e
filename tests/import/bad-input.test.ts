// Inputs that are not readable reports: each is refused with a ReportFileError whose Chinese
// message says what the file is and what to do — never a crash, never a half-read report.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importReport } from '../../core/import';
import { ReportFileError } from '../../core/model';
import { FIXTURES } from '../helpers/paths';

const bytesOf = (name: string) => new Uint8Array(readFileSync(path.join(FIXTURES, 'bad', name)));

function refusal(bytes: Uint8Array, fileName: string): ReportFileError {
  let error: unknown = null;
  try {
    importReport(bytes, { fileName });
  } catch (e) {
    error = e;
  }
  expect(error, `${fileName} should be refused`).toBeInstanceOf(ReportFileError);
  const message = (error as ReportFileError).message;
  // a sentence in Chinese for the user, not a stack trace or an English library error
  expect(message).toMatch(/[\u4e00-\u9fff]/u);
  expect(message).not.toMatch(/Error|undefined|null|at \w+ \(/u);
  return error as ReportFileError;
}

const SAVE_AS =
  '请用 Word 或 WPS 打开它，选择“另存为”，保存为 Word 文档（.docx）或网页（.html）后再导入。';

describe('bad input', () => {
  it.each([
    [
      'binary.txt',
      '这个文件不是文本文件（含有二进制数据，可能是图片、压缩包或其他程序的文件），无法作为年度报告导入。',
    ],
    ['empty.txt', '文件是空的（0 字节），没有可导入的内容。'],
    ['whitespace.txt', '文件中只有空白，没有可导入的内容。'],
    [
      'xlsx-renamed.docx',
      '这个文件是 Excel 表格（.xlsx），不是 Word 文档。请用 Word 或 WPS 打开报告后“另存为” Word 文档（.docx）或网页（.html）。',
    ],
    [
      'odt-renamed.docx',
      '这个文件是 OpenDocument 文档（.odt），不是 Word 文档。请用 Word 或 WPS 打开报告后“另存为” Word 文档（.docx）或网页（.html）。',
    ],
    [
      'random.docx',
      '这个文件是一个压缩包，里面没有 Word 文档。如果报告在压缩包里，请先解压，再导入其中的报告文件。',
    ],
    [
      'truncated.docx',
      '文件看起来是 .docx，但已损坏，无法解压。请用 Word 或 WPS 打开后重新“另存为 .docx”。',
    ],
    [
      'garbage-zip.docx',
      '文件看起来是 .docx，但已损坏，无法解压。请用 Word 或 WPS 打开后重新“另存为 .docx”。',
    ],
    [
      'notice.html',
      '文件中没有找到政府信息公开工作年度报告的内容（如“一、总体情况”“二、主动公开政府信息情况”等部分）。请确认选择的是年度报告文件。',
    ],
    [
      'report.pdf',
      `这是 PDF 文件，其中的表格无法可靠地读取。${SAVE_AS}如果只有 PDF，可请报告的编制单位提供原始文档。`,
    ],
    ['report.doc', `这是 Word 97-2003 文档（.doc），无法直接读取。${SAVE_AS}`],
    ['report.wps', `这是 WPS 旧格式文档（.wps），无法直接读取。${SAVE_AS}`],
    ['report.rtf', `这是 RTF 文档，无法直接读取。${SAVE_AS}`],
    ['not-report.json', '这不是年报软件保存的数据文件（缺少 app/schema 标识）。'],
  ])('%s is refused with a clear message', (name, message) => {
    expect(refusal(bytesOf(name), name).message).toBe(message);
  });

  it('an old Word document renamed to something else is still recognised by its content', () => {
    const ole = bytesOf('report.doc');
    expect(refusal(ole, '报告.txt').message).toBe(
      `这是旧版 Word/WPS 文档（或设置了打开密码的文档），无法直接读取。${SAVE_AS}`,
    );
    expect(refusal(bytesOf('report.pdf'), '报告.html').message).toMatch(/^这是 PDF 文件/u);
  });

  it('a .pdf or .doc name on something that is not one is refused, not read as text', () => {
    const text = new TextEncoder().encode('一、总体情况\n二、主动公开政府信息情况\n');
    expect(refusal(text, '报告.pdf').message).toBe(
      `文件扩展名是 .pdf，但内容不是有效的文档。${SAVE_AS}`,
    );
    expect(refusal(text, '报告.doc').message).toBe(
      `文件扩展名是 .doc，但内容不是有效的文档。${SAVE_AS}`,
    );
  });

  describe('a 50 MB file (made in memory)', () => {
    const big = new Uint8Array(50 * 1024 * 1024).fill(0x61);

    it.each(['报告.txt', '报告.html', '报告.md'])(
      'as %s is refused at once for its size',
      (name) => {
        const start = performance.now();
        expect(refusal(big, name).message).toBe(
          '文件太大（50.0 MB），文本或网页格式的年度报告一般不超过 1 MB，上限为 10.0 MB。请确认选择的是年度报告文件。',
        );
        expect(performance.now() - start).toBeLessThan(1000);
      },
    );

    it('as a .docx (a zip header and nothing readable) is refused as damaged', () => {
      const zipLike = new Uint8Array(big.length);
      zipLike.set([0x50, 0x4b, 0x03, 0x04]);
      expect(refusal(zipLike, '报告.docx').message).toBe(
        '文件看起来是 .docx，但已损坏，无法解压。请用 Word 或 WPS 打开后重新“另存为 .docx”。',
      );
    });
  });

  it('a Word document that is not a report is refused like any other non-report', () => {
    expect(refusal(bytesOf('notice.docx'), '通知.docx').message).toBe(
      '文件中没有找到政府信息公开工作年度报告的内容（如“一、总体情况”“二、主动公开政府信息情况”等部分）。请确认选择的是年度报告文件。',
    );
  });

  it('every refusal leaves nothing half-done: importing the good file afterwards works', () => {
    for (const name of ['truncated.docx', 'binary.txt', 'notice.html'])
      refusal(bytesOf(name), name);
    const good = new Uint8Array(readFileSync(path.join(FIXTURES, 'reports', 'ok-2021.word.docx')));
    expect(importReport(good, { fileName: 'ok-2021.word.docx' }).report.unit.name).toBe(
      '青山县自然资源局',
    );
  });
});
