/** What a backend app is: MSW handlers for one address, and the settings it starts with. */
import type { HttpHandler } from 'msw';
import type { Clock } from '../../engine';
import type { BackendSpec, FailStatus } from '../../scenario';

export interface BackendApp {
  /** Handlers answering requests to `http://ADDRESS/…`; returning nothing for a request refuses it. */
  handlers(address: string, spec: BackendSpec, clock: Clock): HttpHandler[];
  /** Latency and failures the app has unless its spec or the controls say otherwise. */
  defaults?: { latencyMs?: number; failRate?: number; failStatus?: FailStatus };
}
