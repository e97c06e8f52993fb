/**
 * How many bytes a message takes on the wire, for `$bytes_sent`,
 * `$body_bytes_sent`, `$upstream_bytes_sent` and `$upstream_bytes_received`:
 * the status or request line, each header line, the empty line, the body
 * (with chunked framing when nginx chunks it).
 */
import type { EngineResponse, HeaderList } from '../../http/message';
import { STATUS_LINE_REASONS } from '../../http/pages';

/**
 * The reason phrases HTTP servers commonly send (the IANA names, as Node's
 * http module writes them; `unknown` for a code it has no name for). A
 * proxied response keeps the backend's phrase: nginx passes its status line on.
 */
const BACKEND_REASONS: Record<number, string> = {
  100: 'Continue',
  101: 'Switching Protocols',
  102: 'Processing',
  103: 'Early Hints',
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  203: 'Non-Authoritative Information',
  204: 'No Content',
  205: 'Reset Content',
  206: 'Partial Content',
  207: 'Multi-Status',
  208: 'Already Reported',
  226: 'IM Used',
  300: 'Multiple Choices',
  301: 'Moved Permanently',
  302: 'Found',
  303: 'See Other',
  304: 'Not Modified',
  305: 'Use Proxy',
  307: 'Temporary Redirect',
  308: 'Permanent Redirect',
  400: 'Bad Request',
  401: 'Unauthorized',
  402: 'Payment Required',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  407: 'Proxy Authentication Required',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  411: 'Length Required',
  412: 'Precondition Failed',
  413: 'Payload Too Large',
  414: 'URI Too Long',
  415: 'Unsupported Media Type',
  416: 'Range Not Satisfiable',
  417: 'Expectation Failed',
  418: "I'm a Teapot",
  421: 'Misdirected Request',
  422: 'Unprocessable Entity',
  423: 'Locked',
  424: 'Failed Dependency',
  425: 'Too Early',
  426: 'Upgrade Required',
  428: 'Precondition Required',
  429: 'Too Many Requests',
  431: 'Request Header Fields Too Large',
  451: 'Unavailable For Legal Reasons',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
  505: 'HTTP Version Not Supported',
  506: 'Variant Also Negotiates',
  507: 'Insufficient Storage',
  508: 'Loop Detected',
  509: 'Bandwidth Limit Exceeded',
  510: 'Not Extended',
  511: 'Network Authentication Required',
};

/** The phrase a backend sends with `status` when it does not say otherwise. */
export function backendReason(status: number): string {
  return BACKEND_REASONS[status] ?? 'unknown';
}

/**
 * The status line the client reads: the backend's phrase for a proxied
 * response, nginx's own otherwise; a code nginx has no phrase for is written
 * as `HTTP/1.1 299 ` (a trailing space and no phrase).
 */
export function statusLineOf(res: EngineResponse): string {
  return `HTTP/1.1 ${res.status} ${res.reason ?? STATUS_LINE_REASONS[res.status] ?? ''}`;
}

/** Header lines (`Name: value` CRLF each) and the empty line that ends them. */
function headerLinesLength(headers: HeaderList): number {
  let n = 2;
  for (const [name, value] of headers) n += name.length + value.length + 4;
  return n;
}

/** Whether nginx sends the body chunked: HTTP/1.1, a body-bearing answer to GET, and no Content-Length. */
function isChunked(res: EngineResponse, method: string, httpVersion: string): boolean {
  if (httpVersion !== '1.1' || method === 'HEAD') return false;
  if (res.status < 200 || res.status === 204 || res.status === 304) return false;
  for (const [name] of res.headers) if (name.toLowerCase() === 'content-length') return false;
  return true;
}

/** `$body_bytes_sent`: the body as it went out, chunk framing included (one chunk and the last one). */
export function bodyBytesSent(res: EngineResponse, method: string, httpVersion: string): number {
  const n = res.body.length;
  if (!isChunked(res, method, httpVersion)) return n;
  // "<hex>\r\n<data>\r\n" then "0\r\n\r\n"; an empty body is only the last chunk.
  return n === 0 ? 5 : n + n.toString(16).length + 4 + 5;
}

/** `$bytes_sent`: status line, headers (Transfer-Encoding included when chunked) and body. */
export function bytesSent(res: EngineResponse, method: string, httpVersion: string): number {
  const chunked = isChunked(res, method, httpVersion);
  const header = statusLineOf(res).length + 2 + headerLinesLength(res.headers) + (chunked ? 28 : 0);
  return header + bodyBytesSent(res, method, httpVersion);
}

/** A request as written to a backend: request line, headers, body. */
export function requestLength(
  method: string,
  target: string,
  httpVersion: string,
  headers: HeaderList,
  body: Uint8Array | null,
): number {
  // "METHOD TARGET HTTP/x.y\r\n": two spaces, "HTTP/", CRLF.
  return (
    method.length +
    target.length +
    httpVersion.length +
    9 +
    headerLinesLength(headers) +
    (body?.length ?? 0)
  );
}

/**
 * A backend's answer as nginx read it: status line, headers, body. A backend
 * answering nginx's `Connection: close` says it closes too (HTTP/1.1 servers
 * do); the sandbox's apps leave that line out, so it is counted here.
 */
export function responseLength(
  status: number,
  reason: string,
  headers: HeaderList,
  body: Uint8Array,
): number {
  let n = 9 + String(status).length + 1 + reason.length + 2 + headerLinesLength(headers);
  if (!headers.some(([name]) => name.toLowerCase() === 'connection')) n += 19;
  return n + body.length;
}
