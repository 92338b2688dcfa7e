/**
 * `nianbao export`: the data (csv, json) to standard output or a file; the report as a Word
 * document (docx) or a web page (html, `--fragment` for the part pasted into a website's
 * editor), of a file or of a report in the archive (--db/--unit/--year, as render).
 */
import { reportCells, toCsv } from '../../core/export';
import { parseReportFile, serialiseReport } from '../../core/file';
import type { Report } from '../../core/model';
import { readReport, writeFileAtomic } from '../services/files';
import { findUnit, openArchive } from './archive-access';
import { CliError, readable, type Io } from './io';
import {
  defaultOutput,
  oneFile,
  pageNumbersOption,
  requiredYear,
  yearOption,
  type CliValues,
} from './options';

const FORMATS = ['csv', 'json', 'docx', 'html'] as const;
type ExportFormat = (typeof FORMATS)[number];

/** The report to export: a file, or with --db/--unit/--year the archive's newest state. */
async function sourceReport(args: readonly string[], values: CliValues): Promise<Report> {
  if (args.length === 0 && (values.unit !== undefined || values.db !== undefined)) {
    const year = requiredYear(values);
    const connection = await openArchive(values, { create: false });
    try {
      const unit = await findUnit(connection, values.unit);
      const file = await connection.api.exportReport({ unitId: unit.id, year, format: 'json' });
      return parseReportFile(file.text);
    } finally {
      await connection.close();
    }
  }
  if (values.db !== undefined) throw new CliError('从档案库导出时不要再给出文件。');
  const input = oneFile(args, 'export');
  const { report } = await readable(() =>
    readReport(input, {
      ...(values.year ? { year: yearOption(values)! } : {}),
      ...(values.unit ? { unitName: values.unit } : {}),
    }),
  );
  return report;
}

export async function runExport(
  args: readonly string[],
  values: CliValues,
  io: Io,
): Promise<number> {
  const to = values.to?.trim().toLowerCase() as ExportFormat | undefined;
  if (!to || !FORMATS.includes(to)) {
    throw new CliError(
      values.to
        ? `--to 的值“${values.to}”无效，应为 csv、json、docx 或 html。`
        : 'nianbao export 需要 --to csv、json、docx 或 html。',
    );
  }
  if (values.fragment && to !== 'html') throw new CliError('--fragment 只用于 --to html。');
  const report = await sourceReport(args, values);
  let data: string | Uint8Array;
  if (to === 'csv')
    data = toCsv(reportCells(report), { englishHeader: values['english-header'] === true });
  else if (to === 'json') data = serialiseReport(report);
  else {
    // the Word and web-page exports (and the PDF service's date) load only when used
    const [{ exportDocument }, { documentDate }] = await Promise.all([
      import('../services/export-docx'),
      import('../services/pdf/service'),
    ]);
    const doc = await exportDocument({
      report,
      to,
      fragment: values.fragment ?? false,
      pageNumbers: pageNumbersOption(values),
      created: documentDate(report),
    });
    data = to === 'html' ? new TextDecoder().decode(doc.data) : doc.data;
  }
  let out = values.output;
  // a Word file is never written to the terminal: beside the input, or where -o says
  if (to === 'docx' && (!out || out === '-')) {
    if (args.length === 0) throw new CliError('从档案库导出 Word 文件需要 -o <输出.docx>。');
    out = defaultOutput(args[0]!, 'docx');
  }
  if (!out || out === '-') {
    io.write(data as string);
    return 0;
  }
  const target = out;
  await readable(() => writeFileAtomic(target, data));
  io.err(`已导出：${target}`);
  return 0;
}
