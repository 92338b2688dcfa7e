/**
 * `nianbao archive …`: what an administrator scripts against the archive. Every subcommand
 * goes through the typed API (the same handlers the app's database worker runs).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ApiError, type ImportFileResult, type UnitInfo } from '../../core/api';
import { formatTime } from '../../core/dates';
import { serialiseReport } from '../../core/file';
import { openArchiveInProcess } from '../services/archive/in-process';
import type { ArchiveApi } from '../services/archive/methods';
import { writeFileAtomic } from '../services/files';
import { archivePath, author, openArchive, findUnit } from './archive-access';
import { CliError, readable, type Io } from './io';
import { formatTable } from './output';
import { csvCell, readUnitMapping } from './unit-mapping';
import { kindOption, requiredYear, yearOption, type CliValues } from './options';

/** A stored time (ISO, UTC; or a backup's local time) as local time: 2024-03-01 09:30:00. */
const localTime = (at: string) => formatTime(at, { seconds: true });

function importLine(r: ImportFileResult): string {
  const where = r.year
    ? `${r.unitName ?? ''} ${r.year}年度${r.legacy ? '（旧格式文本）' : ''}`
    : '';
  switch (r.status) {
    case 'imported':
      return `  ✓ ${r.file} → ${where}，第 ${r.revision} 版${r.newUnit ? '（新建单位）' : ''}${r.published ? '，标记为已发布（存档）' : ''}`;
    case 'unchanged':
      return r.published
        ? `  = ${r.file} → ${where}：与档案库中的内容相同，标记为已发布（存档）`
        : `  = ${r.file} → ${where}：与档案库中的内容相同，未新增版本`;
    case 'needs-unit':
      return `  ? ${r.file}：${r.message}${r.candidates?.length ? `相近的单位：${r.candidates.map((c) => c.name).join('、')}` : ''}`;
    case 'exists':
      return `  ! ${r.file} → ${where}：${r.message}（未替换；确认替换请加 --replace）`;
    case 'failed':
      return `  ✗ ${r.file}：${r.message}`;
  }
}

async function runArchiveImport(args: readonly string[], values: CliValues, io: Io) {
  if (args.length === 0) throw new CliError('nianbao archive import 需要文件或文件夹。');
  const units = values.units ? await readUnitMapping(values.units) : undefined;
  const year = yearOption(values);
  const connection = await openArchive(values);
  try {
    const { warning } = await connection.api.archiveInfo();
    if (warning) io.err(`注意：${warning}`);
    const summary = await connection.api.importFiles(
      {
        paths: [...args],
        ...(values.unit ? { unit: values.unit } : {}),
        ...(year ? { year } : {}),
        ...(units ? { units } : {}),
        replace: values.replace === true,
        // 已发布（存档）: only when asked (scripts keep what they did before)
        published: values.published === true,
        author: author(values),
      },
      (p) => {
        if (p.file && process.stderr.isTTY) process.stderr.write(`\r[${p.done + 1}/${p.total}] `);
      },
    );
    if (process.stderr.isTTY) process.stderr.write('\r');
    for (const r of summary.results) io.out(importLine(r));
    io.out('');
    io.out(
      `共 ${summary.results.length} 个文件：导入 ${summary.imported}，未变化 ${summary.unchanged}，单位待确认 ${summary.needsUnit}，${summary.exists ? `已有报告未替换 ${summary.exists}，` : ''}失败 ${summary.failed}。`,
    );
    if (summary.published) {
      io.out(
        `其中 ${summary.published} 份往年报告标记为已发布（存档）：只读，问题照常列出但不算待办。`,
      );
    }
    if (summary.exists) {
      io.out('');
      io.out(
        '以下年度在档案库中已有报告，未替换（确认要用这些文件替换时，加 --replace 重新导入）：',
      );
      for (const r of summary.results.filter((x) => x.status === 'exists')) {
        io.out(`  ${r.file}`);
      }
    }
    const unclear = summary.results.filter((r) => r.status === 'needs-unit');
    if (unclear.length) {
      io.out('');
      io.out(
        '以下文件的单位需要确认。把这几行保存为 CSV 文件，在第二列填写单位名称（可以是已有单位，也可以是新单位；# 开头的行是候选单位，可以保留），再用 --units <文件> 重新导入：',
      );
      io.out('文件,单位');
      for (const r of unclear) {
        if (r.candidates?.length) io.out(`# 候选：${r.candidates.map((c) => c.name).join('、')}`);
        io.out(`${csvCell(r.file)},`);
      }
    }
    return summary.needsUnit + summary.exists + summary.failed > 0 ? 1 : 0;
  } finally {
    await connection.close();
  }
}

async function runList(values: CliValues, io: Io) {
  const connection = await openArchive(values, { create: false });
  try {
    const api = connection.api;
    const units = await api.listUnits();
    const rows = [];
    const data = [];
    for (const unit of units) {
      const years = await api.listYears({ unitId: unit.id });
      data.push({ ...unit, reports: years });
      const name = unit.mergedInto
        ? `${unit.name}（已并入${units.find((u) => u.id === unit.mergedInto)?.name ?? ''}）`
        : unit.name;
      if (years.length === 0) rows.push([name, unit.kind ?? '未定', '—', '—', '', '', '']);
      for (const y of years) {
        rows.push([
          name,
          unit.kind ?? '未定',
          String(y.year),
          y.status,
          // a published report's findings are listed, not counted as a to-do
          y.format ? `${y.errors}${y.published && y.errors ? '（不算待办）' : ''}` : '—',
          y.format ? String(y.warnings) : '—',
          `第${y.revision}版${y.pending ? '（有未保存的修改）' : ''}`,
        ]);
      }
    }
    if (values.json) {
      io.out(JSON.stringify(data, null, 2));
      return 0;
    }
    if (units.length === 0) {
      io.out('档案库中还没有单位。用 nianbao archive import <文件或文件夹> 导入报告。');
      return 0;
    }
    io.out(formatTable(['单位', '类型', '年度', '状态', '错误', '提醒', '版本'], rows));
    return 0;
  } finally {
    await connection.close();
  }
}

async function withUnit<T>(
  values: CliValues,
  fn: (api: ArchiveApi, unit: UnitInfo) => Promise<T>,
  options: { create?: boolean } = { create: false },
): Promise<T> {
  const connection = await openArchive(values, options);
  try {
    const unit = await findUnit(connection, values.unit);
    return await fn(connection.api, unit);
  } finally {
    await connection.close();
  }
}

async function runCopyYear(values: CliValues, io: Io) {
  const from = requiredYear(values, 'from');
  const to = requiredYear(values, 'to');
  return withUnit(values, async (api, unit) => {
    const opened = await api.copyLastYear({ unitId: unit.id, from, to, author: author(values) });
    const check = await api.checkReport({ unitId: unit.id, year: to });
    const review = check.findings.filter((f) => f.code === 'YEAR_REVIEW').length;
    io.out(`已把“${unit.name}”${from}年度报告复制为${to}年度报告（第 ${opened.revision} 版）。`);
    io.out(
      `正文沿用了上年的文字，其中 ${review} 处年份需要逐一确认；表格已清空，表三“上年结转”已按${from}年度“结转下年度”填入。`,
    );
    return 0;
  });
}

async function runExportFromArchive(values: CliValues, io: Io) {
  const year = requiredYear(values, 'year');
  return withUnit(values, async (api, unit) => {
    const opened = await api.openReport({ unitId: unit.id, year });
    if (opened.legacy && values.output?.toLowerCase().endsWith('.json')) {
      throw new CliError(
        `${year}年度报告是旧格式文本，没有年报数据文件；请导出为 .txt 文件（-o ${year}.txt）。`,
      );
    }
    const data = opened.legacy
      ? `${opened.title}\n\n${opened.text}\n`
      : serialiseReport(opened.report);
    if (!values.output || values.output === '-') {
      io.write(data);
      return 0;
    }
    await readable(() => writeFileAtomic(values.output!, data));
    io.err(
      `已导出：${values.output}（${unit.name} ${year}年度，第 ${opened.revision} 版${opened.legacy ? '，旧格式文本' : ''}）`,
    );
    return 0;
  });
}

const REASONS: Record<string, string> = {
  save: '保存',
  close: '关闭时保存',
  idle: '自动保存',
  create: '新建',
  import: '导入',
  copy: '复制上年',
  restore: '恢复',
  reopen: '重新打开',
  journal: '保留未保存的修改',
  aggregate: '汇总',
  exchange: '交换文件',
};

async function runHistory(values: CliValues, io: Io) {
  const year = requiredYear(values, 'year');
  return withUnit(values, async (api, unit) => {
    const revisions = await api.history({ unitId: unit.id, year });
    if (values.json) {
      io.out(JSON.stringify(revisions, null, 2));
      return 0;
    }
    io.out(`${unit.name} ${year}年度报告的版本：`);
    io.out(
      formatTable(
        ['版本', '时间', '作者', '操作', '说明'],
        revisions.map((r) => [
          `第${r.revision}版${r.finalised ? '（定稿）' : ''}`,
          localTime(r.at),
          r.author,
          REASONS[r.reason] ?? r.reason,
          r.note,
        ]),
      ),
    );
    return 0;
  });
}

async function runRevert(values: CliValues, io: Io) {
  const year = requiredYear(values, 'year');
  const revision = Number(values.revision);
  if (!Number.isInteger(revision) || revision < 1) throw new CliError('需要 --revision <版本号>。');
  return withUnit(values, async (api, unit) => {
    const saved = await api.restoreRevision({
      unitId: unit.id,
      year,
      revision,
      author: author(values),
    });
    io.out(
      saved.created
        ? `已把${year}年度报告恢复为第 ${revision} 版的内容，保存为第 ${saved.revision} 版（原有版本都保留）。`
        : `第 ${revision} 版与当前内容相同，没有变化。`,
    );
    return 0;
  });
}

async function runReopen(values: CliValues, io: Io) {
  const year = requiredYear(values, 'year');
  if (!values.reason?.trim()) throw new CliError('重新打开已定稿的报告必须用 --reason 写明理由。');
  return withUnit(values, async (api, unit) => {
    const saved = await api.reopenReport({
      unitId: unit.id,
      year,
      reason: values.reason!,
      author: author(values),
    });
    io.out(
      `已重新打开${unit.name} ${year}年度报告（第 ${saved.revision} 版），可以修改；原定稿记录保留。`,
    );
    return 0;
  });
}

/** 已发布（存档）: marks a past year's report, or takes the mark back (--unpublish, a reason). */
async function runPublish(values: CliValues, io: Io, mark: boolean) {
  const year = requiredYear(values, 'year');
  if (!mark && !values.reason?.trim()) {
    throw new CliError('取消已发布标记必须用 --reason 写明理由。');
  }
  return withUnit(values, async (api, unit) => {
    const who = author(values);
    const saved = mark
      ? await api.markPublished({ unitId: unit.id, year, reason: values.reason ?? '', author: who })
      : await api.unmarkPublished({ unitId: unit.id, year, reason: values.reason!, author: who });
    io.out(
      mark
        ? `已把${unit.name} ${year}年度报告标记为已发布（存档）（第 ${saved.revision} 版）：只读，问题不算待办。`
        : `已取消${unit.name} ${year}年度报告的已发布标记（第 ${saved.revision} 版），可以修改。`,
    );
    return 0;
  });
}

async function runUnit(args: readonly string[], values: CliValues, io: Io) {
  const [action, name, ...rest] = args;
  if (rest.length) throw new CliError(`多余的参数：${rest.join(' ')}`);
  if (!action || !name) {
    throw new CliError(
      '用法：nianbao archive unit add|rename|merge|set <单位名称> …（运行 nianbao --help 查看）',
    );
  }
  const connection = await openArchive(values, { create: action === 'add' });
  const api = connection.api;
  const unitNamed = (text: string, options?: { follow: boolean }) =>
    findUnit(connection, text, options);
  try {
    switch (action) {
      case 'add': {
        const parent = values.parent ? await unitNamed(values.parent) : null;
        const unit = await api.createUnit({
          name,
          kind: kindOption(values, { unknown: true }) ?? null,
          parentId: parent?.id ?? null,
          author: author(values),
        });
        io.out(`已新建单位“${unit.name}”${unit.kind ? `（${unit.kind}）` : ''}。`);
        return 0;
      }
      case 'rename': {
        if (!values.name?.trim()) throw new CliError('需要 --name <新名称>。');
        const unit = await unitNamed(name);
        const renamed = await api.renameUnit({
          unitId: unit.id,
          name: values.name,
          ...(values.date ? { date: values.date } : {}),
          author: author(values),
        });
        io.out(`已把“${unit.name}”更名为“${renamed.name}”；原名称和各年度报告都保留在该单位下。`);
        return 0;
      }
      case 'merge': {
        if (!values.into?.trim()) throw new CliError('需要 --into <并入的单位名称>。');
        // the unit named, not the one it may already have been merged into
        const from = await unitNamed(name, { follow: false });
        const into = await unitNamed(values.into);
        const result = await api.mergeUnits({
          from: from.id,
          into: into.id,
          ...(values.date ? { date: values.date } : {}),
          author: author(values),
        });
        io.out(`已把“${from.name}”并入“${into.name}”。`);
        if (result.moved.length) io.out(`转入的年度：${result.moved.join('、')}`);
        if (result.kept.length) {
          io.out(`两个单位都有的年度（${result.kept.join('、')}）仍保留在“${from.name}”的历史中。`);
        }
        return 0;
      }
      case 'set': {
        const unit = await unitNamed(name);
        const kind = kindOption(values, { unknown: true });
        const parent =
          values.parent === undefined
            ? undefined
            : values.parent.trim() === ''
              ? null
              : (await unitNamed(values.parent)).id;
        const updated = await api.updateUnit({
          unitId: unit.id,
          ...(kind !== undefined ? { kind } : {}),
          ...(parent !== undefined ? { parentId: parent } : {}),
          author: author(values),
        });
        io.out(`已更新“${updated.name}”：类型 ${updated.kind ?? '未定'}。`);
        return 0;
      }
      default:
        throw new CliError(`未知的单位操作：${action}（可用：add、rename、merge、set）`);
    }
  } finally {
    await connection.close();
  }
}

async function runBackup(values: CliValues, io: Io) {
  const connection = await openArchive(values, { create: false });
  try {
    // a relative -o is the user's, from where they typed the command
    const info = await connection.api.backup(
      values.output ? { to: path.resolve(values.output) } : {},
    );
    io.out(`已备份到：${info.path}（${(info.bytes / 1024 / 1024).toFixed(1)} MB）`);
    return 0;
  } finally {
    await connection.close();
  }
}

async function runBackups(values: CliValues, io: Io) {
  const connection = await openArchive(values, { create: false, allowBroken: true });
  try {
    const list = await connection.api.listBackups();
    if (values.json) {
      io.out(JSON.stringify(list, null, 2));
      return 0;
    }
    if (!list.length) {
      io.out('没有备份。');
      return 0;
    }
    const kinds = { daily: '每日', migration: '升级前', manual: '手动', restore: '恢复前' };
    io.out(
      formatTable(
        ['时间', '类型', '大小', '文件'],
        list.map((b) => [
          localTime(b.at),
          kinds[b.reason],
          `${(b.bytes / 1024 / 1024).toFixed(1)} MB`,
          b.path,
        ]),
      ),
    );
    return 0;
  } finally {
    await connection.close();
  }
}

async function runRestore(args: readonly string[], values: CliValues, io: Io) {
  if (args.length !== 1) throw new CliError('nianbao archive restore 需要一个备份文件。');
  const file = archivePath(values);
  const exists = await fs.access(file).then(
    () => true,
    () => false,
  );
  if (!exists) await fs.mkdir(path.dirname(file), { recursive: true });
  // a missing archive is restored into place, not first created empty (and then kept aside)
  const connection = exists
    ? await openArchive(values, { allowBroken: true })
    : await openArchiveInProcess(file, { create: false });
  try {
    const result = await connection.api.restoreBackup({ path: path.resolve(args[0]!) });
    io.out(`已从备份恢复：${result.restoredFrom}`);
    if (result.keptAside) io.out(`原档案库文件已另存为：${result.keptAside}（未被覆盖）`);
    return 0;
  } finally {
    await connection.close();
  }
}

async function runVerify(values: CliValues, io: Io) {
  const file = archivePath(values);
  try {
    await fs.access(file);
  } catch {
    throw new CliError(`档案库文件不存在：${file}`);
  }
  const connection = await openArchive(values, { allowBroken: true });
  try {
    const result = await connection.api.verify();
    if (result.ok) {
      const info = await connection.api.archiveInfo();
      io.out(`档案库完好：${info.path}（${info.units} 个单位，${info.reports} 份报告）。`);
      if (info.warning) io.out(`注意：${info.warning}`);
      return 0;
    }
    io.out(`档案库有问题：${file}`);
    for (const p of result.problems.slice(0, 50)) io.out(`  · ${p}`);
    if (result.problems.length > 50) io.out(`  ……共 ${result.problems.length} 项`);
    if (!result.problems.includes(result.message)) io.out(result.message);
    return 1;
  } finally {
    await connection.close();
  }
}

async function runSearch(args: readonly string[], values: CliValues, io: Io) {
  const query = args.join(' ').trim();
  if (!query) throw new CliError('nianbao archive search 需要搜索内容。');
  const limit = values.limit === undefined ? 50 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
    throw new CliError('--limit 应为 1–500 之间的整数。');
  }
  const connection = await openArchive(values, { create: false });
  try {
    const result = await connection.api.search({ query, limit });
    if (values.json) {
      io.out(JSON.stringify(result, null, 2));
      return 0;
    }
    if (!result.hits.length) {
      io.out(`没有找到“${query}”。`);
      return 0;
    }
    for (const hit of result.hits) {
      io.out(`${hit.unitName} ${hit.year}年度`);
      io.out(`  ${hit.snippet.map((s) => (s.hit ? `【${s.text}】` : s.text)).join('')}`);
    }
    io.out('');
    io.out(
      `找到 ${result.hits.length} 份${result.more ? `（只显示前 ${limit} 份，可用 --limit 增加）` : ''}。`,
    );
    return 0;
  } finally {
    await connection.close();
  }
}

/** `nianbao archive verify-pdf <file.pdf>`: which finalised report this file is, if any. */
async function runVerifyPdf(args: readonly string[], values: CliValues, io: Io) {
  const [file, ...rest] = args;
  if (!file || rest.length > 0)
    throw new CliError('需要一个 PDF 文件：nianbao archive verify-pdf <文件.pdf>');
  const pdf = await fs.readFile(file).then(
    (b) => new Uint8Array(b),
    () => {
      throw new CliError(`无法读取文件：${file}`);
    },
  );
  if (pdf.length === 0) throw new CliError(`文件是空的：${file}`);
  const connection = await openArchive(values, { create: false });
  try {
    const { sha256, match } = await connection.api.verifyPdf({ pdf });
    if (!match) {
      io.out(`此文件与档案库中任何一份定稿 PDF 都不一致（SHA-256：${sha256}）。`);
      io.out('它可能是草稿、被修改过，或来自别的档案库。');
      return 1;
    }
    io.out(
      `此文件与“${match.unitName}”${match.year}年度报告第 ${match.revision} 版的定稿 PDF 完全一致（${match.at.slice(0, 10)}${match.by ? ` 由 ${match.by} ` : ' '}定稿）。`,
    );
    io.out(`SHA-256：${sha256}`);
    if (match.reopened) io.out('注意：该报告定稿后已重新打开修改，此文件已不是现行版本。');
    return 0;
  } finally {
    await connection.close();
  }
}

/** Every `nianbao archive …` subcommand, dispatched from here. */
export async function runArchive(args: readonly string[], values: CliValues, io: Io) {
  const [sub, ...rest] = args;
  try {
    switch (sub) {
      // finalising loads PDFKit and fontkit only when used: the other commands start faster
      case 'finalise':
        return await (await import('./render')).runFinalise(values, io);
      case 'verify-pdf':
        return await runVerifyPdf(rest, values, io);
      case 'import':
        return await runArchiveImport(rest, values, io);
      case 'list':
        return await runList(values, io);
      case 'copy-year':
        return await runCopyYear(values, io);
      case 'export':
        return await runExportFromArchive(values, io);
      case 'history':
        return await runHistory(values, io);
      case 'revert':
        return await runRevert(values, io);
      case 'reopen':
        return await runReopen(values, io);
      case 'unit':
        return await runUnit(rest, values, io);
      case 'backup':
        return await runBackup(values, io);
      case 'backups':
        return await runBackups(values, io);
      case 'restore':
        return await runRestore(rest, values, io);
      case 'verify':
        return await runVerify(values, io);
      case 'search':
        return await runSearch(rest, values, io);
      case 'publish':
        return await runPublish(values, io, true);
      case 'unpublish':
        return await runPublish(values, io, false);
      case 'export-exchange':
        return await (await import('./exchange')).runExportExchange(values, io);
      case 'import-exchange':
        return await (await import('./exchange')).runImportExchange(rest, values, io);
      default:
        throw new CliError(
          `${sub ? `未知的档案库命令：${sub}` : '需要档案库命令'}。可用：import、list、copy-year、export、history、revert、reopen、unit、backup、backups、restore、verify、search、finalise、verify-pdf、publish、unpublish、export-exchange、import-exchange。`,
        );
    }
  } catch (error) {
    if (error instanceof ApiError) throw new CliError(error.message);
    throw error;
  }
}
