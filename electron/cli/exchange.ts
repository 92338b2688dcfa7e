/**
 * `nianbao archive export-exchange` and `import-exchange` (issue 15 item 1): a report as one
 * exchange file `<单位>-<年度>.nianbao`, and exchange files (or folders of them) received, each
 * verified. A file whose unit needs confirming is settled with `--units <对应表.csv>` (the
 * lines the import prints, as `archive import` has it) or, for a single file, `--unit <单位>`.
 * Exit 1 when any file is refused or its unit needs confirming (each listed), else 0.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { ExchangeFileResult } from '../../core/exchange';
import { writeFileAtomic } from '../services/files';
import { author, findUnit, openArchive } from './archive-access';
import { CliError, readable, type Io } from './io';
import { requiredYear, type CliValues } from './options';
import { csvCell, readUnitMapping } from './unit-mapping';

export async function runExportExchange(values: CliValues, io: Io) {
  const year = requiredYear(values, 'year');
  const connection = await openArchive(values, { create: false });
  try {
    const unit = await findUnit(connection, values.unit);
    const file = await connection.api.exportExchange({
      unitId: unit.id,
      year,
      author: author(values),
    });
    const out = !values.output
      ? file.fileName
      : values.output.endsWith(path.sep)
        ? path.join(values.output, file.fileName)
        : values.output;
    await readable(() => writeFileAtomic(out, file.data));
    if (file.unsaved) {
      io.err(
        `注意：该报告在程序中还有未保存的修改，交换文件中是已保存的第 ${file.revision} 版。请先在程序中保存，再重新导出。`,
      );
    }
    io.err(
      `已导出交换文件：${out}（${unit.name} ${year}年度，第 ${file.revision} 版${file.withPdf ? '，含定稿 PDF' : ''}）`,
    );
    return 0;
  } finally {
    await connection.close();
  }
}

/** A file's line; `here`: the unit it went to, when its name is not the file's (chosen). */
function line(r: ExchangeFileResult, here?: string): string {
  const into = here && here !== r.unitName ? `，存入“${here}”` : '';
  const where = r.unitName
    ? `${r.unitName} ${r.year}年度（来源第 ${r.sourceRevision} 版）${into}`
    : '';
  switch (r.status) {
    case 'added':
      return `  ✓ ${r.file} → ${where}，本档案库第 ${r.revision} 版${r.finalised ? `，已定稿${r.pdf ? '（含定稿 PDF）' : ''}` : ''}${r.newUnit ? '（新建单位）' : ''}`;
    case 'identical':
      return `  = ${r.file} → ${where}：${r.message ?? '相同，未导入'}`;
    case 'needs-unit':
      return `  ? ${r.file}：${r.message}${r.candidates?.length ? `相近的单位：${r.candidates.map((c) => c.name).join('、')}` : ''}`;
    case 'refused':
      return `  ✗ ${r.file}：${r.message}`;
  }
}

/** The units the clerk chose: the mapping file's, and `--unit` for the one file named. */
async function chosenUnits(
  args: readonly string[],
  values: CliValues,
): Promise<Record<string, string> | undefined> {
  const units = values.units ? await readUnitMapping(values.units) : undefined;
  if (values.unit === undefined) return units;
  const unit = values.unit.trim();
  const file = args[0]!;
  const isFile =
    args.length === 1 &&
    (await fs.stat(file).then(
      (s) => s.isFile(),
      () => false,
    ));
  if (!unit || !isFile) {
    throw new CliError(
      '--unit 只能用于一个交换文件（不能是文件夹或多个文件）。多个文件请用 --units <对应表.csv> 指定各自的单位。',
    );
  }
  return { ...units, [file]: unit, [path.resolve(file)]: unit };
}

export async function runImportExchange(args: readonly string[], values: CliValues, io: Io) {
  if (args.length === 0)
    throw new CliError('nianbao archive import-exchange 需要交换文件或文件夹。');
  const units = await chosenUnits(args, values);
  const connection = await openArchive(values);
  try {
    const summary = await connection.api.importExchange(
      { paths: [...args], ...(units ? { units } : {}), author: author(values) },
      (p) => {
        if (p.file && process.stderr.isTTY) process.stderr.write(`\r[${p.done + 1}/${p.total}] `);
      },
    );
    if (process.stderr.isTTY) process.stderr.write('\r');
    const names = summary.results.some((r) => r.unitId)
      ? new Map((await connection.api.listUnits()).map((u) => [u.id, u.name]))
      : new Map<string, string>();
    for (const r of summary.results) io.out(line(r, r.unitId ? names.get(r.unitId) : undefined));
    io.out('');
    io.out(
      `共 ${summary.results.length} 个交换文件：导入 ${summary.added}，相同未导入 ${summary.identical}，单位待确认 ${summary.needsUnit}，拒绝 ${summary.refused}。`,
    );
    const refused = summary.results.filter((r) => r.status === 'refused');
    if (refused.length) {
      io.out('');
      io.out('以下文件被拒绝，未导入：');
      for (const r of refused) io.out(`  ${r.file}：${r.message}`);
    }
    const unclear = summary.results.filter((r) => r.status === 'needs-unit');
    if (unclear.length) {
      io.out('');
      io.out(
        '以下文件的单位需要确认。把这几行保存为 CSV 文件，在第二列填写单位名称（可以是已有单位，也可以是新单位；# 开头的行是候选单位，可以保留），再用 --units <文件> 重新导入（只有一个文件时也可以用 --unit <单位>；或在程序的“导入交换文件”中选择单位）：',
      );
      io.out('文件,单位');
      for (const r of unclear) {
        if (r.candidates?.length) io.out(`# 候选：${r.candidates.map((c) => c.name).join('、')}`);
        io.out(`${csvCell(r.file)},`);
      }
    }
    return refused.length + unclear.length > 0 ? 1 : 0;
  } finally {
    await connection.close();
  }
}
