import { describe, expect, it } from 'vitest';
import { precondition, rangeOf, type Validators } from './conditional';

const v: Validators = { mtime: 1767225600, etag: '"69558000-b"' };
const LAST_MODIFIED = 'Thu, 01 Jan 2026 00:00:00 GMT';
const headers = (h: Record<string, string>) =>
  new Map(Object.entries(h).map(([k, x]) => [k.toLowerCase(), [x]]));

describe('conditional requests (not_modified filter)', () => {
  it('answers 304 to If-None-Match * or the ETag, and to If-Modified-Since equal to the file time', () => {
    expect(precondition(headers({ 'If-None-Match': '*' }), v, 'exact')).toBe('not-modified');
    expect(precondition(headers({ 'If-None-Match': 'W/"x", W/"69558000-b"' }), v, 'exact')).toBe(
      'not-modified',
    );
    expect(precondition(headers({ 'If-None-Match': '"a", *' }), v, 'exact')).toBe('send');
    expect(precondition(headers({ 'If-Modified-Since': LAST_MODIFIED }), v, 'exact')).toBe(
      'not-modified',
    );
  });

  it('compares If-Modified-Since exactly by default; `before` also takes later dates', () => {
    const later = headers({ 'If-Modified-Since': 'Fri, 01 Jan 2099 00:00:00 GMT' });
    expect(precondition(later, v, 'exact')).toBe('send');
    expect(precondition(later, v, 'before')).toBe('not-modified');
    expect(precondition(headers({ 'If-Modified-Since': LAST_MODIFIED }), v, 'off')).toBe('send');
  });

  it('fails If-Match that names another ETag, and If-Unmodified-Since before the file time or unreadable', () => {
    expect(precondition(headers({ 'If-Match': '"nope"' }), v, 'exact')).toBe('failed');
    expect(precondition(headers({ 'If-Match': '"69558000-b"' }), v, 'exact')).toBe('send');
    expect(
      precondition(headers({ 'If-Unmodified-Since': 'Mon, 01 Jan 1990 00:00:00 GMT' }), v, 'exact'),
    ).toBe('failed');
    expect(precondition(headers({ 'If-Unmodified-Since': 'garbage' }), v, 'exact')).toBe('failed');
    expect(precondition(headers({ 'If-Unmodified-Since': LAST_MODIFIED }), v, 'exact')).toBe(
      'send',
    );
  });
});

describe('byte ranges (range filter), for an 11-byte body', () => {
  const range = (spec: string, extra: Record<string, string> = {}, max = Infinity) =>
    rangeOf(headers({ Range: spec, ...extra }), 11, v, max);

  it('reads first-last, first- and -suffix, cutting the end at the body', () => {
    expect(range('bytes=0-3')).toEqual({ kind: 'partial', ranges: [[0, 4]] });
    expect(range('bytes=8-')).toEqual({ kind: 'partial', ranges: [[8, 11]] });
    expect(range('bytes=-3')).toEqual({ kind: 'partial', ranges: [[8, 11]] });
    expect(range('bytes=0-100')).toEqual({ kind: 'partial', ranges: [[0, 11]] });
    expect(range('Bytes= 2 - 3 , 5-6')).toEqual({
      kind: 'partial',
      ranges: [
        [2, 4],
        [5, 7],
      ],
    });
  });

  it('is unsatisfiable past the end, backwards, or malformed; ignored when not bytes', () => {
    expect(range('bytes=50-')).toEqual({ kind: 'unsatisfiable' });
    expect(range('bytes=5-2')).toEqual({ kind: 'unsatisfiable' });
    expect(range('bytes=x')).toEqual({ kind: 'unsatisfiable' });
    expect(range('items=0-1')).toEqual({ kind: 'full' });
  });

  it('sends the whole body when ranges add up to more than it, or exceed max_ranges', () => {
    expect(range('bytes=0-5,3-10')).toEqual({ kind: 'full' });
    expect(range('bytes=0-1,3-4', {}, 1)).toEqual({ kind: 'full' });
    expect(range('bytes=0-1', {}, 0)).toEqual({ kind: 'full' });
  });

  it('honours If-Range only when it names the ETag or the exact file time', () => {
    expect(range('bytes=1-2', { 'If-Range': '"x"' })).toEqual({ kind: 'full' });
    expect(range('bytes=1-2', { 'If-Range': '"69558000-b"' }).kind).toBe('partial');
    expect(range('bytes=1-2', { 'If-Range': LAST_MODIFIED }).kind).toBe('partial');
    expect(range('bytes=1-2', { 'If-Range': 'Mon, 01 Jan 1990 00:00:00 GMT' }).kind).toBe('full');
  });
});
