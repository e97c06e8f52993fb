/**
 * The seams between the pipeline and the modules: what a phase handler may
 * decide, the per-engine state modules keep between requests (rate-limit
 * buckets, cache entries, connection counts), and the phases in nginx's
 * order.
 */
import type { HttpConf, LocationConf } from './conf';
import type { EngineResponse, HeaderList } from '../http/message';
import type { GzipCompressor } from './modules/gzip-compress';
import type { Req } from './request';
import type { UpstreamRequest, UpstreamResponse } from './upstream/transport';

export type ResponseSource = 'upstream' | 'cache' | 'return' | 'error' | 'redirect' | 'static';

/** A response nginx writes itself (`return`, redirects, error pages); `error_page` may replace it. */
export interface Finish {
  status: number;
  /** Body text for `return CODE "text"`. */
  text?: string;
  /** Redirect target (made absolute as nginx does). */
  location?: string;
  /** Headers sent along with the page (the Content-Range of a 416). */
  headers?: HeaderList;
  source: 'return' | 'error' | 'redirect';
  reason: string;
}

/** What a phase handler decided; undefined means "not mine, go on". */
export type PhaseOutcome =
  | undefined
  | { kind: 'finish'; finish: Finish }
  /** A complete response (from a backend, the cache, a file). */
  | { kind: 'response'; response: EngineResponse; source: ResponseSource; reason: string }
  /** An internal redirect: to a URI (with optional args) or, with `named` (`@name` as written), to a named location. */
  | { kind: 'redirect'; uri: string; args?: string; named?: string; reason: string };

/** A key for one module's slice of per-engine state, made on first use. */
export interface StateKey<T> {
  readonly name: string;
  create(): T;
}

/** State that lives as long as the loaded config (a reload, like `nginx -s reload`, starts afresh). */
export class EngineState {
  private readonly slots = new Map<StateKey<unknown>, unknown>();

  get<T>(key: StateKey<T>): T {
    let value = this.slots.get(key as StateKey<unknown>) as T | undefined;
    if (value === undefined) {
      value = key.create();
      this.slots.set(key as StateKey<unknown>, value);
    }
    return value;
  }
}

export interface PhaseContext {
  http: HttpConf;
  state: EngineState;
  /**
   * The last request a backend received while this client request was in
   * flight, and the last response a backend sent (before nginx changed it).
   */
  upstreamSeen: UpstreamSeen;
  /** The compressor ProxyOptions.gzip injected, if any. */
  gzip: GzipCompressor | undefined;
}

/** What backends saw and said during one client request (see HandleResult). */
export interface UpstreamSeen {
  last: UpstreamRequest | null;
  response: UpstreamResponse | null;
}

/** A handler of the preaccess, access, try_files or content phase. */
/**
 * The phases a module can join once the location is known, in nginx's
 * order: limits (NGX_HTTP_PREACCESS_PHASE), allow/deny, try_files, then the
 * first content handler that answers.
 */
export const PHASES = ['preaccess', 'access', 'try-files', 'content'] as const;
export type Phase = (typeof PHASES)[number];

export type PhaseHandler = (
  r: Req,
  location: LocationConf | null,
  ctx: PhaseContext,
) => PhaseOutcome | Promise<PhaseOutcome>;

/** Runs after the header filter on every response (gzip). */
export type BodyFilter = (
  r: Req,
  response: EngineResponse,
  ctx: PhaseContext,
) => EngineResponse | Promise<EngineResponse>;

/** Called when the request is done, whatever happened (limit_conn releases its slot). */
export type Cleanup = (r: Req, ctx: PhaseContext) => void;
