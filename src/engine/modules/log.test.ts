import { describe, expect, it } from 'vitest';
import { createBackendTransport } from '../../backends';
import { clientRequest, createProxy, VirtualClock } from '../index';

async function accessLogOf(http: string, path = '/') {
  const clock = new VirtualClock();
  const engine = createProxy(`events {}\nhttp {\n${http}\n}\n`, {
    clock,
    transport: createBackendTransport({ '127.0.0.1:3001': { name: 'app' } }, clock),
  });
  const result = await engine.handle(clientRequest({ url: `http://example.com${path}` }));
  return result.accessLog;
}

describe('access_log', () => {
  it('without any access_log, writes the combined format to logs/access.log, as nginx does by default', async () => {
    const log = await accessLogOf(
      `server { listen 80; location / { proxy_pass http://127.0.0.1:3001; } }`,
    );
    expect(log).toHaveLength(1);
    expect(log[0]!.path).toBe('logs/access.log');
    expect(log[0]!.line).toMatch(
      /^127\.0\.0\.1 - - \[\d\d\/\w{3}\/\d{4}:\d\d:\d\d:\d\d \+0000\] "GET \/ HTTP\/1\.1" 200 \d+ "-" "[^"]*"$/,
    );
  });

  it('access_log off, at any level, writes nothing', async () => {
    expect(
      await accessLogOf(`access_log off; server { listen 80; location / { return 204; } }`),
    ).toEqual([]);
    expect(
      await accessLogOf(`server { listen 80; location / { access_log off; return 204; } }`),
    ).toEqual([]);
  });
});
