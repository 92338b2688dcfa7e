/** What the archive indexes for search: the text of a stored revision. */
import { SECTION_IDS } from '../core/formats';
import type { Report } from '../core/model';

/** The body of a text-only document (a year before 2019). */
export interface LegacyBody {
  readonly legacy: true;
  readonly title: string;
  readonly text: string;
}

export type StoredBody = Report | LegacyBody;

export function isLegacyBody(body: StoredBody): body is LegacyBody {
  return (body as LegacyBody).legacy === true;
}

/** The title and the whole text of a report (headings, paragraphs, 落款), for the index. */
export function reportText(body: StoredBody): { title: string; body: string } {
  if (isLegacyBody(body)) return { title: body.title, body: body.text };
  const lines: string[] = [];
  for (const p of body.opening) lines.push(p.text);
  for (const id of SECTION_IDS) {
    const section = body.sections[id];
    if (!section) continue;
    if (section.heading) lines.push(section.heading);
    for (const p of section.paragraphs) lines.push(p.text);
  }
  lines.push(body.signature.unit, body.signature.date);
  return { title: body.title, body: lines.filter(Boolean).join('\n') };
}

/** reportText of a stored JSON body. */
export function searchText(json: string): { title: string; body: string } {
  return reportText(JSON.parse(json) as StoredBody);
}

/**
 * Every indexed column ends with this, so that each character of the text, the last ones
 * included, starts a trigram: a 1–2 character query is then found through the trigram
 * vocabulary (Archive.search) instead of by reading every text.
 */
export const INDEX_END = '\n\n';

/** The title and body as they go into the search index. */
export function indexText(body: StoredBody): { title: string; body: string } {
  const text = reportText(body);
  return { title: text.title + INDEX_END, body: text.body + INDEX_END };
}
