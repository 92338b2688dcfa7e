/**
 * `nianbao review`: the 审核意见 of a report in the archive (issue 15), or of every member of a
 * parent unit (--all-members), as PDF (default) or CSV (--csv), written atomically to -o.
 */
import { reviewCsv } from '../../core/office';
import { writeFileAtomic } from '../services/files';
import { createPdfApi, createPdfRenderer } from '../services/pdf/service';
import { author, findUnit, openArchive } from './archive-access';
import { CliError, type Io } from './io';
import { requiredYear, type CliValues } from './options';

export async function runReview(
  args: readonly string[],
  values: CliValues,
  io: Io,
): Promise<number> {
  if (args.length) throw new CliError(`nianbao review 不需要文件参数：${args.join(' ')}`);
  if (!values.output) throw new CliError(`需要 -o <输出.${values.csv ? 'csv' : 'pdf'}>。`);
  const year = requiredYear(values);
  const connection = await openArchive(values, { create: false });
  try {
    const unit = await findUnit(connection, values.unit);
    const request = {
      unitId: unit.id,
      year,
      members: values['all-members'] ?? false,
      reviewer: values.reviewer?.trim() || author(values),
    };
    if (values.csv) {
      const sheets = await connection.api.reviewSheets(request);
      await writeFileAtomic(values.output, reviewCsv(sheets));
      const findings = sheets.reduce(
        (n, s) => n + s.groups.reduce((k, g) => k + g.items.length, 0),
        0,
      );
      io.out(
        `已写出审核意见（CSV）：${values.output}（${sheets.length} 个单位，${findings} 个问题）`,
      );
      return 0;
    }
    const dirs = values['font-dir'];
    const renderer = createPdfRenderer(dirs && dirs.length > 0 ? { fontDirs: dirs } : {});
    try {
      const pdf = await createPdfApi(connection, renderer).renderReviewPdf(request);
      await writeFileAtomic(values.output, pdf.pdf);
      io.out(`已生成审核意见 PDF：${values.output}（${pdf.sheets} 个单位，${pdf.pages} 页）`);
      return 0;
    } finally {
      await renderer.close();
    }
  } finally {
    await connection.close();
  }
}
