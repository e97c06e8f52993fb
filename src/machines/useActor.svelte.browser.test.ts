import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { createActor, SimulatedClock } from 'xstate';
import { journeyMachine } from './journeyMachine';
import { useActor } from './useActor.svelte';

describe('useActor', () => {
  it('re-runs an effect when the actor moves, and unsubscribes when the effect ends', () => {
    const clock = new SimulatedClock();
    const actor = createActor(journeyMachine, {
      input: { hops: [], outcome: { kind: 'served', status: 200, reason: '' } },
      clock,
    }).start();
    const state = useActor(actor);
    const seen: unknown[] = [];
    const stop = $effect.root(() => {
      $effect(() => {
        seen.push(state.current.value);
      });
    });
    flushSync();
    expect(seen).toEqual(['waiting']);

    actor.send({ type: 'PLAY' });
    flushSync();
    expect(seen).toEqual(['waiting', { arrived: 'served' }]);

    stop();
    actor.send({ type: 'RESTART' });
    flushSync();
    expect(seen).toHaveLength(2);
    // Read outside any effect, it is still the actor's current snapshot.
    expect(state.current.value).toBe('waiting');
  });
});
