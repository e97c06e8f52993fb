/** Every built-in scenario the playground offers, in the order a learner meets them. */
import type { Scenario } from '../scenario.ts';
import { caching } from './caching.ts';
import { classicProxy } from './classic-proxy.ts';
import { failover } from './failover.ts';
import { rateLimit } from './rate-limit.ts';
import { roundRobin } from './round-robin.ts';

export const SCENARIOS: readonly Scenario[] = [
  classicProxy,
  roundRobin,
  caching,
  failover,
  rateLimit,
];

export function scenarioById(id: string): Scenario | undefined {
  return SCENARIOS.find((s) => s.id === id);
}
