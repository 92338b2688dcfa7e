/**
 * Where findings are (core/places.ts: placeText, byReadingOrder) and where a searched text
 * first occurs in a report.
 */
import { SECTION_IDS } from '../../core/formats';
import type { Location, Report } from '../../core/model';

export { placeText, byReadingOrder } from '../../core/places';

/** Where a searched text first occurs in the report's text: the paragraph and the range in it. */
export interface TextHit {
  readonly location: Location;
  readonly start: number;
  readonly end: number;
}

/**
 * The first occurrence of `text` in the 导语 and the sections' paragraphs, in reading order
 * (a search hit opened in the editor); null when the text is not there (or only in the title or
 * a table).
 */
export function findText(report: Report, text: string): TextHit | null {
  const needle = text.trim();
  if (!needle) return null;
  const places: [Location['section'], readonly { text: string }[]][] = [
    ['导语', report.opening],
    ...SECTION_IDS.map((id): [Location['section'], readonly { text: string }[]] => [
      id,
      report.sections[id]?.paragraphs ?? [],
    ]),
  ];
  for (const [section, paragraphs] of places) {
    for (const [paragraph, p] of paragraphs.entries()) {
      const start = p.text.indexOf(needle);
      if (start >= 0)
        return { location: { section, paragraph }, start, end: start + needle.length };
    }
  }
  return null;
}
