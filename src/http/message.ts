/** The messages that cross the proxy: what a client sends, what the proxy answers. */

/** A header line as it travels: name as written, value as written. Order and repeats matter. */
export type HeaderList = [name: string, value: string][];

/** A request as it arrives at the proxy's socket. */
export interface IncomingRequest {
  method: string;
  /** The request target exactly as the client wrote it (`/a/../b?x=%41`). */
  target: string;
  httpVersion: '1.0' | '1.1';
  headers: HeaderList;
  body: Uint8Array | null;
  /** The client's address (`$remote_addr`). */
  clientAddress: string;
  /** The port the client connected to. */
  port: number;
  /** Whether the client spoke TLS to that port. */
  tls: boolean;
}

/** What the proxy answers. */
export interface EngineResponse {
  status: number;
  /** The status line's phrase when it is not nginx's own: a proxied response keeps the backend's. */
  reason?: string;
  headers: HeaderList;
  body: Uint8Array;
}

export const textEncoder = new TextEncoder();
const utf8Decoder = new TextDecoder();

export function bodyText(body: Uint8Array): string {
  return utf8Decoder.decode(body);
}

/** The first value of a header, compared case-insensitively. */
export function headerValue(headers: HeaderList, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [n, v] of headers) if (n.toLowerCase() === lower) return v;
  return undefined;
}

/** Every value of a header, in order. */
export function headerValues(headers: HeaderList, name: string): string[] {
  const lower = name.toLowerCase();
  const out: string[] = [];
  for (const [n, v] of headers) if (n.toLowerCase() === lower) out.push(v);
  return out;
}

/** Statuses a fetch `Response` cannot carry a body with. */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/** Converts to a fetch `Response` (for the service worker and the page). */
export function toFetchResponse(res: EngineResponse): Response {
  const headers = new Headers();
  for (const [n, v] of res.headers) {
    try {
      headers.append(n, v);
    } catch {
      // A header value fetch cannot represent (e.g. a raw newline) is left out rather than failing the whole response.
    }
  }
  const body =
    NULL_BODY_STATUSES.has(res.status) || res.body.length === 0
      ? null
      : (res.body as Uint8Array<ArrayBuffer>);
  return new Response(body, { status: res.status, headers });
}
