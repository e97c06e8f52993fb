/**
 * nginx's smooth weighted round robin (ngx_http_upstream_round_robin.c), with
 * its failure accounting: max_fails within fail_timeout takes a server out,
 * and a failed server's effective weight climbs back one step per pick.
 */
import type { Peer, Upstream } from './upstream';

export interface PickResult {
  peer: Peer | null;
  /** Every candidate's state at the moment of the pick, for the trace. */
  candidates: { peer: Peer; state: 'up' | 'down' | 'failed' | 'tried' | 'backup' }[];
  /** Whether the group has a single server (always chosen, never marked failed). */
  single: boolean;
}

function usable(
  p: Peer,
  tried: ReadonlySet<Peer>,
  nowSec: number,
): 'up' | 'down' | 'failed' | 'tried' {
  if (tried.has(p)) return 'tried';
  if (p.down) return 'down';
  if (p.maxFails > 0 && p.fails >= p.maxFails && nowSec - p.checked <= p.failTimeout)
    return 'failed';
  return 'up';
}

function pickFrom(peers: readonly Peer[], tried: ReadonlySet<Peer>, nowSec: number): Peer | null {
  let best: Peer | null = null;
  let total = 0;
  for (const p of peers) {
    if (usable(p, tried, nowSec) !== 'up') continue;
    p.currentWeight += p.effectiveWeight;
    total += p.effectiveWeight;
    if (p.effectiveWeight < p.weight) p.effectiveWeight++;
    if (best === null || p.currentWeight > best.currentWeight) best = p;
  }
  if (best === null) return null;
  best.currentWeight -= total;
  if (nowSec - best.checked > best.failTimeout) best.checked = nowSec;
  return best;
}

/** Chooses the next server for a request that has already tried `tried`. */
export function pickRoundRobin(up: Upstream, tried: ReadonlySet<Peer>, nowSec: number): PickResult {
  const single = up.primary.length === 1 && up.backup.length === 0;
  const candidates: PickResult['candidates'] = [
    ...up.primary.map((peer) => ({ peer, state: usable(peer, tried, nowSec) })),
    ...up.backup.map((peer) => ({ peer, state: 'backup' as const })),
  ];
  if (single) {
    const peer = up.primary[0]!;
    return { peer: peer.down || tried.has(peer) ? null : peer, candidates, single };
  }
  const peer = pickFrom(up.primary, tried, nowSec) ?? pickFrom(up.backup, tried, nowSec);
  return { peer, candidates, single };
}

/** Records how a try ended (nginx's free_peer). */
export function releasePeer(up: Upstream, peer: Peer, failed: boolean, nowSec: number): void {
  if (up.primary.length === 1 && up.backup.length === 0) return;
  if (failed) {
    peer.fails++;
    peer.accessed = nowSec;
    peer.checked = nowSec;
    if (peer.maxFails > 0) peer.effectiveWeight -= Math.floor(peer.weight / peer.maxFails);
    if (peer.effectiveWeight < 0) peer.effectiveWeight = 0;
  } else if (peer.accessed < peer.checked) {
    peer.fails = 0;
  }
}
