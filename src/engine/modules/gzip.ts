/**
 * ngx_http_gzip_filter_module, with the gzip directives nginx keeps in its
 * core module (gzip_vary, gzip_proxied, gzip_disable, gzip_http_version):
 * which responses are compressed, for which requests, and how the headers
 * change when one is.
 */
import type { ConfigNode } from '../config/node';
import type { Level } from '../conf';
import type { DirectiveDef, DirectiveModule } from '../directive';
import { parseHttpDate } from '../../http/http-date';
import { headerValue, type EngineResponse, type HeaderList } from '../../http/message';
import type { BodyFilter, PhaseContext } from '../phases';
import { compileRegex } from '../regex';
import { emit, type Req } from '../request';
import { levelOf } from '../response';
import { streamGzip } from './gzip-compress';
import { fail, flag, num, oneOf, parseSize, size } from './slots';

/** gzip_proxied flags (NGX_HTTP_GZIP_PROXIED_*). */
const PROXIED: Record<string, number> = {
  off: 0x0002,
  expired: 0x0004,
  'no-cache': 0x0008,
  'no-store': 0x0010,
  private: 0x0020,
  no_last_modified: 0x0040,
  no_etag: 0x0080,
  auth: 0x0100,
  any: 0x0200,
};

interface DisableConf {
  patterns: { text: string; regex: RegExp }[];
  msie6: boolean;
}

function parseProxied(node: ConfigNode): number {
  let mask = 0;
  for (const arg of node.args) {
    const bit = PROXIED[arg.toLowerCase()];
    if (bit === undefined) fail(node, `invalid value "${arg}"`);
    mask |= bit;
  }
  return mask;
}

function parseDisable(node: ConfigNode): DisableConf {
  const conf: DisableConf = { patterns: [], msie6: false };
  for (const text of node.args) {
    if (text === 'msie6') conf.msie6 = true;
    else conf.patterns.push({ text, regex: compileRegex(text, true, node) });
  }
  return conf;
}

function compLevel(node: ConfigNode): number {
  const n = num(node);
  if (n < 1 || n > 9) fail(node, 'value must be between 1 and 9');
  return n;
}

/** ngx_conf_set_bufs_slot: a count and a size, neither zero. */
function buffers(node: ConfigNode): null {
  const [count, bytes] = node.args as [string, string];
  if (!/^\d+$/.test(count) || Number(count) === 0 || !parseSize(bytes))
    fail(node, `"${node.directive}" directive invalid value`);
  return null;
}

/** gzip_window / gzip_hash: a power of two from 512 bytes up to `max`, with nginx's list in the message. */
function powerOfTwo(max: number, names: string) {
  return (node: ConfigNode): number => {
    const n = size(node);
    if (n < 512 || n > max || (n & (n - 1)) !== 0)
      fail(node, `"${node.directive}" directive must be ${names}`);
    return n;
  };
}

const LEVELS = ['http', 'server', 'location'] as const;

const directives: DirectiveDef[] = [
  {
    name: 'gzip',
    contexts: ['http', 'server', 'location', 'lif'],
    args: 'flag',
    unique: true,
    parse: flag,
    summary: 'Compress responses with gzip.',
  },
  {
    name: 'gzip_types',
    contexts: LEVELS,
    args: { min: 1 },
    parse: (node) => node.args.map((t) => t.toLowerCase()),
    summary: 'Content types to compress besides text/html (`*` for all).',
  },
  {
    name: 'gzip_min_length',
    contexts: LEVELS,
    args: [1],
    unique: true,
    parse: size,
    summary: 'Smallest response (by Content-Length) to compress; 20 by default.',
  },
  {
    name: 'gzip_comp_level',
    contexts: LEVELS,
    args: [1],
    unique: true,
    parse: compLevel,
    summary: 'Compression level 1–9 (1 by default).',
  },
  {
    name: 'gzip_proxied',
    contexts: LEVELS,
    args: { min: 1 },
    parse: parseProxied,
    summary: 'Whether to compress for requests that came through a proxy (with Via).',
  },
  {
    name: 'gzip_vary',
    contexts: LEVELS,
    args: 'flag',
    unique: true,
    parse: flag,
    summary: 'Add Vary: Accept-Encoding to responses gzip could compress.',
  },
  {
    name: 'gzip_disable',
    contexts: LEVELS,
    args: { min: 1 },
    parse: parseDisable,
    summary: 'No gzip for User-Agents matching a regex (or `msie6`).',
  },
  {
    name: 'gzip_http_version',
    contexts: LEVELS,
    args: [1],
    unique: true,
    parse: oneOf(['1.0', '1.1'] as const),
    summary: 'Lowest HTTP version of requests to compress for (1.1 by default).',
  },
  {
    name: 'gzip_buffers',
    contexts: LEVELS,
    args: [2],
    unique: true,
    parse: buffers,
    summary: 'Number and size of compression buffers (no effect in the sandbox).',
  },
  {
    name: 'gzip_window',
    contexts: LEVELS,
    args: [1],
    unique: true,
    parse: powerOfTwo(32 * 1024, '512, 1k, 2k, 4k, 8k, 16k, or 32k'),
    summary: 'zlib window size (no effect in the sandbox).',
  },
  {
    name: 'gzip_hash',
    contexts: LEVELS,
    args: [1],
    unique: true,
    parse: powerOfTwo(128 * 1024, '512, 1k, 2k, 4k, 8k, 16k, 32k, 64k, or 128k'),
    summary: 'zlib memory for the hash (no effect in the sandbox).',
  },
  {
    name: 'gzip_no_buffer',
    contexts: LEVELS,
    args: 'flag',
    unique: true,
    parse: flag,
    summary: 'Obsolete buffering switch, accepted and ignored as nginx does.',
  },
];

/** What the gzip directives in effect at one level say, worked out once per level. */
interface GzipConf {
  /** Lower-cased types; null for `gzip_types *`. */
  types: ReadonlySet<string> | null;
  minLength: number;
  compLevel: number;
  proxied: number;
  vary: boolean;
  disable: readonly { text: string; regex: RegExp }[];
  msie6: boolean;
  minVersion: '1.0' | '1.1';
}

const confs = new WeakMap<Level, GzipConf>();

function confOf(level: Level): GzipConf {
  let conf = confs.get(level);
  if (conf) return conf;
  const typeNodes = level.all('gzip_types');
  let types: Set<string> | null = new Set(['text/html']);
  for (const node of typeNodes)
    for (const t of node.value as string[]) {
      if (t === '*') types = null;
      types?.add(t);
    }
  let proxied = 0;
  for (const node of level.all('gzip_proxied')) proxied |= node.value as number;
  conf = {
    types,
    minLength: level.value<number>('gzip_min_length') ?? 20,
    compLevel: level.value<number>('gzip_comp_level') ?? 1,
    proxied: proxied || PROXIED.off!,
    vary: level.value<boolean>('gzip_vary') === true,
    disable: level.all('gzip_disable').flatMap((n) => (n.value as DisableConf).patterns),
    msie6: msie6Disabled(level),
    minVersion: level.value<'1.0' | '1.1'>('gzip_http_version') ?? '1.1',
  };
  confs.set(level, conf);
  return conf;
}

/**
 * nginx merges `gzip_disable msie6` apart from the regexes: a level whose
 * gzip_disable lines only list regexes still inherits msie6 from outside.
 */
function msie6Disabled(level: Level): boolean {
  for (let l: Level | null = level; l; l = l.parent) {
    const nodes = l.all('gzip_disable');
    if (nodes.length === 0) return false;
    // The nearest level's list is shared with the levels inside it: a new list means this level wrote one.
    const own = nodes !== l.parent?.all('gzip_disable');
    if (own && nodes.some((n) => (n.value as DisableConf).msie6)) return true;
  }
  return false;
}

/**
 * The gzip body filter. Whether a response may be compressed depends first
 * on the response (status, encoding, length, type: then `gzip_vary` adds
 * its Vary header whatever the client), then on the request (Accept-Encoding,
 * User-Agent, HTTP version, Via and gzip_proxied).
 */
export const gzipFilter: BodyFilter = (r, response, ctx) => {
  const level = levelOf(r);
  if (level.value<boolean>('gzip') !== true) return response;
  return gzip(r, response, confOf(level), ctx);
};

async function gzip(
  r: Req,
  res: EngineResponse,
  conf: GzipConf,
  ctx: PhaseContext,
): Promise<EngineResponse> {
  const refused = responseRefusal(res, conf);
  if (refused) return notCompressed(r, res, conf, refused, false);
  const headers = res.headers.slice();
  if (conf.vary) addVary(headers);
  const declined = requestRefusal(r, res, conf);
  if (declined) {
    const out = { ...res, headers };
    r.headersOut = headers;
    return notCompressed(r, out, conf, declined, conf.vary);
  }
  for (let i = headers.length - 1; i >= 0; i--) {
    const name = headers[i]![0].toLowerCase();
    if (name === 'content-length' || name === 'accept-ranges') headers.splice(i, 1);
    else if (name === 'etag') {
      // ngx_http_weak_etag: the compressed bytes differ, so a strong validator becomes weak.
      const etag = headers[i]![1];
      if (etag.startsWith('"')) headers[i] = [headers[i]![0], 'W/' + etag];
      else if (!etag.startsWith('W/')) headers.splice(i, 1);
    }
  }
  headers.push(['Content-Encoding', 'gzip']);
  r.headersOut = headers;
  const before = res.body.length;
  if (r.method === 'HEAD') {
    emit(r, {
      type: 'compress',
      compressed: true,
      sizeBefore: 0,
      sizeAfter: 0,
      ratio: null,
      level: conf.compLevel,
      vary: conf.vary,
      reason: 'HEAD request: the headers announce gzip as they would for GET, and no body is sent',
    });
    return { ...res, headers };
  }
  const body = await (ctx.gzip ?? streamGzip)(res.body, conf.compLevel);
  const ratio = body.length ? Math.round((before / body.length) * 100) / 100 : null;
  emit(r, {
    type: 'compress',
    compressed: true,
    sizeBefore: before,
    sizeAfter: body.length,
    ratio,
    level: conf.compLevel,
    vary: conf.vary,
    reason: `compressed ${before} → ${body.length} bytes (ratio ${ratio}); Content-Length is dropped and Content-Encoding: gzip added`,
  });
  r.gzipSizes = { in: before, out: body.length };
  return { ...res, headers, body };
}

function notCompressed(
  r: Req,
  res: EngineResponse,
  conf: GzipConf,
  reason: string,
  vary: boolean,
): EngineResponse {
  emit(r, {
    type: 'compress',
    compressed: false,
    sizeBefore: res.body.length,
    sizeAfter: null,
    ratio: null,
    level: conf.compLevel,
    vary,
    reason: vary ? `${reason} (gzip_vary still adds Vary: Accept-Encoding)` : reason,
  });
  return res;
}

/**
 * nginx writes its own `Vary: Accept-Encoding` before the headers from the
 * response's list, so it comes before a Vary the backend or add_header sent.
 */
function addVary(headers: HeaderList): void {
  const at = headers.findIndex(([n]) => n.toLowerCase() === 'vary');
  if (at === -1) headers.push(['Vary', 'Accept-Encoding']);
  else headers.splice(at, 0, ['Vary', 'Accept-Encoding']);
}

/** The response-side conditions (ngx_http_gzip_header_filter), or null when they hold. */
function responseRefusal(res: EngineResponse, conf: GzipConf): string | null {
  if (res.status !== 200 && res.status !== 403 && res.status !== 404)
    return `status ${res.status}: gzip only compresses 200, 403 and 404 responses`;
  const encoding = headerValue(res.headers, 'content-encoding');
  if (encoding) return `the response is already encoded (Content-Encoding: ${encoding})`;
  const length = headerValue(res.headers, 'content-length');
  if (length !== undefined && Number(length) < conf.minLength)
    return `Content-Length ${length} is below gzip_min_length ${conf.minLength}`;
  if (conf.types === null) return null;
  const type = headerValue(res.headers, 'content-type');
  if (type === undefined) return 'the response has no Content-Type, and gzip_types is not *';
  if (!conf.types.has(mimeType(type)))
    return `Content-Type ${type} is not in gzip_types (${[...conf.types].join(' ')})`;
  return null;
}

/**
 * The part of a Content-Type nginx compares with gzip_types: lower-cased,
 * cut before a `; charset=` parameter. Other parameters stay part of it, so
 * `text/plain; foo=1` matches no listed type (ngx_http_upstream_copy_content_type).
 */
function mimeType(value: string): string {
  for (let i = value.indexOf(';'); i !== -1; i = value.indexOf(';', i + 1)) {
    let p = i + 1;
    while (value[p] === ' ') p++;
    if (value.slice(p, p + 8).toLowerCase() === 'charset=') return value.slice(0, i).toLowerCase();
  }
  return value.toLowerCase();
}

/** The request-side conditions (ngx_http_gzip_ok), in nginx's order, or null when they hold. */
function requestRefusal(r: Req, res: EngineResponse, conf: GzipConf): string | null {
  const ae = r.headersIn.get('accept-encoding')?.[0];
  if (ae === undefined) return 'the client sent no Accept-Encoding';
  if (!acceptsGzip(ae)) return `Accept-Encoding "${ae}" does not accept gzip`;
  const ua = r.headersIn.get('user-agent')?.[0];
  if (conf.msie6 && ua !== undefined && isMsie6(ua))
    return 'gzip_disable msie6: the User-Agent is Internet Explorer 4 to 6';
  if (r.incoming.httpVersion < conf.minVersion)
    return `HTTP/${r.incoming.httpVersion} request, below gzip_http_version ${conf.minVersion}`;
  if (r.headersIn.has('via')) {
    const why = proxiedRefusal(r, res, conf.proxied);
    if (why) return `the request came through a proxy (Via): ${why}`;
  }
  if (ua !== undefined)
    for (const p of conf.disable)
      if (p.regex.test(ua)) return `gzip_disable "${p.text}" matches the User-Agent`;
  return null;
}

/** ngx_http_gzip_accept_encoding: the first `gzip` token, unless its q is 0 (or malformed). */
export function acceptsGzip(ae: string): boolean {
  if (ae.length < 4) return false;
  if (ae.startsWith('gzip,')) return true;
  const lower = ae.toLowerCase();
  let start = 0;
  let p: number;
  for (;;) {
    p = lower.indexOf('gzip', start);
    if (p === -1) return false;
    if (p === start || lower[p - 1] === ',' || lower[p - 1] === ' ') break;
    start = p + 4;
  }
  p += 4;
  while (p < ae.length) {
    const c = ae[p++];
    if (c === ',') return true;
    if (c === ';') {
      while (p < ae.length) {
        const q = ae[p++];
        if (q === 'q' || q === 'Q') {
          if (p + 2 > ae.length || ae[p++] !== '=') return false;
          return quantity(ae, p) !== 0;
        }
        if (q !== ' ') return false;
      }
      return true;
    }
    if (c !== ' ') return false;
  }
  return true;
}

/** ngx_http_gzip_quantity: q in hundredths, 0 for anything it does not read (the digits after the dot are summed, as nginx does). */
function quantity(s: string, p: number): number {
  let c = s[p++];
  if (c !== '0' && c !== '1') return 0;
  let q = c === '1' ? 100 : 0;
  if (p === s.length) return q;
  c = s[p++];
  if (c === ',' || c === ' ') return q;
  if (c !== '.') return 0;
  let n = 0;
  while (p < s.length) {
    c = s[p++]!;
    if (c === ',' || c === ' ') break;
    if (c >= '0' && c <= '9') {
      q += c.charCodeAt(0) - 48;
      n++;
      continue;
    }
    return 0;
  }
  return q > 100 || n > 3 ? 0 : q;
}

/** nginx's msie6 flag (ngx_http_process_user_agent): MSIE 4 and 5, and 6 without SV1, but not Opera. */
function isMsie6(ua: string): boolean {
  if (ua.includes('Opera')) return false;
  const i = ua.indexOf('MSIE ');
  if (i === -1 || i + 7 >= ua.length || ua[i + 6] !== '.') return false;
  const major = ua[i + 5];
  return major === '4' || major === '5' || (major === '6' && ua.indexOf('SV1', i + 8) === -1);
}

/**
 * gzip_proxied for a request with Via, judged on the response: null when
 * compressing is allowed. Expires is looked at first, then Cache-Control;
 * a response with neither passes unless no_last_modified / no_etag object.
 */
function proxiedRefusal(r: Req, res: EngineResponse, mask: number): string | null {
  if (mask & PROXIED.off!) return 'gzip_proxied is off';
  if (mask & PROXIED.any!) return null;
  if (mask & PROXIED.auth! && r.headersIn.has('authorization')) return null;
  const expires = lastHeader(res.headers, 'expires');
  if (expires !== undefined) {
    if (!(mask & PROXIED.expired!))
      return 'the response has Expires and gzip_proxied does not list expired';
    const at = parseHttpDate(expires);
    if (at === null) return `Expires "${expires}" is not a date`;
    const date = parseHttpDate(lastHeader(res.headers, 'date') ?? '');
    const now = date ?? Math.floor((r.clock.epochMs + r.clock.now()) / 1000);
    if (at < now) return null;
    return 'gzip_proxied expired, but Expires is not in the past';
  }
  const cacheControl = res.headers.filter(([n]) => n.toLowerCase() === 'cache-control');
  if (cacheControl.length) {
    for (const token of ['no-cache', 'no-store', 'private'])
      if (mask & PROXIED[token]! && cacheControl.some(([, v]) => hasToken(v, token))) return null;
    return `Cache-Control "${cacheControl.map(([, v]) => v).join(', ')}" has none of the tokens gzip_proxied lists`;
  }
  if (mask & PROXIED.no_last_modified! && headerValue(res.headers, 'last-modified') !== undefined)
    return 'gzip_proxied no_last_modified, and the response has Last-Modified';
  if (mask & PROXIED.no_etag! && headerValue(res.headers, 'etag') !== undefined)
    return 'gzip_proxied no_etag, and the response has ETag';
  return null;
}

function lastHeader(headers: HeaderList, name: string): string | undefined {
  for (let i = headers.length - 1; i >= 0; i--)
    if (headers[i]![0].toLowerCase() === name) return headers[i]![1];
  return undefined;
}

/**
 * ngx_http_parse_multi_header_lines: `token` starts a comma-separated item
 * (case-insensitively) and only spaces follow it before the next comma.
 */
function hasToken(value: string, token: string): boolean {
  let start = 0;
  while (start < value.length) {
    if (value.slice(start, start + token.length).toLowerCase() === token) {
      let p = start + token.length;
      while (p < value.length && value[p] === ' ') p++;
      if (p === value.length || value[p] === ',') return true;
    }
    while (start < value.length && value[start] !== ',') start++;
    start++;
    while (start < value.length && value[start] === ' ') start++;
  }
  return false;
}

export const gzipModule: DirectiveModule = { name: 'gzip', directives, bodyFilter: gzipFilter };
