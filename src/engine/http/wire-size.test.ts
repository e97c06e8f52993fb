import { describe, expect, it } from 'vitest';
import { gzipRatio } from '../variables';
import type { EngineResponse } from '../../http/message';
import { bodyBytesSent, bytesSent, requestLength, responseLength, statusLineOf } from './wire-size';

const res = (status: number, headers: [string, string][], body: string, reason?: string) =>
  ({ status, reason, headers, body: new TextEncoder().encode(body) }) as EngineResponse;

describe('status lines', () => {
  it("use nginx's phrase, the backend's for proxied answers, and none for unknown codes", () => {
    expect(statusLineOf(res(302, [], ''))).toBe('HTTP/1.1 302 Moved Temporarily');
    expect(statusLineOf(res(302, [], '', 'Found'))).toBe('HTTP/1.1 302 Found');
    expect(statusLineOf(res(299, [], ''))).toBe('HTTP/1.1 299 ');
  });
});

describe('bytes sent', () => {
  const headers: [string, string][] = [
    ['Server', 'nginx/1.22.1'],
    ['Date', 'Tue, 15 Nov 1994 08:12:31 GMT'],
    ['Content-Type', 'text/plain'],
    ['Content-Length', '2'],
    ['Connection', 'close'],
  ];
  it('counts status line, header lines, the empty line and the body (nginx logged 144)', () => {
    expect(bytesSent(res(200, headers, 'ok'), 'GET', '1.1')).toBe(144);
    expect(bodyBytesSent(res(200, headers, 'ok'), 'GET', '1.1')).toBe(2);
  });
  it('adds Transfer-Encoding and chunk framing to an HTTP/1.1 body without Content-Length', () => {
    const chunked = res(
      200,
      headers.filter(([n]) => n !== 'Content-Length'),
      'x'.repeat(29),
    );
    expect(bodyBytesSent(chunked, 'GET', '1.1')).toBe(40);
    expect(bodyBytesSent(chunked, 'GET', '1.0')).toBe(29);
    expect(bodyBytesSent(chunked, 'HEAD', '1.1')).toBe(29);
    expect(bytesSent(chunked, 'GET', '1.1')).toBe(144 - 19 - 2 + 28 + 40);
  });
  it('counts the upstream request and answer as written (Connection: close assumed)', () => {
    const host: [string, string][] = [
      ['Host', '127.0.0.1:3001'],
      ['Connection', 'close'],
    ];
    expect(requestLength('GET', '/t', '1.0', host, null)).toBe(60);
    const body = new TextEncoder().encode('moved');
    const answer: [string, string][] = [
      ['location', 'http://x/y'],
      ['x-backend', 'a'],
      ['content-length', '5'],
    ];
    expect(responseLength(302, 'Found', answer, body)).toBe(101);
  });
});

describe('$gzip_ratio', () => {
  it('has two decimals, the third rounding half up', () => {
    expect(gzipRatio(41, 29)).toBe('1.41');
    expect(gzipRatio(208, 31)).toBe('6.71');
    expect(gzipRatio(1999, 1000)).toBe('2.00');
    expect(gzipRatio(1995, 1000)).toBe('2.00');
    expect(gzipRatio(1994, 1000)).toBe('1.99');
  });
});
