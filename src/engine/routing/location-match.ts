/**
 * nginx's location search (ngx_http_core_find_location): the longest prefix,
 * `=` ends the search, `^~` skips the regexes, nested locations are searched
 * inside the longest prefix first, then the regexes of the level in order.
 */
import type { LocationConf, LocationTree } from '../conf';
import type { LocationCandidate } from '../trace';

export interface LocationMatch {
  location: LocationConf | null;
  /** The URI plus `/` names a proxied location: nginx answers 301 to it. */
  redirectTo: LocationConf | null;
  captures: string[] | null;
  groups: Record<string, string> | null;
  reason: string;
  candidates: LocationCandidate[];
}

interface Search {
  location: LocationConf | null;
  final: boolean;
  redirect: LocationConf | null;
  captures: string[] | null;
  groups: Record<string, string> | null;
  reason: string;
}

const candidateCache = new WeakMap<
  LocationConf,
  readonly [miss: LocationCandidate, hit: LocationCandidate]
>();

/** The trace's entry for a location that was checked; made once per location, shared by every request. */
function candidate(loc: LocationConf, matched: boolean): LocationCandidate {
  let pair = candidateCache.get(loc);
  if (!pair) {
    const base = {
      location: loc.label,
      line: loc.line,
      modifier: loc.modifier === '@' ? '' : loc.modifier,
    };
    pair = [Object.freeze({ ...base, matched: false }), Object.freeze({ ...base, matched: true })];
    candidateCache.set(loc, pair);
  }
  return pair[matched ? 1 : 0];
}

function searchLevel(tree: LocationTree, uri: string, candidates: LocationCandidate[]): Search {
  let best: LocationConf | null = null;
  for (const loc of tree.prefix) {
    if (loc.modifier === '=') {
      const hit = uri === loc.name;
      candidates.push(candidate(loc, hit));
      if (hit)
        return {
          location: loc,
          final: true,
          redirect: null,
          captures: null,
          groups: null,
          reason: `exact match = ${loc.name} ends the search`,
        };
      continue;
    }
    const hit = uri.startsWith(loc.name);
    candidates.push(candidate(loc, hit));
    if (hit && (best === null || loc.name.length > best.name.length)) best = loc;
  }
  const redirect =
    tree.prefix.find(
      (l) =>
        l.autoRedirect &&
        l.name.length === uri.length + 1 &&
        l.name.endsWith('/') &&
        l.name.startsWith(uri),
    ) ?? null;
  if (redirect && best?.name !== uri) {
    return {
      location: redirect,
      final: true,
      redirect,
      captures: null,
      groups: null,
      reason: `${uri} names the proxied location ${redirect.name} without its trailing slash`,
    };
  }
  let result: Search = {
    location: best,
    final: false,
    redirect: null,
    captures: null,
    groups: null,
    reason: best ? `longest prefix ${best.label}` : 'no location matches',
  };
  if (best) {
    const nested = searchLevel(best.children, uri, candidates);
    if (nested.final) return nested;
    if (nested.location) result = nested;
    if (best.modifier === '^~')
      return { ...result, final: true, reason: `${result.reason}; ^~ skips the regex locations` };
  }
  for (const loc of tree.regex) {
    const m = loc.regex!.exec(uri);
    candidates.push(candidate(loc, m !== null));
    if (m) {
      const inner = searchLevel(loc.children, uri, candidates);
      const captures = [...m].map((x) => x ?? '');
      const groups = m.groups
        ? Object.fromEntries(Object.entries(m.groups).map(([k, v]) => [k, v ?? '']))
        : null;
      const reason = `regex ${loc.label} is the first that matches${best ? ` (checked after the longest prefix ${best.label})` : ''}`;
      if (inner.location)
        return {
          ...inner,
          final: true,
          captures: inner.captures ?? captures,
          groups: inner.groups ?? groups,
        };
      return { location: loc, final: true, redirect: null, captures, groups, reason };
    }
  }
  return result;
}

export function findLocation(tree: LocationTree, uri: string): LocationMatch {
  const candidates: LocationCandidate[] = [];
  const s = searchLevel(tree, uri, candidates);
  return {
    location: s.location,
    redirectTo: s.redirect,
    captures: s.captures,
    groups: s.groups,
    reason: s.reason,
    candidates,
  };
}
