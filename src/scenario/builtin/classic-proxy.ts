import type { Scenario } from '../scenario.ts';

/** The set-up most people meet first: nginx on port 80 passing every request to one app. */
export const classicProxy = {
  id: 'classic-proxy',
  title: 'A proxy in front of an app',
  summary:
    'A proxy (nginx) listens on port 80 and passes every request under / to an app on port 3000. The app answers with what it received.',
  config: `events {}
http {
  server {
    listen 80;
    server_name example.com;
    location / {
      proxy_pass http://127.0.0.1:3000;
      proxy_set_header Host $host;
      proxy_set_header X-Real-IP $remote_addr;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
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
