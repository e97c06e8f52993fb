import { describe, expect, it } from 'vitest';
import { classicProxy } from '../scenario/builtin/classic-proxy';
import { roundRobin } from '../scenario/builtin/round-robin';
import { TEST_LESSONS } from '../course/test-lessons';
import { openPlayground } from './open-playground';
import { editableScenario } from './playground-state';
import { encodeScenario } from './share';

const scenarios = [classicProxy, roundRobin];
const open = (route: Parameters<typeof openPlayground>[0]) =>
  openPlayground(route, scenarios, TEST_LESSONS);

describe('openPlayground', () => {
  it('opens the first scenario, or the one named', () => {
    expect(open({ page: 'playground', scenario: null })).toMatchObject({
      scenario: { title: classicProxy.title, config: classicProxy.config },
      scenarioId: classicProxy.id,
      notice: null,
      refused: null,
    });
    expect(open({ page: 'playground', scenario: roundRobin.id }).scenario.backends).toEqual(
      roundRobin.backends,
    );
  });

  it('says so when the scenario named is not there', () => {
    expect(open({ page: 'playground', scenario: 'nope' })).toMatchObject({
      scenarioId: classicProxy.id,
      notice: `There is no scenario called “nope”, so this is the first one: ${classicProxy.title}.`,
    });
  });

  it('opens a lesson’s scenario with its requests as presets', () => {
    const lesson = TEST_LESSONS[0]!;
    const start = open({ page: 'playground', scenario: null, lesson: lesson.id });
    expect(start).toMatchObject({
      scenario: { title: lesson.title, config: lesson.scenario.config },
      scenarioId: null,
      origin: `Lesson: ${lesson.title}`,
    });
    expect(start.presets).toHaveLength(lesson.scenario.requests.length);
    expect(open({ page: 'playground', scenario: null, lesson: 'nope' }).notice).toMatch(
      /no lesson called “nope”/,
    );
  });

  it('opens a shared scenario exactly as it was encoded', () => {
    const shared = { ...editableScenario(roundRobin), files: { '/srv/a.html': '<p>hi</p>' } };
    const start = open({ page: 'playground', scenario: null, shared: encodeScenario(shared) });
    expect(start.scenario).toEqual(shared);
    expect(start.refused).toBeNull();
  });

  it('refuses a tampered link in the decoder’s words and opens the first scenario', () => {
    const text = encodeScenario(editableScenario(roundRobin));
    const start = open({ page: 'playground', scenario: null, shared: `${text.slice(0, -6)}<img>` });
    expect(start.refused).toMatch(/damaged|cut short/);
    expect(start.scenario.title).toBe(classicProxy.title);
  });
});
