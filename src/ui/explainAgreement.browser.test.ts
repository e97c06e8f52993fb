/**
 * One mixed burst (a cached copy, a miss, a rate limit, a refused and a slow
 * backend, a file, a redirect), and every panel that counts it: the map, the
 * burst panel and the live tabs must say what explain/ says of the very
 * exchanges the runtime gave.
 */
import { expect, test } from 'vitest';
import { render } from 'vitest-browser-svelte';
import {
  addToTally,
  cacheStatusOf,
  emptyTally,
  OUTCOME_COUNT_WORDS,
  outcomeOf,
  SOURCE_WORDS,
  whoAnswered,
  type OutcomeKind,
} from '../explain';
import { createPageRuntime } from '../runtime/page-runtime';
import type { Exchange } from '../runtime/types';
import type { ClientRequest, Scenario } from '../scenario';
import { percent } from './live/percent';
import Sandbox from './Sandbox.svelte';

/** split_clients on the request id (a counter here, so the split is the same every run) sends each request somewhere else. */
const MIXED: Scenario = {
  id: 'mixed-burst',
  title: 'Every outcome at once',
  summary: 'Each request of a burst goes to another location, picked by split_clients.',
  config: `events {}
http {
  proxy_cache_path cache keys_zone=pages:1m;
  limit_req_zone $server_name zone=once:1m rate=1r/m;
  split_clients "$request_id" $part {
    15% hit;
    15% miss;
    15% limited;
    10% down;
    10% slow;
    15% file;
    10% moved;
    * app;
  }
  upstream app { server 127.0.0.1:3001; server 127.0.0.1:3002; }
  server {
    listen 80;
    server_name example.com;
    root /srv/www;
    location = / { rewrite ^ /$part last; }
    location = /page { rewrite ^ /hit last; }
    location = /hit {
      proxy_cache pages; proxy_cache_key page; proxy_cache_valid 200 10m;
      proxy_pass http://app;
    }
    location = /miss {
      proxy_cache pages; proxy_cache_key $request_id; proxy_cache_valid 200 10m;
      proxy_pass http://app;
    }
    location = /limited { limit_req zone=once; limit_req_status 429; proxy_pass http://app; }
    location = /down { proxy_pass http://127.0.0.1:3009; }
    location = /slow { proxy_read_timeout 200ms; proxy_pass http://127.0.0.1:3005; }
    location = /file { }
    location = /moved { return 301 /app; }
    location = /app { proxy_pass http://app; }
  }
}
`,
  backends: {
    '127.0.0.1:3001': { name: 'app-a' },
    '127.0.0.1:3002': { name: 'app-b' },
    '127.0.0.1:3005': { name: 'slow', latencyMs: 1000 },
    '127.0.0.1:3009': { name: 'gone', down: true },
  },
  files: { '/srv/www/file': 'a file from the proxy’s disk\n' },
  request: {
    method: 'GET',
    url: 'http://example.com/',
    headers: [],
    body: null,
    client: '127.0.0.1',
  },
  presets: [],
};

test('on one mixed burst the map, the burst panel and the live tabs all say what explain/ says', async () => {
  const runtime = createPageRuntime();
  const history: Exchange[] = [];
  runtime.onExchange((e) => history.push(e));
  const bursts: Exchange[][] = [];
  const screen = await render(Sandbox, {
    scenario: MIXED,
    runtime: {
      ...runtime,
      sendBurst: async (spec: ClientRequest, count: number) => {
        const results = await runtime.sendBurst(spec, count);
        bursts.push(results);
        return results;
      },
    },
  });
  const result = screen.getByRole('status', { name: 'Result' });
  // Fill the cache first, so the burst meets a HIT; then the form holds `/` for the burst.
  await screen.getByLabelText('Path').fill('/page');
  await screen.getByRole('button', { name: 'Send request' }).click();
  await expect.element(result).toHaveTextContent('Response: 200 OK');
  await screen.getByLabelText('Path').fill('/');
  await screen.getByRole('button', { name: 'Send request' }).click();
  await expect.poll(() => history.length).toBe(2);

  await screen.getByRole('button', { name: '×100' }).click();
  const map = screen.getByRole('region', { name: 'A burst of 100 requests' });
  await expect.element(map).toBeVisible();
  const burst = bursts[0]!;
  expect(burst).toHaveLength(100);

  // The burst really is mixed: every way a request can end is in it.
  const seen = new Set(burst.map((e) => `${outcomeOf(e).status} ${cacheStatusOf(e) ?? ''}`));
  for (const kind of ['200 HIT', '200 MISS', '429 ', '502 ', '504 ', '301 '])
    expect(seen).toContain(kind);
  expect(burst.some((e) => outcomeOf(e).kind === 'served-static')).toBe(true);

  // The summary waits for the map: nothing is told before the requests have arrived there.
  const panel = screen.getByRole('region', { name: 'Send many at once' });
  await expect
    .element(panel.getByRole('status'))
    .toHaveTextContent('Playing on the map: the summary follows when every request has arrived.');
  await expect.element(panel.getByText('Who answered this burst')).not.toBeInTheDocument();
  await map.getByRole('button', { name: 'Skip to the end' }).click();
  await expect.element(panel.getByRole('status')).toHaveTextContent('100 requests answered');

  // The map: outcomes, statuses and each backend's counts, for this burst alone.
  const tally = addToTally(emptyTally(), burst);
  const narration = map.getByRole('status', { name: 'Burst narration' });
  for (const [kind, n] of Object.entries(tally.byOutcome))
    await expect
      .element(narration)
      .toHaveTextContent(`${n} ${OUTCOME_COUNT_WORDS[kind as OutcomeKind]}`);
  const who = whoAnswered(burst);
  const statuses = who.byStatus.map(({ status, count }) => `${status} × ${count}`).join(', ');
  await expect.element(map.getByText(`Statuses: ${statuses}`)).toBeVisible();
  const diagram = map.getByRole('img');
  for (const [address, spec] of Object.entries(MIXED.backends)) {
    const answered = tally.answeredBy[address] ?? 0;
    const failed = tally.failedAt[address] ?? 0;
    const counts = `${answered} answered${failed ? `, ${failed} failed` : ''}`;
    await expect
      .element(diagram)
      .toHaveAccessibleName(
        new RegExp(`${spec.name} ${address.replaceAll('.', '\\.')}[^,]* ${counts}`),
      );
  }

  // The burst panel: the same backends, nginx's own answers and statuses.
  for (const { name, count } of who.byBackend)
    await expect
      .element(panel.getByRole('listitem').filter({ hasText: name }))
      .toHaveTextContent(`${count} (${Math.round((100 * count) / who.total)}%)`);
  const nginx = panel.getByRole('list', { name: 'Answered by nginx itself' });
  for (const { status, source, count } of who.byNginx)
    await expect.element(nginx).toHaveTextContent(`${status} ${SOURCE_WORDS[source]} × ${count}`);
  const panelStatuses = panel.getByRole('list', { name: 'Statuses' });
  for (const { status, count } of who.byStatus)
    await expect.element(panelStatuses).toHaveTextContent(`${status} × ${count}`);

  // The Distribution tab counts every request so far (the two sent before the burst too).
  await expect.poll(() => history.length).toBe(102);
  await screen.getByRole('tab', { name: 'Distribution' }).click();
  const all = whoAnswered(history);
  const tab = screen.getByRole('tabpanel');
  await expect.element(tab).toHaveTextContent(`${all.total} requests so far.`);
  for (const { name, count } of all.byBackend)
    await expect
      .element(tab.getByRole('listitem').filter({ hasText: name }))
      .toHaveTextContent(`${count} (${percent(count, all.total)})`);
  for (const { status, source, count } of all.byNginx)
    await expect
      .element(tab)
      .toHaveTextContent(
        `${status} ${SOURCE_WORDS[source]} × ${count} (${percent(count, all.total)})`,
      );

  // The Access log tab: every line nginx wrote, by default in the combined format.
  await screen.getByRole('tab', { name: 'Access log' }).click();
  const lines = history.reduce((n, e) => n + e.accessLog.length, 0);
  expect(lines).toBe(102);
  await expect.element(screen.getByRole('tabpanel')).toHaveTextContent(`${lines} lines written`);
});
