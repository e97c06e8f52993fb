/** The compiled configuration: levels (http → server → location) and what the runtime needs. */
import type { ConfigNode } from './config/node';
import type { DirectiveDef } from './directive';
import type { Script } from './modules/rewrite';
import type { Upstream } from './upstream/upstream';
import type { LogFormat } from './modules/log';
import type { VariableTable } from './variables';
import type { VirtualFs } from './vfs';

/**
 * One configuration level with the directives written in it. Lookups walk
 * outwards to the nearest level that has the directive (or any directive of
 * its group): nginx's merge rule for both single values and lists.
 */
export class Level {
  private readonly own = new Map<string, ConfigNode[]>();
  private readonly cache = new Map<string, ConfigNode[]>();

  constructor(
    readonly parent: Level | null,
    nodes: readonly ConfigNode[],
    private readonly defOf: (node: ConfigNode) => DirectiveDef | undefined,
  ) {
    for (const node of nodes) {
      const def = defOf(node);
      // Nested blocks are levels of their own; `types` is the one block inherited like a value.
      if (!def || def.inherit === 'own' || (def.block !== undefined && def.block !== 'types'))
        continue;
      const key = def.group ?? def.name;
      let list = this.own.get(key);
      if (!list) this.own.set(key, (list = []));
      list.push(node);
    }
  }

  /** The directives of this name (or group) at the nearest level that has any. */
  all(key: string): readonly ConfigNode[] {
    const cached = this.cache.get(key);
    if (cached) return cached;
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- walking the parent chain
    let level: Level | null = this;
    let found: ConfigNode[] = [];
    while (level) {
      const own = level.own.get(key);
      if (own) {
        found = own;
        break;
      }
      level = level.parent;
    }
    this.cache.set(key, found);
    return found;
  }

  /** The nearest directive of this name, or undefined. */
  first(key: string): ConfigNode | undefined {
    return this.all(key)[0];
  }

  /** The nearest directive's parsed value. */
  value<T>(key: string): T | undefined {
    return this.first(key)?.value as T | undefined;
  }
}

export type LocationModifier = '=' | '^~' | '~' | '~*' | '' | '@';

export interface LocationConf {
  kind: 'location';
  name: string;
  /** How the trace names it: `= /exact`, `~ \.php$`, `/prefix`. */
  label: string;
  modifier: LocationModifier;
  regex: RegExp | null;
  line: number;
  level: Level;
  children: LocationTree;
  parent: LocationConf | null;
  /** rewrite-module directives written in this location, in order. */
  script: Script;
  internal: boolean;
  /** A prefix location ending in `/` whose content handler is proxy_pass: `/name` without the slash gets a 301. */
  autoRedirect: boolean;
  proxy: import('./modules/proxy').ProxyPass | null;
  /** `limit_except`: methods outside the list are served by the block's settings instead. */
  limitExcept: LimitExcept | null;
}

export interface LimitExcept {
  /** The methods the location itself serves (GET implies HEAD). */
  methods: ReadonlySet<string>;
  location: LocationConf;
}

export interface LocationTree {
  prefix: LocationConf[];
  regex: LocationConf[];
  named: Map<string, LocationConf>;
}

export interface ListenConf {
  port: number;
  address: string;
  ssl: boolean;
  defaultServer: boolean;
  /** Socket options (backlog=, reuseport, bind...) were given: only one listen per address may. */
  socketOptions?: true;
}

export interface ServerName {
  text: string;
  kind: 'exact' | 'leading' | 'trailing' | 'regex';
  /** For wildcards, the fixed part (`example.com` of `*.example.com`, `mail.` of `mail.*`). */
  fixed: string;
  regex: RegExp | null;
}

export interface ServerConf {
  kind: 'server';
  line: number;
  level: Level;
  listens: ListenConf[];
  names: ServerName[];
  /** `$server_name`: the first name, or ''. */
  primaryName: string;
  locations: LocationTree;
  script: Script;
}

export interface HttpConf {
  level: Level;
  servers: ServerConf[];
  upstreams: Map<string, Upstream>;
  variables: VariableTable;
  /** `log_format` definitions by name, `combined` included. */
  logFormats: Map<string, LogFormat>;
  /** Whether a host name resolves in the sandbox (IP addresses, localhost, the scenario's backend names). */
  resolves: (host: string) => boolean;
  /** The scenario's files, what `root`, `alias`, `index` and `try_files` look at. */
  files: VirtualFs;
}
