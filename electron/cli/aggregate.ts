/**
 * `nianbao aggregate` (issue 15 items 4 and 5): a parent unit's report for a year filled from
 * the sum of its members (written as one revision signed by --author), or — with --csv or
 * --xlsx — the 汇总表 exported without writing anything.
 */
import { promises as fs } from 'node:fs';
import type { AggregateResult } from '../../core/api';
import { MEMBER_STATE_TEXT } from '../../core/aggregate';
import { memberSheet } from '../../core/aggregate/sheet';
import { csvText } from '../../core/export';
import { author, findUnit, openArchive } from './archive-access';
import { CliError, type Io } from './io';
import { requiredYear, type CliValues } from './options';

/** The members sheet as CSV (UTF-8 with BOM, Chinese header). */
export function aggregateCsv(result: AggregateResult): string {
  const sheet = memberSheet(result.aggregation);
  const header = sheet.header.map((_, i) => `c${i}`);
  const record = (row: readonly (string | number)[]) =>
    Object.fromEntries(header.map((h, i) => [h, String(row[i] ?? '')]));
  return csvText(
    header,
    [...sheet.rows, sheet.total].map(record),
    Object.fromEntries(header.map((h, i) => [h, sheet.header[i]!])),
  );
}

function summary(result: AggregateResult): string {
  const agg = result.aggregation;
  const lines = [
    `${result.unit.name} ${result.year}年度汇总：${agg.members.length} 个单位，已汇总 ${agg.counted.length} 个。`,
  ];
  for (const m of agg.members) {
    if (m.state === 'counted') continue;
    const why =
      m.state === 'format'
        ? `${MEMBER_STATE_TEXT.format}（${m.format}年版）`
        : MEMBER_STATE_TEXT[m.state];
    lines.push(`  未汇总：${m.name}（${why}）`);
  }
  return lines.join('\n');
}

export async function runAggregate(
  args: readonly string[],
  values: CliValues,
  io: Io,
): Promise<number> {
  if (args.length) throw new CliError(`nianbao aggregate 不需要文件参数：${args.join(' ')}`);
  if (values.csv && values.xlsx) throw new CliError('--csv 和 --xlsx 只能选一个。');
  if (values.xlsx && !values.output) throw new CliError('--xlsx 需要 -o <输出.xlsx>。');
  const year = requiredYear(values);
  const connection = await openArchive(values, { create: false });
  try {
    const unit = await findUnit(connection, values.unit);
    let members: string[] | undefined;
    if (values.members !== undefined) {
      const names = values.members
        .split(/[,，]/u)
        .map((n) => n.trim())
        .filter(Boolean);
      if (names.length === 0) throw new CliError('--members 应列出参加汇总的单位，用逗号分开。');
      members = [];
      for (const name of names) members.push((await findUnit(connection, name)).id);
    }
    const p = { unitId: unit.id, year, ...(members ? { members } : {}) };
    if (values.xlsx) {
      const file = await connection.api.exportAggregate(p);
      await fs.writeFile(values.output!, file.data);
      io.out(`已保存汇总表：${values.output}`);
      return 0;
    }
    const result = await connection.api.aggregateReport(p);
    if (values.csv) {
      const csv = aggregateCsv(result);
      if (values.output) {
        await fs.writeFile(values.output, csv);
        io.out(`已保存各单位数据：${values.output}`);
      } else io.write(csv);
      return 0;
    }
    const applied = await connection.api.applyAggregate({ ...p, author: author(values) });
    io.out(summary(result));
    io.out(
      applied.created
        ? `已写入${unit.name}${year}年度报告第 ${applied.revision} 版：更新 ${applied.changed} 个单元格。`
        : `${unit.name}${year}年度报告已是汇总结果（第 ${applied.revision} 版），没有变化。`,
    );
    return 0;
  } finally {
    await connection.close();
  }
}
