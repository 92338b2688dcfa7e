/**
 * The exchange file benchmark (issue 15 item 1; `NIANBAO_BENCH_ONLY=exchange`): a county whose
 * 60 members each export their 2025 report (a third with a 300 KB 定稿 PDF), then the office
 * imports the folder of 60 `.nianbao` files into an empty archive (read, unzip within bounds,
 * every SHA-256 verified, the unit created, the revision and the finalisation stored): the total
 * time and the cost per file, for information (no target).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parsePayload } from '../core/api';
import { Archive } from '../db/archive';
import { packExchange } from '../electron/services/exchange/file';
import { importExchange } from '../electron/services/exchange/importer';
import { balancedReport } from '../tests/helpers/reports';
import { MISSING, YEAR, fillCounty, storeReport } from '../tests/helpers/county';
import { printTable, timedRuns, timingRow } from './table';

const EXTRA_TOWNSHIPS = 12;
const FILES = 60;
const PDF_BYTES = 300 * 1024;

function fakePdf(seed: number): Uint8Array {
  const bytes = new Uint8Array(PDF_BYTES);
  let x = seed * 2654435761;
  for (let i = 0; i < bytes.length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    bytes[i] = x >>> 24;
  }
  bytes.set(new TextEncoder().encode('%PDF-1.7\n'));
  return bytes;
}

export async function runExchangeBench(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-bench-exchange-'));
  const folder = path.join(dir, 'files');
  fs.mkdirSync(folder);
  const sender = await Archive.open(path.join(dir, 'members.sqlite'));
  try {
    const county = fillCounty(sender, { finaliseEvery: 1_000_000 });
    for (let i = 0; i < EXTRA_TOWNSHIPS; i++) {
      const name = `新区第${i + 1}街道`;
      const unit = sender.createUnit({ name, kind: '乡镇街道', parentId: county.county.id });
      storeReport(
        sender,
        unit.id,
        YEAR,
        balancedReport(YEAR, { unitName: name, scale: i + 2 }),
        'bench',
      );
    }
    const members = sender
      .listUnits()
      .filter((u) => u.parentId !== null && u.years.includes(YEAR))
      .filter((u) => !(MISSING as readonly string[]).includes(u.name));
    members.forEach((u, i) => {
      const locked = sender.listYears({ unitId: u.id }).find((y) => y.year === YEAR)?.locked;
      if (i % 3 === 1 && !locked) {
        sender.storeFinalisation({ unitId: u.id, year: YEAR, by: 'bench', pdf: fakePdf(i) });
      }
    });
    if (members.length !== FILES) throw new Error(`${members.length} members, not ${FILES}`);

    const at = new Date().toISOString();
    const exported = await timedRuns(
      () => {
        for (const u of members) {
          const file = packExchange(sender.exchangeParts({ unitId: u.id, year: YEAR }), {
            at,
            by: 'bench',
          });
          fs.writeFileSync(path.join(folder, file.fileName), file.data);
        }
      },
      3,
      1,
    );
    const bytes = fs
      .readdirSync(folder)
      .reduce((n, f) => n + fs.statSync(path.join(folder, f)).size, 0);

    let run = 0;
    const payload = parsePayload('importExchange', { paths: [folder], author: 'bench' });
    const imported = await timedRuns(
      async () => {
        const office = await Archive.open(path.join(dir, `office-${run++}.sqlite`));
        try {
          const s = await importExchange((step) => Promise.resolve(step(office)), payload);
          if (s.added !== FILES) throw new Error(`added ${s.added} of ${FILES}`);
        } finally {
          office.close();
        }
      },
      5,
      1,
    );
    const rows = [
      timingRow(`export ${FILES} exchange files (zip, SHA-256, write)`, exported, null),
      timingRow(`import ${FILES} exchange files into an empty archive`, imported, null),
    ];
    console.log('\nExchange files (issue 15 item 1)');
    printTable(['measure', 'median ms', 'p95 ms', 'runs', 'target'], rows);
    console.log(
      `(${FILES} files, ${(bytes / 1024 / 1024).toFixed(1)} MB, ${members.filter((_, i) => i % 3 === 1).length} with a ${PDF_BYTES / 1024} KB PDF; ` +
        `per file: export ${(exported.median / FILES).toFixed(1)} ms, import ${(imported.median / FILES).toFixed(1)} ms)`,
    );
  } finally {
    sender.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
