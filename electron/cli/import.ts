import path from 'node:path';
import { runChecks, resolveFindings } from '../../core/checks';
import { FILE_EXTENSION } from '../../core/model';
import { serialiseReport } from '../../core/file';
import { readReport, writeFileAtomic } from '../services/files';
import { readable, type Io } from './io';

import { oneFile, yearOption, type CliValues } from './options';
import { countOpen } from './output';
import { describeReport } from './validate';

export function defaultOutput(input: string): string {
  const base = path
    .basename(input)
    .replace(/\.nianbao\.json$/iu, '')
    .replace(/\.[^.]+$/u, '');
  return path.join(path.dirname(input), `${base}${FILE_EXTENSION}`);
}

export async function runImport(
  args: readonly string[],
  values: CliValues,
  io: Io,
): Promise<number> {
  const input = oneFile(args, 'import');
  const year = yearOption(values);
  const output = values.output ?? defaultOutput(input);
  const { report } = await readable(() =>
    readReport(input, {
      ...(year ? { year } : {}),
      ...(values.unit ? { unitName: values.unit.trim() } : {}),
    }),
  );
  if (path.resolve(output) === path.resolve(input)) {
    await readable(async () => {
      throw new (await import('../../core/model')).ReportFileError(
        '输出文件与输入文件相同，为避免覆盖原文件，请用 -o 指定另一个文件名。',
      );
    });
  }
  await readable(() => writeFileAtomic(output, serialiseReport(report)));
  const findings = resolveFindings(runChecks(report), report.decisions);
  const { errors, warnings } = countOpen(findings);
  io.out(describeReport(report));
  io.out(`已保存：${output}`);
  io.out(
    `检查发现 ${errors} 个错误、${warnings} 个提醒；运行 nianbao validate "${output}" 查看详情。`,
  );
  return 0;
}
