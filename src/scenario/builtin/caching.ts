import type { Scenario } from '../scenario.ts';

/** A cache in front of an app: the first request is a MISS, the next ones are HITs. */
export const caching = {
  id: 'caching',
  title: 'Keeping answers: a proxy cache',
  summary:
    'The app says its answer stays fresh for 60 seconds (Cache-Control: max-age=60), so the proxy keeps a copy in its cache. The first request is a MISS and goes to the app; the same request again is a HIT, answered from the cache without asking the app.',
  config: `events {}
http {
  proxy_cache_path /var/cache/nginx keys_zone=pages:10m;
  server {
    listen 80;
    server_name example.com;
    location / {
      proxy_pass http://127.0.0.1:3000;
      proxy_cache pages;
      add_header X-Cache-Status $upstream_cache_status;
    }
  }
}
`,
  backends: { '127.0.0.1:3000': { name: 'app', app: 'caching' } },
  files: {},
  request: {
    method: 'GET',
    url: 'http://example.com/max-age',
    headers: [],
    body: null,
    client: '127.0.0.1',
  },
  presets: [],
} satisfies Scenario;
