/** A scenario's backends as one transport: echo apps where something listens, refused connections where not. */
import type { Clock } from '../engine/clock';
import type { Transport } from '../engine/upstream/transport';
import { echoBackend } from './echo';
import type { BackendMap } from './spec';
import { createMswTransport } from './transport';

export type { BackendMap, BackendSpec, RouteSpec } from './spec';
export { echoBackend, describeRequest } from './echo';
export { createMswTransport } from './transport';

export function createBackendTransport(backends: BackendMap, clock: Clock): Transport {
  const handlers = Object.entries(backends)
    .filter(([, spec]) => !spec.down)
    .flatMap(([address, spec]) => echoBackend(address, spec, clock));
  return createMswTransport({
    handlers: () => handlers,
    isDown: (address) => backends[address]?.down === true,
  });
}
