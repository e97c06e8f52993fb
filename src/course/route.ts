/**
 * The course's pages, kept in the URL hash so every page has a link and the
 * back button works: `#/` the lesson list, `#/lesson/<id>` a lesson
 * (`#/lesson/<id>/<section>` scrolled to one of its sections), `#/done` the
 * score, `#/playground?scenario=<id>` the free sandbox.
 */

export type Route =
  | { page: 'home' }
  | { page: 'lesson'; id: string; section: string | null }
  | { page: 'done' }
  | { page: 'playground'; scenario: string | null }
  | { page: 'not-found'; path: string };

/**
 * The page a hash names. A hash that is not a path (`#round-robin`, as a link
 * inside a lesson's text writes it) is an anchor on the current page: null,
 * so the page stays and the browser scrolls. `#scenario=<id>`, the
 * playground's first links, still opens the playground.
 */
export function parseRoute(hash: string): Route | null {
  const text = hash.replace(/^#/, '');
  if (text === '') return { page: 'home' };
  if (!text.startsWith('/')) {
    const legacy = new URLSearchParams(text).get('scenario');
    return legacy === null ? null : { page: 'playground', scenario: legacy || null };
  }
  const [path = '', query = ''] = splitOnce(text, '?');
  const parts = path.split('/').filter((part) => part !== '');
  const segments = parts.map(decode);
  if (segments.some((s) => s === null)) return { page: 'not-found', path };
  const [first, id, section, ...rest] = segments as string[];
  if (first === undefined) return { page: 'home' };
  if (first === 'done' && id === undefined) return { page: 'done' };
  if (first === 'playground' && id === undefined)
    return { page: 'playground', scenario: new URLSearchParams(query).get('scenario') || null };
  if (first === 'lesson' && id !== undefined && rest.length === 0)
    return { page: 'lesson', id, section: section ?? null };
  return { page: 'not-found', path };
}

/** The hash that opens a route; parseRoute reads it back as the same route. */
export function routeHash(route: Route): string {
  switch (route.page) {
    case 'home':
      return '#/';
    case 'done':
      return '#/done';
    case 'lesson':
      return lessonHash(route.id, route.section);
    case 'playground':
      return route.scenario === null
        ? '#/playground'
        : `#/playground?${new URLSearchParams({ scenario: route.scenario })}`;
    case 'not-found':
      return `#${route.path}`;
  }
}

/** A lesson's address, or one of its sections' (a `##` heading's slug). */
export function lessonHash(id: string, section: string | null = null): string {
  const base = `#/lesson/${encodeURIComponent(id)}`;
  return section === null ? base : `${base}/${encodeURIComponent(section)}`;
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + 1)];
}

function decode(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}
