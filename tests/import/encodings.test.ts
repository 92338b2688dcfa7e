// The same report saved in the encodings Chinese Windows tools use — GBK ("ANSI" on Chinese
// Windows), GB18030 (with a character GBK lacks), UTF-16 with and without a byte order mark,
// UTF-8 with and without one — imports exactly like the UTF-8 original.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeText, importReport } from '../../core/import';
import type { Report } from '../../core/model';
import { FIXTURES } from '../helpers/paths';

const bytesOf = (rel: string) => new Uint8Array(readFileSync(path.join(FIXTURES, rel)));

function imported(bytes: Uint8Array, fileName: string): Omit<Report, 'source'> {
  const { source: _source, ...rest } = importReport(bytes, { fileName }).report;
  return rest;
}

const utf8Txt = imported(bytesOf('reports/ok-2021.txt'), 'ok-2021.txt');
/** The Word text of the 2021 fixture as a string (without its UTF-8 byte order mark). */
const text2021 = new TextDecoder().decode(bytesOf('reports/ok-2021.txt')).replace(/^\uFEFF/u, '');

function utf16(text: string, order: 'le' | 'be', bom: boolean): Uint8Array {
  const le = new Uint8Array(Buffer.from(`${bom ? '\uFEFF' : ''}${text}`, 'utf16le'));
  if (order === 'le') return le;
  const be = new Uint8Array(le.length);
  for (let i = 0; i < le.length; i += 2) {
    be[i] = le[i + 1]!;
    be[i + 1] = le[i]!;
  }
  return be;
}

describe('encodings', () => {
  it('the fixture files are really in their encodings', () => {
    const gbk = bytesOf('encodings/ok-2021.gbk.txt');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gbk)).toThrow();
    expect(new TextDecoder('gbk').decode(gbk)).toBe(text2021);
    // 政 in GBK is D5FE
    expect(Buffer.from(gbk).includes(Buffer.from([0xd5, 0xfe]))).toBe(true);
    const u16 = bytesOf('encodings/ok-2021.utf16le.txt');
    expect([u16[0], u16[1]]).toEqual([0xff, 0xfe]);
    const gb18030 = bytesOf('encodings/ok-2019.gb18030.md');
    // 㙟 (U+365F, CJK Extension A) is outside GBK: four bytes in GB18030
    expect(Buffer.from(gb18030).includes(Buffer.from([0x82, 0x30, 0xad, 0x31]))).toBe(true);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(gb18030)).toThrow();
  });

  it('detects each encoding', () => {
    expect(decodeText(bytesOf('encodings/ok-2021.gbk.txt')).encoding).toBe('gb18030');
    expect(decodeText(bytesOf('encodings/ok-2019.gb18030.md')).encoding).toBe('gb18030');
    expect(decodeText(bytesOf('encodings/ok-2021.utf16le.txt')).encoding).toBe('utf-16le');
    expect(decodeText(bytesOf('encodings/ok-2021.utf8-nobom.txt')).encoding).toBe('utf-8');
    expect(decodeText(bytesOf('reports/ok-2021.txt')).encoding).toBe('utf-8');
    expect(decodeText(utf16(text2021, 'le', false)).encoding).toBe('utf-16le');
    expect(decodeText(utf16(text2021, 'be', false)).encoding).toBe('utf-16be');
    expect(decodeText(utf16(text2021, 'be', true)).encoding).toBe('utf-16be');
  });

  it.each([
    ['GBK', 'encodings/ok-2021.gbk.txt'],
    ['UTF-16LE with BOM', 'encodings/ok-2021.utf16le.txt'],
    ['UTF-8 without BOM', 'encodings/ok-2021.utf8-nobom.txt'],
  ])('Word text saved as %s imports like the UTF-8 file', (_name, rel) => {
    expect(imported(bytesOf(rel), path.basename(rel))).toEqual(utf8Txt);
  });

  it.each([
    ['UTF-16LE without BOM', utf16(text2021, 'le', false)],
    ['UTF-16BE with BOM', utf16(text2021, 'be', true)],
    ['UTF-16BE without BOM', utf16(text2021, 'be', false)],
  ])('Word text saved as %s imports like the UTF-8 file', (_name, bytes) => {
    expect(imported(bytes, 'ok-2021.txt')).toEqual(utf8Txt);
  });

  it('a web page served as GB2312 imports like the UTF-8 page', () => {
    expect(imported(bytesOf('encodings/ok-2021.gbk.html'), 'ok-2021.html')).toEqual(
      imported(bytesOf('reports/ok-2021.html'), 'ok-2021.html'),
    );
  });

  it('Markdown in GB18030, with a character beyond GBK, imports like the UTF-8 file', () => {
    const report = imported(bytesOf('encodings/ok-2019.gb18030.md'), 'ok-2019.md');
    expect(report).toEqual(imported(bytesOf('reports/ok-2019.md'), 'ok-2019.md'));
    expect(report.sections['一']!.paragraphs[1]!.text).toContain('完成㙟口大桥维修加固工程');
  });
});
