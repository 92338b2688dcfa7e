import { ReportFileError } from '../../core/model';

/** Where the CLI writes; tests pass their own. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Raw output for data written to standard output (CSV with BOM). */
  write(data: string): void;
}

export const processIo: Io = {
  out: (text) => void process.stdout.write(`${text}\n`),
  err: (text) => void process.stderr.write(`${text}\n`),
  write: (data) => void process.stdout.write(data),
};

/** A usage or input problem: printed as is, exit code 2, nothing written. */
export class CliError extends Error {
  override readonly name = 'CliError';
}

/** Runs fn and turns a ReportFileError into a CliError (exit code 2). */
export async function readable<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof ReportFileError) throw new CliError(error.message);
    throw error;
  }
}
