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
  const q = target.indexOf('?');
  const rawPath = q === -1 ? target : target.slice(0, q);
  const args = q === -1 ? '' : target.slice(q + 1);
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
