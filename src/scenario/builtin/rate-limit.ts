import type { Scenario } from '../scenario.ts';

/** A rate limit per client address, strict enough that a second quick request is turned away. */
export const rateLimit = {
  id: 'rate-limit',
  title: 'Slowing clients down: a rate limit',
  summary:
    'Each client address may send ten requests a minute, one every six seconds, with no burst allowed, so a second request sent straight after the first is rejected. limit_req_status makes that rejection a 429 Too Many Requests instead of nginx’s default 503.',
  config: `events {}
http {
  limit_req_zone $binary_remote_addr zone=perip:10m rate=10r/m;
  server {
    listen 80;
    server_name example.com;
    location / {
      limit_req zone=perip;
      limit_req_status 429;
      proxy_pass http://127.0.0.1:3000;
    }
  }
}
`,
  backends: { '127.0.0.1:3000': { name: 'app' } },
  files: {},
  request: {
    method: 'GET',
    url: 'http://example.com/',
    headers: [],
    body: null,
    client: '127.0.0.1',
  },
  presets: [],
} satisfies Scenario;
