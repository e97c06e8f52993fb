/**
 * `proxy_next_upstream`, `proxy_next_upstream_tries` and
 * `proxy_next_upstream_timeout`: which failed tries go on to the next
 * server, and how far. A try fails on a refused connection (`error`), on
 * proxy_read_timeout (`timeout`), or on a status listed as `http_XXX`; a
 * POST, LOCK or PATCH that reached the backend is only repeated with
 * `non_idempotent`.
 */
import type { ConfigNode } from '../config/node';
import type { Level } from '../conf';
import { fail } from '../modules/slots';

/** The masks, after nginx's NGX_HTTP_UPSTREAM_FT_* bits. */
export const FT = {
  error: 0x2,
  timeout: 0x4,
  invalid_header: 0x8,
  http_500: 0x10,
  http_502: 0x20,
  http_503: 0x40,
  http_504: 0x80,
  http_403: 0x100,
  http_404: 0x200,
  http_429: 0x400,
  updating: 0x800,
  non_idempotent: 0x4000,
  off: 0x40000000,
} as const;

export type FailureKind = keyof typeof FT;

/** Statuses that `http_XXX` can list, with their mask. */
const STATUS_MASK = new Map<number, number>([
  [500, FT.http_500],
  [502, FT.http_502],
  [503, FT.http_503],
  [504, FT.http_504],
  [403, FT.http_403],
  [404, FT.http_404],
  [429, FT.http_429],
]);

/** The mask for a backend status, or 0 when proxy_next_upstream cannot list it. */
export function statusMask(status: number): number {
  return STATUS_MASK.get(status) ?? 0;
}

/** `http_403` and `http_404` go on to the next server without counting as a failure. */
export function countsAsFailure(mask: number): boolean {
  return mask !== FT.http_403 && mask !== FT.http_404;
}

/**
 * Reads one `proxy_next_upstream` line (ngx_conf_set_bitmask_slot): names
 * are case-insensitive, and several lines at one level add up.
 */
export function parseNextUpstream(node: ConfigNode): number {
  let mask = 0;
  for (const arg of node.args) {
    const bit = (FT as Record<string, number>)[arg.toLowerCase()];
    if (bit === undefined) fail(node, `invalid value "${arg}"`);
    mask |= bit;
  }
  return mask;
}

/** What a location says about retries. */
export interface NextUpstream {
  mask: number;
  /** 0: as many tries as the group has servers. */
  tries: number;
  /** Milliseconds; 0: no limit. */
  timeout: number;
}

export const DEFAULT_NEXT_UPSTREAM: NextUpstream = {
  mask: FT.error | FT.timeout,
  tries: 0,
  timeout: 0,
};

/** The nearest level's settings (the mask lines of one level OR'ed together; `off` wins). */
export function nextUpstreamOf(level: Level): NextUpstream {
  const lines = level.all('proxy_next_upstream');
  const tries = level.value<number>('proxy_next_upstream_tries') ?? 0;
  const timeout = level.value<number>('proxy_next_upstream_timeout') ?? 0;
  if (lines.length === 0 && tries === 0 && timeout === 0) return DEFAULT_NEXT_UPSTREAM;
  let mask = lines.length ? 0 : DEFAULT_NEXT_UPSTREAM.mask;
  for (const line of lines) mask |= line.value as number;
  if (mask & FT.off) mask = FT.off;
  return { mask, tries, timeout };
}

/** Methods nginx does not repeat on another server once they were sent. */
const NON_IDEMPOTENT = new Set(['POST', 'LOCK', 'PATCH']);

/**
 * Whether proxy_next_upstream allows going on after this kind of failure
 * (`sent`: the request reached the backend, so a POST needs non_idempotent).
 */
export function allows(conf: NextUpstream, kind: number, method: string, sent: boolean): boolean {
  const needed = sent && NON_IDEMPOTENT.has(method) ? kind | FT.non_idempotent : kind;
  return (conf.mask & needed) === needed;
}

/** The directive's name for a failure mask, for the trace. */
export function maskName(mask: number): string {
  for (const [name, bit] of Object.entries(FT)) if (bit === mask) return name;
  return String(mask);
}
