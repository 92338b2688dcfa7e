/** Where the window is: the home screen or one report's tab; kept in the URL's hash. */
export type Tab = 'edit' | 'history' | 'print';
export type Route =
  | { readonly name: 'home' }
  | { readonly name: 'report'; readonly unitId: string; readonly year: number; readonly tab: Tab };

const TABS: readonly Tab[] = ['edit', 'history', 'print'];

export function parseRoute(hash: string): Route {
  const m = /^#\/report\/([^/]+)\/(\d{4})(?:\/(\w+))?$/u.exec(hash);
  if (m) {
    const tab = (TABS as readonly string[]).includes(m[3] ?? '') ? (m[3] as Tab) : 'edit';
    return { name: 'report', unitId: decodeURIComponent(m[1]!), year: Number(m[2]), tab };
  }
  return { name: 'home' };
}

function routeHash(route: Route): string {
  return route.name === 'home'
    ? '#/'
    : `#/report/${encodeURIComponent(route.unitId)}/${route.year}/${route.tab}`;
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
