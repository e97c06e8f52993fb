/**
 * ngx_http_map_module and ngx_http_split_clients_module: variables whose
 * value is looked up from another value (exact keys, then regexes, then
 * `default`) or from a hash bucket (A/B splits).
 */
import type { ConfigNode } from '../config/node';
import type { DirectiveDef, DirectiveModule, HttpBuild } from '../directive';
import { ConfigError } from '../errors';
import { compileRegex, namedGroups } from '../regex';
import { ComplexValue, isReadOnlyBuiltin, type VariableTable, type VarGetter } from '../variables';
import { fail } from './slots';
import type { Req } from '../request';

export interface MapEntry {
  key: string;
  value: string;
  node: ConfigNode;
  /**
   * After `hostnames`: `.example.com` and `*.example.com` are head wildcards (kept as
   * `example.com`), `www.example.*` a tail wildcard (kept as `www.example`).
   */
  wildcard?: 'head' | 'tail';
}

/** The keys a map's hash already holds, by kind, for nginx's conflict checks (lower-cased). */
interface MapKeys {
  exact: Set<string>;
  head: Set<string>;
  tail: Set<string>;
}

function entriesOf(node: ConfigNode, what: 'map' | 'split_clients'): MapEntry[] {
  const entries: MapEntry[] = [];
  const keys: MapKeys = { exact: new Set(), head: new Set(), tail: new Set() };
  let hostnames = false;
  for (const e of node.block ?? []) {
    if (
      what === 'map' &&
      (e.directive === 'hostnames' || e.directive === 'volatile') &&
      e.args.length === 0
    ) {
      if (e.directive === 'hostnames') hostnames = true;
      continue;
    }
    // split_clients reads only the first value after the percentage, and does not count them.
    if (what === 'map' && e.args.length !== 1) {
      throw new ConfigError(
        what === 'map'
          ? 'invalid number of the map parameters'
          : 'invalid number of the split_clients parameters',
        e.line,
        e.file,
      );
    }
    if (what === 'map') {
      checkMapKey(entries, e);
      const entry = hostnames ? hostnameEntry(e, keys) : null;
      if (entry) {
        entries.push(entry);
        continue;
      }
    }
    entries.push({ key: e.directive, value: e.args[0] ?? '', node: e });
  }
  return entries;
}

/**
 * A key of a `hostnames` map, checked as ngx_hash_add_key does: one `*` at most, as `*.` in
 * front or `.*` at the end; `.example.com` also stands for `example.com` itself. Null for
 * `default`, regexes and plain names (handled as usual).
 */
function hostnameEntry(e: ConfigNode, keys: MapKeys): MapEntry | null {
  const raw = e.directive;
  if (raw === 'default' || raw.startsWith('~')) return null;
  const key = raw.startsWith('\\') ? raw.slice(1) : raw;
  const lower = key.toLowerCase();
  const stars = [...key].filter((c) => c === '*').length;
  const conflict = () => fail(e, `conflicting parameter "${key}"`);
  if (stars > 1 || key.includes('..') || key.includes('\0'))
    fail(e, `invalid hostname or wildcard "${key}"`);
  let wildcard: 'head' | 'tail' | null = null;
  let name = lower;
  if (key.length > 1 && key.startsWith('.')) {
    name = lower.slice(1);
    if (keys.exact.has(name)) conflict();
    keys.exact.add(name);
    wildcard = 'head';
  } else if (key.length > 2 && key.startsWith('*.')) {
    name = lower.slice(2);
    wildcard = 'head';
  } else if (key.length > 2 && key.endsWith('.*')) {
    name = lower.slice(0, -2);
    wildcard = 'tail';
  } else if (stars) {
    fail(e, `invalid hostname or wildcard "${key}"`);
  }
  if (!wildcard) {
    if (keys.exact.has(lower)) conflict();
    keys.exact.add(lower);
    return null;
  }
  const seen = wildcard === 'head' ? keys.head : keys.tail;
  if (seen.has(name)) conflict();
  seen.add(name);
  return { key: name, value: e.args[0]!, node: e, wildcard };
}

/** nginx refuses a second `default` and a repeated exact key (keys compare case-insensitively). */
function checkMapKey(entries: readonly MapEntry[], e: ConfigNode): void {
  const key = e.directive;
  if (key === 'default') {
    if (entries.some((x) => x.key === 'default'))
      throw new ConfigError('duplicate default map parameter', e.line, e.file);
    return;
  }
  if (key.startsWith('~')) return;
  if (
    entries.some(
      (x) =>
        !x.wildcard &&
        x.key !== 'default' &&
        !x.key.startsWith('~') &&
        x.key.toLowerCase() === key.toLowerCase(),
    )
  ) {
    throw new ConfigError(`conflicting parameter "${key}"`, e.line, e.file);
  }
}

function checkTarget(node: ConfigNode): void {
  checkVariable(node, node.args[1]!);
}

/** The variable a block defines: written with `$`, and not a built-in nginx keeps to itself. */
function checkVariable(node: ConfigNode, name: string): void {
  if (!name.startsWith('$')) fail(node, `invalid variable name "${name}"`);
  if (isReadOnlyBuiltin(name.slice(1))) fail(node, `the duplicate "${name.slice(1)}" variable`);
}

/** `split_clients` percentages: `0.5%`, `50%` or `*`; they may add up to at most 100%. */
function finishSplitClients(node: ConfigNode): MapEntry[] {
  const entries = entriesOf(node, 'split_clients');
  const percents = entries.map((e) => {
    if (e.key === '*') return 0;
    const m = /^(\d+)(?:\.(\d{1,2}))?%$/.exec(e.key);
    const percent = m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : 0;
    if (percent === 0)
      throw new ConfigError(`invalid percent value "${e.key}"`, e.node.line, e.node.file);
    return percent;
  });
  // As ngx_http_split_clients does: `*` takes the sum to 100% at once, so a
  // percentage after it is over the total.
  let sum = 0;
  for (const percent of percents) {
    sum = percent ? sum + percent : 10000;
    if (sum > 10000) fail(node, `percent total is greater than 100%`);
  }
  return entries;
}

const directives: DirectiveDef[] = [
  {
    name: 'map',
    contexts: ['http'],
    args: [2],
    block: 'map',
    parse: (node) => checkTarget(node),
    finish: (node) => entriesOf(node, 'map'),
    summary: 'Define a variable whose value depends on another (exact keys, ~regex, default).',
  },
  {
    name: 'split_clients',
    contexts: ['http'],
    args: [2],
    block: 'split_clients',
    parse: (node) => checkTarget(node),
    finish: finishSplitClients,
    summary: 'Split clients into buckets by a hash of a key, with percentages (A/B tests).',
  },
];

/** A `geo` block read: networks as [address, mask] with their value, plus `default`. */
export interface GeoConf {
  networks: { net: number; mask: number; bits: number; value: string }[];
  ranges: { from: number; to: number; value: string }[];
  fallback: string;
}

function ipv4(text: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return null;
  return ((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0;
}

function dotted(addr: number): string {
  return [addr >>> 24, (addr >>> 16) & 255, (addr >>> 8) & 255, addr & 255].join('.');
}

function cidr(text: string): { net: number; mask: number; bits: number } | null {
  const slash = text.indexOf('/');
  const addr = ipv4(slash === -1 ? text : text.slice(0, slash));
  if (addr === null) return null;
  const bitsText = slash === -1 ? '32' : text.slice(slash + 1);
  if (!/^\d{1,2}$/.test(bitsText) || Number(bitsText) > 32) return null;
  const bits = Number(bitsText);
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return { net: (addr & mask) >>> 0, mask, bits };
}

/**
 * ngx_http_geo_module: `default`, addresses and CIDR networks (the longest
 * match wins, a repeated network replaces the earlier value), `delete`, and
 * `ranges` with `from-to` entries (apart, or each inside an earlier one: the latest that holds
 * the address wins).
 * IPv6 networks are accepted but never match: clients are IPv4 here.
 */
function finishGeo(node: ConfigNode): GeoConf {
  const conf: GeoConf = { networks: [], ranges: [], fallback: '' };
  let ranges = false;
  for (const e of node.block ?? []) {
    const key = e.directive;
    if (e.args.length === 0 && key === 'ranges') {
      ranges = true;
      continue;
    }
    if (key === 'include' || key === 'proxy' || key === 'proxy_recursive')
      throw new ConfigError(`"${key}" in geo is not supported by the sandbox yet`, e.line, e.file);
    if (e.args.length !== 1)
      throw new ConfigError('invalid number of the geo parameters', e.line, e.file);
    const value = e.args[0]!;
    if (key === 'default') {
      conf.fallback = value;
      continue;
    }
    if (key === 'delete') {
      const n = cidr(value);
      if (n) conf.networks = conf.networks.filter((x) => x.net !== n.net || x.bits !== n.bits);
      continue;
    }
    if (ranges) {
      const dash = key.indexOf('-');
      const from = dash === -1 ? null : ipv4(key.slice(0, dash));
      const to = dash === -1 ? null : ipv4(key.slice(dash + 1));
      if (from === null || to === null || to < from)
        throw new ConfigError(`invalid range "${key}"`, e.line, e.file);
      // A range may lie apart from the earlier ones or inside one of them (and then wins there);
      // one that reaches past an earlier range it touches is refused.
      const crossed = conf.ranges.find(
        (x) => to >= x.from && from <= x.to && (from < x.from || to > x.to),
      );
      if (crossed)
        throw new ConfigError(
          `range "${key}" overlaps "${dotted(crossed.from)}-${dotted(crossed.to)}"`,
          e.line,
          e.file,
        );
      conf.ranges.push({ from, to, value });
      continue;
    }
    if (key.includes(':')) continue;
    const n = cidr(key);
    if (!n) throw new ConfigError(`invalid network "${key}"`, e.line, e.file);
    conf.networks = conf.networks.filter((x) => x.net !== n.net || x.bits !== n.bits);
    conf.networks.push({ ...n, value });
  }
  conf.networks.sort((a, b) => b.bits - a.bits);
  conf.ranges.reverse();
  return conf;
}

directives.push({
  name: 'geo',
  contexts: ['http'],
  args: [1, 2],
  block: 'geo',
  parse: (node) => {
    for (const a of node.args) if (!a.startsWith('$')) fail(node, `invalid variable name "${a}"`);
    checkVariable(node, node.args[node.args.length - 1]!);
  },
  finish: finishGeo,
  summary: 'Define a variable from the client address (or another): networks, ranges, default.',
});

/** Declares a `geo` variable, looked up by `$remote_addr` or the block's own address value. */
function declareGeo(node: ConfigNode, vars: VariableTable): void {
  const source =
    node.args.length === 2 ? ComplexValue.compile(node.args[0]!, vars, node.line, node.file) : null;
  const target = node.args[node.args.length - 1]!.slice(1).toLowerCase();
  const conf = node.value as GeoConf;
  vars.declare(target, (r) => {
    // An address that does not parse is looked up as 255.255.255.255 (INADDR_NONE).
    const addr = ipv4(source ? source.evaluate(r) : r.incoming.clientAddress) ?? 0xffffffff;
    for (const x of conf.ranges) if (addr >= x.from && addr <= x.to) return x.value;
    for (const x of conf.networks) if ((addr & x.mask) >>> 0 === x.net) return x.value;
    return conf.fallback;
  });
}

/** Declares a `map` block's variable: exact keys (case-insensitive), then regexes in order, then `default`. */
function declareMap(node: ConfigNode, vars: VariableTable): void {
  const source = ComplexValue.compile(node.args[0]!, vars, node.line, node.file);
  const target = node.args[1]!.slice(1).toLowerCase();
  const exact = new Map<string, ComplexValue>();
  const regexes: { regex: RegExp; value: ComplexValue }[] = [];
  const head = new Map<string, ComplexValue>();
  const tail = new Map<string, ComplexValue>();
  let fallback: ComplexValue | null = null;
  for (const e of node.value as MapEntry[]) {
    const value = ComplexValue.compile(e.value, vars, e.node.line, e.node.file);
    if (e.wildcard) {
      (e.wildcard === 'head' ? head : tail).set(e.key, value);
      // `.example.com` is example.com itself too.
      if (e.wildcard === 'head' && e.node.directive.startsWith('.')) exact.set(e.key, value);
    } else if (e.key === 'default') {
      fallback = value;
    } else if (e.key.startsWith('~')) {
      const caseless = e.key.startsWith('~*');
      const regex = compileRegex(e.key.slice(caseless ? 2 : 1), caseless, e.node);
      for (const name of namedGroups(regex)) vars.declare(name);
      regexes.push({ regex, value });
    } else {
      const key = e.key.startsWith('\\') ? e.key.slice(1) : e.key;
      exact.set(key.toLowerCase(), value);
    }
  }
  const hostnames = head.size > 0 || tail.size > 0;
  const getter: VarGetter = (r: Req) => {
    let input = source.evaluate(r);
    // A hostnames map ignores one trailing dot of the value.
    if (hostnames && input.endsWith('.')) input = input.slice(0, -1);
    const hit = exact.get(input.toLowerCase()) ?? (hostnames ? wildcardHit(input) : undefined);
    if (hit) return hit.evaluate(r);
    for (const { regex, value } of regexes) {
      const m = regex.exec(input);
      if (m) {
        r.captures = [...m].map((x) => x ?? '');
        for (const [k, v] of Object.entries(m.groups ?? {})) r.vars.set(k.toLowerCase(), v ?? '');
        return value.evaluate(r);
      }
    }
    return fallback ? fallback.evaluate(r) : '';
  };
  /** The most specific `*.suffix` (any depth), else the longest `prefix.*`. */
  function wildcardHit(input: string): ComplexValue | undefined {
    const name = input.toLowerCase();
    for (let dot = name.indexOf('.'); dot !== -1; dot = name.indexOf('.', dot + 1)) {
      const hit = head.get(name.slice(dot + 1));
      if (hit) return hit;
    }
    for (let dot = name.lastIndexOf('.'); dot > 0; dot = name.lastIndexOf('.', dot - 1)) {
      const hit = tail.get(name.slice(0, dot));
      if (hit) return hit;
    }
    return undefined;
  }
  vars.declare(target, getter);
}

/** nginx's MurmurHash2 (ngx_murmur_hash2): the seed is the length. */
export function murmurHash2(data: Uint8Array): number {
  const m = 0x5bd1e995;
  let h = data.length >>> 0;
  let i = 0;
  let len = data.length;
  while (len >= 4) {
    let k = data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24);
    k = Math.imul(k, m);
    k ^= k >>> 24;
    k = Math.imul(k, m);
    h = Math.imul(h, m);
    h ^= k;
    i += 4;
    len -= 4;
  }
  switch (len) {
    case 3:
      h ^= data[i + 2]! << 16;
    // falls through
    case 2:
      h ^= data[i + 1]! << 8;
    // falls through
    case 1:
      h ^= data[i]!;
      h = Math.imul(h, m);
  }
  h ^= h >>> 13;
  h = Math.imul(h, m);
  h ^= h >>> 15;
  return h >>> 0;
}

const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);

/** Declares a `split_clients` variable: the first bucket whose boundary is above the key's hash. */
function declareSplitClients(node: ConfigNode, vars: VariableTable): void {
  const source = ComplexValue.compile(node.args[0]!, vars, node.line, node.file);
  const target = node.args[1]!.slice(1).toLowerCase();
  const buckets: { boundary: number; value: ComplexValue }[] = [];
  let boundary = 0;
  for (const e of node.value as MapEntry[]) {
    const value = ComplexValue.compile(e.value, vars, e.node.line, e.node.file);
    if (e.key === '*') {
      buckets.push({ boundary: 0xffffffff + 1, value });
      continue;
    }
    const m = /^(\d+)(?:\.(\d{1,2}))?%$/.exec(e.key)!;
    const hundredths = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
    boundary += Math.floor((hundredths * 0xffffffff) / 10000);
    buckets.push({ boundary, value });
  }
  vars.declare(target, (r) => {
    const hash = murmurHash2(latin1(source.evaluate(r)));
    for (const b of buckets) if (hash < b.boundary) return b.value.evaluate(r);
    return '';
  });
}

/** The variables `map`, `split_clients` and `geo` blocks declare, in config order. */
function declareVariables({ node, conf }: HttpBuild): void {
  for (const n of node.block ?? []) {
    if (n.directive === 'map') declareMap(n, conf.variables);
    else if (n.directive === 'split_clients') declareSplitClients(n, conf.variables);
    else if (n.directive === 'geo') declareGeo(n, conf.variables);
  }
}

export const mapModule: DirectiveModule = {
  name: 'map',
  directives,
  http: { declare: declareVariables },
};
