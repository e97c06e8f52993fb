/** A scenario's backends as one transport: apps where something listens, refused connections where not. */
import type { Clock, Transport, UpstreamOutcome } from '../engine';
import { BACKEND_APPS } from './apps';
import { BackendControls, controlHandler } from './controls';
import type { BackendMap } from '../scenario';
import { createMswTransport } from './transport';

export type { AppName, BackendMap, BackendSpec, FailStatus, RouteSpec } from '../scenario';
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
  const transport = createMswTransport({
    handlers: () => handlers,
    isDown: (address) => !Object.hasOwn(backends, address) || controls.isDown(address),
    decide: (address) => controls.decide(address),
  });
  return withExtraHeaders(transport, backends);
}

/** Adds each backend's `headers` to its answers; a refused connection stays an outcome known at once. */
function withExtraHeaders(transport: Transport, backends: BackendMap): Transport {
  return (request, cancellation) => {
    const outcome = transport(request, cancellation);
    const extra = Object.hasOwn(backends, request.address)
      ? Object.entries(backends[request.address]?.headers ?? {})
      : [];
    if (extra.length === 0) return outcome;
    const add = (o: UpstreamOutcome): UpstreamOutcome =>
      o.kind === 'response' ? { ...o, headers: [...o.headers, ...extra] } : o;
    return outcome instanceof Promise ? outcome.then(add) : add(outcome);
  };
}
