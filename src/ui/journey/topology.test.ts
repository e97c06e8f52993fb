import { describe, expect, it } from 'vitest';
import { journeyOf } from '../../explain';
import { scenario } from '../../explain/test-support';
import { distinctPaths, topologyOf } from './topology';

const BACKENDS = {
  '127.0.0.1:3001': { name: 'app-a' },
  '127.0.0.1:3002': { name: 'app-b' },
};

describe('a burst’s map', () => {
  it('takes one exchange per path, and the map from them is the map from all', async () => {
    const { exchange } = scenario(
      `upstream pool { server 127.0.0.1:3001; server 127.0.0.1:3002; }
       server { listen 80; location / { proxy_pass http://pool; } }`,
      BACKENDS,
    );
    const all = [];
    for (let i = 0; i < 10; i++) all.push(await exchange('http://example.com/'));
    const few = distinctPaths(all);
    // Two backends in turn: two paths, in the order they first appear.
    expect(few.map((e) => e.upstreamResponse?.address)).toEqual([
      '127.0.0.1:3001',
      '127.0.0.1:3002',
    ]);
    expect(topologyOf(few.map(journeyOf), BACKENDS, '127.0.0.1')).toEqual(
      topologyOf(all.map(journeyOf), BACKENDS, '127.0.0.1'),
    );
  });
});
