/**
 * Exports on real nginx: every lesson's and scenario's export passes
 * `nginx -t` (through its own start.sh), and a few exports, started for real
 * with their backends, answer a lesson's requests with the same status and
 * backend as the sandbox's engine. Skipped when nginx is not installed.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { headerValue, VirtualClock } from '../../src/engine';
import { courseLessons, lessonScenario } from '../../src/export/find-scenario';
import type { ExportableScenario } from '../../src/export/export-scenario';
import { SandboxCore } from '../../src/runtime/sandbox-core';
import type { ClientRequest } from '../../src/scenario';
import { SCENARIOS } from '../../src/scenario/builtin';
import {
  checkExport,
  findNginx,
  moveToFreePorts,
  relocate,
  removeDir,
  sendReal,
  startExport,
  tempDir,
  type Running,
  waitForPort,
  writeAndSetUp,
} from './real-nginx';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const nginx = findNginx();
const lessons = courseLessons(join(ROOT, 'lessons'), ROOT);
const dirs: string[] = [];
/** Exports still running: stopped after each test, even one that timed out before its own finally. */
const running = new Set<Running>();
afterEach(async () => {
  await Promise.all([...running].map((r) => r.stop()));
  running.clear();
});
afterAll(() => dirs.forEach(removeDir));

function workDir(label: string): string {
  const dir = tempDir(label);
  dirs.push(dir);
  return dir;
}

const toCheck: [string, ExportableScenario][] = [
  ...lessons.map((l): [string, ExportableScenario] => [l.id, lessonScenario(l)]),
  ...lessons.flatMap((l) =>
    l.quiz.flatMap((q): [string, ExportableScenario][] =>
      q.kind === 'fix'
        ? [[`${l.id} (${q.id} solved)`, { ...lessonScenario(l), config: q.solution }]]
        : [],
    ),
  ),
  ...SCENARIOS.map((s): [string, ExportableScenario] => [
    `scenario ${s.id}`,
    { title: s.title, config: s.config, backends: s.backends, files: s.files ?? {} },
  ]),
];

/** nginx starts as root here (as in CI); as another user it may not write its paths, so those runs skip. */
const asRoot = process.getuid?.() === 0;
if (!nginx)
  console.warn(
    'export-nginx: no nginx binary, so the real-nginx checks are skipped: apt-get install -y nginx',
  );
else if (!asRoot)
  console.warn('export-nginx: not running as root, so the real-nginx checks are skipped');

describe.skipIf(!nginx || !asRoot)('exports on real nginx', () => {
  it.each(toCheck)(
    'nginx -t accepts the export of %s',
    (name, scenario) => {
      const dir = workDir('t');
      const exported = join(dir, 'export');
      writeAndSetUp(exported, relocate(scenario, join(dir, 'host')), name);
      const { ok, output } = checkExport(exported, nginx!);
      expect(output).toContain('test is successful');
      expect(ok, output).toBe(true);
    },
    30_000,
  );

  /** The engine's answers to `requests`, each as status and x-backend. */
  async function sandboxAnswers(scenario: ExportableScenario, requests: readonly ClientRequest[]) {
    const core = new SandboxCore(new VirtualClock());
    const loaded = core.load({
      config: scenario.config,
      backends: scenario.backends,
      files: scenario.files,
    });
    expect(loaded.ok).toBe(true);
    const out: { status: number | null; backend: string | null }[] = [];
    for (const r of requests) {
      const exchange = await core.send(r);
      out.push({
        status: exchange.response?.status ?? null,
        backend: (exchange.response && headerValue(exchange.response.headers, 'x-backend')) ?? null,
      });
    }
    return out;
  }

  /**
   * Lessons whose answers do not hang on what the harness changes: the hash ring of
   * smarter-balancing is built from the servers' addresses (moved to free ports here), and
   * security, logs and inside-nginx turn on rate limits and timeouts measured in real time;
   * ab-testing splits on $request_id, which nginx fills with random bytes (the sandbox counts).
   */
  const ADDRESS_OR_TIME_BOUND = new Set([
    'smarter-balancing',
    'security',
    'logs',
    'inside-nginx',
    'ab-testing',
  ]);

  const fromLessons = lessons
    .filter((l) => !ADDRESS_OR_TIME_BOUND.has(l.id))
    .map((l): [string, ExportableScenario, ClientRequest[]] => [
      l.id,
      lessonScenario(l),
      // Twice over, so balancers go round and caches hit.
      [...l.scenario.requests, ...l.scenario.requests],
    ]);
  const fromScenarios = SCENARIOS.filter((s) => ['round-robin', 'failover'].includes(s.id)).map(
    (s): [string, ExportableScenario, ClientRequest[]] => {
      const request: ClientRequest = s.request;
      return [
        `scenario ${s.id}`,
        { title: s.title, config: s.config, backends: s.backends, files: s.files ?? {} },
        [request, request, request, request],
      ];
    },
  );

  it.each([...fromLessons, ...fromScenarios])(
    'the export of %s answers like the sandbox',
    async (name, scenario, requests) => {
      const expected = await sandboxAnswers(scenario, requests);
      const dir = workDir('run');
      const moved = await moveToFreePorts(relocate(scenario, join(dir, 'host')));
      writeAndSetUp(join(dir, 'export'), moved.scenario, name);
      const portOf = (url: string) => {
        const port = new URL(url).port || (url.startsWith('https:') ? '443' : '80');
        return moved.ports.get(Number(port))!;
      };
      const started = startExport(join(dir, 'export'), nginx!);
      running.add(started);
      try {
        for (const port of moved.ports.values())
          await waitForPort(port, 15_000).catch((error: Error) => {
            throw new Error(`${error.message}\n${started.output()}`);
          });
        const got = [];
        for (const r of requests) {
          const answer = await sendReal(r, portOf(r.url));
          got.push({ status: answer.status, backend: answer.backend });
        }
        expect(got, started.output()).toEqual(expected);
      } finally {
        await started.stop();
      }
    },
    60_000,
  );
});
