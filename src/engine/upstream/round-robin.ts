/**
 * nginx's smooth weighted round robin (ngx_http_upstream_round_robin.c), with
 * its failure accounting: max_fails within fail_timeout takes a server out,
 * and a failed server's effective weight climbs back one step per pick.
 */
import type { Peer, Upstream } from './upstream';

export type PeerState = 'up' | 'down' | 'failed' | 'tried' | 'backup';

export interface CandidateSnapshot {
  peer: Peer;
  state: PeerState;
  /** The weight the pick compared: current weight plus effective weight (before the winner pays the total). */
  compared: number | null;
  effectiveWeight: number;
}

export interface PickResult {
  peer: Peer | null;
  /** Every server's state at the moment of the pick, for the trace. */
  candidates: CandidateSnapshot[];
  /** Whether the group has a single server (always chosen, never marked failed). */
  single: boolean;
  /** The decision in words. */
  reason: string;
}

function usable(p: Peer, tried: ReadonlySet<Peer>, nowSec: number): Exclude<PeerState, 'backup'> {
  if (tried.has(p)) return 'tried';
  if (p.down) return 'down';
  if (p.maxFails > 0 && p.fails >= p.maxFails && nowSec - p.checked <= p.failTimeout)
    return 'failed';
  return 'up';
}

interface Round {
  best: Peer | null;
  total: number;
  compared: Map<Peer, number>;
}

function pickFrom(peers: readonly Peer[], tried: ReadonlySet<Peer>, nowSec: number): Round {
  let best: Peer | null = null;
  let total = 0;
  const compared = new Map<Peer, number>();
  for (const p of peers) {
    if (usable(p, tried, nowSec) !== 'up') continue;
    p.currentWeight += p.effectiveWeight;
    total += p.effectiveWeight;
    if (p.effectiveWeight < p.weight) p.effectiveWeight++;
    compared.set(p, p.currentWeight);
    if (best === null || p.currentWeight > best.currentWeight) best = p;
  }
  if (best !== null) {
    best.currentWeight -= total;
    if (nowSec - best.checked > best.failTimeout) best.checked = nowSec;
  }
  return { best, total, compared };
}

/** Chooses the next server for a request that has already tried `tried`. */
export function pickRoundRobin(up: Upstream, tried: ReadonlySet<Peer>, nowSec: number): PickResult {
  const single = up.primary.length === 1 && up.backup.length === 0;
  if (single) {
    // The common case of `proxy_pass http://address`: no weights to compare.
    const only = up.primary[0]!;
    const peer = only.down || tried.has(only) ? null : only;
    const reason = peer
      ? `${peer.address} is the only server: always chosen, never marked failed`
      : `the only server, ${only.address}, is ${only.down ? 'down' : 'already tried'}`;
    const state = usable(only, tried, nowSec);
    return {
      peer,
      candidates: [{ peer: only, state, compared: null, effectiveWeight: only.effectiveWeight }],
      single,
      reason,
    };
  }
  const states = new Map<Peer, PeerState>([
    ...up.primary.map((peer): [Peer, PeerState] => [peer, usable(peer, tried, nowSec)]),
    ...up.backup.map((peer): [Peer, PeerState] => [peer, 'backup']),
  ]);
  const snapshot = (round: Round): CandidateSnapshot[] =>
    [...states].map(([peer, state]) => ({
      peer,
      state,
      compared: round.compared.get(peer) ?? null,
      effectiveWeight: peer.effectiveWeight,
    }));
  let round = pickFrom(up.primary, tried, nowSec);
  let fromBackup = false;
  if (!round.best && up.backup.length) {
    round = pickFrom(up.backup, tried, nowSec);
    fromBackup = true;
  }
  const best = round.best;
  if (!best)
    return {
      peer: null,
      candidates: snapshot(round),
      single,
      reason: `no server of ${up.name} can take the request (down, failed or already tried)`,
    };
  const weights = [...round.compared].map(([p, w]) => `${p.address}=${w}`).join(', ');
  const reason = `${fromBackup ? 'no primary server is available, so a backup: ' : ''}smooth weighted round robin: current weights ${weights}; ${best.address} is highest and is chosen, then its weight drops by the total ${round.total}`;
  return { peer: best, candidates: snapshot(round), single, reason };
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
