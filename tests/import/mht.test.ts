// Web archives (.mht/.mhtml, "web page, single file"): the text/html part is found, decoded
// (quoted-printable or base64, in its charset) and read like any HTML page.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importReport } from '../../core/import';
import { ReportFileError } from '../../core/model';
import { SAMPLE } from '../helpers/paths';

/** The shared sample as a simple HTML page: paragraphs, and its pipe tables as <table>s. */
function sampleHtml(): string {
  const lines = readFileSync(SAMPLE, 'utf8').split('\n');
  const out: string[] = ['<html><head><meta charset="utf-8"><title>年报</title></head><body>'];
  let table: string[] | null = null;
  for (const line of lines) {
    if (line.trim().startsWith('|')) {
      if (/^\|[-|\s]+\|$/u.test(line.trim())) continue;
      table ??= [];
      const cells = line.trim().slice(1, -1).split('|');
      table.push(
        `<tr>${cells.map((c) => `<td>${c.trim().replace(/</g, '&lt;')}</td>`).join('')}</tr>`,
      );
      continue;
    }
    if (table) {
      out.push(`<table>${table.join('')}</table>`);
      table = null;
    }
    if (line.trim()) out.push(`<p>${line.trim().replace(/<(http[^>]+)>/g, '$1')}</p>`);
  }
  out.push('</body></html>');
  return out.join('\n');
}

function qp(bytes: Uint8Array): string {
  let out = '';
  let col = 0;
  for (const b of bytes) {
    const piece =
      b >= 33 && b <= 126 && b !== 61
        ? String.fromCharCode(b)
        : b === 10
          ? '\r\n'
          : `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
    if (col + piece.length > 75 && piece !== '\r\n') {
      out += '=\r\n';
      col = 0;
    }
    out += piece;
    col = piece === '\r\n' ? 0 : col + piece.length;
  }
  return out;
}

function mht(html: string, encoding: 'quoted-printable' | 'base64'): Uint8Array {
  const bytes = new TextEncoder().encode(html);
  const body =
    encoding === 'base64'
      ? Buffer.from(bytes).toString('base64').replace(/.{76}/g, '$&\r\n')
      : qp(bytes);
  const text = [
    'From: <Saved by Blink>',
    'Subject: 年报',
    'MIME-Version: 1.0',
    'Content-Type: multipart/related;',
    '\ttype="text/html";',
    '\tboundary="----MultipartBoundary--abc123----"',
    '',
    '',
    '------MultipartBoundary--abc123----',
    'Content-Type: text/html; charset="utf-8"',
    `Content-Transfer-Encoding: ${encoding}`,
    'Content-Location: http://www.example.gov.cn/nb.html',
    '',
    body,
    '------MultipartBoundary--abc123----',
    'Content-Type: image/png',
    'Content-Transfer-Encoding: base64',
    '',
    'iVBORw0KGgo=',
    '------MultipartBoundary--abc123------',
    '',
  ].join('\r\n');
  return new TextEncoder().encode(text);
}

describe('web archives (.mht)', () => {
  const fromHtml = importReport(new TextEncoder().encode(sampleHtml()), {
    fileName: 'nb.html',
  }).report;

  it('reads the HTML page of a quoted-printable archive like the page itself', () => {
    const { report } = importReport(mht(sampleHtml(), 'quoted-printable'), { fileName: 'nb.mht' });
    expect(report.sections).toEqual(fromHtml.sections);
    expect(report.title).toBe('沂源县行政审批服务局2020年政府信息公开工作年度报告');
    expect(report.sections['二']!.table!.blocks['art20_5']!.rows['licensing']!.cells['delta']).toBe(
      '增 69',
    );
  });

  it('reads a base64 archive too', () => {
    const { report } = importReport(mht(sampleHtml(), 'base64'), { fileName: 'nb.mhtml' });
    expect(report.sections).toEqual(fromHtml.sections);
    expect(report.signature).toEqual({ unit: '沂源县行政审批服务局', date: '2020年1月27日' });
  });

  it('an archive without a page is refused with a clear message', () => {
    const text =
      'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n--b\r\nContent-Type: image/png\r\n\r\nxx\r\n--b--\r\n';
    expect(() => importReport(new TextEncoder().encode(text), { fileName: 'x.mht' })).toThrow(
      ReportFileError,
    );
    expect(() => importReport(new TextEncoder().encode(text), { fileName: 'x.mht' })).toThrow(
      '没有网页内容',
    );
  });
});

describe('the same report as text and as HTML', () => {
  it('imports to the same model', () => {
    const html = importReport(new TextEncoder().encode(sampleHtml()), {
      fileName: 'nb.html',
    }).report;
    const text = importReport(new Uint8Array(readFileSync(SAMPLE)), { fileName: 'nb.txt' }).report;
    expect({ ...html, source: undefined }).toEqual({ ...text, source: undefined });
  });
});
