/**
 * The sandbox's disk: exactly the scenario's `files` map. Keys are paths
 * relative to the nginx prefix (`html/index.html`, what `root html;` reads);
 * a key that starts with `/` is that absolute path (`/var/www/site/a.txt`, for
 * `root /var/www/site;`). A directory exists when some file lies below it; the
 * prefix itself and `/` always exist. Paths are resolved the way open(2)
 * resolves them, so `html//a`, `public/../media/a` and the alias traversal
 * `public/../secret` behave as on a real disk.
 */
import { textEncoder } from '../http/message';

/**
 * What open(2) finds at a path: a file, a directory, nothing (ENOENT), or a
 * file where the path needs a directory (ENOTDIR: `html/a.txt/` or
 * `html/a.txt/b`).
 */
export type Stat = 'file' | 'directory' | 'ENOENT' | 'ENOTDIR';

export class VirtualFs {
  private readonly files = new Map<string, Uint8Array>();
  private readonly dirs = new Set<string>(['', '/']);

  constructor(files: Readonly<Record<string, string>> = {}) {
    for (const [name, text] of Object.entries(files)) {
      const key = normalize(toBytes(name));
      if (key === null || key === '' || key === '/') continue;
      this.files.set(key, textEncoder.encode(text));
      for (let i = key.indexOf('/', 1); i !== -1; i = key.indexOf('/', i + 1))
        this.dirs.add(key.slice(0, i));
    }
  }

  /** How many files the disk holds. */
  get size(): number {
    return this.files.size;
  }

  /** What is at `path` (one character per byte, as nginx builds paths from URIs). */
  stat(path: string): Stat {
    const absolute = path.startsWith('/');
    const segments = path.split('/');
    const stack: string[] = [];
    let key = absolute ? '/' : '';
    // A path ending in `/` (or `/.`, `/..`) names a directory.
    let needDir = false;
    for (let i = 0; i < segments.length; i++) {
      const seg = segments[i]!;
      const last = i === segments.length - 1;
      if (seg === '' || seg === '.') {
        if (last && i > 0) needDir = true;
        continue;
      }
      // Walking through a component requires it to be a directory, even for `..`.
      if (!this.dirs.has(key)) return this.files.has(key) ? 'ENOTDIR' : 'ENOENT';
      if (seg === '..') {
        // Above the prefix lies the real machine, which the sandbox does not have.
        if (stack.length === 0 && !absolute) return 'ENOENT';
        stack.pop();
        if (last) needDir = true;
      } else {
        stack.push(seg);
      }
      key = (absolute ? '/' : '') + stack.join('/');
    }
    if (this.dirs.has(key)) return 'directory';
    if (this.files.has(key)) return needDir ? 'ENOTDIR' : 'file';
    return 'ENOENT';
  }

  /** The content of the file at `path`, or undefined when there is no file there. */
  read(path: string): Uint8Array | undefined {
    if (this.stat(path) !== 'file') return undefined;
    return this.files.get(normalize(path)!);
  }
}

/** Resolves `.`, `..` and repeated slashes without looking at the disk; null above the prefix. */
function normalize(path: string): string | null {
  const absolute = path.startsWith('/');
  const stack: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (stack.length === 0 && !absolute) return null;
      stack.pop();
    } else stack.push(seg);
  }
  return (absolute ? '/' : '') + stack.join('/');
}

/** File names are text; request paths hold one character per byte (UTF-8 bytes as latin1). */
function toBytes(name: string): string {
  // eslint-disable-next-line no-control-regex -- testing for non-ASCII
  if (/^[\x00-\x7f]*$/.test(name)) return name;
  let out = '';
  for (const b of textEncoder.encode(name)) out += String.fromCharCode(b);
  return out;
}
