/**
 * A scenario's running backends, changed from the UI without reloading the
 * scenario: stopped (connections refused), slowed, or failing at a rate.
 * The transport asks `isDown`; a handler in front of every app
 * (`controlHandler`) applies the latency and the failures. Which requests
 * fail comes from a seeded generator per backend, so a run replays alike.
 */
import { http, passthrough, type HttpHandler } from 'msw';
import type { Clock } from '../engine';
import { mulberry32 } from '../http/mulberry32';
import { crc32 } from '../http/crc32';
import type { BackendChange } from '../runtime/types';
import { answerJson } from './apps/answer';
import { BACKEND_APPS } from './apps';
import type { BackendMap, FailStatus } from '../scenario';
import { wireRequestOf, type BackendDecision } from './wire';

/** How a backend runs right now. */
export interface BackendState {
  down: boolean;
  latencyMs: number;
  failRate: number;
  failStatus: FailStatus;
}

/** A change from the UI; `failStatus` may also be `'refused'` (the connection is refused at that rate). */
export type BackendControlChange = Omit<BackendChange, 'failStatus'> & { failStatus?: FailStatus };

interface Running extends BackendState {
  /** The next number in [0, 1) of this backend's generator. */
  random: () => number;
}

export class BackendControls {
  private readonly running = new Map<string, Running>();

  /** Each backend starts as its spec says, else as its app does (`slow` is slow, `flaky` fails). */
  constructor(backends: BackendMap) {
    for (const [address, spec] of Object.entries(backends)) {
      const defaults = BACKEND_APPS[spec.app ?? 'echo'].defaults ?? {};
      this.running.set(address, {
        down: spec.down === true,
        latencyMs: spec.latencyMs ?? defaults.latencyMs ?? 0,
        failRate: spec.failRate ?? defaults.failRate ?? 0,
        failStatus: spec.failStatus ?? defaults.failStatus ?? 503,
        random: generator(spec.seed ?? crc32(address)),
      });
    }
  }

  /** Applies a change at once: the next request sees it, requests already waiting keep theirs. */
  set(address: string, change: BackendControlChange): void {
    const state = this.running.get(address);
    if (!state) throw new RangeError(`no backend at ${address}`);
    if (change.latencyMs !== undefined && !(change.latencyMs >= 0)) {
      throw new RangeError(`latencyMs must be 0 or more, not ${change.latencyMs}`);
    }
    if (change.failRate !== undefined && !(change.failRate >= 0 && change.failRate <= 1)) {
      throw new RangeError(`failRate must be within 0..1, not ${change.failRate}`);
    }
    if (change.down !== undefined) state.down = change.down;
    if (change.latencyMs !== undefined) state.latencyMs = change.latencyMs;
    if (change.failRate !== undefined) state.failRate = change.failRate;
    if (change.failStatus !== undefined) state.failStatus = change.failStatus;
  }

  /** The backend's settings, or undefined when the scenario has none at `address`. */
  get(address: string): BackendState | undefined {
    const state = this.running.get(address);
    if (!state) return undefined;
    const { down, latencyMs, failRate, failStatus } = state;
    return { down, latencyMs, failRate, failStatus };
  }

  /** Every backend's settings, by address. */
  states(): Record<string, BackendState> {
    const all: Record<string, BackendState> = {};
    for (const address of this.running.keys()) all[address] = this.get(address)!;
    return all;
  }

  isDown(address: string): boolean {
    return this.running.get(address)?.down === true;
  }

  /** This request's fate: the wait before answering, and the failure instead of the app's answer (or null). */
  decide(address: string): BackendDecision {
    const state = this.running.get(address);
    if (!state) return { latencyMs: 0, failure: null };
    // The generator moves only while failures are asked for: requests made meanwhile change nothing.
    const fails = state.failRate > 0 && state.random() < state.failRate;
    return { latencyMs: state.latencyMs, failure: fails ? state.failStatus : null };
  }
}

/**
 * The handler in front of an app: waits the latency, then answers the
 * failure, refuses the connection, or lets the app answer (returns nothing).
 */
export function controlHandler(
  address: string,
  name: string,
  controls: BackendControls,
  clock: Clock,
): HttpHandler {
  return http.all(`http://${address}/*`, async ({ request }) => {
    const wire = await wireRequestOf(request);
    // The transport decides first when it can (a refusal must be known at once); else decide here.
    const { latencyMs, failure } = wire.decision ?? controls.decide(address);
    // A refused connection is refused at once: nothing listened long enough to be slow.
    if (failure === 'refused') return passthrough();
    if (latencyMs === 0 && failure === null) return undefined;
    if (latencyMs > 0) await clock.sleep(latencyMs, wire.cancellation);
    if (failure === null) return undefined;
    return answerJson(name, wire.method, failure, {
      backend: name,
      error: `failing on purpose with ${failure}`,
    });
  });
}

/** The engine's seeded generator, as numbers in [0, 1). */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    const step = mulberry32(state);
    state = step.state;
    return step.value / 2 ** 32;
  };
}
