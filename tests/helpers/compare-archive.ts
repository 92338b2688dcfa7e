/**
 * A real archive for the comparison tests (issue 14): 平潭综合实验区's published reports
 * 2019–2025 (tests/fixtures/corpus, real text as crawled and converted, both formats), a
 * text-only 2016 (tests/fixtures/legacy/county-2013.txt's text, kept as a legacy document: 2017
 * and 2018 have no report), the unit renamed in 2024, two townships' 2022 reports
 * (xiashihao-zhen-2022.txt and cqsdj-zhen-2022.md, excerpts as published), and 2026 copied
 * from 2025 (对比上年 on by default).
 */
import fs from 'node:fs';
import path from 'node:path';
import { importReport } from '../../core/import';
import type { Report } from '../../core/model';
import { Archive } from '../../db/archive';
import { ROOT } from './paths';

export const PINGTAN = '平潭综合实验区';
export const PINGTAN_RENAMED = '平潭综合实验区管理委员会';
export const TOWN_A = '下湿壕镇';
export const TOWN_B = '重庆某镇';
export const PINGTAN_YEARS = [2019, 2020, 2021, 2022, 2023, 2024, 2025] as const;

const CORPUS = path.join(ROOT, 'tests', 'fixtures', 'corpus');
const LEGACY = path.join(ROOT, 'tests', 'fixtures', 'legacy', 'county-2013.txt');

/** A corpus file imported as the app imports it, named for its unit. */
export function corpusReport(file: string, unit: { id: string; name: string }): Report {
  const { report } = importReport(new Uint8Array(fs.readFileSync(path.join(CORPUS, file))), {
    fileName: file,
  });
  return { ...report, unit: { ...unit, kind: report.unit.kind } };
}

export interface CompareArchive {
  readonly pingtan: string;
  readonly townA: string;
  readonly townB: string;
}

/** Fills an open archive with the reports above; returns the units' ids. */
export function fillCompareArchive(a: Archive): CompareArchive {
  const author = '测试';
  const unit = a.createUnit({ name: PINGTAN, kind: '政府' });
  const legacyText = fs.readFileSync(LEGACY, 'utf8').replace(/^\uFEFF/u, '');
  a.storeImported({
    unitId: unit.id,
    year: 2016,
    content: { legacy: true, title: `${PINGTAN}2016年政府信息公开工作年度报告`, text: legacyText },
    author,
    file: 'county-2013.txt',
  });
  for (const year of PINGTAN_YEARS) {
    if (year === 2024) a.renameUnit({ unitId: unit.id, name: PINGTAN_RENAMED, date: '2024-03-01' });
    const name = year >= 2024 ? PINGTAN_RENAMED : PINGTAN;
    const report = corpusReport(`pingtan-${year}.txt`, { id: unit.id, name });
    a.storeImported({
      unitId: unit.id,
      year,
      content: report,
      author,
      file: `pingtan-${year}.txt`,
    });
  }
  a.copyLastYear({ unitId: unit.id, from: 2025, to: 2026, author });
  const townA = a.createUnit({ name: TOWN_A, kind: '乡镇街道' });
  a.storeImported({
    unitId: townA.id,
    year: 2022,
    content: corpusReport('xiashihao-zhen-2022.txt', { id: townA.id, name: TOWN_A }),
    author,
    file: 'xiashihao-zhen-2022.txt',
  });
  const townB = a.createUnit({ name: TOWN_B, kind: '乡镇街道' });
  a.storeImported({
    unitId: townB.id,
    year: 2022,
    content: corpusReport('cqsdj-zhen-2022.md', { id: townB.id, name: TOWN_B }),
    author,
    file: 'cqsdj-zhen-2022.md',
  });
  return { pingtan: unit.id, townA: townA.id, townB: townB.id };
}

/** Creates the archive file with the reports above (for the bridge: closed again). */
export async function writeCompareArchive(file: string): Promise<CompareArchive> {
  const a = await Archive.open(file);
  try {
    return fillCompareArchive(a);
  } finally {
    a.close();
  }
}
