/** Every scenario the sandbox offers, in the order a learner meets them. */
import { classicProxy } from './classic-proxy';
import type { Scenario } from './scenario';

export const SCENARIOS: readonly Scenario[] = [classicProxy];

export function scenarioById(id: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.id === id);
}
