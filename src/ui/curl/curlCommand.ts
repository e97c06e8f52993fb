/** A curl command line once read: what to send on every hop, and what to print. */
import type { ClientRequest } from '../../scenario';

/** The version whose defaults (User-Agent, header order, messages) the console copies. */
export const CURL_VERSION = '8.5.0';

/** What curl puts in Accept-Encoding for `--compressed` (a build with brotli and zstd, as Ubuntu 24.04 ships). */
export const ACCEPT_ENCODING = 'deflate, gzip, br, zstd';

/** Everything needed to build the request for any hop, the first or one after a redirect. */
export interface CurlRequest {
  url: string;
  /** The method curl works out from the flags: GET, POST (data) or HEAD (-I). */
  method: string;
  /** The method given with -X, which curl sends on every hop, even after a redirect. */
  customMethod: string | null;
  body: string | null;
  /** -d and friends send `Content-Type: application/x-www-form-urlencoded` unless a header says otherwise. */
  formBody: boolean;
  /** -H headers in order; a null value (`-H 'Accept:'`) removes a header curl would send. */
  headers: [name: string, value: string | null][];
  /** Null when `-A ''` or `-H 'User-Agent:'` removed it. */
  userAgent: string | null;
  cookie: string | null;
  compressed: boolean;
  /** `user:password` from -u, sent as Basic authorization to the first host only. */
  user: string | null;
  /** The client's address (`$remote_addr`): --interface, else the console's choice. */
  client: string;
}

/** What curl prints, and how much. */
export interface CurlOutput {
  /** -i: the response headers before the body. */
  include: boolean;
  /** -I: HEAD, and headers only. */
  headOnly: boolean;
  verbose: boolean;
  /** -s: no error messages or warnings (unless -S). */
  silent: boolean;
  /** -S: error messages even with -s. */
  showError: boolean;
  /** -o /dev/null: the body is thrown away. */
  discardBody: boolean;
  /** -w: text printed after the transfer, with `%{variable}`s filled in. */
  writeOut: string | null;
  /** -L */
  follow: boolean;
  /** `Note:` lines curl prints in verbose mode (a needless -X, say). */
  notes: string[];
}

export interface CurlCommand {
  request: CurlRequest;
  output: CurlOutput;
  /** The first request, ready for `send`. */
  spec: ClientRequest;
  /** -f: a status of 400 or more is an error (22), and its body is not printed. */
  fail: boolean;
  /** --max-redirs: how many redirects -L follows before giving up (curl's default is 50). */
  maxRedirects: number;
}
