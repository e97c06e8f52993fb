/**
 * Which `server` block answers: among those listening on the port, by the
 * Host name (exact, longest leading wildcard, longest trailing wildcard,
 * regexes in order), else the port's default server.
 */
import type { ServerConf } from '../conf';

export interface PortGroup {
  port: number;
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

export function groupByPort(servers: readonly ServerConf[]): Map<number, PortGroup> {
  const groups = new Map<number, PortGroup>();
  for (const server of servers) {
    for (const listen of server.listens) {
      let g = groups.get(listen.port);
      if (!g)
        groups.set(
          listen.port,
          (g = { port: listen.port, ssl: false, servers: [], defaultServer: server }),
        );
      if (!g.servers.includes(server)) g.servers.push(server);
      if (listen.ssl) g.ssl = true;
      if (listen.defaultServer) g.defaultServer = server;
    }
  }
  // The old `ssl on` in a port's default server makes the whole port TLS.
  for (const g of groups.values())
    if (g.defaultServer.level.value<boolean>('ssl') === true) g.ssl = true;
  return groups;
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
