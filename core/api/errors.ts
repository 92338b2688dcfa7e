/** Errors of the typed API: a stable code for programs and a Chinese message for people. */

/** Codes of ApiError: stable, for programs; the message is for people. */
export const API_ERROR_CODES = [
  'INVALID', // the payload failed validation
  'NOT_FOUND',
  'CONFLICT', // e.g. the year already has a report
  'LOCKED', // the report is finalised
  'STALE', // a save or journal write based on a revision that is no longer the newest
  'NEWER_VERSION', // the archive was written by a newer version of the app
  'NOT_ARCHIVE', // the file is not a Nianbao archive
  'CORRUPT', // the archive failed its integrity check
  'BUSY', // another program holds the archive
  'FAILED', // anything else
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** An error as it crosses a process or thread boundary: the code and the Chinese message. */
export interface ErrorEnvelope {
  readonly code: ApiErrorCode;
  readonly message: string;
}

/** A known code, else FAILED (what arrives from another process may be anything). */
export function errorCode(code: unknown): ApiErrorCode {
  return (API_ERROR_CODES as readonly unknown[]).includes(code) ? (code as ApiErrorCode) : 'FAILED';
}

/**
 * Part of every STALE message. The desktop window's contextBridge delivers an error's message
 * only (not its code), so the window recognises a conflict by the code where it has one, else by
 * this text.
 */
export const STALE_MARK = '已在另一个窗口中保存为第';

/** Whether an error from either transport is a STALE refusal (another window saved first). */
export function isStale(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return code === 'STALE' || (code === undefined && error.message.includes(STALE_MARK));
}
