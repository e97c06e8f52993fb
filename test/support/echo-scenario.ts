/** One echo app behind a proxy on port 80: the scenario the runtime tests and the browser bench both drive. */
import type { RuntimeScenario } from '../../src/runtime/types';

export const ECHO_SCENARIO: RuntimeScenario = {
  config: `events {}
http {
  server {
    listen 80;
    server_name example.com;
    location / {
      proxy_pass http://127.0.0.1:3000;
      proxy_set_header X-Real-IP $remote_addr;
    }
  }
}
`,
  backends: { '127.0.0.1:3000': { name: 'app-a' } },
};
