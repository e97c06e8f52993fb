import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkLesson } from './check-lesson';
import { formatProblem, loadLesson } from './load-lesson';

const FIXTURES = 'test/fixtures/lessons';

/** The engine's verdict on a fixture that has no problems of form. */
async function engineProblems(
  name: string,
  edit: (source: string) => string = (s) => s,
): Promise<string[]> {
  const file = `${FIXTURES}/${name}`;
  const { lesson, problems } = loadLesson(file, edit(readFileSync(file, 'utf8')));
  expect(problems).toEqual([]);
  return (await checkLesson(lesson!)).map(formatProblem);
}

describe('checkLesson', () => {
  it('passes a lesson whose scenario, answers and fixes match the engine', async () => {
    expect(await engineProblems('01-valid.md')).toEqual([]);
  });

  it('reports a scenario config nginx refuses, in its words', async () => {
    expect(await engineProblems('06-refused-config.md')).toEqual([
      'test/fixtures/lessons/06-refused-config.md: scenario.config: nginx refuses it: unknown directive "proxy_pas" in nginx.conf:4',
    ]);
  });

  it('reports a predict question whose correct choice is not what the engine does', async () => {
    expect(await engineProblems('07-wrong-prediction.md')).toEqual([
      'test/fixtures/lessons/07-wrong-prediction.md: quiz[1].choices[0]: the correct choice says backend is "app-a", but the engine gives "app-b"',
    ]);
  });

  it('reports a fix question whose starting config already passes', async () => {
    expect(await engineProblems('08-fix-passes.md')).toEqual([
      'test/fixtures/lessons/08-fix-passes.md: quiz[2].config: passes every check already; it must fail at least one',
    ]);
  });

  it('reports each check a solution fails, with what came back', async () => {
    const problems = await engineProblems('01-valid.md', (s) =>
      s.replace('server 127.0.0.1:3001 weight=2;', 'server 127.0.0.1:3001 weight=3;'),
    );
    expect(problems).toEqual([
      'test/fixtures/lessons/01-valid.md: quiz[2].checks[1]: the solution fails "The second goes to app-b.": got backend app-a',
      'test/fixtures/lessons/01-valid.md: quiz[2].checks[2]: the solution fails "The third goes to app-a again.": got backend app-b',
    ]);
  });

  it('reports a solution nginx refuses', async () => {
    const problems = await engineProblems('01-valid.md', (s) =>
      s.replace('server 127.0.0.1:3001 weight=2;', 'server 127.0.0.1:3001 weight=two;'),
    );
    expect(problems).toEqual([
      'test/fixtures/lessons/01-valid.md: quiz[2].solution: nginx refuses it: invalid parameter "weight=two" in nginx.conf:3',
    ]);
  });

  it('reports a preset that gets no response', async () => {
    const problems = await engineProblems('01-valid.md', (s) =>
      s.replace('\nsteps:', '\n  requests: [{ url: "http://example.com:8080/" }]\nsteps:'),
    );
    expect(problems).toEqual([
      'test/fixtures/lessons/01-valid.md: scenario.requests[0]: GET http://example.com:8080/ gets no response: connection refused: nothing listens on port 8080',
    ]);
  });
});
