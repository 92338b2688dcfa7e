/** Where the window is: the home screen or one report's tab; kept in the URL's hash. */
export type Tab = 'edit' | 'history' | 'print';
export type Route =
  | { readonly name: 'home' }
  | {
      readonly name: 'report';
      readonly unitId: string;
      readonly year: number;
      readonly tab: Tab;
      /** A searched text to show, marked, when the report opens (a search hit). */
      readonly find?: string;
    };

const TABS: readonly Tab[] = ['edit', 'history', 'print'];

export function parseRoute(hash: string): Route {
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
  return route.name === 'home'
    ? '#/'
    : `#/report/${encodeURIComponent(route.unitId)}/${route.year}/${route.tab}${
        route.find ? `?find=${encodeURIComponent(route.find)}` : ''
      }`;
}

export function navigate(route: Route): void {
  const hash = routeHash(route);
  if (location.hash !== hash) location.hash = hash;
}

/** The clerk's name, recorded as the author of revisions (kept in this browser profile). */
export function author(): string {
  return localStorage.getItem('nianbao.author') ?? '';
}
export function setAuthor(name: string): void {
  localStorage.setItem('nianbao.author', name.trim());
}
