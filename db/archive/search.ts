/**
 * Full-text search over the newest revision of every report, and keeping the index of a
 * report up to date when a revision is added. Terms of three or more characters use the FTS5
 * trigram index; shorter ones (common in Chinese: 公开, 复议) are found through the index's
 * vocabulary or by reading the newest reports, stopping at the limit.
 */
import type { Payload, SearchHit, SearchResult, SnippetPart } from '../../core/api';
import { indexText, type StoredBody } from '../text';
import type { Store } from './store';

/** A short term in at least this many reports is found by reading the newest reports. */
const DENSE_TERM = 2000;

/** Puts a report's newest revision in the index, in place of what was there. */
export function indexReport(s: Store, reportId: number, body: StoredBody): void {
  const text = indexText(body);
  s.stmt('DELETE FROM search WHERE rowid = ?').run(reportId);
  s.stmt('INSERT INTO search (rowid, title, body) VALUES (?, ?, ?)').run(
    reportId,
    text.title,
    text.body,
  );
}

interface SearchRow {
  id: number;
  body: string;
}

export function search(
  s: Store,
  p: Omit<Payload<'search'>, 'limit'> & { limit?: number },
): SearchResult {
  const limit = p.limit ?? 50;
  // the query is matched as written: no NFKC, which would turn the full-width punctuation of
  // Chinese text (，（）：) into ASCII that the reports do not contain
  const terms = p.query
    .split(/\s+/u)
    .map((t) => t.trim())
    .filter(Boolean);
  if (terms.length === 0) return { hits: [], more: false };
  const long = terms.filter((t) => [...t].length >= 3);
  const short = terms.filter((t) => [...t].length < 3);
  // case-insensitive like the trigram index (Latin letters: "PDF", "QQ")
  const shortWhere = short.map((t) =>
    /[A-Za-z]/u.test(t)
      ? '(instr(lower(s.body), ?) > 0 OR instr(lower(s.title), ?) > 0)'
      : '(instr(s.body, ?) > 0 OR instr(s.title, ?) > 0)',
  );
  const shortArgs = short.flatMap((t) => [t.toLowerCase(), t.toLowerCase()]);
  const quote = (t: string) => `"${t.replace(/"/g, '""')}"`;
  // The most recently added reports first (not bm25 over every match: a phrase in all 24,000
  // reports would be ranked in full before the first 50 came back).
  let match: string | null = long.length ? long.map(quote).join(' AND ') : null;
  if (!match) {
    // 1–2 characters: the trigrams that start with the term (every character starts one, see
    // INDEX_END) say which reports contain it. A rare term is looked up through them; a
    // common one is found soonest by reading the newest reports until the page is full.
    let fewest: { trigrams: string[]; docs: number } | null = null;
    for (const t of short) {
      const key = t.toLowerCase();
      const rows = s
        .stmt('SELECT term, doc FROM search_vocab WHERE term >= ? AND term < ?')
        .all(key, `${key}\u{10FFFF}`) as { term: string; doc: number }[];
      if (rows.length === 0) return { hits: [], more: false };
      const docs = rows.reduce((sum, r) => sum + r.doc, 0);
      if (!fewest || docs < fewest.docs) fewest = { trigrams: rows.map((r) => r.term), docs };
    }
    if (fewest && fewest.docs < DENSE_TERM) match = fewest.trigrams.map(quote).join(' OR ');
  }
  const where = [...(match ? ['search MATCH ?'] : []), ...shortWhere].join(' AND ');
  const rows = s.db
    .prepare(
      `SELECT s.rowid AS id, s.body FROM search s WHERE ${where} ORDER BY s.rowid DESC LIMIT ?`,
    )
    .all(...(match ? [match] : []), ...shortArgs, limit + 1) as SearchRow[];
  const more = rows.length > limit;
  const meta = s.stmt(
    'SELECT r.unit_id, r.year, r.title, u.name FROM reports r JOIN units u ON u.id = r.unit_id WHERE r.id = ?',
  );
  const hits = rows.slice(0, limit).map((row): SearchHit => {
    const m = meta.get(row.id) as { unit_id: string; year: number; title: string; name: string };
    return {
      unitId: m.unit_id,
      unitName: m.name,
      year: m.year,
      title: m.title,
      // made here, not by FTS5's snippet(): its window of trigram tokens cuts a phrase of a
      // few characters in half when the phrase is near the start of the text
      snippet: scanSnippet(row.body.trimEnd() || m.title, terms),
    };
  });
  return { hits, more };
}

/** A snippet around the first occurrence of any term, with every occurrence marked. */
function scanSnippet(text: string, terms: readonly string[], radius = 30): SnippetPart[] {
  // case-insensitive, as the trigram index is; the longest term first where several start
  const pattern = new RegExp(
    [...terms]
      .sort((a, b) => b.length - a.length)
      .map((t) => t.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&'))
      .join('|'),
    'giu',
  );
  const first = text.search(pattern);
  const start = Math.max(0, first - radius);
  const end = Math.min(text.length, Math.max(first, 0) + radius * 2);
  const window = text.slice(start, end).replace(/\n/gu, ' ');
  const parts: { text: string; hit: boolean }[] = [];
  if (start > 0) parts.push({ text: '…', hit: false });
  let at = 0;
  for (const m of window.matchAll(pattern)) {
    if (m.index > at) parts.push({ text: window.slice(at, m.index), hit: false });
    parts.push({ text: m[0], hit: true });
    at = m.index + m[0].length;
  }
  if (at < window.length) parts.push({ text: window.slice(at), hit: false });
  if (end < text.length) parts.push({ text: '…', hit: false });
  return parts;
}
