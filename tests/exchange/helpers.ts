/**
 * Helpers for the exchange-file tests (issue 15 item 1): exporting a report of an archive as the
 * app does (the archive's parts, zipped by the service), importing files into another archive
 * through the same importer the database worker runs, and altering a file after export the way
 * a person would (unzip, change, zip again) or the way a broken copy does (a byte flipped).
 */
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync, zipSync, strFromU8, strToU8 } from 'fflate';
import { parsePayload, type PayloadIn } from '../../core/api';
import type { ExchangeSummary } from '../../core/exchange';
import type { Archive } from '../../db/archive';
import { packExchange } from '../../electron/services/exchange/file';
import { importExchange } from '../../electron/services/exchange/importer';

export const EXPORTED_AT = '2026-01-15T02:00:00.000Z';

/** The exchange file of a unit's year, as exportExchange makes it. */
export function exportFile(a: Archive, unitId: string, year: number) {
  return packExchange(a.exchangeParts({ unitId, year }), { at: EXPORTED_AT, by: '报送人' });
}

/** Writes a unit's exchange file into `dir`; returns its path. */
export function writeExport(a: Archive, unitId: string, year: number, dir: string): string {
  const file = exportFile(a, unitId, year);
  const out = path.join(dir, file.fileName);
  fs.writeFileSync(out, file.data);
  return out;
}

/** The open archive, each step at once (no queue: as in the CLI's process). */
export function direct(archive: Archive) {
  return <T>(step: (a: Archive) => T): Promise<T> => Promise.resolve(step(archive));
}

/** Imports through the service the worker runs, the payload validated as at the edge. */
export function receive(
  a: Archive,
  payload: PayloadIn<'importExchange'>,
): Promise<ExchangeSummary> {
  return importExchange(
    direct(a),
    parsePayload('importExchange', { author: '县政务公开办', ...payload }),
  );
}

/** Sends one file's bytes under a name. */
export function receiveBytes(
  a: Archive,
  name: string,
  data: Uint8Array,
  units?: Record<string, string>,
) {
  return receive(a, { files: [{ name, data }], ...(units ? { units } : {}) });
}

/** The file unzipped, one entry changed by `change`, zipped again (every other entry as it was). */
export function rezip(
  data: Uint8Array,
  change: (entries: Record<string, Uint8Array>) => void,
): Uint8Array {
  const entries = unzipSync(data);
  change(entries);
  return zipSync(entries);
}

/** One byte of an entry changed (the next character), as an edit after export would. */
export function alterEntry(data: Uint8Array, name: string, at = 200): Uint8Array {
  return rezip(data, (entries) => {
    const bytes = new Uint8Array(entries[name]!);
    bytes[at] = bytes[at]! ^ 0x01;
    entries[name] = bytes;
  });
}

/** The manifest edited as JSON (its seal left as it was). */
export function alterManifest(
  data: Uint8Array,
  edit: (m: Record<string, unknown>) => void,
): Uint8Array {
  return rezip(data, (entries) => {
    const m = JSON.parse(strFromU8(entries['manifest.json']!)) as Record<string, unknown>;
    edit(m);
    entries['manifest.json'] = strToU8(JSON.stringify(m, null, 2));
  });
}

/** A fake 定稿 PDF: bytes only this report has (the archive keeps whatever bytes it is given). */
export function pdfBytes(label: string): Uint8Array {
  const body = `%PDF-1.7\n% ${label}\n${'x'.repeat(3000)}\n%%EOF\n`;
  const bytes = strToU8(body);
  // bytes that no text encoding round trip would keep
  for (let i = 20; i < 40; i++) bytes[i] = 0x80 + i;
  return bytes;
}
