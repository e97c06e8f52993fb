/**
 * The whole Sandbox on the round-robin scenario, for the burst case: the bench
 * clicks its buttons as a learner would. `?runtime=worker` runs the proxy in
 * the service worker; by default it runs in the page, which is where a burst
 * weighs on the main thread.
 */
import { mount } from 'svelte';
import { createPageRuntime } from '../../src/runtime/page-runtime';
import { createWorkerRuntime } from '../../src/runtime/worker-runtime';
import Sandbox from '../../src/ui/Sandbox.svelte';
import '../../src/app.css';
import { publish, setUp } from './page';
import { countPackets, ROUND_ROBIN } from './scenario';

void setUp(async () => {
  const worker = new URLSearchParams(location.search).get('runtime') === 'worker';
  const runtime = worker ? await createWorkerRuntime() : createPageRuntime();
  mount(Sandbox, {
    target: document.getElementById('app')!,
    props: { scenario: ROUND_ROBIN, runtime },
  });
  publish(countPackets).runtime = runtime.mode;
});
