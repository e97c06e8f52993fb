/** What a backend app is: MSW handlers for one address. */
import type { HttpHandler } from 'msw';
import type { Clock } from '../../engine/clock';
import type { BackendSpec } from '../spec';

export interface BackendApp {
  /** Handlers answering requests to `http://ADDRESS/…`; returning nothing for a request refuses it. */
  handlers(address: string, spec: BackendSpec, clock: Clock): HttpHandler[];
}
