import { describe, expect, it } from 'vitest';
import { createActor, fromPromise, waitFor } from 'xstate';
import type { QuizAnswer } from '../course/quiz-answer';
import type { ConfigProblem, Exchange } from '../runtime/types';
import { BROKEN_CONFIG, FIXED_CONFIG, LESSON, question } from '../ui/quiz/test-support';
import { quizMachine, type ChecksInput, type ObserveInput, type QuizEvent } from './quizMachine';
import type { ChecksOutcome, Observed } from '../course/run-quiz';

const exchange = (requestId: string) => ({ requestId }) as Exchange;
const problem: ConfigProblem = {
  message: 'unknown directive "proxy_pas"',
  line: 16,
  file: 'nginx.conf',
  refusedBy: 'nginx',
};

/** A runner that answers from the test's script, and records what it was asked. */
function runner(
  observed: () => Promise<Observed> = async () => ({
    value: 'app-a',
    exchange: exchange('4'),
    earlier: [exchange('1'), exchange('2'), exchange('3')],
  }),
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
  const asked: { observe: ObserveInput[]; checks: ChecksInput[] } = { observe: [], checks: [] };
  const machine = quizMachine.provide({
    actors: {
      observe: fromPromise<Observed, ObserveInput>(({ input }) => {
        asked.observe.push(input);
        return observed();
      }),
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
    input: { question: question(id), scenario: LESSON.scenario, saved },
  });
  const answers: QuizAnswer[] = [];
  actor.on('answered', ({ answer }) => answers.push(answer));
  actor.start();
  const send = (...events: QuizEvent[]) => {
    for (const event of events) actor.send(event);
    return actor.getSnapshot();
  };
  return { actor, answers, send, asked: run.asked };
}

describe('quiz: single and multiple choice', () => {
  it('cannot be checked before a choice; a wrong choice is answered incorrect and reported', () => {
    const { send, answers } = start('where');
    expect(send({ type: 'CHECK' }).value).toEqual({ choice: 'unanswered' });
    const s = send({ type: 'CHOOSE', index: 0 }, { type: 'CHOOSE', index: 1 }, { type: 'CHECK' });
    expect(s.value).toEqual({ choice: { answered: 'incorrect' } });
    expect(s.hasTag('answered')).toBe(true);
    expect(answers).toEqual([{ correct: false, value: ['1'] }]);
  });

  it('the right single choice is answered correct; answered, it no longer changes', () => {
    const { send, answers } = start('where');
    const s = send(
      { type: 'CHOOSE', index: 0 },
      { type: 'CHECK' },
      { type: 'CHOOSE', index: 1 },
      { type: 'CHECK' },
    );
    expect(s.value).toEqual({ choice: { answered: 'correct' } });
    expect(s.context.selected).toEqual([0]);
    expect(answers).toEqual([{ correct: true, value: ['0'] }]);
  });

  it('multiple: every correct choice ticked and no other; ticking twice unticks', () => {
    const some = start('methods');
    expect(
      some.send({ type: 'TOGGLE', index: 1 }, { type: 'TOGGLE', index: 0 }).context.selected,
    ).toEqual([0, 1]);
    expect(some.send({ type: 'CHECK' }).value).toEqual({ choice: { answered: 'correct' } });
    expect(some.answers).toEqual([{ correct: true, value: ['0', '1'] }]);

    const toomany = start('methods');
    toomany.send(
      { type: 'TOGGLE', index: 0 },
      { type: 'TOGGLE', index: 1 },
      { type: 'TOGGLE', index: 2 },
      { type: 'TOGGLE', index: 2 },
      { type: 'TOGGLE', index: 2 },
    );
    expect(toomany.send({ type: 'CHECK' }).value).toEqual({ choice: { answered: 'incorrect' } });
    expect(toomany.answers).toEqual([{ correct: false, value: ['0', '1', '2'] }]);
    const partly = start('methods');
    partly.send({ type: 'TOGGLE', index: 0 }, { type: 'CHECK' });
    expect(partly.answers).toEqual([{ correct: false, value: ['0'] }]);
  });

  it('a saved answer starts answered, judged against the question as it is now; one that no longer fits is ignored', () => {
    const right = start('methods', { correct: false, value: ['0', '1'] });
    expect(right.actor.getSnapshot().value).toEqual({ choice: { answered: 'correct' } });
    expect(right.actor.getSnapshot().context.selected).toEqual([0, 1]);
    expect(right.answers).toEqual([]);
    expect(start('where', { correct: false, value: ['1'] }).actor.getSnapshot().value).toEqual({
      choice: { answered: 'incorrect' },
    });
    for (const value of [['7'], ['0', '1'], [], ['x']])
      expect(start('where', { correct: true, value }).actor.getSnapshot().value).toEqual({
        choice: 'unanswered',
      });
  });
});

describe('quiz: predict', () => {
  it('runs only once a prediction is chosen, then reveals what the run produced', async () => {
    const { actor, send, answers, asked } = start('fourth');
    expect(send({ type: 'RUN' }).value).toEqual({ predict: 'choosing' });
    expect(send({ type: 'CHOOSE', index: 0 }, { type: 'RUN' }).value).toEqual({
      predict: 'running',
    });
    const s = await waitFor(actor, (snap) => snap.matches({ predict: 'revealed' }));
    expect(s.value).toEqual({ predict: { revealed: 'correct' } });
    expect(s.context).toMatchObject({ observed: 'app-a', correct: true, error: null });
    expect(s.context.exchange?.requestId).toBe('4');
    expect(s.context.earlier.map((e) => e.requestId)).toEqual(['1', '2', '3']);
    const q = question('fourth');
    expect(asked.observe).toEqual([
      q.kind === 'predict' && {
        scenario: LESSON.scenario,
        before: q.before,
        request: q.request,
        observe: 'backend',
      },
    ]);
    expect(answers).toEqual([{ correct: true, value: ['0'] }]);
  });

  it('a wrong prediction is revealed incorrect, judged by what the run produced', async () => {
    const { actor, send, answers } = start('fourth');
    send({ type: 'CHOOSE', index: 1 }, { type: 'RUN' });
    const s = await waitFor(actor, (snap) => snap.matches({ predict: 'revealed' }));
    expect(s.value).toEqual({ predict: { revealed: 'incorrect' } });
    expect(answers).toEqual([{ correct: false, value: ['1'] }]);
  });

  it('a run that throws is an error with its message, not an answer; RETRY runs it again', async () => {
    let calls = 0;
    const run = runner(async () => {
      calls += 1;
      if (calls === 1) throw new Error('the engine fell over');
      return { value: 'app-a', exchange: exchange('4'), earlier: [] };
    });
    const { actor, send, answers } = start('fourth', null, run);
    send({ type: 'CHOOSE', index: 0 }, { type: 'RUN' });
    const failed = await waitFor(actor, (snap) => snap.matches({ predict: 'error' }));
    expect(failed.context.error).toBe('the engine fell over');
    expect(answers).toEqual([]);
    send({ type: 'RETRY' });
    const s = await waitFor(actor, (snap) => snap.matches({ predict: 'revealed' }));
    expect(s.value).toEqual({ predict: { revealed: 'correct' } });
    expect(s.context.error).toBeNull();
    expect(answers).toEqual([{ correct: true, value: ['0'] }]);
  });

  it('after an error the prediction can be changed before trying again', async () => {
    const run = runner(async () => Promise.reject(new Error('no')));
    const { actor, send } = start('fourth', null, run);
    send({ type: 'CHOOSE', index: 0 }, { type: 'RUN' });
    await waitFor(actor, (snap) => snap.matches({ predict: 'error' }));
    const s = send({ type: 'CHOOSE', index: 2 });
    expect(s.value).toEqual({ predict: 'choosing' });
    expect(s.context).toMatchObject({ selected: [2], error: null });
  });

  it('a saved prediction starts revealed with no run; REPLAY runs it to watch, reporting nothing', async () => {
    const { actor, send, answers, asked } = start('fourth', { correct: false, value: ['2'] });
    const restored = actor.getSnapshot();
    expect(restored.value).toEqual({ predict: { revealed: 'incorrect' } });
    expect(restored.context).toMatchObject({ selected: [2], observed: 'app-a', exchange: null });
    expect(asked.observe).toHaveLength(0);
    expect(send({ type: 'REPLAY' }).value).toEqual({ predict: 'replaying' });
    const s = await waitFor(actor, (snap) => snap.matches({ predict: 'revealed' }));
    expect(s.value).toEqual({ predict: { revealed: 'incorrect' } });
    expect(s.context.exchange?.requestId).toBe('4');
    expect(answers).toEqual([]);
  });
});

describe('quiz: fix the config', () => {
  it('starts from the question’s config; a failing check is failed with its results, and the hint counts from it', async () => {
    const { actor, send, answers, asked } = start('api');
    expect(actor.getSnapshot().value).toEqual({ fix: 'editing' });
    expect(actor.getSnapshot().context.config).toBe(BROKEN_CONFIG);
    send({ type: 'CHECK' });
    const s = await waitFor(actor, (snap) => snap.hasTag('answered'));
    expect(s.value).toEqual({ fix: 'failed' });
    expect(s.context.failures).toBe(1);
    expect(s.context.report?.results[0]).toMatchObject({ ok: false, got: '502' });
    expect(asked.checks[0]).toMatchObject({ config: BROKEN_CONFIG, scenario: LESSON.scenario });
    expect(answers).toEqual([{ correct: false, value: [BROKEN_CONFIG] }]);
  });

  it('edited to the solution, it passes; the failures so far are kept for the hint', async () => {
    const { actor, send, answers } = start('api');
    send({ type: 'CHECK' });
    await waitFor(actor, (snap) => snap.matches({ fix: 'failed' }));
    expect(send({ type: 'EDIT', config: FIXED_CONFIG }).value).toEqual({ fix: 'editing' });
    send({ type: 'CHECK' });
    const s = await waitFor(actor, (snap) => snap.matches({ fix: 'passed' }));
    expect(s.context).toMatchObject({ correct: true, failures: 1, checked: FIXED_CONFIG });
    expect(answers.at(-1)).toEqual({ correct: true, value: [FIXED_CONFIG] });
  });

  it('typing while the checks run changes the editor, not what is checked or reported', async () => {
    let finish: (report: ChecksOutcome) => void = () => {};
    const run = runner(undefined, () => new Promise((resolve) => (finish = resolve)));
    const { actor, send, answers, asked } = start('api', null, run);
    send({ type: 'CHECK' }, { type: 'EDIT', config: 'half typed' }, { type: 'CHECK' });
    expect(actor.getSnapshot().value).toEqual({ fix: 'checking' });
    finish({ ok: false, problem, results: [] });
    const s = await waitFor(actor, (snap) => snap.matches({ fix: 'failed' }));
    expect(s.context.config).toBe('half typed');
    expect(s.context.report?.problem).toEqual(problem);
    expect(asked.checks).toHaveLength(1);
    expect(answers).toEqual([{ correct: false, value: [BROKEN_CONFIG] }]);
  });

  it('reset goes back to the starting config; the solution can be shown at any time', () => {
    const { send } = start('api');
    const s = send({ type: 'EDIT', config: 'x' }, { type: 'SHOW_SOLUTION' }, { type: 'RESET' });
    expect(s.value).toEqual({ fix: 'editing' });
    expect(s.context).toMatchObject({ config: BROKEN_CONFIG, solutionShown: true });
  });

  it('checks that cannot be run are an error, not a failure; CHECK tries again', async () => {
    let calls = 0;
    const run = runner(undefined, async () => {
      calls += 1;
      if (calls === 1) throw new Error('worker gone');
      return { ok: true, results: [] };
    });
    const { actor, send, answers } = start('api', null, run);
    send({ type: 'CHECK' });
    const failed = await waitFor(actor, (snap) => snap.matches({ fix: 'error' }));
    expect(failed.context).toMatchObject({ error: 'worker gone', failures: 0 });
    send({ type: 'CHECK' });
    const s = await waitFor(actor, (snap) => snap.matches({ fix: 'passed' }));
    expect(s.context.error).toBeNull();
    expect(answers).toEqual([{ correct: true, value: [BROKEN_CONFIG] }]);
  });

  it('a saved config starts passed or failed with it in the editor, without running', () => {
    const passed = start('api', { correct: true, value: [FIXED_CONFIG] });
    expect(passed.actor.getSnapshot().value).toEqual({ fix: 'passed' });
    expect(passed.actor.getSnapshot().context).toMatchObject({
      config: FIXED_CONFIG,
      report: null,
    });
    const failed = start('api', { correct: false, value: ['mine'] });
    expect(failed.actor.getSnapshot().value).toEqual({ fix: 'failed' });
    expect(failed.actor.getSnapshot().context).toMatchObject({ config: 'mine', failures: 1 });
    expect(passed.asked.checks).toHaveLength(0);
  });
});

describe('quiz: with the real engine', () => {
  it('the fourth request under round robin is app-a; the broken config fails, the fixed one passes', async () => {
    const start = (id: string) =>
      createActor(quizMachine, {
        input: { question: question(id), scenario: LESSON.scenario },
      }).start();
    const predict = start('fourth');
    predict.send({ type: 'CHOOSE', index: 1 });
    predict.send({ type: 'RUN' });
    const revealed = await waitFor(predict, (s) => s.matches({ predict: 'revealed' }));
    expect(revealed.value).toEqual({ predict: { revealed: 'incorrect' } });
    expect(revealed.context.observed).toBe('app-a');
    expect(revealed.context.earlier).toHaveLength(3);

    const fix = start('api');
    fix.send({ type: 'CHECK' });
    const failed = await waitFor(fix, (s) => s.hasTag('answered'));
    expect(failed.value).toEqual({ fix: 'failed' });
    expect(failed.context.report?.results.map((r) => [r.ok, r.got])).toEqual([
      [false, 'status 502, backend none'],
      [true, 'backend app-a'],
    ]);
    fix.send({ type: 'EDIT', config: FIXED_CONFIG });
    fix.send({ type: 'CHECK' });
    expect((await waitFor(fix, (s) => s.hasTag('answered'))).value).toEqual({ fix: 'passed' });
  });
});
