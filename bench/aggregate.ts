/**
 * The 汇总 benchmark (issue 15; `NIANBAO_BENCH_ONLY=aggregate`): a county of 60 members, each
 * with a full balanced 2021-layout report (scaled differently), in a real archive. Measured:
 * aggregateReport (reading the 60 reports as they stand and summing every cell with its
 * breakdown; target < 200 ms median), the sum alone (core/aggregate), applyAggregate (one
 * revision, checks with AGGREGATE_MISMATCH) and the .xlsx of the 汇总表.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { aggregate, type MemberInput } from '../core/aggregate';
import { Archive } from '../db/archive';
import { aggregateWorkbook } from '../electron/services/xlsx/aggregate';
import { storeReport } from '../tests/helpers/county';
import { balancedReport } from '../tests/helpers/reports';
import { printTable, timedRuns, type Timing, timingRow } from './table';

const MEMBERS = 60;
const YEAR = 2025;

export async function runAggregateBench(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-bench-aggregate-'));
  const archive = await Archive.open(path.join(dir, 'archive.sqlite'));
  try {
    const county = archive.createUnit({ name: '基准县人民政府', kind: '政府', parentId: null });
    const inputs: MemberInput[] = [];
    for (let i = 0; i < MEMBERS; i++) {
      const name = `基准县第${i + 1}局`;
      const unit = archive.createUnit({ name, kind: '部门', parentId: county.id });
      const built = balancedReport(YEAR, { unitName: name, kind: '部门', scale: (i % 9) + 2 });
      const report = storeReport(archive, unit.id, YEAR, built, 'bench');
      inputs.push({ unitId: unit.id, name, report });
    }
    const rows: string[][] = [];
    const row = (name: string, t: Timing, target: number | null) =>
      rows.push(timingRow(name, t, target));
    const p = { unitId: county.id, year: YEAR };
    row(
      `aggregateReport, ${MEMBERS} members (archive read + sum + breakdown)`,
      await timedRuns(() => archive.aggregateReport(p), 30),
      200,
    );
    row(
      `aggregate() alone, ${MEMBERS} reports`,
      await timedRuns(() => aggregate(YEAR, '2021', inputs), 30),
      null,
    );
    row(
      `applyAggregate, ${MEMBERS} members (one revision, checks)`,
      await timedRuns(
        (i) =>
          archive.applyAggregate({
            ...p,
            author: 'bench',
            // alternate the member set so that every run writes a revision
            members: inputs.slice(i % 2).map((m) => m.unitId),
          }),
        10,
      ),
      null,
    );
    const result = archive.aggregateReport(p);
    row('汇总表 .xlsx (4 sheets)', await timedRuns(() => aggregateWorkbook(result), 10), null);
    console.log('\n汇总 (aggregation)\n');
    printTable(['benchmark', 'median ms', 'p95 ms', 'runs', 'target'], rows);
  } finally {
    archive.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await runAggregateBench();
}
