/**
 * Exports on real nginx: every lesson's and scenario's export passes
 * `nginx -t` (through its own start.sh), and a few exports, started for real
 * with their backends, answer a lesson's requests with the same status and
 * backend as the sandbox's engine. Skipped when nginx is not installed.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { headerValue, VirtualClock } from '../../src/engine';
import { courseLessons, lessonScenario } from '../../src/export/find-scenario';
import type { ExportableScenario } from '../../src/export/export-scenario';
import { SandboxCore } from '../../src/runtime/sandbox-core';
import type { SendSpec } from '../../src/runtime/types';
import { SCENARIOS } from '../../src/scenarios';
import {
  checkExport,
  findNginx,
  moveToFreePorts,
  relocate,
  removeDir,
  sendReal,
  startExport,
  tempDir,
  waitForPort,
  writeAndSetUp,
} from './real-nginx';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const nginx = findNginx();
const lessons = courseLessons(join(ROOT, 'lessons'), ROOT);
const dirs: string[] = [];
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

if (!nginx)
  console.warn(
    'export-nginx: no nginx binary, so the real-nginx checks are skipped: apt-get install -y nginx',
  );

describe.skipIf(!nginx)('exports on real nginx', () => {
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
  async function sandboxAnswers(scenario: ExportableScenario, requests: readonly SendSpec[]) {
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

  const lessonRequests = (id: string, times: number): SendSpec[] => {
    const lesson = lessons.find((l) => l.id === id)!;
    const http = lesson.scenario.requests.filter((r) => r.url.startsWith('http://'));
    return Array.from({ length: times }, () => http).flat();
  };

  const runs: [string, () => { scenario: ExportableScenario; requests: SendSpec[] }][] = [
    [
      'load-balancing',
      () => ({
        scenario: lessonScenario(lessons.find((l) => l.id === 'load-balancing')!),
        requests: lessonRequests('load-balancing', 3),
      }),
    ],
    [
      'caching',
      () => ({
        scenario: lessonScenario(lessons.find((l) => l.id === 'caching')!),
        requests: lessonRequests('caching', 2),
      }),
    ],
    [
      'one-entry-many-services',
      () => ({
        scenario: lessonScenario(lessons.find((l) => l.id === 'one-entry-many-services')!),
        requests: lessonRequests('one-entry-many-services', 2),
      }),
    ],
    [
      'scenario failover',
      () => {
        const s = SCENARIOS.find((x) => x.id === 'failover')!;
        const request: SendSpec = {
          method: s.request.method,
          url: `http://${s.request.host}${s.request.path}`,
          headers: s.request.headers,
          body: null,
          client: '127.0.0.1',
        };
        return {
          scenario: {
            title: s.title,
            config: s.config,
            backends: s.backends,
            files: s.files ?? {},
          },
          requests: [request, request, request, request],
        };
      },
    ],
  ];

  it.each(runs)(
    'the export of %s answers like the sandbox',
    async (name, make) => {
      const { scenario, requests } = make();
      const expected = await sandboxAnswers(scenario, requests);
      const dir = workDir('run');
      const moved = await moveToFreePorts(relocate(scenario, join(dir, 'host')));
      writeAndSetUp(join(dir, 'export'), moved.scenario, name);
      const port = moved.ports.get(80)!;
      const running = startExport(join(dir, 'export'), nginx!);
      try {
        await waitForPort(port, 15_000).catch((error: Error) => {
          throw new Error(`${error.message}\n${running.output()}`);
        });
        const got = [];
        for (const r of requests) {
          const answer = await sendReal(r, port);
          got.push({ status: answer.status, backend: answer.backend });
        }
        expect(got, running.output()).toEqual(expected);
      } finally {
        await running.stop();
      }
    },
    60_000,
  );
});
