/**
 * The engine's way out to the mock backends: each upstream request is
 * evaluated by MSW request handlers (`getResponse`), the same handlers in
 * node tests, in the page and in the service worker.
 */
import { getResponse, type RequestHandler } from 'msw';
import type { Cancellation, Transport, UpstreamOutcome, UpstreamRequest } from '../engine';
import {
  registerWireRequest,
  releaseWireRequest,
  takeWireResponse,
  wireUrl,
  type BackendDecision,
} from './wire';

export interface MswTransportOptions {
  handlers: () => readonly RequestHandler[];
  /** Whether nothing listens at this address (a stopped backend, or none at all): its connections are refused. */
  isDown?: (address: string) => boolean;
  /**
   * The backend's fate for this request, decided as the connection is made,
   * so a refusal drawn at a fail rate is known at once, like a stopped
   * backend's; the handlers then apply the same decision.
   */
  decide?: (address: string) => BackendDecision;
}

/** Methods a fetch Request refuses; the real method travels on the wire record. */
const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);

/** A refused connection, answered at once (not a promise), so the proxy marks the server failed before other requests pick. */
const REFUSED: UpstreamOutcome = Object.freeze({ kind: 'refused' });

export function createMswTransport(options: MswTransportOptions): Transport {
  const exchange = async (
    req: UpstreamRequest,
    cancellation: Cancellation,
    decision: BackendDecision | undefined,
  ): Promise<UpstreamOutcome> => {
    const id = registerWireRequest({
      decision,
      address: req.address,
      method: req.method,
      target: req.target,
      httpVersion: req.httpVersion,
      headers: req.headers,
      body: req.body,
      cancellation,
    });
    try {
      const method = FORBIDDEN_METHODS.has(req.method.toUpperCase()) ? 'POST' : req.method;
      let request: Request;
      try {
        request = new Request(wireUrl(req.address, pathOf(req.target), id), { method });
      } catch {
        request = new Request(wireUrl(req.address, '/', id), { method: 'POST' });
      }
      const response = await getResponse(options.handlers() as RequestHandler[], request);
      // No handler for the address means nothing listens there; a handler's
      // passthrough() would go to the real network, which the sandbox never does.
      if (!response || response.headers.get('x-msw-intention') === 'passthrough') {
        return { kind: 'refused' };
      }
      const wire = await takeWireResponse(response);
      return { kind: 'response', ...wire };
    } finally {
      releaseWireRequest(id);
    }
  };
  return (req, cancellation) => {
    if (options.isDown?.(req.address)) return REFUSED;
    const decision = options.decide?.(req.address);
    return decision?.failure === 'refused' ? REFUSED : exchange(req, cancellation, decision);
  };
}

/** The path for the fetch URL (handlers match on it); the exact target stays on the wire record. */
function pathOf(target: string): string {
  if (!target.startsWith('/')) return '/';
  // Most targets need no care at all; only `#` and `%` can trip the fetch URL or MSW.
  if (!target.includes('#') && !target.includes('%')) return target;
  const path = target.replace(/#/g, '%23');
  try {
    // MSW decodes the path to match handlers and throws on escapes that are not UTF-8 (`%A0`).
    decodeURIComponent(path);
    return path;
  } catch {
    return path.replace(/%/g, '%25');
  }
}
