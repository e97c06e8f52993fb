/**
 * ngx_http_upstream_module: `upstream` groups, their `server` lines, and
 * which method picks among them (the methods themselves are in methods.ts).
 * A `proxy_pass` to a plain address makes an implicit group of one.
 */
import type { ConfigNode } from '../config/node';
import type { DirectiveDef, DirectiveModule, HttpBuild, ParseContext } from '../directive';
import { ConfigError } from '../errors';
import { fail, parseTime } from '../modules/slots';
import type { RingPoint } from './consistent-hash';
import type { Balancer } from './method';
import { declaredBy, METHOD_DIRECTIVES, methodOf } from './methods';

export type { Balancer } from './method';

export interface PeerConf {
  /** The address as the server line wrote it (`localhost:3001`); undefined for implicit groups. */
  written?: string;
  /** The address as written in the config (`127.0.0.1:3001`); what `$upstream_addr` shows. */
  address: string;
  weight: number;
  maxFails: number;
  /** In whole seconds, as nginx keeps it. */
  failTimeout: number;
  /** 0: no limit on requests in flight. */
  maxConns: number;
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
  /** Requests in flight to this peer: taken when it is picked, given back when the try ends. */
  conns: number;
}

export interface Upstream {
  name: string;
  /** Declared with an `upstream` block (false: the implicit group of a `proxy_pass` address). */
  explicit: boolean;
  line: number;
  balancer: Balancer;
  primary: Peer[];
  backup: Peer[];
  /** One primary and no backup: always chosen, never marked failed, never retried. */
  single: boolean;
  /** The primaries' weights added up, down servers included (the hash methods' slots). */
  totalWeight: number;
  /** Tries a request gets: the servers not marked `down`, backups included (nginx's peers->tries). */
  tries: number;
  /** `hash ... consistent`: the ketama ring, built when the config loads. */
  ring: RingPoint[] | null;
  /**
   * `random`: the state of the sandbox's pseudo-random generator. nginx calls
   * random(); the sandbox uses a generator seeded from the group's name and
   * kept here, so the same config and requests give the same picks and the
   * same trace every time.
   */
  randomState: number;
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

/** ngx_parse_url's complaints about a server address: a path where none may be, a bad port. */
function checkAddress(node: ConfigNode, address: string): void {
  if (address.toLowerCase().startsWith('unix:')) return;
  if (address.includes('/')) fail(node, `invalid host in upstream "${address}"`);
  const colon = address.startsWith('[')
    ? address.indexOf(':', address.indexOf(']'))
    : address.lastIndexOf(':');
  if (colon === -1) return;
  const port = address.slice(colon + 1);
  if (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535)
    fail(node, `invalid port in upstream "${address}"`);
}

/** What a `server` line means when it names no parameters (nginx's defaults). */
export const PEER_DEFAULTS = {
  weight: 1,
  maxFails: 1,
  failTimeout: 10,
  maxConns: 0,
  backup: false,
  down: false,
} as const satisfies Partial<PeerConf>;

function parseServer(node: ConfigNode, ctx: ParseContext): PeerConf {
  const address = node.args[0]!;
  checkAddress(node, address);
  const peer: PeerConf = {
    ...PEER_DEFAULTS,
    address: withPort(address),
    written: address,
    line: node.line,
  };
  // nginx checks parameters against the flags of the method declared so far:
  // a method written after the servers does not reject them.
  const method = ctx.siblings.findLast((s) => declaredBy(s.directive));
  for (const param of node.args.slice(1)) {
    const [key, value] = param.split('=', 2) as [string, string | undefined];
    const digits = value !== undefined && /^\d+$/.test(value);
    if (key === 'weight' && digits && Number(value) > 0) peer.weight = Number(value);
    else if (key === 'max_fails' && digits) peer.maxFails = Number(value);
    else if (key === 'max_conns' && digits) peer.maxConns = Number(value);
    else if (key === 'fail_timeout' && value !== undefined && parseTime(value) !== null)
      peer.failTimeout = Math.floor(parseTime(value)! / 1000);
    else if (param === 'backup') {
      if (method && !declaredBy(method.directive)!.allowsBackup)
        fail(node, `balancing method does not support parameter "backup"`);
      peer.backup = true;
    } else if (param === 'down') peer.down = true;
    else fail(node, `invalid parameter "${param}"`);
  }
  return peer;
}

function parseUpstream(node: ConfigNode, ctx: ParseContext): string {
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
    summary:
      'A backend in an upstream group: weight=, max_fails=, fail_timeout=, max_conns=, backup, down.',
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
  ...METHOD_DIRECTIVES,
];

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

/** The method an upstream block declares: the last method directive, as nginx keeps it. */
export function balancerOf(block: readonly ConfigNode[]): Balancer {
  let balancer: Balancer = { method: 'round_robin' };
  block.forEach((node, i) => {
    const method = declaredBy(node.directive);
    if (method) balancer = method.declare(node, block.slice(0, i));
  });
  return balancer;
}

/** A seed for the random generator that depends on the group only. */
function seedOf(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export function buildUpstream(
  name: string,
  explicit: boolean,
  line: number,
  servers: readonly PeerConf[],
  balancer: Balancer = { method: 'round_robin' },
): Upstream {
  const primary = servers.filter((s) => !s.backup).map(toPeer);
  const backup = servers.filter((s) => s.backup).map(toPeer);
  const up: Upstream = {
    name,
    explicit,
    line,
    balancer,
    primary,
    backup,
    single: primary.length === 1 && backup.length === 0,
    totalWeight: primary.reduce((sum, p) => sum + p.weight, 0),
    tries: servers.filter((s) => !s.down).length,
    ring: null,
    randomState: seedOf(name),
  };
  methodOf(balancer).prepare?.(up);
  return up;
}

/** The group an `upstream` block declares, with nginx's checks on what it holds. */
export function explicitUpstream(node: ConfigNode, servers: readonly PeerConf[]): Upstream {
  const name = node.args[0]!;
  if (servers.length > 0 && servers.every((s) => s.backup))
    throw new ConfigError(`no servers in upstream "${name}"`, node.line, node.file);
  return buildUpstream(name, true, node.line, servers, balancerOf(node.block ?? []));
}

/** The group of one that `proxy_pass http://host:port` makes without an `upstream` block. */
export function implicitUpstream(host: string, line: number): Upstream {
  const address = withPort(host);
  return buildUpstream(host, false, line, [{ ...PEER_DEFAULTS, address, line }]);
}

/** The groups `upstream` blocks declare, each server's host resolved (nginx resolves them when it reads the block). */
function declareUpstreams({ node, conf }: HttpBuild): void {
  for (const n of node.block ?? []) {
    if (n.directive !== 'upstream') continue;
    const servers = (n.block ?? [])
      .filter((s) => s.directive === 'server')
      .map((s) => s.value as PeerConf);
    if (servers.length === 0)
      throw new ConfigError(`no servers are inside upstream`, n.line, n.file);
    for (const server of servers) {
      const host = (server.written ?? server.address).replace(/:\d+$/, '').toLowerCase();
      // A unix: socket needs no name lookup (nothing listens on it in the sandbox).
      if (!host.startsWith('unix:') && !conf.resolves(host)) {
        throw new ConfigError(
          `host not found in upstream "${server.written}"`,
          server.line,
          n.file,
        );
      }
    }
    conf.upstreams.set(n.args[0]!.toLowerCase(), explicitUpstream(n, servers));
  }
}

export const upstreamModule: DirectiveModule = {
  name: 'upstream',
  directives,
  http: { declare: declareUpstreams },
};
