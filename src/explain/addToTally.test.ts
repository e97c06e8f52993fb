import { describe, expect, it } from 'vitest';
import { addToTally, emptyTally } from './addToTally';
import { burst } from './test-support';

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
