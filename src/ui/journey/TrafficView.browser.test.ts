import { afterEach, describe, expect, it } from 'vitest';
import { cdp } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import type { BackendMap } from '../../backends';
import { createSystemClock } from '../../engine';
import { sandboxHarness } from '../../runtime/test-harness';
import type { Exchange } from '../../runtime/types';
import JourneyView from './JourneyView.svelte';

const THREE: BackendMap = {
  '127.0.0.1:3001': { name: 'app-a' },
  '127.0.0.1:3002': { name: 'app-b' },
  '127.0.0.1:3003': { name: 'app-c' },
};
const POOL = `upstream pool { server 127.0.0.1:3001; server 127.0.0.1:3002; server 127.0.0.1:3003; }
  server { listen 80; location / { proxy_pass http://pool; } }`;

/** `count` real exchanges of one request through the in-page engine, sent at once like a burst. */
async function burst(count: number, config = POOL, backends = THREE): Promise<Exchange[]> {
  const { exchange } = sandboxHarness(`events {}\nhttp {\n${config}\n}\n`, {
    backends,
    clock: createSystemClock(),
  });
  return Promise.all(Array.from({ length: count }, () => exchange('http://example.com/')));
}

const frame = () => new Promise<number>((r) => requestAnimationFrame(r));

/** The centre of every packet on screen, from its transform. */
function packets(container: Element) {
  return [...container.querySelectorAll<SVGRectElement>('.traffic .packet')]
    .filter((p) => p.getAttribute('visibility') === 'visible')
    .map((p) => {
      const [x, y] = (p.getAttribute('transform') ?? '').match(/-?[\d.]+/g)!.map(Number);
      return { x: x!, y: y!, tone: p.getAttribute('class') };
    });
}

/** Node centres, from the diagram's node groups. */
function nodeCentres(container: Element) {
  return [...container.querySelectorAll('g.node')].map((g) => {
    const [x, y] = g
      .getAttribute('transform')!
      .match(/-?[\d.]+/g)!
      .map(Number);
    return { x: x!, y: y! };
  });
}

afterEach(async () => {
  await cdp().send('Emulation.setEmulatedMedia', { features: [] });
});

describe('a burst on the journey map', () => {
  it('draws 1,000 requests with a pool of 100 shapes, never more in flight', async () => {
    const exchanges = await burst(1000);
    const screen = await render(JourneyView, { exchange: null, burst: exchanges, backends: THREE });
    await expect
      .element(screen.getByRole('heading', { name: 'A burst of 1,000 requests' }))
      .toBeVisible();
    await screen.getByLabelText('Speed').selectOptions('4');
    let most = 0;
    for (let i = 0; i < 90; i++) {
      await frame();
      most = Math.max(most, packets(screen.container).length);
    }
    expect(screen.container.querySelectorAll('.traffic .packet')).toHaveLength(100);
    expect(most).toBeGreaterThan(20);
    expect(most).toBeLessThanOrEqual(100);
  });

  it('counts every arrival under its backend and says how the burst ended', async () => {
    const exchanges = await burst(30);
    const screen = await render(JourneyView, { exchange: null, burst: exchanges, backends: THREE });
    const narration = screen.getByRole('status', { name: 'Burst narration' });
    await expect.element(narration).toHaveTextContent('Sending 30 requests at once.');
    await screen.getByRole('button', { name: 'Skip to the end' }).click();
    await expect.element(narration).toHaveTextContent('All 30 arrived: 30 served.');
    await expect.element(screen.getByText('30 of 30 arrived', { exact: false })).toBeVisible();
    await expect.element(screen.getByText('Statuses: 200 × 30')).toBeVisible();
    // Round robin over three: ten each, written under each backend.
    const map = screen.getByRole('img', { name: /app-a/ });
    await expect.element(map).toHaveAccessibleName(/app-a 127\.0\.0\.1:3001 10 answered/);
    await expect.element(map).toHaveAccessibleName(/app-b 127\.0\.0\.1:3002 10 answered/);
    await expect.element(map).toHaveAccessibleName(/app-c 127\.0\.0\.1:3003 10 answered/);
    expect(
      screen.container.querySelector('[data-traffic-state]')?.getAttribute('data-traffic-state'),
    ).toBe('done');
  });

  it('a stopped backend is marked in words and its refusals come back as square packets', async () => {
    const backends: BackendMap = { ...THREE, '127.0.0.1:3002': { name: 'app-b', down: true } };
    const exchanges = await burst(60, POOL, backends);
    const screen = await render(JourneyView, {
      exchange: null,
      burst: exchanges,
      backends,
      backendStates: { '127.0.0.1:3002': { down: true } },
    });
    const map = screen.getByRole('img', { name: /app-b/ });
    await expect.element(map).toHaveAccessibleName(/app-b 127\.0\.0\.1:3002 stopped/);
    let tones = new Set<string | null>();
    for (let i = 0; i < 240 && !tones.has('packet error'); i++) {
      await frame();
      tones = new Set([...tones, ...packets(screen.container).map((p) => p.tone)]);
    }
    expect(tones).toContain('packet error');
    const errorShape = screen.container.querySelector('.traffic .packet.error');
    expect(Number(errorShape?.getAttribute('rx'))).toBeLessThan(2);
  });

  it('pause holds every packet where it is; play moves them on', async () => {
    const screen = await render(JourneyView, {
      exchange: null,
      burst: await burst(200),
      backends: THREE,
    });
    for (let i = 0; i < 30; i++) await frame();
    await screen.getByRole('button', { name: 'Pause' }).click();
    for (let i = 0; i < 3; i++) await frame();
    const held = packets(screen.container);
    for (let i = 0; i < 20; i++) await frame();
    expect(packets(screen.container)).toEqual(held);
    await screen.getByRole('button', { name: 'Play' }).click();
    for (let i = 0; i < 20; i++) await frame();
    expect(packets(screen.container)).not.toEqual(held);
  });

  it('with reduced motion packets never glide: each sits by a node, never mid-edge', async () => {
    const far = (p: { x: number; y: number }, nodes: { x: number; y: number }[]) =>
      Math.min(...nodes.map((n) => Math.hypot(n.x - p.x, n.y - p.y))) > 10;
    const midEdge = async () => {
      const screen = await render(JourneyView, {
        exchange: null,
        burst: await burst(100),
        backends: THREE,
      });
      let seen = 0;
      for (let i = 0; i < 60; i++) {
        await frame();
        const nodes = nodeCentres(screen.container);
        seen += packets(screen.container).filter((p) => far(p, nodes)).length;
      }
      screen.unmount();
      return seen;
    };
    expect(await midEdge()).toBeGreaterThan(0);
    await cdp().send('Emulation.setEmulatedMedia', {
      features: [{ name: 'prefers-reduced-motion', value: 'reduce' }],
    });
    expect(await midEdge()).toBe(0);
  });
});
