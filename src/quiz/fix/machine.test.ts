import { describe, expect, it } from 'vitest';
import { createActor, fromPromise, waitFor } from 'xstate';
import type { QuizAnswer } from '../../course/quiz-answer';
import type { ChecksOutcome } from '../run-quiz';
import type { ConfigProblem } from '../../runtime/types';
import { BROKEN_CONFIG, FIXED_CONFIG, LESSON, question } from '../test-support';
import { fixMachine, type ChecksInput, type FixEvent } from './machine';

const problem: ConfigProblem = {
  message: 'unknown directive "proxy_pas"',
  line: 16,
  file: 'nginx.conf',
  refusedBy: 'nginx',
};

/** A runner that answers from the test's script, and records what it was asked. */
function runner(
  checked: (input: ChecksInput) => Promise<ChecksOutcome> = async ({ config }) =>
    config === FIXED_CONFIG
      ? {
          ok: true,
          results: [{ describe: 'reaches app-c', ok: true, got: 'app-c', exchange: null }],
        }
      : {
          ok: false,
          results: [{ describe: 'reaches app-c', ok: false, got: '502', exchange: null }],
        },
) {
  const asked: { checks: ChecksInput[] } = { checks: [] };
  const machine = fixMachine.provide({
    actors: {
      runChecks: fromPromise<ChecksOutcome, ChecksInput>(({ input }) => {
        asked.checks.push(input);
        return checked(input);
      }),
    },
  });
  return { machine, asked };
}

function start(id: string, saved: QuizAnswer | null = null, run = runner()) {
  const actor = createActor(run.machine, {
    input: { question: question(id, 'fix'), scenario: LESSON.scenario, saved },
  });
  const answers: QuizAnswer[] = [];
  actor.on('answered', ({ answer }) => answers.push(answer));
  actor.start();
  const send = (...events: FixEvent[]) => {
    for (const event of events) actor.send(event);
    return actor.getSnapshot();
  };
  return { actor, answers, send, asked: run.asked };
}

describe('quiz: fix the config', () => {
  it('starts from the question’s config; a failing check is failed with its results, and the hint counts from it', async () => {
    const { actor, send, answers, asked } = start('api');
    expect(actor.getSnapshot().value).toEqual('editing');
    expect(actor.getSnapshot().context.config).toBe(BROKEN_CONFIG);
    send({ type: 'CHECK' });
    const s = await waitFor(actor, (snap) => snap.hasTag('answered'));
    expect(s.value).toEqual('failed');
    expect(s.context.failures).toBe(1);
    expect(s.context.report?.results[0]).toMatchObject({ ok: false, got: '502' });
    expect(asked.checks[0]).toMatchObject({ config: BROKEN_CONFIG, scenario: LESSON.scenario });
    expect(answers).toEqual([{ correct: false, value: [BROKEN_CONFIG] }]);
  });

  it('edited to the solution, it passes; the failures so far are kept for the hint', async () => {
    const { actor, send, answers } = start('api');
    send({ type: 'CHECK' });
    await waitFor(actor, (snap) => snap.matches('failed'));
    expect(send({ type: 'EDIT', config: FIXED_CONFIG }).value).toEqual('editing');
    send({ type: 'CHECK' });
    const s = await waitFor(actor, (snap) => snap.matches('passed'));
    expect(s.context).toMatchObject({ correct: true, failures: 1, checked: FIXED_CONFIG });
    expect(answers.at(-1)).toEqual({ correct: true, value: [FIXED_CONFIG] });
  });

  it('typing while the checks run changes the editor, not what is checked or reported', async () => {
    let finish: (report: ChecksOutcome) => void = () => {};
    const run = runner(() => new Promise((resolve) => (finish = resolve)));
    const { actor, send, answers, asked } = start('api', null, run);
    send({ type: 'CHECK' }, { type: 'EDIT', config: 'half typed' }, { type: 'CHECK' });
    expect(actor.getSnapshot().value).toEqual('checking');
    finish({ ok: false, problem, results: [] });
    const s = await waitFor(actor, (snap) => snap.matches('failed'));
    expect(s.context.config).toBe('half typed');
    expect(s.context.report?.problem).toEqual(problem);
    expect(asked.checks).toHaveLength(1);
    expect(answers).toEqual([{ correct: false, value: [BROKEN_CONFIG] }]);
  });

  it('reset goes back to the starting config; the solution can be shown at any time', () => {
    const { send } = start('api');
    const s = send({ type: 'EDIT', config: 'x' }, { type: 'SHOW_SOLUTION' }, { type: 'RESET' });
    expect(s.value).toEqual('editing');
    expect(s.context).toMatchObject({ config: BROKEN_CONFIG, solutionShown: true });
  });

  it('checks that cannot be run are an error, not a failure; CHECK tries again', async () => {
    let calls = 0;
    const run = runner(async () => {
      calls += 1;
      if (calls === 1) throw new Error('worker gone');
      return { ok: true, results: [] };
    });
    const { actor, send, answers } = start('api', null, run);
    send({ type: 'CHECK' });
    const failed = await waitFor(actor, (snap) => snap.matches('error'));
    expect(failed.context).toMatchObject({ error: 'worker gone', failures: 0 });
    send({ type: 'CHECK' });
    const s = await waitFor(actor, (snap) => snap.matches('passed'));
    expect(s.context.error).toBeNull();
    expect(answers).toEqual([{ correct: true, value: [BROKEN_CONFIG] }]);
  });

  it('a saved config starts passed or failed with it in the editor, without running', () => {
    const passed = start('api', { correct: true, value: [FIXED_CONFIG] });
    expect(passed.actor.getSnapshot().value).toEqual('passed');
    expect(passed.actor.getSnapshot().context).toMatchObject({
      config: FIXED_CONFIG,
      report: null,
    });
    const failed = start('api', { correct: false, value: ['mine'] });
    expect(failed.actor.getSnapshot().value).toEqual('failed');
    expect(failed.actor.getSnapshot().context).toMatchObject({ config: 'mine', failures: 1 });
    expect(passed.asked.checks).toHaveLength(0);
  });
});

describe('quiz: with the real engine', () => {
  it('the broken config fails, the fixed one passes', async () => {
    const fix = createActor(fixMachine, {
      input: { question: question('api', 'fix'), scenario: LESSON.scenario },
    }).start();
    fix.send({ type: 'CHECK' });
    const failed = await waitFor(fix, (s) => s.hasTag('answered'));
    expect(failed.value).toEqual('failed');
    expect(failed.context.report?.results.map((r) => [r.ok, r.got])).toEqual([
      [false, 'status 502, backend none'],
      [true, 'backend app-a'],
    ]);
    fix.send({ type: 'EDIT', config: FIXED_CONFIG });
    fix.send({ type: 'CHECK' });
    expect((await waitFor(fix, (s) => s.hasTag('answered'))).value).toEqual('passed');
  });
});
