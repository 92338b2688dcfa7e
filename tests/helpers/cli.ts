// Running the real command (dist/cli.cjs, built by the global setup) in tests.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { expect } from 'vitest';
import { ROOT } from './paths';

export const CLI = path.join(ROOT, 'dist', 'cli.cjs');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `nianbao <args>` in `cwd` with `env` added to this process's environment. */
export function runCli(
  cwd: string,
  env: NodeJS.ProcessEnv,
  args: readonly string[],
): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { cwd, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, ...env } },
      (error, stdout, stderr) => {
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

/** A usage or input error: exit code 2, a Chinese message, no stack trace. */
export function expectRefused(r: CliRun, args: readonly string[], message: string | RegExp): void {
  expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(2);
  expect(r.stderr, args.join(' ')).toMatch(message);
  expect(r.stderr).toMatch(/\p{Script=Han}/u);
  expect(r.stderr).not.toMatch(/at .*\.(c?js|ts):\d+/u);
}
