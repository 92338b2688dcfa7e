/**
 * Verifying an exchange file's entries (read out of the zip by the caller, within bounds):
 * the manifest (kind, format version, schema, seal), every entry it lists present and matching
 * its SHA-256, nothing else in the file, the data file a report of the manifest's unit and year.
 * A refusal says in Chinese what differs. Pure.
 */
import { strFromU8 } from 'fflate';
import { parseReportFile } from '../file';
import { ReportFileError, type Report } from '../model';
import type { ExchangeRefusal } from './types';
import {
  DATA_ENTRY,
  EXCHANGE_KIND,
  EXCHANGE_VERSION,
  MANIFEST_ENTRY,
  ManifestSchema,
  PDF_ENTRY,
  sealOf,
  type ExchangeManifest,
  type Sha256,
} from './manifest';

/** One entry of the zip: its bytes, or why they could not be read (core/import/zip's reasons). */
export interface ReadEntry {
  readonly name: string;
  readonly bytes?: Uint8Array;
  readonly problem?: 'damaged' | 'too-large' | 'mismatch';
}

export type Verified =
  | {
      readonly ok: true;
      readonly manifest: ExchangeManifest;
      readonly report: Report;
      /** The finalised PDF, byte for byte, when the file carries one. */
      readonly pdf: Uint8Array | null;
    }
  | {
      readonly ok: false;
      readonly reason: ExchangeRefusal;
      readonly message: string;
      /** The manifest, when it could be read (the unit and year to show). */
      readonly manifest?: ExchangeManifest;
    };

const AGAIN = '未导入。请让报送单位重新导出交换文件。';

/** What an entry is, for people. */
export function entryLabel(name: string): string {
  if (name === MANIFEST_ENTRY) return `清单（${MANIFEST_ENTRY}）`;
  if (name === DATA_ENTRY) return `报告数据（${DATA_ENTRY}）`;
  if (name === PDF_ENTRY) return `定稿 PDF（${PDF_ENTRY}）`;
  return `“${name}”`;
}

function reasonOf(name: string): ExchangeRefusal {
  if (name === MANIFEST_ENTRY) return 'manifest';
  if (name === DATA_ENTRY) return 'data';
  if (name === PDF_ENTRY) return 'pdf';
  return 'missing';
}

function refuse(
  reason: ExchangeRefusal,
  message: string,
  manifest?: ExchangeManifest,
): Verified & { ok: false } {
  return { ok: false, reason, message, ...(manifest ? { manifest } : {}) };
}

function unreadable(entry: ReadEntry): Verified & { ok: false } {
  const label = entryLabel(entry.name);
  if (entry.problem === 'too-large') {
    return refuse(
      reasonOf(entry.name),
      `交换文件中的${label}解压后太大，不像是一份年度报告（可能是恶意构造的压缩包），未导入。`,
    );
  }
  return refuse(
    reasonOf(entry.name),
    `交换文件中的${label}已损坏或在导出后被改动过（压缩数据的校验不符），${AGAIN}`,
  );
}

/**
 * Verifies the entries of a zip (`null`: the bytes are not a zip archive).
 */
export function verifyExchange(entries: readonly ReadEntry[] | null, sha256: Sha256): Verified {
  if (entries === null) {
    return refuse('not-zip', '不是年报交换文件：文件不是 zip 压缩包，或已损坏，未导入。');
  }
  const byName = new Map(entries.map((e) => [e.name, e]));
  const manifestEntry = byName.get(MANIFEST_ENTRY);
  if (!manifestEntry) {
    return refuse(
      'wrong-kind',
      `不是年报交换文件：压缩包中没有 ${MANIFEST_ENTRY}（请选择由“导出交换文件”生成的 .nianbao 文件）。`,
    );
  }
  if (!manifestEntry.bytes) return unreadable(manifestEntry);

  let data: unknown;
  try {
    data = JSON.parse(strFromU8(manifestEntry.bytes));
  } catch {
    return refuse(
      'manifest',
      `交换文件的清单（${MANIFEST_ENTRY}）不是有效的 JSON，已损坏或被改动过，${AGAIN}`,
    );
  }
  const record = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  if (record.kind !== EXCHANGE_KIND) {
    return refuse(
      'wrong-kind',
      `不是年报交换文件：清单中的类型标识是“${String(record.kind ?? '（无）')}”，应为“${EXCHANGE_KIND}”。`,
    );
  }
  if (typeof record.format === 'number' && record.format > EXCHANGE_VERSION) {
    return refuse(
      'version',
      `此交换文件由更新版本的年报软件导出（交换格式版本 ${record.format}），本软件只能读取版本 ${EXCHANGE_VERSION}。请升级软件后再导入。`,
    );
  }
  const parsed = ManifestSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return refuse(
      'manifest',
      `交换文件的清单（${MANIFEST_ENTRY}）内容不完整或有误（${issue?.path.join('.') || '根'}），已损坏或被改动过，${AGAIN}`,
    );
  }
  const manifest = parsed.data;
  if (sealOf(manifest, sha256) !== manifest.seal) {
    return refuse(
      'manifest',
      `交换文件的清单（${MANIFEST_ENTRY}）在导出后被改动过：清单内容与其校验值（seal）不符，${AGAIN}`,
      manifest,
    );
  }

  const listed = Object.keys(manifest.entries);
  for (const name of listed) {
    if (!byName.has(name)) {
      return refuse(
        'missing',
        `交换文件不完整：缺少清单中列出的${entryLabel(name)}，${AGAIN}`,
        manifest,
      );
    }
  }
  for (const entry of entries) {
    if (entry.name !== MANIFEST_ENTRY && !(entry.name in manifest.entries)) {
      return refuse(
        'missing',
        `交换文件中有清单没有列出的“${entry.name}”，文件在导出后被改动过，${AGAIN}`,
        manifest,
      );
    }
  }
  if (!(DATA_ENTRY in manifest.entries)) {
    return refuse(
      'missing',
      `交换文件不完整：清单中没有${entryLabel(DATA_ENTRY)}，${AGAIN}`,
      manifest,
    );
  }
  for (const name of listed) {
    const entry = byName.get(name)!;
    if (!entry.bytes) return { ...unreadable(entry), manifest };
    const expected = manifest.entries[name]!;
    if (entry.bytes.length !== expected.bytes || sha256(entry.bytes) !== expected.sha256) {
      return refuse(
        reasonOf(name),
        `交换文件中的${entryLabel(name)}在导出后被改动过：SHA-256 与清单不符，${AGAIN}`,
        manifest,
      );
    }
  }

  let report: Report;
  try {
    report = parseReportFile(strFromU8(byName.get(DATA_ENTRY)!.bytes!));
  } catch (error) {
    if (!(error instanceof ReportFileError)) throw error;
    return refuse('content', `交换文件中的报告数据无法读取：${error.message}`, manifest);
  }
  if (report.year !== manifest.year || report.unit.id !== manifest.unit.id) {
    return refuse(
      'content',
      `交换文件中的报告数据（${report.unit.name} ${report.year}年度）与清单（${manifest.unit.name} ${manifest.year}年度）不一致，${AGAIN}`,
      manifest,
    );
  }
  const pdf = PDF_ENTRY in manifest.entries ? byName.get(PDF_ENTRY)!.bytes! : null;
  if (pdf && manifest.finalisation?.sha256 && manifest.finalisation.sha256 !== sha256(pdf)) {
    return refuse(
      'pdf',
      `交换文件中的${entryLabel(PDF_ENTRY)}与清单所记定稿的 SHA-256 不符，${AGAIN}`,
      manifest,
    );
  }
  return { ok: true, manifest, report, pdf };
}
