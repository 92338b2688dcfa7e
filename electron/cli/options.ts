import { MAX_YEAR, MIN_YEAR } from '../../core/formats';
import { UNIT_KINDS, type UnitKind } from '../../core/model';
import { parseMonthDay } from '../../core/text';
import { CliError } from './io';
import type { CliValues } from './main';

export function kindOption(values: CliValues): UnitKind | undefined {
  if (values.kind === undefined) return undefined;
  const kind = values.kind.trim();
  if ((UNIT_KINDS as readonly string[]).includes(kind)) return kind as UnitKind;
  throw new CliError(`--kind 的值“${values.kind}”无效，应为：${UNIT_KINDS.join('、')}。`);
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
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new CliError(`--${option} 的值“${raw}”无效，应为 ${MIN_YEAR}–${MAX_YEAR} 之间的年份。`);
  }
  return year;
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
