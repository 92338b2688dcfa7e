/**
 * `nianbao render` and `nianbao archive finalise`: the print copy as PDF and its finalisation
 * (定稿). They load PDFKit and fontkit, which the other commands do without.
 */
import type { RenderedPdf } from '../../core/api';
import { createPdfApi, createPdfRenderer, type PdfRenderer } from '../services/pdf/service';
import { readReport, writeFileAtomic } from '../services/files';
import { author, findUnit, openArchive } from './archive-access';
import { CliError, readable, type Io } from './io';
import { formatFindings } from './output';
import {
  defaultOutput,
  pageNumbersOption,
  requiredYear,
  yearOption,
  type CliValues,
} from './options';

/** The PDF renderer the CLI uses: in this process, with the fonts of --font-dir if given. */
function cliRenderer(values: CliValues): PdfRenderer {
  const dirs = values['font-dir'];
  return createPdfRenderer(dirs && dirs.length > 0 ? { fontDirs: dirs } : {});
}

function describe(result: RenderedPdf, out: string): string[] {
  const lines = [`已生成 PDF：${out}（${result.pages} 页）`];
  if (result.finalised) {
    lines.push(
      `这是第 ${result.revision} 版定稿时存档的 PDF（原样输出）。SHA-256：${result.sha256}`,
    );
  } else if (result.published) {
    lines.push(
      '报告已标记为已发布（存档）：按发布时的原样排版，不带“草稿”水印，每页注明“存档副本（已发布）”。',
    );
  } else if (result.draft) {
    lines.push(
      `还有未解决的错误，每页印有“草稿”水印（${result.openErrors.length} 个）：`,
      ...result.openErrors.map((e) => `  - [${e.code}] ${e.message}`),
    );
  }
  if (result.standIns.length > 0) {
    lines.push(
      `本机没有的公文字体由随软件提供的字体代用：${result.standIns.join('；')}（详见 nianbao fonts）`,
    );
  }
  return lines;
}

/** `nianbao render <file> -o <out.pdf>` or `nianbao render --db … --unit … --year … -o …`. */
export async function runRender(args: readonly string[], values: CliValues, io: Io) {
  const renderer = cliRenderer(values);
  try {
    const mode = pageNumbersOption(values);
    if (args.length === 0 && (values.unit !== undefined || values.db !== undefined)) {
      if (!values.output) throw new CliError('需要 -o <输出.pdf>。');
      const year = requiredYear(values);
      const revision = values.revision === undefined ? undefined : Number(values.revision);
      if (revision !== undefined && !(Number.isInteger(revision) && revision > 0)) {
        throw new CliError('--revision 应为版本号（正整数）。');
      }
      const connection = await openArchive(values, { create: false });
      try {
        const unit = await findUnit(connection, values.unit);
        const api = createPdfApi(connection, renderer);
        const result = await api.renderPdf({
          source: { unitId: unit.id, year, ...(revision ? { revision } : {}) },
          pageNumbers: mode,
        });
        const out = values.output;
        await readable(() => writeFileAtomic(out, result.pdf));
        for (const line of describe(result, values.output)) io.err(line);
        return 0;
      } finally {
        await connection.close();
      }
    }
    if (values.db !== undefined) throw new CliError('从档案库生成时不要再给出文件。');
    const [file, ...rest] = args;
    if (!file) throw new CliError('需要一个报告文件：nianbao render <文件> -o <输出.pdf>');
    if (rest.length > 0) throw new CliError('一次只能生成一个文件的 PDF。');
    const imported = await readable(() =>
      readReport(file, {
        ...(values.year ? { year: yearOption(values)! } : {}),
        ...(values.unit ? { unitName: values.unit } : {}),
      }),
    );
    const out = values.output ?? defaultOutput(file, 'pdf');
    const api = createPdfApi(null, renderer);
    const result = await api.renderPdf({ source: { report: imported.report }, pageNumbers: mode });
    await readable(() => writeFileAtomic(out, result.pdf));
    for (const line of describe(result, out)) io.err(line);
    return 0;
  } finally {
    await renderer.close();
  }
}

/** `nianbao archive finalise --unit … --year … [-o <signed.pdf>]`. */
export async function runFinalise(values: CliValues, io: Io) {
  const year = requiredYear(values);
  const renderer = cliRenderer(values);
  const connection = await openArchive(values, { create: false });
  try {
    const unit = await findUnit(connection, values.unit);
    const check = await connection.api.checkReport({ unitId: unit.id, year });
    const open = check.findings.filter((f) => f.severity === 'error' && !f.resolved);
    if (open.length > 0) {
      io.err(`“${unit.name}”${year}年度报告还有 ${open.length} 个错误没有解决，不能定稿：`);
      io.err(formatFindings(open));
      io.err('请修改报告，或在应用中写明理由确认这些错误后再定稿。');
      return 1;
    }
    const api = createPdfApi(connection, renderer);
    const done = await api.finaliseReport({
      unitId: unit.id,
      year,
      author: author(values),
      pageNumbers: pageNumbersOption(values),
    });
    if (values.output) {
      try {
        await writeFileAtomic(values.output, done.pdf);
      } catch (error) {
        throw new CliError(
          `已定稿并存档，但无法写入 ${values.output}（${(error as Error).message}）。可用 nianbao render --db … --unit … --year … -o <文件> 导出定稿 PDF。`,
        );
      }
    }
    io.out(`已定稿：“${unit.name}”${year}年度报告第 ${done.revision} 版（${done.pages} 页）。`);
    io.out(`SHA-256：${done.sha256}`);
    io.out(
      values.output
        ? `定稿 PDF 已保存为 ${values.output}，并原样存入档案库。报告已锁定，修改需先重新打开。`
        : `定稿 PDF 已原样存入档案库（用 nianbao render --db … --unit … --year … -o 导出）。报告已锁定。`,
    );
    return 0;
  } finally {
    await connection.close();
    await renderer.close();
  }
}
