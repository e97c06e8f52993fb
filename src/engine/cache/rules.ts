/**
 * Whether and for how long a backend response may be cached, decided the
 * way nginx 1.22 does: its header handlers run in the order the headers
 * arrived (so an earlier X-Accel-Expires silences a later Cache-Control),
 * then `proxy_cache_valid` fills in when no header set a time.
 */
import { parseHttpDate } from '../../http/http-date';
import type { HeaderList } from '../../http/message';
import type { ValidRule } from './directives';

/** What the backend's headers decided (nginx's u->cacheable and r->cache->valid_sec). */
export interface HeaderVerdict {
  cacheable: boolean;
  /** Absolute epoch second the response is fresh until; 0 when no header said. */
  validSec: number;
  updatingSec: number;
  errorSec: number;
  /** The Vary header nginx keeps (last one wins), or null. */
  vary: string | null;
  /** The header that decided, in words (`Cache-Control: max-age=60`), or why nothing may be stored. */
  reason: string;
}

/** nginx ignores a Vary longer than this and does not cache the response. */
const VARY_MAX = 128;

/** The digits of `name=` inside a Cache-Control value: null when absent, NaN when not a number. */
function directiveNumber(lower: string, name: string): number | null {
  const at = lower.indexOf(name);
  if (at === -1) return null;
  let n = 0;
  for (let i = at + name.length; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    if (c === 0x2c || c === 0x3b || c === 0x20) break;
    if (c < 0x30 || c > 0x39) return NaN;
    n = n * 10 + (c - 0x30);
  }
  return n;
}

/** ngx_atoi: digits only, nothing else. */
function atoi(text: string): number | null {
  return /^\d+$/.test(text) ? Number(text) : null;
}

/**
 * Runs nginx's upstream header handlers for caching over the headers in
 * arrival order. `ignore` holds lower-cased names from `proxy_ignore_headers`.
 */
export function judgeHeaders(
  headers: HeaderList,
  ignore: ReadonlySet<string>,
  nowSec: number,
): HeaderVerdict {
  const v: HeaderVerdict = {
    cacheable: true,
    validSec: 0,
    updatingSec: 0,
    errorSec: 0,
    vary: null,
    reason: '',
  };
  let accelExpires = false;
  const refuse = (why: string) => {
    if (v.cacheable) v.reason = why;
    v.cacheable = false;
  };
  for (const [name, value] of headers) {
    const key = name.toLowerCase();
    if (ignore.has(key)) {
      // A header nginx was told to ignore still counts as "seen" for X-Accel-Expires.
      if (key === 'x-accel-expires') accelExpires = true;
      continue;
    }
    switch (key) {
      case 'set-cookie':
        refuse(`Set-Cookie: ${value} — not stored`);
        break;
      case 'x-accel-expires': {
        accelExpires = true;
        if (value.startsWith('@')) {
          const at = atoi(value.slice(1));
          if (at !== null) {
            v.validSec = at;
            v.reason = `X-Accel-Expires: ${value}`;
          }
          break;
        }
        const n = atoi(value);
        if (n === 0) refuse(`X-Accel-Expires: 0 — not stored`);
        else if (n !== null) {
          v.validSec = nowSec + n;
          v.reason = `X-Accel-Expires: ${value}`;
        }
        break;
      }
      case 'cache-control': {
        // An X-Accel-Expires that already set a time outranks everything Cache-Control says.
        if (v.validSec !== 0 && accelExpires) break;
        const lower = value.toLowerCase();
        const word = ['no-cache', 'no-store', 'private'].find((w) => lower.includes(w));
        if (word) {
          refuse(`Cache-Control: ${word} — not stored`);
          break;
        }
        let n = directiveNumber(lower, 's-maxage=');
        const which = n === null ? 'max-age' : 's-maxage';
        if (n === null) n = directiveNumber(lower, 'max-age=');
        if (n !== null) {
          if (Number.isNaN(n) || n === 0) {
            refuse(`Cache-Control: ${value} — not stored (${which} is 0 or not a number)`);
            break;
          }
          v.validSec = nowSec + n;
          v.reason = `Cache-Control: ${which}=${n}`;
        }
        const swr = directiveNumber(lower, 'stale-while-revalidate=');
        if (swr !== null) {
          if (Number.isNaN(swr)) {
            refuse(`Cache-Control: ${value} — not stored (bad stale-while-revalidate)`);
            break;
          }
          v.updatingSec = swr;
          v.errorSec = swr;
        }
        const sie = directiveNumber(lower, 'stale-if-error=');
        if (sie !== null) {
          if (Number.isNaN(sie)) {
            refuse(`Cache-Control: ${value} — not stored (bad stale-if-error)`);
            break;
          }
          v.errorSec = sie;
        }
        break;
      }
      case 'expires': {
        if (v.validSec !== 0) break;
        const at = parseHttpDate(value);
        if (at === null || at < nowSec) {
          refuse(`Expires: ${value} — ${at === null ? 'not a date' : 'already past'}, not stored`);
          break;
        }
        v.validSec = at;
        v.reason = `Expires: ${value}`;
        break;
      }
      case 'vary':
        if (!v.cacheable) break;
        if (value.length > VARY_MAX || value === '*')
          refuse(`Vary: ${value.length > VARY_MAX ? '(over 128 characters)' : '*'} — not stored`);
        v.vary = value;
        break;
      case 'x-accel-buffering':
        // Unbuffered responses go straight to the client and never reach the cache.
        if (value.toLowerCase() === 'no') refuse('X-Accel-Buffering: no — not stored');
        break;
    }
  }
  return v;
}

/** `proxy_cache_valid`: the first rule for this status (or `any`), in seconds; 0 when none. */
export function validFor(rules: readonly ValidRule[], status: number): number {
  for (const rule of rules) if (rule.status === 0 || rule.status === status) return rule.seconds;
  return 0;
}

/** Request headers whose values nginx normalises (spaces and commas) before comparing variants. */
const NORMALISED = new Set(['accept-charset', 'accept-encoding', 'accept-language']);

/**
 * The variant of a key for a request (ngx_http_file_cache_vary): the main
 * key plus, for each name the stored `Vary` lists, the request's values of
 * that header. Two requests share an entry only when these are equal.
 */
export function variantOf(mainKey: string, vary: string, headersIn: Map<string, string[]>): string {
  let out = '\0' + mainKey;
  for (const name of vary.toLowerCase().split(/[ ,]+/)) {
    if (name === '') continue;
    const values = headersIn.get(name);
    let joined = '';
    if (values) {
      joined = NORMALISED.has(name)
        ? values
            .flatMap((v) => v.split(/[ ,]+/))
            .filter((t) => t !== '')
            .join(',')
        : values.join(',');
    }
    out += `\n${name}:${joined}`;
  }
  return out;
}
