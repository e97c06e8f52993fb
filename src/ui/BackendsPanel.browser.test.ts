import { expect, test } from 'vitest';
import { render } from 'vitest-browser-svelte';
import type { BackendChange, BackendStates } from '../runtime/types';
import BackendsPanel from './BackendsPanel.svelte';

const BACKENDS = {
  '127.0.0.1:3001': { name: 'app-a', down: true },
  '127.0.0.1:3002': { name: 'app-b' },
};

function runningAs(states: Record<string, boolean>): BackendStates {
  return Object.fromEntries(
    Object.entries(states).map(([address, down]) => [
      address,
      { down, latencyMs: 0, failRate: 0, failStatus: 503 },
    ]),
  );
}

test('a backend the scenario starts stopped shows as stopped; Start sends the change', async () => {
  const changes: [string, BackendChange][] = [];
  // Stands in for the controller: the runtime applies the change and reports every backend's state.
  let states = runningAs({ '127.0.0.1:3001': true, '127.0.0.1:3002': false });
  const screen = await render(BackendsPanel, {
    backends: BACKENDS,
    states,
    change: (address: string, change: BackendChange) => {
      changes.push([address, change]);
      states = { ...states, [address]: { ...states[address]!, ...change } };
      void screen.rerender({ states });
    },
  });
  const a = screen.getByRole('listitem').filter({ hasText: 'app-a' });
  const b = screen.getByRole('listitem').filter({ hasText: 'app-b' });
  await expect.element(a).toHaveTextContent('stopped: connections refused');
  await expect.element(b).toHaveTextContent('running');
  await screen.getByRole('button', { name: 'Start app-a' }).click();
  await expect.element(a).toHaveTextContent('running');
  expect(changes).toEqual([['127.0.0.1:3001', { down: false }]]);
});

test('shows each backend as the runtime reports it, not as the scenario started it', async () => {
  const screen = await render(BackendsPanel, {
    backends: BACKENDS,
    states: runningAs({ '127.0.0.1:3001': false, '127.0.0.1:3002': true }),
    problem: 'That change did not apply: failRate must be within 0..1, not 7',
    change: () => {},
  });
  const a = screen.getByRole('listitem').filter({ hasText: 'app-a' });
  const b = screen.getByRole('listitem').filter({ hasText: 'app-b' });
  await expect.element(a).toHaveTextContent('running');
  await expect.element(b).toHaveTextContent('stopped: connections refused');
  await expect.element(screen.getByRole('alert')).toHaveTextContent('failRate must be within');
});
