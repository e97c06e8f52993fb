import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import type { ConfigProblem, RuntimeNotice } from '../runtime/types';
import { sandboxMachine, type SandboxEvent } from './sandboxMachine';

function run(...events: SandboxEvent[]) {
  const actor = createActor(sandboxMachine).start();
  for (const event of events) actor.send(event);
  return actor.getSnapshot();
}

const fallback: RuntimeNotice = { kind: 'fallback', message: 'no service worker here' };
const reset: RuntimeNotice = { kind: 'state-reset', message: 'the worker restarted' };
const problem: ConfigProblem = {
  message: 'unknown directive "prox_pass"',
  line: 3,
  file: 'nginx.conf',
  refusedBy: 'nginx',
};

describe('sandbox lifecycle', () => {
  it('starts with the worker starting and no scenario', () => {
    const s = run();
    expect(s.value).toEqual({ worker: 'starting', scenario: 'idle' });
    expect(s.context).toMatchObject({ mode: null, notices: [], serving: false });
  });

  it('worker ready, then a scenario loads', () => {
    const s = run({ type: 'RUNTIME_READY' }, { type: 'LOAD', scenario: 'cache' });
    expect(s.value).toEqual({ worker: 'ready', scenario: 'loading' });
    const after = run(
      { type: 'RUNTIME_READY' },
      { type: 'LOAD', scenario: 'cache' },
      { type: 'LOADED' },
    );
    expect(after.value).toEqual({ worker: 'ready', scenario: 'ready' });
    expect(after.context).toMatchObject({ mode: 'worker', scenario: 'cache', serving: true });
  });

  it('falls back to the page with the notice, from the runtime or its notice stream', () => {
    for (const event of [
      { type: 'RUNTIME_FALLBACK', notice: fallback },
      { type: 'NOTICE', notice: fallback },
    ] as const) {
      const s = run(event);
      expect(s.value).toMatchObject({ worker: 'fallback' });
      expect(s.context.mode).toBe('page');
      expect(s.context.notices).toEqual([fallback]);
    }
  });

  it('a worker lost after it was ready falls back too; fallback is where it stays', () => {
    const s = run(
      { type: 'RUNTIME_READY' },
      { type: 'NOTICE', notice: fallback },
      { type: 'RUNTIME_READY' },
    );
    expect(s.value).toMatchObject({ worker: 'fallback' });
    expect(s.context.mode).toBe('page');
    expect(s.context.notices).toEqual([fallback]);
  });

  it('other notices are kept without changing state, and can be dismissed', () => {
    const s = run(
      { type: 'RUNTIME_READY' },
      { type: 'LOAD', scenario: 'a' },
      { type: 'LOADED' },
      { type: 'NOTICE', notice: reset },
    );
    expect(s.value).toEqual({ worker: 'ready', scenario: 'ready' });
    expect(s.context.notices).toEqual([reset]);
    expect(
      run({ type: 'NOTICE', notice: reset }, { type: 'DISMISS_NOTICES' }).context.notices,
    ).toEqual([]);
  });

  it('a refused config shows the problem; the next good load clears it', () => {
    const refused = run(
      { type: 'RUNTIME_READY' },
      { type: 'LOAD', scenario: 'typo' },
      { type: 'LOAD_FAILED', problem },
    );
    expect(refused.value).toEqual({ worker: 'ready', scenario: 'configError' });
    expect(refused.context).toMatchObject({ problem, serving: false });

    const fixed = run(
      { type: 'LOAD', scenario: 'typo' },
      { type: 'LOAD_FAILED', problem },
      { type: 'LOAD', scenario: 'fixed' },
      { type: 'LOADED' },
    );
    expect(fixed.value).toMatchObject({ scenario: 'ready' });
    expect(fixed.context).toMatchObject({ problem: null, serving: true, scenario: 'fixed' });
  });

  it('a refused reload keeps the previous config serving', () => {
    const s = run(
      { type: 'LOAD', scenario: 'a' },
      { type: 'LOADED' },
      { type: 'LOAD', scenario: 'b' },
      { type: 'LOAD_FAILED', problem },
    );
    expect(s.value).toMatchObject({ scenario: 'configError' });
    expect(s.context).toMatchObject({ serving: true, problem, scenario: 'b' });
  });

  it('results arriving when nothing is loading are ignored', () => {
    expect(run({ type: 'LOADED' }).value).toMatchObject({ scenario: 'idle' });
    expect(run({ type: 'LOAD_FAILED', problem }).context.problem).toBeNull();
  });
});

describe('a page runtime chosen on purpose', () => {
  it('is fallback mode without a notice', () => {
    const s = run({ type: 'RUNTIME_IN_PAGE' });
    expect(s.value).toEqual({ worker: 'fallback', scenario: 'idle' });
    expect(s.context).toMatchObject({ mode: 'page', notices: [] });
  });
});
