/**
 * Issue 17, item 6: two processes import the same files into one archive at the same time, 50
 * rounds, each round new units: a unit named by the clerk (`units`) and a unit the file's title
 * names. The lookup and the creation of a unit are one transaction with the report's storing,
 * so neither process ever fails with a false "已有名为…的单位" (4 of 12 runs did), nor takes
 * the other's new unit for a merely similar one; each unit exists once, holding its report.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Archive } from '../../db/archive';
import { ROOT, SAMPLE } from '../helpers/paths';
import type { ImportRound, RoundReply } from './concurrent-importer';

const ROUNDS = 50;
/** The unit the sample report names (replaced by each round's own). */
const SAMPLE_UNIT = '沂源县行政审批服务局';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-concurrent-import-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** A unit name unlike any other round's: six CJK characters drawn from a seeded sequence. */
function unitName(round: number, which: number): string {
  let x = (round * 7919 + which * 104729 + 12345) >>> 0;
  let name = '';
  for (let i = 0; i < 6; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    name += String.fromCodePoint(0x4e00 + ((x >>> 8) % 0x5000));
  }
  return `${name}局`;
}

/** An importer process answering one line per round. */
class Importer {
  readonly proc: ChildProcessWithoutNullStreams;
  private readonly replies = new Map<number, (reply: RoundReply) => void>();
  private stderr = '';

  constructor(archive: string) {
    this.proc = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'tests/archive-process/concurrent-importer.ts'), archive],
      { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] },
    );
    this.proc.stderr.setEncoding('utf8');
    this.proc.stderr.on('data', (chunk: string) => (this.stderr += chunk));
    readline.createInterface({ input: this.proc.stdout }).on('line', (line) => {
      const reply = JSON.parse(line) as RoundReply;
      this.replies.get(reply.round)?.(reply);
    });
  }

  run(round: ImportRound): Promise<RoundReply> {
    return new Promise((resolve, reject) => {
      this.replies.set(round.round, resolve);
      this.proc.once('exit', (code) =>
        reject(new Error(`importer exited (${code}) in round ${round.round}: ${this.stderr}`)),
      );
      this.proc.stdin.write(`${JSON.stringify(round)}\n`);
    });
  }

  async end(): Promise<void> {
    const exited = new Promise((resolve) => this.proc.once('exit', resolve));
    this.proc.stdin.end();
    await exited;
  }
}

describe('two importers at once', () => {
  it('50 rounds: no false failure, each unit once with its report', async () => {
    const archive = path.join(dir, 'archive.sqlite');
    // the archive exists before the importers start (as the app's does)
    (await Archive.open(archive)).close();
    const sample = fs.readFileSync(SAMPLE, 'utf8');
    expect(sample).toContain(SAMPLE_UNIT);
    const importers = [new Importer(archive), new Importer(archive)];
    const names: string[] = [];
    try {
      for (let round = 0; round < ROUNDS; round++) {
        // a: its unit named by the clerk; b: the unit its title names (created by the import)
        const named = unitName(round, 0);
        const titled = unitName(round, 1);
        names.push(named, titled);
        const a = path.join(dir, `${round}-a.txt`);
        const b = path.join(dir, `${round}-b.txt`);
        fs.writeFileSync(a, sample);
        fs.writeFileSync(b, sample.replaceAll(SAMPLE_UNIT, titled));
        const units = { [a]: named };
        // one importer takes them in the other order: both create a unit at the same moment
        const replies = await Promise.all([
          importers[0]!.run({ round, paths: [a, b], units }),
          importers[1]!.run({ round, paths: [b, a], units }),
        ]);
        for (const reply of replies) {
          expect(reply.error, `round ${round}`).toBeUndefined();
          for (const r of reply.results!) {
            expect(['imported', 'unchanged'], `round ${round}: ${JSON.stringify(r)}`).toContain(
              r.status,
            );
          }
        }
        for (const file of [a, b]) {
          const results = replies.flatMap((r) => r.results!.filter((x) => x.file === file));
          // one process imported it (and created its unit), the other found it there
          expect(results.map((r) => r.status).sort(), `round ${round} ${file}`).toEqual([
            'imported',
            'unchanged',
          ]);
          expect(results.filter((r) => r.newUnit)).toHaveLength(1);
          expect(new Set(results.map((r) => r.unitName)).size).toBe(1);
        }
      }
    } finally {
      await Promise.all(importers.map((i) => i.end()));
    }
    const check = await Archive.open(archive, { create: false });
    try {
      const units = check.listUnits();
      expect(units.map((u) => u.name).sort()).toEqual([...names].sort());
      for (const unit of units) expect(check.listYears({ unitId: unit.id })).toHaveLength(1);
      expect(check.verify().ok).toBe(true);
    } finally {
      check.close();
    }
  }, 120_000);
});
