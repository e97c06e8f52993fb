/** A scenario's backends as one transport: apps where something listens, refused connections where not. */
import type { Clock } from '../engine/clock';
import type { Transport } from '../engine/upstream/transport';
import { BACKEND_APPS } from './apps';
import type { BackendMap } from './spec';
import { createMswTransport } from './transport';

export type { AppName, BackendMap, BackendSpec, RouteSpec } from './spec';
export { echoBackend, describeRequest } from './echo';
export { BACKEND_APPS, type BackendApp } from './apps';
export { createMswTransport } from './transport';

export function createBackendTransport(backends: BackendMap, clock: Clock): Transport {
  const handlers = Object.entries(backends)
    .filter(([, spec]) => !spec.down)
    .flatMap(([address, spec]) => BACKEND_APPS[spec.app ?? 'echo'].handlers(address, spec, clock));
  return createMswTransport({
    handlers: () => handlers,
    isDown: (address) => backends[address]?.down === true,
  });
}
