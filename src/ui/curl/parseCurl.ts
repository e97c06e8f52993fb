/**
 * Reads a curl command line as a shell and curl 8 would: the words, then the
 * options (declared once, in OPTIONS), then the first request to send. Never
 * throws: a command curl would refuse comes back as the message curl prints.
 */
import { buildSpec } from './buildSpec';
import { CURL_VERSION, type CurlCommand, type CurlOutput, type CurlRequest } from './curlCommand';
import { splitShellWords } from './splitShellWords';

export type ParsedCurl = { ok: true; command: CurlCommand } | { ok: false; message: string };

export interface ParseOptions {
  /** The client address used unless the command names one with --interface. */
  client?: string;
}

/** Everything the options set, before it becomes a request. */
interface Draft {
  urls: string[];
  customMethod: string | null;
  data: string[];
  /** How the data parts join: -d parts with '&', --json parts as they are. */
  dataKind: 'form' | 'json' | null;
  get: boolean;
  headers: [string, string | null][];
  userAgent: string | null;
  cookie: string | null;
  compressed: boolean;
  user: string | null;
  client: string;
  fail: boolean;
  maxRedirects: number;
  output: CurlOutput;
}

interface OptionSpec {
  long: string;
  short?: string;
  /** Handles the option; a string is the reason curl refuses it. */
  apply: ((draft: Draft) => string | void) | null;
  /** Handles the option's argument, when it takes one. */
  withArg?: (draft: Draft, value: string) => string | void;
}

const NO_FILES = 'the sandbox has no files to read';
const HTTP_11_ONLY = 'the sandbox speaks HTTP/1.1 only';

const flag = (long: string, short: string | undefined, apply: (d: Draft) => void): OptionSpec =>
  short === undefined ? { long, apply } : { long, short, apply };
const withArg = (
  long: string,
  short: string | undefined,
  apply: (d: Draft, value: string) => string | void,
): OptionSpec =>
  short === undefined
    ? { long, apply: null, withArg: apply }
    : { long, short, apply: null, withArg: apply };

function addData(kind: 'form' | 'json', readsFiles: boolean, option: string) {
  return (d: Draft, value: string): string | void => {
    if (readsFiles && value.startsWith('@'))
      return `${option} ${value} reads a file, and ${NO_FILES}: put the data in the command instead (--data-raw sends a leading @ as it is)`;
    d.data.push(value);
    d.dataKind ??= kind;
  };
}

/** The options the console understands, as curl spells them. */
const OPTIONS: OptionSpec[] = [
  flag('include', 'i', (d) => void (d.output.include = true)),
  flag('head', 'I', (d) => void (d.output.headOnly = true)),
  flag('verbose', 'v', (d) => void (d.output.verbose = true)),
  flag('silent', 's', (d) => void (d.output.silent = true)),
  flag('show-error', 'S', (d) => void (d.output.showError = true)),
  flag('location', 'L', (d) => void (d.output.follow = true)),
  flag('fail', 'f', (d) => void (d.fail = true)),
  flag('get', 'G', (d) => void (d.get = true)),
  flag('compressed', undefined, (d) => void (d.compressed = true)),
  // The sandbox's certificates are never checked, so -k changes nothing; curl users type it anyway.
  flag('insecure', 'k', () => undefined),
  flag('http1.1', undefined, () => undefined),
  withArg('request', 'X', (d, v) => void (d.customMethod = v)),
  withArg('header', 'H', (d, v) => {
    if (v.startsWith('@')) return `-H ${v} reads headers from a file, and ${NO_FILES}`;
    const header = readHeader(v);
    if (!header) return `-H '${v}' is not a header: write it as -H 'Name: value'`;
    d.headers.push(header);
  }),
  withArg('data', 'd', addData('form', true, '-d')),
  withArg('data-ascii', undefined, addData('form', true, '--data-ascii')),
  withArg('data-binary', undefined, addData('form', true, '--data-binary')),
  withArg('data-raw', undefined, addData('form', false, '--data-raw')),
  withArg('data-urlencode', undefined, (d, v) => {
    const encoded = urlencodeData(v);
    if (encoded === null) return `--data-urlencode ${v} reads a file, and ${NO_FILES}`;
    d.data.push(encoded);
    d.dataKind ??= 'form';
  }),
  withArg('json', undefined, addData('json', true, '--json')),
  withArg('user-agent', 'A', (d, v) => void (d.userAgent = v === '' ? null : v)),
  withArg('cookie', 'b', (d, v) => {
    if (!v.includes('='))
      return `-b ${v} reads cookies from a file, and ${NO_FILES}: write the cookies themselves, -b 'name=value; other=2'`;
    d.cookie = v;
  }),
  withArg('user', 'u', (d, v) => {
    if (!v.includes(':'))
      return `-u ${v} would make curl ask for a password, and the console cannot: write -u '${v}:password'`;
    d.user = v;
  }),
  withArg('output', 'o', (d, v) => {
    if (v === '/dev/null' || v === 'NUL') d.output.discardBody = true;
    else if (v !== '-')
      return `-o ${v} writes a file, and the sandbox has no disk: -o /dev/null throws the body away`;
  }),
  withArg('write-out', 'w', (d, v) => {
    if (v.startsWith('@')) return `-w ${v} reads a file, and ${NO_FILES}`;
    d.output.writeOut = v;
  }),
  withArg('max-redirs', undefined, (d, v) => {
    if (!/^-?\d+$/.test(v))
      return `curl: option --max-redirs: expected a proper numerical parameter`;
    d.maxRedirects = Number(v);
  }),
  withArg('url', undefined, (d, v) => void d.urls.push(v)),
  withArg('interface', undefined, (d, v) => {
    if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(v))
      return `--interface ${v}: in the sandbox --interface takes the client address to send from, such as 127.0.0.2`;
    d.client = v;
  }),
];

/** Real curl options the sandbox cannot honour, and why. */
const UNSUPPORTED: Record<string, string> = {
  proxy: 'there is no proxy to go through: the sandbox is the proxy',
  x: 'there is no proxy to go through: the sandbox is the proxy',
  socks5: 'there is no proxy to go through: the sandbox is the proxy',
  'http1.0': HTTP_11_ONLY,
  '0': HTTP_11_ONLY,
  http2: HTTP_11_ONLY,
  'http2-prior-knowledge': HTTP_11_ONLY,
  http3: HTTP_11_ONLY,
  form: 'multipart forms are not simulated; send the body with --data-binary and a Content-Type header',
  F: 'multipart forms are not simulated; send the body with --data-binary and a Content-Type header',
  'upload-file': NO_FILES,
  T: NO_FILES,
  config: NO_FILES,
  K: NO_FILES,
  'cookie-jar': 'the sandbox has no disk to keep cookies on',
  c: 'the sandbox has no disk to keep cookies on',
  'remote-name': 'the sandbox has no disk to save the body on',
  O: 'the sandbox has no disk to save the body on',
  resolve: 'every name already reaches the proxy; set the Host header with -H instead',
  'connect-to': 'every name already reaches the proxy; set the Host header with -H instead',
  'max-time': 'requests in the sandbox have no timeout',
  m: 'requests in the sandbox have no timeout',
  'connect-timeout': 'requests in the sandbox have no timeout',
  referer: 'set it as a header instead: -H "Referer: http://example.com/"',
  e: 'set it as a header instead: -H "Referer: http://example.com/"',
  range: 'set it as a header instead: -H "Range: bytes=0-99"',
  r: 'set it as a header instead: -H "Range: bytes=0-99"',
};

const BY_LONG = new Map(OPTIONS.map((o) => [o.long, o]));
const BY_SHORT = new Map(OPTIONS.filter((o) => o.short).map((o) => [o.short!, o]));
const TRY_HELP = "curl: try 'curl --help' or 'curl --manual' for more information";

export function parseCurl(line: string, options: ParseOptions = {}): ParsedCurl {
  const split = splitShellWords(line);
  if (!split.ok) return fail(`The command cannot be read: ${split.message}.`);
  const words = split.words[0] === '$' ? split.words.slice(1) : split.words;
  if (words.length === 0) return fail('Type a curl command, such as: curl -i http://example.com/');
  if (words[0] !== 'curl')
    return fail(
      `${words[0]}: command not found. Only curl runs here, such as: curl -i http://example.com/`,
    );

  const draft = emptyDraft(options.client ?? '127.0.0.1');
  for (let i = 1; i < words.length; i++) {
    const word = words[i]!;
    const next = () => words[++i];
    let problem: string | void = undefined;
    if (word.startsWith('--') && word.length > 2) {
      problem = applyOption(draft, word, BY_LONG.get(word.slice(2)), word.slice(2), next);
    } else if (word.startsWith('-') && word.length > 1) {
      for (let j = 1; j < word.length && problem === undefined; j++) {
        const letter = word[j]!;
        const option = BY_SHORT.get(letter);
        const attached = word.slice(j + 1);
        if (option?.withArg && attached !== '') {
          problem = option.withArg(draft, attached);
          break;
        }
        // In a bundle like -sZ curl names the whole word.
        const name = word.length > 2 && !option && !(letter in UNSUPPORTED) ? word : `-${letter}`;
        problem = applyOption(draft, name, option, letter, next);
        if (option?.withArg) break;
      }
    } else {
      draft.urls.push(word);
    }
    if (problem !== undefined) return fail(problem);
  }
  return finish(draft);
}

function applyOption(
  draft: Draft,
  written: string,
  option: OptionSpec | undefined,
  key: string,
  next: () => string | undefined,
): string | void {
  if (!option) {
    const why = UNSUPPORTED[key];
    if (why) return `curl: option ${written}: is not supported in the sandbox: ${why}`;
    return `curl: option ${written}: is unknown\n${TRY_HELP}`;
  }
  if (option.withArg) {
    const value = next();
    if (value === undefined) return `curl: option ${written}: requires parameter\n${TRY_HELP}`;
    const problem = option.withArg(draft, value);
    return problem === undefined || problem.startsWith('curl:') ? problem : `curl: ${problem}`;
  }
  return option.apply?.(draft);
}

function finish(draft: Draft): ParsedCurl {
  if (draft.urls.length === 0) return fail(`curl: no URL specified!\n${TRY_HELP}`);
  if (draft.urls.length > 1)
    return fail('curl: the console sends one URL at a time; run a command for each URL.');
  const target = readUrl(draft.urls[0]!);
  if (!target.ok) return fail(target.message);
  const { output } = draft;

  const data =
    draft.dataKind === null ? null : draft.data.join(draft.dataKind === 'form' ? '&' : '');
  let url = target.url;
  let body: string | null = data;
  if (draft.get && data !== null) {
    const [beforeHash] = url.split('#');
    url = `${beforeHash}${beforeHash!.includes('?') ? '&' : '?'}${data}`;
    body = null;
  }
  if (output.headOnly && body !== null)
    return fail(
      'Warning: You can only select one HTTP request method! You asked for both POST \nWarning: (-d, --data) and HEAD (-I, --head).',
    );
  const method = output.headOnly ? 'HEAD' : body !== null ? 'POST' : 'GET';
  if (draft.customMethod === method)
    output.notes.push(`Note: Unnecessary use of -X or --request, ${method} is already inferred.`);

  // curl adds --json's headers after every -H, unless one of them already says otherwise.
  const headers = [...draft.headers];
  if (draft.dataKind === 'json') {
    for (const name of ['Content-Type', 'Accept']) {
      if (!headers.some(([n]) => n.toLowerCase() === name.toLowerCase()))
        headers.push([name, 'application/json']);
    }
  }
  const request: CurlRequest = {
    url,
    method,
    customMethod: draft.customMethod,
    body,
    formBody: draft.dataKind === 'form',
    headers,
    userAgent: draft.userAgent,
    cookie: draft.cookie,
    compressed: draft.compressed,
    user: draft.user ?? target.user,
    client: draft.client,
  };
  const spec = buildSpec(request, {
    url,
    method: draft.customMethod ?? method,
    body,
    sameHost: true,
  });
  return {
    ok: true,
    command: {
      request,
      output,
      spec,
      fail: draft.fail,
      maxRedirects: draft.maxRedirects,
    },
  };
}

function emptyDraft(client: string): Draft {
  return {
    urls: [],
    customMethod: null,
    data: [],
    dataKind: null,
    get: false,
    headers: [],
    userAgent: `curl/${CURL_VERSION}`,
    cookie: null,
    compressed: false,
    user: null,
    client,
    fail: false,
    maxRedirects: 50,
    output: {
      include: false,
      headOnly: false,
      verbose: false,
      silent: false,
      showError: false,
      discardBody: false,
      writeOut: null,
      follow: false,
      notes: [],
    },
  };
}

/** `Name: value`, `Name:` (remove the header curl would send) or `Name;` (send it empty). */
function readHeader(text: string): [string, string | null] | null {
  const colon = text.indexOf(':');
  if (colon > 0) {
    const value = text.slice(colon + 1).replace(/^[ \t]+/, '');
    return [text.slice(0, colon), value === '' ? null : value];
  }
  const semicolon = /^([^;\s]+);\s*$/.exec(text);
  return semicolon ? [semicolon[1]!, ''] : null;
}

/** --data-urlencode's forms: `content`, `=content`, `name=content`; `@file` forms read files. */
function urlencodeData(value: string): string | null {
  const eq = value.indexOf('=');
  const at = value.indexOf('@');
  if (at !== -1 && (eq === -1 || at < eq)) return null;
  if (eq === -1) return escape(value);
  const name = value.slice(0, eq);
  return name === '' ? escape(value.slice(1)) : `${name}=${escape(value.slice(eq + 1))}`;
}

/** curl_easy_escape: everything but letters, digits and `-._~` percent-encoded. */
function escape(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

type ReadUrl = { ok: true; url: string; user: string | null } | { ok: false; message: string };

/** The URL as curl would dial it: http:// when no scheme is given, no fragment, credentials taken out. */
function readUrl(text: string): ReadUrl {
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(text);
  if (scheme && !/^https?$/i.test(scheme[1]!))
    return { ok: false, message: `curl: (1) Protocol "${scheme[1]}" not supported` };
  const url = scheme ? text : `http://${text}`;
  if (/\s/.test(url))
    return { ok: false, message: 'curl: (3) URL rejected: Malformed input to a URL function' };
  const m = /^(https?:\/\/)(?:([^@/?#]*)@)?([^/?#]*)([^#]*)/i.exec(url)!;
  const host = m[3]!;
  if (host === '' || host.startsWith(':'))
    return { ok: false, message: 'curl: (3) URL rejected: No host part in the URL' };
  return {
    ok: true,
    url: `${m[1]}${host}${m[4]}`,
    user: m[2] === undefined ? null : decodeURIComponent(m[2]),
  };
}

function fail(message: string): ParsedCurl {
  return { ok: false, message };
}
