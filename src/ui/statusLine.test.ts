import { expect, test } from 'vitest';
import { statusLine } from './statusLine';

test('adds the reason phrase nginx sends', () => {
  expect(statusLine(200)).toBe('HTTP/1.1 200 OK');
  expect(statusLine(502)).toBe('HTTP/1.1 502 Bad Gateway');
});

test('leaves the reason out for a status nginx has no phrase for', () => {
  expect(statusLine(299)).toBe('HTTP/1.1 299');
});
