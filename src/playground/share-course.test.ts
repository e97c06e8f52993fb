/**
 * Every scenario the course opens in the playground can be shared and kept:
 * a link or file made from it opens again, exactly as it was.
 */
import { describe, expect, test } from 'vitest';
import { lessonFiles, readLessonSources } from '../course/load-files';
import { loadLessons } from '../course/load-lessons';
import { SCENARIOS } from '../scenario/builtin';
import { lessonScenario } from '../course/lesson-scenario';
import { editableScenario } from './playground-state';
import { parseScenarioFile, scenarioFileText } from './scenario-file';
import { decodeScenario, encodeScenario } from './share';

const { lessons } = loadLessons(readLessonSources(lessonFiles('lessons')));
const opened = [
  ...SCENARIOS.map((s) => ({ name: `scenario ${s.id}`, scenario: editableScenario(s) })),
  ...lessons.map((l) => ({
    name: `lesson ${l.id}`,
    scenario: editableScenario(lessonScenario(l)),
  })),
];

describe.each(opened)('$name', ({ scenario }) => {
  test('round-trips through a link', () => {
    expect(decodeScenario(encodeScenario(scenario))).toEqual({ ok: true, scenario });
  });

  test('round-trips through a file', () => {
    expect(parseScenarioFile(scenarioFileText(scenario))).toEqual({ ok: true, scenario });
  });
});
