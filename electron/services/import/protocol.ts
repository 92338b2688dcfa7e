/**
 * The messages between a caller (index.ts) and the import worker (worker.ts):
 *
 *   { id, pdf: bytes, maxPages } | { id, doc: bytes, unreadable }   PDF pages, a .doc's text
 *   { id, report: bytes, options, limits }                          a whole import (importBytes)
 *   { id, archive: bytes, fileName, year?, limits }                 a file for the archive
 *   { id, exchange: bytes | { path } }                              an exchange file, verified
 * → { id, ok: true, result } | { id, ok: false, message }           message: Chinese, for people
 */
import type { ImportOptions } from '../../../core/import';
import type { ImportLimits } from './source';

export type ImportWorkerRequest =
  | { readonly id: number; readonly pdf: Uint8Array; readonly maxPages: number }
  | { readonly id: number; readonly doc: Uint8Array; readonly unreadable: string }
  | {
      readonly id: number;
      readonly report: Uint8Array;
      readonly options: ImportOptions;
      readonly limits: ImportLimits;
    }
  | {
      readonly id: number;
      readonly archive: Uint8Array;
      readonly fileName: string;
      readonly year?: number;
      readonly limits: ImportLimits;
    }
  | { readonly id: number; readonly exchange: Uint8Array | { readonly path: string } };

export type ImportWorkerReply =
  | { readonly id: number; readonly ok: true; readonly result: unknown }
  | { readonly id: number; readonly ok: false; readonly message: string };
