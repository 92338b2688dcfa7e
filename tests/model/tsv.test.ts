// Clipboard text from spreadsheets (Excel, WPS, LibreOffice Calc): tab-separated cells.
import { describe, expect, it } from 'vitest';
import { formatTsv, isBlock, parseTsv } from '../../core/tsv';

describe('parseTsv', () => {
  it('reads one value, with or without the trailing line break Excel adds', () => {
    expect(parseTsv('12')).toEqual([['12']]);
    expect(parseTsv('12\r\n')).toEqual([['12']]);
    expect(parseTsv('12\n')).toEqual([['12']]);
    expect(parseTsv('')).toEqual([['']]);
  });

  it('reads rows and columns with CRLF, LF or CR line breaks', () => {
    const rows = [
      ['1', '2', '3'],
      ['4', '5', '6'],
    ];
    expect(parseTsv('1\t2\t3\r\n4\t5\t6\r\n')).toEqual(rows);
    expect(parseTsv('1\t2\t3\n4\t5\t6\n')).toEqual(rows);
    expect(parseTsv('1\t2\t3\r4\t5\t6')).toEqual(rows);
    expect(parseTsv('1\t2\t3\r\n4\t5\t6')).toEqual(rows);
  });

  it('keeps empty cells, including leading and trailing ones', () => {
    expect(parseTsv('1\t\t3\r\n')).toEqual([['1', '', '3']]);
    expect(parseTsv('\t2\t\r\n')).toEqual([['', '2', '']]);
    expect(parseTsv('1\r\n\r\n3\r\n')).toEqual([['1'], [''], ['3']]);
    expect(parseTsv('\t\r\n\t\r\n')).toEqual([
      ['', ''],
      ['', ''],
    ]);
  });

  it('only one trailing line break is dropped', () => {
    expect(parseTsv('1\n\n')).toEqual([['1'], ['']]);
  });

  it('reads Excel quoting: embedded line breaks, tabs and doubled quotes', () => {
    expect(parseTsv('"第一行\n第二行"\t5\r\n6\t7\r\n')).toEqual([
      ['第一行\n第二行', '5'],
      ['6', '7'],
    ]);
    expect(parseTsv('"a\tb"\t"say ""hi"""\r\n')).toEqual([['a\tb', 'say "hi"']]);
    expect(parseTsv('""\t1')).toEqual([['', '1']]);
    expect(parseTsv('1\t"2\r\n3"')).toEqual([['1', '2\r\n3']]);
  });

  it('reads a quote that does not open well-formed quoting literally', () => {
    expect(parseTsv('"5"件\t6')).toEqual([['"5"件', '6']]);
    expect(parseTsv('"unclosed\t6\r\n7')).toEqual([['"unclosed', '6'], ['7']]);
    expect(parseTsv('say "hi"\t1')).toEqual([['say "hi"', '1']]);
  });

  it('keeps rows of different lengths as they are', () => {
    expect(parseTsv('1\t2\r\n3\r\n')).toEqual([['1', '2'], ['3']]);
  });
});

describe('isBlock', () => {
  it('is true for more than one cell only', () => {
    expect(isBlock('12')).toBe(false);
    expect(isBlock('12\r\n')).toBe(false);
    expect(isBlock('"a\nb"')).toBe(false);
    expect(isBlock('1\t2')).toBe(true);
    expect(isBlock('1\r\n2')).toBe(true);
  });
});

describe('formatTsv', () => {
  it('writes tabs and CRLF, quoting cells that need it, and reads back the same', () => {
    const rows = [
      ['1', '', '增 69'],
      ['a\tb', '第一行\n第二行', 'say "hi"'],
    ];
    const text = formatTsv(rows);
    expect(text).toBe('1\t\t增 69\r\n"a\tb"\t"第一行\n第二行"\t"say ""hi"""');
    expect(parseTsv(text)).toEqual(rows);
    expect(parseTsv(`${text}\r\n`)).toEqual(rows);
  });
});
