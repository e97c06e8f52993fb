/** What the frames pages draw: round robin over three backends, the course's own scenario when it has one. */
import { scenarioById } from '../../src/scenarios';
import type { Scenario } from '../../src/scenarios/scenario';

const INLINE: Scenario = {
  id: 'round-robin',
  title: 'Round robin over three backends',
  summary: 'Each request goes to the next of three copies of an app.',
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
    }
  }
}
`,
  backends: {
    '127.0.0.1:3001': { name: 'app-a' },
    '127.0.0.1:3002': { name: 'app-b' },
    '127.0.0.1:3003': { name: 'app-c' },
  },
  request: { method: 'GET', host: 'example.com', path: '/', headers: [] },
};

export const ROUND_ROBIN: Scenario = scenarioById('round-robin') ?? INLINE;

/**
 * Packets on screen: the journey diagram's packet shapes, less those a burst's
 * fixed pool keeps hidden until a journey needs them.
 */
export function countPackets(root: ParentNode = document): number {
  return root.querySelectorAll('svg .packet:not([visibility="hidden"])').length;
}
