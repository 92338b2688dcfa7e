/** Walks the narrative of a report: paragraphs with their section, index and heading context. */
import { SECTION_IDS, untouchedOutlineHeading, type SectionId } from '../formats';
import type { Paragraph, Report } from '../model';

export interface NarrativeParagraph {
  readonly section: SectionId | '导语';
  readonly index: number;
  readonly text: string;
  readonly level: number;
  /** The nearest heading above the paragraph inside its section ("（二）依申请公开情况"). */
  readonly heading: string;
}

export function* narrative(
  report: Report,
  sections: readonly (SectionId | '导语')[] = ['导语', ...SECTION_IDS],
): Generator<NarrativeParagraph> {
  for (const section of sections) {
    const paragraphs = section === '导语' ? report.opening : report.sections[section]?.paragraphs;
    if (!paragraphs) continue;
    let heading = '';
    for (const [index, p] of paragraphs.entries()) {
      if (p.level > 0) heading = p.text;
      yield { section, index, text: p.text, level: p.level, heading };
    }
  }
}

/** Splits a paragraph into sentences at 。！？； (keeping the mark). */
export function sentences(text: string): string[] {
  return text.match(/[^。！？；!?;]+[。！？；!?;]*/gu) ?? [];
}

/** Splits a sentence into clauses at commas, enumeration commas and colons. */
export function clauses(sentence: string): string[] {
  return sentence.split(/[，,：:]/u).filter((c) => c.trim());
}

/**
 * The paragraphs of a section the clerk wrote: without the standard outline's sub-headings left
 * untouched (a blank report's template says nothing about the unit's year).
 */
export function writtenParagraphs(report: Report, id: SectionId): Paragraph[] {
  return (report.sections[id]?.paragraphs ?? []).filter(
    (p) => !untouchedOutlineHeading(report.format, id, p),
  );
}

/**
 * All the text a reader sees and the clerk wrote: title, 导语, every section's heading and
 * paragraphs (not the outline's untouched sub-headings), 落款.
 */
export function fullText(report: Report): string {
  const parts = [report.title, ...report.opening.map((p) => p.text)];
  for (const id of SECTION_IDS) {
    const s = report.sections[id];
    if (s) parts.push(s.heading, ...writtenParagraphs(report, id).map((p) => p.text));
  }
  parts.push(report.signature.unit, report.signature.date);
  return parts.join('\n');
}
