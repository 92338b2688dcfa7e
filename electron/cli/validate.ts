import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
  checksSkippedForKind,
  KIND_UNKNOWN,
  runChecks,
  resolveFindings,
  reportStatus,
  type ResolvedFinding,
  type SkippedCheck,
} from '../../core/checks';
import type { Report, UnitKind } from '../../core/model';
import { guessUnitKind } from '../../core/units';
import { listReportFiles, readReport, ReportFileError } from '../services/files';
import { CliError, readable, type Io } from './io';

import { findUnit, openArchive } from './archive-access';
import { deadlineOption, kindOption, requiredYear, type CliValues } from './options';
import { countOpen, formatFindings, formatTable } from './output';

export function describeReport(report: Report): string {
  const unit = report.unit.name || '（未写明单位）';
  return `${unit} ${report.year}年度政府信息公开工作年度报告（${report.format}年版格式）`;
}

function publicFinding(f: ResolvedFinding) {
  return {
    code: f.code,
    severity: f.severity,
    message: f.message,
    location: f.location,
    ...(f.decision ? { resolved: f.resolved, decision: f.decision } : {}),
  };
}

interface Checked {
  report: Report;
  findings: ResolvedFinding[];
  kind: UnitKind | null;
  /** The checks that did not run because the unit's 类型 is unknown. */
  skipped: SkippedCheck[];
}

function check(
  report: Report,
  kind: UnitKind | undefined,
  deadline: string | undefined,
  prior?: Report,
): Checked {
  const effectiveKind = kind ?? report.unit.kind ?? null;
  const findings = resolveFindings(
    runChecks(report, {
      kind: effectiveKind,
      ...(deadline ? { deadline } : {}),
      ...(prior ? { prior } : {}),
    }),
    report.decisions,
  );
  const skipped = checksSkippedForKind(report, {
    kind: effectiveKind,
    ...(deadline ? { deadline } : {}),
  });
  return { report, findings, kind: effectiveKind, skipped };
}

async function isFolder(target: string): Promise<boolean> {
  try {
    return (await fs.stat(target)).isDirectory();
  } catch {
    return false;
  }
}

export async function runValidate(
  args: readonly string[],
  values: CliValues,
  io: Io,
): Promise<number> {
  if (values.db !== undefined || (args.length === 0 && values.unit !== undefined)) {
    if (args.length)
      throw new CliError('检查档案库中的报告时不需要文件参数（用 --unit 和 --year）。');
    return validateFromArchive(values, io);
  }
  if (args.length !== 1) {
    throw new CliError(
      args.length === 0
        ? 'nianbao validate 需要一个文件或文件夹。运行 nianbao --help 查看用法。'
        : `nianbao validate 一次只检查一个文件或文件夹，多余的参数：${args.slice(1).join(' ')}`,
    );
  }
  const target = args[0]!;
  const kind = kindOption(values);
  const deadline = deadlineOption(values);
  if (await isFolder(target)) {
    if (values.prior) throw new CliError('检查文件夹时不能使用 --prior。');
    return validateFolder(target, kind, deadline, values.json === true, io);
  }
  const { report } = await readable(() => readReport(target));
  const prior = values.prior ? (await readable(() => readReport(values.prior!))).report : undefined;
  return printResult(check(report, kind, deadline, prior), prior, values.json === true, io);
}

/** validate --db: the report and last year's from the archive, the unit's kind from it too. */
async function validateFromArchive(values: CliValues, io: Io): Promise<number> {
  const year = requiredYear(values);
  const kind = kindOption(values);
  const deadline = deadlineOption(values);
  const connection = await openArchive(values, { create: false });
  try {
    const unit = await findUnit(connection, values.unit);
    const opened = await connection.api.openReport({ unitId: unit.id, year });
    if (opened.legacy) throw new CliError(`${year}年度报告是旧格式文本，不做检查。`);
    let prior: Report | undefined;
    if (unit.years.includes(year - 1)) {
      const before = await connection.api.openRevision({
        unitId: unit.id,
        year: year - 1,
        revision: (await connection.api.openReport({ unitId: unit.id, year: year - 1 })).revision,
      });
      if (!before.legacy) prior = before.report;
    }
    const effectiveKind = kind ?? unit.kind ?? undefined;
    return printResult(
      check(opened.report, effectiveKind, deadline, prior),
      prior,
      values.json === true,
      io,
    );
  } finally {
    await connection.close();
  }
}

function printResult(result: Checked, prior: Report | undefined, json: boolean, io: Io): number {
  const { report } = result;
  const { errors } = countOpen(result.findings);
  if (json) {
    io.out(JSON.stringify({ findings: result.findings.map(publicFinding) }, null, 2));
    return errors > 0 ? 1 : 0;
  }
  io.out(describeReport(report));
  const status = reportStatus(report, result.findings);
  const counts = countOpen(result.findings);
  io.out(`状态：${status}；未处理：${counts.errors} 个错误、${counts.warnings} 个提醒`);
  if (prior) {
    const notes = [
      prior.year === report.year - 1 ? '' : `上年报告是${prior.year}年度的`,
      prior.unit.name && report.unit.name && prior.unit.name !== report.unit.name
        ? `上年报告的单位是“${prior.unit.name}”`
        : '',
    ].filter(Boolean);
    const note = notes.length ? `（注意：${notes.join('，')}）` : '';
    io.out(`已与${prior.year}年度报告进行跨年度检查${note}`);
  }
  io.out('');
  io.out(result.findings.length ? formatFindings(result.findings) : '没有发现问题。');
  if (result.skipped.length) {
    const guess = guessUnitKind(report.unit.name);
    const names = result.skipped.map((c) => `${c.title}（${c.code}）`).join('、');
    io.out('');
    io.out(
      `注：${KIND_UNKNOWN}，以下与类型有关的检查没有进行：${names}。${guess ? `根据名称推测为“${guess}”，确认后可加 --kind ${guess}。` : '可用 --kind 指定（政府、乡镇街道、部门、其他）。'}`,
    );
  }
  return errors > 0 ? 1 : 0;
}

async function validateFolder(
  folder: string,
  kind: UnitKind | undefined,
  deadline: string | undefined,
  json: boolean,
  io: Io,
): Promise<number> {
  const files = await readable(() => listReportFiles(folder));
  const results: { file: string; checked?: Checked; error?: string }[] = [];
  for (const file of files) {
    try {
      const { report } = await readReport(file);
      results.push({ file, checked: check(report, kind, deadline) });
    } catch (error) {
      if (!(error instanceof ReportFileError)) throw error;
      results.push({ file, error: error.message });
    }
  }
  const failed = results.some(
    (r) => r.error || (r.checked && countOpen(r.checked.findings).errors > 0),
  );
  if (json) {
    io.out(
      JSON.stringify(
        results.map((r) => ({
          file: path.relative(folder, r.file),
          unit: r.checked?.report.unit.name ?? null,
          year: r.checked?.report.year ?? null,
          ...(r.error ? { error: r.error } : {}),
          findings: r.checked?.findings.map(publicFinding) ?? [],
        })),
        null,
        2,
      ),
    );
    return failed ? 1 : 0;
  }
  if (results.length === 0) {
    io.out(`${folder} 中没有找到报告文件（.nianbao.json、.txt、.md、.html、.docx）。`);
    return 0;
  }
  const rows = results.map((r) => {
    const name = path.relative(folder, r.file);
    if (!r.checked) return [name, '—', '—', '无法读取', '—', '—'];
    const { errors, warnings } = countOpen(r.checked.findings);
    const status = reportStatus(r.checked.report, r.checked.findings);
    return [
      name,
      r.checked.report.unit.name || '（未写明）',
      String(r.checked.report.year),
      status,
      String(errors),
      String(warnings),
    ];
  });
  io.out(formatTable(['文件', '单位', '年度', '状态', '错误', '提醒'], rows));
  const unreadable = results.filter((r) => r.error);
  const withErrors = results.filter(
    (r) => r.checked && countOpen(r.checked.findings).errors > 0,
  ).length;
  io.out('');
  io.out(
    `共 ${results.length} 份：${withErrors} 份有未处理的错误，${unreadable.length} 份无法读取。`,
  );
  for (const r of unreadable) io.out(`  · ${path.relative(folder, r.file)}：${r.error}`);
  return failed ? 1 : 0;
}
