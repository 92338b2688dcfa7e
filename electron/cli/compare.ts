/**
 * `nianbao compare <a> <b> [--json|--csv]`, `nianbao compare --db <archive> --unit <name>
 * --years 2022,2023` and `nianbao trends --db <archive> --unit <name> [--json|--csv]`: the
 * year-over-year comparison of core/compare on the command line (issue 14).
 */
import {
  FLAG_LABELS,
  compareReports,
  flaggedFirst,
  percentChange,
  type CellComparison,
  type ReportComparison,
  type UnitTrends,
} from '../../core/compare';
import { formatNumber } from '../../core/cells';
import { csvText } from '../../core/export';
import { isReportYear, YEAR_RANGE } from '../../core/formats';
import { readReport } from '../services/files';
import { findUnit, openArchive } from './archive-access';
import { CliError, readable, type Io } from './io';
import type { CliValues } from './options';

const TABLE_NAMES = { 二: '表二', 三: '表三', 四: '表四' } as const;

function num(v: number | null): string {
  return v === null ? '' : formatNumber(v);
}

/** The JSON the issue specifies: cells and sections with their official labels. */
export function comparisonJson(c: ReportComparison) {
  return {
    a: c.a,
    b: c.b,
    notes: c.notes,
    cells: c.cells.map((x) => ({
      table: x.table,
      block: x.block,
      row: x.row,
      column: x.column,
      a: x.a,
      b: x.b,
      delta: x.delta,
      ratio: x.ratio,
      flag: x.flag,
      aRaw: x.aRaw,
      bRaw: x.bRaw,
      ...(x.note ? { note: x.note } : {}),
    })),
    notComparable: c.notComparable,
    header: c.header,
    sections: c.sections.map((s) => ({
      section: s.label,
      similarity: Number(s.similarity.toFixed(4)),
      insertions: s.insertions,
      deletions: s.deletions,
      figures: s.figures,
    })),
  };
}

const CSV_COLUMNS = [
  'table',
  'block',
  'row',
  'column',
  'a',
  'b',
  'delta',
  'ratio',
  'flag',
  'a_raw',
  'b_raw',
] as const;

export function comparisonCsv(c: ReportComparison): string {
  return csvText(
    CSV_COLUMNS,
    c.cells.map((x) => ({
      table: x.table,
      block: x.block,
      row: x.row,
      column: x.column,
      a: num(x.a),
      b: num(x.b),
      delta: num(x.delta),
      ratio: x.ratio === null ? '' : String(x.ratio),
      flag: x.flag ?? '',
      a_raw: x.aRaw ?? '',
      b_raw: x.bRaw ?? '',
    })),
  );
}

function cellLine(x: CellComparison): string {
  const where = [TABLE_NAMES[x.table], x.block, x.row, x.column].filter(Boolean).join(' · ');
  const a = x.aRaw === null ? '（无）' : x.aRaw || '（空）';
  const b = x.bRaw === null ? '（无）' : x.bRaw || '（空）';
  const change =
    x.delta === null
      ? ''
      : `（${x.delta > 0 ? '+' : ''}${formatNumber(x.delta)}${x.ratio === null ? '' : `，${percentChange(x)}`}）`;
  return `  ${x.flag ? `[${FLAG_LABELS[x.flag]}] ` : ''}${where}：${a} → ${b}${change}`;
}

function side(s: ReportComparison['a']): string {
  return `${s.unit || '（未写明单位）'} ${s.year}年度${s.format ? `（${s.format}年版）` : '（旧格式，仅文字）'}`;
}

export function comparisonText(c: ReportComparison): string {
  const out = [`对比：${side(c.a)} → ${side(c.b)}`];
  for (const n of c.notes) out.push(`说明：${n}`);
  const flagged = flaggedFirst(c.cells).filter((x) => x.flag);
  if (c.cells.length) {
    out.push(
      '',
      `需要关注的单元格：${flagged.length} 个（共比较 ${c.cells.length} 个，数字有变化的 ${c.counts.changedCells} 个）`,
    );
    out.push(...flagged.map(cellLine));
  }
  if (c.notComparable.length) {
    out.push('', `不可比（只有一种格式有）：${c.notComparable.length} 个单元格`);
  }
  out.push('', '标题与落款：');
  for (const h of c.header) out.push(`  ${h.field}：${h.same ? '相同' : `“${h.a}” → “${h.b}”`}`);
  out.push('', '文字：');
  for (const s of c.sections) {
    const state = s.missing
      ? `只有${s.missing === 'a' ? '后' : '前'}一份有这一部分`
      : s.changed
        ? `相同 ${Math.round(s.similarity * 100)}%，增 ${s.insertions} 字，删 ${s.deletions} 字`
        : '没有变化';
    out.push(`  ${s.label}：${state}`);
    for (const f of s.figures)
      out.push(`    数字：${f.context}${f.a ?? '（无）'} → ${f.b ?? '（无）'}`);
  }
  return out.join('\n');
}

function printComparison(c: ReportComparison, values: CliValues, io: Io): number {
  if (values.json) io.out(JSON.stringify(comparisonJson(c), null, 2));
  else if (values.csv) io.write(comparisonCsv(c));
  else io.out(comparisonText(c));
  return 0;
}

function twoYears(values: CliValues): [number, number] {
  const parts = (values.years ?? '').split(/[,，\s]+/u).filter(Boolean);
  const years = parts.map(Number);
  if (parts.length !== 2 || !years.every(isReportYear)) {
    throw new CliError(`--years 应为两个年度，用逗号分开，如 --years 2022,2023（${YEAR_RANGE}）。`);
  }
  return years as [number, number];
}

export async function runCompare(
  args: readonly string[],
  values: CliValues,
  io: Io,
): Promise<number> {
  if (values.json && values.csv) throw new CliError('--json 和 --csv 只能选一个。');
  if (values.db !== undefined || values.unit !== undefined) {
    if (args.length) throw new CliError(`比较档案库中的报告时不需要文件参数：${args.join(' ')}`);
    const [ya, yb] = twoYears(values);
    const connection = await openArchive(values, { create: false });
    try {
      const unit = await findUnit(connection, values.unit);
      const c = await connection.api.compareReports({
        a: { unitId: unit.id, year: ya },
        b: { unitId: unit.id, year: yb },
      });
      return printComparison(c, values, io);
    } finally {
      await connection.close();
    }
  }
  if (args.length !== 2) {
    throw new CliError(
      'nianbao compare 需要两个报告文件（先前的在前），或 --db <档案库> --unit <单位> --years <年度,年度>。',
    );
  }
  const [a, b] = await Promise.all(args.map((f) => readable(() => readReport(f))));
  return printComparison(compareReports(a!.report, b!.report), values, io);
}

const TREND_CSV = ['year', 'kind', 'unit', 'series', 'label', 'measure', 'value', 'note'] as const;

export function trendsCsv(t: UnitTrends): string {
  const rows: Record<(typeof TREND_CSV)[number], string>[] = [];
  for (const s of t.series) {
    s.points.forEach((p, i) => {
      const y = t.years[i]!;
      rows.push({
        year: String(p.year),
        kind: y.kind,
        unit: y.unit ?? '',
        series: s.id,
        label: s.label,
        measure: s.measure,
        value: num(p.value),
        note: p.note ?? '',
      });
    });
  }
  return csvText(TREND_CSV, rows);
}

export function trendsText(t: UnitTrends): string {
  const kind = { structured: '', legacy: '（旧格式）', missing: '（无报告）' } as const;
  const head = ['项目', ...t.years.map((y) => `${y.year}${kind[y.kind]}`)];
  const rows = t.series.map((s) => [
    `${s.label}（${s.measure}）`,
    ...s.points.map((p) => (p.value === null ? '—' : formatNumber(p.value))),
  ]);
  const widths = head.map((_, i) => Math.max(...[head, ...rows].map((r) => width(r[i]!))));
  const line = (r: string[]) => r.map((c, i) => c + ' '.repeat(widths[i]! - width(c))).join('  ');
  return [
    `${t.unit} 历年趋势`,
    line(head),
    ...rows.map(line),
    '',
    '“—”：无数字（无报告、旧格式仅文字、该年格式无此项或未填写）。',
  ].join('\n');
}

function width(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\uffff]/u.test(ch) ? 2 : 1;
  return w;
}

export async function runTrends(
  args: readonly string[],
  values: CliValues,
  io: Io,
): Promise<number> {
  if (args.length) throw new CliError(`nianbao trends 不需要文件参数：${args.join(' ')}`);
  if (values.json && values.csv) throw new CliError('--json 和 --csv 只能选一个。');
  const connection = await openArchive(values, { create: false });
  try {
    const unit = await findUnit(connection, values.unit);
    const t = await connection.api.unitTrends({ unitId: unit.id });
    if (values.json) io.out(JSON.stringify(t, null, 2));
    else if (values.csv) io.write(trendsCsv(t));
    else io.out(trendsText(t));
    return 0;
  } finally {
    await connection.close();
  }
}
