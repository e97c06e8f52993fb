import { afterEach, describe, expect, it } from 'vitest';
import { cdp, page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import EventLoop from './EventLoop.svelte';
import { describeRound, playRound, startLoop, type ConnectionCount, type Round } from './eventLoop';
import { WIDGETS } from './index';

/** The model's first `n` rounds for `count` connections: what the figure must show. */
function rounds(count: ConnectionCount, n: number): Round[] {
  let state = startLoop(count);
  return Array.from({ length: n }, () => {
    const next = playRound(state);
    state = next.state;
    return next.round;
  });
}

const frame = () => new Promise<number>((r) => requestAnimationFrame(r));

function side(container: Element, which: 'threads' | 'loop') {
  const svg = container.querySelector(`.${which} svg.grid`)!;
  return {
    cells: svg.querySelectorAll('.cell').length,
    on: svg.querySelectorAll('.cell.on').length,
    lit: svg.querySelectorAll('.cell.lit').length,
    ring: svg.querySelector<SVGRectElement>('.ring'),
  };
}

afterEach(async () => {
  await cdp().send('Emulation.setEmulatedMedia', { features: [] });
  await page.viewport(1024, 768);
});

describe('EventLoop', () => {
  it('is the figure lessons name event-loop', async () => {
    expect((await WIDGETS['event-loop']?.())?.default).toBe(EventLoop);
  });

  it('starts with 100 idle connections on each side and says the numbers are illustrative', async () => {
    const screen = await render(EventLoop);
    await expect.element(screen.getByRole('radio', { name: '100', exact: true })).toBeChecked();
    expect(side(screen.container, 'threads')).toMatchObject({ cells: 100, on: 0 });
    expect(side(screen.container, 'loop')).toMatchObject({ cells: 100, on: 0 });
    await expect.element(screen.getByText(/Press Play, or Step/)).toBeVisible();
    await expect
      .element(screen.getByText(/The numbers are illustrative, not measurements/))
      .toBeVisible();
    await expect
      .element(screen.getByRole('status', { name: 'Round narration' }))
      .toHaveTextContent('');
  });

  it('Step plays one round of the model: both sides light its ready connections, the live region narrates it', async () => {
    const screen = await render(EventLoop);
    const narration = screen.getByRole('status', { name: 'Round narration' });
    const step = screen.getByRole('button', { name: 'Step' });
    for (const round of rounds(100, 3)) {
      await step.click();
      await expect.element(narration).toHaveTextContent(describeRound(round));
      expect(side(screen.container, 'threads').on).toBe(round.events.length);
      expect(side(screen.container, 'loop').on).toBe(round.events.length);
      await expect
        .element(
          screen.getByRole('img', {
            name: new RegExp(`^100 threads: ${round.events.length} working`),
          }),
        )
        .toBeVisible();
    }
  });

  it('1,000 connections: a thousand cells a side, a fresh start, and memory that grows with the count', async () => {
    const screen = await render(EventLoop);
    await screen.getByRole('button', { name: 'Step' }).click();
    await screen.getByRole('radio', { name: '1,000' }).click();
    expect(side(screen.container, 'threads').cells).toBe(1000);
    expect(side(screen.container, 'loop').cells).toBe(1000);
    await expect
      .element(screen.getByRole('status', { name: 'Round narration' }))
      .toHaveTextContent('');
    await expect.element(screen.getByText('64,000 units')).toBeVisible();
    await expect.element(screen.getByText('2,064 units')).toBeVisible();
    await screen.getByRole('button', { name: 'Step' }).click();
    await expect
      .element(screen.getByRole('status', { name: 'Round narration' }))
      .toHaveTextContent(describeRound(rounds(1000, 1)[0]!));

    await screen.getByRole('radio', { name: '10', exact: true }).click();
    await expect.element(screen.getByText('640 units')).toBeVisible();
    await expect.element(screen.getByText('84 units')).toBeVisible();
  });

  it('Play goes from round to round by itself, and Pause holds it', async () => {
    const screen = await render(EventLoop, { roundMs: 80 });
    const narration = screen.getByRole('status', { name: 'Round narration' });
    await screen.getByRole('button', { name: 'Play' }).click();
    await expect.element(narration).toHaveTextContent(/^Round [3-9]\./);
    await screen.getByRole('button', { name: 'Pause' }).click();
    const held = narration.element().textContent;
    for (let i = 0; i < 20; i++) await frame();
    expect(narration.element().textContent).toBe(held);
    await expect.element(screen.getByRole('button', { name: 'Play' })).toBeVisible();
  });

  it('the ring moves through the ready connections one after another', async () => {
    const screen = await render(EventLoop, { initialCount: 1000, roundMs: 1500 });
    await screen.getByRole('button', { name: 'Step' }).click();
    const seen = new Set<string>();
    for (let i = 0; i < 40; i++) {
      await frame();
      const ring = side(screen.container, 'loop').ring;
      if (ring) seen.add(`${ring.getAttribute('x')},${ring.getAttribute('y')}`);
    }
    expect(seen.size).toBeGreaterThan(3);
    await expect.element(screen.getByText(/^Now: Connection #\d+: /)).toBeVisible();
  });

  it('with reduced motion nothing moves: the round’s ready connections are lit together and named', async () => {
    await cdp().send('Emulation.setEmulatedMedia', {
      features: [{ name: 'prefers-reduced-motion', value: 'reduce' }],
    });
    const screen = await render(EventLoop, { initialCount: 1000 });
    await screen.getByRole('button', { name: 'Step' }).click();
    const ready = rounds(1000, 1)[0]!.events;
    for (let i = 0; i < 10; i++) {
      await frame();
      expect(side(screen.container, 'loop').ring).toBeNull();
    }
    expect(side(screen.container, 'loop').lit).toBe(ready.length);
    await expect
      .element(screen.getByText(/^Handled in turn this round: /))
      .toHaveTextContent(
        `#${ready[0]!.connection + 1}, #${ready[1]!.connection + 1}, ` +
          `#${ready[2]!.connection + 1}`,
      );
  });

  it('works from the keyboard', async () => {
    const screen = await render(EventLoop);
    (document.activeElement as HTMLElement | null)?.blur();
    await userEvent.tab();
    await expect.element(screen.getByRole('radio', { name: '100', exact: true })).toHaveFocus();
    await userEvent.keyboard('{ArrowRight}');
    await expect.element(screen.getByRole('radio', { name: '1,000' })).toBeChecked();
    expect(side(screen.container, 'loop').cells).toBe(1000);
    await userEvent.tab();
    await expect.element(screen.getByRole('button', { name: 'Play' })).toHaveFocus();
    await userEvent.tab();
    await expect.element(screen.getByRole('button', { name: 'Step' })).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    await expect
      .element(screen.getByRole('status', { name: 'Round narration' }))
      .toHaveTextContent(/^Round 1\./);
  });

  it('fits a 375px screen: the two sides stack and nothing scrolls sideways', async () => {
    await page.viewport(375, 800);
    const screen = await render(EventLoop, { initialCount: 1000 });
    const figure = screen.container.querySelector<HTMLElement>('section.figure')!;
    expect(figure.scrollWidth).toBeLessThanOrEqual(figure.clientWidth);
    expect(document.documentElement.scrollWidth).toBeLessThanOrEqual(375);
    const threads = screen.container.querySelector('.threads')!.getBoundingClientRect();
    const loop = screen.container.querySelector('.loop')!.getBoundingClientRect();
    expect(loop.top).toBeGreaterThanOrEqual(threads.bottom);
  });
});
