import { describe, expect, it } from 'vitest';
import type { Exchange } from '../runtime/types';
import { addToTally, emptyTally } from './addToTally';
import { scenario } from './test-support';

const THREE = {
  '127.0.0.1:3001': { name: 'app-a' },
  '127.0.0.1:3002': { name: 'app-b', down: true },
  '127.0.0.1:3003': { name: 'app-c' },
};
const POOL = `upstream pool { server 127.0.0.1:3001; server 127.0.0.1:3002; server 127.0.0.1:3003; }
  server { listen 80; location / { proxy_pass http://pool; } }`;

async function burst(count: number, config = POOL): Promise<Exchange[]> {
  const { exchange } = scenario(config, THREE);
  const out: Exchange[] = [];
  for (let i = 0; i < count; i++) out.push(await exchange('http://example.com/'));
  return out;
}

describe('addToTally', () => {
  it('counts outcomes, statuses and every backend try from the traces', async () => {
    const exchanges = await burst(4);
    const tally = addToTally(emptyTally(), exchanges);
    expect(tally.arrived).toBe(4);
    expect(tally.byStatus).toEqual({ '200': 4 });
    expect(tally.byOutcome).toEqual({ served: 4 });
    // Round robin a, b (refused → next: c), c, a...: b never answers.
    const answered = Object.values(tally.answeredBy).reduce((a, b) => a + b, 0);
    expect(answered).toBe(4);
    expect(tally.answeredBy['127.0.0.1:3002']).toBeUndefined();
    expect(tally.failedAt['127.0.0.1:3002']).toBeGreaterThan(0);
  });

  it('does not change the tally it was given', async () => {
    const before = emptyTally();
    addToTally(before, await burst(1));
    expect(before).toEqual(emptyTally());
  });
});
