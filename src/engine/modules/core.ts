/**
 * The core modules: the main and events levels, `http`, `server`,
 * `location`, `listen`, `server_name`, and the per-location settings of
 * ngx_http_core_module.
 */
import type { ConfigNode, Context } from '../config/node';
import type { DirectiveDef, DirectiveModule, ParseContext } from '../directive';
import type { ListenConf, LocationModifier } from '../conf';
import { fail, flag, msec, num, oneOf, size } from './slots';

const HTTP_LEVELS: Context[] = ['http', 'server', 'location'];
const HTTP_LEVELS_IF: Context[] = ['http', 'server', 'location', 'lif'];

export interface ErrorPageConf {
  codes: number[];
  /** `=code`: the status to send instead. */
  response: number | null;
  /** A bare `=`: send the status of whatever answers the error page. */
  overwriteToSame: boolean;
  /** The page: a URI, `@named` location or URL (may hold variables). */
  uri: string;
}

export interface LocationName {
  modifier: LocationModifier;
  name: string;
}

/** `location [=|~|~*|^~] uri` and `location @name`, with nginx's nesting rules. */
function parseLocation(node: ConfigNode, ctx: ParseContext): LocationName {
  let modifier: LocationModifier = '';
  let name: string;
  if (node.args.length === 2) {
    const mod = node.args[0]!;
    name = node.args[1]!;
    if (mod === '=' || mod === '^~' || mod === '~' || mod === '~*') modifier = mod;
    else fail(node, `invalid location modifier "${mod}"`);
  } else {
    name = node.args[0]!;
    if (name.startsWith('=')) {
      modifier = '=';
      name = name.slice(1);
    } else if (name.startsWith('~*')) {
      modifier = '~*';
      name = name.slice(2);
    } else if (name.startsWith('~')) {
      modifier = '~';
      name = name.slice(1);
    } else if (name.startsWith('@')) {
      modifier = '@';
    }
  }
  const parent = ctx.parents[ctx.parents.length - 1];
  if (parent?.directive === 'location') {
    const outer = parent.value as LocationName;
    if (outer.modifier === '=')
      fail(node, `location "${name}" cannot be inside the exact location "${outer.name}"`);
    if (outer.modifier === '@')
      fail(node, `location "${name}" cannot be inside the named location "${outer.name}"`);
    if (modifier === '@') fail(node, `named location "${name}" can be on the server level only`);
    const outerIsRegex = outer.modifier === '~' || outer.modifier === '~*';
    const isRegex = modifier === '~' || modifier === '~*';
    if (!outerIsRegex && !isRegex && !name.startsWith(outer.name)) {
      fail(node, `location "${name}" is outside location "${outer.name}"`);
    }
  }
  return { modifier, name };
}

/** `listen [address:]port [ssl] [default_server] ...`. */
function parseListen(node: ConfigNode, ctx: ParseContext): ListenConf {
  const spec = node.args[0]!;
  let address = '*';
  let portText = spec;
  const bracket = /^\[([^\]]*)\](?::(.*))?$/.exec(spec);
  if (bracket) {
    address = bracket[1]!;
    portText = bracket[2] ?? '80';
  } else if (spec.includes(':')) {
    const i = spec.lastIndexOf(':');
    address = spec.slice(0, i);
    portText = spec.slice(i + 1);
  } else if (/^\d+$/.test(spec)) {
    // just a port
  } else {
    // A bare word is a host name with the default port; only an address nginx can resolve is accepted.
    if (spec === 'localhost' || /^\d+\.\d+\.\d+\.\d+$/.test(spec)) {
      address = spec;
      portText = '80';
    } else {
      fail(node, `host not found in "${spec}" of the "listen" directive`);
    }
  }
  if (!/^\d+$/.test(portText)) fail(node, `invalid port in "${spec}" of the "listen" directive`);
  if (
    !bracket &&
    address !== '*' &&
    address !== 'localhost' &&
    !/^\d+\.\d+\.\d+\.\d+$/.test(address)
  )
    fail(node, `host not found in "${spec}" of the "listen" directive`);
  const port = Number(portText);
  if (port < 1 || port > 65535) fail(node, `invalid port in "${spec}" of the "listen" directive`);
  const out: ListenConf = { port, address, ssl: false, defaultServer: false };
  for (const opt of node.args.slice(1)) {
    if (opt === 'ssl') out.ssl = true;
    else if (opt === 'default_server' || opt === 'default') out.defaultServer = true;
    else if (opt === 'http2' || opt === 'proxy_protocol') continue;
    else if (
      ['reuseport', 'deferred', 'bind', 'fastopen', 'ipv6only=on', 'ipv6only=off'].includes(opt) ||
      /^(backlog|rcvbuf|sndbuf|so_keepalive)=/.test(opt)
    )
      out.socketOptions = true;
    else fail(node, `invalid parameter "${opt}"`);
  }
  checkDuplicateListen(node, out, ctx);
  if (out.defaultServer) checkDefaultServer(node, out, ctx);
  return out;
}

/** `0.0.0.0:80`: a listen's socket as nginx names it in messages. */
function socketName(l: ListenConf): string {
  const address =
    l.address === '*' ? '0.0.0.0' : l.address === 'localhost' ? '127.0.0.1' : l.address;
  return `${address}:${l.port}`;
}

/** A server listens once per socket, and only one listen of a socket may set socket options. */
function checkDuplicateListen(node: ConfigNode, listen: ListenConf, ctx: ParseContext): void {
  const name = socketName(listen);
  const same = (n: ConfigNode) =>
    n !== node &&
    n.directive === 'listen' &&
    n.value !== undefined &&
    socketName(n.value as ListenConf) === name;
  if (ctx.siblings.some(same)) fail(node, `a duplicate listen ${name}`);
  if (!listen.socketOptions) return;
  const http = ctx.parents.find((p) => p.directive === 'http');
  const servers = (http?.block ?? []).filter((n) => n.directive === 'server');
  const listens = [...servers.flatMap((s) => s.block ?? []), ...ctx.siblings];
  if (listens.some((n) => same(n) && (n.value as ListenConf).socketOptions))
    fail(node, `duplicate listen options for ${name}`);
}

/** A `types {}` block as a map from extension (lower-cased) to type. */
function typesOf(node: ConfigNode): Map<string, string> {
  const map = new Map<string, string>();
  for (const entry of node.block ?? [])
    for (const ext of entry.args) map.set(ext.toLowerCase(), entry.directive);
  return map;
}

/** One default server per address and port, across all server blocks read so far. */
function checkDefaultServer(node: ConfigNode, listen: ListenConf, ctx: ParseContext): void {
  const http = ctx.parents.find((p) => p.directive === 'http');
  const servers = (http?.block ?? []).filter((n) => n.directive === 'server');
  const sameSocket = (l: ListenConf) => l.port === listen.port && l.address === listen.address;
  for (const server of servers) {
    for (const n of server.block ?? []) {
      if (n === node || n.directive !== 'listen') continue;
      const other = n.value as ListenConf | undefined;
      if (other?.defaultServer && sameSocket(other)) {
        const address = listen.address === '*' ? '0.0.0.0' : listen.address;
        fail(node, `a duplicate default server for ${address}:${listen.port}`);
      }
    }
  }
}

function parseServerName(node: ConfigNode): string[] {
  for (const name of node.args) {
    if ((name[0] === '*' && (name.length < 3 || name[1] !== '.')) || name === '.')
      fail(node, `server name "${name}" is invalid`);
  }
  return node.args.map((a) => (a.startsWith('~') ? a : a.toLowerCase()));
}

function parseErrorPage(node: ConfigNode): ErrorPageConf {
  const args = node.args;
  const uri = args[args.length - 1]!;
  const codes: number[] = [];
  let response: number | null = null;
  let overwriteToSame = false;
  for (const a of args.slice(0, -1)) {
    if (a.startsWith('=')) {
      if (a === '=') overwriteToSame = true;
      else if (/^=\d+$/.test(a)) response = Number(a.slice(1));
      else fail(node, `invalid value "${a}"`);
      continue;
    }
    // 499 (client closed the connection) is never sent, so no page can be set for it.
    if (!/^\d+$/.test(a) || a === '499') fail(node, `invalid value "${a}"`);
    const code = Number(a);
    if (code < 300 || code > 599) fail(node, `value "${a}" must be between 300 and 599`);
    codes.push(code);
  }
  if (codes.length === 0) fail(node, 'invalid number of arguments in "error_page" directive');
  return { codes, response, overwriteToSame, uri };
}

function parseServerTokens(node: ConfigNode): 'on' | 'off' | 'build' {
  return oneOf(['on', 'off', 'build'] as const)(node);
}

const directives: DirectiveDef[] = [
  // main and events levels: accepted so real configs load; they do not change what the sandbox shows.
  {
    name: 'events',
    contexts: ['main'],
    args: [0],
    block: 'events',
    unique: true,
    summary: 'Connection-processing settings (required, may be empty).',
  },
  {
    name: 'worker_connections',
    contexts: ['events'],
    args: [1],
    unique: true,
    // ngx_event_connections has its own wording, unlike the generic number slot.
    parse: (node) => {
      if (!/^\d+$/.test(node.args[0]!)) fail(node, `invalid number "${node.args[0]}"`);
    },
    summary: 'How many connections one worker process may hold.',
  },
  {
    name: 'multi_accept',
    contexts: ['events'],
    args: 'flag',
    unique: true,
    parse: flag,
    summary: 'Accept all new connections at once.',
  },
  {
    name: 'use',
    contexts: ['events'],
    args: [1],
    unique: true,
    summary: 'The connection-processing method (epoll, kqueue...).',
  },
  {
    name: 'worker_processes',
    contexts: ['main'],
    args: [1],
    unique: true,
    parse: (node) => {
      if (node.args[0] !== 'auto' && !/^\d+$/.test(node.args[0]!))
        fail(node, '"worker_processes" directive invalid value');
    },
    summary: 'How many worker processes nginx starts (auto: one per core).',
  },
  {
    name: 'worker_rlimit_nofile',
    contexts: ['main'],
    args: [1],
    unique: true,
    summary: 'The open-file limit for worker processes.',
  },
  {
    name: 'user',
    contexts: ['main'],
    args: [1, 2],
    unique: true,
    summary: 'The user worker processes run as.',
  },
  {
    name: 'pid',
    contexts: ['main'],
    args: [1],
    unique: true,
    summary: 'Where the master process writes its pid.',
  },
  {
    name: 'daemon',
    contexts: ['main'],
    args: 'flag',
    unique: true,
    parse: flag,
    summary: 'Whether nginx detaches into the background.',
  },
  {
    name: 'http',
    contexts: ['main'],
    args: [0],
    block: 'http',
    unique: true,
    summary: 'The HTTP server: upstreams, servers and their settings.',
  },
  {
    name: 'server',
    contexts: ['http'],
    args: [0],
    block: 'server',
    summary: 'A virtual server: the ports it listens on and the names it answers.',
  },
  {
    name: 'listen',
    contexts: ['server'],
    args: { min: 1 },
    inherit: 'own',
    parse: parseListen,
    summary: 'The port (and address) a server accepts connections on; ssl, default_server.',
  },
  {
    name: 'server_name',
    contexts: ['server'],
    args: { min: 1 },
    inherit: 'own',
    parse: parseServerName,
    summary: 'The host names a server answers: exact, *.wildcard, wildcard.*, ~regex.',
  },
  {
    name: 'location',
    contexts: ['server', 'location'],
    args: [1, 2],
    block: 'location',
    parse: parseLocation,
    summary: 'Settings for URIs matching a prefix (=, ^~) or a regex (~, ~*).',
  },
  {
    name: 'internal',
    contexts: ['location'],
    args: [0],
    unique: true,
    inherit: 'own',
    summary: 'The location serves internal redirects only; direct requests get 404.',
  },
  {
    name: 'default_type',
    contexts: HTTP_LEVELS,
    args: [1],
    unique: true,
    summary: 'The Content-Type when the extension is not in the types map.',
  },
  {
    name: 'types',
    contexts: HTTP_LEVELS,
    args: [0],
    block: 'types',
    finish: typesOf,
    summary: 'The map from file extensions to Content-Type.',
  },
  {
    name: 'server_tokens',
    contexts: HTTP_LEVELS,
    args: [1],
    unique: true,
    parse: parseServerTokens,
    summary: 'Show the nginx version in error pages and the Server header.',
  },
  {
    name: 'client_max_body_size',
    contexts: HTTP_LEVELS,
    args: [1],
    unique: true,
    parse: size,

    summary: 'The largest request body accepted; larger gets 413.',
  },
  {
    name: 'error_page',
    contexts: HTTP_LEVELS_IF,
    args: { min: 2 },
    parse: parseErrorPage,
    values: [-1],
    summary: 'The URI or named location that answers for given error statuses.',
  },
  {
    name: 'recursive_error_pages',
    contexts: HTTP_LEVELS,
    args: 'flag',
    unique: true,
    parse: flag,
    summary: 'Let an error page that fails itself be replaced by error_page again.',
  },
  {
    name: 'absolute_redirect',
    contexts: HTTP_LEVELS,
    args: 'flag',
    unique: true,
    parse: flag,
    summary: 'Make redirects nginx issues absolute URLs.',
  },
  {
    name: 'port_in_redirect',
    contexts: HTTP_LEVELS,
    args: 'flag',
    unique: true,
    parse: flag,
    summary: 'Include the port in absolute redirects.',
  },
  {
    name: 'server_name_in_redirect',
    contexts: HTTP_LEVELS,
    args: 'flag',
    unique: true,
    parse: flag,
    summary: 'Use server_name instead of the Host header in redirects.',
  },
  {
    name: 'merge_slashes',
    contexts: ['http', 'server'],
    args: 'flag',
    unique: true,
    parse: flag,
    unsupported: true,
    summary: 'Merge // in URIs before matching locations.',
  },
  {
    name: 'keepalive_timeout',
    contexts: HTTP_LEVELS,
    args: [1, 2],
    unique: true,
    parse: msec,
    summary: 'How long an idle client connection stays open.',
  },
  {
    name: 'log_not_found',
    contexts: ['http', 'server', 'location'],
    args: 'flag',
    unique: true,
    parse: flag,
    summary: 'Whether a missing file is written to the error log (responses do not change).',
  },
  {
    name: 'sendfile',
    contexts: HTTP_LEVELS_IF,
    args: 'flag',
    unique: true,
    parse: flag,
    summary: 'Send files with the sendfile() system call.',
  },
  {
    name: 'tcp_nopush',
    contexts: HTTP_LEVELS,
    args: 'flag',
    unique: true,
    parse: flag,
    summary: 'Send headers and file start in one packet.',
  },
  {
    name: 'tcp_nodelay',
    contexts: HTTP_LEVELS,
    args: 'flag',
    unique: true,
    parse: flag,
    summary: 'Disable Nagle on keep-alive connections.',
  },
  {
    name: 'client_body_timeout',
    contexts: HTTP_LEVELS,
    args: [1],
    unique: true,
    parse: msec,
    summary: 'How long nginx waits between two reads of a request body.',
  },
  {
    name: 'client_header_timeout',
    contexts: ['http', 'server'],
    args: [1],
    unique: true,
    parse: msec,
    summary: 'How long nginx waits for the request headers.',
  },
  {
    name: 'send_timeout',
    contexts: HTTP_LEVELS,
    args: [1],
    unique: true,
    parse: msec,
    summary: 'How long nginx waits between two writes to the client.',
  },
  {
    name: 'types_hash_max_size',
    contexts: HTTP_LEVELS,
    args: [1],
    unique: true,
    parse: num,
    summary: 'Size of the types hash table.',
  },
  {
    name: 'server_names_hash_bucket_size',
    contexts: ['http'],
    args: [1],
    unique: true,
    parse: size,
    summary: 'Bucket size of the server names hash.',
  },
];

export const coreModule: DirectiveModule = { name: 'core', directives };
