/**
 * What the archive's half of the typed API is, without the archive: the API methods it serves,
 * the internal operations the services need, and their types. The worker client in the main
 * process needs only this (not the database code, which runs in the worker).
 */
import {
  API_METHODS,
  type ApiMethod,
  type ApiService,
  type ImportProgress,
  type NianbaoApi,
  type Payload,
  type Result,
} from '../../../core/api';
import type { Archive } from '../../../db/archive';

/**
 * The API methods the PDF service serves (with the archive's internal operations): the print
 * copy, its finalisation, the fonts, and the Word and web-page exports.
 */
export const PDF_METHODS = [
  'renderPdf',
  'finaliseReport',
  'fonts',
  'renderComparisonPdf',
  'exportDocument',
  'renderReviewPdf',
] as const satisfies ApiMethod[];
export type PdfMethod = (typeof PDF_METHODS)[number];

/** The API methods the archive serves alone. */
export type ArchiveMethod = Exclude<ApiMethod, PdfMethod>;
export const ARCHIVE_METHODS = API_METHODS.filter(
  (m): m is ArchiveMethod => !(PDF_METHODS as readonly string[]).includes(m),
);

/**
 * Operations the services need from the archive that the UI never calls directly: what is to
 * be printed of a report (the PDF service), recording a finalisation's PDF after it was
 * rendered, and which unit a name means (the CLI). Their callers are the program itself, so
 * their payloads are not validated again.
 */
export const INTERNAL_METHODS = ['printable', 'storeFinalisation', 'findUnit'] as const;
export type InternalMethod = (typeof INTERNAL_METHODS)[number];

export type WorkerMethod = ArchiveMethod | InternalMethod;
export const WORKER_METHODS: readonly WorkerMethod[] = [...ARCHIVE_METHODS, ...INTERNAL_METHODS];

/** The payload of a worker method: the API's validated payload, or the internal operation's. */
export type WorkerPayload<M extends WorkerMethod> = M extends ArchiveMethod
  ? Payload<M>
  : M extends InternalMethod
    ? Parameters<Archive[M]>[0]
    : never;
export type WorkerResult<M extends WorkerMethod> = M extends ArchiveMethod
  ? Result<M>
  : M extends InternalMethod
    ? ReturnType<Archive[M]>
    : never;

export type ArchiveInternal = {
  [M in InternalMethod]: (p: WorkerPayload<M>) => Promise<WorkerResult<M>>;
};

/** The archive's half of the API as a caller sees it (payloads validated on the way in). */
export type ArchiveApi = Pick<NianbaoApi, ArchiveMethod>;

/** The archive's half of the API as the services call it (payloads validated) and its internal operations. */
export type ArchiveService = Pick<ApiService, ArchiveMethod> & ArchiveInternal;

export interface Context {
  readonly progress: (p: ImportProgress) => void;
  readonly cancelled: () => boolean;
}

/** One handler per worker method: what the database worker (or the CLI's process) runs. */
export type Handlers = {
  [M in WorkerMethod]: (
    payload: WorkerPayload<M>,
    ctx: Context,
  ) => WorkerResult<M> | Promise<WorkerResult<M>>;
};
