import { reportCells, toCsv } from '../../core/export';
import { serialiseReport } from '../../core/file';
import { readReport, writeFileAtomic } from '../services/files';
import { CliError, readable, type Io } from './io';

import { oneFile, type CliValues } from './options';

export async function runExport(
  args: readonly string[],
  values: CliValues,
  io: Io,
): Promise<number> {
  const input = oneFile(args, 'export');
  const to = values.to?.trim().toLowerCase();
  if (to !== 'csv' && to !== 'json') {
    throw new CliError(
      values.to
        ? `--to 的值“${values.to}”无效，应为 csv 或 json。`
        : 'nianbao export 需要 --to csv 或 --to json。',
    );
  }
  const { report } = await readable(() => readReport(input));
  const data =
    to === 'csv'
      ? toCsv(reportCells(report), { englishHeader: values['english-header'] === true })
      : serialiseReport(report);
  if (!values.output || values.output === '-') {
    io.write(data);
    return 0;
  }
  await readable(() => writeFileAtomic(values.output!, data));
  io.err(`已导出：${values.output}`);
  return 0;
}
