/**
 * Where each node of the journey diagram sits: the client on the left, the
 * proxy (its cache and disk below it), the upstream groups, then every
 * backend on the right. Groups and their members come from the trace (the
 * balancer's candidates), backends also from the scenario, so a backend no
 * request reached yet is still on the map.
 */
import type { Journey, NodeName } from '../../explain';
import type { BackendMap } from '../../scenario';
import type { Exchange } from '../../runtime/types';

export type NodeRole = 'client' | 'proxy' | 'cache' | 'disk' | 'upstream' | 'backend';

export interface DiagramNode {
  name: NodeName;
  role: NodeRole;
  label: string;
  /** A second line: an address, a group's name. */
  sublabel: string;
  x: number;
  y: number;
}

export interface Topology {
  width: number;
  height: number;
  nodes: DiagramNode[];
  edges: { from: NodeName; to: NodeName }[];
}

const COLUMN = { client: 60, proxy: 230, upstream: 410, backend: 570 } as const;
const TOP = 45;
const ROW = 75;
/** One line of notes under a node (see JourneyDiagram). */
export const NOTE_LINE = 14;

/** The map for one journey, or for a burst's (the union of every node they touched). */
export function topologyOf(
  journeys: Journey | readonly Journey[],
  backends: BackendMap,
  client: string,
  /** Lines of notes each node may carry: rows are spaced so they never run into the node below. */
  noteLines = 0,
): Topology {
  const row = ROW + NOTE_LINE * noteLines;
  const allHops = (Array.isArray(journeys) ? journeys : [journeys]).flatMap((j: Journey) => j.hops);
  const touched = new Set(allHops.flatMap((h) => [h.from, h.to]));
  const groups = new Map<NodeName, Set<NodeName>>();
  const backendNodes = new Set<NodeName>(
    Object.keys(backends).map((a): NodeName => `backend:${a}`),
  );
  for (const hop of allHops) {
    for (const e of hop.events) {
      if (e.type !== 'balance') continue;
      const members = groups.get(`upstream:${e.upstream}`) ?? new Set();
      for (const c of e.candidates) members.add(`backend:${c.address}`);
      groups.set(`upstream:${e.upstream}`, members);
    }
    for (const node of [hop.from, hop.to]) {
      if (node.startsWith('upstream:') && !groups.has(node)) groups.set(node, new Set());
      if (hop.from.startsWith('upstream:') && hop.to.startsWith('backend:'))
        groups.get(hop.from)?.add(hop.to);
      if (node.startsWith('backend:')) backendNodes.add(node);
    }
  }
  for (const members of groups.values()) for (const m of members) backendNodes.add(m);

  const nodes: DiagramNode[] = [
    { name: 'client', role: 'client', label: 'client', sublabel: client, x: COLUMN.client, y: TOP },
    { name: 'proxy', role: 'proxy', label: 'proxy', sublabel: 'nginx', x: COLUMN.proxy, y: TOP },
  ];
  const edges: Topology['edges'] = [{ from: 'client', to: 'proxy' }];
  let below = TOP;
  for (const role of ['cache', 'disk'] as const) {
    if (!touched.has(role)) continue;
    below += row;
    const sublabel = role === 'cache' ? 'proxy_cache' : 'root / alias';
    nodes.push({ name: role, role, label: role, sublabel, x: COLUMN.proxy, y: below });
    edges.push({ from: 'proxy', to: role });
  }
  [...groups.keys()].forEach((name, i) => {
    const group = name.slice('upstream:'.length);
    nodes.push({
      name,
      role: 'upstream',
      label: 'upstream',
      sublabel: group,
      x: COLUMN.upstream,
      y: TOP + i * row,
    });
    edges.push({ from: 'proxy', to: name });
    for (const member of groups.get(name) ?? []) edges.push({ from: name, to: member });
  });
  [...backendNodes].forEach((name, i) => {
    const address = name.slice('backend:'.length);
    nodes.push({
      name,
      role: 'backend',
      label: backends[address]?.name ?? 'backend',
      sublabel: address,
      x: COLUMN.backend,
      y: TOP + i * row,
    });
  });
  // Room under the lowest node for its second line.
  const height = Math.max(...nodes.map((n) => n.y)) + TOP + 10 + NOTE_LINE * noteLines;
  // Room right of the backends for their notes (`0 answered, 500 failed`).
  return { width: COLUMN.backend + 90, height, nodes, edges };
}

/**
 * One exchange per distinct path through the proxy (the kinds of decision
 * and the groups and backends visited), in order of first appearance: a
 * burst's map needs one journey per path, not a thousand.
 */
export function distinctPaths(exchanges: readonly Exchange[]): Exchange[] {
  const seen = new Set<string>();
  const out: Exchange[] = [];
  for (const exchange of exchanges) {
    const key = exchange.trace
      .map((e) => {
        if (e.type === 'upstream' || e.type === 'backend') return `${e.type}:${e.address}`;
        if (e.type === 'balance') return `balance:${e.upstream}`;
        return e.type;
      })
      .join(' ');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(exchange);
  }
  return out;
}
