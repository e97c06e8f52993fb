import type { Scenario } from '../scenario.ts';

/** The simplest load balancer: three copies of an app, taken in turn. */
export const roundRobin = {
  id: 'round-robin',
  title: 'Sharing the load: round robin',
  summary:
    'The proxy knows three copies of the same app, grouped in an upstream called app. Each new request goes to the next copy in the list, so three requests reach app-a, app-b and app-c in turn.',
  config: `events {}
http {
  upstream app {
    server 127.0.0.1:3001;
    server 127.0.0.1:3002;
    server 127.0.0.1:3003;
  }
  server {
    listen 80;
    server_name example.com;
    location / {
      proxy_pass http://app;
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    }
  }
}
`,
  backends: {
    '127.0.0.1:3001': { name: 'app-a' },
    '127.0.0.1:3002': { name: 'app-b' },
    '127.0.0.1:3003': { name: 'app-c' },
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
