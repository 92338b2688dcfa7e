import type { BuildFunction } from '../native.mjs';

export declare const BUILD_OUTPUTS: readonly string[];
export declare function missingBuildOutputs(root: string): string[];
export declare function findElectronBinary(root: string, env?: NodeJS.ProcessEnv): string | null;
export type StartChoice =
  | { readonly mode: 'electron'; readonly binary: string; readonly args: string[] }
  | { readonly mode: 'browser'; readonly reason: 'asked' | 'no-electron'; readonly args: string[] };
export declare function chooseStart(
  root: string,
  args: readonly string[],
  env?: NodeJS.ProcessEnv,
): StartChoice;
export type PreparedStart =
  | {
      readonly mode: 'electron';
      readonly binary: string;
      readonly args: string[];
      /** The whole environment to start Electron with (NIANBAO_SQLITE_BINDING set). */
      readonly env: NodeJS.ProcessEnv;
    }
  | { readonly mode: 'browser'; readonly reason: 'asked' | 'no-electron'; readonly args: string[] }
  | {
      readonly mode: 'browser';
      readonly reason: 'no-sqlite';
      /** Why (Chinese and English), ending with the fallback sentence. */
      readonly message: string;
      readonly args: string[];
    };
export declare function prepareStart(
  root: string,
  args: readonly string[],
  options?: {
    readonly env?: NodeJS.ProcessEnv;
    readonly build?: BuildFunction;
    readonly log?: (line: string) => void;
    readonly signal?: AbortSignal;
  },
): Promise<PreparedStart>;
