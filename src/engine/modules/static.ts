/**
 * Static files from the virtual disk: `root` and `alias` (how a URI becomes a
 * path, ngx_http_map_uri_to_path), `index` (ngx_http_index_module) and the
 * content handler of ngx_http_static_module, with the validators, 304/412 and
 * byte ranges nginx adds to a file response.
 */
import type { ConfigNode } from '../config/node';
import type { Level } from '../conf';
import type { DirectiveDef, DirectiveModule, ParseContext } from '../directive';
import {
  precondition,
  rangeOf,
  type ByteRange,
  type ModifiedSinceMode,
  type Validators,
} from '../../http/conditional';
import { contentTypeFor } from '../http/content-type';
import { textEncoder, type EngineResponse, type HeaderList } from '../../http/message';
import { escapeUri } from '../http/uri';
import type { EngineState, PhaseHandler, PhaseOutcome, StateKey } from '../phases';
import { emit, type Req } from '../request';
import type { StaticProbe } from '../trace';
import type { VirtualFs } from '../vfs';
import type { LocationName } from './core';
import { fail, flag, num, oneOf } from './slots';

const HTTP_LEVELS = ['http', 'server', 'location'] as const;

/** `root DIR` or `alias DIR` as written, with what the path mapping needs from its location. */
export interface RootConf {
  alias: boolean;
  /** The directory as written (`root` without its trailing slash, as nginx keeps it). */
  text: string;
  /** For `alias` in a prefix location: how much of the URI it replaces (the location's name). */
  prefixLength: number;
  /** `alias` in a regex location: the alias is the whole path (its captures pick the file). */
  regex: boolean;
}

/** nginx's default: `root html`, relative to the prefix. */
const DEFAULT_ROOT: RootConf = { alias: false, text: 'html', prefixLength: 0, regex: false };

/** `root` and `alias` (ngx_http_core_root): one of them per location, with nginx's checks and messages. */
function parseRootOrAlias(node: ConfigNode, ctx: ParseContext): RootConf {
  const alias = node.directive === 'alias';
  const other = alias ? 'root' : 'alias';
  if (ctx.siblings.some((s) => s.directive === other))
    fail(
      node,
      `"${node.directive}" directive is duplicate, "${other}" directive was specified earlier`,
    );
  const parent = ctx.parents[ctx.parents.length - 1];
  const location = parent?.directive === 'location' ? (parent.value as LocationName) : null;
  if (alias && location?.modifier === '@')
    fail(node, 'the "alias" directive cannot be used inside the named location');
  let text = node.args[0]!;
  for (const v of ['document_root', 'realpath_root'])
    if (text.includes('$' + v) || text.includes('${' + v + '}'))
      fail(node, `the $${v} variable cannot be used in the "${node.directive}" directive`);
  if (!alias && text.endsWith('/')) text = text.slice(0, -1);
  const regex = location?.modifier === '~' || location?.modifier === '~*';
  return { alias, text, prefixLength: alias ? (location?.name.length ?? 0) : 0, regex };
}

/** `index` names, each a file name (or, starting with `/`, a URI); empty ones are refused. */
function parseIndex(node: ConfigNode): void {
  if (node.args.some((a) => a === ''))
    fail(node, `index "${node.args[0]}" in "index" directive is invalid`);
}

/** For `values`: every argument may hold variables (`index`, `try_files`). */
export function everyArgument(node: ConfigNode): number[] {
  return node.args.map((_, i) => i);
}

const directives: DirectiveDef[] = [
  {
    name: 'root',
    contexts: ['http', 'server', 'location', 'lif'],
    args: [1],
    unique: true,
    group: 'root',
    parse: parseRootOrAlias,
    values: [0],
    summary: 'The directory files are served from: root + URI.',
  },
  {
    name: 'alias',
    contexts: ['location'],
    args: [1],
    unique: true,
    group: 'root',
    parse: parseRootOrAlias,
    values: [0],
    summary: 'Serve files from a directory that replaces the location prefix.',
  },
  {
    name: 'index',
    contexts: HTTP_LEVELS,
    args: { min: 1 },
    parse: parseIndex,
    values: everyArgument,
    summary: 'Files tried, in order, for a URI ending in / (default index.html).',
  },
  {
    name: 'etag',
    contexts: HTTP_LEVELS,
    args: 'flag',
    unique: true,
    parse: flag,
    summary: 'Send an ETag with static files.',
  },
  {
    name: 'if_modified_since',
    contexts: HTTP_LEVELS,
    args: [1],
    unique: true,
    parse: oneOf(['off', 'exact', 'before'] as const),
    summary: 'How If-Modified-Since is compared with a file’s time (exact by default).',
  },
  {
    name: 'max_ranges',
    contexts: HTTP_LEVELS,
    args: [1],
    unique: true,
    parse: num,
    summary: 'The most byte ranges one request may ask for (0 turns ranges off).',
  },
];

/** The root or alias in effect, with its directory evaluated for this request. */
export interface DocumentRoot {
  conf: RootConf;
  /** The directory (variables and captures evaluated). */
  dir: string;
  /** Where it was written, or null for the default `root html`. */
  line: number | null;
}

export function documentRoot(r: Req, level: Level): DocumentRoot {
  const node = level.first('root');
  if (!node) return { conf: DEFAULT_ROOT, dir: DEFAULT_ROOT.text, line: null };
  const conf = node.value as RootConf;
  const value = node.compiled?.get(0);
  const dir = value && !value.isStatic ? value.evaluate(r) : conf.text;
  return { conf, dir, line: node.line };
}

/** Requests whose try_files found a file under a regex alias: the URI is appended to the alias from then on. */
const uriAddedToAlias = new WeakSet<Req>();

export function addUriToAlias(r: Req): void {
  uriAddedToAlias.add(r);
}

/** ngx_http_map_uri_to_path: root + URI, or the alias in place of the location prefix. */
export function mapUri(r: Req, root: DocumentRoot, uri: string): string {
  const { conf, dir } = root;
  if (!conf.alias) return dir + uri;
  if (conf.regex) return uriAddedToAlias.has(r) ? dir + uri : dir;
  return dir + uri.slice(conf.prefixLength);
}

/** How the trace names the root in effect. */
export function describeRoot(root: DocumentRoot): string {
  const kind = root.conf.alias ? 'alias' : 'root';
  return root.line === null ? 'the default root html' : `${kind} ${root.dir} (line ${root.line})`;
}

function traceStatic(r: Req, step: 'file' | 'index', probes: StaticProbe[], reason: string): void {
  emit(r, { type: 'static', step, probes, reason });
}

function finish(
  status: number,
  reason: string,
  extra?: { location?: string; headers?: HeaderList },
): PhaseOutcome {
  return {
    kind: 'finish',
    finish: {
      status,
      source: extra?.location ? 'redirect' : 'error',
      reason,
      ...extra,
    },
  };
}

/** The content handler nginx falls back to when no proxy_pass answers: index, then the file itself. */
export const staticContent: PhaseHandler = (r, location, ctx) => {
  const level = location?.level ?? r.server.level;
  const method = r.method;
  if (method !== 'GET' && method !== 'HEAD' && method !== 'POST')
    return finish(405, `${method} is not allowed on static content: only GET and HEAD are`);
  const fs = ctx.http.files;
  const root = documentRoot(r, level);
  if (r.uri.endsWith('/')) return serveIndex(r, level, fs, root);

  const path = mapUri(r, root, r.uri);
  const found = fs.stat(path);
  const probes: StaticProbe[] = [{ path, found }];
  if (found === 'directory') {
    const target = escapeUri(r.uri) + '/' + (r.args ? '?' + r.args : '');
    const reason = `${path} is a directory: 301 to ${target} (${describeRoot(root)})`;
    traceStatic(r, 'file', probes, reason);
    return finish(301, reason, { location: target });
  }
  if (found !== 'file') {
    const reason = `${path} does not exist: 404 (${describeRoot(root)})`;
    traceStatic(r, 'file', probes, reason);
    return finish(404, reason);
  }
  if (method === 'POST') {
    const reason = `${path} is a file, and POST to a static file is not allowed: 405`;
    traceStatic(r, 'file', probes, reason);
    return finish(405, reason);
  }
  const reason = `${path} is a file: 200 (${describeRoot(root)})`;
  traceStatic(r, 'file', probes, reason);
  return serveFile(r, level, fs.read(path)!, reason, ctx.state);
};

/** ngx_http_index_handler: the first index that exists is an internal redirect; none → 403, no directory → 404. */
function serveIndex(r: Req, level: Level, fs: VirtualFs, root: DocumentRoot): PhaseOutcome {
  const dirPath = mapUri(r, root, r.uri);
  const probes: StaticProbe[] = [];
  let dirTested = false;
  const nodes = level.all('index');
  const count = nodes.length === 0 ? 1 : nodes.length;
  for (let n = 0; n < count; n++) {
    const node = nodes[n];
    const args = node?.args ?? ['index.html'];
    for (let i = 0; i < args.length; i++) {
      const value = node?.compiled?.get(i);
      const name = value && !value.isStatic ? value.evaluate(r) : args[i]!;
      if (name.startsWith('/')) {
        const reason = `index ${name} is a URI: internal redirect`;
        traceStatic(r, 'index', probes, reason);
        return { kind: 'redirect', uri: name, args: r.args, reason };
      }
      const path = dirPath + name;
      const found = fs.stat(path);
      probes.push({ path, found });
      if (found === 'file' || found === 'directory') {
        const uri = r.uri + name;
        const reason = `index: ${path} exists → internal redirect to ${uri}`;
        traceStatic(r, 'index', probes, reason);
        return { kind: 'redirect', uri, args: r.args, reason };
      }
      if (found === 'ENOTDIR') {
        const reason = `index: ${path} lies below a file: 404`;
        traceStatic(r, 'index', probes, reason);
        return finish(404, reason);
      }
      if (!dirTested) {
        // The directory itself is checked once, after the first index is missing.
        const dir = dirPath.length > 1 && dirPath.endsWith('/') ? dirPath.slice(0, -1) : dirPath;
        const kind = fs.stat(dir);
        if (kind !== 'directory') {
          probes.push({ path: dir, found: kind });
          const status = kind === 'ENOENT' ? 404 : 500;
          const reason =
            status === 404
              ? `index: the directory ${dir} does not exist: 404 (${describeRoot(root)})`
              : `index: ${dir} is not a directory: 500`;
          traceStatic(r, 'index', probes, reason);
          return finish(status, reason);
        }
        dirTested = true;
      }
    }
  }
  const reason = `index: no index file in ${dirPath}, and nginx lists no directories (autoindex is off): 403`;
  traceStatic(r, 'index', probes, reason);
  return finish(403, reason);
}

/** The multipart boundary is a counter nginx keeps for the life of the server. */
const BOUNDARY: StateKey<{ last: number }> = {
  name: 'static-boundary',
  create: () => ({ last: 0 }),
};

/** A file's response: type, length and validators; then 304/412 and byte ranges as nginx's filters decide. */
function serveFile(
  r: Req,
  level: Level,
  body: Uint8Array,
  reason: string,
  state: EngineState,
): PhaseOutcome {
  // Every file was written when the sandbox started.
  const mtime = Math.floor(r.clock.epochMs / 1000);
  const etag =
    level.value<boolean>('etag') === false
      ? null
      : `"${mtime.toString(16)}-${body.length.toString(16)}"`;
  const type = contentTypeFor(level, r.uri);
  const lastModified = new Date(mtime * 1000).toUTCString();
  const validators: Validators = { mtime, etag };
  const withValidators = (headers: HeaderList): HeaderList => {
    headers.push(['Last-Modified', lastModified]);
    if (etag) headers.push(['ETag', etag]);
    return headers;
  };
  // An error page is sent with the error's status (nginx's err_status), and these filters act on 200 only.
  const status = r.errStatus || 200;
  if (status === 200) {
    const mode = level.value<ModifiedSinceMode>('if_modified_since') ?? 'exact';
    const pre = precondition(r.headersIn, validators, mode);
    if (pre === 'failed')
      return finish(412, 'a precondition (If-Match / If-Unmodified-Since) does not hold: 412');
    if (pre === 'not-modified')
      return respond(
        { status: 304, headers: withValidators([]), body: new Uint8Array(0) },
        'the client’s copy is current (If-None-Match / If-Modified-Since): 304',
      );
    const range = rangeOf(
      r.headersIn,
      body.length,
      validators,
      level.value<number>('max_ranges') ?? Infinity,
    );
    if (range.kind === 'unsatisfiable')
      return finish(416, `the Range lies outside the ${body.length} bytes of the file: 416`, {
        headers: [['Content-Range', `bytes */${body.length}`]],
      });
    if (range.kind === 'partial') {
      const partial = partialContent(range.ranges, body, type, state);
      return respond(
        {
          status: 206,
          headers: withValidators([
            ['Content-Type', partial.type],
            ['Content-Length', String(partial.body.length)],
            ...partial.headers,
          ]),
          body: partial.body,
        },
        `${reason}; Range asks for part of it: 206`,
      );
    }
  }
  const headers = withValidators([
    ['Content-Type', type],
    ['Content-Length', String(body.length)],
  ]);
  headers.push(['Accept-Ranges', 'bytes']);
  return respond({ status, headers, body }, reason);
}

function respond(response: EngineResponse, reason: string): PhaseOutcome {
  return { kind: 'response', response, source: 'static', reason };
}

/** One range: Content-Range; several: a multipart/byteranges body (ngx_http_range_multipart_header). */
function partialContent(
  ranges: ByteRange[],
  body: Uint8Array,
  type: string,
  state: EngineState,
): { type: string; headers: HeaderList; body: Uint8Array } {
  const size = body.length;
  if (ranges.length === 1) {
    const [start, end] = ranges[0]!;
    return {
      type,
      headers: [['Content-Range', `bytes ${start}-${end - 1}/${size}`]],
      body: body.subarray(start, end),
    };
  }
  const boundary = String(++state.get(BOUNDARY).last).padStart(20, '0');
  const parts: Uint8Array[] = [];
  for (const [start, end] of ranges) {
    const head =
      `\r\n--${boundary}\r\n` +
      (type ? `Content-Type: ${type}\r\n` : '') +
      `Content-Range: bytes ${start}-${end - 1}/${size}\r\n\r\n`;
    parts.push(textEncoder.encode(head), body.subarray(start, end));
  }
  parts.push(textEncoder.encode(`\r\n--${boundary}--\r\n`));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return { type: `multipart/byteranges; boundary=${boundary}`, headers: [], body: out };
}

export const staticModule: DirectiveModule = {
  name: 'static',
  directives,
  phases: { content: staticContent },
};
