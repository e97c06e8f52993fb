/** ngx_http_headers_module: `add_header` (with `always`) and `expires`. */
import type { ConfigNode } from '../config/node';
import type { Level } from '../conf';
import type { DirectiveDef, DirectiveModule } from '../directive';
import { parseHttpDate } from '../../http/http-date';
import type { EngineResponse, HeaderList } from '../../http/message';
import type { Req } from '../request';
import { fail, parseTime } from './slots';

export interface AddHeader {
  name: string;
  value: string;
  always: boolean;
}

function parseAddHeader(node: ConfigNode): AddHeader {
  const [name, value, always] = node.args as [string, string, string | undefined];
  if (always !== undefined && always !== 'always') fail(node, `invalid parameter "${always}"`);
  return { name, value, always: always === 'always' };
}

/**
 * Statuses `add_header` applies to without `always` (ngx_http_headers_filter):
 * 200, 201, 204, 206, 301, 302, 303, 304, 307, 308.
 */
export const ADD_HEADER_STATUSES = new Set([200, 201, 204, 206, 301, 302, 303, 304, 307, 308]);

/** What `expires` sets (ngx_http_headers_module's ngx_http_set_expires). */
export type Expires =
  | { kind: 'off' | 'epoch' | 'max' }
  /** `access`: from now; `modified`: from the Last-Modified time; `daily`: at a time of day (`@18h`). */
  | { kind: 'access' | 'modified' | 'daily'; seconds: number }
  /** A value with variables, parsed for each response. */
  | { kind: 'variable'; modified: boolean };

/** ngx_http_parse_expires: a time (`1h`, `-1`, `@18h30m`) or `epoch` / `max` / `off`; a string is the error. */
function parseExpiresValue(text: string, modified: boolean): Expires | string {
  if (!modified && (text === 'epoch' || text === 'max' || text === 'off')) return { kind: text };
  let kind: 'access' | 'modified' | 'daily' = modified ? 'modified' : 'access';
  let sign = 1;
  let value = text;
  if (value.startsWith('@')) {
    if (modified) return 'daily time cannot be used with "modified" parameter';
    kind = 'daily';
    value = value.slice(1);
  } else if (value.startsWith('+')) value = value.slice(1);
  else if (value.startsWith('-')) {
    sign = -1;
    value = value.slice(1);
  }
  const ms = value.includes('ms') ? null : parseTime(value);
  if (ms === null) return 'invalid value';
  const seconds = ms / 1000;
  if (kind === 'daily' && seconds > 24 * 60 * 60)
    return 'daily time value must be less than 24 hours';
  return { kind, seconds: sign * seconds };
}

function parseExpires(node: ConfigNode): Expires {
  const modified = node.args.length === 2;
  if (modified && node.args[0] !== 'modified') fail(node, '"expires" directive invalid value');
  const text = node.args[node.args.length - 1]!;
  if (text.includes('$')) return { kind: 'variable', modified };
  const parsed = parseExpiresValue(text, modified);
  if (typeof parsed === 'string') fail(node, `"expires" directive ${parsed}`);
  return parsed;
}

/** The Expires and Cache-Control values for a response, or null when nothing is set. */
function expiresValues(
  conf: Expires,
  res: EngineResponse,
  now: number,
): [expires: string, cacheControl: string] | null {
  switch (conf.kind) {
    case 'off':
    case 'variable':
      return null;
    case 'epoch':
      return ['Thu, 01 Jan 1970 00:00:01 GMT', 'no-cache'];
    case 'max':
      return ['Thu, 31 Dec 2037 23:55:55 GMT', 'max-age=315360000'];
  }
  let maxAge = conf.seconds;
  if (maxAge === 0 && conf.kind !== 'daily') return [httpTime(now), 'max-age=0'];
  let at: number;
  const lastModified =
    conf.kind === 'modified' ? parseHttpDate(headerOf(res.headers, 'last-modified') ?? '') : null;
  if (conf.kind === 'daily') {
    // The next time the clock (UTC in the sandbox) shows that time of day.
    at = now - (now % 86400) + maxAge;
    if (at <= now) at += 86400;
    maxAge = at - now;
  } else if (lastModified === null) {
    at = now + maxAge;
  } else {
    at = lastModified + maxAge;
    maxAge = at - now;
  }
  return [httpTime(at), conf.seconds < 0 || maxAge < 0 ? 'no-cache' : `max-age=${maxAge}`];
}

function httpTime(seconds: number): string {
  return new Date(seconds * 1000).toUTCString();
}

function headerOf(headers: HeaderList, lower: string): string | undefined {
  for (const [n, v] of headers) if (n.toLowerCase() === lower) return v;
  return undefined;
}

/**
 * `expires` in the header filter, for the statuses add_header uses: an
 * Expires or Cache-Control the response has is overwritten in place (the
 * first Cache-Control; the others are dropped), the missing ones are added.
 * Null when `expires` leaves the response alone.
 */
export function applyExpires(
  r: Req,
  level: Level,
  res: EngineResponse,
): { headers: HeaderList; added: HeaderList; values: HeaderList; reason: string } | null {
  const node = level.first('expires');
  if (!node || !ADD_HEADER_STATUSES.has(res.status)) return null;
  let conf = node.value as Expires;
  if (conf.kind === 'variable') {
    const parsed = parseExpiresValue(node.compiled!.get(-1)!.evaluate(r), conf.modified);
    if (typeof parsed === 'string') return null;
    conf = parsed;
  }
  const now = Math.floor((r.clock.epochMs + r.clock.now()) / 1000);
  const values = expiresValues(conf, res, now);
  if (!values) return null;
  const [expires, cacheControl] = values;
  let hasExpires = false;
  let hasCacheControl = false;
  const headers: HeaderList = [];
  for (const h of res.headers) {
    const name = h[0].toLowerCase();
    if (name === 'expires') {
      headers.push([h[0], expires]);
      hasExpires = true;
    } else if (name === 'cache-control') {
      if (!hasCacheControl) headers.push([h[0], cacheControl]);
      hasCacheControl = true;
    } else headers.push(h);
  }
  const added: HeaderList = [];
  if (!hasExpires) added.push(['Expires', expires]);
  if (!hasCacheControl) added.push(['Cache-Control', cacheControl]);
  return {
    headers,
    added,
    values: [
      ['Expires', expires],
      ['Cache-Control', cacheControl],
    ],
    reason: `expires ${node.args.join(' ')} (line ${node.line})`,
  };
}

const directives: DirectiveDef[] = [
  {
    name: 'add_header',
    contexts: ['http', 'server', 'location', 'lif'],
    args: [2, 3],
    values: [1],
    parse: parseAddHeader,
    summary: 'Add a response header (only to successful and redirect responses unless "always").',
  },
  {
    name: 'expires',
    contexts: ['http', 'server', 'location', 'lif'],
    args: [1, 2],
    unique: true,
    parse: parseExpires,
    values: [-1],
    summary: 'Set Expires and Cache-Control max-age on responses.',
  },
];

export const headersModule: DirectiveModule = { name: 'headers', directives };
