/** A full, realistic report for benchmarks: every cell filled and balanced, long narrative. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { importReport } from '../core/import';
import { blankReport, type Report } from '../core/model';
import { random } from '../tests/helpers/random';

export { random };

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** The real sample (tests/fixtures/samples/). */
export const SAMPLE_PATH = path.join(
  root,
  'tests',
  'fixtures',
  'samples',
  '000_9ea34a5d9b67e804.txt',
);

const APPLICANTS = ['natural', 'business', 'research', 'nonprofit', 'legal', 'otherOrg'];

/** A 2021-format report with balanced tables and the sample's narrative, lengthened. */
export function fullReport(seed = 1, year = 2023): Report {
  const rnd = random(seed);
  const n = (max: number) => Math.floor(rnd() * max);
  const sample = importReport(new Uint8Array(readFileSync(SAMPLE_PATH)), {
    fileName: 'sample.txt',
  }).report;
  const r = blankReport({ id: 'u-bench', name: '某县行政审批服务局', kind: '部门' }, year);
  const t2 = r.sections['二']!.table!.blocks;
  for (const block of Object.values(t2))
    for (const row of Object.values(block.rows))
      for (const c of Object.keys(row.cells)) row.cells[c] = String(n(500));
  t2['art20_8']!.rows['fees']!.cells['fees'] = (rnd() * 1000).toFixed(3);
  const t3 = r.sections['三']!.table!.blocks['t3']!.rows;
  const results = Object.keys(t3).filter(
    (id) => !['new', 'carried', 'total', 'carryNext'].includes(id),
  );
  const sum = (ids: string[], col: string) =>
    ids.reduce((s, id) => s + Number(t3[id]!.cells[col]), 0);
  for (const col of APPLICANTS) {
    for (const id of results) t3[id]!.cells[col] = String(n(20));
    t3['total']!.cells[col] = String(sum(results, col));
    t3['carryNext']!.cells[col] = String(n(5));
    t3['carried']!.cells[col] = String(n(5));
    const need =
      Number(t3['total']!.cells[col]) +
      Number(t3['carryNext']!.cells[col]) -
      Number(t3['carried']!.cells[col]);
    t3['new']!.cells[col] = String(Math.max(0, need));
    t3['carried']!.cells[col] = String(
      Number(t3['total']!.cells[col]) +
        Number(t3['carryNext']!.cells[col]) -
        Number(t3['new']!.cells[col]),
    );
  }
  for (const row of Object.values(t3))
    row.cells['total'] = String(APPLICANTS.reduce((s, c) => s + Number(row.cells[c]), 0));
  for (const block of Object.values(r.sections['四']!.table!.blocks)) {
    const cells = block.rows['case']!.cells;
    let total = 0;
    for (const c of ['upheld', 'corrected', 'other', 'pending'])
      total += Number((cells[c] = String(n(4))));
    cells['total'] = String(total);
  }
  const received = t3['new']!.cells['total'];
  const update = (text: string) =>
    text
      .replaceAll('2021', String(year + 1))
      .replaceAll('2020', String(year))
      .replace('没有收到申请公开的信息', `共收到政府信息公开申请${received}件`);
  const lengthen = (paragraphs: Report['opening'], times: number) =>
    Array.from({ length: times }, () => paragraphs)
      .flat()
      .map((p) => ({ ...p, text: update(p.text) }));
  r.opening = sample.opening.map((p) => ({ ...p, text: update(p.text) }));
  r.sections['一']!.paragraphs = lengthen(sample.sections['一']!.paragraphs, 2);
  r.sections['五']!.paragraphs = lengthen(sample.sections['五']!.paragraphs, 1);
  r.sections['六']!.paragraphs = [{ level: 0, text: '本年度未收取信息处理费。' }];
  r.signature = { unit: r.unit.name, date: `${year + 1}年1月20日` };
  return r;
}

/** Last year's report: the same unit, the text edited so that `keep` of it is unchanged. */
export function priorOf(report: Report, keep: number, seed = 2): Report {
  const rnd = random(seed);
  const edit = (text: string) =>
    [...text]
      .map((ch) => (rnd() < keep ? ch : String.fromCharCode(0x4e00 + Math.floor(rnd() * 2000))))
      .join('');
  const prior = structuredClone(report);
  prior.year = report.year - 1;
  for (const id of ['一', '五'] as const) {
    prior.sections[id]!.paragraphs = prior.sections[id]!.paragraphs.map((p) => ({
      ...p,
      text: edit(p.text),
    }));
  }
  return prior;
}
