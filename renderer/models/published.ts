/**
 * 已发布（存档） in the window (issue 13 item 13), DOM-free: what a read-only report says (marked
 * published, or finalised), and how a year's status and counts are shown — a published report's
 * findings are neutral (grey), never a red to-do.
 */
import type { ImportFileResult, PublishedInfo, YearInfo } from '../../core/api';
import { currentReportYear } from '../../core/dates';
import { PUBLISHED_STATUS } from '../../core/model';
import { LOCKED_MESSAGE } from './cell-plans';

export { PUBLISHED_STATUS };

/** What an edit of a published report is answered with (the archive refuses it the same way). */
export const PUBLISHED_MESSAGE = '该报告已标记为已发布（存档），如需修改请先取消标记。';

/** The banner over a read-only report. */
export function readOnlyBanner(published: PublishedInfo | null): string {
  return published
    ? '本报告已标记为已发布（存档），处于只读状态；检查发现的问题照常列出，但不算待办。如需修改，请在“打印与定稿”中填写理由后取消标记。'
    : '本报告已定稿，处于只读状态。如需修改，请在“打印与定稿”中填写理由后重新打开。';
}

/** The message when a read-only report is typed into. */
export function readOnlyMessage(published: PublishedInfo | null): string {
  return published ? PUBLISHED_MESSAGE : LOCKED_MESSAGE;
}

/** A report's status as the window shows it: 已定稿 / 已发布（存档） / 草稿 / 待定稿. */
export function editorStatus(
  locked: boolean,
  published: PublishedInfo | null,
  errors: number,
): string {
  if (published) return PUBLISHED_STATUS;
  if (locked) return '已定稿';
  return errors ? '草稿' : '待定稿';
}

/** The CSS class of a status chip (ASCII for the published one). */
export function chipClass(status: string): string {
  return status === PUBLISHED_STATUS ? 'published' : status;
}

/** Open errors that are a to-do: none for a published report (its findings are only shown). */
export function todoErrors(y: Pick<YearInfo, 'status' | 'errors'>): number {
  return y.status === PUBLISHED_STATUS ? 0 : y.errors;
}

/** "已发布 · 3 个问题" (the counts of a published report, neutral); '' when it has none. */
export function publishedCounts(y: Pick<YearInfo, 'errors' | 'warnings'>): string {
  const n = y.errors + y.warnings;
  return n ? `已发布 · ${n} 个问题` : '';
}

/**
 * An import's result the summary offers to mark 已发布（存档）: a past year's structured report
 * just imported and not marked (a single file; a folder's past years are marked when asked).
 */
export function offerMark(r: ImportFileResult, now: Date): boolean {
  return (
    r.status === 'imported' &&
    !r.published &&
    !r.legacy &&
    r.year !== undefined &&
    r.year < currentReportYear(now)
  );
}

/** The word a saved PDF's name ends in: 存档 (a published report's archive copy), 草稿 or 定稿. */
export function pdfNameWord(r: { readonly draft: boolean; readonly published: boolean }): string {
  if (r.published) return '存档';
  return r.draft ? '草稿' : '定稿';
}

/** The checks panel's header over a published report's findings (shown neutral, no to-do). */
export const PUBLISHED_CHECKS_NOTE = '已发布（存档）：问题仅供参考，不计入待办';

/** What the report view says after the mark was put on (revision N: the 'publish' one). */
export function markedNotice(revision: number): string {
  return `已标记为已发布（存档）（第 ${revision} 版），报告处于只读状态。`;
}

/** What the report view says after the mark was taken back (revision N: the 'unpublish' one). */
export function unmarkedNotice(revision: number): string {
  return `已取消已发布标记（第 ${revision} 版），报告可以修改。`;
}
