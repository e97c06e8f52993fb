/**
 * The course's pages, kept in the URL hash so every page has a link and the
 * back button works: `#/` the lesson list, `#/lesson/<id>` a lesson
 * (`#/lesson/<id>/<section>` scrolled to one of its sections), `#/done` the
 * score, `#/playground` the free sandbox: `?scenario=<id>` one of the
 * scenarios, `?lesson=<id>` a lesson's, `?s=<encoded>` a shared one.
 */

export type Route =
  | { page: 'home' }
  | { page: 'lesson'; id: string; section: string | null }
  | { page: 'done' }
  | PlaygroundRoute
  | { page: 'not-found'; path: string };

/**
 * The playground and what it opens: a scenario by id (null: the first one),
 * or a lesson's scenario (`lesson`), or a shared one (`shared`, as encoded in
 * the link). A link names one of them; a shared scenario wins over a lesson's,
 * a lesson's over a scenario id.
 */
export interface PlaygroundRoute {
  page: 'playground';
  scenario: string | null;
  lesson?: string;
  shared?: string;
}

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
  if (first === 'playground' && id === undefined) return playgroundRoute(query);
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
      return playgroundHash(route);
    case 'not-found':
      return `#${route.path}`;
  }
}

/** A lesson's address, or one of its sections' (a `##` heading's slug). */
export function lessonHash(id: string, section: string | null = null): string {
  const base = `#/lesson/${encodeURIComponent(id)}`;
  return section === null ? base : `${base}/${encodeURIComponent(section)}`;
}

function playgroundRoute(query: string): PlaygroundRoute {
  const params = new URLSearchParams(query);
  const shared = params.get('s');
  if (shared) return { page: 'playground', scenario: null, shared };
  const lesson = params.get('lesson');
  if (lesson) return { page: 'playground', scenario: null, lesson };
  return { page: 'playground', scenario: params.get('scenario') || null };
}

function playgroundHash(route: PlaygroundRoute): string {
  const [name, value] = route.shared
    ? ['s', route.shared]
    : route.lesson
      ? ['lesson', route.lesson]
      : ['scenario', route.scenario];
  return value === null ? '#/playground' : `#/playground?${new URLSearchParams([[name, value]])}`;
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
