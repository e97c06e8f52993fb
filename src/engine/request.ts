/** The state of one request while the engine works on it (nginx's ngx_http_request_t). */
import type { Clock } from './clock';
import type { LocationConf, ServerConf } from './conf';
import type { EngineResponse, HeaderList, IncomingRequest } from '../http/message';
import type { TraceEvent } from './trace';
import type { Transport } from './upstream/transport';

export interface UpstreamTry {
  address: string;
  status: number;
  responseTimeMs: number;
  /** Until the connection was made, and until the response header was read; null when never. */
  connectTimeMs: number | null;
  headerTimeMs: number | null;
  /** The request as written to the backend, and its answer as read (0 when none). */
  bytesSent: number;
  bytesReceived: number;
}

export interface Req {
  id: number;
  incoming: IncomingRequest;
  /** The method being served: the client's, or GET after an error_page redirect. */
  method: string;
  startedAt: number;
  clock: Clock;
  transport: Transport;
  /** Client header lines in order, values without the spaces around them (what nginx forwards). */
  headerLines: HeaderList;
  /** Client headers by lower-cased name, values in order. */
  headersIn: Map<string, string[]>;
  /** Host header without port, lower-cased, trailing dot removed ('' when absent). */
  host: string;
  scheme: 'http' | 'https';
  server: ServerConf;
  location: LocationConf | null;
  /** Current decoded URI and query string (rewrites change them). */
  uri: string;
  args: string;
  /** The raw path had `%` escapes. */
  quoted: boolean;
  /** A rewrite changed the URI: the raw target is no longer what is forwarded. */
  uriChanged: boolean;
  /**
   * A `rewrite ... break` changed the URI (nginx's valid_location = 0): proxy_pass with a URI
   * part then sends the whole URI rather than swapping the location's prefix. Only an internal
   * redirect makes the location valid again; a plain rewrite's new location search does not.
   */
  locationInvalid: boolean;
  /** Reached through an internal redirect (try_files, error_page, index, rewrite last). */
  internal: boolean;
  /** Regex captures of the last successful match: [whole, $1, $2, ...]. */
  captures: string[] | null;
  /** Values of `set` variables, named captures and cached map results. */
  vars: Map<string, string>;
  /** Every try of the upstream, in order; one that found no live server has the group's name. */
  upstreamTries: UpstreamTry[];
  /**
   * The headers of the upstream response in hand (`$upstream_http_*`): set by each try that
   * reached a server (null when it answered nothing) and by a cached answer; a try that found
   * no live server leaves them as they were.
   */
  upstreamHeaders: HeaderList | null;
  proxyHost: string;
  /** Status of the response, once known (`$status`). */
  status: number;
  /** Response headers as sent (`$sent_http_*`). */
  headersOut: HeaderList;
  /** The response as it went to the client, once sent (`$bytes_sent`, `$body_bytes_sent`). */
  sent: EngineResponse | null;
  /** `$gzip_ratio`: the body's size before and after compression, when gzip compressed it. */
  gzipSizes?: { in: number; out: number };
  /** The body was refused (413) and thrown away: later internal requests carry none. */
  bodyDiscarded: boolean;
  /** error_page was used once already (nginx does not apply it again without recursive_error_pages). */
  errorPageUsed: boolean;
  /** URI changes so far (rewrites, internal redirects, error pages); nginx allows ten per request. */
  uriChanges: number;
  /** The Location of a redirect that error_page replaced (nginx keeps it in headers_out). */
  errorLocation?: string;
  /** The status the error page being fetched will be sent with (nginx's err_status); 0 when none or `=`. */
  errStatus: number;
  /** Run when the request is done, whatever happened (limit_conn gives back its slot). */
  cleanups: (() => void)[];
  /** `$limit_req_status` / `$limit_conn_status`, set once the module ran (it does not run again after an internal redirect). */
  limitReqStatus?: string;
  limitConnStatus?: string;
  /** `$upstream_cache_status`, once the proxy cache looked at the request. */
  cacheStatus?: import('./cache/proxy-cache').CacheStatus;
  trace: TraceEvent[];
}

/** A trace event before the request id and time are stamped on it. */
export type TraceInput = TraceEvent extends infer E
  ? E extends TraceEvent
    ? Omit<E, 'at' | 'requestId'>
    : never
  : never;

/** Adds a trace event with the request's id and the current virtual time. */
export function emit(r: Req, event: TraceInput): void {
  // Stamped in place rather than spread into a copy: this runs several times per request.
  const stamped = event as TraceEvent;
  stamped.at = r.clock.now();
  stamped.requestId = r.id;
  r.trace.push(stamped);
}
