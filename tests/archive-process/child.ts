/**
 * Running the writer (writer.ts) as a child process: bundled once per test file with esbuild
 * (a bundle starts in a fraction of the time tsx needs, which matters when a test starts the
 * writer dozens of times), its stdout read as JSON lines.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { build } from 'esbuild';
import { ROOT } from '../helpers/paths';
import type { WriterConfig, WriterEvent } from './shared';

const require = createRequire(import.meta.url);

/** Bundles writer.ts into `outDir`; better-sqlite3 stays the project's own (absolute path). */
export function bundleWriter(outDir: string): Promise<string> {
  return bundleChild('writer', outDir);
}

/** Bundles tests/archive-process/<name>.ts into `outDir` as <name>.cjs. */
export async function bundleChild(name: string, outDir: string): Promise<string> {
  const outfile = path.join(outDir, `${name}.cjs`);
  const sqlite = require.resolve('better-sqlite3');
  await build({
    entryPoints: [path.join(ROOT, 'tests', 'archive-process', `${name}.ts`)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
    define: { 'import.meta.url': '__bundleUrl' },
    banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
    plugins: [
      {
        name: 'project-better-sqlite3',
        setup(b) {
          b.onResolve({ filter: /^better-sqlite3$/ }, () => ({ path: sqlite, external: true }));
        },
      },
    ],
  });
  return outfile;
}

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** A running writer: the events it has printed so far, and how to wait for more. */
export class Writer {
  readonly events: WriterEvent[] = [];
  readonly exited: Promise<Exit>;
  private stderrText = '';
  private partial = '';
  private readonly waiters: (() => void)[] = [];
  private done = false;
  readonly proc: ChildProcessWithoutNullStreams;

  constructor(script: string, config: WriterConfig) {
    this.proc = spawn(process.execPath, [script, JSON.stringify(config)], {
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.proc.stdout.setEncoding('utf8');
    this.proc.stdout.on('data', (chunk: string) => {
      const lines = (this.partial + chunk).split('\n');
      // a line cut short by the kill is no promise: only whole lines count
      this.partial = lines.pop() ?? '';
      for (const line of lines) {
        if (line.trim()) this.events.push(JSON.parse(line) as WriterEvent);
      }
      this.wake();
    });
    this.proc.stderr.setEncoding('utf8');
    this.proc.stderr.on('data', (chunk: string) => (this.stderrText += chunk));
    // ignore EPIPE when writing "go" to a writer that already died: its exit tells why
    this.proc.stdin.on('error', () => {});
    this.exited = new Promise((resolve) => {
      // 'close': the process has exited and its stdout has been read to the end
      this.proc.on('close', (code, signal) => {
        this.done = true;
        this.wake();
        resolve({ code, signal });
      });
    });
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  /** What the writer wrote to stderr, and any error it reported (for assertion messages). */
  get diagnostics(): string {
    const errors = this.events.filter((e) => e.event === 'error');
    return [this.stderrText.trim(), ...errors.map((e) => JSON.stringify(e))]
      .filter(Boolean)
      .join('\n');
  }

  /** Resolves with the first event that matches; rejects if the writer exits without one. */
  async waitFor<E extends WriterEvent>(match: (e: WriterEvent) => e is E): Promise<E> {
    for (;;) {
      const found = this.events.find(match);
      if (found) return found;
      if (this.done) {
        throw new Error(`writer exited without the awaited event:\n${this.diagnostics}`);
      }
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  send(text: string): void {
    this.proc.stdin.write(text);
  }

  kill(): void {
    this.proc.kill('SIGKILL');
  }
}

export const isEvent =
  <K extends WriterEvent['event']>(kind: K) =>
  (e: WriterEvent): e is Extract<WriterEvent, { event: K }> =>
    e.event === kind;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
