import { describe, expect, it } from 'vitest';
import { parseHttpDate } from './http-date';

describe('parseHttpDate', () => {
  it('reads the three HTTP date formats', () => {
    const t = Date.UTC(1994, 10, 6, 8, 49, 37) / 1000;
    expect(parseHttpDate('Sun, 06 Nov 1994 08:49:37 GMT')).toBe(t);
    expect(parseHttpDate('Sunday, 06-Nov-94 08:49:37 GMT')).toBe(t);
    expect(parseHttpDate('Sun Nov  6 08:49:37 1994')).toBe(t);
    expect(parseHttpDate('Thu, 01 Jan 1970 00:00:01 GMT')).toBe(1);
  });

  it('refuses what nginx refuses', () => {
    for (const text of [
      '0',
      '',
      '-1',
      'Sun, 31 Feb 2026 00:00:00 GMT',
      'Sun, 06 Nov 1994 24:00:00 GMT',
    ])
      expect(parseHttpDate(text)).toBeNull();
    expect(parseHttpDate('Sat, 29 Feb 2025 00:00:00 GMT')).toBeNull();
    expect(parseHttpDate('Thu, 29 Feb 2024 00:00:00 GMT')).not.toBeNull();
  });
});
