/** Reading and writing the product's own file format, `.nianbao.json`. */
import { z } from 'zod';
import { APP_ID, ReportFileError, ReportSchema, SCHEMA_VERSION, type Report } from './model';

/** Messages for the people reading them: zod's Chinese locale. */
const zhCN = z.locales.zhCN();

/**
 * Serialises a report: human-readable JSON, keys in schema order (the same report always gives
 * the same text), validated first so that an invalid file is never written.
 */
export function serialiseReport(report: Report): string {
  const result = ReportSchema.safeParse(
    { ...report, schema: SCHEMA_VERSION, app: APP_ID },
    { error: zhCN.localeError },
  );
  if (!result.success) throw new ReportFileError(describeIssues(result.error));
  return `${JSON.stringify(result.data, null, 2)}\n`;
}

/**
 * Parses a `.nianbao.json` text. Anything that is not a report of a schema this build knows
 * raises a ReportFileError with a message for the user; nothing is guessed.
 */
export function parseReportFile(text: string): Report {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new ReportFileError('文件不是有效的 JSON，无法作为年报数据文件读取。');
  }
  return parseReportData(data);
}

/** Validates already-parsed JSON data (a file's content or an API payload) as a report. */
export function parseReportData(data: unknown): Report {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ReportFileError('文件内容不是年报数据。');
  }
  const record = data as Record<string, unknown>;
  if (record.app !== APP_ID || record.schema === undefined) {
    throw new ReportFileError('这不是年报软件保存的数据文件（缺少 app/schema 标识）。');
  }
  const schema = record.schema;
  if (typeof schema !== 'number' || !Number.isInteger(schema) || schema < 1) {
    throw new ReportFileError(`数据文件的格式版本“${String(schema)}”无效。`);
  }
  if (schema > SCHEMA_VERSION) {
    throw new ReportFileError(
      `此文件由更新版本的年报软件保存（数据格式版本 ${schema}），本软件只能读取版本 ${SCHEMA_VERSION} 及以前的文件。请升级软件后再打开，文件未作任何改动。`,
    );
  }
  const result = ReportSchema.safeParse(record, { error: zhCN.localeError });
  if (!result.success) throw new ReportFileError(describeIssues(result.error));
  return result.data;
}

function describeIssues(error: z.ZodError): string {
  const lines = error.issues.slice(0, 5).map((issue) => {
    const path = issue.path.length ? issue.path.join('.') : '（根）';
    return `  · ${path}：${issue.message}`;
  });
  const more = error.issues.length > 5 ? `\n  ……另有 ${error.issues.length - 5} 处` : '';
  return `数据文件内容不完整或有误：\n${lines.join('\n')}${more}`;
}
