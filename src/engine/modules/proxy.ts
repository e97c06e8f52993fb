/**
 * ngx_http_proxy_module's directives: where `proxy_pass` sends a request,
 * which headers go with it, and which of the backend's headers come back.
 */
import type { ConfigNode } from '../config/node';
import type { DirectiveDef, DirectiveModule, HttpBuild, ParseContext } from '../directive';
import { ConfigError } from '../errors';
import { proxyContent } from '../proxy-pass';
import type { LocationName } from './core';
import { parseProxyRedirect, proxyRedirectValues } from './proxy-redirect';
import { fail, flag, msec, num, oneOf } from './slots';
import { parseNextUpstream } from '../upstream/next-upstream';
import { implicitUpstream } from '../upstream/upstream';
import type { ComplexValue } from '../variables';

export interface ProxyPass {
  line: number;
  file: string;
  scheme: 'http' | 'https';
  /** `host[:port]` or an upstream name, as written (may hold variables). */
  host: string;
  /** The URI part after the host, or null when none was written. */
  uri: string | null;
  /** The whole URL has variables: it is evaluated per request and used verbatim. */
  hasVariables: boolean;
  text: string;
  /** The URL as a value with variables, set when the location is compiled. */
  compiled?: ComplexValue;
}

function parseProxyPass(node: ConfigNode, ctx: ParseContext): ProxyPass {
  const url = node.args[0]!;
  const m = /^(https?):\/\/(.*)$/i.exec(url);
  if (!m) fail(node, 'invalid URL prefix');
  const scheme = m[1]!.toLowerCase() as 'http' | 'https';
  const rest = m[2]!;
  const hasVariables = url.includes('$');
  // `unix:/path:/uri`: a socket path, then the URI after a colon.
  const unix = /^unix:/i.test(rest);
  const end = unix ? rest.indexOf(':', 5) : rest.indexOf('/');
  const host = end === -1 ? rest : rest.slice(0, end);
  const uri = end === -1 ? null : rest.slice(unix ? end + 1 : end);
  if (host === '') fail(node, `no host in upstream "${rest}"`);
  if (!hasVariables && !unix) checkPort(node, host, rest);
  if (!hasVariables && uri !== null) {
    const loc = ctx.parents.findLast((p) => p.directive === 'location');
    const name = loc?.value as LocationName | undefined;
    const inRegexOrNamed =
      name !== undefined &&
      (name.modifier === '~' || name.modifier === '~*' || name.modifier === '@');
    if (inRegexOrNamed || ctx.context === 'lif' || ctx.context === 'lmt') {
      fail(
        node,
        '"proxy_pass" cannot have URI part in location given by regular expression, or inside named location, or inside "if" statement, or inside "limit_except" block',
      );
    }
  }
  return { line: node.line, file: node.file, scheme, host, uri, hasVariables, text: url };
}

/** ngx_parse_url's port check: after the last colon (outside `[v6]`), 1 to 65535. */
function checkPort(node: ConfigNode, host: string, written: string): void {
  const colon = host.startsWith('[') ? host.indexOf(':', host.indexOf(']')) : host.lastIndexOf(':');
  if (colon === -1) return;
  const port = host.slice(colon + 1);
  if (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535)
    fail(node, `invalid port in upstream "${written}"`);
}

function parseSetHeader(node: ConfigNode): { name: string; value: string } {
  return { name: node.args[0]!, value: node.args[1]! };
}

const LEVELS = ['http', 'server', 'location'] as const;

const directives: DirectiveDef[] = [
  {
    name: 'proxy_pass',
    contexts: ['location', 'lif', 'lmt'],
    args: [1],
    unique: true,
    inherit: 'own',
    parse: parseProxyPass,
    summary: 'Send the request to a backend address or an upstream group.',
  },
  {
    name: 'proxy_set_header',
    contexts: LEVELS,
    args: [2],
    values: [1],
    parse: parseSetHeader,
    summary: 'Set (or, with an empty value, remove) a header sent to the backend.',
  },
  {
    name: 'proxy_hide_header',
    contexts: LEVELS,
    args: [1],
    summary: 'Do not pass this backend response header to the client.',
  },
  {
    name: 'proxy_pass_header',
    contexts: LEVELS,
    args: [1],
    summary: 'Pass a backend header nginx hides by default (X-Accel-*, Server, Date...).',
  },
  {
    name: 'proxy_http_version',
    contexts: LEVELS,
    args: [1],
    unique: true,
    parse: oneOf(['1.0', '1.1'] as const),
    summary: 'The HTTP version spoken to the backend (1.0 by default).',
  },
  {
    name: 'proxy_read_timeout',
    contexts: LEVELS,
    args: [1],
    unique: true,
    parse: msec,
    summary: 'How long to wait for the backend to answer (504 when it expires).',
  },
  {
    name: 'proxy_connect_timeout',
    contexts: LEVELS,
    args: [1],
    unique: true,
    parse: msec,
    summary: 'How long to wait for a connection to the backend.',
  },
  {
    name: 'proxy_send_timeout',
    contexts: LEVELS,
    args: [1],
    unique: true,
    parse: msec,
    summary: 'How long to wait while sending the request to the backend.',
  },
  {
    name: 'proxy_pass_request_headers',
    contexts: LEVELS,
    args: 'flag',
    unique: true,
    parse: flag,
    summary: "Pass the client's headers to the backend.",
  },
  {
    name: 'proxy_pass_request_body',
    contexts: LEVELS,
    args: 'flag',
    unique: true,
    parse: flag,
    summary: "Pass the client's body to the backend.",
  },
  {
    name: 'proxy_buffering',
    contexts: LEVELS,
    args: 'flag',
    unique: true,
    parse: flag,
    summary: 'Buffer backend responses before sending them on.',
  },
  {
    name: 'proxy_buffers',
    contexts: LEVELS,
    args: [2],
    unique: true,
    summary: 'Number and size of buffers for a backend response.',
  },
  {
    name: 'proxy_buffer_size',
    contexts: LEVELS,
    args: [1],
    unique: true,
    summary: 'Buffer size for the first part of a backend response.',
  },
  {
    name: 'proxy_intercept_errors',
    contexts: LEVELS,
    args: 'flag',
    unique: true,
    parse: flag,
    summary: 'Let error_page handle backend responses with status >= 300.',
  },
  {
    name: 'proxy_redirect',
    contexts: LEVELS,
    args: [1, 2],
    parse: parseProxyRedirect,
    values: proxyRedirectValues,
    summary: 'Rewrite Location and Refresh headers from the backend.',
  },
  {
    name: 'proxy_next_upstream',
    contexts: LEVELS,
    // A bitmask: lines at one level add up rather than being duplicates.
    args: { min: 1 },
    parse: parseNextUpstream,
    summary:
      'When to try the next server of an upstream group: error, timeout, http_500/502/503/504/403/404/429, non_idempotent, off.',
  },
  {
    name: 'proxy_next_upstream_tries',
    contexts: LEVELS,
    args: [1],
    unique: true,
    parse: num,
    summary: 'How many servers to try at most (0: no limit).',
  },
  {
    name: 'proxy_next_upstream_timeout',
    contexts: LEVELS,
    args: [1],
    unique: true,
    parse: msec,
    summary: 'How long to keep trying other servers (0: no limit).',
  },
];

/** nginx resolves the implicit upstreams of proxy_pass when http{} is complete. */
function implicitUpstreams({ conf, proxies }: HttpBuild): void {
  for (const p of proxies) {
    if (p.hasVariables) continue;
    if (conf.upstreams.has(p.host.toLowerCase())) continue;
    const hostOnly = p.host.replace(/:\d+$/, '').toLowerCase();
    const named = conf.upstreams.get(hostOnly);
    if (named?.explicit) {
      const port = p.host.slice(hostOnly.length + 1);
      throw new ConfigError(`upstream "${named.name}" may not have port ${port}`, p.line, p.file);
    }
    if (!hostOnly.startsWith('unix:') && !conf.resolves(hostOnly)) {
      const written = p.host.replace(/:\d+$/, '');
      throw new ConfigError(`host not found in upstream "${written}"`, p.line, p.file);
    }
    conf.upstreams.set(p.host.toLowerCase(), implicitUpstream(p.host, p.line));
  }
}

export const proxyModule: DirectiveModule = {
  name: 'proxy',
  directives,
  phases: { content: proxyContent },
  http: { main: implicitUpstreams },
};
