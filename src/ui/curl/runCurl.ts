/**
 * Runs a parsed curl command against the sandbox: one `send` per hop,
 * following redirects with -L as curl does, and decoding the body for
 * --compressed. What to print is formatCurl's job.
 */
import { splitUrl } from '../../http/client-request';
import { headerValue, type EngineResponse } from '../../http/message';
import type { Exchange } from '../../runtime/types';
import type { ClientRequest } from '../../scenario';
import { buildSpec } from './buildSpec';
import type { CurlCommand } from './curlCommand';

export interface CurlHop {
  spec: ClientRequest;
  exchange: Exchange;
  /** The body as curl writes it out: decoded when --compressed asked for an encoding. */
  body: Uint8Array;
  /** What curl says in verbose mode before sending the next hop (the redirect it follows). */
  nextNotes: string[];
}

/** Why curl stopped with an error: its exit code and message (`curl: (7) ...` without the prefix). */
export interface CurlFailure {
  code: number | null;
  message: string;
}

export interface CurlRun {
  hops: CurlHop[];
  failure: CurlFailure | null;
}

const REDIRECTS = new Set([300, 301, 302, 303, 307, 308]);
const DECODERS: Record<string, CompressionFormat> = {
  gzip: 'gzip',
  'x-gzip': 'gzip',
  deflate: 'deflate',
};

export async function runCurl(
  command: CurlCommand,
  send: (spec: ClientRequest) => Promise<Exchange>,
): Promise<CurlRun> {
  const { request, output } = command;
  const hops: CurlHop[] = [];
  const firstHost = authorityOf(request.url);
  let spec = command.spec;
  let body = request.body;
  for (;;) {
    let exchange: Exchange;
    try {
      exchange = await send(spec);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return {
        hops,
        failure: { code: null, message: `the sandbox could not send this: ${message}` },
      };
    }
    const { response } = exchange;
    if (!response) {
      hops.push({ spec, exchange, body: new Uint8Array(), nextNotes: [] });
      return { hops, failure: connectionFailure(spec.url, exchange.connectionError ?? '') };
    }
    const decoded = request.compressed ? await decode(response) : response.body;
    const hop: CurlHop = { spec, exchange, body: decoded ?? new Uint8Array(), nextNotes: [] };
    hops.push(hop);
    if (decoded === null)
      return {
        hops,
        failure: { code: 61, message: 'Unrecognized or bad HTTP Content or Transfer-Encoding' },
      };

    const location = headerValue(response.headers, 'location');
    if (!output.follow || !REDIRECTS.has(response.status) || location === undefined)
      return { hops, failure: httpFailure(command, response) };
    if (hops.length - 1 >= command.maxRedirects)
      return {
        hops,
        failure: { code: 47, message: `Maximum (${command.maxRedirects}) redirects followed` },
      };

    const url = resolve(location, spec.url);
    if (url === null)
      return {
        hops,
        failure: { code: 3, message: 'URL rejected: Malformed input to a URL function' },
      };
    hop.nextNotes.push(`Issue another request to this URL: '${url}'`);
    let method = spec.method;
    const post = method === 'POST';
    if ((response.status === 301 || response.status === 302) && post) {
      hop.nextNotes.push('Switch from POST to GET');
      method = 'GET';
      body = null;
    } else if (response.status === 303 && method !== 'GET' && method !== 'HEAD') {
      hop.nextNotes.push('Switch to GET');
      method = 'GET';
      body = null;
    }
    // A method given with -X is sent on every hop, even after curl switched away from POST.
    spec = buildSpec(request, {
      url,
      method: request.customMethod ?? method,
      body,
      sameHost: authorityOf(url) === firstHost,
    });
  }
}

/** The failure curl reports for the hop's response, if any (-f turns 400 and above into error 22). */
function httpFailure(command: CurlCommand, response: EngineResponse): CurlFailure | null {
  if (!command.fail || response.status < 400) return null;
  return { code: 22, message: `The requested URL returned error: ${response.status}` };
}

function connectionFailure(url: string, reason: string): CurlFailure {
  if (/^TLS handshake failed/i.test(reason))
    return { code: 35, message: 'error:0A00010B:SSL routines::wrong version number' };
  const { host, port } = hostAndPort(url);
  return {
    code: 7,
    message: `Failed to connect to ${host} port ${port} after 0 ms: Couldn't connect to server`,
  };
}

/** The body with its Content-Encoding undone; null for an encoding curl could not undo here. */
async function decode(response: EngineResponse): Promise<Uint8Array | null> {
  const encoding = headerValue(response.headers, 'content-encoding')?.trim().toLowerCase();
  if (!encoding || encoding === 'identity' || response.body.length === 0) return response.body;
  const format = DECODERS[encoding];
  if (!format) return null;
  try {
    const stream = new Blob([response.body as Uint8Array<ArrayBuffer>])
      .stream()
      .pipeThrough(new DecompressionStream(format));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  } catch {
    return null;
  }
}

function resolve(location: string, base: string): string | null {
  try {
    return new URL(location, base).href;
  } catch {
    return null;
  }
}

function authorityOf(url: string): string {
  const { host, port } = hostAndPort(url);
  return `${host}:${port}`;
}

/** The host and port curl dials for a URL (the default port for its scheme when none is written). */
export function hostAndPort(url: string): { host: string; port: number } {
  const { host, port } = splitUrl(url);
  return { host: host.replace(/^\[|\]$/g, ''), port };
}
