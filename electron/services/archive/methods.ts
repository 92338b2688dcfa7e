/**
 * What the archive's half of the typed API is, without the archive: its methods, the
 * internal operations the services need, and payload validation. The worker client in the
 * main process needs only this (not the database code, which runs in the worker).
 */
import { z } from 'zod';
import {
  API_PAYLOADS,
  ApiError,
  parsePayload,
  type ApiMethod,
  type ImportProgress,
  type NianbaoApi,
  type Payload,
  type PdfMatch,
  type PdfMethod,
} from '../../../core/api';

/** The API methods the archive serves alone (the PDF service composes the others). */
export type ArchiveMethod = Exclude<ApiMethod, PdfMethod>;
export type ArchiveApi = Pick<NianbaoApi, ArchiveMethod>;

/**
 * Operations the services need from the archive that the UI never calls directly: storing a
 * finalisation's PDF (after the PDF service rendered it), finding one by its bytes, reading
 * the archived bytes back. Validated like API payloads.
 */
const unitId = z.string().min(1).max(200);
const year = z.number().int();
const bytes = z.custom<Uint8Array<ArrayBufferLike>>((v) => v instanceof Uint8Array);
export const INTERNAL_PAYLOADS = {
  storeFinalisation: z.object({
    unitId,
    year,
    by: z.string(),
    pdf: bytes,
    revision: z.number().int(),
  }),
  findFinalisation: z.object({ pdf: bytes }),
  /** The archived PDF of a report while it is finalised (null once reopened or never finalised). */
  finalPdf: z.object({ unitId, year }),
} as const;
export type InternalMethod = keyof typeof INTERNAL_PAYLOADS;
export type WorkerMethod = ArchiveMethod | InternalMethod;

export interface StoredFinalisation {
  readonly revision: number;
  readonly at: string;
  readonly by: string;
  readonly sha256: string;
}

export interface ArchivedPdf extends StoredFinalisation {
  readonly pdf: Uint8Array;
}

export interface ArchiveInternal {
  storeFinalisation(
    p: z.input<(typeof INTERNAL_PAYLOADS)['storeFinalisation']>,
  ): Promise<StoredFinalisation>;
  findFinalisation(
    p: z.input<(typeof INTERNAL_PAYLOADS)['findFinalisation']>,
  ): Promise<PdfMatch | null>;
  finalPdf(p: z.input<(typeof INTERNAL_PAYLOADS)['finalPdf']>): Promise<ArchivedPdf | null>;
}

export const ARCHIVE_METHODS = Object.keys(API_PAYLOADS).filter(
  (m) =>
    !(['renderPdf', 'finaliseReport', 'verifyPdf', 'fonts'] satisfies PdfMethod[]).includes(
      m as PdfMethod,
    ),
) as ArchiveMethod[];
export const INTERNAL_METHODS = Object.keys(INTERNAL_PAYLOADS) as InternalMethod[];

/** Validates a payload for the database worker: an archive API method or an internal one. */
export function parseWorkerPayload(method: WorkerMethod, payload: unknown): unknown {
  if (method in INTERNAL_PAYLOADS) {
    const parsed = INTERNAL_PAYLOADS[method as InternalMethod].safeParse(payload ?? {});
    if (!parsed.success) throw new ApiError('INVALID', `内部请求 ${method} 的参数不正确。`);
    return parsed.data;
  }
  return parsePayload(method as ArchiveMethod, payload);
}

export type Result<M extends ApiMethod> = Awaited<ReturnType<NianbaoApi[M]>>;
type InternalResult<M extends InternalMethod> = Awaited<ReturnType<ArchiveInternal[M]>>;

export interface Context {
  readonly progress: (p: ImportProgress) => void;
  readonly cancelled: () => boolean;
}

export type Handlers = {
  [M in ArchiveMethod]: (payload: Payload<M>, ctx: Context) => Result<M> | Promise<Result<M>>;
} & {
  [M in InternalMethod]: (
    payload: z.output<(typeof INTERNAL_PAYLOADS)[M]>,
    ctx: Context,
  ) => InternalResult<M> | Promise<InternalResult<M>>;
};
