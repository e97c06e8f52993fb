/** Every balancing method the sandbox knows. A new method is its own file plus one line here. */
import { hash } from './hash';
import { ipHash } from './ip-hash';
import { leastConn } from './least-conn';
import type { Balancer, BalancingMethod } from './method';
import { random } from './random';
import { roundRobin } from './round-robin';

/** In the order their directives are listed (README, editor help). */
const METHODS: readonly BalancingMethod[] = [roundRobin, leastConn, ipHash, hash, random];

const byMethod = new Map(METHODS.map((m) => [m.method, m]));
const byDirective = new Map(METHODS.flatMap((m) => (m.directive ? [[m.directive.name, m]] : [])));

/** The directives that declare a method in an `upstream` block. */
export const METHOD_DIRECTIVES = METHODS.flatMap((m) => (m.directive ? [m.directive] : []));

/** The method a directive declares, if it declares one. */
export function declaredBy(directive: string): BalancingMethod | undefined {
  return byDirective.get(directive);
}

export function methodOf(balancer: Balancer): BalancingMethod {
  return byMethod.get(balancer.method)!;
}
