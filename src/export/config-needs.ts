/**
 * What a config needs from the machine it runs on, beyond nginx itself: the
 * files and directories it names (inside the export's prefix or at absolute
 * paths), the certificates it loads, the ports it listens on and the main
 * directives an exported start script must not repeat.
 */
import { ConfigLexer } from '../engine';

export interface CertificatePair {
  cert: string;
  key: string;
  /** The name the generated certificate is for: the first server_name of its block, else localhost. */
  commonName: string;
}

export interface Listen {
  /** As written: `80`, `127.0.0.1:8080`, `443 ssl`. */
  text: string;
  port: number;
  ssl: boolean;
}

export interface ConfigNeeds {
  /** Main-context directives the config sets itself (`pid`, `daemon`, `error_log`, `user`…). */
  mainDirectives: Set<string>;
  /** Files `include`d, as written (relative to the export, or absolute). */
  includes: string[];
  certificates: CertificatePair[];
  /** Directories nginx needs to exist or creates only one level of: caches, temp paths, log folders. */
  directories: string[];
  /** Folders `root` and `alias` serve from, as written. */
  contentRoots: string[];
  listens: Listen[];
  /** Every server_name, in order, without `_`, wildcards and regexes. */
  serverNames: string[];
  /** Whether the config names an access log itself (else nginx writes to its compiled-in path). */
  setsAccessLog: boolean;
  /** Whether it declares a cache (`proxy_cache_path`…): cached answers are written through nginx's temp path. */
  declaresCache: boolean;
}

const CACHE_PATHS = new Set([
  'proxy_cache_path',
  'fastcgi_cache_path',
  'uwsgi_cache_path',
  'scgi_cache_path',
]);
const TEMP_PATHS = new Set([
  'client_body_temp_path',
  'proxy_temp_path',
  'fastcgi_temp_path',
  'uwsgi_temp_path',
  'scgi_temp_path',
]);

/** A path is the file system's only when it is a plain path: not a variable, syslog, stderr or a device. */
function isFilePath(arg: string): boolean {
  return (
    arg !== 'off' &&
    arg !== 'stderr' &&
    !arg.includes('$') &&
    !arg.startsWith('syslog:') &&
    !arg.startsWith('memory:') &&
    !arg.startsWith('/dev/')
  );
}

function folderOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash <= 0 ? (slash === 0 ? '/' : '.') : path.slice(0, slash);
}

/** Reads the config's statements (syntax only); a config the lexer refuses needs nothing more. */
export function configNeeds(config: string): ConfigNeeds {
  const needs: ConfigNeeds = {
    mainDirectives: new Set(),
    includes: [],
    certificates: [],
    directories: [],
    contentRoots: [],
    listens: [],
    serverNames: [],
    setsAccessLog: false,
    declaresCache: false,
  };
  const lexer = new ConfigLexer(config);
  // Per open block: its server_name and the certificate and key it sets, paired when it closes.
  const blocks: { names: string[]; certs: string[]; keys: string[] }[] = [
    { names: [], certs: [], keys: [] },
  ];
  const pairUp = (block: { names: string[]; certs: string[]; keys: string[] }) => {
    const commonName = block.names[0] ?? needs.serverNames[0] ?? 'localhost';
    block.certs.forEach((cert, i) => {
      const key = block.keys[i];
      if (key !== undefined) needs.certificates.push({ cert, key, commonName });
    });
  };
  for (;;) {
    let st;
    try {
      st = lexer.next();
    } catch {
      break;
    }
    if (st.end === 'eof') break;
    if (st.end === '}') {
      const closed = blocks.pop();
      if (closed) pairUp(closed);
      if (blocks.length === 0) blocks.push({ names: [], certs: [], keys: [] });
      continue;
    }
    const [name = '', ...args] = st.words;
    const block = blocks[blocks.length - 1]!;
    if (blocks.length === 1) needs.mainDirectives.add(name);
    if (name === 'access_log') needs.setsAccessLog = true;
    if (CACHE_PATHS.has(name)) needs.declaresCache = true;
    const first = args[0];
    if (first !== undefined) {
      if (name === 'include') needs.includes.push(first);
      else if (name === 'ssl_certificate' && isFilePath(first)) block.certs.push(first);
      else if (name === 'ssl_certificate_key' && isFilePath(first)) block.keys.push(first);
      else if ((CACHE_PATHS.has(name) || TEMP_PATHS.has(name)) && isFilePath(first))
        needs.directories.push(first);
      else if ((name === 'access_log' || name === 'error_log') && isFilePath(first))
        needs.directories.push(folderOf(first));
      else if ((name === 'root' || name === 'alias') && isFilePath(first))
        needs.contentRoots.push(first);
      else if (name === 'listen') {
        const listen = parseListen(args);
        if (listen) needs.listens.push(listen);
      } else if (name === 'server_name') {
        const plain = args.filter((n) => n !== '_' && n !== '' && !/[*~]/.test(n));
        block.names.push(...plain);
        needs.serverNames.push(...plain);
      }
    }
    if (st.end === '{') blocks.push({ names: [], certs: [], keys: [] });
  }
  while (blocks.length > 0) pairUp(blocks.pop()!);
  needs.directories = [...new Set(needs.directories)];
  needs.serverNames = [...new Set(needs.serverNames)];
  return needs;
}

function parseListen(args: string[]): Listen | null {
  const [address = ''] = args;
  if (address.startsWith('unix:')) return null;
  const port = /^\d+$/.test(address) ? address : /:(\d+)$/.exec(address)?.[1];
  return {
    text: args.join(' '),
    port: Number(port ?? 80),
    ssl: args.includes('ssl'),
  };
}

/** The absolute paths among `paths`, outside the export: what setup.sh must create. */
export function isAbsolute(path: string): boolean {
  return path.startsWith('/');
}
