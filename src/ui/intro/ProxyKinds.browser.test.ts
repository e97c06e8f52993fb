import { describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import ProxyKinds from './ProxyKinds.svelte';
import { hopNarration, PROXY_KINDS } from './proxyKinds';

describe('ProxyKinds', () => {
  it('toggling shows the chosen diagram and table', async () => {
    const screen = await render(ProxyKinds);
    const forward = screen.getByRole('radio', { name: 'Forward proxy' });
    const reverse = screen.getByRole('radio', { name: 'Reverse proxy' });
    await expect.element(forward).toBeChecked();
    await expect
      .element(screen.getByRole('img', { name: /^Forward proxy: Ana's laptop.*news\.example/ }))
      .toBeVisible();
    await expect
      .element(screen.getByText('School network (private)', { exact: true }))
      .toBeVisible();
    await expect
      .element(screen.getByRole('cell', { name: /clients are hidden from the servers/ }))
      .toBeVisible();

    await reverse.click();
    await expect.element(reverse).toBeChecked();
    const diagram = screen.getByRole('img', { name: /^Reverse proxy: Phone.*app-a.*app-b/ });
    await expect.element(diagram).toBeVisible();
    await expect.element(screen.getByText('10.0.1.6:3002', { exact: true })).toBeVisible();
    await expect.element(screen.getByText("Ana's laptop")).not.toBeInTheDocument();
    await expect
      .element(screen.getByRole('cell', { name: /backends are hidden from the clients/ }))
      .toBeVisible();
    await expect
      .element(screen.getByRole('table', { name: 'Reverse proxy: who sees what' }))
      .toBeVisible();
  });

  it('starts on the kind it is given', async () => {
    const screen = await render(ProxyKinds, { initial: 'reverse' });
    await expect.element(screen.getByRole('radio', { name: 'Reverse proxy' })).toBeChecked();
  });

  it('stepping narrates each hop in order, and back again', async () => {
    const screen = await render(ProxyKinds, { initial: 'reverse' });
    const narration = screen.getByRole('status', { name: 'Trip narration' });
    const forward = screen.getByRole('button', { name: 'Step forward' });
    await expect.element(narration).toHaveTextContent('');
    const heard: string[] = [];
    for (let i = 0; i < PROXY_KINDS.reverse.hops.length; i++) {
      await forward.click();
      heard.push(narration.element().textContent.trim());
    }
    expect(heard).toEqual(
      PROXY_KINDS.reverse.hops.map((_, i) => hopNarration(PROXY_KINDS.reverse, i)),
    );
    await expect.element(forward).toBeDisabled();
    await expect.element(screen.getByRole('button', { name: 'Replay' })).toBeVisible();

    await screen.getByRole('button', { name: 'Step back' }).click();
    await expect.element(narration).toHaveTextContent(hopNarration(PROXY_KINDS.reverse, 4));
  });

  it('Play walks the trip by itself, Pause holds it, and switching kind starts over', async () => {
    const screen = await render(ProxyKinds);
    const narration = screen.getByRole('status', { name: 'Trip narration' });
    await screen.getByRole('button', { name: 'Play' }).click();
    await expect.element(narration).toHaveTextContent(hopNarration(PROXY_KINDS.forward, 0));
    await screen.getByRole('button', { name: 'Pause' }).click();
    await expect.element(screen.getByRole('button', { name: 'Play' })).toBeVisible();
    await expect.element(narration).toHaveTextContent(hopNarration(PROXY_KINDS.forward, 0));

    await screen.getByRole('radio', { name: 'Reverse proxy' }).click();
    await expect.element(narration).toHaveTextContent('');
    await expect.element(screen.getByText(/A request waits at Phone/)).toBeVisible();
  });

  it('the toggle works from the keyboard', async () => {
    const screen = await render(ProxyKinds);
    const forward = screen.getByRole('radio', { name: 'Forward proxy' });
    const reverse = screen.getByRole('radio', { name: 'Reverse proxy' });
    (document.activeElement as HTMLElement | null)?.blur();
    await userEvent.tab();
    await expect.element(forward).toHaveFocus();
    await userEvent.keyboard('{ArrowRight}');
    await expect.element(reverse).toBeChecked();
    await expect.element(reverse).toHaveFocus();
    await expect.element(screen.getByText('app-a', { exact: true })).toBeVisible();
    await userEvent.keyboard('{ArrowLeft}');
    await expect.element(forward).toBeChecked();
    await expect.element(screen.getByText('news.example', { exact: true })).toBeVisible();
    // Space on the focused radio keeps it chosen; Tab then reaches the step controls.
    await userEvent.keyboard(' ');
    await expect.element(forward).toBeChecked();
    await userEvent.tab();
    await expect.element(screen.getByRole('button', { name: 'Play' })).toHaveFocus();
  });
});
