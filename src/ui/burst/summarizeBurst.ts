/** What a burst of requests came to (explain/'s whoAnswered), and how long the proxy took to answer it. */
import { whoAnswered, type WhoAnswered } from '../../explain/whoAnswered';
import type { Exchange } from '../../runtime/types';

export interface BurstSummary extends WhoAnswered {
  /** Wall-clock milliseconds from the first send to the last answer. */
  elapsedMs: number;
}

export function summarizeBurst(exchanges: readonly Exchange[], elapsedMs: number): BurstSummary {
  return { ...whoAnswered(exchanges), elapsedMs };
}
