/**
 * The request target as nginx sees it: the raw target, and the decoded,
 * normalised path used for location matching (ngx_http_parse_complex_uri).
 * Strings here hold one byte per character (latin1), as nginx works on bytes.
 */

export interface ParsedTarget {
  /** Decoded and normalised path: `%41` → `A`, `//` merged, `.`/`..` resolved. */
  path: string;
  /** The query string without `?` ('' when none). */
  args: string;
  /** Whether the raw path contained `%` escapes (nginx then re-escapes what it forwards). */
  quoted: boolean;
}

/** Returns null when nginx would answer 400 (bad escape, NUL, a path above the root). */
export function parseTarget(target: string): ParsedTarget | null {
  // A `#` ends the path, and the query string (a `?` after it starts none): nginx drops the
  // fragment from $uri and $args, while $request_uri and an unchanged proxied target keep it.
  const hash = target.indexOf('#');
  let q = target.indexOf('?');
  if (hash !== -1 && q > hash) q = -1;
  const pathEnd = q !== -1 ? q : hash !== -1 ? hash : target.length;
  const rawPath = target.slice(0, pathEnd);
  const args = q === -1 ? '' : target.slice(q + 1, hash > q ? hash : target.length);
  if (!rawPath.startsWith('/')) return null;
  const decoded = percentDecode(rawPath);
  if (decoded === null) return null;
  const path = normalizePath(decoded);
  if (path === null) return null;
  return { path, args, quoted: rawPath.includes('%') };
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const l = c | 0x20;
  if (l >= 97 && l <= 102) return l - 87;
  return -1;
}

/** Decodes `%XX`; a `%` without two hex digits or a NUL byte makes the request invalid. */
export function percentDecode(s: string): string | null {
  if (!s.includes('%')) return s.includes('\0') ? null : s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '%') {
      const h = hexValue(s.charCodeAt(i + 1));
      const l = hexValue(s.charCodeAt(i + 2));
      if (h < 0 || l < 0) return null;
      const code = h * 16 + l;
      if (code === 0) return null;
      out += String.fromCharCode(code);
      i += 2;
    } else {
      if (c === '\0') return null;
      out += c;
    }
  }
  return out;
}

/** Merges slashes and resolves `.` and `..` segments; null when `..` climbs above `/`. */
export function normalizePath(path: string): string | null {
  if (!path.includes('//') && !path.includes('/.')) return path;
  const segments = path.split('/');
  const out: string[] = [];
  const last = segments.length - 1;
  let trailingSlash = false;
  for (let i = 1; i < segments.length; i++) {
    const seg = segments[i]!;
    if (seg === '' || seg === '.') {
      if (i === last) trailingSlash = true;
      continue;
    }
    if (seg === '..') {
      if (out.length === 0) return null;
      out.pop();
      if (i === last) trailingSlash = true;
      continue;
    }
    out.push(seg);
    trailingSlash = false;
  }
  const joined = '/' + out.join('/');
  return trailingSlash && out.length > 0 ? joined + '/' : joined;
}

/**
 * nginx's NGX_ESCAPE_URI table: control bytes, space, `#`, `%`, `?`, DEL and
 * every byte above 0x7f are escaped when nginx forwards a decoded URI.
 */
export function escapeUri(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c <= 0x20 || c === 0x23 || c === 0x25 || c === 0x3f || c >= 0x7f) {
      out += '%' + (c & 0xff).toString(16).toUpperCase().padStart(2, '0');
    } else {
      out += s[i];
    }
  }
  return out;
}

/** nginx's NGX_ESCAPE_ARGS: space, `#`, `%`, `&`, `+`, `;`, `?`, control bytes and bytes above 0x7e. */
export function escapeArgs(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (
      c <= 0x20 ||
      c === 0x23 ||
      c === 0x25 ||
      c === 0x26 ||
      c === 0x2b ||
      c === 0x3b ||
      c === 0x3f ||
      c >= 0x7f
    ) {
      out += '%' + (c & 0xff).toString(16).toUpperCase().padStart(2, '0');
    } else {
      out += s[i];
    }
  }
  return out;
}

function hexDigit(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const l = c | 0x20;
  return l >= 0x61 && l <= 0x66 ? l - 0x61 + 10 : -1;
}

/**
 * nginx's NGX_UNESCAPE_REDIRECT, applied to a rewrite's redirect target: up to
 * the first `?` (a raw one, or a `%3F`-style escape with a letter, which also
 * ends the work), `%XX` of a printable byte above `%` is decoded, other
 * escapes stay; a broken escape loses its `%` (and its first digit).
 */
export function unescapeRedirect(s: string): string {
  if (!s.includes('%')) return s;
  let out = '';
  let i = 0;
  while (i < s.length) {
    const ch = s[i]!;
    if (ch === '?') return out + s.slice(i);
    if (ch !== '%') {
      out += ch;
      i++;
      continue;
    }
    if (i + 1 >= s.length) return out;
    const high = hexDigit(s.charCodeAt(i + 1));
    if (high === -1) {
      out += s[i + 1];
      i += 2;
      continue;
    }
    if (i + 2 >= s.length) return out;
    const second = s.charCodeAt(i + 2);
    const low = hexDigit(second);
    i += 3;
    if (low === -1) continue;
    const byte = high * 16 + low;
    if (byte === 0x3f && second > 0x39) return out + '?' + s.slice(i);
    out += byte > 0x25 && byte < 0x7f ? String.fromCharCode(byte) : s.slice(i - 3, i);
  }
  return out;
}
