import { describe, expect, it } from 'vitest';
import { bodyText, VirtualClock } from '../engine';
import { sandboxHarness } from './test-harness';

const CONFIG = `events {}
http {
  server { listen 80; location / { proxy_pass http://127.0.0.1:3001; } }
}
`;

describe('sandboxHarness', () => {
  it('sends through SandboxCore on a virtual clock, numbering exchanges from 1 as the runtime does', async () => {
    const { clock, exchange } = sandboxHarness(CONFIG, {
      backends: { '127.0.0.1:3001': { name: 'app', latencyMs: 250 } },
    });
    expect(clock).toBeInstanceOf(VirtualClock);
    const first = await exchange('http://example.com/a', {
      method: 'POST',
      headers: { 'X-One': ['1', '2'] },
      body: 'hi',
      client: '127.0.0.2',
    });
    const second = await exchange('http://example.com/b');
    expect([first.requestId, second.requestId]).toEqual(['1', '2']);
    // The backend's 250 ms passed in virtual time, not real time.
    expect(clock.now()).toBe(500);
    expect(JSON.parse(bodyText(first.response!.body))).toMatchObject({
      backend: 'app',
      method: 'POST',
      uri: '/a',
    });
    expect(first.sent.headers.filter(([n]) => n === 'X-One')).toEqual([
      ['X-One', '1'],
      ['X-One', '2'],
    ]);
    expect(first.sent.clientAddress).toBe('127.0.0.2');
  });

  it('fails at once, in nginx’s words, on a config nginx refuses', () => {
    expect(() => sandboxHarness('events {}\nhttp { server { proxy_pas x; } }\n')).toThrow(
      /the test's config was refused: .*proxy_pas/,
    );
  });
});
