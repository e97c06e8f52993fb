/**
 * The real JourneyView, mounted with Svelte's `mount`, animating a burst of
 * real exchanges from the in-page engine (round robin over three backends).
 * The burst is large enough that the view keeps its full pool of packets in
 * flight for the whole measurement (`?count=` to change it).
 */
import { mount, tick } from 'svelte';
import { createBackendTransport } from '../../src/backends';
import { clientRequest, createProxy, createSystemClock } from '../../src/engine';
import type { Exchange } from '../../src/runtime/types';
import JourneyView from '../../src/ui/journey/JourneyView.svelte';
import '../../src/app.css';
import { publish, setUp } from './page';
import { countPackets, ROUND_ROBIN } from './scenario';

/**
 * The view launches at most 50 journeys a second: 2,000 keep it going for 40 s,
 * twice what the bench needs at worst (a slow ramp, the settling, both windows).
 */
const DEFAULT_COUNT = 2000;

async function exchanges(count: number): Promise<Exchange[]> {
  const clock = createSystemClock();
  const engine = createProxy(ROUND_ROBIN.config, {
    clock,
    transport: createBackendTransport(ROUND_ROBIN.backends, clock),
  });
  const out: Exchange[] = [];
  for (let i = 0; i < count; i++) {
    const sent = clientRequest({ url: 'http://example.com/' });
    out.push({ requestId: String(i + 1), sent, ...(await engine.handle(sent)) });
  }
  return out;
}

void setUp(async () => {
  const count = Number(new URLSearchParams(location.search).get('count') ?? DEFAULT_COUNT);
  const burst = await exchanges(count);
  const target = document.getElementById('app')!;
  publish(countPackets, async () => {
    mount(JourneyView, {
      target,
      props: { exchange: null, burst, backends: ROUND_ROBIN.backends },
    });
    await tick();
  });
});
