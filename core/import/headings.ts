/** Section headings: an ordinal 一…六 plus a key term of that section. */
import { SECTION_IDS, sectionDef, type SectionId } from '../formats';
import { cleanText, compact, leadingChineseOrdinal } from '../text';
import { skeleton, skeletonOf } from './tables/vocabulary';

const CN_ORDINALS = ['一', '二', '三', '四', '五', '六'];

export interface HeadingMatch {
  readonly id: SectionId;
  readonly heading: string;
  /** Text after a run-in heading ("六、其他需要报告的事项：无。" → "无。"). */
  readonly rest: string;
}

/** Where the official heading (or a variant) ends at the start of a text, or 0. */
function officialEnd(text: string, id: SectionId): number {
  const def = sectionDef(id);
  const { chars, at } = skeleton(text);
  for (const form of [def.heading, ...def.variants].map(skeletonOf)) {
    if (chars.startsWith(form) && chars.length > form.length) return at[form.length - 1]! + 1;
  }
  return 0;
}

/** A section heading: ordinal 一…六 plus a key term of that section, short. */
export function matchSectionHeading(text: string): HeadingMatch | null {
  const t = text.trim();
  const ordinal = leadingChineseOrdinal(t);
  const n = ordinal ? CN_ORDINALS.indexOf(ordinal) : -1;
  if (n < 0) return null;
  const id = SECTION_IDS[n]!;
  const cut = t.search(/[。：:]/u);
  let heading = cut >= 0 ? t.slice(0, cut) : t;
  let rest = cut >= 0 ? t.slice(cut + 1).trim() : '';
  // the official wording run into its text: "六、其他需要报告的事项 无其他需要报告的事项"
  const official = officialEnd(heading, id);
  if (official > 0 && /^[\s\u3000\d]/u.test(heading.slice(official))) {
    rest = `${heading.slice(official).trim()}${rest ? `：${rest}` : ''}`;
    heading = heading.slice(0, official);
  }
  if (compact(heading).length > 40) return null;
  if (!sectionDef(id).keyTerms.some((k) => heading.includes(k))) return null;
  return { id, heading: cleanText(heading), rest };
}
