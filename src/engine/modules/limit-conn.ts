/**
 * ngx_http_limit_conn_module: how many requests per key may be in flight at
 * the same moment. A request takes a slot in the preaccess phase and gives
 * it back when it is done.
 */
import type { ConfigNode } from '../config/node';
import type { DirectiveDef, DirectiveModule, ParseContext } from '../directive';
import type { PhaseContext, PhaseHandler, StateKey } from '../phases';
import { emit } from '../request';
import type { ComplexValue } from '../variables';
import { errorStatus, logLevel } from './limit-req';
import { addSharedZone, parseZoneParam } from './shared-zones';
import { fail, flag } from './slots';

export interface ConnZoneConf {
  name: string;
}

export interface LimitConnConf {
  zone: string;
  conn: number;
}

function parseZone(node: ConfigNode, ctx: ParseContext): ConnZoneConf {
  const arg = node.args[1]!;
  if (!arg.startsWith('zone=')) fail(node, `invalid parameter "${arg}"`);
  const zone = parseZoneParam(node, arg);
  if (zone.name === '') fail(node, `"${node.directive}" must have "zone" parameter`);
  const shared = addSharedZone(node, ctx, zone.name, zone.size, 'limit_conn');
  if (shared.definedBy)
    fail(
      node,
      `${node.directive} "${zone.name}" is already bound to key "${shared.definedBy.args[0]}"`,
    );
  shared.definedBy = node;
  return { name: zone.name };
}

function parseLimit(node: ConfigNode, ctx: ParseContext): LimitConnConf {
  const [zone, count] = node.args as [string, string];
  addSharedZone(node, ctx, zone, 0, 'limit_conn');
  for (const s of ctx.siblings)
    if (s.directive === 'limit_conn' && (s.value as LimitConnConf).zone === zone)
      fail(node, `"${node.directive}" directive is duplicate`);
  const conn = /^\d+$/.test(count) ? Number(count) : -1;
  if (conn <= 0) fail(node, `invalid number of connections "${count}"`);
  if (conn > 65535) fail(node, 'connection limit must be less 65536');
  return { zone, conn };
}

const LEVELS = ['http', 'server', 'location'] as const;

const directives: DirectiveDef[] = [
  {
    name: 'limit_conn_zone',
    contexts: ['http'],
    args: [2],
    values: [0],
    parse: parseZone,
    summary: 'A shared zone for connection limits: key and size.',
  },
  {
    name: 'limit_conn',
    contexts: LEVELS,
    args: [2],
    parse: parseLimit,
    summary: 'Limit how many requests per key are in flight at once.',
  },
  {
    name: 'limit_conn_status',
    contexts: LEVELS,
    args: [1],
    unique: true,
    parse: errorStatus,
    summary: 'Status for refused requests (503 by default).',
  },
  {
    name: 'limit_conn_log_level',
    contexts: LEVELS,
    args: [1],
    unique: true,
    parse: logLevel,
    summary: 'Error-log level for refusals.',
  },
  {
    name: 'limit_conn_dry_run',
    contexts: LEVELS,
    args: 'flag',
    unique: true,
    parse: flag,
    summary: 'Count requests against the limits but never refuse them.',
  },
];

interface ZoneState {
  name: string;
  key: ComplexValue;
  /** Requests in flight per key; a key whose count drops to 0 is forgotten, as nginx frees its node. */
  counts: Map<string, number>;
}

const ZONES: StateKey<Map<string, ZoneState>> = { name: 'limit_conn', create: () => new Map() };

function zoneState(ctx: PhaseContext, name: string): ZoneState {
  const zones = ctx.state.get(ZONES);
  let zone = zones.get(name);
  if (!zone) {
    // The config was refused at load time if no limit_conn_zone defines this name.
    const node = ctx.http.level
      .all('limit_conn_zone')
      .find((n) => (n.value as ConnZoneConf).name === name)!;
    zone = { name, key: node.compiled!.get(0)!, counts: new Map() };
    zones.set(name, zone);
  }
  return zone;
}

function release(zone: ZoneState, key: string): void {
  const n = (zone.counts.get(key) ?? 1) - 1;
  if (n > 0) zone.counts.set(key, n);
  else zone.counts.delete(key);
}

/** `$limit_conn_status` values (nginx ≥ 1.17.6). */
type LimitConnStatus = 'PASSED' | 'REJECTED' | 'REJECTED_DRY_RUN';

/**
 * The preaccess handler (ngx_http_limit_conn_handler), run after limit_req.
 * Each `limit_conn` in effect takes a slot for the request's key; the first
 * one that is full refuses the request and gives back the slots taken so
 * far. Slots are held until the request is done (`r.cleanups`). It runs once
 * per request: internal redirects skip it.
 */
export const limitConnPhase: PhaseHandler = (r, location, ctx) => {
  if (r.limitConnStatus !== undefined) return undefined;
  const level = location?.level ?? r.server.level;
  const limits = level.all('limit_conn');
  if (limits.length === 0) return undefined;
  let held: { zone: ZoneState; key: string }[] | null = null;
  for (const node of limits) {
    const limit = node.value as LimitConnConf;
    const zone = zoneState(ctx, limit.zone);
    const key = zone.key.evaluate(r);
    if (key === '' || key.length > 255) continue;
    r.limitConnStatus = 'PASSED' satisfies LimitConnStatus;
    const count = zone.counts.get(key) ?? 0;
    if (count >= limit.conn) {
      if (held) for (const h of held) release(h.zone, h.key);
      const dryRun = level.value<boolean>('limit_conn_dry_run') === true;
      const status = level.value<number>('limit_conn_status') ?? 503;
      const reason =
        `limit_conn zone "${zone.name}": ${count} request${count === 1 ? '' : 's'} from ${key} already in flight, the limit is ${limit.conn}` +
        (dryRun ? ' — dry run, so it is served anyway' : ` — refused with ${status}`);
      emit(r, {
        type: 'limit',
        directive: 'limit_conn',
        zone: zone.name,
        key,
        count,
        limit: limit.conn,
        decision: 'rejected',
        status: dryRun ? null : status,
        dryRun,
        reason,
      });
      if (dryRun) {
        r.limitConnStatus = 'REJECTED_DRY_RUN' satisfies LimitConnStatus;
        return undefined;
      }
      r.limitConnStatus = 'REJECTED' satisfies LimitConnStatus;
      emit(r, { type: 'reject', status, reason });
      return { kind: 'finish', finish: { status, source: 'error', reason } };
    }
    zone.counts.set(key, count + 1);
    (held ??= []).push({ zone, key });
    emit(r, {
      type: 'limit',
      directive: 'limit_conn',
      zone: zone.name,
      key,
      count: count + 1,
      limit: limit.conn,
      decision: 'passed',
      status: null,
      dryRun: false,
      reason: `limit_conn zone "${zone.name}": ${count + 1} of ${limit.conn} request${limit.conn === 1 ? '' : 's'} from ${key} in flight with this one — passes`,
    });
  }
  if (held) {
    const slots = held;
    r.cleanups.push(() => {
      for (const h of slots) release(h.zone, h.key);
    });
  }
  return undefined;
};

export const limitConnModule: DirectiveModule = {
  name: 'limit_conn',
  directives,
  phases: { preaccess: limitConnPhase },
};
