/**
 * Which `server` block answers: among those listening on the address and port
 * the client connected to, by the Host name (exact, longest leading wildcard,
 * longest trailing wildcard, regexes in order), else that address's default
 * server.
 */
import type { ServerConf } from '../conf';

export interface PortGroup {
  port: number;
  /** '*' for a wildcard listen (`listen 80`, `0.0.0.0:80`), else the address as written. */
  address: string;
  ssl: boolean;
  servers: ServerConf[];
  defaultServer: ServerConf;
}

export interface ServerChoice {
  server: ServerConf;
  reason: string;
  /** Named captures of a regex server_name. */
  groups: Record<string, string> | null;
  captures: string[] | null;
}

/** The client always connects to 127.0.0.1 (`localhost` resolves to it). */
const CLIENT_ADDRESS = '127.0.0.1';

function addressOf(address: string): string {
  if (address === '0.0.0.0') return '*';
  if (address === 'localhost') return CLIENT_ADDRESS;
  return address;
}

/** Every address:port nginx listens on, with its servers in config order and its default server. */
export function listenGroups(servers: readonly ServerConf[]): PortGroup[] {
  const groups = new Map<string, PortGroup>();
  for (const server of servers) {
    for (const listen of server.listens) {
      const address = addressOf(listen.address);
      const key = `${address}|${listen.port}`;
      let g = groups.get(key);
      if (!g)
        groups.set(
          key,
          (g = { port: listen.port, address, ssl: false, servers: [], defaultServer: server }),
        );
      if (!g.servers.includes(server)) g.servers.push(server);
      if (listen.ssl) g.ssl = true;
      if (listen.defaultServer) g.defaultServer = server;
    }
  }
  // The old `ssl on` in a port's default server makes the whole port TLS.
  for (const g of groups.values())
    if (g.defaultServer.level.value<boolean>('ssl') === true) g.ssl = true;
  return [...groups.values()];
}

/**
 * The servers a client connecting to 127.0.0.1:port reaches. nginx looks the
 * connection's local address up among the port's addresses: a `listen
 * 127.0.0.1:port` takes the connection with only its own servers (those on
 * the wildcard `listen port` never see it); other addresses and IPv6 ones are
 * not reachable from 127.0.0.1 at all.
 */
export function groupByPort(servers: readonly ServerConf[]): Map<number, PortGroup> {
  const byPort = new Map<number, PortGroup>();
  for (const g of listenGroups(servers)) {
    if (g.address === CLIENT_ADDRESS) byPort.set(g.port, g);
    else if (g.address === '*' && byPort.get(g.port)?.address !== CLIENT_ADDRESS)
      byPort.set(g.port, g);
  }
  return byPort;
}

export function selectServer(group: PortGroup, host: string): ServerChoice {
  if (host !== '') {
    for (const server of group.servers) {
      if (server.names.some((n) => n.kind === 'exact' && n.fixed === host)) {
        return {
          server,
          reason: `server_name ${host} matches exactly`,
          groups: null,
          captures: null,
        };
      }
    }
    const wildcard = (kind: 'leading' | 'trailing') => {
      let best: { server: ServerConf; len: number; text: string } | null = null;
      for (const server of group.servers) {
        for (const n of server.names) {
          if (n.kind !== kind) continue;
          const hit =
            kind === 'leading'
              ? host === n.fixed || host.endsWith('.' + n.fixed)
              : host.startsWith(n.fixed);
          // `*.example.com` does not match example.com itself; `.example.com` does.
          const allowed = kind === 'trailing' || host !== n.fixed || n.text.startsWith('.');
          if (hit && allowed && (best === null || n.fixed.length > best.len))
            best = { server, len: n.fixed.length, text: n.text };
        }
      }
      return best;
    };
    const leading = wildcard('leading');
    if (leading)
      return {
        server: leading.server,
        reason: `server_name ${leading.text} is the longest matching wildcard`,
        groups: null,
        captures: null,
      };
    const trailing = wildcard('trailing');
    if (trailing)
      return {
        server: trailing.server,
        reason: `server_name ${trailing.text} is the longest matching trailing wildcard`,
        groups: null,
        captures: null,
      };
    for (const server of group.servers) {
      for (const n of server.names) {
        if (n.kind !== 'regex') continue;
        const m = n.regex!.exec(host);
        if (m) {
          return {
            server,
            reason: `server_name ${n.text} is the first regex that matches`,
            groups: m.groups
              ? Object.fromEntries(Object.entries(m.groups).map(([k, v]) => [k, v ?? '']))
              : null,
            captures: [...m].map((x) => x ?? ''),
          };
        }
      }
    }
  }
  const marked = group.defaultServer.listens.some((l) => l.port === group.port && l.defaultServer);
  return {
    server: group.defaultServer,
    reason:
      host === ''
        ? 'no Host name: the default server answers'
        : `no server_name matches "${host}": the ${marked ? 'default_server' : 'first server on this port'} answers`,
    groups: null,
    captures: null,
  };
}
