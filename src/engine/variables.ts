/**
 * nginx variables: the built-in ones, those a config declares (`set`, `map`,
 * `split_clients`, named regex captures), and values with `$var` inside
 * (nginx's "complex values"). An unknown name is reported after the whole
 * http block was read, as nginx does: `unknown "name" variable`, no line.
 */
import { ConfigError } from './errors';
import { NGINX_VERSION } from '../http/nginx-version';
import { documentRoot, mapUri } from './modules/static';
import { bodyBytesSent, bytesSent } from './http/wire-size';
import type { Req, UpstreamTry } from './request';

/** A variable's value, or undefined when it is "not found" (logged as `-`). */
export type VarGetter = (r: Req) => string | undefined;

/** Prefixes that make a whole family of variables, after nginx's variables_init_vars. */
const PREFIXES: [string, (rest: string) => VarGetter][] = [
  ['http_', (rest) => httpHeaderVar(rest)],
  ['arg_', (rest) => (r) => argValue(r.args, rest)],
  ['cookie_', (rest) => (r) => cookieValue(r, rest)],
  ['sent_http_', (rest) => (r) => sentHeaderValue(r, rest)],
  ['upstream_http_', (rest) => (r) => upstreamHeaderValue(r, rest)],
  ['upstream_cookie_', () => () => undefined],
  ['upstream_trailer_', () => () => undefined],
  ['sent_trailer_', () => () => undefined],
];

function httpHeaderVar(rest: string): VarGetter {
  const name = rest.replace(/_/g, '-').toLowerCase();
  if (name === 'cookie') return (r) => r.headersIn.get('cookie')?.join('; ');
  if (name === 'x-forwarded-for') return (r) => r.headersIn.get('x-forwarded-for')?.join(', ');
  return (r) => r.headersIn.get(name)?.[0];
}

/** `$arg_name`: the first `name=value` pair, name compared case-insensitively, value as sent. */
export function argValue(args: string, name: string): string | undefined {
  if (args === '') return undefined;
  const lower = name.toLowerCase();
  for (const pair of args.split('&')) {
    const eq = pair.indexOf('=');
    const key = eq === -1 ? pair : pair.slice(0, eq);
    if (key.toLowerCase() === lower) return eq === -1 ? '' : pair.slice(eq + 1);
  }
  return undefined;
}

function cookieValue(r: Req, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const line of r.headersIn.get('cookie') ?? []) {
    for (const part of line.split(';')) {
      const item = part.trim();
      const eq = item.indexOf('=');
      if (eq > 0 && item.slice(0, eq).toLowerCase() === lower) return item.slice(eq + 1);
    }
  }
  return undefined;
}

/** `$upstream_http_name`: the first such header of the upstream response in hand. */
function upstreamHeaderValue(r: Req, rest: string): string | undefined {
  const headers = r.upstreamHeaders;
  if (!headers) return undefined;
  const name = rest.replace(/_/g, '-').toLowerCase();
  for (const [n, v] of headers) if (n.toLowerCase() === name) return v;
  return undefined;
}

function sentHeaderValue(r: Req, rest: string): string | undefined {
  const name = rest.replace(/_/g, '-').toLowerCase();
  for (const [n, v] of r.headersOut) if (n.toLowerCase() === name) return v;
  return undefined;
}

/**
 * `$request_length`: the request line and header lines as the client sent them, plus the body
 * when nginx read it (proxy_pass does; a body nginx only discards is not counted).
 */
function requestLength(r: Req): number {
  const { method, target, httpVersion, headers, body } = r.incoming;
  // "METHOD TARGET HTTP/1.1\r\n" (two spaces, "HTTP/", CRLF), each "Name: value\r\n", the empty line.
  let n = method.length + target.length + httpVersion.length + 9 + 2;
  for (const [name, value] of headers) n += name.length + value.length + 4;
  return r.proxyHost !== '' ? n + (body?.length ?? 0) : n;
}

function seconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3);
}

/** A time nginx never took (no connection, no header) is logged as `-`. */
function optionalSeconds(ms: number | null): string {
  return ms === null ? '-' : seconds(ms);
}

/** One value per upstream try, comma-separated, as nginx lists them; not found without tries. */
function perTry(r: Req, value: (t: UpstreamTry) => string): string | undefined {
  return r.upstreamTries.length ? r.upstreamTries.map(value).join(', ') : undefined;
}

/** `$gzip_ratio`: in/out with two decimals, the third rounding half up (integer arithmetic as nginx does). */
export function gzipRatio(zin: number, zout: number): string {
  let whole = Math.floor(zin / zout);
  let frac = Math.floor((zin * 100) / zout) % 100;
  if (Math.floor((zin * 1000) / zout) % 10 > 4) {
    frac++;
    if (frac > 99) {
      whole++;
      frac = 0;
    }
  }
  return `${whole}.${String(frac).padStart(2, '0')}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `$time_local`: `23/Nov/2026:14:12:35 +0000` (the sandbox runs in UTC). */
export function timeLocal(epochMs: number): string {
  const d = new Date(epochMs);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

const BUILTINS: Record<string, VarGetter> = {
  host: (r) => r.host || r.server.primaryName,
  http_host: (r) => r.headersIn.get('host')?.[0],
  remote_addr: (r) => r.incoming.clientAddress,
  binary_remote_addr: (r) => r.incoming.clientAddress,
  remote_port: () => '54321',
  remote_user: () => undefined,
  proxy_add_x_forwarded_for: (r) => {
    const xff = r.headersIn.get('x-forwarded-for');
    return xff ? `${xff.join(', ')}, ${r.incoming.clientAddress}` : r.incoming.clientAddress;
  },
  scheme: (r) => r.scheme,
  https: (r) => (r.scheme === 'https' ? 'on' : ''),
  ssl_protocol: (r) => (r.scheme === 'https' ? 'TLSv1.3' : undefined),
  ssl_cipher: (r) => (r.scheme === 'https' ? 'TLS_AES_256_GCM_SHA384' : undefined),
  ssl_server_name: (r) => (r.scheme === 'https' && r.host ? r.host : undefined),
  ssl_session_reused: (r) => (r.scheme === 'https' ? '.' : ''),
  request_uri: (r) => r.incoming.target,
  uri: (r) => r.uri,
  document_uri: (r) => r.uri,
  // Empty arguments are "not found" (logged as -), even after a bare `?`.
  args: (r) => r.args || undefined,
  query_string: (r) => r.args || undefined,
  request_completion: () => 'OK',
  pipe: () => '.',
  is_args: (r) => (r.args ? '?' : ''),
  request_method: (r) => r.method,
  request: (r) => `${r.incoming.method} ${r.incoming.target} HTTP/${r.incoming.httpVersion}`,
  server_protocol: (r) => `HTTP/${r.incoming.httpVersion}`,
  server_name: (r) => r.server.primaryName,
  server_port: (r) => String(r.incoming.port),
  server_addr: () => '127.0.0.1',
  proxy_host: (r) => r.proxyHost || undefined,
  proxy_port: (r) => {
    const m = /:(\d+)$/.exec(r.proxyHost);
    return m ? m[1] : r.proxyHost ? '80' : undefined;
  },
  content_length: (r) => r.headersIn.get('content-length')?.[0],
  content_type: (r) => r.headersIn.get('content-type')?.[0],
  request_body: (r) => (r.incoming.body ? new TextDecoder().decode(r.incoming.body) : undefined),
  request_length: (r) => String(requestLength(r)),
  // The status an error page will be sent with wins over the one set so far (nginx's err_status).
  status: (r) => {
    const status = r.errStatus || r.status;
    return status ? String(status).padStart(3, '0') : '000';
  },
  body_bytes_sent: (r) =>
    r.sent ? String(bodyBytesSent(r.sent, r.incoming.method, r.incoming.httpVersion)) : '0',
  bytes_sent: (r) =>
    r.sent ? String(bytesSent(r.sent, r.incoming.method, r.incoming.httpVersion)) : '0',
  gzip_ratio: (r) => (r.gzipSizes?.out ? gzipRatio(r.gzipSizes.in, r.gzipSizes.out) : undefined),
  request_time: (r) => seconds(r.clock.now() - r.startedAt),
  msec: (r) => ((r.clock.epochMs + r.clock.now()) / 1000).toFixed(3),
  time_local: (r) => timeLocal(r.clock.epochMs + r.clock.now()),
  time_iso8601: (r) =>
    new Date(r.clock.epochMs + r.clock.now()).toISOString().replace(/\.\d{3}Z$/, '+00:00'),
  // A try that found no live server is listed with the group's name and the 502 it gave.
  upstream_addr: (r) =>
    r.upstreamTries.length ? r.upstreamTries.map((t) => t.address).join(', ') : undefined,
  upstream_status: (r) =>
    r.upstreamTries.length ? r.upstreamTries.map((t) => String(t.status)).join(', ') : undefined,
  upstream_response_time: (r) => perTry(r, (t) => seconds(t.responseTimeMs)),
  upstream_connect_time: (r) => perTry(r, (t) => optionalSeconds(t.connectTimeMs)),
  upstream_header_time: (r) => perTry(r, (t) => optionalSeconds(t.headerTimeMs)),
  upstream_bytes_sent: (r) => perTry(r, (t) => String(t.bytesSent)),
  upstream_bytes_received: (r) => perTry(r, (t) => String(t.bytesReceived)),
  upstream_cache_status: (r) => r.cacheStatus,
  limit_req_status: (r) => r.limitReqStatus,
  limit_conn_status: (r) => r.limitConnStatus,
  hostname: () => 'proxy-sandbox',
  nginx_version: () => NGINX_VERSION,
  pid: () => '4242',
  connection: (r) => String(r.id),
  connection_requests: () => '1',
  request_id: (r) => r.id.toString(16).padStart(32, '0'),
  // Paths on the virtual disk, relative to the nginx prefix (real nginx prints them absolute).
  document_root: (r) => documentRoot(r, r.location?.level ?? r.server.level).dir,
  request_filename: (r) => mapUri(r, documentRoot(r, r.location?.level ?? r.server.level), r.uri),
  realpath_root: () => undefined,
};

/** Built-in variables `set` may change (NGX_HTTP_VAR_CHANGEABLE); `set` on any other is refused. */
const CHANGEABLE = new Set([
  'args',
  'limit_rate',
  'proxy_host',
  'proxy_port',
  'proxy_add_x_forwarded_for',
]);

/** Whether `name` is a built-in nginx will not let `set` change ("the duplicate ... variable"). */
export function isReadOnlyBuiltin(name: string): boolean {
  const key = name.toLowerCase();
  return Object.hasOwn(BUILTINS, key) && !CHANGEABLE.has(key);
}

export class VariableTable {
  private readonly declared = new Map<string, VarGetter>();
  /** Names referenced by the config with the line of the first use, for the unknown-variable check. */
  private readonly referenced: { name: string; line: number }[] = [];
  private readonly resolved = new Map<string, VarGetter>();

  /** Declares a variable the config makes (`set $x`, `map ... $x`, a named capture). */
  declare(name: string, getter?: VarGetter): void {
    const key = name.toLowerCase();
    if (getter) this.declared.set(key, getter);
    else if (!this.declared.has(key)) this.declared.set(key, (r) => r.vars.get(key));
  }

  reference(name: string, line: number): void {
    this.referenced.push({ name, line });
  }

  known(name: string): boolean {
    const key = name.toLowerCase();
    if (this.declared.has(key) || key in BUILTINS) return true;
    return PREFIXES.some(([p]) => key.startsWith(p));
  }

  /** Throws for the first referenced variable (in config order) that nothing defines. */
  check(): void {
    const unknown = this.referenced
      .filter((v) => !this.known(v.name))
      .sort((a, b) => a.line - b.line)[0];
    if (unknown) throw new ConfigError(`unknown "${unknown.name}" variable`, null);
  }

  getter(name: string): VarGetter {
    const key = name.toLowerCase();
    let g = this.resolved.get(key);
    if (g) return g;
    g = this.declared.get(key) ?? BUILTINS[key];
    if (!g) {
      const prefix = PREFIXES.find(([p]) => key.startsWith(p));
      g = prefix ? prefix[1](key.slice(prefix[0].length)) : () => undefined;
    }
    this.resolved.set(key, g);
    return g;
  }

  get(r: Req, name: string): string | undefined {
    return this.getter(name)(r);
  }
}

type Part = string | { variable: string; getter: VarGetter | null } | { capture: number };

/**
 * A value with variables inside (`http://$host$request_uri`), compiled once
 * and evaluated per request.
 */
export class ComplexValue {
  private constructor(
    readonly text: string,
    private readonly parts: Part[],
    private readonly table: VariableTable,
  ) {}

  /** Whether the text has no variables or captures at all. */
  get isStatic(): boolean {
    return this.parts.every((p) => typeof p === 'string');
  }

  get hasCaptures(): boolean {
    return this.parts.some((p) => typeof p !== 'string' && 'capture' in p);
  }

  static compile(
    text: string,
    table: VariableTable,
    line: number | null = null,
    file?: string,
  ): ComplexValue {
    const parts: Part[] = [];
    let literal = '';
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (c !== '$') {
        literal += c;
        continue;
      }
      const next = text[i + 1];
      if (next !== undefined && next >= '1' && next <= '9') {
        if (literal) parts.push(literal);
        literal = '';
        parts.push({ capture: Number(next) });
        i++;
        continue;
      }
      let name: string;
      if (next === '{') {
        const close = text.indexOf('}', i + 2);
        if (close === -1)
          throw new ConfigError(
            `the closing bracket in "${text.slice(i + 2)}" variable is missing`,
            line,
            file,
          );
        name = text.slice(i + 2, close);
        i = close;
      } else {
        let j = i + 1;
        while (j < text.length && /[A-Za-z0-9_]/.test(text[j]!)) j++;
        name = text.slice(i + 1, j);
        i = j - 1;
      }
      if (name === '') throw new ConfigError('invalid variable name', line, file);
      if (literal) parts.push(literal);
      literal = '';
      table.reference(name, line ?? 0);
      parts.push({ variable: name, getter: null });
    }
    if (literal) parts.push(literal);
    return new ComplexValue(text, parts, table);
  }

  /** As the access log writes it: a variable with no value becomes `-`. */
  evaluateForLog(r: Req, escape: LogEscape = 'default'): string {
    let out = '';
    for (const p of this.parts) {
      if (typeof p === 'string') out += p;
      else if ('capture' in p) out += r.captures?.[p.capture] ?? '';
      else {
        p.getter ??= this.table.getter(p.variable);
        const v = p.getter(r);
        if (v === undefined) out += escape === 'json' ? '' : '-';
        else out += escape === 'none' ? v : escape === 'json' ? escapeJson(v) : escapeLog(v);
      }
    }
    return out;
  }

  /** The value; `escapeCapture`, when given, is applied to each regex capture ($1...). */
  evaluate(r: Req, escapeCapture?: (s: string) => string): string {
    const parts = this.parts;
    if (parts.length === 1 && typeof parts[0] === 'string') return parts[0];
    let out = '';
    for (const p of parts) {
      if (typeof p === 'string') out += p;
      else if ('capture' in p) {
        const c = r.captures?.[p.capture] ?? '';
        out += escapeCapture ? escapeCapture(c) : c;
      } else {
        p.getter ??= this.table.getter(p.variable);
        out += p.getter(r) ?? '';
      }
    }
    return out;
  }
}

/** How `log_format ... escape=` writes variable values. */
export type LogEscape = 'default' | 'json' | 'none';

const hex2 = (c: number) => c.toString(16).toUpperCase().padStart(2, '0');

/** nginx's default log escaping: `"`, `\\`, control bytes and bytes above 0x7e as `\xHH`. */
export function escapeLog(v: string): string {
  let out = '';
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    out += c === 0x22 || c === 0x5c || c < 0x20 || c > 0x7e ? `\\x${hex2(c & 0xff)}` : v[i];
  }
  return out;
}

/** `escape=json`: JSON string escapes, other control bytes as `\u00HH`. */
export function escapeJson(v: string): string {
  let out = '';
  for (let i = 0; i < v.length; i++) {
    const ch = v[i]!;
    const c = v.charCodeAt(i);
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (c < 0x20) out += `\\u00${hex2(c)}`;
    else out += ch;
  }
  return out;
}
