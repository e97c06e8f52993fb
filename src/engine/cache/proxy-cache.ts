/**
 * The proxy cache around a backend request (ngx_http_upstream_cache and the
 * cache parts of ngx_http_upstream_send_response): look the key up before
 * the backend is asked, answer from the zone on a HIT, and judge the
 * backend's answer for storing afterwards. Sets `$upstream_cache_status`.
 */
import type { HttpConf, Level } from '../conf';
import { precondition, type ModifiedSinceMode } from '../../http/conditional';
import { parseHttpDate } from '../../http/http-date';
import type { HeaderList } from '../../http/message';
import type { EngineState, StateKey } from '../phases';
import { emit, type Req } from '../request';
import type { TryResult, UpstreamMessage } from '../upstream/try-servers';
import type { ComplexValue } from '../variables';
import type { ValidRule, ZoneDef } from './directives';
import { judgeHeaders, validFor, variantOf } from './rules';
import { CacheZone, type CacheNode, type Removal, type StoredResponse } from './zone';

export type CacheStatus =
  'MISS' | 'BYPASS' | 'EXPIRED' | 'STALE' | 'UPDATING' | 'REVALIDATED' | 'HIT';

type Answer = Extract<TryResult, { kind: 'response' }>;

/** A response from the zone rather than the backend; `fromCache` says why, for the trace. */
export type CacheResult = TryResult | (Answer & { fromCache: string });

type Send = (message: UpstreamMessage) => Promise<TryResult>;

/** The cache settings in effect at one level, resolved once per level. */
interface CacheConf {
  /** `proxy_cache NAME` (null when the zone is a variable). */
  zone: string | null;
  zoneValue: ComplexValue;
  key: ComplexValue | null;
  valid: readonly ValidRule[];
  methods: ReadonlySet<string>;
  bypass: readonly ComplexValue[];
  noCache: readonly ComplexValue[];
  minUses: number;
  useStale: ReadonlySet<string>;
  /** `proxy_ignore_headers`, lower-cased. */
  ignore: ReadonlySet<string>;
  revalidate: boolean;
  convertHead: boolean;
  /** Header names `proxy_set_header` writes itself, lower-cased. */
  setHeaders: ReadonlySet<string>;
  /** `proxy_buffering off`: responses go to the client unbuffered and are never stored. */
  unbuffered: boolean;
  modifiedSince: ModifiedSinceMode;
  /** proxy_cache_lock, and its timeout and age in ms. */
  lock: boolean;
  lockTimeout: number;
  lockAge: number;
}

const confs = new WeakMap<Level, CacheConf | null>();

function cacheConfOf(level: Level): CacheConf | null {
  let conf = confs.get(level);
  if (conf !== undefined) return conf;
  conf = readConf(level);
  confs.set(level, conf);
  return conf;
}

function readConf(level: Level): CacheConf | null {
  const zoneNode = level.first('proxy_cache');
  const zoneValue = zoneNode?.compiled?.get(0);
  if (!zoneNode || !zoneValue || zoneNode.args[0] === 'off') return null;
  const words = (name: string) => new Set(level.all(name).flatMap((n) => n.value as string[]));
  const values = (name: string) => level.all(name).flatMap((n) => [...n.compiled!.values()]);
  const useStale = words('proxy_cache_use_stale');
  return {
    zone: zoneValue.isStatic ? zoneNode.args[0]! : null,
    zoneValue,
    key: level.first('proxy_cache_key')?.compiled?.get(0) ?? null,
    valid: level.all('proxy_cache_valid').flatMap((n) => n.value as ValidRule[]),
    methods: new Set(['GET', 'HEAD', ...words('proxy_cache_methods')]),
    bypass: values('proxy_cache_bypass'),
    noCache: values('proxy_no_cache'),
    minUses: level.value<number>('proxy_cache_min_uses') ?? 1,
    useStale: useStale.has('off') ? new Set() : useStale,
    ignore: new Set([...words('proxy_ignore_headers')].map((h) => h.toLowerCase())),
    revalidate: level.value<boolean>('proxy_cache_revalidate') ?? false,
    convertHead: level.value<boolean>('proxy_cache_convert_head') ?? true,
    setHeaders: new Set(level.all('proxy_set_header').map((n) => n.args[0]!.toLowerCase())),
    unbuffered: level.value<boolean>('proxy_buffering') === false,
    modifiedSince: level.value<ModifiedSinceMode>('if_modified_since') ?? 'exact',
    lock: level.value<boolean>('proxy_cache_lock') ?? false,
    lockTimeout: level.value<number>('proxy_cache_lock_timeout') ?? 5000,
    lockAge: level.value<number>('proxy_cache_lock_age') ?? 5000,
  };
}

/** The zones of this engine, made from their `proxy_cache_path` on first use. */
const ZONES: StateKey<Map<string, CacheZone>> = {
  name: 'proxy_cache zones',
  create: () => new Map(),
};

function zoneFor(state: EngineState, http: HttpConf, name: string): CacheZone | null {
  const zones = state.get(ZONES);
  let zone = zones.get(name);
  if (zone) return zone;
  const def = http.level.all('proxy_cache_path').find((n) => (n.value as ZoneDef).name === name)
    ?.value as ZoneDef | undefined;
  if (!def) return null;
  zone = new CacheZone(def);
  zones.set(name, zone);
  return zone;
}

/** The zones an engine has used so far, by name (for the UI). */
export function cacheZones(state: EngineState): ReadonlyMap<string, CacheZone> {
  return state.get(ZONES);
}

/** `proxy_cache_bypass` / `proxy_no_cache`: the first value that is not empty and not "0". */
function anySet(r: Req, values: readonly ComplexValue[]): string | null {
  for (const v of values) {
    const s = v.evaluate(r);
    if (s !== '' && s !== '0') return `${v.text} is "${s}"`;
  }
  return null;
}

/** Client headers nginx does not pass on when the answer may be cached (ngx_http_proxy_cache_headers). */
const CONDITIONAL = new Set([
  'if-modified-since',
  'if-unmodified-since',
  'if-none-match',
  'if-match',
  'range',
  'if-range',
]);

/** The upstream headers for a cacheable request; with `revalidate`, the stored entry's validators. */
function cacheHeaders(
  headers: HeaderList,
  conf: CacheConf,
  revalidate: StoredResponse | null,
): HeaderList {
  let out = headers;
  if (headers.some(([n]) => CONDITIONAL.has(n.toLowerCase()))) {
    out = headers.filter(([n]) => {
      const key = n.toLowerCase();
      return !CONDITIONAL.has(key) || conf.setHeaders.has(key);
    });
  }
  if (revalidate) {
    // $upstream_cache_last_modified and $upstream_cache_etag.
    if (revalidate.lastModified !== null && !conf.setHeaders.has('if-modified-since'))
      out = [...out, ['If-Modified-Since', revalidate.lastModified]];
    if (revalidate.etag !== null && !conf.setHeaders.has('if-none-match'))
      out = [...out, ['If-None-Match', revalidate.etag]];
  }
  return out;
}

/** Statuses `proxy_cache_use_stale http_XXX` can name. */
const STALE_STATUSES = new Set([500, 502, 503, 504, 403, 404, 429]);

const EVICTED: Record<Removal['why'], (def: ZoneDef) => string> = {
  inactive: (d) => `not requested for inactive=${d.inactive}s: the cache manager removed it`,
  max_size: (d) => `stored bodies went over max_size=${d.maxSize}: the least recently used went`,
  keys_zone: (d) => `keys_zone ${d.name} is full: the least recently used key went`,
};

/** One request's way through a zone: where it looked, and the trace of each step. */
class Lookup {
  readonly removed: Removal[] = [];
  /** The key the answer belongs under: the main key, or a Vary variant's. */
  node: CacheNode | null = null;
  secondary: string | null = null;

  constructor(
    readonly r: Req,
    readonly conf: CacheConf,
    readonly zone: CacheZone,
    readonly key: string,
  ) {}

  trace(
    step: 'lookup' | 'store' | 'stale' | 'revalidate',
    reason: string,
    validSec: number | null = null,
    ttl: number | null = null,
  ): void {
    const r = this.r;
    const zone = this.zone.def.name;
    for (const gone of this.removed) {
      const reason = EVICTED[gone.why](this.zone.def);
      emit(r, {
        type: 'cache',
        step: 'evict',
        zone,
        key: gone.key,
        status: r.cacheStatus ?? '',
        staleAt: null,
        ttl: null,
        reason,
      });
    }
    this.removed.length = 0;
    // Fresh while the epoch second is <= validSec: stale from the start of the next second.
    const staleAt = validSec === null ? null : (validSec + 1) * 1000 - r.clock.epochMs;
    emit(r, {
      type: 'cache',
      step,
      zone,
      key: this.key,
      status: r.cacheStatus ?? '',
      staleAt,
      ttl,
      reason,
    });
  }
}

function epochSec(r: Req): number {
  return Math.floor((r.clock.epochMs + r.clock.now()) / 1000);
}

/** An epoch second as seconds since the sandbox started, for reasons. */
function relSec(r: Req, sec: number): number {
  return sec - Math.floor(r.clock.epochMs / 1000);
}

/**
 * Sends `build()` with `send`, through the location's cache when it has one.
 * `scheme` and `uri` make the default key: the URL sent to the backend
 * (`http://$proxy_host/uri`), so URIs that rewrites map together share one entry.
 */
export async function cachedSend(
  r: Req,
  level: Level,
  state: EngineState,
  http: HttpConf,
  scheme: string,
  uri: string,
  build: () => UpstreamMessage,
  send: Send,
): Promise<CacheResult> {
  const conf = cacheConfOf(level);
  if (conf === null || !conf.methods.has(r.method)) return send(build());
  const zoneName = conf.zone ?? conf.zoneValue.evaluate(r);
  if (zoneName === '' || zoneName === 'off') return send(build());
  const zone = zoneFor(state, http, zoneName);
  if (!zone) {
    const reason = `proxy_cache ${conf.zoneValue.text}: no proxy_cache_path declares a zone "${zoneName}"`;
    return { kind: 'finish', finish: { status: 500, source: 'error', reason } };
  }
  const message = build();
  // A HEAD that may be cached is fetched as GET, so that the entry can answer both.
  if (r.method === 'HEAD' && conf.convertHead) message.method = 'GET';
  const key = conf.key ? conf.key.evaluate(r) : `${scheme}://${r.proxyHost}${uri}`;
  const lookup = new Lookup(r, conf, zone, key);
  const bypass = anySet(r, conf.bypass);
  if (bypass !== null) {
    r.cacheStatus = 'BYPASS';
    lookup.trace(
      'lookup',
      `proxy_cache_bypass: ${bypass}, so the zone is not looked at (the answer may still be stored)`,
    );
    message.headers = cacheHeaders(message.headers, conf, null);
    return fetch(lookup, null, null, null, message, send);
  }
  r.cacheStatus = 'MISS';
  const nowSec = epochSec(r);
  let node = zone.touch(key, nowSec, lookup.removed);
  if (node.error !== 0) {
    if (node.errorValidSec >= nowSec) {
      r.cacheStatus = 'HIT';
      lookup.trace('lookup', `nginx's own ${node.error} is kept for this key`, node.errorValidSec);
      const reason = `a cached ${node.error} (proxy_cache_valid)`;
      return { kind: 'finish', finish: { status: node.error, source: 'error', reason } };
    }
    zone.renew(node);
  }
  let variantNote = '';
  const first = node.entry;
  const variant = first && first.vary !== null ? variantOf(key, first.vary, r.headersIn) : null;
  if (first && variant !== first.variant) {
    // Another variant of a response with Vary: nginx keeps it under a key of its own.
    variantNote = ` (another variant: Vary: ${first.vary})`;
    lookup.secondary = variant;
    node = zone.touch(variant!, nowSec, lookup.removed);
  }
  let lockWaitUntil = -1;
  for (;;) {
    const now = epochSec(r);
    const entry = node.entry;
    if (entry && now <= entry.validSec) {
      r.cacheStatus = 'HIT';
      const ttl = entry.validSec - entry.date;
      const why = `stored at second ${relSec(r, entry.date)} for ${ttl}s: fresh through second ${relSec(r, entry.validSec)}${variantNote}`;
      lookup.trace('lookup', why, entry.validSec, ttl);
      return notModified(lookup, fromEntry(r, entry, `cache HIT in zone ${zone.def.name}`), true);
    }
    if (entry) {
      const updating = node.updating;
      if (
        updating &&
        (conf.useStale.has('updating') || entry.validSec + entry.updatingSec >= now)
      ) {
        r.cacheStatus = 'UPDATING';
        const rule = conf.useStale.has('updating')
          ? 'proxy_cache_use_stale updating'
          : `Cache-Control stale-while-revalidate=${entry.updatingSec}`;
        const why = `expired, and another request is fetching it: the expired entry is served (${rule})`;
        lookup.trace('lookup', why, entry.validSec);
        return notModified(
          lookup,
          fromEntry(r, entry, `UPDATING entry from zone ${zone.def.name}`),
          true,
        );
      }
      r.cacheStatus = 'EXPIRED';
      const why = `stored, but fresh only through second ${relSec(r, entry.validSec)}: the backend is asked again${variantNote}`;
      lookup.trace('lookup', why, entry.validSec);
      const revalidate = conf.revalidate ? entry : null;
      message.headers = cacheHeaders(message.headers, conf, revalidate);
      return fetch(lookup, node, updating ? null : node, entry, message, send);
    }
    // nginx counts the uses of a key it has not stored yet; below min_uses the answer is not kept.
    if (node.uses < conf.minUses) {
      const seen = `seen ${node.uses} time${node.uses === 1 ? '' : 's'}`;
      const why = `not in zone ${zone.def.name}; proxy_cache_min_uses ${conf.minUses}: ${seen}, so the answer will not be stored`;
      lookup.trace('lookup', why);
      return send(message);
    }
    const ms = r.clock.now();
    if (conf.lock && node.updating && ms < node.lockUntil) {
      // proxy_cache_lock: another request is filling this key; nginx looks again every 500 ms at most.
      if (lockWaitUntil < 0) {
        lockWaitUntil = ms + conf.lockTimeout;
        lookup.trace(
          'lookup',
          `another request is fetching this key: waiting for it (proxy_cache_lock, at most ${conf.lockTimeout} ms)`,
        );
      }
      if (ms < lockWaitUntil) {
        await r.clock.sleep(Math.min(500, lockWaitUntil - ms));
        continue;
      }
      lookup.trace(
        'lookup',
        `proxy_cache_lock_timeout (${conf.lockTimeout} ms) passed: fetched without storing`,
      );
      return send(message);
    }
    if (conf.lock) node.lockUntil = ms + conf.lockAge;
    lookup.trace('lookup', `not in zone ${zone.def.name}${variantNote}`);
    message.headers = cacheHeaders(message.headers, conf, null);
    return fetch(lookup, node, conf.lock ? node : null, null, message, send);
  }
}

/** A stored response as the answer; its headers become the upstream response in hand (`$upstream_http_*`). */
function fromEntry(r: Req, entry: StoredResponse, why: string): Answer & { fromCache: string } {
  r.upstreamHeaders = entry.headers;
  return {
    kind: 'response',
    status: entry.status,
    headers: entry.headers,
    body: entry.body,
    address: '',
    fromCache: why,
  };
}

/**
 * Asks the backend, then serves the expired entry if the backend failed in
 * a way `proxy_cache_use_stale` names, or judges the answer for storing.
 * `node` is where the answer goes (null: the main key, found when storing);
 * `holder` is the node this request marks as being updated meanwhile.
 */
async function fetch(
  lookup: Lookup,
  node: CacheNode | null,
  holder: CacheNode | null,
  expired: StoredResponse | null,
  message: UpstreamMessage,
  send: Send,
): Promise<CacheResult> {
  const { r, conf, zone } = lookup;
  lookup.node = node;
  let result: TryResult;
  if (holder) holder.updating = true;
  try {
    result = await send(message);
  } finally {
    if (holder) holder.updating = false;
  }
  const nowSec = epochSec(r);
  if (result.kind === 'finish') {
    const status = result.finish.status;
    const failure = status === 504 ? 'timeout' : status === 502 ? 'error' : `http_${status}`;
    if (expired) {
      const stale = serveStale(lookup, expired, failure, nowSec);
      if (stale) return stale;
    }
    // nginx keeps its own 502/504 like an answer when proxy_cache_valid covers that status.
    const seconds = status === 502 || status === 504 ? validFor(conf.valid, status) : 0;
    if (seconds > 0) {
      const node = lookup.node ?? zone.touch(lookup.key, nowSec, lookup.removed);
      zone.storeError(node, status, nowSec + seconds);
      lookup.trace(
        'store',
        `nginx's own ${status} is kept for ${seconds}s (proxy_cache_valid)`,
        nowSec + seconds,
        seconds,
      );
    }
    return result;
  }
  if (expired) {
    if (result.status === 304 && conf.revalidate)
      return revalidated(lookup, expired, result, nowSec);
    if (STALE_STATUSES.has(result.status)) {
      const stale = serveStale(lookup, expired, `http_${result.status}`, nowSec);
      if (stale) return stale;
    }
  }
  return notModified(lookup, result, store(lookup, result, nowSec));
}

function serveStale(
  lookup: Lookup,
  expired: StoredResponse,
  failure: string,
  nowSec: number,
): CacheResult | null {
  const byConf = lookup.conf.useStale.has(failure);
  const byHeader = expired.validSec + expired.errorSec >= nowSec;
  if (!byConf && !byHeader) return null;
  lookup.r.cacheStatus = 'STALE';
  const why = byConf
    ? `the backend failed (${failure}) and proxy_cache_use_stale lists it: the expired entry is served`
    : `the backend failed (${failure}) within the entry's Cache-Control stale-if-error=${expired.errorSec}: the expired entry is served`;
  lookup.trace('stale', why, expired.validSec);
  return notModified(
    lookup,
    fromEntry(lookup.r, expired, `STALE entry from zone ${lookup.zone.def.name}`),
    true,
  );
}

/** A 304 to a revalidation: the stored entry is fresh again and is what the client gets. */
function revalidated(
  lookup: Lookup,
  entry: StoredResponse,
  result: Answer,
  nowSec: number,
): CacheResult {
  const { r, conf } = lookup;
  r.cacheStatus = 'REVALIDATED';
  // The 304's own caching headers count first, then the stored response's, then proxy_cache_valid.
  let validSec = judgeHeaders(result.headers, conf.ignore, nowSec).validSec;
  if (validSec === 0) validSec = judgeHeaders(entry.headers, conf.ignore, nowSec).validSec;
  if (validSec === 0) {
    const seconds = validFor(conf.valid, entry.status);
    if (seconds > 0) validSec = nowSec + seconds;
  }
  if (validSec !== 0) {
    entry.validSec = validSec;
    entry.date = nowSec;
  }
  const ttl = validSec === 0 ? null : validSec - nowSec;
  lookup.trace(
    'revalidate',
    'the backend answered 304 Not Modified: the stored entry is fresh again and is sent',
    entry.validSec,
    ttl,
  );
  return notModified(
    lookup,
    fromEntry(r, entry, `REVALIDATED entry from zone ${lookup.zone.def.name}`),
    true,
  );
}

/**
 * Stores the answer if nginx would. Returns whether the backend's headers
 * allowed caching (nginx's u->cacheable, which also decides whether the
 * client's If-None-Match / If-Modified-Since may be answered with 304).
 */
function store(lookup: Lookup, result: Answer, nowSec: number): boolean {
  const { r, conf, zone } = lookup;
  const verdict = judgeHeaders(result.headers, conf.ignore, nowSec);
  const noCache = anySet(r, conf.noCache);
  if (noCache !== null) {
    lookup.trace('store', `proxy_no_cache: ${noCache}, so the answer is not stored`);
    return verdict.cacheable;
  }
  if (!verdict.cacheable) {
    lookup.trace('store', verdict.reason);
    return false;
  }
  if (conf.unbuffered) {
    lookup.trace(
      'store',
      'proxy_buffering off: the answer goes to the client unbuffered, so it is not stored',
    );
    return true;
  }
  let validSec = verdict.validSec;
  let why = verdict.reason;
  if (validSec === 0) {
    const seconds = validFor(conf.valid, result.status);
    if (seconds === 0) {
      lookup.trace(
        'store',
        `no caching header from the backend and no proxy_cache_valid for ${result.status}: not stored`,
      );
      return true;
    }
    validSec = nowSec + seconds;
    why = `proxy_cache_valid ${result.status === 200 ? '' : `${result.status} `}${seconds}s`;
  }
  const validators = result.status === 200 || result.status === 206;
  const entry: StoredResponse = {
    status: result.status,
    headers: result.headers,
    body: result.body,
    date: nowSec,
    validSec,
    updatingSec: verdict.updatingSec,
    errorSec: verdict.errorSec,
    lastModified: validators ? headerOf(result.headers, 'last-modified') : null,
    etag: validators ? headerOf(result.headers, 'etag') : null,
    vary: verdict.vary,
    variant: verdict.vary === null ? null : variantOf(lookup.key, verdict.vary, r.headersIn),
  };
  let node = lookup.node;
  // An answer fetched for a variant's key stays there only if it still varies the same way.
  if (node === null || (lookup.secondary !== null && entry.variant !== lookup.secondary))
    node = zone.touch(lookup.key, nowSec, lookup.removed);
  zone.store(node, entry, lookup.removed);
  lookup.trace('store', `stored for ${validSec - nowSec}s: ${why}`, validSec, validSec - nowSec);
  return true;
}

function headerOf(headers: HeaderList, name: string): string | null {
  for (const [n, v] of headers) if (n.toLowerCase() === name) return v;
  return null;
}

/** What nginx's not-modified filter drops from a 304. */
const NOT_IN_304 = new Set(['content-type', 'content-length', 'accept-ranges', 'content-encoding']);

/**
 * nginx's not_modified filter, which runs for proxied answers only when
 * they may be cached: a 200 whose Last-Modified / ETag satisfy the client's
 * If-Modified-Since / If-None-Match becomes a 304; a failed If-Match or
 * If-Unmodified-Since becomes 412.
 */
function notModified(lookup: Lookup, result: CacheResult, cacheable: boolean): CacheResult {
  if (!cacheable || result.kind !== 'response' || result.status !== 200) return result;
  const h = lookup.r.headersIn;
  if (
    !h.has('if-modified-since') &&
    !h.has('if-none-match') &&
    !h.has('if-match') &&
    !h.has('if-unmodified-since')
  )
    return result;
  const lastModified = headerOf(result.headers, 'last-modified');
  const mtime = lastModified === null ? NaN : (parseHttpDate(lastModified) ?? NaN);
  const etag = headerOf(result.headers, 'etag');
  let decision = precondition(h, { mtime, etag }, lookup.conf.modifiedSince);
  // Without a Last-Modified, nginx counts any If-Modified-Since as "modified".
  if (decision === 'not-modified' && Number.isNaN(mtime) && h.has('if-modified-since'))
    decision = 'send';
  if (decision === 'send') return result;
  if (decision === 'failed') {
    const reason = 'a precondition (If-Match / If-Unmodified-Since) does not hold for the answer';
    return { kind: 'finish', finish: { status: 412, source: 'error', reason } };
  }
  const headers = result.headers.filter(([n]) => !NOT_IN_304.has(n.toLowerCase()));
  return { ...result, status: 304, headers, body: new Uint8Array(0) };
}
