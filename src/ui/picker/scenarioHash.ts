/** The chosen scenario in the URL hash (`#scenario=<id>`), so a link opens it. */
import type { Scenario } from '../../scenarios/scenario';

export interface ScenarioPick {
  scenario: Scenario;
  /** The id the hash asked for when no scenario has it (the first is shown instead). */
  unknownId: string | null;
}

/** The scenario a hash names; the first one when it names none or one that does not exist. */
export function readScenarioHash(hash: string, scenarios: readonly Scenario[]): ScenarioPick {
  const first = scenarios[0];
  if (!first) throw new Error('there are no scenarios to choose from');
  const id = new URLSearchParams(hash.replace(/^#/, '')).get('scenario');
  if (id === null || id === '') return { scenario: first, unknownId: null };
  const scenario = scenarios.find((s) => s.id === id);
  return scenario ? { scenario, unknownId: null } : { scenario: first, unknownId: id };
}

/** The hash with `scenario` set to `id`; anything else in it stays. */
export function writeScenarioHash(hash: string, id: string): string {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  params.set('scenario', id);
  return `#${params}`;
}
