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
