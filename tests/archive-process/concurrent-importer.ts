/**
 * A child process that imports files into an archive, as the CLI does (the archive in this
 * process, the files read in its import worker), for tests/archive-process/concurrent-*.test.ts.
 * Run with `node --import tsx concurrent-importer.ts <archive>`. Each line on stdin is a round:
 * `{ "round": n, "paths": [...], "units": { path: unit name } }`; each is answered by one line
 * on stdout, `{ "round": n, "results": [{ file, status, unitName, message }] }` (or
 * `{ "round": n, "error": message }`). Ends when stdin ends.
 */
import readline from 'node:readline';
import { openArchiveInProcess } from '../../electron/services/archive/in-process';

export interface ImportRound {
  readonly round: number;
  readonly paths: readonly string[];
  readonly units: Record<string, string>;
}

export interface RoundReply {
  readonly round: number;
  readonly results?: readonly {
    file: string;
    status: string;
    unitName?: string;
    newUnit?: boolean;
    message?: string;
  }[];
  readonly error?: string;
}

const archive = process.argv[2]!;
const connection = await openArchiveInProcess(archive);
const lines = readline.createInterface({ input: process.stdin });
for await (const line of lines) {
  if (!line.trim()) continue;
  const round = JSON.parse(line) as ImportRound;
  let reply: RoundReply;
  try {
    const summary = await connection.api.importFiles({
      paths: [...round.paths],
      units: round.units,
      author: `进程${process.pid}`,
    });
    reply = {
      round: round.round,
      // (JSON leaves out what is undefined)
      results: summary.results.map(({ file, status, unitName, newUnit, message }) => ({
        file,
        status,
        unitName,
        newUnit,
        message,
      })),
    };
  } catch (error) {
    reply = { round: round.round, error: error instanceof Error ? error.message : String(error) };
  }
  process.stdout.write(`${JSON.stringify(reply)}\n`);
}
await connection.close();
