/**
 * What the playground opens for its address: one of the course's scenarios,
 * a lesson's, or a shared one, and what to tell the learner when the address
 * names something that is not there (the first scenario opens instead).
 */
import type { PlaygroundRoute } from '../course/route';
import type { Lesson } from '../course/types';
import type { Scenario, Preset } from '../scenario';
import { lessonScenario } from '../course/lesson-scenario';
import { pickScenario } from './pick-scenario';
import type { PlaygroundScenario } from './playground-scenario';
import { editableScenario } from './playground-state';
import { decodeScenario, type DecodeResult } from './share';

export interface PlaygroundStart {
  scenario: PlaygroundScenario;
  /** The lesson's requests as buttons, when it is a lesson's. */
  presets: Preset[];
  /** The course scenario it is, for the picker; null for a lesson's or a shared one. */
  scenarioId: string | null;
  /** Where it came from, for the picker when it is not a course scenario. */
  origin: string | null;
  /** The address named something that is not there (role status). */
  notice: string | null;
  /** A shared link was refused: the decoder's words (role alert). */
  refused: string | null;
}

export function openPlayground(
  route: PlaygroundRoute,
  scenarios: readonly Scenario[],
  lessons: readonly Lesson[],
  decode: (text: string) => DecodeResult = decodeScenario,
): PlaygroundStart {
  const fallback = (notice: string | null, refused: string | null = null): PlaygroundStart => {
    const { scenario } = pickScenario(null, scenarios);
    return { ...course(scenario), notice, refused };
  };
  if (route.shared !== undefined) {
    const decoded = decode(route.shared);
    if (!decoded.ok) return fallback(null, decoded.message);
    return {
      scenario: decoded.scenario,
      presets: [],
      scenarioId: null,
      origin: 'A shared link',
      notice: null,
      refused: null,
    };
  }
  if (route.lesson !== undefined) {
    const lesson = lessons.find((l) => l.id === route.lesson);
    if (!lesson) {
      const first = pickScenario(null, scenarios).scenario.title;
      return fallback(
        `There is no lesson called “${route.lesson}”, so this is the first scenario: ${first}.`,
      );
    }
    const scenario = lessonScenario(lesson);
    return {
      scenario: { ...editableScenario(scenario), title: lesson.title },
      presets: scenario.presets ?? [],
      scenarioId: null,
      origin: `Lesson: ${lesson.title}`,
      notice: null,
      refused: null,
    };
  }
  const pick = pickScenario(route.scenario, scenarios);
  const notice =
    pick.unknownId === null
      ? null
      : `There is no scenario called “${pick.unknownId}”, so this is the first one: ${pick.scenario.title}.`;
  return { ...course(pick.scenario), notice, refused: null };
}

function course(scenario: Scenario): Omit<PlaygroundStart, 'notice' | 'refused'> {
  return {
    scenario: editableScenario(scenario),
    presets: scenario.presets ?? [],
    scenarioId: scenario.id,
    origin: null,
  };
}
