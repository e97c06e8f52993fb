/** A scenario's backends as one transport: apps where something listens, refused connections where not. */
import type { Clock } from '../engine/clock';
import type { Transport } from '../engine/upstream/transport';
import { BACKEND_APPS } from './apps';
import { BackendControls, controlHandler } from './controls';
import type { BackendMap } from './spec';
import { createMswTransport } from './transport';

export type { AppName, BackendMap, BackendSpec, FailStatus, RouteSpec } from './spec';
export { echoBackend, describeRequest } from './echo';
export { BACKEND_APPS, type BackendApp } from './apps';
export {
  BackendControls,
  controlHandler,
  type BackendControlChange,
  type BackendState,
} from './controls';
export { createMswTransport } from './transport';

/**
 * The transport for a scenario's backends. Pass `controls` to stop, slow or
 * break backends while the scenario runs; without it they run as specified.
 */
export function createBackendTransport(
  backends: BackendMap,
  clock: Clock,
  controls: BackendControls = new BackendControls(backends),
): Transport {
  const handlers = Object.entries(backends).flatMap(([address, spec]) => [
    controlHandler(address, spec.name, controls, clock),
    ...BACKEND_APPS[spec.app ?? 'echo'].handlers(address, spec, clock),
  ]);
  return createMswTransport({
    handlers: () => handlers,
    isDown: (address) => !Object.hasOwn(backends, address) || controls.isDown(address),
  });
}
