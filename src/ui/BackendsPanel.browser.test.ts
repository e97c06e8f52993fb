import { expect, test } from 'vitest';
import { render } from 'vitest-browser-svelte';
import type { BackendChange } from '../runtime/types';
import BackendsPanel from './BackendsPanel.svelte';

test('a backend the scenario starts stopped shows as stopped; Start sends the change', async () => {
  const changes: [string, BackendChange][] = [];
  const screen = await render(BackendsPanel, {
    backends: {
      '127.0.0.1:3001': { name: 'app-a', down: true },
      '127.0.0.1:3002': { name: 'app-b' },
    },
    change: async (address: string, change: BackendChange) => {
      changes.push([address, change]);
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
