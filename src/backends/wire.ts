/**
 * The exact bytes of a proxied exchange, kept beside the fetch objects that
 * carry it. A fetch `Request` cannot hold what nginx really sends (the
 * browser drops Host, Connection and other "forbidden" headers, merges
 * repeats, and normalises `/a/../b`), and a `Response` cannot carry
 * Set-Cookie or a 1xx status. So the transport registers the wire-level
 * request under an id carried in the fetch URL's fragment (never part of a
 * real request target, and cheaper than a header), and a handler's wire
 * response is found again by the identity of the Response it returned.
 */
import { Cancellation, type UpstreamRequest } from '../engine';
import type { HeaderList } from '../http/message';
import type { FailStatus } from '../scenario';

const WIRE_FRAGMENT = '#sandbox-wire=';

export interface WireRequest extends UpstreamRequest {
  /** Cancelled when the proxy gives up waiting (read timeout). */
  cancellation: Cancellation;
  /** The backend's controls' decision for this request, when the transport made it already. */
  decision?: BackendDecision;
}

/** This request's fate at a backend: the wait before answering, and the failure instead of the app's answer. */
export interface BackendDecision {
  latencyMs: number;
  failure: FailStatus | null;
}

export interface WireResponse {
  status: number;
  headers: HeaderList;
  body: Uint8Array;
}

let nextId = 1;
const requests = new Map<string, WireRequest>();
const responses = new WeakMap<Response, WireResponse>();

export function registerWireRequest(request: WireRequest): string {
  const id = String(nextId++);
  requests.set(id, request);
  return id;
}

/** The fetch URL for a wire request: the path for handlers to match, the id in the fragment. */
export function wireUrl(address: string, path: string, id: string): string {
  return `http://${address}${path}${WIRE_FRAGMENT}${id}`;
}

export function releaseWireRequest(id: string): void {
  requests.delete(id);
}

/**
 * The request as the proxy wrote it. A request that did not come through
 * the sandbox transport (a plain fetch in a test) is described from its
 * fetch fields instead.
 */
export async function wireRequestOf(request: Request): Promise<WireRequest> {
  const mark = request.url.lastIndexOf(WIRE_FRAGMENT);
  const wire =
    mark === -1 ? undefined : requests.get(request.url.slice(mark + WIRE_FRAGMENT.length));
  if (wire) return wire;
  const url = new URL(request.url);
  const body = request.body ? new Uint8Array(await request.arrayBuffer()) : null;
  return {
    address: url.host,
    method: request.method,
    target: url.pathname + url.search,
    httpVersion: '1.1',
    headers: [...request.headers],
    body,
    cancellation: cancellationOf(request.signal),
  };
}

/**
 * A fetch `Response` standing for the exact wire response. MSW's getResponse
 * hands back the very object a handler returned, so the wire response is
 * found again by identity (`wire.test.ts` pins that).
 */
export function wireResponse(res: WireResponse): Response {
  const response = new Response(null);
  responses.set(response, res);
  return response;
}

/** Takes the wire response back from a fetch `Response` (or reads an ordinary one). */
export async function takeWireResponse(response: Response): Promise<WireResponse> {
  const wire = responses.get(response);
  if (wire) return wire;
  return {
    status: response.status,
    headers: [...response.headers],
    body: new Uint8Array(await response.arrayBuffer()),
  };
}

function cancellationOf(signal: AbortSignal): Cancellation {
  const cancellation = new Cancellation();
  if (signal.aborted) cancellation.cancel();
  else signal.addEventListener('abort', () => cancellation.cancel(), { once: true });
  return cancellation;
}
