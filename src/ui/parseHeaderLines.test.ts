import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { parseHeaderLines } from './parseHeaderLines';

describe('parseHeaderLines', () => {
  test('reads one header per line and trims the space around name and value', () => {
    expect(parseHeaderLines('Accept: text/html\n  X-Debug :  1  ')).toEqual({
      ok: true,
      headers: [
        ['Accept', 'text/html'],
        ['X-Debug', '1'],
      ],
    });
  });

  test('ignores blank and whitespace-only lines', () => {
    expect(parseHeaderLines('\n\nHost: example.com\n   \n\r\n')).toEqual({
      ok: true,
      headers: [['Host', 'example.com']],
    });
  });

  test('reads nothing from an empty text', () => {
    expect(parseHeaderLines('')).toEqual({ ok: true, headers: [] });
  });

  test('splits at the first colon, so values keep their own colons', () => {
    expect(parseHeaderLines('Referer: http://example.com:8080/a')).toEqual({
      ok: true,
      headers: [['Referer', 'http://example.com:8080/a']],
    });
  });

  test('keeps an empty value and repeated names in order', () => {
    expect(parseHeaderLines('X-Empty:\nCookie: a=1\nCookie: b=2')).toEqual({
      ok: true,
      headers: [
        ['X-Empty', ''],
        ['Cookie', 'a=1'],
        ['Cookie', 'b=2'],
      ],
    });
  });

  test('reports every line without a colon with its line number', () => {
    const result = parseHeaderLines('Accept: */*\nnot a header\n\nAlso wrong');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors.map((error) => error.line)).toEqual([2, 4]);
    expect(!result.ok && result.errors[0]?.message).toMatch(/colon/);
  });

  test('counts lines the same with Windows line endings', () => {
    const result = parseHeaderLines('Accept: */*\r\n\r\noops');
    expect(!result.ok && result.errors.map((error) => error.line)).toEqual([3]);
  });

  test('reports a missing or malformed header name', () => {
    const result = parseHeaderLines(': value\nBad Name: x');
    expect(!result.ok && result.errors).toEqual([
      { line: 1, message: 'the header name before the colon is missing' },
      { line: 2, message: expect.stringContaining('"Bad Name" is not a valid header name') },
    ]);
  });

  test('reads back any headers written as "Name: value" lines', () => {
    const name = fc.stringMatching(/^[A-Za-z0-9-]{1,20}$/);
    const value = fc.stringMatching(/^[ -~]{0,40}$/).map((text) => text.trim());
    fc.assert(
      fc.property(fc.array(fc.tuple(name, value)), (headers) => {
        const text = headers.map(([n, v]) => `${n}: ${v}`).join('\n');
        expect(parseHeaderLines(text)).toEqual({ ok: true, headers });
      }),
    );
  });
});
