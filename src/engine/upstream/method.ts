/**
 * What a balancing method is to the rest of the engine: the directive that
 * declares it in an `upstream` block, what that directive leaves in the
 * group's balancer, and the picker that chooses a server. Each method's file
 * defines one and `methods.ts` lists them; nothing else names a method.
 */
import type { ConfigNode } from '../config/node';
import type { DirectiveDef } from '../directive';
import type { Picker } from './pick';
import type { Upstream } from './upstream';

/**
 * What a group's balancer carries besides the method's name, by method.
 * Each method's file adds its own entry (`declare module './method'`), so
 * the union below grows with the list of methods.
 */
export interface BalancerOptions {
  /** nginx's default when an `upstream` block declares no method. */
  round_robin: Record<never, never>;
}

/** The balancing method an `upstream` block declares (the last one wins, as nginx warns). */
export type Balancer = {
  [M in keyof BalancerOptions]: { method: M } & BalancerOptions[M];
}[keyof BalancerOptions];

export interface BalancingMethod {
  method: keyof BalancerOptions;
  /** The directive that declares it, with its argument rules and summary; null for the default. */
  directive: DirectiveDef | null;
  /**
   * Whether `server ... backup` may follow the declaration: ip_hash, hash and
   * random drop NGX_HTTP_UPSTREAM_BACKUP from the group's flags.
   */
  allowsBackup: boolean;
  /** The balancer the directive declares, given the directives before it in the block. */
  declare(node: ConfigNode, before: readonly ConfigNode[]): Balancer;
  /** The picker for a group with this balancer. */
  pickerFor(balancer: Balancer): Picker;
  /** Work done once when the config loads (the consistent hash ring). */
  prepare?(up: Upstream): void;
}
