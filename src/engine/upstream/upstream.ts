/**
 * ngx_http_upstream_module: `upstream` groups and their `server` lines. A
 * `proxy_pass` to a plain address makes an implicit group of one.
 */
import type { ConfigNode } from '../config/node';
import type { DirectiveDef, DirectiveModule } from '../directive';
import { fail, parseTime } from '../modules/slots';

export interface PeerConf {
  /** The address as the server line wrote it (`localhost:3001`); undefined for implicit groups. */
  written?: string;
  /** The address as written in the config (`127.0.0.1:3001`); what `$upstream_addr` shows. */
  address: string;
  weight: number;
  maxFails: number;
  /** In whole seconds, as nginx keeps it. */
  failTimeout: number;
  backup: boolean;
  down: boolean;
  line: number;
}

/** A peer with the balancer's running state. */
export interface Peer extends PeerConf {
  currentWeight: number;
  effectiveWeight: number;
  fails: number;
  /** Second of the last failure / of the last pick after the fail window (nginx's `checked`). */
  checked: number;
  accessed: number;
  /** Requests in flight (least_conn). */
  conns: number;
}

export interface Upstream {
  name: string;
  /** Declared with an `upstream` block (false: the implicit group of a `proxy_pass` address). */
  explicit: boolean;
  line: number;
  method: 'round_robin';
  primary: Peer[];
  backup: Peer[];
}

const DEFAULT_PORT = 80;

/**
 * The address nginx dials and logs for a server line: the default port
 * added when none is written, and `localhost` resolved to 127.0.0.1.
 */
export function withPort(address: string): string {
  const full = /:\d+$/.test(address) ? address : `${address}:${DEFAULT_PORT}`;
  return full.replace(/^localhost:/i, '127.0.0.1:');
}

function parseServer(node: ConfigNode): PeerConf {
  const address = node.args[0]!;
  const peer: PeerConf = {
    address: withPort(address),
    written: address,
    weight: 1,
    maxFails: 1,
    failTimeout: 10,
    backup: false,
    down: false,
    line: node.line,
  };
  for (const param of node.args.slice(1)) {
    const [key, value] = param.split('=', 2) as [string, string | undefined];
    if (key === 'weight' && value !== undefined && /^\d+$/.test(value) && Number(value) > 0)
      peer.weight = Number(value);
    else if (key === 'max_fails' && value !== undefined && /^\d+$/.test(value))
      peer.maxFails = Number(value);
    else if (key === 'fail_timeout' && value !== undefined && parseTime(value) !== null)
      peer.failTimeout = Math.floor(parseTime(value)! / 1000);
    else if (param === 'backup') peer.backup = true;
    else if (param === 'down') peer.down = true;
    else fail(node, `invalid parameter "${param}"`);
  }
  return peer;
}

function parseUpstream(node: ConfigNode, ctx: { siblings: readonly ConfigNode[] }): string {
  const name = node.args[0]!;
  if (
    ctx.siblings.some(
      (s) => s.directive === 'upstream' && s.args[0]?.toLowerCase() === name.toLowerCase(),
    )
  ) {
    fail(node, `duplicate upstream "${name}"`);
  }
  return name;
}

const directives: DirectiveDef[] = [
  {
    name: 'upstream',
    contexts: ['http'],
    args: [1],
    block: 'upstream',
    parse: parseUpstream,
    summary: 'A named group of backend servers that requests are balanced across.',
  },
  {
    name: 'server',
    contexts: ['upstream'],
    args: { min: 1 },
    parse: parseServer,
    summary: 'A backend in an upstream group: weight=, max_fails=, fail_timeout=, backup, down.',
  },
  {
    name: 'keepalive',
    contexts: ['upstream'],
    args: [1],
    unique: true,
    summary: 'Idle connections to keep open to the group (does not change routing).',
  },
  {
    name: 'zone',
    contexts: ['upstream'],
    args: [1, 2],
    unique: true,
    summary: 'Shared memory for the group state across worker processes.',
  },
  {
    name: 'least_conn',
    contexts: ['upstream'],
    args: [0],
    unsupported: true,
    summary: 'Send to the server with the fewest active connections.',
  },
  {
    name: 'ip_hash',
    contexts: ['upstream'],
    args: [0],
    unsupported: true,
    summary: 'Keep each client (by the first three octets of its IPv4 address) on one server.',
  },
  {
    name: 'hash',
    contexts: ['upstream'],
    args: [1, 2],
    unsupported: true,
    summary: 'Pick the server by a hash of a key (optionally consistent).',
  },
  {
    name: 'random',
    contexts: ['upstream'],
    args: [0, 1, 2],
    unsupported: true,
    summary: 'Pick a random server (or the better of two).',
  },
];

export const upstreamModule: DirectiveModule = { name: 'upstream', directives };

function toPeer(conf: PeerConf): Peer {
  return {
    ...conf,
    currentWeight: 0,
    effectiveWeight: conf.weight,
    fails: 0,
    checked: 0,
    accessed: 0,
    conns: 0,
  };
}

export function buildUpstream(
  name: string,
  explicit: boolean,
  line: number,
  servers: readonly PeerConf[],
): Upstream {
  return {
    name,
    explicit,
    line,
    method: 'round_robin',
    primary: servers.filter((s) => !s.backup).map(toPeer),
    backup: servers.filter((s) => s.backup).map(toPeer),
  };
}

/** The group of one that `proxy_pass http://host:port` makes without an `upstream` block. */
export function implicitUpstream(host: string, line: number): Upstream {
  const address = withPort(host);
  return buildUpstream(host, false, line, [
    { address, weight: 1, maxFails: 1, failTimeout: 10, backup: false, down: false, line },
  ]);
}
