// Real reports (tests/fixtures/corpus/) against their hand-read truth: no number may land in a
// wrong cell, and no file may fall below the figures in baseline.json (right cells, expected
// defects found, false errors). `npm run corpus -- --verbose` shows the cells and findings.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FORMATS, blockLabel, cellsOf } from '../../core/formats';
import { CODES } from '../../core/checks';
import { UNIT_KINDS } from '../../core/model';
import {
  CORPUS_DIR,
  cellKey,
  loadCorpus,
  readBaseline,
  regressions,
  runCorpus,
  type FileResult,
} from '../helpers/corpus';
import { SHARED } from '../helpers/paths';

const files = loadCorpus();
const baseline = readBaseline();

describe('the corpus files', () => {
  it('are there, each with its truth and meta', () => {
    expect(files.length).toBeGreaterThanOrEqual(19);
    const names = readdirSync(CORPUS_DIR);
    for (const name of names) {
      const side = /^(.*)\.(?:truth\.csv|meta\.json)$/u.exec(name);
      if (side) expect(names, `${name} belongs to no corpus file`).toContain(side[1]);
    }
  });

  it.each(files.map((f) => [f.name, f] as const))('%s: truth and meta are well formed', (_, f) => {
    const { meta, truth } = f;
    expect(['2019', '2021']).toContain(meta.format);
    expect(meta.kind === null || (UNIT_KINDS as readonly string[]).includes(meta.kind)).toBe(true);
    expect(meta.noFalseErrors).toBe(true);
    expect(meta.source.length).toBeGreaterThan(10);
    if (meta.prior) expect(files.map((x) => x.name)).toContain(meta.prior);
    for (const d of [...meta.defects, ...(meta.tolerated ?? [])]) {
      expect(Object.keys(CODES), d.code).toContain(d.code);
    }
    // labels are the export's labels, each cell once, every value a published form or "blank"
    const official = new Set(
      [...cellsOf(FORMATS[meta.format])].map(({ table, block, row, column }) =>
        cellKey({
          table: table.id,
          block: blockLabel(block, row),
          row: row.label,
          column: column.label,
        }),
      ),
    );
    const keys = truth.map(cellKey);
    for (const k of keys) expect(official.has(k), k).toBe(true);
    expect(new Set(keys).size).toBe(keys.length);
    for (const c of truth)
      expect(c.value, cellKey(c)).toMatch(/^(?:blank|-?[\d.,]+(?:元|万元)?)$/u);
    // a complete report has every cell of its format in its truth
    if (!meta.excerpt) expect(keys.length).toBe(official.size);
  });

  it('copied from ../shared/corpus unchanged (when it is beside the checkout)', (ctx) => {
    const shared = path.join(SHARED, 'corpus');
    if (!existsSync(shared)) {
      ctx.skip();
      return;
    }
    for (const name of readdirSync(shared).filter((n) => n !== 'README.md')) {
      expect(
        Buffer.compare(
          readFileSync(path.join(shared, name)),
          readFileSync(path.join(CORPUS_DIR, name)),
        ),
        name,
      ).toBe(0);
    }
  });
});

describe('imported against the hand-read truth', () => {
  let results: FileResult[] = [];
  beforeAll(async () => {
    results = await runCorpus(files);
  }, 60_000);

  const result = (name: string) => results.find((r) => r.name === name)!;

  describe.each(files.map((f) => f.name))('%s', (name) => {
    it('puts no number in a wrong cell', () => {
      const wrong = result(name).cells.wrong.map(
        (d) => `${d.cell}: truth ${d.want}, import ${d.got}`,
      );
      expect(wrong).toEqual([]);
    });

    it('is no worse than baseline.json', () => {
      expect(regressions(result(name), baseline[name])).toEqual([]);
    });
  });
});
