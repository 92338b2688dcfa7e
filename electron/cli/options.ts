/**
 * The command line's options (one table for every command) and how their values are read:
 * years, unit kinds and deadlines by the rules of core/, files, page numbers.
 */
import path from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import { PAGE_NUMBER_MODES, type PageNumberMode } from '../../core/api';
import { YEAR_RANGE, isReportYear } from '../../core/formats';
import type { UnitKind } from '../../core/model';
import { parseMonthDay } from '../../core/text';
import { UNIT_KIND_LIST, isUnitKind } from '../../core/units';
import { CliError } from './io';

export const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  output: { type: 'string', short: 'o' },
  to: { type: 'string' },
  prior: { type: 'string' },
  kind: { type: 'string' },
  deadline: { type: 'string' },
  json: { type: 'boolean' },
  csv: { type: 'boolean' },
  years: { type: 'string' },
  'english-header': { type: 'boolean' },
  year: { type: 'string' },
  unit: { type: 'string' },
  db: { type: 'string' },
  units: { type: 'string' },
  replace: { type: 'boolean' },
  from: { type: 'string' },
  author: { type: 'string' },
  revision: { type: 'string' },
  reason: { type: 'string' },
  name: { type: 'string' },
  into: { type: 'string' },
  parent: { type: 'string' },
  date: { type: 'string' },
  limit: { type: 'string' },
  'page-numbers': { type: 'string' },
  'all-members': { type: 'boolean' },
  reviewer: { type: 'string' },
  fragment: { type: 'boolean' },
  members: { type: 'string' },
  xlsx: { type: 'boolean' },
  'font-dir': { type: 'string', multiple: true },
  published: { type: 'boolean' },
} as const satisfies ParseArgsConfig['options'];

export type CliValues = {
  -readonly [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K]['type'] extends 'boolean'
    ? boolean
    : (typeof OPTIONS)[K] extends { multiple: true }
      ? string[]
      : string;
};

/**
 * --kind: one of the unit kinds. With `unknown`, an empty value, 未定 or 未知 means "not known"
 * (null), as when a unit's kind is set.
 */
export function kindOption(values: CliValues): UnitKind | undefined;
export function kindOption(
  values: CliValues,
  options: { unknown: true },
): UnitKind | null | undefined;
export function kindOption(
  values: CliValues,
  options: { unknown?: boolean } = {},
): UnitKind | null | undefined {
  if (values.kind === undefined) return undefined;
  const kind = values.kind.trim();
  if (options.unknown && (kind === '' || kind === '未定' || kind === '未知')) return null;
  if (isUnitKind(kind)) return kind;
  throw new CliError(`--kind 的值“${values.kind}”无效，应为：${UNIT_KIND_LIST}。`);
}

export function deadlineOption(values: CliValues): string | undefined {
  if (values.deadline === undefined) return undefined;
  const deadline = parseMonthDay(values.deadline);
  if (!deadline)
    throw new CliError(`--deadline 的值“${values.deadline}”无效，应为次年的“月-日”，如 01-31。`);
  return deadline;
}

export function yearOption(
  values: CliValues,
  option: 'year' | 'from' | 'to' = 'year',
): number | undefined {
  const raw = values[option];
  if (raw === undefined) return undefined;
  const year = Number(raw);
  if (!isReportYear(year)) {
    throw new CliError(`--${option} 的值“${raw}”无效，应为 ${YEAR_RANGE} 之间的年份。`);
  }
  return year;
}

/** A year option the command cannot do without. */
export function requiredYear(values: CliValues, option: 'year' | 'from' | 'to' = 'year'): number {
  if (values[option] === undefined) throw new CliError(`需要 --${option} <年度>。`);
  return yearOption(values, option)!;
}

/** --page-numbers: alternate (the default) or centre. */
export function pageNumbersOption(values: CliValues): PageNumberMode {
  const mode = values['page-numbers'] ?? 'alternate';
  if (!(PAGE_NUMBER_MODES as readonly string[]).includes(mode)) {
    throw new CliError(`--page-numbers 应为 alternate（单页居右、双页居左）或 centre（居中）。`);
  }
  return mode as PageNumberMode;
}

export function oneFile(args: readonly string[], command: string): string {
  if (args.length !== 1) {
    throw new CliError(
      args.length === 0
        ? `nianbao ${command} 需要一个文件。运行 nianbao --help 查看用法。`
        : `nianbao ${command} 一次只处理一个文件，多余的参数：${args.slice(1).join(' ')}`,
    );
  }
  return args[0]!;
}

/** The output beside an input file: report.txt → report.<ext> (report.nianbao.json too). */
export function defaultOutput(file: string, ext: string): string {
  const base = path.basename(file).replace(/(\.nianbao)?\.[^.]+$/u, '');
  return path.join(path.dirname(file), `${base}.${ext}`);
}
