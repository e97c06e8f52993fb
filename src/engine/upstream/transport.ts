/** How the proxy reaches backends: one request out, a response or a refused connection back. */
import type { Cancellation } from '../clock';
import type { HeaderList } from '../../http/message';

/** The request exactly as the proxy writes it on the upstream connection. */
export interface UpstreamRequest {
  /** `127.0.0.1:3001`: the address dialled. */
  address: string;
  method: string;
  /** The request target as sent (`/v2/users?id=7`). */
  target: string;
  httpVersion: '1.0' | '1.1';
  headers: HeaderList;
  body: Uint8Array | null;
}

/** A response exactly as a backend sent it, before nginx changed anything. */
export interface UpstreamResponse {
  /** The address that answered. */
  address: string;
  status: number;
  /** The backend's status phrase, when known. */
  reason?: string;
  headers: HeaderList;
  body: Uint8Array;
}

export type UpstreamOutcome =
  | {
      kind: 'response';
      status: number;
      /** The status line's phrase, when the backend's is known (otherwise the usual one for the code). */
      reason?: string;
      headers: HeaderList;
      body: Uint8Array;
    }
  /** Nothing listens at the address. */
  | { kind: 'refused' };

/**
 * Sends one request to a backend. The cancellation fires when the proxy gives
 * up (a read timeout); the transport then simply stops.
 *
 * A transport that knows the outcome at once (nothing listens at the address)
 * returns it directly rather than a promise. nginx has, as a rule, noted a
 * refused loopback connection before it reads the next request, so requests
 * running side by side must not pick the failed server in the meantime.
 */
export type Transport = (
  request: UpstreamRequest,
  cancellation: Cancellation,
) => UpstreamOutcome | Promise<UpstreamOutcome>;
