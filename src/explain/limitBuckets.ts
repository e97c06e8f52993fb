/**
 * limit_req as the trace tells it: per zone and key, the bucket level after
 * each request (excess, in requests) and the last requests' decisions, so the
 * panel can draw the bucket filling and draining and say what happened.
 */
import type { TraceEvent } from '../engine';
import type { Exchange } from '../runtime/types';

type LimitReqEvent = Extract<TraceEvent, { type: 'limit'; directive: 'limit_req' }>;

export interface LimitStep {
  at: number;
  decision: 'passed' | 'delayed' | 'rejected';
  delayMs: number;
  /** Excess requests in the bucket after this request was counted. */
  excessAfter: number;
  dryRun: boolean;
}

export interface LimitBucket {
  zone: string;
  key: string;
  rate: string;
  /** Requests per millisecond the bucket drains at (from `rate`). */
  perMs: number;
  burst: number;
  nodelay: boolean;
  /** Requests counted for this key (skipped ones excluded). */
  total: number;
  /** The last requests, oldest first. */
  timeline: LimitStep[];
}

/** The buckets `exchanges` show, starting from `from` (the buckets known before them; not changed). */
export function collectLimitBuckets(
  exchanges: readonly Exchange[],
  keep = 100,
  from: readonly LimitBucket[] = [],
): LimitBucket[] {
  const buckets = new Map<string, LimitBucket>(
    from.map((b) => [`${b.zone}\n${b.key}`, { ...b, timeline: [...b.timeline] }]),
  );
  for (const ex of exchanges) {
    for (const e of ex.trace) {
      if (e.type !== 'limit' || e.directive !== 'limit_req' || e.decision === 'skipped') continue;
      const id = `${e.zone}\n${e.key}`;
      let bucket = buckets.get(id);
      if (!bucket) {
        bucket = blank(e);
        buckets.set(id, bucket);
      }
      bucket.total++;
      bucket.timeline.push({
        at: e.at,
        decision: e.decision,
        delayMs: e.delayMs,
        excessAfter: e.excessAfter,
        dryRun: e.dryRun,
      });
      // Trim in batches so thousands of requests stay linear.
      if (bucket.timeline.length > keep * 2)
        bucket.timeline.splice(0, bucket.timeline.length - keep);
    }
  }
  for (const b of buckets.values())
    if (b.timeline.length > keep) b.timeline.splice(0, b.timeline.length - keep);
  return [...buckets.values()];
}

function blank(e: LimitReqEvent): LimitBucket {
  return {
    zone: e.zone,
    key: e.key,
    rate: e.rate,
    perMs: ratePerMs(e.rate),
    burst: e.burst,
    nodelay: e.nodelay,
    total: 0,
    timeline: [],
  };
}

/** `5r/s` → 0.005, `30r/m` → 0.0005 requests per ms. */
export function ratePerMs(rate: string): number {
  const m = /^(\d+)r\/([sm])$/.exec(rate);
  if (!m) return 0;
  return Number(m[1]) / (m[2] === 's' ? 1000 : 60_000);
}

/** The bucket's excess at `now`: the level after the last request, drained at the zone's rate. */
export function levelAt(bucket: LimitBucket, now: number): number {
  const last = bucket.timeline.at(-1);
  if (!last) return 0;
  return Math.max(0, last.excessAfter - bucket.perMs * Math.max(0, now - last.at));
}

/** "3 passed, 1 delayed 400 ms, 6 rejected" for the steps given. */
export function describeSteps(steps: readonly LimitStep[]): string {
  let passed = 0;
  let rejected = 0;
  const delays: number[] = [];
  for (const s of steps) {
    if (s.decision === 'passed') passed++;
    else if (s.decision === 'rejected') rejected++;
    else delays.push(s.delayMs);
  }
  const parts: string[] = [];
  if (passed) parts.push(`${passed} passed`);
  if (delays.length === 1) parts.push(`1 delayed ${delays[0]} ms`);
  else if (delays.length > 1)
    parts.push(`${delays.length} delayed up to ${Math.max(...delays)} ms`);
  if (rejected) parts.push(`${rejected} rejected`);
  return parts.length ? parts.join(', ') : 'no requests';
}

/** A key as text, with control characters escaped (`\x00`) so they stay visible. */
export function printableKey(key: string): string {
  // eslint-disable-next-line no-control-regex
  const control = /[\x00-\x1f\x7f]/g;
  return key.replace(control, (c) => '\\x' + c.charCodeAt(0).toString(16).padStart(2, '0'));
}
