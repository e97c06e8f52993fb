import { describe, expect, it, vi } from 'vitest';
import { createActor, waitFor } from 'xstate';
import { createPageRuntime } from '../runtime/page-runtime';
import type { RuntimeNotice, SandboxRuntime } from '../runtime/types';
import {
  RECENT_EXCHANGES,
  sandboxMachine,
  shownOnMap,
  type SandboxScenario,
  type SendOutcome,
} from './sandboxMachine';
import type { ClientRequest } from '../scenario';

const CONFIG = `events {}
http {
  upstream app { server 127.0.0.1:3001; }
  server {
    listen 80;
    location / { proxy_pass http://app; }
  }
}
`;

function scenario(id: string, config = CONFIG): SandboxScenario {
  return { id, config, backends: { '127.0.0.1:3001': { name: 'app' } } };
}

const GET: ClientRequest = {
  method: 'GET',
  url: 'http://example.com/',
  headers: [],
  body: null,
  client: '127.0.0.1',
};

function start(runtime: SandboxRuntime | Promise<SandboxRuntime> = createPageRuntime()) {
  return createActor(sandboxMachine, { input: { runtime } }).start();
}

type Actor = ReturnType<typeof start>;

async function loaded(actor: Actor, s: SandboxScenario) {
  actor.send({ type: 'LOAD', scenario: s });
  return waitFor(actor, (snap) => !snap.matches({ scenario: 'loading' }));
}

function sendAndWait(actor: Actor, request: ClientRequest): Promise<SendOutcome> {
  return new Promise((resolve) => actor.send({ type: 'SEND', request, reply: resolve }));
}

describe('the sandbox controller', () => {
  it('starts the runtime, loads a scenario and reports its backends as the runtime runs them', async () => {
    const actor = start(Promise.resolve(createPageRuntime()));
    const heard: unknown[] = [];
    actor.on('loaded', (e) => heard.push(e.result));
    expect(actor.getSnapshot().matches({ runtime: 'starting' })).toBe(true);
    const snap = await loaded(actor, scenario('a'));
    expect(snap.value).toMatchObject({ runtime: 'ready', scenario: 'ready', burst: 'idle' });
    expect(snap.context).toMatchObject({ mode: 'page', serving: true, problem: null });
    expect(snap.context.backends['127.0.0.1:3001']).toMatchObject({ down: false });
    expect(heard).toEqual([{ ok: true }]);
  });

  it('a refused config is kept as the problem while the previous one serves', async () => {
    const actor = start();
    await loaded(actor, scenario('a'));
    const snap = await loaded(actor, scenario('a', CONFIG.replace('proxy_pass', 'proxy_pas')));
    expect(snap.matches({ scenario: 'configError' })).toBe(true);
    expect(snap.context.problem).toMatchObject({
      message: 'unknown directive "proxy_pas"',
      line: 6,
    });
    expect(snap.context.serving).toBe(true);
    const outcome = await sendAndWait(actor, GET);
    expect(outcome.kind === 'exchange' && outcome.exchange.response?.status).toBe(200);
  });

  it('a backend stopped in one lesson is running again in the next; a reload of the same one keeps it stopped', async () => {
    const actor = start();
    await loaded(actor, scenario('lesson-8'));
    actor.send({ type: 'SET_BACKEND', address: '127.0.0.1:3001', change: { down: true } });
    await waitFor(actor, (s) => s.context.backends['127.0.0.1:3001']?.down === true);

    // Apply in the playground: the same scenario, reloaded.
    let snap = await loaded(actor, scenario('lesson-8'));
    expect(snap.context.backends['127.0.0.1:3001']?.down).toBe(true);
    let outcome = await sendAndWait(actor, GET);
    expect(outcome.kind === 'exchange' && outcome.exchange.response?.status).toBe(502);

    // Next lesson: a fresh sandbox.
    snap = await loaded(actor, scenario('lesson-9'));
    expect(snap.context.backends['127.0.0.1:3001']?.down).toBe(false);
    outcome = await sendAndWait(actor, GET);
    expect(outcome.kind === 'exchange' && outcome.exchange.response?.status).toBe(200);
  });

  it('a burst sends the request the form shows, not the scenario default', async () => {
    const actor = start();
    await loaded(actor, scenario('a'));
    const post: ClientRequest = {
      ...GET,
      method: 'POST',
      url: 'http://example.com/login',
      body: 'u=1',
    };
    actor.send({ type: 'EDIT', request: post });
    actor.send({ type: 'BURST', count: 10 });
    const snap = await waitFor(actor, (s) => s.context.burst?.exchanges != null);
    const sent = snap.context.burst!.exchanges!.map((e) => `${e.sent.method} ${e.sent.target}`);
    expect(sent).toEqual(Array(10).fill('POST /login'));
  });

  it('no burst while the form has a wrong field', async () => {
    const actor = start();
    await loaded(actor, scenario('a'));
    actor.send({ type: 'EDIT', request: null });
    actor.send({ type: 'BURST', count: 10 });
    expect(actor.getSnapshot().matches({ burst: 'idle' })).toBe(true);
    expect(actor.getSnapshot().context.burst).toBeNull();
  });

  it(
    'one burst at a time: clicks while one is in flight are refused at once',
    { timeout: 30_000 },
    async () => {
      const runtime = createPageRuntime();
      const sendBurst = vi.spyOn(runtime, 'sendBurst');
      const actor = start(runtime);
      await loaded(actor, scenario('a'));
      actor.send({ type: 'EDIT', request: GET });
      for (let i = 0; i < 10; i++) actor.send({ type: 'BURST', count: 100 });
      expect(actor.getSnapshot().matches({ burst: 'sending' })).toBe(true);
      await waitFor(actor, (s) => s.matches({ burst: 'idle' }));
      expect(sendBurst).toHaveBeenCalledTimes(1);
      // Once it is done, the next burst goes.
      actor.send({ type: 'BURST', count: 10 });
      expect(sendBurst).toHaveBeenCalledTimes(2);
    },
  );

  it('keeps a window of recent exchanges, not every one since the page opened', async () => {
    const actor = start();
    await loaded(actor, scenario('a'));
    actor.send({ type: 'EDIT', request: GET });
    for (let i = 0; i < 3; i++) {
      actor.send({ type: 'BURST', count: 100 });
      await waitFor(actor, (s) => s.matches({ burst: 'idle' }));
    }
    const snap = await waitFor(actor, (s) => s.context.live.tally.arrived === 300);
    expect(snap.context.recent).toHaveLength(RECENT_EXCHANGES);
    // The live panels' counts still cover every request since the scenario loaded.
    expect(snap.context.live.tally.arrived).toBe(300);
    expect(snap.context.live.logLines).toBe(300);
    expect(snap.context.recent.at(-1)!.requestId).toBe('300');
    expect(snap.context.burst!.exchanges).toHaveLength(100);
  });

  it('a new scenario starts with nothing from the old one on show', async () => {
    const actor = start();
    await loaded(actor, scenario('a'));
    await sendAndWait(actor, GET);
    await waitFor(actor, (s) => s.context.recent.length === 1);
    const snap = await loaded(actor, scenario('b'));
    expect(snap.context).toMatchObject({ latest: null, burst: null, recent: [] });
    expect(snap.context.live.tally.arrived).toBe(0);
    expect(shownOnMap(snap.context)).toBeNull();
  });

  it('the map shows whichever the learner asked for last', async () => {
    const actor = start();
    await loaded(actor, scenario('a'));
    actor.send({ type: 'EDIT', request: GET });
    actor.send({ type: 'BURST', count: 10 });
    let snap = await waitFor(actor, (s) => s.matches({ burst: 'idle' }));
    expect(shownOnMap(snap.context)).toBe('burst');
    await sendAndWait(actor, GET);
    snap = actor.getSnapshot();
    expect(shownOnMap(snap.context)).toBe('single');
  });

  it('one notice of each kind: six restarts say it once, the newest words kept', () => {
    const actor = start();
    const reset = (n: number): RuntimeNotice => ({ kind: 'state-reset', message: `restart ${n}` });
    for (let i = 1; i <= 6; i++) actor.send({ type: 'NOTICE', notice: reset(i) });
    actor.send({ type: 'NOTICE', notice: { kind: 'fallback', message: 'in the page' } });
    expect(actor.getSnapshot().context.notices).toEqual([
      reset(6),
      { kind: 'fallback', message: 'in the page' },
    ]);
    actor.send({ type: 'DISMISS_NOTICES' });
    expect(actor.getSnapshot().context.notices).toEqual([]);
  });

  it('a restart while a burst is in flight says the burst was cut off', async () => {
    const actor = start();
    await loaded(actor, scenario('a'));
    actor.send({ type: 'EDIT', request: GET });
    actor.send({ type: 'BURST', count: 1000 });
    actor.send({
      type: 'NOTICE',
      notice: { kind: 'state-reset', message: 'The worker restarted.' },
    });
    expect(actor.getSnapshot().context.notices[0]!.message).toMatch(/burst .* was cut off/);
  });

  it('a request sent before any config runs is answered at once with why', async () => {
    const actor = start();
    const outcome = await sendAndWait(actor, GET);
    expect(outcome).toEqual({ kind: 'failed', message: 'the proxy is not running' });
  });

  it('says why when no runtime could be had at all', async () => {
    const actor = start(Promise.reject(new Error('no worker, no page')));
    const snap = await waitFor(actor, (s) => s.matches({ runtime: 'failed' }));
    expect(snap.context.startError).toBe('no worker, no page');
  });

  it('a change the backend refuses is reported, and the states stay as the runtime has them', async () => {
    const actor = start();
    await loaded(actor, scenario('a'));
    actor.send({ type: 'SET_BACKEND', address: '127.0.0.1:3001', change: { failRate: 7 } });
    const snap = await waitFor(actor, (s) => s.context.backendProblem !== null);
    expect(snap.context.backendProblem).toMatch(/failRate must be within 0..1/);
    expect(snap.context.backends['127.0.0.1:3001']?.failRate).toBe(0);
  });
});
