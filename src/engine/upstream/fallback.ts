/**
 * What hash, ip_hash and random do when they give up: round robin picks,
 * and the trace says why the method gave up and what it looked at.
 */
import type { PickContext, PickResult } from './pick';
import { pickRoundRobin } from './round-robin';
import type { Upstream } from './upstream';

/** Positions a method looks at again after the first before round robin decides (21 in all, as recorded). */
export const MAX_PROBES = 20;

export function roundRobinFallback(
  up: Upstream,
  ctx: PickContext,
  nowSec: number,
  method: string,
  why: string,
  facts: Pick<PickResult, 'key' | 'keyHash' | 'octets' | 'probes'>,
): PickResult {
  const rr = pickRoundRobin(up, ctx, nowSec);
  if (up.single) return rr;
  return {
    ...rr,
    method: `${method} → round robin`,
    reason: `${why}, so round robin decides: ${rr.reason}`,
    ...facts,
    fallback: true,
  };
}
