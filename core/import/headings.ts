/** Section headings: an ordinal 一…六 plus a key term of that section. */
import { SECTION_IDS, sectionDef, type SectionId } from '../formats';
import { cleanText, compact, leadingChineseOrdinal } from '../text';

const CN_ORDINALS = ['一', '二', '三', '四', '五', '六'];

export interface HeadingMatch {
  readonly id: SectionId;
  readonly heading: string;
  /** Text after a run-in heading ("六、其他需要报告的事项：无。" → "无。"). */
  readonly rest: string;
}

/** A section heading: ordinal 一…六 plus a key term of that section, short. */
export function matchSectionHeading(text: string): HeadingMatch | null {
  const t = text.trim();
  const ordinal = leadingChineseOrdinal(t);
  const n = ordinal ? CN_ORDINALS.indexOf(ordinal) : -1;
  if (n < 0) return null;
  const id = SECTION_IDS[n]!;
  const cut = t.search(/[。：:]/u);
  const heading = cut >= 0 ? t.slice(0, cut) : t;
  const rest = cut >= 0 ? t.slice(cut + 1).trim() : '';
  if (compact(heading).length > 40) return null;
  if (!sectionDef(id).keyTerms.some((k) => heading.includes(k))) return null;
  return { id, heading: cleanText(heading), rest };
}
