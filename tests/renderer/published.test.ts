// 已发布（存档） in the window's models (issue 13 item 13): a published report's status, banner and
// refusal message; its counts neutral (no to-do); which import results offer the mark.
import { describe, expect, it } from 'vitest';
import type { ImportFileResult } from '../../core/api';
import {
  PUBLISHED_CHECKS_NOTE,
  PUBLISHED_MESSAGE,
  chipClass,
  editorStatus,
  markedNotice,
  offerMark,
  pdfNameWord,
  publishedCounts,
  readOnlyBanner,
  readOnlyMessage,
  todoErrors,
  unmarkedNotice,
} from '../../renderer/models/published';
import { LOCKED_MESSAGE } from '../../renderer/models/cell-plans';

const PUB = { revision: 2, at: '2026-12-06T02:00:00Z', by: '张三', reason: '' };

describe('a published report in the window', () => {
  it('is 已发布（存档） (not 已定稿, 草稿 or 待定稿) and says why it is read-only', () => {
    expect(editorStatus(true, PUB, 5)).toBe('已发布（存档）');
    expect(editorStatus(true, null, 5)).toBe('已定稿');
    expect(editorStatus(false, null, 5)).toBe('草稿');
    expect(editorStatus(false, null, 0)).toBe('待定稿');
    expect(chipClass('已发布（存档）')).toBe('published');
    expect(chipClass('草稿')).toBe('草稿');
    expect(readOnlyMessage(PUB)).toBe('该报告已标记为已发布（存档），如需修改请先取消标记。');
    expect(readOnlyMessage(PUB)).toBe(PUBLISHED_MESSAGE);
    expect(readOnlyMessage(null)).toBe(LOCKED_MESSAGE);
    expect(readOnlyBanner(PUB)).toContain('已发布（存档）');
    expect(readOnlyBanner(null)).toContain('已定稿');
  });

  it('its findings are no to-do: counted neutral, "已发布 · N 个问题"', () => {
    expect(todoErrors({ status: '已发布（存档）', errors: 7 })).toBe(0);
    expect(todoErrors({ status: '草稿', errors: 7 })).toBe(7);
    expect(publishedCounts({ errors: 2, warnings: 1 })).toBe('已发布 · 3 个问题');
    expect(publishedCounts({ errors: 0, warnings: 0 })).toBe('');
  });

  it('an import summary offers the mark for a past year imported unmarked, never for the current year', () => {
    const now = new Date('2026-12-06T10:00:00'); // the report being written: 2026
    const r = (o: Partial<ImportFileResult>): ImportFileResult => ({
      file: 'f.docx',
      status: 'imported',
      year: 2025,
      ...o,
    });
    expect(offerMark(r({}), now)).toBe(true);
    expect(offerMark(r({ year: 2026 }), now)).toBe(false);
    expect(offerMark(r({ published: true }), now)).toBe(false);
    expect(offerMark(r({ legacy: true, year: 2015 }), now)).toBe(false);
    expect(offerMark(r({ status: 'failed' }), now)).toBe(false);
    // in October the report being written is still last year's: 2025 is not past yet
    expect(offerMark(r({}), new Date('2026-10-15T10:00:00'))).toBe(false);
  });
});

describe('printing and the messages of a published report', () => {
  it('names the saved PDF 存档 (published), 草稿 or 定稿; says what marking did, with the revision', () => {
    expect(pdfNameWord({ draft: false, published: true })).toBe('存档');
    // a published report with open errors is still an archive copy, not a draft
    expect(pdfNameWord({ draft: true, published: true })).toBe('存档');
    expect(pdfNameWord({ draft: true, published: false })).toBe('草稿');
    expect(pdfNameWord({ draft: false, published: false })).toBe('定稿');
    expect(PUBLISHED_CHECKS_NOTE).toBe('已发布（存档）：问题仅供参考，不计入待办');
    expect(unmarkedNotice(4)).toBe('已取消已发布标记（第 4 版），报告可以修改。');
    expect(markedNotice(5)).toBe('已标记为已发布（存档）（第 5 版），报告处于只读状态。');
  });
});
