/**
 * How a directive is declared: the same facts nginx keeps in each module's
 * ngx_command_t table (name, contexts, argument count, handler). Context,
 * arity and termination errors come from these declarations alone.
 */
import type { ConfigNode, Context, DataBlock } from './config/node';
import type { HttpConf } from './conf';
import type { ProxyPass } from './modules/proxy';
import type { BodyFilter, Phase, PhaseHandler } from './phases';
import type { VariableTable } from './variables';

/**
 * Argument counts, after NGX_CONF_NOARGS / TAKE1..7 / 1MORE / 2MORE / FLAG /
 * ANY. A list of allowed counts, or a minimum.
 */
export type Arity = readonly number[] | { readonly min: number } | 'flag' | 'any';

/**
 * How values combine across http → server → location:
 * - `nearest`: the innermost level that has the directive wins (nginx's
 *   ngx_conf_merge_*_value, and the all-or-nothing rule for arrays);
 * - `own`: never inherited (rewrite-module scripts, `listen`, nested blocks).
 */
export type Inheritance = 'nearest' | 'own';

export interface ParseContext {
  /** The context the directive appears in. */
  context: Context;
  /** The enclosing block directives, outermost first (`http`, `server`, `location`...). */
  parents: readonly ConfigNode[];
  /** Directives already read at this level, in order (for "is duplicate" checks). */
  siblings: readonly ConfigNode[];
}

export interface DirectiveDef {
  name: string;
  contexts: readonly Context[];
  args: Arity;
  /** Set for block directives: the context of what is inside, or a data block. */
  block?: Context | DataBlock | 'if';
  /**
   * Repeated at the same level → `"NAME" directive is duplicate` (nginx's
   * ngx_conf_set_*_slot handlers say this).
   */
  unique?: boolean;
  inherit?: Inheritance;
  /**
   * Directives that share one list for inheritance (`allow` and `deny` are
   * one access list): a level that has any of them hides the outer level's.
   */
  group?: string;
  /** Validates and converts the arguments when the directive is read (nginx's handler), throwing a ConfigError. */
  parse?: (node: ConfigNode, ctx: ParseContext) => unknown;
  /** For block directives: validates what the block held once it was read (map entries, types). */
  finish?: (node: ConfigNode) => unknown;
  /**
   * Indexes of arguments that may hold variables (negative: from the end), compiled
   * when the config loads so that unknown names are errors; a function when
   * it depends on the arguments (a regex argument is not a value).
   */
  values?: readonly number[] | ((node: ConfigNode) => readonly number[]);
  /** Compiles what the directive holds beyond its `values` when the config loads (access_log's `if=`). */
  compile?: (node: ConfigNode, vars: VariableTable) => void;
  /** A one-line description, for the editor and the README. */
  summary: string;
  /**
   * A real nginx directive the sandbox knows but does not simulate yet: the
   * config loads only if the directive is removed, with a message naming it.
   */
  unsupported?: true;
}

/** A module: one concern, its directives (nginx keeps one module per concern). */
export interface DirectiveModule {
  name: string;
  directives: readonly DirectiveDef[];
  /**
   * The handlers it adds to request processing, by phase (what nginx's
   * modules do in their postconfiguration). Within a phase, handlers run in
   * the order of the module list.
   */
  phases?: Partial<Record<Phase, PhaseHandler>>;
  /** Run over every response after the header filter. */
  bodyFilter?: BodyFilter;
  /** Its steps once `http {}` is read. */
  http?: HttpSteps;
}

/** What the steps after `http {}` is read work on. */
export interface HttpBuild {
  /** The `http` block. */
  node: ConfigNode;
  /** The configuration being built (`servers` is empty until the servers are compiled). */
  conf: HttpConf;
  /** Every proxy_pass of the servers, in the order they were compiled. */
  proxies: readonly ProxyPass[];
}

/**
 * A module's steps once `http {}` is read, in nginx's order (ngx_http_block):
 * each stage runs module by module, in the order of the module list. The
 * order decides which error a config with several is refused for.
 */
export interface HttpSteps {
  /** Before any value is compiled: what the servers refer to (upstream groups, map variables, log formats). */
  declare?(build: HttpBuild): void;
  /** The servers are compiled and merged (their certificate files are read). */
  servers?(build: HttpBuild): void;
  /** The main configuration is initialised (implicit upstream groups, cache zones). */
  main?(build: HttpBuild): void;
  /** The listening sockets are set up, after the locations were checked. */
  ports?(build: HttpBuild): void;
}
