/**
 * Trace events: every decision the engine makes, with the facts behind it, so
 * the UI can explain a request without re-deriving anything.
 */
import type { HeaderList } from '../http/message';
import type { Stat } from './vfs';

interface Base {
  /** Virtual milliseconds since the sandbox started. */
  at: number;
  requestId: number;
}

/** One path looked at on the virtual disk. */
export interface StaticProbe {
  /** The try_files argument it came from, as written (`$uri/`). */
  arg?: string;
  /** The path, relative to the nginx prefix unless absolute. */
  path: string;
  found: Stat;
}

export interface LocationCandidate {
  location: string;
  line: number;
  /** `=`, `^~`, `~`, `~*` or '' for a plain prefix. */
  modifier: string;
  matched: boolean;
}

/** A position a hash, ip_hash or random pick looked at. */
export interface BalanceProbe {
  /** ip_hash's hash, hash's accumulated value, the ring point's hash, or the random draw. */
  value: number;
  /** The weighted slot (value % total weight) or the ring point's index. */
  slot: number;
  address: string;
  /** `up`: the server could take the request; otherwise why it was passed over (`again`: drawn twice). */
  state: 'up' | 'down' | 'failed' | 'busy' | 'tried' | 'backup' | 'again';
}

export type TraceEvent =
  | (Base & {
      type: 'receive';
      method: string;
      target: string;
      host: string;
      client: string;
      port: number;
      tls: boolean;
    })
  /** The request ends early: with an error status, or (status null) without any HTTP response at all. */
  | (Base & { type: 'reject'; status: number | null; reason: string })
  | (Base & {
      type: 'server';
      port: number;
      host: string;
      server: string;
      line: number;
      reason: string;
    })
  | (Base & {
      type: 'match';
      uri: string;
      location: string | null;
      line: number | null;
      reason: string;
      candidates: LocationCandidate[];
    })
  | (Base & {
      type: 'rewrite';
      directive: string;
      line: number;
      from: string;
      to: string;
      flag: string;
      reason: string;
    })
  | (Base & { type: 'return'; line: number; status: number; reason: string })
  | (Base & { type: 'internal-redirect'; to: string; reason: string })
  | (Base & {
      type: 'balance';
      upstream: string;
      method: string;
      /** The server picked, or null when none could be. */
      chosen: string | null;
      reason: string;
      candidates: {
        address: string;
        weight: number;
        /** What the smooth weighted pick compared (current + effective weight); null when not in the running. */
        comparedWeight: number | null;
        effectiveWeight: number;
        /** Requests in flight to the server when the pick was made (what least_conn compares). */
        activeConnections: number;
        /** `busy`: at its max_conns. */
        state: 'up' | 'down' | 'failed' | 'busy' | 'tried' | 'backup';
      }[];
      /** ip_hash: the three client octets hashed. */
      octets?: number[];
      /** hash, hash consistent: the key as evaluated for this request. */
      key?: string;
      /** hash consistent: crc32 of the key, the position looked up on the ring. */
      keyHash?: number;
      /** ip_hash, hash, hash consistent, random: every position looked at, in order. */
      probes?: BalanceProbe[];
      /** The method found no available server in 20 positions and round robin chose. */
      fallback?: boolean;
    })
  | (Base & {
      type: 'upstream';
      address: string;
      attempt: number;
      method: string;
      uri: string;
      httpVersion: string;
      headers: HeaderList;
      reason: string;
    })
  | (Base & {
      type: 'backend';
      address: string;
      outcome: 'response' | 'refused' | 'timeout';
      status: number | null;
      durationMs: number;
    })
  /**
   * The proxy cache: the lookup before the backend is asked, what became of
   * the backend's answer (stored or why not), a stale or revalidated entry
   * served, and keys the zone let go of.
   */
  | (Base & {
      type: 'cache';
      step: 'lookup' | 'store' | 'stale' | 'revalidate' | 'evict';
      zone: string;
      /** The key as evaluated (proxy_cache_key, default: the URL sent to the backend). */
      key: string;
      /** `$upstream_cache_status` after this step: MISS, HIT, EXPIRED, BYPASS, STALE, REVALIDATED. */
      status: string;
      /** Virtual ms from which the entry is no longer fresh (nginx counts whole seconds); null when none. */
      staleAt: number | null;
      /** How many seconds the entry was given (proxy_cache_valid or a backend header); null when none. */
      ttl: number | null;
      reason: string;
    })
  | (Base & { type: 'headers'; added: HeaderList; hidden: string[]; reason: string })
  | (Base & {
      type: 'respond';
      status: number;
      source: 'upstream' | 'cache' | 'return' | 'error' | 'redirect' | 'static';
      reason: string;
    })
  /** limit_req: one zone's leaky bucket for this request (nginx keeps thousandths; these are requests). */
  | (Base & {
      type: 'limit';
      directive: 'limit_req';
      zone: string;
      key: string;
      /** As written: `5r/s`, `30r/m`. */
      rate: string;
      burst: number;
      nodelay: boolean;
      /** Excess requests in the bucket before this one (drained to now), and after it was counted. */
      excessBefore: number;
      excessAfter: number;
      /** skipped: empty key, or not charged because a later zone rejected the request. */
      decision: 'passed' | 'delayed' | 'rejected' | 'skipped';
      delayMs: number;
      /** The status sent for a rejection (null when passed, or in a dry run). */
      status: number | null;
      dryRun: boolean;
      reason: string;
    })
  /** limit_conn: requests in flight for one key of a zone. */
  | (Base & {
      type: 'limit';
      directive: 'limit_conn';
      zone: string;
      key: string;
      /** In flight for this key, this request included when it passed. */
      count: number;
      limit: number;
      decision: 'passed' | 'rejected';
      status: number | null;
      dryRun: boolean;
      reason: string;
    })
  /** gzip: whether the response was compressed, and why (not). */
  | (Base & {
      type: 'compress';
      compressed: boolean;
      /** Body bytes before compression, and after (null when not compressed). */
      sizeBefore: number;
      sizeAfter: number | null;
      /** sizeBefore / sizeAfter, as nginx's `$gzip_ratio` (null when not compressed). */
      ratio: number | null;
      level: number;
      /** `Vary: Accept-Encoding` was added (gzip_vary). */
      vary: boolean;
      reason: string;
    })
  /** Static files: the paths looked at on the virtual disk, and what nginx decided from them. */
  | (Base & {
      type: 'static';
      /** Who looked: the file handler, `index` (URI ending in /) or `try_files`. */
      step: 'file' | 'index' | 'try_files';
      probes: StaticProbe[];
      reason: string;
    })
  | (Base & { type: 'log'; line: string });

export type TraceType = TraceEvent['type'];
