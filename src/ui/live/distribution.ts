/**
 * Who answered: requests per backend (the `x-backend` name the backend put on
 * its answer) and the answers nginx gave itself (rejections, cache hits,
 * returns, static files), read from each exchange's response and trace.
 */
import { headerValue } from '../../http/message';
import type { Exchange } from '../../runtime/types';

export interface Distribution {
  total: number;
  /** Answers from a backend, by name, in order of first appearance. */
  byBackend: { name: string; count: number }[];
  /** Answers nginx gave itself, by status and where they came from (`cache`, `error`, `return`...). */
  byNginx: { status: number; source: string; count: number }[];
  /** No HTTP response at all. */
  noResponse: number;
}

export function summarizeDistribution(exchanges: readonly Exchange[]): Distribution {
  const backends = new Map<string, number>();
  const nginx = new Map<string, { status: number; source: string; count: number }>();
  let noResponse = 0;
  for (const ex of exchanges) {
    if (!ex.response) {
      noResponse++;
      continue;
    }
    let source = 'upstream';
    for (let i = ex.trace.length - 1; i >= 0; i--) {
      const e = ex.trace[i]!;
      if (e.type === 'respond') {
        source = e.source;
        break;
      }
    }
    const backend = headerValue(ex.response.headers, 'x-backend');
    // A cache HIT replays the backend's headers, x-backend included, but no backend was asked.
    if (backend !== undefined && source === 'upstream') {
      backends.set(backend, (backends.get(backend) ?? 0) + 1);
      continue;
    }
    const status = ex.response.status;
    const id = `${status} ${source}`;
    const row = nginx.get(id);
    if (row) row.count++;
    else nginx.set(id, { status, source, count: 1 });
  }
  return {
    total: exchanges.length,
    byBackend: [...backends].map(([name, count]) => ({ name, count })),
    byNginx: [...nginx.values()].sort(
      (a, b) => a.status - b.status || (a.source < b.source ? -1 : 1),
    ),
    noResponse,
  };
}

/** `34%`, rounded; `<1%` rather than a misleading 0%. */
export function percent(count: number, total: number): string {
  if (total === 0) return '0%';
  const p = (100 * count) / total;
  return p > 0 && p < 1 ? '<1%' : `${Math.round(p)}%`;
}
