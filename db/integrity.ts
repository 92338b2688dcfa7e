/**
 * The archive's own content checks, beyond SQLite's structural ones: every revision's body
 * against its SHA-256 and the report schema, every archived PDF against its SHA-256. Run by
 * verify() on the archive and on a backup before it may replace the archive.
 */
import type Database from 'better-sqlite3';
import { ReportSchema } from '../core/model';
import { sha256 } from './hash';
import { isLegacyBody, type StoredBody } from './text';

/** What is wrong with the stored reports and PDFs, in Chinese (empty: all intact). */
export function contentProblems(db: Database.Database): string[] {
  const problems: string[] = [];
  const revisions = db
    .prepare('SELECT report_id, number, body, hash FROM revisions')
    .iterate() as Iterable<{ report_id: number; number: number; body: string; hash: string }>;
  for (const v of revisions) {
    if (sha256(v.body) !== v.hash) {
      problems.push(`报告 ${v.report_id} 第 ${v.number} 版的内容与其校验值不符`);
      continue;
    }
    try {
      const body = JSON.parse(v.body) as StoredBody;
      if (!isLegacyBody(body) && !ReportSchema.safeParse(body).success) {
        problems.push(`报告 ${v.report_id} 第 ${v.number} 版不是有效的报告数据`);
      }
    } catch {
      problems.push(`报告 ${v.report_id} 第 ${v.number} 版不是有效的 JSON`);
    }
  }
  const pdfs = db
    .prepare('SELECT id, pdf, sha256 FROM finalisations WHERE pdf IS NOT NULL')
    .iterate() as Iterable<{ id: number; pdf: Buffer; sha256: string }>;
  for (const f of pdfs) {
    if (sha256(f.pdf) !== f.sha256) problems.push(`定稿记录 ${f.id} 的 PDF 与其 SHA-256 不符`);
  }
  return problems;
}
