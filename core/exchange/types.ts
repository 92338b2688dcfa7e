/**
 * The exchange file between offline offices (issue 15 item 1): what an import of `.nianbao`
 * files answers, per file and in total, and the file an export hands over.
 */
import type { UnitCandidate } from '../api/types';

/** Why an exchange file was refused (the message says it in Chinese). */
export const EXCHANGE_REFUSALS = [
  /** not a zip archive, or a damaged one */
  'not-zip',
  /** a zip, but not an exchange file (no manifest, another kind) */
  'wrong-kind',
  /** written by a newer exchange format */
  'version',
  /** manifest.json changed after export (its seal differs) */
  'manifest',
  /** the report data differs from its SHA-256 */
  'data',
  /** the finalised PDF differs from its SHA-256 */
  'pdf',
  /** an entry the manifest lists is not in the file, or one is there that it does not list */
  'missing',
  /** the data file is not a report, or not the manifest's unit and year */
  'content',
  /** the archive holds a newer revision from the same source */
  'older',
  /** the archive's report for the year is finalised (定稿): not replaced */
  'locked',
  /** anything else the archive refused (a message from it) */
  'failed',
] as const;
export type ExchangeRefusal = (typeof EXCHANGE_REFUSALS)[number];

export interface ExchangeFileResult {
  /** The file as named (a path, or the relative name of a file sent by the window). */
  readonly file: string;
  /**
   * added: a new revision (or a new report) is in the archive; identical: the archive already
   * has this content (nothing added); refused: see `reason` and `message`; needs-unit: no unit
   * with the file's id or exact name, but units with resembling names: choose one.
   */
  readonly status: 'added' | 'identical' | 'refused' | 'needs-unit';
  readonly reason?: ExchangeRefusal;
  /** The unit and year as the file names them (when it could be read). */
  readonly unitName?: string;
  readonly year?: number;
  /** The revision number in the exporting archive. */
  readonly sourceRevision?: number;
  /** The unit it went to in this archive (added, identical). */
  readonly unitId?: string;
  /** The unit was created by this import. */
  readonly newUnit?: boolean;
  /** The revision added in this archive (added) or the current one (identical). */
  readonly revision?: number;
  /** The report was finalised by its unit and is recorded as finalised here. */
  readonly finalised?: boolean;
  /** The file carried the finalised PDF (archived here byte for byte). */
  readonly pdf?: boolean;
  /** needs-unit: units whose name resembles the file's. */
  readonly candidates?: readonly UnitCandidate[];
  /** Why it was refused, or what the clerk is asked (Chinese). */
  readonly message?: string;
}

export interface ExchangeSummary {
  readonly results: readonly ExchangeFileResult[];
  readonly added: number;
  readonly identical: number;
  readonly refused: number;
  readonly needsUnit: number;
}

/** An exchange file to save: `<单位>-<年度>.nianbao`. */
export interface ExchangeFile {
  readonly fileName: string;
  readonly mime: string;
  readonly data: Uint8Array;
  /** The revision exported (the exporting archive's newest). */
  readonly revision: number;
  /** The file holds the finalised PDF. */
  readonly withPdf: boolean;
  /** The report has unsaved edits, not in the file (it holds the newest revision). */
  readonly unsaved: boolean;
}

/** Counts a list of results. */
export function summariseExchange(results: readonly ExchangeFileResult[]): ExchangeSummary {
  const count = (status: ExchangeFileResult['status']) =>
    results.filter((r) => r.status === status).length;
  return {
    results,
    added: count('added'),
    identical: count('identical'),
    refused: count('refused'),
    needsUnit: count('needs-unit'),
  };
}
