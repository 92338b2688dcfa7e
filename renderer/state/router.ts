/** Where the window is: the home screen or one report's tab; kept in the URL's hash. */
export type Tab = 'edit' | 'history' | 'print';
/** One report of the archive: a side of a comparison. */
export interface ReportRef {
  readonly unitId: string;
  readonly year: number;
}
export type Route =
  | { readonly name: 'home' }
  | {
      readonly name: 'report';
      readonly unitId: string;
      readonly year: number;
      readonly tab: Tab;
      /** A searched text to show, marked, when the report opens (a search hit). */
      readonly find?: string;
    }
  | { readonly name: 'compare'; readonly a: ReportRef | null; readonly b: ReportRef | null }
  | { readonly name: 'trends'; readonly unitId: string }
  | { readonly name: 'settings' }
  // County office (issue 15): a parent unit's submissions dashboard for a year
  | { readonly name: 'office'; readonly unitId: string; readonly year: number }
  /** 汇总: a parent unit's year filled from its members (issue 15). */
  | { readonly name: 'aggregate'; readonly unitId: string; readonly year: number }
  /** Importing exchange files (issue 15); from a dashboard, `office` is where to go back. */
  | { readonly name: 'exchange'; readonly office?: ReportRef };

const TABS: readonly Tab[] = ['edit', 'history', 'print'];

const refOf = (text: string | undefined): ReportRef | null => {
  const m = /^(.+)\/(\d{4})$/u.exec(text ?? '');
  return m ? { unitId: m[1]!, year: Number(m[2]) } : null; // URLSearchParams decoded it
};
const refText = (ref: ReportRef | null): string =>
  ref ? `${encodeURIComponent(ref.unitId)}/${ref.year}` : '';

export function parseRoute(hash: string): Route {
  const c = /^#\/compare(?:\?(.*))?$/u.exec(hash);
  if (c) {
    const q = new URLSearchParams(c[1] ?? '');
    return { name: 'compare', a: refOf(q.get('a') ?? ''), b: refOf(q.get('b') ?? '') };
  }
  const g = /^#\/office\/([^/]+)\/(\d{4})\/aggregate$/u.exec(hash);
  if (g) return { name: 'aggregate', unitId: decodeURIComponent(g[1]!), year: Number(g[2]) };
  if (hash === '#/settings') return { name: 'settings' };
  const x = /^#\/exchange(?:\?office=(.*))?$/u.exec(hash);
  if (x) {
    const office = refOf(decodeURIComponent(x[1] ?? ''));
    return office ? { name: 'exchange', office } : { name: 'exchange' };
  }
  const o = /^#\/office\/([^/]+)\/(\d{4})$/u.exec(hash);
  if (o) return { name: 'office', unitId: decodeURIComponent(o[1]!), year: Number(o[2]) };
  const t = /^#\/trends\/([^/]+)$/u.exec(hash);
  if (t) return { name: 'trends', unitId: decodeURIComponent(t[1]!) };
  const m = /^#\/report\/([^/?]+)\/(\d{4})(?:\/(\w+))?(?:\?find=([^&]*))?$/u.exec(hash);
  if (m) {
    const tab = (TABS as readonly string[]).includes(m[3] ?? '') ? (m[3] as Tab) : 'edit';
    const unitId = decodeURIComponent(m[1]!);
    const find = m[4] ? decodeURIComponent(m[4]) : '';
    return { name: 'report', unitId, year: Number(m[2]), tab, ...(find ? { find } : {}) };
  }
  return { name: 'home' };
}

function routeHash(route: Route): string {
  switch (route.name) {
    case 'home':
      return '#/';
    case 'compare':
      return `#/compare?a=${refText(route.a)}&b=${refText(route.b)}`;
    case 'trends':
      return `#/trends/${encodeURIComponent(route.unitId)}`;
    case 'aggregate':
      return `#/office/${encodeURIComponent(route.unitId)}/${route.year}/aggregate`;
    case 'settings':
      return '#/settings';
    case 'exchange':
      return route.office ? `#/exchange?office=${refText(route.office)}` : '#/exchange';
    case 'office':
      return `#/office/${encodeURIComponent(route.unitId)}/${route.year}`;
    default:
      return `#/report/${encodeURIComponent(route.unitId)}/${route.year}/${route.tab}${
        route.find ? `?find=${encodeURIComponent(route.find)}` : ''
      }`;
  }
}

export function navigate(route: Route): void {
  const hash = routeHash(route);
  if (location.hash !== hash) location.hash = hash;
}

/**
 * The clerk's name (操作人), recorded as the author of revisions, decisions and 定稿 (kept in
 * this browser profile). Read at the moment of each action, so a name typed while a report is
 * open signs the next change.
 */
export function author(): string {
  return localStorage.getItem('nianbao.author') ?? '';
}
/** The event on `window` after the name changed (the title bar's field follows it). */
export const AUTHOR_EVENT = 'nianbao-author';
export function setAuthor(name: string): void {
  localStorage.setItem('nianbao.author', name.trim());
  window.dispatchEvent(new Event(AUTHOR_EVENT));
}
