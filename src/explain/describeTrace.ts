/** Turns the engine's trace into plain lines a learner can read, one per decision. */
import type { TraceEvent } from '../engine';
import { headerChangeWords } from './headerChanges';

/** `stage: what happened — why`, with no time stamp. */
export function describeEvent(event: TraceEvent): string {
  switch (event.type) {
    case 'receive': {
      const scheme = event.tls ? 'https' : 'http';
      return `receive: ${event.method} ${event.target} from ${event.client} — ${scheme} on port ${event.port}, Host ${event.host ? event.host : '(none)'}`;
    }
    case 'reject':
      return `reject: ${event.status === null ? 'no response' : event.status} — ${event.reason}`;
    case 'server':
      return `server: ${event.server || '""'} (line ${event.line}) — ${event.reason}`;
    case 'match':
      return event.location === null
        ? `match: no location for ${event.uri} — ${event.reason}`
        : `match: location ${event.location} — ${event.reason}`;
    case 'rewrite':
      return `rewrite: ${event.from} → ${event.to}${event.flag ? ` (${event.flag})` : ''}, line ${event.line} — ${event.reason}`;
    case 'return':
      return `return: ${event.status} (line ${event.line}) — ${event.reason}`;
    case 'internal-redirect':
      return `internal redirect: to ${event.to} — ${event.reason}`;
    case 'balance':
      return `balance: ${event.chosen ?? 'no server'} — ${event.reason}`;
    case 'upstream': {
      const retry = event.attempt > 1 ? ` (attempt ${event.attempt})` : '';
      return `upstream: ${event.method} ${event.uri} HTTP/${event.httpVersion} → ${event.address}${retry}`;
    }
    case 'backend':
      return `backend: ${event.address} ${backendOutcome(event)}`;
    case 'headers':
      return `headers: ${headerChangeWords(event, { values: true })} — ${event.reason}`;
    case 'respond':
      return `respond: ${event.status} — ${event.reason}`;
    case 'static':
      return `static: ${event.reason}`;
    case 'limit': {
      const wait = event.directive === 'limit_req' && event.delayMs ? ` ${event.delayMs} ms` : '';
      return `${event.directive}: ${event.decision}${wait} — ${event.reason}`;
    }
    case 'cache':
      return `cache ${event.step}: ${event.step === 'evict' ? event.key : event.status || 'not used'} (zone ${event.zone}) — ${event.reason}`;
    case 'compress':
      return `gzip: ${event.compressed ? 'compressed' : 'not compressed'} — ${event.reason}`;
    case 'log':
      return `log: ${event.line}`;
    default: {
      const never: never = event;
      throw new Error(`no words for trace event ${JSON.stringify(never)}`);
    }
  }
}

/** Every event as `[N ms] stage: what — why`, time counted from the request's first event. */
export function describeTrace(trace: readonly TraceEvent[]): string[] {
  const start = trace[0]?.at ?? 0;
  return trace.map((event) => `[${event.at - start} ms] ${describeEvent(event)}`);
}

function backendOutcome(event: Extract<TraceEvent, { type: 'backend' }>): string {
  switch (event.outcome) {
    case 'response':
      return `answered ${event.status} in ${event.durationMs} ms`;
    case 'refused':
      return 'refused the connection';
    case 'timeout':
      return `did not answer in ${event.durationMs} ms`;
  }
}
