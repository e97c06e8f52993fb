import { describe, expect, it, test } from 'vitest';
import { statusLine } from './status-line';

test('adds the reason phrase nginx sends', () => {
  expect(statusLine(200)).toBe('HTTP/1.1 200 OK');
  expect(statusLine(502)).toBe('HTTP/1.1 502 Bad Gateway');
});

test('leaves the reason out for a status nginx has no phrase for', () => {
  expect(statusLine(299)).toBe('HTTP/1.1 299');
});

describe('status lines that differ from nginx page titles', () => {
  it('says 302 Moved Temporarily and 401 Unauthorized on the wire, as nginx does', () => {
    expect(statusLine(302)).toBe('HTTP/1.1 302 Moved Temporarily');
    expect(statusLine(401)).toBe('HTTP/1.1 401 Unauthorized');
  });
});

test("keeps the phrase a response carries, as nginx passes a backend's status line on", () => {
  expect(statusLine(302, 'Found')).toBe('HTTP/1.1 302 Found');
  expect(statusLine(299, undefined)).toBe('HTTP/1.1 299');
});
