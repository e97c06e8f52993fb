import { describe, expect, test } from 'vitest';
import { formatBody } from './formatBody';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('formatBody', () => {
  test('pretty-prints a JSON body', () => {
    expect(formatBody([['Content-Type', 'application/json']], bytes('{"a":1,"b":[true]}'))).toBe(
      '{\n  "a": 1,\n  "b": [\n    true\n  ]\n}',
    );
  });

  test('knows JSON by its media type, with parameters or a suffix', () => {
    const body = bytes('{"a":1}');
    expect(formatBody([['content-type', 'application/problem+json; charset=utf-8']], body)).toBe(
      '{\n  "a": 1\n}',
    );
  });

  test('leaves other text, and JSON that does not parse, as it came', () => {
    expect(formatBody([['Content-Type', 'text/html']], bytes('{"a":1}'))).toBe('{"a":1}');
    expect(formatBody([['Content-Type', 'application/json']], bytes('{"a":'))).toBe('{"a":');
  });

  test('describes an encoded body instead of showing its bytes', () => {
    const headers: [string, string][] = [
      ['Content-Type', 'application/json'],
      ['Content-Encoding', 'gzip'],
    ];
    expect(formatBody(headers, new Uint8Array(31))).toBe('(31 bytes, gzip-encoded)');
  });

  test('shows nothing for a missing or empty body', () => {
    expect(formatBody([], null)).toBe('');
    expect(formatBody([['Content-Type', 'application/json']], new Uint8Array(0))).toBe('');
  });
});
