import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import type { QuizAnswer } from '../../course/quiz-answer';
import { question } from '../test-support';
import { choiceMachine, type ChoiceEvent } from './machine';

function start(id: string, saved: QuizAnswer | null = null) {
  const actor = createActor(choiceMachine, {
    input: { question: question(id, 'single', 'multiple'), saved },
  });
  const answers: QuizAnswer[] = [];
  actor.on('answered', ({ answer }) => answers.push(answer));
  actor.start();
  const send = (...events: ChoiceEvent[]) => {
    for (const event of events) actor.send(event);
    return actor.getSnapshot();
  };
  return { actor, answers, send };
}

describe('quiz: single and multiple choice', () => {
  it('cannot be checked before a choice; a wrong choice is answered incorrect and reported', () => {
    const { send, answers } = start('where');
    expect(send({ type: 'CHECK' }).value).toEqual('unanswered');
    const s = send({ type: 'CHOOSE', index: 0 }, { type: 'CHOOSE', index: 1 }, { type: 'CHECK' });
    expect(s.value).toEqual({ answered: 'incorrect' });
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
    expect(s.value).toEqual({ answered: 'correct' });
    expect(s.context.selected).toEqual([0]);
    expect(answers).toEqual([{ correct: true, value: ['0'] }]);
  });

  it('multiple: every correct choice ticked and no other; ticking twice unticks', () => {
    const some = start('methods');
    expect(
      some.send({ type: 'TOGGLE', index: 1 }, { type: 'TOGGLE', index: 0 }).context.selected,
    ).toEqual([0, 1]);
    expect(some.send({ type: 'CHECK' }).value).toEqual({ answered: 'correct' });
    expect(some.answers).toEqual([{ correct: true, value: ['0', '1'] }]);

    const toomany = start('methods');
    toomany.send(
      { type: 'TOGGLE', index: 0 },
      { type: 'TOGGLE', index: 1 },
      { type: 'TOGGLE', index: 2 },
      { type: 'TOGGLE', index: 2 },
      { type: 'TOGGLE', index: 2 },
    );
    expect(toomany.send({ type: 'CHECK' }).value).toEqual({ answered: 'incorrect' });
    expect(toomany.answers).toEqual([{ correct: false, value: ['0', '1', '2'] }]);
    const partly = start('methods');
    partly.send({ type: 'TOGGLE', index: 0 }, { type: 'CHECK' });
    expect(partly.answers).toEqual([{ correct: false, value: ['0'] }]);
  });

  it('a saved answer starts answered, judged against the question as it is now; one that no longer fits is ignored', () => {
    const right = start('methods', { correct: false, value: ['0', '1'] });
    expect(right.actor.getSnapshot().value).toEqual({ answered: 'correct' });
    expect(right.actor.getSnapshot().context.selected).toEqual([0, 1]);
    expect(right.answers).toEqual([]);
    expect(start('where', { correct: false, value: ['1'] }).actor.getSnapshot().value).toEqual({
      answered: 'incorrect',
    });
    for (const value of [['7'], ['0', '1'], [], ['x']])
      expect(start('where', { correct: true, value }).actor.getSnapshot().value).toEqual(
        'unanswered',
      );
  });
});
