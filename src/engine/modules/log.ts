/** ngx_http_log_module: `log_format` and `access_log`. */
import type { ConfigNode } from '../config/node';
import type { DirectiveDef, DirectiveModule, HttpBuild, ParseContext } from '../directive';
import { fail } from './slots';
import { ComplexValue, type LogEscape, type VariableTable } from '../variables';

export interface LogFormatConf {
  name: string;
  format: string;
  escape: LogEscape;
}

/** A log format ready to write lines. */
export interface LogFormat {
  value: ComplexValue;
  escape: LogEscape;
}

export interface AccessLogConf {
  off: boolean;
  path: string;
  format: string;
  /** The `if=` value as written. */
  conditionText: string | null;
  /** Compiled when the config loads. */
  condition?: ComplexValue;
  line: number;
}

/** nginx's predefined format. */
export const COMBINED_FORMAT =
  '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent"';

/** What nginx logs when no access_log is written anywhere: `access_log logs/access.log combined;`. */
export const DEFAULT_ACCESS_LOG: AccessLogConf = {
  off: false,
  path: 'logs/access.log',
  format: 'combined',
  conditionText: null,
  line: 0,
};

function parseLogFormat(node: ConfigNode, ctx: { siblings: readonly ConfigNode[] }): LogFormatConf {
  const [name, ...rest] = node.args as [string, ...string[]];
  let parts = rest;
  let escape: LogEscape = 'default';
  if (parts[0]?.startsWith('escape=')) {
    const mode = parts[0].slice('escape='.length);
    if (mode !== 'default' && mode !== 'json' && mode !== 'none')
      fail(node, `unknown log format escaping "${mode}"`);
    escape = mode;
    parts = parts.slice(1);
  }
  if (
    name === 'combined' ||
    ctx.siblings.some((s) => s.directive === 'log_format' && s.args[0] === name)
  ) {
    fail(node, `duplicate "log_format" name "${name}"`);
  }
  return { name, format: parts.join(''), escape };
}

function parseAccessLog(node: ConfigNode, ctx: ParseContext): AccessLogConf {
  const [path, format, ...params] = node.args as [string, string | undefined, ...string[]];
  // `off` takes nothing after it.
  if (path === 'off' && format !== undefined) fail(node, `invalid parameter "${format}"`);
  // The format must already be defined: nginx looks it up when it reads access_log.
  const http = ctx.context === 'http' ? null : ctx.parents.find((p) => p.directive === 'http');
  const earlier = http ? (http.block ?? []) : ctx.siblings;
  if (
    path !== 'off' &&
    format !== undefined &&
    format !== 'combined' &&
    !earlier.some((n) => n.directive === 'log_format' && n.args[0] === format)
  ) {
    fail(node, `unknown log format "${format}"`);
  }
  if (path === 'off')
    return { off: true, path, format: 'combined', conditionText: null, line: node.line };
  let conditionText: string | null = null;
  for (const p of params) {
    if (p.startsWith('if=')) conditionText = p.slice(3);
    else if (!/^(buffer|flush|gzip)(=|$)/.test(p)) fail(node, `invalid parameter "${p}"`);
  }
  return { off: false, path, format: format ?? 'combined', conditionText, line: node.line };
}

const directives: DirectiveDef[] = [
  {
    name: 'log_format',
    contexts: ['http'],
    args: { min: 2 },
    inherit: 'own',
    parse: parseLogFormat,
    summary: 'Name a format for access log lines, with variables.',
  },
  {
    name: 'access_log',
    contexts: ['http', 'server', 'location', 'lif', 'lmt'],
    args: [1, 2, 3, 4],
    parse: parseAccessLog,
    compile: compileCondition,
    summary: 'Where and in which format requests are logged (off to disable).',
  },
  {
    name: 'error_log',
    contexts: ['main', 'http', 'server', 'location'],
    args: { min: 1 },
    summary: 'Where errors are logged (the sandbox shows errors in the trace).',
  },
];

/** `if=`: compiled with the config's other values, so an unknown variable is an error. */
function compileCondition(node: ConfigNode, vars: VariableTable): void {
  const conf = node.value as AccessLogConf;
  if (conf.conditionText !== null)
    conf.condition = ComplexValue.compile(conf.conditionText, vars, node.line, node.file);
}

/** `combined` and the `log_format` definitions, compiled before the servers that name them. */
function declareFormats({ node, conf }: HttpBuild): void {
  conf.logFormats.set('combined', {
    value: ComplexValue.compile(COMBINED_FORMAT, conf.variables),
    escape: 'default',
  });
  for (const n of node.block ?? []) {
    if (n.directive !== 'log_format') continue;
    const v = n.value as LogFormatConf;
    conf.logFormats.set(v.name, {
      value: ComplexValue.compile(v.format, conf.variables, n.line, n.file),
      escape: v.escape,
    });
  }
}

export const logModule: DirectiveModule = {
  name: 'log',
  directives,
  http: { declare: declareFormats },
};
