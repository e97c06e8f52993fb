/**
 * `random` and `random two [least_conn]` (ngx_http_upstream_random_module):
 * a server drawn at random with probability proportional to its weight, or
 * the less busy (per weight) of two different servers drawn that way. After
 * 20 unusable draws round robin decides.
 *
 * nginx draws with the C library's random(). The sandbox draws from its own
 * generator (mulberry32) whose state lives in the upstream group and starts
 * from a seed made of the group's name, so a scenario replays with the same
 * picks and the same trace every time.
 */
import { mulberry32 } from '../../http/mulberry32';
import type { ConfigNode } from '../config/node';
import { fail } from '../modules/slots';
import { MAX_PROBES, roundRobinFallback } from './fallback';
import type { BalancingMethod } from './method';
import {
  markPicked,
  peerState,
  slotOwner,
  snapshot,
  STATE_WORDS,
  type PickContext,
  type PickResult,
  type Probe,
} from './pick';
import type { Peer, Upstream } from './upstream';

/** The next number of the group's generator, 0 .. 2^31 - 1 like random(). */
export function nextRandom(up: Upstream): number {
  const { state, value } = mulberry32(up.randomState);
  up.randomState = state;
  return value >>> 1;
}

/** Draws a primary by weight. */
function draw(up: Upstream, probes: Probe[], ctx: PickContext, nowSec: number) {
  const value = nextRandom(up) % up.totalWeight;
  const peer = up.primary[slotOwner(up.primary, value)]!;
  const probe: Probe = {
    value,
    slot: value,
    address: peer.address,
    state: peerState(peer, ctx.tried, nowSec),
  };
  probes.push(probe);
  return { peer, probe };
}

export function pickRandom(up: Upstream, ctx: PickContext, nowSec: number): PickResult {
  const two = up.balancer.method === 'random' && up.balancer.two;
  const method = two ? 'random two' : 'random';
  if (ctx.probes > MAX_PROBES || up.primary.length < 2)
    return randomFallback(up, ctx, nowSec, method, []);
  const probes: Probe[] = [];
  let first: Peer | null = null;
  for (;;) {
    const { peer, probe } = draw(up, probes, ctx, nowSec);
    if (two && peer === first) probe.state = 'again';
    if (probe.state === 'up') {
      if (!two) return chosen(up, ctx, nowSec, peer, method, probes, describe(probes, peer));
      if (first === null) {
        first = peer;
      } else {
        // The second draw wins ties: the first is kept only when it is strictly less busy.
        const best = peer.conns * first.weight > first.conns * peer.weight ? first : peer;
        const reason = `random two least_conn: drew ${first.address} (${active(first)}) and ${peer.address} (${active(peer)}); ${best.address} ${best === peer && !(peer.conns * first.weight < first.conns * peer.weight) ? 'is as idle per weight, and the second draw wins a tie' : 'has fewer per weight'}`;
        return chosen(up, ctx, nowSec, best, method, probes, reason);
      }
    }
    if (++ctx.probes > MAX_PROBES) return randomFallback(up, ctx, nowSec, method, probes);
  }
}

const active = (p: Peer) => `${p.conns} active${p.weight > 1 ? `, weight ${p.weight}` : ''}`;

function describe(probes: readonly Probe[], peer: Peer): string {
  const last = probes[probes.length - 1]!;
  const skipped = probes
    .slice(0, -1)
    .map((p) => `${p.address} (${STATE_WORDS[p.state]})`)
    .join(', ');
  return `random: drew ${last.value} of the total weight, which is ${peer.address}${skipped ? `; drawn before: ${skipped}` : ''}`;
}

function chosen(
  up: Upstream,
  ctx: PickContext,
  nowSec: number,
  peer: Peer,
  method: string,
  probes: Probe[],
  reason: string,
): PickResult {
  markPicked(peer, nowSec);
  return { peer, method, candidates: snapshot(up, ctx, nowSec), single: false, reason, probes };
}

function randomFallback(
  up: Upstream,
  ctx: PickContext,
  nowSec: number,
  method: string,
  probes: Probe[],
): PickResult {
  const why =
    up.primary.length < 2
      ? 'with one primary server there is nothing to draw'
      : `${method} drew no available server in ${MAX_PROBES} tries`;
  return roundRobinFallback(up, ctx, nowSec, method, why, { probes });
}

declare module './method' {
  interface BalancerOptions {
    random: { two: boolean };
  }
}

function parseRandom(node: ConfigNode): boolean {
  const [two, how] = node.args;
  if (two !== undefined && two !== 'two') fail(node, `invalid parameter "${two}"`);
  if (how !== undefined && how !== 'least_conn') fail(node, `invalid parameter "${how}"`);
  return two !== undefined;
}

export const random: BalancingMethod = {
  method: 'random',
  directive: {
    name: 'random',
    contexts: ['upstream'],
    args: [0, 1, 2],
    parse: parseRandom,
    summary: 'Pick a random server (`two`: the less busy of two random ones).',
  },
  allowsBackup: false,
  // `random two` followed by a plain `random` stays "two": nginx only ever sets that flag.
  declare: (node, before) => ({
    method: 'random',
    two: [...before, node].some((n) => n.directive === 'random' && (n.value as boolean)),
  }),
  pickerFor: () => pickRandom,
};
