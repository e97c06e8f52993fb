/**
 * Conditional and partial requests against a response that carries a file's
 * validators: nginx's not_modified filter (If-Match, If-Unmodified-Since,
 * If-None-Match, If-Modified-Since) and range filter (Range, If-Range).
 */
import { parseHttpDate } from './http-date';

export interface Validators {
  /** Modification time, seconds since 1970. */
  mtime: number;
  /** The ETag header value, or null when `etag off`. */
  etag: string | null;
}

/** `if_modified_since`: how If-Modified-Since is compared with the file's time. */
export type ModifiedSinceMode = 'off' | 'exact' | 'before';

/** ngx_http_not_modified_header_filter: serve it, answer 304, or fail a precondition (412). */
export function precondition(
  headersIn: ReadonlyMap<string, string[]>,
  v: Validators,
  mode: ModifiedSinceMode,
): 'send' | 'not-modified' | 'failed' {
  const ius = headersIn.get('if-unmodified-since')?.[0];
  if (ius !== undefined && !((parseHttpDate(ius) ?? -1) >= v.mtime)) return 'failed';
  const ifMatch = headersIn.get('if-match')?.[0];
  if (ifMatch !== undefined && !etagListMatches(ifMatch, v.etag, false)) return 'failed';
  const ims = headersIn.get('if-modified-since')?.[0];
  const inm = headersIn.get('if-none-match')?.[0];
  if (ims === undefined && inm === undefined) return 'send';
  if (ims !== undefined && modifiedSince(ims, v.mtime, mode)) return 'send';
  if (inm !== undefined && !etagListMatches(inm, v.etag, true)) return 'send';
  return 'not-modified';
}

function modifiedSince(ims: string, mtime: number, mode: ModifiedSinceMode): boolean {
  if (mode === 'off') return true;
  const t = parseHttpDate(ims) ?? -1;
  if (t === mtime) return false;
  return mode === 'exact' || t < mtime;
}

/** ngx_http_test_if_match: `*`, or the ETag somewhere in the list (weak comparison for If-None-Match). */
function etagListMatches(list: string, etag: string | null, weak: boolean): boolean {
  if (list === '*') return true;
  if (etag === null) return false;
  const own = weak && etag.startsWith('W/') ? etag.slice(2) : etag;
  for (const item of list.split(',')) {
    let tag = item.replace(/^[ \t]+|[ \t]+$/g, '');
    if (weak && tag.startsWith('W/')) tag = tag.slice(2);
    if (tag === own) return true;
  }
  return false;
}

/** A byte range [start, end) of the body. */
export type ByteRange = [start: number, end: number];

export type RangeDecision =
  { kind: 'full' } | { kind: 'unsatisfiable' } | { kind: 'partial'; ranges: ByteRange[] };

/**
 * ngx_http_range_header_filter and ngx_http_range_parse: which part of a
 * body of `size` bytes a `Range: bytes=...` header asks for. Ranges that
 * overlap so much that they add up to more than the body get the whole body.
 */
export function rangeOf(
  headersIn: ReadonlyMap<string, string[]>,
  size: number,
  v: Validators,
  maxRanges: number,
): RangeDecision {
  const range = headersIn.get('range')?.[0];
  if (range === undefined || maxRanges === 0) return { kind: 'full' };
  if (range.length < 7 || range.slice(0, 6).toLowerCase() !== 'bytes=') return { kind: 'full' };
  const ifRange = headersIn.get('if-range')?.[0];
  if (ifRange !== undefined) {
    if (ifRange.length >= 2 && ifRange.endsWith('"')) {
      if (ifRange !== v.etag) return { kind: 'full' };
    } else if (parseHttpDate(ifRange) !== v.mtime) return { kind: 'full' };
  }
  return parseRanges(range.slice(6), size, maxRanges);
}

function parseRanges(spec: string, size: number, maxRanges: number): RangeDecision {
  const ranges: ByteRange[] = [];
  let total = 0;
  let left = maxRanges;
  let p = 0;
  const at = () => spec.charCodeAt(p);
  const isDigit = () => at() >= 48 && at() <= 57;
  const skipSpaces = () => {
    while (spec[p] === ' ') p++;
  };
  const number = () => {
    let n = 0;
    while (isDigit()) n = n * 10 + (spec.charCodeAt(p++) - 48);
    return n;
  };
  for (;;) {
    let start: number;
    let end: number;
    skipSpaces();
    if (spec[p] !== '-') {
      if (!isDigit()) return { kind: 'unsatisfiable' };
      start = number();
      skipSpaces();
      if (spec[p++] !== '-') return { kind: 'unsatisfiable' };
      skipSpaces();
      if (p >= spec.length || spec[p] === ',') {
        end = size;
      } else {
        if (!isDigit()) return { kind: 'unsatisfiable' };
        end = number();
        skipSpaces();
        if (p < spec.length && spec[p] !== ',') return { kind: 'unsatisfiable' };
        end = end >= size ? size : end + 1;
      }
    } else {
      p++;
      if (!isDigit()) return { kind: 'unsatisfiable' };
      const suffix = number();
      skipSpaces();
      if (p < spec.length && spec[p] !== ',') return { kind: 'unsatisfiable' };
      start = suffix < size ? size - suffix : 0;
      end = size;
    }
    if (start < end) {
      ranges.push([start, end]);
      total += end - start;
      if (left-- === 0) return { kind: 'full' };
    } else if (start === 0) {
      return { kind: 'full' };
    }
    if (spec[p++] !== ',') break;
  }
  if (ranges.length === 0) return { kind: 'unsatisfiable' };
  if (total > size) return { kind: 'full' };
  return { kind: 'partial', ranges };
}
