export declare const BINDING_ENV: 'NIANBAO_SQLITE_BINDING';
export declare const BINDING_FILE: 'better_sqlite3.node';
export declare const STAMP_FILE: 'stamp.json';
export declare const LOG_FILE: 'build.log';
export declare const HEADERS_URL: string;
export declare const HEADERS_DIR: string;

export declare class NativeBuildError extends Error {
  constructor(step: NativeBuildError['step'], message: string);
  readonly step: 'node-gyp' | 'headers' | 'compile';
}

export interface Stamp {
  readonly electron: string;
  readonly betterSqlite3: string | null;
  readonly platform: string;
  readonly arch: string;
}

/** What a build function gets: it must write the module to `output`, or throw. */
export interface BuildRequest {
  readonly source: string;
  readonly version: string;
  readonly output: string;
  readonly logFile: string;
  readonly nodeGyp: string | null;
  readonly signal?: AbortSignal | undefined;
  readonly env?: NodeJS.ProcessEnv;
}
export type BuildFunction = (request: BuildRequest) => Promise<void>;

export declare function electronVersion(root: string): string | null;
export declare function sqliteSource(root: string): string;
export declare function bindingCacheDir(root: string, version: string): string;
export declare function expectedStamp(root: string, version: string): Stamp;
export declare function cachedBinding(root: string, version: string): string | null;
export declare function findNodeGyp(
  root: string,
  env?: NodeJS.ProcessEnv,
  execPath?: string,
): string | null;
export declare function buildBinding(
  request: BuildRequest & {
    readonly headersUrl?: string;
    readonly headersDir?: string;
    readonly tmpRoot?: string;
    readonly timeouts?: { readonly headers: number; readonly compile: number };
  },
): Promise<void>;
export declare function failureMessage(
  error: unknown,
  version: string,
  logFile: string | null,
): string;

export type EnsureResult =
  | { readonly ok: true; readonly binding: string; readonly built: boolean }
  | { readonly ok: false; readonly message: string };
export declare function ensureElectronBinding(options: {
  readonly root: string;
  readonly version: string;
  readonly build?: BuildFunction | undefined;
  readonly log?: ((line: string) => void) | undefined;
  readonly signal?: AbortSignal | undefined;
  readonly env?: NodeJS.ProcessEnv;
}): Promise<EnsureResult>;
