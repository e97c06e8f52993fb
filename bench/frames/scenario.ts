/** What the frames pages draw: the course's round robin over three backends. */
import { roundRobin } from '../../src/scenario/builtin/round-robin';
import type { Scenario } from '../../src/scenario';

export const ROUND_ROBIN: Scenario = roundRobin;

/**
 * Packets on screen: the journey diagram's packet shapes, less those a burst's
 * fixed pool keeps hidden until a journey needs them.
 */
export function countPackets(root: ParentNode = document): number {
  return root.querySelectorAll('svg .packet:not([visibility="hidden"])').length;
}
