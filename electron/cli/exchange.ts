/**
 * `nianbao archive export-exchange` and `import-exchange` (issue 15 item 1): a report as one
 * exchange file `<单位>-<年度>.nianbao`, and exchange files (or folders of them) received, each
 * verified. Exit 1 when any file is refused (each listed with its reason), else 0.
 */
import path from 'node:path';
import type { ExchangeFileResult } from '../../core/exchange';
import { writeFileAtomic } from '../services/files';
import { author, findUnit, openArchive } from './archive-access';
import { CliError, readable, type Io } from './io';
import { requiredYear, type CliValues } from './options';

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

function line(r: ExchangeFileResult): string {
  const where = r.unitName ? `${r.unitName} ${r.year}年度（来源第 ${r.sourceRevision} 版）` : '';
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

export async function runImportExchange(args: readonly string[], values: CliValues, io: Io) {
  if (args.length === 0)
    throw new CliError('nianbao archive import-exchange 需要交换文件或文件夹。');
  const connection = await openArchive(values);
  try {
    const summary = await connection.api.importExchange(
      { paths: [...args], author: author(values) },
      (p) => {
        if (p.file && process.stderr.isTTY) process.stderr.write(`\r[${p.done + 1}/${p.total}] `);
      },
    );
    if (process.stderr.isTTY) process.stderr.write('\r');
    for (const r of summary.results) io.out(line(r));
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
    if (summary.needsUnit) {
      io.out('');
      io.out('单位需要确认的文件，请在程序的“导入交换文件”中选择单位后再导入。');
    }
    return refused.length > 0 ? 1 : 0;
  } finally {
    await connection.close();
  }
}
