/**
 * The exchange file's manifest (`manifest.json`): what the file is (kind marker, exchange format
 * version, the exporting program), whose report it is (unit, year, revision, status, the
 * finalisation), the SHA-256 of every other entry, and a seal: the SHA-256 of the manifest's
 * canonical content without the seal, so that any change to the manifest itself is seen.
 * Pure: the SHA-256 function is given by the caller (Node's in electron/, none in core/).
 */
import { strToU8 } from 'fflate';
import { z } from 'zod';
import { UNIT_KINDS, REPORT_STATUSES, type ReportStatus, type UnitKind } from '../model';

/** The kind marker every exchange file's manifest carries. */
export const EXCHANGE_KIND = 'nianbao-exchange';
/** The exchange format this build writes (and the newest it reads). */
export const EXCHANGE_VERSION = 1;
export const EXCHANGE_EXTENSION = '.nianbao';
export const EXCHANGE_MIME = 'application/x-nianbao-exchange';
/** The program's version written into each manifest (package.json's). */
export const APP_VERSION = '0.1.0';

export const MANIFEST_ENTRY = 'manifest.json';
/** The report as the data file (`.nianbao.json`, what `nianbao export` writes). */
export const DATA_ENTRY = 'report.nianbao.json';
/** The archived 定稿 PDF, byte for byte (only when the report is finalised with its PDF). */
export const PDF_ENTRY = 'finalised.pdf';

/** SHA-256 as lowercase hex. */
export type Sha256 = (bytes: Uint8Array) => string;

const hex = z.string().regex(/^[0-9a-f]{64}$/u);

export const ManifestSchema = z.object({
  kind: z.literal(EXCHANGE_KIND),
  format: z.number().int().min(1),
  app: z.object({ name: z.string(), version: z.string() }),
  exportedAt: z.string(),
  exportedBy: z.string(),
  unit: z.object({
    id: z.string().min(1).max(200),
    name: z.string().min(1).max(200),
    kind: z.enum(UNIT_KINDS).nullable(),
  }),
  parent: z.object({ id: z.string().min(1).max(200), name: z.string().max(200) }).nullable(),
  year: z.number().int(),
  revision: z.number().int().min(1),
  status: z.enum(REPORT_STATUSES),
  finalisation: z
    .object({
      revision: z.number().int().min(1),
      at: z.string(),
      by: z.string(),
      sha256: hex.nullable(),
    })
    .nullable(),
  entries: z.record(z.string(), z.object({ sha256: hex, bytes: z.number().int().min(0) })),
  seal: hex,
});

export type ExchangeManifest = z.infer<typeof ManifestSchema>;
export type ManifestContent = Omit<ExchangeManifest, 'seal'>;

/** JSON with every object's keys sorted and no white space: the same content, the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((k) => record[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The seal: the SHA-256 of the canonical content without the seal. */
export function sealOf(manifest: ManifestContent | ExchangeManifest, sha256: Sha256): string {
  const { seal: _seal, ...content } = manifest as ExchangeManifest;
  return sha256(strToU8(canonicalJson(content)));
}

/** What an export knows of the report; the entries and the seal are computed. */
export interface ManifestFields {
  readonly exportedAt: string;
  readonly exportedBy: string;
  readonly unit: { readonly id: string; readonly name: string; readonly kind: UnitKind | null };
  readonly parent: { readonly id: string; readonly name: string } | null;
  readonly year: number;
  readonly revision: number;
  readonly status: ReportStatus;
  readonly finalisation: {
    readonly revision: number;
    readonly at: string;
    readonly by: string;
    readonly sha256: string | null;
  } | null;
}

/** The manifest of these entries (name → bytes), sealed. */
export function buildManifest(
  fields: ManifestFields,
  entries: readonly { readonly name: string; readonly bytes: Uint8Array }[],
  sha256: Sha256,
): ExchangeManifest {
  const content: ManifestContent = {
    kind: EXCHANGE_KIND,
    format: EXCHANGE_VERSION,
    app: { name: 'nianbao', version: APP_VERSION },
    ...fields,
    unit: { ...fields.unit },
    parent: fields.parent ? { ...fields.parent } : null,
    finalisation: fields.finalisation ? { ...fields.finalisation } : null,
    entries: Object.fromEntries(
      entries.map((e) => [e.name, { sha256: sha256(e.bytes), bytes: e.bytes.length }]),
    ),
  };
  return { ...content, seal: sealOf(content, sha256) };
}

/** The manifest as written into the file: readable JSON (the seal covers its content, not its spacing). */
export function manifestBytes(manifest: ExchangeManifest): Uint8Array {
  return strToU8(`${JSON.stringify(manifest, null, 2)}\n`);
}

/** An exchange file's name: `<单位>-<年度>.nianbao`, without characters a file name cannot have. */
export function exchangeFileName(unitName: string, year: number): string {
  return `${unitName}-${year}${EXCHANGE_EXTENSION}`.replace(/[\\/:*?"<>|]/gu, '_');
}
