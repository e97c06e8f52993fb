/**
 * Runs a quiz question's requests through the real engine and backends, on a
 * fresh proxy with virtual time, so a question is answered by what nginx
 * does. The quiz UI (in the browser) and the lesson tests (in node) both use
 * it, so what the tests check is what the learner sees.
 */
import { headerValue, VirtualClock } from '../engine';
import { answeredBy, cacheStatusOf } from '../explain';
import { SandboxCore } from '../runtime/sandbox-core';
import { problemText } from './problem-text';
import type { ConfigProblem, Exchange } from '../runtime/types';
import type {
  Expectation,
  FixQuestion,
  LessonRequest,
  LessonScenario,
  Observation,
} from '../course/types';

export interface Observed {
  /** What `what` came to for `request`: `app-b`, `200`, `HIT`, a header's value, or `none`. */
  value: string;
  exchange: Exchange;
  /** The exchanges of the `before` requests, in order. */
  earlier: Exchange[];
}

/**
 * Sends `before`, then `request`, to a fresh proxy running the scenario, and
 * says what `what` came to for `request`. Throws an Error with nginx's message
 * when the scenario's config is refused (a lesson's never is: its tests check).
 */
export async function observe(
  scenario: LessonScenario,
  before: readonly LessonRequest[],
  request: LessonRequest,
  what: Observation,
): Promise<Observed> {
  const proxy = startProxy(scenario, scenario.config);
  if (!proxy.ok) throw new Error(`the scenario's config is refused: ${problemText(proxy.problem)}`);
  const earlier: Exchange[] = [];
  for (const r of before) earlier.push(await proxy.send(r));
  const exchange = await proxy.send(request);
  return { value: observation(exchange, what, scenario), exchange, earlier };
}

export type FixCheck = FixQuestion['checks'][number];

export interface CheckResult {
  /** The check's words for the learner. */
  describe: string;
  ok: boolean;
  /** What came back, in the terms the check expects: `status 502, backend none`. */
  got: string;
  /** null when the request could not be sent (see `got`). */
  exchange: Exchange | null;
}

export interface ChecksOutcome {
  /** Every check passed. */
  ok: boolean;
  /** The config was refused: nginx's message (no check was run). */
  problem?: ConfigProblem;
  results: CheckResult[];
}

/**
 * Runs a fix question's checks against `config` (with the scenario's backends
 * and files): each request in order, on one fresh proxy. A config the engine
 * refuses gives `ok: false` with nginx's message, never a throw.
 */
export async function runChecks(
  config: string,
  scenario: LessonScenario,
  checks: readonly FixCheck[],
): Promise<ChecksOutcome> {
  const proxy = startProxy(scenario, config);
  if (!proxy.ok) return { ok: false, problem: proxy.problem, results: [] };
  const results: CheckResult[] = [];
  for (const check of checks) {
    let exchange: Exchange;
    try {
      exchange = await proxy.send(check.request);
    } catch (error) {
      results.push({ describe: check.describe, ok: false, got: String(error), exchange: null });
      continue;
    }
    const { ok, got } = compare(exchange, check.expect, scenario);
    results.push({ describe: check.describe, ok, got, exchange });
  }
  return { ok: results.every((r) => r.ok), results };
}

/** What `what` came to in one exchange (see Observation). */
export function observation(
  exchange: Exchange,
  what: Observation,
  scenario: Pick<LessonScenario, 'backends'>,
): string {
  if (what.startsWith('upstream-header:')) {
    // The last request a backend received (after any retries), as it arrived.
    const sent = exchange.upstreamRequest;
    return (sent && headerValue(sent.headers, what.slice('upstream-header:'.length))) ?? 'none';
  }
  const response = exchange.response;
  if (!response) return 'none';
  switch (what) {
    case 'status':
      return String(response.status);
    case 'backend': {
      const backend = answeredBy(exchange);
      if (!backend) return 'none';
      return scenario.backends[backend.address]?.name ?? backend.address;
    }
    case 'cache':
      return cacheStatusOf(exchange) ?? 'none';
    default:
      return headerValue(response.headers, what.slice('header:'.length)) ?? 'none';
  }
}

function compare(
  exchange: Exchange,
  expect: Expectation,
  scenario: LessonScenario,
): { ok: boolean; got: string } {
  const got: string[] = [];
  let ok = true;
  const see = (label: string, value: string, wanted: string) => {
    got.push(`${label} ${value}`);
    if (value !== wanted) ok = false;
  };
  if (expect.status !== undefined)
    see('status', observation(exchange, 'status', scenario), String(expect.status));
  if (expect.backend !== undefined)
    see('backend', observation(exchange, 'backend', scenario), expect.backend);
  if (expect.cache !== undefined)
    see('cache', observation(exchange, 'cache', scenario), expect.cache);
  for (const [name, wanted] of Object.entries(expect.headers ?? {})) {
    const value = exchange.response ? headerValue(exchange.response.headers, name) : undefined;
    got.push(value === undefined ? `no ${name} header` : `${name}: ${value}`);
    if ((value ?? null) !== wanted) ok = false;
  }
  if (!exchange.response)
    got.unshift(`no response (${exchange.connectionError ?? 'none came back'})`);
  return { ok, got: got.join(', ') };
}

type StartedProxy =
  | { ok: true; send: (request: LessonRequest) => Promise<Exchange> }
  | { ok: false; problem: ConfigProblem };

/** A fresh proxy on its own virtual clock, run by the sandbox's own core so behaviour matches the sandbox. */
function startProxy(scenario: LessonScenario, config: string): StartedProxy {
  const clock = new VirtualClock();
  const core = new SandboxCore(clock);
  const loaded = core.load({ config, backends: scenario.backends, files: scenario.files });
  if (!loaded.ok) return { ok: false, problem: loaded.problem };
  return {
    ok: true,
    send: (request) => {
      clock.advanceTo(clock.now() + request.waitMs);
      return core.send(request);
    },
  };
}
