/**
 * The command-line entry: `nianbao import | validate | export | archive`. Exit codes: 0 done
 * (validate: no unresolved error), 1 validate found unresolved errors (archive import: files
 * left out; archive verify: a damaged archive), 2 the input could not be read or the command
 * was wrong (nothing written).
 */
import { parseArgs } from 'node:util';
import { ApiError } from '../../core/api';
import { ReportFileError } from '../../core/model';
import { runAggregate } from './aggregate';
import { runArchive } from './archive';
import { runCompare, runTrends } from './compare';
import { runExport } from './export';
import { runImport } from './import';
import { runValidate } from './validate';
import { CliError, type Io } from './io';
import { OPTIONS, type CliValues } from './options';

export const HELP = `年报 nianbao — 政府信息公开工作年度报告：导入、检查、导出

用法：
  nianbao import <文件> [-o <输出.nianbao.json>] [--year <年度>] [--unit <单位名称>]
      导入旧报告（.txt / .md / .html / .docx / .doc / .wps / .pdf / .nianbao.json），保存为年报数据文件。
      不指定 -o 时保存在原文件旁，扩展名为 .nianbao.json。
  nianbao validate <文件> [--prior <上年报告>] [--kind <单位类型>] [--deadline MM-DD] [--json]
      检查一份报告，按部分列出问题。给出上年报告时同时进行跨年度检查。
  nianbao validate <文件夹> [--kind <单位类型>] [--deadline MM-DD] [--json]
      检查文件夹（含子文件夹）中的每一份报告，输出汇总表。
  nianbao export <文件> --to csv|json [-o <输出文件>] [--english-header]
      导出数据：csv 为可粘贴到 Excel 的逐格数据表（UTF-8，带 BOM），json 为年报数据文件。
      不指定 -o 时输出到屏幕。
  nianbao export <文件> --to docx [-o <输出.docx>] [--page-numbers alternate|centre]
      导出可继续编辑的 Word 文档（公文版式、标题样式、三张表格）；不指定 -o 时保存在原文件旁。
  nianbao export <文件> --to html [--fragment] [-o <输出.html>]
      导出用于政府网站的网页；--fragment 只输出正文部分，供粘贴到网站编辑器。
  nianbao export --db <档案库> --unit <单位> --year <年度> --to docx|html|csv|json -o <输出文件>
      导出档案库中一份报告的最新内容。

  nianbao render <文件> [-o <输出.pdf>] [--page-numbers alternate|centre] [--font-dir <文件夹>]…
      生成打印用 PDF（A4，公文版式，嵌入字体）。有未解决的错误时每页印“草稿”水印。
      输入可以是任何能导入的报告文件；不指定 -o 时保存在原文件旁，扩展名为 .pdf。
  nianbao fonts [--font-dir <文件夹>]… [--json]
      列出打印所用字体：哪些是本机的公文字体，哪些是随软件提供的代用字体。

  nianbao compare <先前的报告> <后来的报告> [--json|--csv]
      对比两份报告：单元格按官方名称逐一对照（数字、差额、比率、需关注的标记），各部分文字的增删、
      相同比例和变化的数字；2019年版与2021年版之间按格式定义对应，只有一版有的项目列为“不可比”。
  nianbao compare --db <档案库> --unit <单位> --years <年度,年度> [--json|--csv]
      对比档案库中同一单位两个年度的报告。
  nianbao trends --db <档案库> --unit <单位> [--json|--csv]
      一个单位历年的主要数字（新收申请、上年结转、予以公开和不予公开占比、结转下年度、复议、诉讼、
      纠正、规范性文件、行政许可、行政处罚、收费）；2019年以前的年度只有文字，没有数字。

  nianbao review --db <档案库> --unit <单位> --year <年度> [--all-members] [--csv] [--reviewer <姓名>] -o <文件>
      审核意见：一份报告的检查问题按部分列出（已忽略的错误和已核实的警告附理由），留有审核意见栏，
      写明审核人和日期；--all-members 为该单位所有下属单位各出一份（一个文件，每个单位一部分）；
      --csv 输出表格，每个问题一行。

  nianbao validate --db <档案库> --unit <单位> --year <年度> [--deadline MM-DD] [--json]
      检查档案库中的一份报告，上年报告取自档案库（单位更名后仍能对应）。
  nianbao render --db <档案库> --unit <单位> --year <年度> [--revision <版本号>] -o <输出.pdf>
      生成档案库中一份报告的 PDF；已定稿的报告输出定稿时存档的 PDF 原件。

  nianbao aggregate --db <档案库> --unit <上级单位> --year <年度> [--members <单位,单位…>] [--author <姓名>]
      汇总：把下属单位报告的表二、表三、表四之和写入上级单位本年度的报告（新的一版，可在历史中恢复）。
      默认汇总直接下属单位（部门的报告已包含其下属机构）；格式不同或未报送的单位列出，不计入。
  nianbao aggregate --db <档案库> --unit <上级单位> --year <年度> [--members …] --csv [-o <文件.csv>]
  nianbao aggregate --db <档案库> --unit <上级单位> --year <年度> [--members …] --xlsx -o <汇总表.xlsx>
      只导出汇总表（不写入报告）：--csv 各单位数据；--xlsx 各单位数据和按官方格式的表二、表三、表四。

档案库（--db 省略时使用数据文件夹中的 archive.sqlite；数据文件夹可用 NIANBAO_DATA_DIR 指定）：
  nianbao archive import <文件或文件夹>… [--db <档案库>] [--unit <单位>] [--year <年度>] [--units <对应表.csv>] [--replace] [--published]
      把报告导入档案库（文件夹含子文件夹）。单位名称与已有单位相近但不相同的文件不导入，
      列出候选单位并以退出码 1 结束；把“文件,单位”写入 CSV 后用 --units 重新导入。
      该年度已有（未定稿的）报告且内容不同时不替换，列出这些文件并以退出码 1 结束；
      确认要替换时加 --replace（原内容保留在历史中，仍适用的忽略/已核实决定保留）。
      2019 年以前的报告作为旧格式文本保存（可查看、可搜索，不做表格检查）。
      加 --published：往年（当前报告年度以前）的报告标记为已发布（存档），只读，问题不算待办
      （网站上已发布的历年报告）；当年的报告不标记。
  nianbao archive list [--db <档案库>] [--json]            列出单位、年度和状态
  nianbao archive copy-year --unit <单位> --from <年度> --to <年度>
      以上年报告为模板新建本年度报告：正文沿用（年份逐一待确认），表格清空，上年结转自动填入。
  nianbao archive export --unit <单位> --year <年度> [-o <文件.nianbao.json>]
  nianbao archive history --unit <单位> --year <年度> [--json]      版本记录
  nianbao archive revert --unit <单位> --year <年度> --revision <版本号>   恢复到某一版本
  nianbao archive reopen --unit <单位> --year <年度> --reason <理由>       重新打开已定稿的报告
  nianbao archive unit add <名称> [--kind <类型>] [--parent <上级单位>] [--author <姓名>]
  nianbao archive unit rename <名称> --name <新名称> [--date YYYY-MM-DD] [--author <姓名>]
  nianbao archive unit merge <名称> --into <并入的单位> [--date YYYY-MM-DD] [--author <姓名>]
  nianbao archive unit set <名称> [--kind <类型>] [--parent <上级单位>] [--author <姓名>]
  nianbao archive backup [-o <备份文件>]      备份（不指定 -o 时保存到档案库旁的 backups 文件夹）
  nianbao archive backups [--json]             列出自动备份
  nianbao archive restore <备份文件>           从备份恢复（原文件另存，不会被覆盖）
  nianbao archive verify                       完整性检查：完好时退出码为 0
  nianbao archive search <文字> [--limit <数量>] [--json]   全文搜索所有报告
  nianbao archive finalise --unit <单位> --year <年度> [-o <定稿.pdf>]
      定稿：生成最新版本的正式 PDF，原样存档并记录 SHA-256，锁定报告。有未解决的错误时拒绝并列出。
  nianbao archive verify-pdf <文件.pdf>
      核对一份 PDF 是否与档案库中某份定稿 PDF 完全一致，并说明是哪个单位、年度、版本。
  nianbao archive publish --unit <单位> --year <年度> [--reason <说明>]
      把网站上已发布的往年报告标记为已发布（存档）：只读，检查发现的问题照常列出但不算待办。
  nianbao archive unpublish --unit <单位> --year <年度> --reason <理由>   取消已发布标记
  nianbao archive export-exchange --unit <单位> --year <年度> [-o <单位-年度.nianbao>]
      导出交换文件（报告数据、定稿 PDF 及其 SHA-256 清单），交给县政务公开办。
  nianbao archive import-exchange <交换文件或文件夹>… [--units <对应表.csv>] [--unit <单位>]
      导入交换文件：逐个校验，被改动过的文件拒绝并说明原因；单位需要确认的文件列出候选单位，
      把“文件,单位”写入 CSV 后用 --units 重新导入（一个文件时也可用 --unit）。
      有拒绝或单位待确认时退出码为 1。

选项：
  --author     记录在版本和单位变更中的操作人（默认为环境变量 NIANBAO_AUTHOR 或当前用户名）
  --kind       单位类型：政府、乡镇街道、部门、其他（决定成文期限和考核评议检查）
  --deadline   成文期限（次年的月-日），如 01-31；默认部门、乡镇街道、其他为 01-31，政府为 03-31
  --page-numbers  页码位置：alternate 单页居右、双页居左（双面打印，默认）；centre 居中（单面打印）
  --font-dir   只在这些文件夹中查找公文字体（可重复；也可用环境变量 NIANBAO_FONT_DIRS）
  --json       以 JSON 输出检查结果
  --english-header  CSV 的表头用英文字段名（unit,year,…，供脚本使用；默认中文表头）
  -h, --help   显示本帮助          -v, --version  显示版本

退出码：0 完成（检查：没有未处理的错误）；1 有未处理的错误；2 文件无法读取或命令有误（不写入任何文件）。

Nianbao — annual reports on open government information: import, check, export

Usage:
  nianbao import <file> [-o <out.nianbao.json>] [--year <yyyy>] [--unit <name>]
      Import an old report (.txt/.md/.html/.docx/.doc/.wps/.pdf/.nianbao.json) into the product's data file.
  nianbao validate <file> [--prior <file>] [--kind <kind>] [--deadline MM-DD] [--json]
      Check one report; findings grouped by section. With --prior, the cross-year checks run too.
  nianbao validate <folder> [--kind <kind>] [--deadline MM-DD] [--json]
      Check every report in a folder (recursively) and print one summary table.
  nianbao export <file> --to csv|json|docx|html [--fragment] [-o <out>]
  nianbao export --db <archive> --unit <unit> --year <year> --to … -o <out>
      csv: one line per table cell (UTF-8 with BOM) for Excel; json: the .nianbao.json file;
      docx: a Word document to keep editing (beside the input without -o); html: a web page for
      the website (--fragment: only the content, to paste into a CMS editor).

  nianbao render <file> [-o <out.pdf>] [--page-numbers alternate|centre] [--font-dir <dir>]…
      The print copy as PDF (A4, official layout, fonts embedded; a 草稿 watermark while
      errors are unresolved).
  nianbao fonts [--font-dir <dir>]… [--json]
      Which font prints each part, and which bundled font stands in for a missing official one.

  nianbao compare <a> <b> [--json|--csv]
  nianbao compare --db <archive> --unit <name> --years 2022,2023 [--json|--csv]
      Two reports compared: cells by their official labels (values, difference, ratio, flags),
      each section's insertions, deletions, similarity and changed figures.
  nianbao trends --db <archive> --unit <name> [--json|--csv]
      One unit's main figures across every archived year.
  nianbao aggregate --db <archive> --unit <parent> --year <yyyy> [--members a,b,c] [--csv|--xlsx -o file]
      汇总: the members' T2/T3/T4 summed into the parent's report (one revision); --csv/--xlsx
      export the 汇总表 instead, writing nothing. Default members: the direct children.

  nianbao review --db <archive> --unit <name> --year <yyyy> [--all-members] [--csv] -o <file>
      The review sheet (审核意见): findings by section with overrides and their reasons, room for
      comments, the reviewer and date; --all-members: every member unit, one section each.
  nianbao validate --db <archive> --unit <name> --year <yyyy>
      Check a report in the archive; last year's report comes from the archive.
  nianbao render --db <archive> --unit <name> --year <yyyy> [--revision <n>] -o <out.pdf>
      A finalised report gives the PDF archived when it was finalised, byte for byte.
  nianbao archive finalise --unit <name> --year <yyyy> [-o <signed.pdf>]
      Finalise: render, archive the PDF with its SHA-256, lock (refused while errors are open).
  nianbao archive verify-pdf <file.pdf>
      Which finalised report a PDF is exactly, if any.
  nianbao archive export-exchange --db <archive> --unit <name> --year <yyyy> -o <file.nianbao>
  nianbao archive import-exchange --db <archive> <file|folder>… [--units <map.csv>] [--unit <name>]
      The exchange file between offline offices; import exits 1 when any file is refused or
      its unit needs confirming (settled by --units, or --unit for a single file).
  nianbao archive import|list|copy-year|export|history|revert|reopen|unit|backup|backups|
                  restore|verify|search|publish|unpublish … [--db <archive>]
      The local archive of every unit's reports, years and revisions (see above).

Exit codes: 0 done (validate: no unresolved error), 1 unresolved errors, 2 unreadable input or
wrong usage (nothing is written).
`;

const VERSION = '0.1.0';

export async function main(argv: readonly string[], io: Io): Promise<number> {
  // The PDF commands load PDFKit and fontkit only when used: other commands start faster.
  if (argv[0] === 'fonts') return (await import('./fonts')).runFonts(argv.slice(1), io);
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    const message = (error as Error).message.replace(
      /^.*Unknown option '([^']+)'.*$/s,
      '未知选项：$1',
    );
    io.err(`${message}\n运行 nianbao --help 查看用法。`);
    return 2;
  }
  const values = parsed.values as CliValues;
  const [command, ...args] = parsed.positionals;
  if (values.version) {
    io.out(`nianbao ${VERSION}`);
    return 0;
  }
  if (values.help || !command) {
    io.out(HELP);
    return command || values.help ? 0 : 2;
  }
  try {
    switch (command) {
      case 'import':
        return await runImport(args, values, io);
      case 'validate':
      case 'check':
        return await runValidate(args, values, io);
      case 'export':
        return await runExport(args, values, io);
      case 'render':
        return await (await import('./render')).runRender(args, values, io);
      case 'archive':
        return await runArchive(args, values, io);
      case 'compare':
        return await runCompare(args, values, io);
      case 'trends':
        return await runTrends(args, values, io);
      case 'aggregate':
        return await runAggregate(args, values, io);
      case 'review':
        return await (await import('./review')).runReview(args, values, io);
      default:
        io.err(`未知命令：${command}\n运行 nianbao --help 查看用法。`);
        return 2;
    }
  } catch (error) {
    if (
      error instanceof CliError ||
      error instanceof ApiError ||
      error instanceof ReportFileError
    ) {
      io.err(error.message);
      return 2;
    }
    throw error;
  }
}
