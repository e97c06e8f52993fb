/**
 * Builds the bytes a client like curl sends for "METHOD URL", following the
 * conformance format: the Host header is the URL's authority as written,
 * then the given headers, then Content-Length for a body, then
 * `Connection: close` unless one was given.
 */
import { textEncoder, type HeaderList, type IncomingRequest } from './message';

export interface ClientRequestInit {
  method?: string;
  /** `http://example.com/path?x=1` or `https://...`; the target after the authority is sent verbatim. */
  url: string;
  /** In the order to send; an array value sends the header once per element. */
  headers?: Record<string, string | string[]> | HeaderList;
  body?: string | Uint8Array | null;
  /** `$remote_addr`; defaults to 127.0.0.1. */
  client?: string;
}

export interface SplitUrl {
  scheme: 'http' | 'https';
  authority: string;
  host: string;
  port: number;
  target: string;
}

/** Splits a URL without normalising anything (unlike `new URL`, which would resolve `..`). */
export function splitUrl(url: string): SplitUrl {
  const m = /^(https?):\/\/([^/?#]*)(.*)$/i.exec(url);
  if (!m) throw new TypeError(`not an http(s) URL: ${url}`);
  const scheme = m[1]!.toLowerCase() as 'http' | 'https';
  const authority = m[2]!;
  let target = m[3]!;
  if (target === '' || target.startsWith('?')) target = '/' + target;
  const hm = /^(\[[^\]]*\]|[^:]*)(?::(\d*))?$/.exec(authority);
  const host = hm ? hm[1]! : authority;
  const portText = hm?.[2];
  const port = portText ? Number(portText) : scheme === 'https' ? 443 : 80;
  return { scheme, authority, host, port, target };
}

export function clientRequest(init: ClientRequestInit): IncomingRequest {
  const { scheme, authority, port, target } = splitUrl(init.url);
  const given: HeaderList = Array.isArray(init.headers)
    ? init.headers.map(([n, v]) => [n, v])
    : Object.entries(init.headers ?? {}).flatMap(([n, v]) =>
        Array.isArray(v) ? v.map((x): [string, string] => [n, x]) : [[n, v] as [string, string]],
      );
  const has = (name: string) => given.some(([n]) => n.toLowerCase() === name);
  const headers: HeaderList = [];
  if (!has('host')) headers.push(['Host', authority]);
  headers.push(...given);
  const body =
    init.body == null
      ? null
      : typeof init.body === 'string'
        ? textEncoder.encode(init.body)
        : init.body;
  if (body && !has('content-length')) headers.push(['Content-Length', String(body.length)]);
  if (!has('connection')) headers.push(['Connection', 'close']);
  return {
    method: init.method ?? 'GET',
    target,
    httpVersion: '1.1',
    headers,
    body,
    clientAddress: init.client ?? '127.0.0.1',
    port,
    tls: scheme === 'https',
  };
}
