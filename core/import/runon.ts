/**
 * Text that runs a whole report together (a crawler's text: "…电子邮箱：x@163.com。一、总体情况
 * 2019年，在…"): lines are cut before and after each section heading found inside them, in
 * order, and after a title at the start of a line. Only used when the lines themselves do not
 * start with the headings, so a report written normally is never cut.
 */
import { FORMATS, SECTION_IDS, sectionDef, type SectionId } from '../formats';
import { skeleton, skeletonOf } from './tables/vocabulary';

const ORDINALS = ['一', '二', '三', '四', '五', '六'];

/** Official headings and their variants, as skeletons, per section. */
function headingForms(id: SectionId): string[] {
  const def = FORMATS['2021'].sections.find((s) => s.id === id)!;
  return [def.heading, ...def.variants].map(skeletonOf);
}

/** The length of a section heading starting at `at` in `text`, or 0. */
function headingAt(text: string, at: number, id: SectionId): number {
  const rest = text.slice(at, at + 80);
  const { chars, at: index } = skeleton(rest);
  for (const form of headingForms(id)) {
    if (chars.startsWith(form)) {
      const last = index[form.length - 1]!;
      return last + 1;
    }
  }
  // other wordings: the ordinal, a few words with a key term, ending in 情况 or 事项
  const m = /^[一二三四五六]\s*[、.．]\s*([^。，；！？：:\d\s]{2,30}?(?:情况|事项))/u.exec(rest);
  if (m && sectionDef(id).keyTerms.some((k) => m[1]!.includes(k))) return m[0].length;
  return 0;
}

/** A report title at the start of a line, followed by more text: "…年度报告 根据《条例》…". */
const TITLE_START = /^(\s*\S.{2,70}?(?:工作)?年度报告)(?=[\s\u3000]+\S)/u;

/**
 * Cuts run-together lines at the section headings inside them (and a leading title): the
 * pieces of each line, or null when the lines do not need it.
 */
export function cutRunOn(
  lines: readonly string[],
  startsWithHeading: (t: string) => boolean,
): string[][] | null {
  const atStart = new Set<string>();
  for (const l of lines) if (startsWithHeading(l)) atStart.add(l.trim().slice(0, 1));
  if (atStart.size >= 3) return null;
  const out: string[][] = [];
  let next = 0; // index of the next section heading to look for
  let cutAny = false;
  let titleDone = false;
  for (const line of lines) {
    const pieces: string[] = [];
    out.push(pieces);
    let rest = line;
    if (!titleDone && next === 0) {
      const t = TITLE_START.exec(rest);
      if (t && rest.length > 100) {
        pieces.push(t[1]!.trim());
        rest = rest.slice(t[0].length).trim();
        titleDone = true;
        cutAny = true;
      }
    }
    let from = 0;
    for (let i = 0; i < rest.length && next < ORDINALS.length; i++) {
      // the next heading, or one further on (a report may lack a section)
      const k = ORDINALS.indexOf(rest[i]!);
      if (k < next || !/^\s*[、.．]/u.test(rest.slice(i + 1, i + 3))) continue;
      const len = headingAt(rest, i, SECTION_IDS[k]!);
      if (!len) continue;
      if (rest.slice(from, i).trim()) pieces.push(rest.slice(from, i).trim());
      pieces.push(rest.slice(i, i + len).trim());
      from = i + len;
      i = from - 1;
      next = k + 1;
      cutAny = true;
    }
    if (from === 0 && rest === line)
      pieces.push(line); // untouched, blank lines included
    else if (rest.slice(from).trim()) pieces.push(rest.slice(from).trim());
  }
  return cutAny ? out : null;
}
