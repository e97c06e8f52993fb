/** The scenario the playground shows for the id in its address (`#/playground?scenario=<id>`). */
import type { Scenario } from '../scenario';

export interface ScenarioPick {
  scenario: Scenario;
  /** The id asked for when no scenario has it (the first is shown instead). */
  unknownId: string | null;
}

/** The scenario with this id; the first one when there is no id or no scenario has it. */
export function pickScenario(id: string | null, scenarios: readonly Scenario[]): ScenarioPick {
  const first = scenarios[0];
  if (!first) throw new Error('there are no scenarios to choose from');
  if (id === null || id === '') return { scenario: first, unknownId: null };
  const scenario = scenarios.find((s) => s.id === id);
  return scenario ? { scenario, unknownId: null } : { scenario: first, unknownId: id };
}
