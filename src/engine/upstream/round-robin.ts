/**
 * nginx's smooth weighted round robin (ngx_http_upstream_round_robin.c), with
 * its failure accounting: max_fails within fail_timeout takes a server out,
 * and a failed server's effective weight climbs back one step per pick. It
 * is the default method, the tie-breaker of least_conn, and where the hash
 * methods fall back to.
 */
import type { BalancingMethod } from './method';
import {
  markPicked,
  peerState,
  snapshot,
  STATE_WORDS,
  type PickContext,
  type PickResult,
} from './pick';
import type { Peer, Upstream } from './upstream';

interface Round {
  best: Peer | null;
  total: number;
  compared: Map<Peer, number>;
}

/** One smooth weighted pick over the peers that can take the request. */
function smoothPick(peers: readonly Peer[], ctx: PickContext, nowSec: number): Round {
  let best: Peer | null = null;
  let total = 0;
  const compared = new Map<Peer, number>();
  for (const p of peers) {
    if (peerState(p, ctx.tried, nowSec) !== 'up') continue;
    p.currentWeight += p.effectiveWeight;
    total += p.effectiveWeight;
    if (p.effectiveWeight < p.weight) p.effectiveWeight++;
    compared.set(p, p.currentWeight);
    if (best === null || p.currentWeight > best.currentWeight) best = p;
  }
  if (best !== null) {
    best.currentWeight -= total;
    markPicked(best, nowSec);
  }
  return { best, total, compared };
}

/** The group of one: no weights to compare, and a failure never takes it out. */
function pickSingle(up: Upstream, ctx: PickContext, nowSec: number): PickResult {
  const only = up.primary[0]!;
  const state = only.down
    ? 'down'
    : only.maxConns > 0 && only.conns >= only.maxConns
      ? 'busy'
      : 'up';
  const peer = state === 'up' ? only : null;
  return {
    peer,
    method: 'single server',
    candidates: snapshot(up, ctx, nowSec),
    single: true,
    reason: peer
      ? `${peer.address} is the only server: always chosen, never marked failed`
      : `the only server, ${only.address}, is ${STATE_WORDS[state]}`,
  };
}

/** Chooses the next server for a request (the primaries first, then the backups). */
export function pickRoundRobin(
  up: Upstream,
  ctx: PickContext,
  nowSec: number,
  method = 'round robin',
): PickResult {
  if (up.single) return pickSingle(up, ctx, nowSec);
  let round: Round | null = null;
  if (!ctx.inBackup) {
    round = smoothPick(up.primary, ctx, nowSec);
    if (!round.best && up.backup.length) ctx.inBackup = true;
  }
  if (ctx.inBackup) round = smoothPick(up.backup, ctx, nowSec);
  const { best, total, compared } = round!;
  const candidates = snapshot(up, ctx, nowSec, compared);
  if (!best)
    return {
      peer: null,
      method,
      candidates,
      single: false,
      reason: `no server of ${up.name} can take the request (down, failed or already tried)`,
    };
  const weights = [...compared].map(([p, w]) => `${p.address}=${w}`).join(', ');
  const reason = `${ctx.inBackup ? 'no primary server is available, so a backup: ' : ''}smooth weighted round robin: current weights ${weights}; ${best.address} is highest and is chosen, then its weight drops by the total ${total}`;
  return { peer: best, method, candidates, single: false, reason };
}

/** Records how a try ended (nginx's free_peer): `failed` counts towards max_fails. */
export function releasePeer(up: Upstream, peer: Peer, failed: boolean, nowSec: number): void {
  if (peer.conns > 0) peer.conns--;
  if (up.single) return;
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

export const roundRobin: BalancingMethod = {
  method: 'round_robin',
  directive: null,
  allowsBackup: true,
  declare: () => ({ method: 'round_robin' }),
  pickerFor: () => pickRoundRobin,
};
