/**
 * The standard outline in the editor (issue 13 item 11): what an empty paragraph is for (the
 * hint of the outline sub-heading above it, from core/formats), what an empty section is for,
 * and what "补上这一部分" inserts for a section the report lacks.
 */
import {
  FORMATS,
  sectionDef,
  untouchedOutlineHeading,
  type FormatVersion,
  type SectionId,
} from '../../core/formats';
import type { Paragraph } from '../../core/model';
import type { TextPlace } from './paragraphs';

/** The hint of an empty section (shown in its one placeholder paragraph). */
export function sectionHint(format: FormatVersion, place: TextPlace): string {
  if (place === '导语') return '在此输入导语（依据、统计期限、电子版下载地址、联系方式）…';
  if (sectionDef(place).kind === 'table') return '（可不填）表格前的说明文字…';
  return FORMATS[format].outline[place]?.hint ?? '本部分尚无内容，在此输入…';
}

/**
 * The hint of an empty body paragraph: what the outline sub-heading above it asks for, or ''
 * (a paragraph with text, a heading, a paragraph under the clerk's own heading).
 */
export function paragraphHint(
  format: FormatVersion,
  place: TextPlace,
  paragraphs: readonly Paragraph[],
  index: number,
): string {
  const p = paragraphs[index];
  if (!p || p.level > 0 || p.text || place === '导语') return '';
  for (let i = index - 1; i >= 0; i--) {
    const above = paragraphs[i]!;
    if (above.level === 0) {
      if (above.text.trim()) return '';
      continue;
    }
    return untouchedOutlineHeading(format, place as SectionId, above)?.hint ?? '';
  }
  return '';
}
