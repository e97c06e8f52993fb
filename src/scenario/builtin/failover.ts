import type { Scenario } from '../scenario.ts';

/** A stopped backend, and nginx moving on to the next server by itself. */
export const failover = {
  id: 'failover',
  title: 'When a backend is down: trying the next server',
  summary:
    'app-a is stopped, so its port refuses connections. When that happens nginx does not give up: it passes the same request to the next server in the upstream, and the client never notices.',
  config: `events {}
http {
  upstream app {
    server 127.0.0.1:3001;
    server 127.0.0.1:3002;
  }
  server {
    listen 80;
    server_name example.com;
    location / {
      proxy_pass http://app;
      proxy_set_header Host $host;
    }
  }
}
`,
  backends: {
    '127.0.0.1:3001': { name: 'app-a', down: true },
    '127.0.0.1:3002': { name: 'app-b' },
  },
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
