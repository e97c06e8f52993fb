/**
 * The proxy cache's directives (the `proxy_cache*` part of
 * ngx_http_proxy_module and ngx_http_file_cache_set_slot), with the messages
 * `nginx -t` gives for bad values.
 */
import type { ConfigNode } from '../config/node';
import type { DirectiveDef, DirectiveModule, HttpBuild, ParseContext } from '../directive';
import { ConfigError } from '../errors';
import { addSharedZone } from '../modules/shared-zones';
import { fail, flag, msec, num, parseSize, parseTime } from '../modules/slots';

/** What `proxy_cache_path` declares: a keys zone and the limits of its storage. */
export interface ZoneDef {
  name: string;
  /** The directory, as nginx prints it (relative to the prefix when written so, no trailing `/`). */
  path: string;
  /** Bytes of shared memory for keys: nginx fits 32 keys in each 4 KB page. */
  keysZoneSize: number;
  /** Seconds an entry may go unrequested before the cache manager removes it. */
  inactive: number;
  /** Bytes of stored bodies allowed; 0 for no limit. */
  maxSize: number;
  line: number;
  file: string;
}

/** One `proxy_cache_valid` rule; status 0 stands for `any`. */
export interface ValidRule {
  status: number;
  seconds: number;
}

/** Every argument of a directive that takes a list of values with variables. */
const ALL_ARGS = Array.from({ length: 64 }, (_, i) => i);

const LEVELS = ['http', 'server', 'location'] as const;

const DEFAULT_INACTIVE = 600;
const PAGE_SIZE = 4096;

/** nginx's time syntax in seconds (ngx_parse_time with is_sec): `ms` is not a unit here. */
export function parseSeconds(text: string): number | null {
  if (text.includes('ms')) return null;
  const ms = parseTime(text);
  return ms === null ? null : Math.floor(ms / 1000);
}

/** `levels=1:2`: up to three levels of one or two hex digits each. */
const LEVELS_SYNTAX = /^(?:[12](?::[12]){0,2})?$/;
const MANAGER_TIMES = ['manager_sleep', 'manager_threshold', 'loader_sleep', 'loader_threshold'];
const MANAGER_COUNTS = ['manager_files', 'loader_files'];

function parseCachePath(node: ConfigNode, ctx: ParseContext): ZoneDef {
  const path = node.args[0]!.replace(/\/$/, '');
  let name = '';
  let keysZoneSize = 0;
  let inactive = DEFAULT_INACTIVE;
  let maxSize = 0;
  for (const param of node.args.slice(1)) {
    const eq = param.indexOf('=');
    const key = eq === -1 ? param : param.slice(0, eq);
    const value = param.slice(eq + 1);
    if (eq === -1) fail(node, `invalid parameter "${param}"`);
    if (key === 'levels') {
      if (!LEVELS_SYNTAX.test(value)) fail(node, `invalid "levels" "${param}"`);
    } else if (key === 'use_temp_path') {
      if (value !== 'on' && value !== 'off')
        fail(node, `invalid use_temp_path value "${param}", it must be "on" or "off"`);
    } else if (key === 'keys_zone') {
      const colon = value.indexOf(':');
      const size = colon === -1 ? null : parseSize(value.slice(colon + 1));
      if (size === null) fail(node, `invalid keys zone size "${param}"`);
      if (size < 2 * PAGE_SIZE) fail(node, `keys zone "${param}" is too small`);
      name = value.slice(0, colon);
      keysZoneSize = size;
    } else if (key === 'inactive') {
      const seconds = parseSeconds(value);
      if (seconds === null) fail(node, `invalid inactive value "${param}"`);
      inactive = seconds;
    } else if (key === 'max_size' || key === 'min_free') {
      const size = parseSize(value);
      if (size === null) fail(node, `invalid ${key} value "${param}"`);
      if (key === 'max_size') maxSize = size;
    } else if (MANAGER_COUNTS.includes(key)) {
      if (!/^\d+$/.test(value)) fail(node, `invalid ${key} value "${param}"`);
    } else if (MANAGER_TIMES.includes(key)) {
      if (parseTime(value) === null) fail(node, `invalid ${key} value "${param}"`);
    } else {
      fail(node, `invalid parameter "${param}"`);
    }
  }
  if (name === '' || keysZoneSize === 0)
    fail(node, '"proxy_cache_path" must have "keys_zone" parameter');
  for (const other of ctx.siblings) {
    if (other.directive !== 'proxy_cache_path' || other === node) continue;
    const def = other.value as ZoneDef;
    if (def.path === path)
      fail(node, `the same path name "${path}" used in ${def.file}:${def.line} and`);
  }
  const zone = addSharedZone(node, ctx, name, keysZoneSize, 'proxy_cache');
  if (zone.definedBy) fail(node, `duplicate zone "${name}"`);
  zone.definedBy = node;
  return {
    name,
    path,
    keysZoneSize,
    inactive,
    maxSize,
    line: node.line,
    file: node.file,
  };
}

/** `proxy_cache NAME` names a zone (declaring it without a size until a proxy_cache_path gives one). */
function parseCache(node: ConfigNode, ctx: ParseContext): string {
  const name = node.args[0]!;
  if (name !== 'off' && !name.includes('$')) addSharedZone(node, ctx, name, 0, 'proxy_cache');
  return name;
}

/**
 * Once `http {}` is read (nginx's merge of the location settings): a
 * `proxy_cache` naming a zone no `proxy_cache_path` declared, reported at
 * the block's closing brace.
 */
function checkCacheZones(http: ConfigNode): void {
  const block = http.block ?? [];
  const declared = new Set(
    block.filter((n) => n.directive === 'proxy_cache_path').map((n) => (n.value as ZoneDef).name),
  );
  const visit = (nodes: readonly ConfigNode[]): void => {
    for (const n of nodes) {
      if (n.directive === 'proxy_cache') {
        const name = n.value as string;
        if (name !== 'off' && !name.includes('$') && !declared.has(name))
          throw new ConfigError(
            `"proxy_cache" zone "${name}" is unknown`,
            http.endLine ?? null,
            http.file,
          );
      }
      if (n.block) visit(n.block);
    }
  };
  visit(block);
}

function parseValid(node: ConfigNode): ValidRule[] {
  const args = node.args;
  const time = args[args.length - 1]!;
  const seconds = parseSeconds(time);
  if (seconds === null) fail(node, `invalid time value "${time}"`);
  // Without codes the rule covers 200, 301 and 302 only.
  if (args.length === 1) return [200, 301, 302].map((status) => ({ status, seconds }));
  return args.slice(0, -1).map((code) => {
    if (code === 'any') return { status: 0, seconds };
    const status = /^\d+$/.test(code) ? Number(code) : NaN;
    if (!(status >= 100 && status <= 599)) fail(node, `invalid status "${code}"`);
    return { status, seconds };
  });
}

/** ngx_conf_set_bitmask_slot: words from a fixed list, any case; repeats only warn. */
function bitmask(words: readonly string[]) {
  const known = new Map(words.map((w) => [w.toLowerCase(), w]));
  return (node: ConfigNode): string[] =>
    node.args.map((arg) => {
      const word = known.get(arg.toLowerCase());
      if (word === undefined) fail(node, `invalid value "${arg}"`);
      return word;
    });
}

/** What `proxy_cache_use_stale` accepts; `error` also covers "no live upstreams". */
export const STALE_CONDITIONS = [
  'error',
  'timeout',
  'invalid_header',
  'updating',
  'http_500',
  'http_502',
  'http_503',
  'http_504',
  'http_403',
  'http_404',
  'http_429',
  'off',
] as const;

/** The backend headers `proxy_ignore_headers` can make nginx disregard. */
export const IGNORABLE_HEADERS = [
  'X-Accel-Redirect',
  'X-Accel-Expires',
  'X-Accel-Limit-Rate',
  'X-Accel-Buffering',
  'X-Accel-Charset',
  'Expires',
  'Cache-Control',
  'Set-Cookie',
  'Vary',
] as const;

const directives: DirectiveDef[] = [
  {
    name: 'proxy_cache_path',
    contexts: ['http'],
    args: { min: 2 },
    parse: parseCachePath,
    summary: 'Declare a cache: its directory, keys_zone=name:size, inactive=, max_size=, levels=.',
  },
  {
    name: 'proxy_cache',
    contexts: LEVELS,
    args: [1],
    unique: true,
    values: [0],
    parse: parseCache,
    summary: 'Cache backend responses in this zone (`off`: do not).',
  },
  {
    name: 'proxy_cache_key',
    contexts: LEVELS,
    args: [1],
    unique: true,
    values: [0],
    summary: 'What identifies a cached response (default: the URL sent to the backend).',
  },
  {
    name: 'proxy_cache_valid',
    contexts: LEVELS,
    args: { min: 1 },
    parse: parseValid,
    summary: 'How long responses with these statuses stay fresh (no codes: 200, 301, 302).',
  },
  {
    name: 'proxy_cache_methods',
    contexts: LEVELS,
    args: { min: 1 },
    parse: bitmask(['GET', 'HEAD', 'POST']),
    summary: 'Which methods use the cache (GET and HEAD always do).',
  },
  {
    name: 'proxy_cache_bypass',
    contexts: LEVELS,
    args: { min: 1 },
    values: ALL_ARGS,
    summary: 'Skip the lookup (the answer is still stored) when a value is non-empty and not "0".',
  },
  {
    name: 'proxy_no_cache',
    contexts: LEVELS,
    args: { min: 1 },
    values: ALL_ARGS,
    summary: 'Do not store the response when a value is non-empty and not "0".',
  },
  {
    name: 'proxy_cache_min_uses',
    contexts: LEVELS,
    args: [1],
    unique: true,
    parse: num,
    summary: 'Store a response only once its key was requested this many times.',
  },
  {
    name: 'proxy_cache_use_stale',
    contexts: LEVELS,
    args: { min: 1 },
    parse: bitmask(STALE_CONDITIONS),
    summary: 'Serve an expired entry when the backend fails in these ways.',
  },
  {
    name: 'proxy_ignore_headers',
    contexts: LEVELS,
    args: { min: 1 },
    parse: bitmask(IGNORABLE_HEADERS),
    summary: 'Disregard these backend headers (Cache-Control, Expires, Set-Cookie...).',
  },
  {
    name: 'proxy_cache_revalidate',
    contexts: LEVELS,
    args: 'flag',
    unique: true,
    parse: flag,
    summary: 'Refresh an expired entry with If-Modified-Since / If-None-Match.',
  },
  {
    name: 'proxy_cache_convert_head',
    contexts: LEVELS,
    args: 'flag',
    unique: true,
    parse: flag,
    summary: 'Send a cacheable HEAD to the backend as GET (on by default).',
  },
  {
    name: 'proxy_cache_lock',
    contexts: LEVELS,
    args: 'flag',
    unique: true,
    parse: flag,
    summary: 'Let one request at a time fill a new entry (others wait).',
  },
  {
    name: 'proxy_cache_lock_timeout',
    contexts: LEVELS,
    args: [1],
    unique: true,
    parse: msec,
    summary: 'How long a request waits for the cache lock.',
  },
  {
    name: 'proxy_cache_lock_age',
    contexts: LEVELS,
    args: [1],
    unique: true,
    parse: msec,
    summary: 'After this long, another request may try to fill the entry.',
  },
  {
    name: 'proxy_cache_background_update',
    contexts: LEVELS,
    args: 'flag',
    unique: true,
    parse: flag,
    unsupported: true,
    summary: 'Refresh an expired entry in the background while serving the stale one.',
  },
];

export const cacheModule: DirectiveModule = {
  name: 'cache',
  directives,
  http: { main: ({ node }: HttpBuild) => checkCacheZones(node) },
};
