import { describe, expect, it } from 'vitest';
import { createActor, fromPromise, waitFor } from 'xstate';
import type { QuizAnswer } from '../../course/quiz-answer';
import type { Observed } from '../run-quiz';
import type { Exchange } from '../../runtime/types';
import { LESSON, question } from '../test-support';
import { predictMachine, type ObserveInput, type PredictEvent } from './machine';

const exchange = (requestId: string) => ({ requestId }) as Exchange;

/** A runner that answers from the test's script, and records what it was asked. */
function runner(
  observed: () => Promise<Observed> = async () => ({
    value: 'app-a',
    exchange: exchange('4'),
    earlier: [exchange('1'), exchange('2'), exchange('3')],
  }),
) {
  const asked: { observe: ObserveInput[] } = { observe: [] };
  const machine = predictMachine.provide({
    actors: {
      observe: fromPromise<Observed, ObserveInput>(({ input }) => {
        asked.observe.push(input);
        return observed();
      }),
    },
  });
  return { machine, asked };
}

function start(id: string, saved: QuizAnswer | null = null, run = runner()) {
  const actor = createActor(run.machine, {
    input: { question: question(id, 'predict'), scenario: LESSON.scenario, saved },
  });
  const answers: QuizAnswer[] = [];
  actor.on('answered', ({ answer }) => answers.push(answer));
  actor.start();
  const send = (...events: PredictEvent[]) => {
    for (const event of events) actor.send(event);
    return actor.getSnapshot();
  };
  return { actor, answers, send, asked: run.asked };
}

describe('quiz: predict', () => {
  it('runs only once a prediction is chosen, then reveals what the run produced', async () => {
    const { actor, send, answers, asked } = start('fourth');
    expect(send({ type: 'RUN' }).value).toEqual('choosing');
    expect(send({ type: 'CHOOSE', index: 0 }, { type: 'RUN' }).value).toEqual('running');
    const s = await waitFor(actor, (snap) => snap.matches('revealed'));
    expect(s.value).toEqual({ revealed: 'correct' });
    expect(s.context).toMatchObject({ observed: 'app-a', correct: true, error: null });
    expect(s.context.exchange?.requestId).toBe('4');
    expect(s.context.earlier.map((e) => e.requestId)).toEqual(['1', '2', '3']);
    const q = question('fourth', 'predict');
    expect(asked.observe).toEqual([
      {
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
    const s = await waitFor(actor, (snap) => snap.matches('revealed'));
    expect(s.value).toEqual({ revealed: 'incorrect' });
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
    const failed = await waitFor(actor, (snap) => snap.matches('error'));
    expect(failed.context.error).toBe('the engine fell over');
    expect(answers).toEqual([]);
    send({ type: 'RETRY' });
    const s = await waitFor(actor, (snap) => snap.matches('revealed'));
    expect(s.value).toEqual({ revealed: 'correct' });
    expect(s.context.error).toBeNull();
    expect(answers).toEqual([{ correct: true, value: ['0'] }]);
  });

  it('after an error the prediction can be changed before trying again', async () => {
    const run = runner(async () => Promise.reject(new Error('no')));
    const { actor, send } = start('fourth', null, run);
    send({ type: 'CHOOSE', index: 0 }, { type: 'RUN' });
    await waitFor(actor, (snap) => snap.matches('error'));
    const s = send({ type: 'CHOOSE', index: 2 });
    expect(s.value).toEqual('choosing');
    expect(s.context).toMatchObject({ selected: [2], error: null });
  });

  it('a saved prediction starts revealed with no run; REPLAY runs it to watch, reporting nothing', async () => {
    const { actor, send, answers, asked } = start('fourth', { correct: false, value: ['2'] });
    const restored = actor.getSnapshot();
    expect(restored.value).toEqual({ revealed: 'incorrect' });
    expect(restored.context).toMatchObject({ selected: [2], observed: 'app-a', exchange: null });
    expect(asked.observe).toHaveLength(0);
    expect(send({ type: 'REPLAY' }).value).toEqual('replaying');
    const s = await waitFor(actor, (snap) => snap.matches('revealed'));
    expect(s.value).toEqual({ revealed: 'incorrect' });
    expect(s.context.exchange?.requestId).toBe('4');
    expect(answers).toEqual([]);
  });
});

describe('quiz: with the real engine', () => {
  it('the fourth request under round robin is app-a', async () => {
    const predict = createActor(predictMachine, {
      input: { question: question('fourth', 'predict'), scenario: LESSON.scenario },
    }).start();
    predict.send({ type: 'CHOOSE', index: 1 });
    predict.send({ type: 'RUN' });
    const revealed = await waitFor(predict, (s) => s.matches('revealed'));
    expect(revealed.value).toEqual({ revealed: 'incorrect' });
    expect(revealed.context.observed).toBe('app-a');
    expect(revealed.context.earlier).toHaveLength(3);
  });
});
