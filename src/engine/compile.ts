/**
 * From configuration text to the compiled proxy configuration, with nginx's
 * checks in nginx's order: syntax and directive checks while reading, then
 * (when `http {}` closes) the servers and locations, with each module's own
 * steps run stage by stage (DirectiveModule.http: unresolvable hosts,
 * certificates, cache zones), duplicate locations and unknown variables,
 * then the missing `events` section.
 */
import { parseConfig } from './config/parser';
import type { ConfigNode } from './config/node';
import {
  Level,
  type HttpConf,
  type LimitExcept,
  type ListenConf,
  type LocationConf,
  type LocationTree,
  type ServerConf,
  type ServerName,
} from './conf';
import type { HttpBuild, HttpSteps } from './directive';
import { ConfigError } from './errors';
import { builtinFile } from './builtin-files';
import type { LocationName } from './modules/core';
import { lookupDirective, MODULES } from './modules';
import type { ProxyPass } from './modules/proxy';
import { compileScript } from './modules/rewrite';
import { checkSharedZones } from './modules/shared-zones';
import { compileRegex, namedGroups } from './regex';
import { ComplexValue, VariableTable } from './variables';
import { VirtualFs } from './vfs';

export interface CompileOptions {
  /** The virtual files under the nginx prefix: what `include` reads and `root`/`alias` serve. */
  files?: Readonly<Record<string, string>>;
  /**
   * Host names the sandbox can resolve besides IP addresses and `localhost`
   * (the names of its backends). Anything else is "host not found", as it
   * would be for nginx on a machine that cannot resolve it.
   */
  hosts?: Iterable<string>;
  /**
   * Whether the files of a stock Debian install (`mime.types`, `proxy_params`)
   * can be included. True for learners; the conformance runner turns it off
   * because the recorded nginx ran in an empty prefix.
   */
  stockFiles?: boolean;
}

export interface CompiledConfig {
  nodes: ConfigNode[];
  http: HttpConf | null;
}

const REWRITE_DIRECTIVES = new Set(['return', 'rewrite', 'set', 'break', 'if']);

const defOf = (node: ConfigNode) => lookupDirective(node.directive)?.[0];

export function compileConfig(text: string, options: CompileOptions = {}): CompiledConfig {
  const files = options.files ?? {};
  const hosts = new Set([...(options.hosts ?? [])].map((h) => h.toLowerCase()));
  let unsupported: ConfigNode | null = null;
  let http: HttpConf | null = null;
  const nodes = parseConfig(text, {
    lookup: lookupDirective,
    readFile: (path) =>
      files[path] ?? (options.stockFiles === false ? undefined : builtinFile(path)),
    listFiles: () => Object.keys(files),
    onUnsupported: (node) => {
      unsupported ??= node;
    },
    onBlockEnd: (node) => {
      if (node.directive === 'http' && http === null) http = compileHttp(node, hosts, files);
    },
  });
  if (!nodes.some((n) => n.directive === 'events')) {
    throw new ConfigError('no "events" section in configuration', null);
  }
  // nginx creates shared memory zones last: a zone used but never defined fails here.
  for (const n of nodes) if (n.directive === 'http') checkSharedZones(n);
  if (unsupported) {
    const node: ConfigNode = unsupported;
    throw new ConfigError(
      `"${node.directive}" directive is not supported by the sandbox yet`,
      node.line,
      node.file,
      'sandbox',
    );
  }
  return { nodes, http };
}

function compileHttp(
  node: ConfigNode,
  hosts: ReadonlySet<string>,
  files: Readonly<Record<string, string>>,
): HttpConf {
  const block = node.block ?? [];
  const vars = new VariableTable();
  const level = new Level(null, block, defOf);
  const proxies: ProxyPass[] = [];
  const build: HttpBuild = {
    node,
    conf: {
      level,
      servers: [],
      upstreams: new Map(),
      variables: vars,
      logFormats: new Map(),
      resolves: (host) => resolvable(host.toLowerCase(), hosts),
      files: new VirtualFs(files),
    },
    proxies,
  };
  const run = (stage: keyof HttpSteps) => {
    for (const mod of MODULES) mod.http?.[stage]?.(build);
  };
  run('declare');
  compileValues(block, vars);
  build.conf.servers = block
    .filter((n) => n.directive === 'server')
    .map((n) => compileServer(n, level, vars, proxies));
  run('servers');
  run('main');
  for (const server of build.conf.servers) checkDuplicateLocations(server.locations);
  run('ports');
  vars.check();
  return build.conf;
}

/** Compiles every argument a declaration marks as holding variables, in config order. */
function compileValues(nodes: readonly ConfigNode[], vars: VariableTable): void {
  for (const node of nodes) {
    const def = defOf(node);
    if (def?.values) {
      node.compiled = new Map();
      const indexes = typeof def.values === 'function' ? def.values(node) : def.values;
      for (const i of indexes) {
        // A negative index counts from the end (error_page's page is its last argument).
        const arg = node.args[i < 0 ? node.args.length + i : i];
        if (arg !== undefined)
          node.compiled.set(i, ComplexValue.compile(arg, vars, node.line, node.file));
      }
    }
    def?.compile?.(node, vars);
    if (
      node.block &&
      def?.block !== 'types' &&
      def?.block !== 'map' &&
      def?.block !== 'split_clients' &&
      def?.block !== 'geo'
    )
      compileValues(node.block, vars);
  }
}

function resolvable(host: string, hosts: ReadonlySet<string>): boolean {
  return (
    host === 'localhost' ||
    /^\d+\.\d+\.\d+\.\d+$/.test(host) ||
    /^\[[0-9a-f:]+\]$/i.test(host) ||
    hosts.has(host)
  );
}

function compileServer(
  node: ConfigNode,
  httpLevel: Level,
  vars: VariableTable,
  proxies: ProxyPass[],
): ServerConf {
  const block = node.block ?? [];
  const level = new Level(httpLevel, block, defOf);
  const listens = block.filter((n) => n.directive === 'listen').map((n) => n.value as ListenConf);
  if (listens.length === 0)
    listens.push({ port: 80, address: '*', ssl: false, defaultServer: false });
  const names: ServerName[] = [];
  for (const n of block) {
    if (n.directive !== 'server_name') continue;
    for (const text of n.value as string[]) names.push(serverName(text, n, vars));
  }
  const server: ServerConf = {
    kind: 'server',
    line: node.line,
    level,
    listens,
    names,
    primaryName: names[0]?.text ?? '',
    locations: { prefix: [], regex: [], named: new Map() },
    script: compileScript(
      block.filter((n) => REWRITE_DIRECTIVES.has(n.directive)),
      vars,
    ),
  };
  server.locations = compileTree(block, level, null, vars, proxies);
  return server;
}

function serverName(text: string, node: ConfigNode, vars: VariableTable): ServerName {
  if (text.startsWith('~')) {
    const regex = compileRegex(text.slice(1), false, node);
    for (const name of namedGroups(regex)) vars.declare(name);
    return { text, kind: 'regex', fixed: '', regex };
  }
  if (text.startsWith('*.')) return { text, kind: 'leading', fixed: text.slice(2), regex: null };
  if (text.startsWith('.')) return { text, kind: 'leading', fixed: text.slice(1), regex: null };
  if (text.endsWith('.*')) return { text, kind: 'trailing', fixed: text.slice(0, -1), regex: null };
  // nginx loads any other name with a `*` in it too; it can only ever match itself.
  return { text, kind: 'exact', fixed: text, regex: null };
}

function compileTree(
  block: readonly ConfigNode[],
  level: Level,
  parent: LocationConf | null,
  vars: VariableTable,
  proxies: ProxyPass[],
): LocationTree {
  const tree: LocationTree = { prefix: [], regex: [], named: new Map() };
  for (const n of block) {
    if (n.directive !== 'location') continue;
    const loc = compileLocation(n, level, parent, vars, proxies);
    if (loc.modifier === '@') tree.named.set(loc.name, loc);
    else if (loc.regex) tree.regex.push(loc);
    else tree.prefix.push(loc);
  }
  return tree;
}

function compileLocation(
  node: ConfigNode,
  parentLevel: Level,
  parent: LocationConf | null,
  vars: VariableTable,
  proxies: ProxyPass[],
): LocationConf {
  const { modifier, name } = node.value as LocationName;
  const block = node.block ?? [];
  const level = new Level(parentLevel, block, defOf);
  let regex: RegExp | null = null;
  if (modifier === '~' || modifier === '~*') {
    regex = compileRegex(name, modifier === '~*', node);
    for (const g of namedGroups(regex)) vars.declare(g);
  }
  const proxy = ownProxyPass(block, vars, proxies);
  const loc: LocationConf = {
    kind: 'location',
    name,
    label: modifier && modifier !== '@' ? `${modifier} ${name}` : name,
    modifier,
    regex,
    line: node.line,
    level,
    children: { prefix: [], regex: [], named: new Map() },
    parent,
    script: [],
    internal: block.some((n) => n.directive === 'internal'),
    autoRedirect: proxy !== null && modifier !== '@' && regex === null && name.endsWith('/'),
    proxy,
    limitExcept: null,
  };
  loc.script = compileScript(
    block.filter((n) => REWRITE_DIRECTIVES.has(n.directive)),
    vars,
    (ifNode) => ifBlockLocation(ifNode, loc, vars, proxies),
  );
  loc.children = compileTree(block, level, loc, vars, proxies);
  const limit = block.find((n) => n.directive === 'limit_except');
  if (limit) loc.limitExcept = compileLimitExcept(limit, loc, vars, proxies);
  return loc;
}

/**
 * An `if` block inside a location: when its condition holds, the request
 * takes on the block's configuration (its own add_header, proxy_pass...),
 * inheriting the rest from the location; proxy_pass is inherited too.
 */
function ifBlockLocation(
  node: ConfigNode,
  loc: LocationConf,
  vars: VariableTable,
  proxies: ProxyPass[],
): LocationConf {
  const block = node.block ?? [];
  return {
    ...loc,
    label: `${loc.label} (if ${node.args.join(' ')})`,
    line: node.line,
    level: new Level(loc.level, block, defOf),
    script: [],
    proxy: ownProxyPass(block, vars, proxies) ?? loc.proxy,
    limitExcept: null,
    children: { prefix: [], regex: [], named: new Map() },
  };
}

function ownProxyPass(
  block: readonly ConfigNode[],
  vars: VariableTable,
  proxies: ProxyPass[],
): ProxyPass | null {
  const own = block.find((n) => n.directive === 'proxy_pass')?.value as ProxyPass | undefined;
  if (!own) return null;
  proxies.push(own);
  own.compiled = ComplexValue.compile(own.text, vars, own.line, own.file);
  return own;
}

/**
 * `limit_except`: requests with other methods are served by the block's own
 * settings, as an unnamed location inside this one. Like nginx, it inherits
 * proxy_pass but not the location's rewrite directives.
 */
function compileLimitExcept(
  node: ConfigNode,
  loc: LocationConf,
  vars: VariableTable,
  proxies: ProxyPass[],
): LimitExcept {
  const block = node.block ?? [];
  const own = ownProxyPass(block, vars, proxies);
  return {
    methods: node.value as ReadonlySet<string>,
    location: {
      ...loc,
      label: `${loc.label} (limit_except)`,
      line: node.line,
      level: new Level(loc.level, block, defOf),
      script: [],
      proxy: own ?? loc.proxy,
      limitExcept: null,
      children: { prefix: [], regex: [], named: new Map() },
    },
  };
}

/** Two prefix locations with the same name (both `=` or both not) are an error at the later one. */
function checkDuplicateLocations(tree: LocationTree): void {
  const seen = new Map<string, LocationConf>();
  for (const loc of tree.prefix) {
    const key = (loc.modifier === '=' ? '=' : '') + loc.name;
    if (seen.has(key)) throw new ConfigError(`duplicate location "${loc.name}"`, loc.line);
    seen.set(key, loc);
  }
  for (const loc of [...tree.prefix, ...tree.regex]) checkDuplicateLocations(loc.children);
}
