/**
 * ngx_http_limit_req_module: request rate limits as a leaky bucket per key,
 * kept in thousandths of a request with nginx's integer arithmetic and a
 * millisecond clock, so the same requests at the same moments pass, wait or
 * fail exactly as they do in nginx.
 */
import type { ConfigNode } from '../config/node';
import type { Level } from '../conf';
import type { DirectiveDef, DirectiveModule, ParseContext } from '../directive';
import type { PhaseContext, PhaseHandler, PhaseOutcome, StateKey } from '../phases';
import { emit, type Req } from '../request';
import type { ComplexValue } from '../variables';
import { addSharedZone, parseZoneParam } from './shared-zones';
import { fail, flag, num, oneOf } from './slots';

/** `limit_req_zone KEY zone=NAME:SIZE rate=N(r/s|r/m)`. */
export interface ReqZoneConf {
  name: string;
  /** Requests per second, in thousandths (`2r/s` is 2000, `30r/m` is 500): nginx's ctx->rate. */
  rate: number;
  /** As written after `rate=`, for the trace. */
  rateText: string;
}

/** `limit_req zone=NAME [burst=N] [nodelay | delay=N]`, both numbers in thousandths. */
export interface LimitReqConf {
  zone: string;
  burst: number;
  /** Excess served without waiting; nodelay makes it infinite (nginx: the largest integer). */
  delay: number;
  nodelay: boolean;
}

/** ngx_atoi: digits only, and nothing at all is an error. */
function atoi(text: string): number {
  return /^\d+$/.test(text) ? Number(text) : -1;
}

function parseZone(node: ConfigNode, ctx: ParseContext): ReqZoneConf {
  let zone: { name: string; size: number } | null = null;
  let rate = 1;
  let scale = 1;
  let rateText = '1r/s';
  for (const arg of node.args.slice(1)) {
    if (arg.startsWith('zone=')) {
      zone = parseZoneParam(node, arg);
      continue;
    }
    if (arg.startsWith('rate=')) {
      let digits = arg.slice(5);
      if (arg.endsWith('r/s')) digits = digits.slice(0, -3);
      else if (arg.endsWith('r/m')) {
        digits = digits.slice(0, -3);
        scale = 60;
      } else scale = 1;
      rate = atoi(digits);
      if (rate <= 0) fail(node, `invalid rate "${arg}"`);
      rateText = arg.slice(5);
      continue;
    }
    fail(node, `invalid parameter "${arg}"`);
  }
  if (!zone || zone.name === '') fail(node, `"${node.directive}" must have "zone" parameter`);
  const shared = addSharedZone(node, ctx, zone.name, zone.size, 'limit_req');
  if (shared.definedBy)
    fail(
      node,
      `${node.directive} "${zone.name}" is already bound to key "${shared.definedBy.args[0]}"`,
    );
  shared.definedBy = node;
  return { name: zone.name, rate: Math.floor((rate * 1000) / scale), rateText };
}

function parseLimit(node: ConfigNode, ctx: ParseContext): LimitReqConf {
  let zone: string | null = null;
  let burst = 0;
  let delay = 0;
  let nodelay = false;
  for (const arg of node.args) {
    if (arg.startsWith('zone=')) {
      zone = arg.slice(5);
      addSharedZone(node, ctx, zone, 0, 'limit_req');
      continue;
    }
    if (arg.startsWith('burst=')) {
      burst = atoi(arg.slice(6));
      if (burst <= 0) fail(node, `invalid burst value "${arg}"`);
      continue;
    }
    if (arg.startsWith('delay=')) {
      delay = atoi(arg.slice(6));
      if (delay <= 0) fail(node, `invalid delay value "${arg}"`);
      nodelay = false;
      continue;
    }
    if (arg === 'nodelay') {
      nodelay = true;
      continue;
    }
    fail(node, `invalid parameter "${arg}"`);
  }
  if (zone === null) fail(node, `"${node.directive}" must have "zone" parameter`);
  const limit: LimitReqConf = {
    zone,
    burst: burst * 1000,
    delay: nodelay ? Infinity : delay * 1000,
    nodelay,
  };
  for (const s of ctx.siblings)
    if (s.directive === 'limit_req' && (s.value as LimitReqConf).zone === zone)
      fail(node, `"${node.directive}" directive is duplicate`);
  return limit;
}

/** `limit_req_status` / `limit_conn_status`: a number from 400 to 599. */
export function errorStatus(node: ConfigNode): number {
  const n = num(node);
  if (n < 400 || n > 599) fail(node, 'value must be between 400 and 599');
  return n;
}

export const logLevel = oneOf(['info', 'notice', 'warn', 'error'] as const);

const LEVELS = ['http', 'server', 'location'] as const;

const directives: DirectiveDef[] = [
  {
    name: 'limit_req_zone',
    contexts: ['http'],
    args: [3],
    values: [0],
    parse: parseZone,
    summary: 'A shared zone for request-rate limits: key, size and rate (r/s or r/m).',
  },
  {
    name: 'limit_req',
    contexts: LEVELS,
    args: [1, 2, 3],
    parse: parseLimit,
    summary: 'Limit the request rate by a zone (burst=, nodelay, delay=); several lines all apply.',
  },
  {
    name: 'limit_req_status',
    contexts: LEVELS,
    args: [1],
    unique: true,
    parse: errorStatus,
    summary: 'Status for rejected requests (503 by default).',
  },
  {
    name: 'limit_req_log_level',
    contexts: LEVELS,
    args: [1],
    unique: true,
    parse: logLevel,
    summary: 'Error-log level for rejections (delays log one level lower).',
  },
  {
    name: 'limit_req_dry_run',
    contexts: LEVELS,
    args: 'flag',
    unique: true,
    parse: flag,
    summary: 'Count requests against the limits but never delay or reject them.',
  },
];

/** One key's bucket: excess in thousandths of a request, and when it was last counted (ms). */
interface Bucket {
  excess: number;
  last: number;
}

interface ZoneState {
  conf: ReqZoneConf;
  key: ComplexValue;
  /** Buckets in least-recently-used order (a lookup moves its key to the end), as nginx's queue. */
  buckets: Map<string, Bucket>;
}

/** Zones by name: the buckets live as long as the engine (a reload starts empty, as nginx's do not survive a restart). */
const ZONES: StateKey<Map<string, ZoneState>> = { name: 'limit_req', create: () => new Map() };

function zoneState(ctx: PhaseContext, name: string): ZoneState {
  const zones = ctx.state.get(ZONES);
  let zone = zones.get(name);
  if (!zone) {
    // The config was refused at load time if no limit_req_zone defines this name.
    const node = ctx.http.level
      .all('limit_req_zone')
      .find((n) => (n.value as ReqZoneConf).name === name)!;
    zone = { conf: node.value as ReqZoneConf, key: node.compiled!.get(0)!, buckets: new Map() };
    zones.set(name, zone);
  }
  return zone;
}

/**
 * ngx_http_limit_req_expire: before a new key is stored, up to two of the
 * least recently used keys are forgotten if they are a minute old and their
 * bucket has drained (a forgotten key starts again at zero).
 */
function expire(zone: ZoneState, now: number): void {
  for (let i = 0; i < 2; i++) {
    const oldest = zone.buckets.entries().next();
    if (oldest.done) return;
    const [key, bucket] = oldest.value;
    const ms = Math.abs(now - bucket.last);
    if (ms < 60_000) return;
    if (bucket.excess - Math.floor((zone.conf.rate * ms) / 1000) > 0) return;
    zone.buckets.delete(key);
  }
}

/** One zone's look at this request. */
interface Check {
  limit: LimitReqConf;
  zone: ZoneState;
  key: string;
  bucket: Bucket | undefined;
  /** The bucket drained to now, before this request (thousandths). */
  before: number;
  /** With this request counted. */
  excess: number;
}

/** `$limit_req_status` values (nginx ≥ 1.17.6). */
type LimitReqStatus = 'PASSED' | 'DELAYED' | 'REJECTED' | 'DELAYED_DRY_RUN' | 'REJECTED_DRY_RUN';

/**
 * The preaccess handler (ngx_http_limit_req_handler). Every `limit_req` in
 * effect is checked in order; the first zone whose bucket would overflow
 * rejects the request and the zones before it are not charged. Otherwise
 * every zone is charged and the request waits for the longest delay any of
 * them asks for. It runs once per request: internal redirects skip it.
 */
export const limitReqPhase: PhaseHandler = (r, location, ctx) => {
  if (r.limitReqStatus !== undefined) return undefined;
  const level = location?.level ?? r.server.level;
  const limits = level.all('limit_req');
  if (limits.length === 0) return undefined;
  const now = r.clock.now();
  const checks: Check[] = [];
  for (const node of limits) {
    const limit = node.value as LimitReqConf;
    const zone = zoneState(ctx, limit.zone);
    const key = zone.key.evaluate(r);
    if (key === '' || key.length > 65535) {
      emit(r, {
        ...limitEvent(zone, limit, key, 0, 0),
        decision: 'skipped',
        reason: `${zoneLabel(zone, limit)}: the key ${zone.key.text} is ${key ? 'longer than 65535 bytes' : 'empty'} here, so this request is not limited`,
      });
      continue;
    }
    const bucket = zone.buckets.get(key);
    let before = 0;
    let excess = 0;
    if (bucket) {
      zone.buckets.delete(key);
      zone.buckets.set(key, bucket);
      const drained =
        bucket.excess - Math.floor((zone.conf.rate * Math.max(0, now - bucket.last)) / 1000);
      before = Math.max(0, drained);
      excess = Math.max(0, drained + 1000);
    } else {
      expire(zone, now);
    }
    const check: Check = { limit, zone, key, bucket, before, excess };
    if (excess > limit.burst) return reject(r, level, checks, check);
    checks.push(check);
  }
  if (checks.length === 0) return undefined;

  // nginx starts from the last zone's delay and lets an earlier zone win only with a longer one.
  let wait = 0;
  let longest: Check | null = null;
  for (let i = checks.length - 1; i >= 0; i--) {
    const c = checks[i]!;
    if (c.bucket) {
      c.bucket.excess = c.excess;
      c.bucket.last = now;
    } else c.zone.buckets.set(c.key, { excess: 0, last: now });
    const delay = delayOf(c);
    if (delay > wait) {
      wait = delay;
      longest = c;
    }
  }
  const dryRun = level.value<boolean>('limit_req_dry_run') === true;
  for (const c of checks) {
    const delay = delayOf(c);
    emit(r, {
      ...limitEvent(c.zone, c.limit, c.key, c.before, c.excess),
      decision: delay > 0 ? 'delayed' : 'passed',
      delayMs: delay,
      dryRun,
      reason: passReason(c, delay, wait, longest, dryRun),
    });
  }
  if (wait === 0) {
    r.limitReqStatus = 'PASSED' satisfies LimitReqStatus;
    return undefined;
  }
  if (dryRun) {
    r.limitReqStatus = 'DELAYED_DRY_RUN' satisfies LimitReqStatus;
    return undefined;
  }
  r.limitReqStatus = 'DELAYED' satisfies LimitReqStatus;
  return r.clock.sleep(wait).then(() => undefined);
};

/** How long an accepted request waits: the excess above `delay=`, drained at the zone's rate. */
function delayOf(c: Check): number {
  if (c.excess <= c.limit.delay) return 0;
  return Math.floor(((c.excess - c.limit.delay) * 1000) / c.zone.conf.rate);
}

function reject(r: Req, level: Level, earlier: readonly Check[], over: Check): PhaseOutcome {
  const dryRun = level.value<boolean>('limit_req_dry_run') === true;
  const status = level.value<number>('limit_req_status') ?? 503;
  for (const c of earlier)
    emit(r, {
      ...limitEvent(c.zone, c.limit, c.key, c.before, c.before),
      decision: 'skipped',
      reason: `${zoneLabel(c.zone, c.limit)}: not charged, because zone "${over.zone.conf.name}" rejected the request`,
    });
  const label = zoneLabel(over.zone, over.limit);
  const reason =
    `${label}: ${excessWords(over.excess)} would overflow burst ${over.limit.burst / 1000}` +
    (dryRun ? ` — dry run, so it is served anyway` : ` — rejected with ${status}`);
  emit(r, {
    ...limitEvent(over.zone, over.limit, over.key, over.before, over.before),
    decision: 'rejected',
    status: dryRun ? null : status,
    dryRun,
    reason,
  });
  if (dryRun) {
    r.limitReqStatus = 'REJECTED_DRY_RUN' satisfies LimitReqStatus;
    return undefined;
  }
  r.limitReqStatus = 'REJECTED' satisfies LimitReqStatus;
  emit(r, { type: 'reject', status, reason });
  return { kind: 'finish', finish: { status, source: 'error', reason } };
}

function limitEvent(
  zone: ZoneState,
  limit: LimitReqConf,
  key: string,
  before: number,
  after: number,
) {
  return {
    type: 'limit' as const,
    directive: 'limit_req' as const,
    zone: zone.conf.name,
    key,
    rate: zone.conf.rateText,
    burst: limit.burst / 1000,
    nodelay: limit.nodelay,
    excessBefore: before / 1000,
    excessAfter: after / 1000,
    delayMs: 0,
    status: null,
    dryRun: false,
  };
}

function zoneLabel(zone: ZoneState, limit: LimitReqConf): string {
  const burst = limit.burst ? `, burst ${limit.burst / 1000}` : '';
  return `limit_req zone "${zone.conf.name}" (${zone.conf.rateText}${burst})`;
}

/** Thousandths of a request in words: 2400 → "2.4 excess requests", 1000 → "1 excess request". */
function excessWords(thousandths: number): string {
  const n = thousandths / 1000;
  return `${n} excess request${n === 1 ? '' : 's'}`;
}

function passReason(
  c: Check,
  delay: number,
  wait: number,
  longest: Check | null,
  dryRun: boolean,
): string {
  const label = zoneLabel(c.zone, c.limit);
  if (!c.bucket) return `${label}: first request for key ${c.key}, the bucket is empty — passes`;
  if (c.excess === 0) return `${label}: the bucket has drained — passes`;
  const queued = excessWords(c.excess);
  if (delay === 0) {
    const why = c.limit.nodelay
      ? 'within the burst, and nodelay serves it at once'
      : `within delay=${c.limit.delay / 1000}, served at once`;
    return `${label}: ${queued}, ${why}`;
  }
  const own = `${label}: ${queued} queued — waits ${delay} ms`;
  if (dryRun) return `${own} (dry run: served at once)`;
  if (longest !== c && wait > delay)
    return `${own}, but zone "${longest!.zone.conf.name}" asks for ${wait} ms and the longest wait applies`;
  return own;
}

export const limitReqModule: DirectiveModule = {
  name: 'limit_req',
  directives,
  phases: { preaccess: limitReqPhase },
};
