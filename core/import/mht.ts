/**
 * MHT/MHTML ("web page, single file", as saved by IE, 360 and Chrome browsers and by Word): a
 * MIME multipart/related message whose text/html part is the page. Only that part is read.
 */

const HEADER_END = /\r?\n\r?\n/u;

/** Whether a text is a MIME web archive. */
export function looksLikeMht(text: string): boolean {
  const head = text.slice(0, 4000);
  return /^mime-version:/imu.test(head) && /content-type:\s*multipart\/related/iu.test(head);
}

function headers(block: string): Map<string, string> {
  const map = new Map<string, string>();
  const unfolded = block.replace(/\r?\n[ \t]+/gu, ' ');
  for (const line of unfolded.split(/\r?\n/u)) {
    const colon = line.indexOf(':');
    if (colon > 0) map.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return map;
}

function param(value: string, name: string): string | null {
  const m = new RegExp(`${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'iu').exec(value);
  return m ? (m[1] ?? m[2] ?? null) : null;
}

function quotedPrintable(text: string): Uint8Array {
  const body = text.replace(/=\r?\n/gu, '');
  const out: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const ch = body.charCodeAt(i);
    if (ch === 0x3d && /^[0-9A-Fa-f]{2}$/u.test(body.slice(i + 1, i + 3))) {
      out.push(Number.parseInt(body.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (ch < 0x80) out.push(ch);
    else for (const b of new TextEncoderLite().encode(body[i]!)) out.push(b);
  }
  return Uint8Array.from(out);
}

/** UTF-8 encoding of one character (core has no TextEncoder declared; this is all it needs). */
class TextEncoderLite {
  encode(ch: string): number[] {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) return [cp];
    if (cp < 0x800) return [0xc0 | (cp >> 6), 0x80 | (cp & 63)];
    if (cp < 0x10000) return [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)];
    return [0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)];
  }
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function base64(text: string): Uint8Array {
  const clean = text.replace(/[^A-Za-z0-9+/]/gu, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let n = 0;
  for (const ch of clean) {
    value = (value << 6) | B64.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (value >> bits) & 0xff;
    }
  }
  return out.subarray(0, n);
}

function decode(bytes: Uint8Array, charset: string | null): string {
  const label = (charset ?? 'utf-8').toLowerCase();
  const candidates = [
    label === 'gb2312' || label === 'gbk' ? 'gb18030' : label,
    'utf-8',
    'gb18030',
  ];
  for (const c of candidates) {
    try {
      return new TextDecoder(c, { fatal: true }).decode(bytes);
    } catch {
      /* next */
    }
  }
  return new TextDecoder('utf-8').decode(bytes);
}

/** The HTML page inside a web archive, or null when it has none. */
export function mhtToHtml(text: string): string | null {
  const split = HEADER_END.exec(text);
  if (!split) return null;
  const top = headers(text.slice(0, split.index));
  const boundary = param(top.get('content-type') ?? '', 'boundary');
  if (!boundary) return null;
  const parts = text.slice(split.index).split(`--${boundary}`);
  for (const part of parts) {
    const end = HEADER_END.exec(part.replace(/^\r?\n/u, ''));
    if (!end) continue;
    const body0 = part.replace(/^\r?\n/u, '');
    const h = headers(body0.slice(0, end.index));
    const type = h.get('content-type') ?? '';
    if (!/text\/html/iu.test(type)) continue;
    const body = body0.slice(end.index + end[0].length);
    const encoding = (h.get('content-transfer-encoding') ?? '').toLowerCase();
    const bytes =
      encoding === 'quoted-printable'
        ? quotedPrintable(body)
        : encoding === 'base64'
          ? base64(body)
          : null;
    return bytes ? decode(bytes, param(type, 'charset')) : body;
  }
  return null;
}
