/**
 * The county office benchmark (issue 15; `NIANBAO_BENCH_ONLY=office`): the submissions
 * dashboard of a county with 60 members (the test fixture's county, tests/helpers/county.ts,
 * with 9 more townships), in an archive that also holds 3,000 other units (target < 100 ms
 * median), and, for information, every member's 审核意见 (the checks on 57 reports) and its PDF.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Archive } from '../db/archive';
import { createPdfService, createPdfRenderer } from '../electron/services/pdf/service';
import type { ArchiveService } from '../electron/services/archive/methods';
import { balancedReport } from '../tests/helpers/reports';
import { YEAR, fillCounty, storeReport } from '../tests/helpers/county';
import { printTable, timedRuns, type Timing, timingRow } from './table';

const OTHER_UNITS = 3000;
const EXTRA_TOWNSHIPS = 9;

export async function runOfficeBench(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-bench-office-'));
  const archive = await Archive.open(path.join(dir, 'archive.sqlite'));
  try {
    const county = fillCounty(archive);
    for (let i = 0; i < EXTRA_TOWNSHIPS; i++) {
      const name = `新区第${i + 1}街道`;
      const unit = archive.createUnit({ name, kind: '乡镇街道', parentId: county.county.id });
      const report = balancedReport(YEAR, { unitName: name, kind: '乡镇街道', scale: i + 2 });
      storeReport(archive, unit.id, YEAR, report, 'bench');
    }
    // other counties' units, with parents, that the dashboard must not read
    let parentId: string | null = null;
    for (let i = 0; i < OTHER_UNITS; i++) {
      const u = archive.createUnit({ name: `他县单位${i}`, kind: '部门', parentId });
      if (i % 50 === 0) parentId = u.id;
    }
    const p = { unitId: county.county.id, year: YEAR };
    const members = archive.submissions(p).members.length;
    if (members !== 60) throw new Error(`the county has ${members} members, not 60`);

    const rows: string[][] = [];
    const row = (name: string, t: Timing, target: number | null) =>
      rows.push(timingRow(name, t, target));
    row(
      `submissions (dashboard), 60 members, ${OTHER_UNITS + 61} units`,
      await timedRuns(() => archive.submissions(p), 200, 5),
      100,
    );
    const review = { ...p, members: true, reviewer: 'bench' };
    row(
      'reviewSheets, every member (checks on 57 reports)',
      await timedRuns(() => archive.reviewSheets(review), 10, 5),
      null,
    );
    const service = {
      reviewSheets: async (q: typeof review) => archive.reviewSheets(q),
      submissions: async (q: typeof p) => archive.submissions(q),
    } as unknown as ArchiveService;
    const pdf = createPdfService(service, createPdfRenderer({ fontDirs: [] }));
    let pages = 0;
    row(
      'renderReviewPdf, every member (one PDF)',
      await timedRuns(async () => (pages = (await pdf.renderReviewPdf(review)).pages), 3, 5),
      null,
    );
    console.log('\nCounty office (issue 15)');
    printTable(['measure', 'median ms', 'p95 ms', 'runs', 'target'], rows);
    console.log(`(the members' 审核意见 PDF has ${pages} pages)`);
  } finally {
    archive.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
