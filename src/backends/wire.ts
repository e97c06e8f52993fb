/**
 * The exact bytes of a proxied exchange, kept beside the fetch objects that
 * carry it. A fetch `Request` cannot hold what nginx really sends (the
 * browser drops Host, Connection and other "forbidden" headers, merges
 * repeats, and normalises `/a/../b`), and a `Response` cannot carry
 * Set-Cookie or a 1xx status; so the transport registers the wire-level
 * message under an id and passes only the id in a header.
 */
import type { HeaderList } from '../engine/http/message';
import type { UpstreamRequest } from '../engine/upstream/transport';

export const WIRE_REQUEST_HEADER = 'x-sandbox-wire-request';
export const WIRE_RESPONSE_HEADER = 'x-sandbox-wire-response';

export interface WireRequest extends UpstreamRequest {
  /** Aborted when the proxy gives up waiting (read timeout). */
  signal: AbortSignal;
}

export interface WireResponse {
  status: number;
  headers: HeaderList;
  body: Uint8Array;
}

let nextId = 1;
const requests = new Map<string, WireRequest>();
const responses = new Map<string, WireResponse>();

export function registerWireRequest(request: WireRequest): string {
  const id = String(nextId++);
  requests.set(id, request);
  return id;
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
  const id = request.headers.get(WIRE_REQUEST_HEADER);
  const wire = id ? requests.get(id) : undefined;
  if (wire) return wire;
  const url = new URL(request.url);
  const body = request.body ? new Uint8Array(await request.arrayBuffer()) : null;
  return {
    address: url.host,
    method: request.method,
    target: url.pathname + url.search,
    httpVersion: '1.1',
    headers: [...request.headers].filter(([n]) => n !== WIRE_REQUEST_HEADER),
    body,
    signal: request.signal,
  };
}

/** A fetch `Response` standing for the exact wire response (its status and headers kept aside). */
export function wireResponse(res: WireResponse): Response {
  const id = String(nextId++);
  responses.set(id, res);
  return new Response(null, { status: 200, headers: { [WIRE_RESPONSE_HEADER]: id } });
}

/** Takes the wire response back from a fetch `Response` (or reads an ordinary one). */
export async function takeWireResponse(response: Response): Promise<WireResponse> {
  const id = response.headers.get(WIRE_RESPONSE_HEADER);
  const wire = id ? responses.get(id) : undefined;
  if (id && wire) {
    responses.delete(id);
    return wire;
  }
  return {
    status: response.status,
    headers: [...response.headers],
    body: new Uint8Array(await response.arrayBuffer()),
  };
}
