// Issue 17, item 8: a .docx whose document.xml inflates far past the size its header declares
// (a zip bomb) is refused within 2 s and 300 MB, instead of being inflated in full and imported
// truncated; a wrong CRC is refused too.
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { importReport } from '../../core/import';
import { ReportFileError } from '../../core/model';
import { unzipDocx } from '../../core/import/docx';
import { crc32 } from '../../core/import/zip';

/** A one-entry zip written by hand, with the sizes and CRC it claims. */
function zipOf(name: string, data: Buffer, claim: { size: number; crc: number }): Uint8Array {
  const compressed = zlib.deflateRawSync(data, { level: 9 });
  const nameBytes = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(claim.crc, 14);
  local.writeUInt32LE(compressed.length, 18);
  local.writeUInt32LE(claim.size, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(claim.crc, 16);
  central.writeUInt32LE(compressed.length, 20);
  central.writeUInt32LE(claim.size, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  central.writeUInt32LE(0, 42);
  const cdOffset = local.length + nameBytes.length + compressed.length;
  const cdSize = central.length + nameBytes.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(cdSize, 12);
  end.writeUInt32LE(cdOffset, 16);
  return new Uint8Array(Buffer.concat([local, nameBytes, compressed, central, nameBytes, end]));
}

const XML =
  '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>某县财政局2023年政府信息公开工作年度报告</w:t></w:r></w:p></w:body></w:document>';

function refused(bytes: Uint8Array): ReportFileError {
  try {
    importReport(bytes, { fileName: '报告.docx' });
  } catch (error) {
    expect(error).toBeInstanceOf(ReportFileError);
    return error as ReportFileError;
  }
  throw new Error('not refused');
}

describe('zip bomb with a false size header', () => {
  it('stops inflating at the declared size: refused within 2 s and 300 MB', () => {
    // 200 MB of XML-ish filler behind a header that claims 2 KB
    const filler = Buffer.alloc(200 * 1024 * 1024, 0x20);
    Buffer.from(XML).copy(filler);
    const bomb = zipOf('word/document.xml', filler, { size: 2048, crc: 0 });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const rss = process.memoryUsage().rss;
    const started = Date.now();
    const error = refused(bomb);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(process.memoryUsage().rss - rss).toBeLessThan(300 * 1024 * 1024);
    expect(error.message).toContain('不符');
  });

  it('a wrong CRC or a size that does not match is refused; the honest file imports', () => {
    const data = Buffer.from(XML);
    const honest = zipOf('word/document.xml', data, { size: data.length, crc: crc32(data) });
    expect(unzipDocx(honest)).toBe(XML);
    expect(
      refused(zipOf('word/document.xml', data, { size: data.length, crc: (crc32(data) ^ 1) >>> 0 }))
        .message,
    ).toContain('校验值');
    expect(
      refused(zipOf('word/document.xml', data, { size: data.length + 10, crc: crc32(data) }))
        .message,
    ).toContain('不符');
  });
});
