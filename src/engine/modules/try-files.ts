/**
 * `try_files file ... last` (the try_files phase of ngx_http_core_module):
 * the first candidate that exists on the virtual disk is served in the
 * current location; otherwise the last argument decides — an internal
 * redirect to a URI, a named location, or `=code`.
 */
import type { ConfigNode } from '../config/node';
import type { DirectiveDef, DirectiveModule } from '../directive';
import type { PhaseHandler, PhaseOutcome } from '../phases';
import { emit, type Req } from '../request';
import type { StaticProbe } from '../trace';
import type { Stat } from '../vfs';
import { addUriToAlias, describeRoot, documentRoot, everyArgument } from './static';
import { fail } from './slots';

const FOUND: Record<Stat, string> = {
  file: 'is a file',
  directory: 'is a directory',
  ENOENT: 'is missing',
  ENOTDIR: 'is missing',
};

export interface TryFilesConf {
  /** Every argument but the last; one ending in `/` (`$uri/`) looks for a directory. */
  candidates: { text: string; dir: boolean }[];
  /** `=code` as the last argument, else null (the last argument is a URI or `@name`). */
  code: number | null;
}

function parseTryFiles(node: ConfigNode): TryFilesConf {
  const args = node.args;
  const candidates = args.slice(0, -1).map((text) => ({ text, dir: text.endsWith('/') }));
  const last = args[args.length - 1]!;
  let code: number | null = null;
  if (last.startsWith('=')) {
    const digits = last.slice(1);
    if (!/^\d+$/.test(digits) || Number(digits) > 999) fail(node, `invalid code "${last}"`);
    // nginx reads `=0` as no code at all: the argument is then a URI.
    code = Number(digits) || null;
  }
  return { candidates, code };
}

const directives: DirectiveDef[] = [
  {
    name: 'try_files',
    contexts: ['server', 'location'],
    args: { min: 2 },
    unique: true,
    parse: parseTryFiles,
    values: everyArgument,
    summary: 'Serve the first file that exists, else the last argument (URI, @named or =code).',
  },
];

/** An argument's value for this request, and whether it held variables. */
function argument(r: Req, node: ConfigNode, i: number): { name: string; variables: boolean } {
  const value = node.compiled?.get(i);
  const variables = value !== undefined && !value.isStatic;
  return { name: variables ? value.evaluate(r) : node.args[i]!, variables };
}

/**
 * The try_files phase. try_files is not inherited: a location uses only its
 * own, and one written in `server {}` applies to requests no location matched.
 */
export const tryFilesPhase: PhaseHandler = (r, location, ctx) => {
  const level = location?.level ?? r.server.level;
  const nodes = level.all('try_files');
  if (nodes.length === 0 || nodes === level.parent?.all('try_files')) return undefined;
  const node = nodes[0]!;
  const conf = node.value as TryFilesConf;
  const root = documentRoot(r, level);
  const { alias, regex, prefixLength } = root.conf;
  const prefix = alias && !regex ? r.uri.slice(0, prefixLength) : '';
  // With alias, a candidate holding variables loses the location prefix, as `$uri` starts with it.
  const relative = (name: string, variables: boolean) =>
    prefix && variables && name.startsWith(prefix) ? name.slice(prefixLength) : name;
  const probes: StaticProbe[] = [];
  const fs = ctx.http.files;
  for (let i = 0; i < conf.candidates.length; i++) {
    const candidate = conf.candidates[i]!;
    const arg = argument(r, node, i);
    const name = relative(candidate.dir ? arg.name.slice(0, -1) : arg.name, arg.variables);
    const path = root.dir + name;
    const found = fs.stat(path);
    probes.push({ arg: candidate.text, path, found });
    const exists = found === 'file' || found === 'directory';
    if (!exists || (found === 'directory') !== candidate.dir) continue;
    if (!alias) r.uri = name;
    else if (!regex) r.uri = prefix + name;
    else if (!candidate.dir) {
      r.uri = name;
      addUriToAlias(r);
    }
    const reason = `try_files: ${candidate.text} → ${path} ${FOUND[found]}: served here as ${r.uri} (${describeRoot(root)})`;
    emit(r, { type: 'static', step: 'try_files', probes, reason });
    return undefined;
  }
  return fallback(r, node, conf, probes, relative);
};

/** The last argument: `=code`, `@name`, or a URI with optional `?args` (which replace the request's). */
function fallback(
  r: Req,
  node: ConfigNode,
  conf: TryFilesConf,
  probes: StaticProbe[],
  relative: (name: string, variables: boolean) => string,
): PhaseOutcome {
  const lastIndex = node.args.length - 1;
  const tried = probes.map((p) => `${p.arg} → ${p.path} ${FOUND[p.found]}, `).join('');
  if (conf.code !== null) {
    const reason = `try_files: ${tried}so =${conf.code}`;
    emit(r, { type: 'static', step: 'try_files', probes, reason });
    return { kind: 'finish', finish: { status: conf.code, source: 'error', reason } };
  }
  const { name, variables } = argument(r, node, lastIndex);
  const target = relative(name, variables);
  const reason = `try_files: ${tried}so ${target.startsWith('@') ? 'named location ' : 'internal redirect to '}${target}`;
  emit(r, { type: 'static', step: 'try_files', probes, reason });
  if (target.startsWith('@')) return { kind: 'redirect', uri: r.uri, named: target, reason };
  const q = target.indexOf('?');
  return q === -1
    ? { kind: 'redirect', uri: target, args: '', reason }
    : { kind: 'redirect', uri: target.slice(0, q), args: target.slice(q + 1), reason };
}

export const tryFilesModule: DirectiveModule = {
  name: 'try-files',
  directives,
  phases: { 'try-files': tryFilesPhase },
};
