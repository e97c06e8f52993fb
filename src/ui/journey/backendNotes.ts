/**
 * The lines under each backend on the diagram: what the learner did to it
 * (stopped, slowed, made to fail) and what it has done (answers given, tries
 * it failed, requests on the wire now). Words, so colour is never the only signal.
 */
import type { BackendState } from '../../backends/controls';
import type { NodeName, Tally } from '../../explain';
import type { BackendMap } from '../../scenario';

/** The backends' live settings, as the runtime reports them (the scenario's, with the learner's changes). */
export type BackendStates = Record<string, Partial<BackendState>>;

/** At most: the backend's state, its counts, and what is in progress. */
export const BACKEND_NOTE_LINES = 3;

export interface BackendNotes {
  notes: Partial<Record<NodeName, string[]>>;
  stopped: Set<NodeName>;
}

export function backendNotes(
  backends: BackendMap,
  states: BackendStates,
  tally: Pick<Tally, 'answeredBy' | 'failedAt'>,
  active: Record<string, number> = {},
): BackendNotes {
  const notes: BackendNotes['notes'] = {};
  const stopped = new Set<NodeName>();
  const addresses = new Set([
    ...Object.keys(backends),
    ...Object.keys(tally.answeredBy),
    ...Object.keys(tally.failedAt),
  ]);
  for (const address of addresses) {
    const node: NodeName = `backend:${address}`;
    const spec = { ...backends[address], ...states[address] };
    const lines: string[] = [];
    const state: string[] = [];
    if (spec.down) {
      stopped.add(node);
      state.push('stopped');
    } else {
      if (spec.latencyMs) state.push(`slow: +${spec.latencyMs} ms`);
      if (spec.failRate) state.push(`failing ${Math.round(spec.failRate * 100)}%`);
    }
    if (state.length) lines.push(state.join(', '));
    const answered = tally.answeredBy[address] ?? 0;
    const failed = tally.failedAt[address] ?? 0;
    lines.push(`${answered} answered${failed ? `, ${failed} failed` : ''}`);
    if (active[address]) lines.push(`${active[address]} in progress`);
    notes[node] = lines;
  }
  return { notes, stopped };
}
