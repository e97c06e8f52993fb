/** Every scenario the sandbox offers, in the order a learner meets them. */
import { caching } from './caching';
import { classicProxy } from './classic-proxy';
import { failover } from './failover';
import { rateLimit } from './rate-limit';
import { roundRobin } from './round-robin';
import type { Scenario } from './scenario';

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
