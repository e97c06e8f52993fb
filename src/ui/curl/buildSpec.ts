/**
 * The request curl sends for one hop, headers in curl 8's order: Host,
 * Authorization, User-Agent, Accept, Accept-Encoding, Cookie, the -H headers
 * as given, then Content-Length and Content-Type for a body.
 */
import type { ClientRequest } from '../../scenario';
import { hostHeader } from '../../scenario/url';
import { ACCEPT_ENCODING, type CurlRequest } from './curlCommand';

export interface Hop {
  url: string;
  method: string;
  body: string | null;
  /** curl keeps a -H Host and -u credentials only while talking to the host it started with. */
  sameHost: boolean;
}

export function buildSpec(request: CurlRequest, hop: Hop): ClientRequest {
  const custom = request.headers;
  const given = (name: string) => custom.some(([n]) => n.toLowerCase() === name);
  const headers: [string, string][] = [];
  const customHost = hop.sameHost ? custom.find(([n]) => n.toLowerCase() === 'host') : undefined;
  if (customHost) {
    if (customHost[1] !== null) headers.push([customHost[0], customHost[1]]);
  } else {
    headers.push(['Host', hostHeader(hop.url)]);
  }
  if (request.user !== null && hop.sameHost && !given('authorization'))
    headers.push(['Authorization', `Basic ${base64(request.user)}`]);
  if (request.userAgent !== null && !given('user-agent'))
    headers.push(['User-Agent', request.userAgent]);
  if (!given('accept')) headers.push(['Accept', '*/*']);
  if (request.compressed && !given('accept-encoding'))
    headers.push(['Accept-Encoding', ACCEPT_ENCODING]);
  if (request.cookie !== null && !given('cookie')) headers.push(['Cookie', request.cookie]);
  for (const [name, value] of custom) {
    if (value !== null && name.toLowerCase() !== 'host') headers.push([name, value]);
  }
  if (hop.body !== null) {
    if (!given('content-length'))
      headers.push(['Content-Length', String(new TextEncoder().encode(hop.body).length)]);
    if (request.formBody && !given('content-type'))
      headers.push(['Content-Type', 'application/x-www-form-urlencoded']);
  }
  return { method: hop.method, url: hop.url, headers, body: hop.body, client: request.client };
}

function base64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
