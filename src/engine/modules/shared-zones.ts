/**
 * nginx's shared memory zones (ngx_shared_memory_add): `limit_req_zone`,
 * `limit_conn_zone` and a cache's `keys_zone` name zones in one namespace
 * per configuration. A directive that only uses a zone (`limit_req
 * zone=one`) declares it with size 0; a zone that nothing gave a size is an
 * error once the whole configuration was read.
 */
import type { ConfigNode } from '../config/node';
import type { ParseContext } from '../directive';
import { ConfigError } from '../errors';
import { fail, parseSize } from './slots';

/** Which module a zone belongs to (nginx's shm tag). */
export type ZoneTag = 'limit_req' | 'limit_conn' | 'proxy_cache';

export interface SharedZone {
  name: string;
  tag: ZoneTag;
  size: number;
  /** The directive that defined the zone (`limit_req_zone ...`), once one did. */
  definedBy?: ConfigNode;
}

/** Zones by name, per configuration (keyed by its `http` block, so compiles never share them). */
const zonesByConfig = new WeakMap<ConfigNode, Map<string, SharedZone>>();

function zonesOf(ctx: ParseContext, node: ConfigNode): Map<string, SharedZone> {
  const root = ctx.parents[0] ?? node;
  let zones = zonesByConfig.get(root);
  if (!zones) zonesByConfig.set(root, (zones = new Map()));
  return zones;
}

/** Declares (size > 0) or uses (size 0) a zone, with nginx's conflict messages. */
export function addSharedZone(
  node: ConfigNode,
  ctx: ParseContext,
  name: string,
  size: number,
  tag: ZoneTag,
): SharedZone {
  const zones = zonesOf(ctx, node);
  const zone = zones.get(name);
  if (!zone) {
    const created: SharedZone = { name, tag, size };
    zones.set(name, created);
    return created;
  }
  if (zone.tag !== tag)
    fail(node, `the shared memory zone "${name}" is already declared for a different use`);
  if (zone.size === 0) zone.size = size;
  if (size !== 0 && size !== zone.size)
    fail(
      node,
      `the size ${size} of shared memory zone "${name}" conflicts with already declared size ${zone.size}`,
    );
  return zone;
}

/**
 * The `zone=name:size` parameter of limit_req_zone / limit_conn_zone: the
 * name and size in bytes, at least 8 pages (32k) as nginx requires.
 */
export function parseZoneParam(node: ConfigNode, param: string): { name: string; size: number } {
  const text = param.slice('zone='.length);
  const colon = text.indexOf(':');
  if (colon === -1) fail(node, `invalid zone size "${param}"`);
  const size = parseSize(text.slice(colon + 1));
  if (size === null) fail(node, `invalid zone size "${param}"`);
  if (size < 8 * 4096) fail(node, `zone "${param}" is too small`);
  return { name: text.slice(0, colon), size };
}

/** After the whole configuration was read: a zone used but never defined has no size. */
export function checkSharedZones(http: ConfigNode): void {
  for (const zone of zonesByConfig.get(http)?.values() ?? [])
    if (zone.size === 0) throw new ConfigError(`zero size shared memory zone "${zone.name}"`, null);
}
