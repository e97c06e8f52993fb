/**
 * Where each packet of a burst is drawn this frame. The journey actors say
 * which hop each one is on and whether it is moving; this module remembers
 * when each hop started (the first frame it saw it) and turns the time since
 * into a point along the hop's edge. Pure, so it is tested in node and costs
 * a few microseconds per packet per frame.
 */
import type { Hop, NodeName } from '../../explain';
import type { Flight } from '../../machines/trafficMachine';

export interface Point {
  x: number;
  y: number;
}

/** What a packet carries, drawn with a different shape and colour each. */
export type PacketTone = 'request' | 'answer' | 'error';

/** One journey as a frame needs it. */
export interface FlightView {
  /** Stable for the journey's life. */
  id: string;
  /** The order it was sent in; spreads packets that wait at the same node. */
  index: number;
  hop: Hop | null;
  /** Travelling (rather than held on its hop, or arrived). */
  moving: boolean;
  /** How long the hop takes at the current pace. */
  durationMs: number;
}

export interface PlacedPacket extends Point {
  tone: PacketTone;
}

/** Packets resting at one node sit on a small ring, so a crowd looks like one. */
const RING = 9;
const RING_SLOTS = 12;

export function toneOf(hop: Hop): PacketTone {
  switch (hop.kind) {
    case 'reject':
    case 'no-response':
      return 'error';
    case 'limit': {
      const e = hop.events.find((ev) => ev.type === 'limit');
      return e?.type === 'limit' && e.decision === 'rejected' && !e.dryRun ? 'error' : 'request';
    }
    case 'backend': {
      const e = hop.events.find((ev) => ev.type === 'backend');
      if (e?.type !== 'backend' || e.outcome !== 'response') return 'error';
      return (e.status ?? 200) >= 500 ? 'error' : 'answer';
    }
    case 'respond': {
      const e = hop.events.find((ev) => ev.type === 'respond');
      return e?.type === 'respond' && e.status >= 400 ? 'error' : 'answer';
    }
    default:
      return 'request';
  }
}

function ease(t: number): number {
  return t < 0.5 ? 2 * t * t : 1 - (-2 * t + 2) ** 2 / 2;
}

export class PacketTracker {
  /**
   * Per journey: the hop last seen, whether it was moving, the frame time
   * that started, where along the hop it started (0, or where a pause held
   * it) and where it was drawn last.
   */
  private seen = new Map<
    string,
    { hop: string; moving: boolean; since: number; start: number; last: number }
  >();

  /**
   * Places every flight at `now` (ms, the frame's clock). `reduced`: no
   * movement, each packet sits at its hop's end (the hop is still shown).
   */
  place(
    flights: readonly FlightView[],
    now: number,
    at: ReadonlyMap<NodeName, Point>,
    reduced: boolean,
  ): PlacedPacket[] {
    const placed: PlacedPacket[] = [];
    const alive = new Set<string>();
    for (const f of flights) {
      alive.add(f.id);
      if (!f.hop) continue;
      const from = at.get(f.hop.from);
      const to = at.get(f.hop.to);
      if (!from || !to) continue;
      let mark = this.seen.get(f.id);
      if (mark?.hop !== f.hop.id || mark.moving !== f.moving) {
        // Paused or played again on the same hop: go on from where it was drawn, no jump.
        const start = mark?.hop === f.hop.id ? mark.last : 0;
        mark = { hop: f.hop.id, moving: f.moving, since: now, start, last: start };
        this.seen.set(f.id, mark);
      }
      let t: number;
      if (reduced || f.durationMs <= 0) t = 1;
      else if (!f.moving) t = mark.start;
      else {
        const done = Math.min(1, (now - mark.since) / f.durationMs);
        t = mark.start + (1 - mark.start) * ease(done);
      }
      mark.last = t;
      const angle = ((f.index % RING_SLOTS) / RING_SLOTS) * 2 * Math.PI;
      // Spread only near the ends: mid-edge the packets are apart already.
      const spread = RING * (1 - Math.sin(Math.PI * t));
      placed.push({
        x: from.x + (to.x - from.x) * t + Math.cos(angle) * spread,
        y: from.y + (to.y - from.y) * t + Math.sin(angle) * spread,
        tone: toneOf(f.hop),
      });
    }
    for (const id of this.seen.keys()) if (!alive.has(id)) this.seen.delete(id);
    return placed;
  }
}

/** Journeys in flight between the proxy's group and each backend (sent, not yet answered), by address. */
export function activeByBackend(flights: readonly FlightView[]): Record<string, number> {
  const active: Record<string, number> = {};
  for (const { hop } of flights) {
    if (!hop) continue;
    const end = hop.kind === 'upstream' ? hop.to : hop.kind === 'backend' ? hop.from : null;
    if (!end?.startsWith('backend:')) continue;
    const address = end.slice('backend:'.length);
    active[address] = (active[address] ?? 0) + 1;
  }
  return active;
}

/** What a frame needs of one flight of the traffic machine. */
export function viewOf(flight: Flight): FlightView {
  const snap = flight.actor.getSnapshot();
  const { hops, hopIndex, baseMs, speed } = snap.context;
  const waiting = snap.matches('waiting');
  return {
    id: flight.actor.id,
    index: flight.index,
    hop: waiting ? null : (hops[Math.min(hopIndex, hops.length - 1)] ?? null),
    moving: snap.hasTag('moving'),
    durationMs: baseMs / speed,
  };
}
