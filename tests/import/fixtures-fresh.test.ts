// The committed fixture files are what tests/fixtures/generate.ts makes: a change to the
// generator must come with regenerated files (`npx tsx tests/fixtures/generate.ts`), and no
// stale file is left behind. Zip-based files are compared entry by entry (deflate output may
// differ between zlib versions; the documents inside may not).
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { FIXTURES_DIR, fixtureFiles } from '../fixtures/generate';

const DIRS = ['reports', 'encodings', 'bad'];

function entries(bytes: Uint8Array): Record<string, string> | null {
  try {
    const files = unzipSync(bytes);
    return Object.fromEntries(
      Object.entries(files).map(([name, data]) => [name, Buffer.from(data).toString('base64')]),
    );
  } catch {
    return null;
  }
}

describe('fixture files', () => {
  const generated = fixtureFiles();

  it('are all generated, and none is stale', () => {
    const onDisk = DIRS.flatMap((dir) =>
      readdirSync(path.join(FIXTURES_DIR, dir)).map((f) => `${dir}/${f}`),
    ).sort();
    expect(onDisk).toEqual([...generated.keys()].sort());
  });

  it.each([...fixtureFiles().keys()])('%s is up to date', (rel) => {
    const want = generated.get(rel)!;
    const have = new Uint8Array(readFileSync(path.join(FIXTURES_DIR, rel)));
    const zipped = [0x50, 0x4b].every((b, i) => want[i] === b);
    if (!zipped) {
      expect(Buffer.compare(Buffer.from(have), Buffer.from(want)), rel).toBe(0);
      return;
    }
    const a = entries(have);
    const b = entries(want);
    if (a && b) expect(a).toEqual(b);
    else {
      // a deliberately damaged zip: damaged alike
      expect(a).toBeNull();
      expect(b).toBeNull();
      expect(Math.abs(have.length - want.length)).toBeLessThan(want.length / 10 + 1);
    }
  });
});
