import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatProblem, loadLesson } from './load-lesson';

const FIXTURES = 'test/fixtures/lessons';

function load(name: string, edit: (source: string) => string = (s) => s) {
  const file = `${FIXTURES}/${name}`;
  return loadLesson(file, edit(readFileSync(file, 'utf8')));
}

function problems(name: string, edit?: (source: string) => string): string[] {
  return load(name, edit).problems.map(formatProblem);
}

describe('loadLesson', () => {
  it('reads a valid lesson with no problems', () => {
    const { lesson, problems } = load('01-valid.md');
    expect(problems).toEqual([]);
    expect(lesson).toMatchObject({
      id: 'valid',
      title: 'A valid lesson',
      order: 1,
      file: 'test/fixtures/lessons/01-valid.md',
      widget: null,
      sections: [
        { slug: 'round-robin', title: 'Round robin' },
        { slug: 'weights', title: 'Weights' },
      ],
    });
  });

  it('fills in the defaults: a GET from 127.0.0.1 of the first server_name, no body, no wait', () => {
    const { lesson } = load('01-valid.md');
    expect(lesson!.scenario.files).toEqual({});
    expect(lesson!.scenario.requests).toEqual([
      {
        method: 'GET',
        url: 'http://example.com/',
        headers: [],
        body: null,
        client: '127.0.0.1',
        waitMs: 0,
      },
    ]);
    const predict = lesson!.quiz[1]!;
    expect(predict.kind === 'predict' && predict.request).toEqual(lesson!.scenario.requests[0]);
  });

  it('takes headers as a map or as a list, presets with labels, and waitMs on quiz requests', () => {
    const { lesson, problems } = load('01-valid.md', (s) =>
      s
        .replace(
          '    127.0.0.1:3003: { name: app-c }\n',
          `    127.0.0.1:3003: { name: app-c }
  requests:
    - label: With a map
      url: http://example.com/a
      headers: { Accept: text/html, X-Count: 5 }
    - url: https://example.com/b
      method: POST
      headers: [[Cookie, a=1], [Cookie, b=2]]
      body: hello
      client: 127.0.0.2
`,
        )
        .replace(
          '    request: { url: http://example.com/ }\n    observe',
          '    request: { url: http://example.com/, waitMs: 61000 }\n    observe',
        ),
    );
    expect(problems).toEqual([]);
    expect(lesson!.scenario.requests).toEqual([
      {
        label: 'With a map',
        method: 'GET',
        url: 'http://example.com/a',
        headers: [
          ['Accept', 'text/html'],
          ['X-Count', '5'],
        ],
        body: null,
        client: '127.0.0.1',
        waitMs: 0,
      },
      {
        method: 'POST',
        url: 'https://example.com/b',
        headers: [
          ['Cookie', 'a=1'],
          ['Cookie', 'b=2'],
        ],
        body: 'hello',
        client: '127.0.0.2',
        waitMs: 0,
      },
    ]);
    const predict = lesson!.quiz[1]!;
    expect(predict.kind === 'predict' && predict.request.waitMs).toBe(61000);
  });

  it('renders inline Markdown in steps, prompts, choices and hints', () => {
    const { lesson } = load('01-valid.md');
    expect(lesson!.steps[0]).toEqual({
      doHtml: 'Send the request <strong>three</strong> times.',
      lookHtml: 'The callout names a different backend each time.',
    });
    const fix = lesson!.quiz[2]!;
    expect(fix.kind === 'fix' && fix.hintHtml).toBe(
      'Look at <code>weight=</code> on the <code>server</code> line.',
    );
    const predict = lesson!.quiz[1]!;
    expect(predict.kind === 'predict' && predict.choices[0]).toEqual({
      html: 'app-a',
      value: 'app-a',
      correct: true,
      whyHtml: 'Round robin starts again at the top after app-c.',
    });
  });

  it('strips scripts, event handlers and javascript: links from the text', () => {
    const { html } = load('01-valid.md').lesson!;
    expect(html).not.toMatch(/<script|alert|onerror|onclick|javascript:|<img/i);
    expect(html).toContain('<a>a link</a>');
    expect(html).toContain('<a href="https://nginx.org/">a fine one</a>');
    expect(html).toContain('<p>Clicked</p>');
  });

  it('highlights nginx code blocks and gives ## headings their slug as id', () => {
    const { html } = load('01-valid.md').lesson!;
    expect(html).toContain('<h2 id="round-robin">Round robin</h2>');
    expect(html).toContain(
      '<pre tabindex="0"><code class="hljs language-nginx"><span class="hljs-section">upstream</span> app { ' +
        '<span class="hljs-attribute">server</span> <span class="hljs-number">127.0.0.1:3001</span>; }</code></pre>',
    );
  });

  it('names the missing field', () => {
    expect(problems('02-missing-title.md')).toEqual([
      'test/fixtures/lessons/02-missing-title.md: title: required',
    ]);
  });

  it('refuses an unknown question kind', () => {
    expect(problems('03-bad-kind.md')).toEqual([
      'test/fixtures/lessons/03-bad-kind.md: quiz[1].kind: must be one of single, multiple, predict, fix',
    ]);
  });

  it('refuses a single-choice question with two correct choices', () => {
    expect(problems('04-two-correct.md')).toEqual([
      'test/fixtures/lessons/04-two-correct.md: quiz[2].choices: a single-choice question needs exactly one correct choice',
    ]);
  });

  it('refuses a question whose section is not a ## heading', () => {
    expect(problems('05-unknown-section.md')).toEqual([
      'test/fixtures/lessons/05-unknown-section.md: quiz[1].section: no ## heading has the slug "weights" (the sections are: round-robin)',
    ]);
  });

  it.each([
    [
      'a misspelt field',
      'title: A valid',
      'titel: A valid',
      ['title: required', 'titel: unknown field'],
    ],
    [
      'text for a number',
      'order: 1',
      'order: first',
      ['order: must be a number, not text "first"'],
    ],
    [
      'an address without a port',
      '127.0.0.1:3001: { name: app-a }',
      'localhost: { name: app-a }',
      ['scenario.backends.localhost: a backend is keyed by host:port, like 127.0.0.1:3001'],
    ],
    [
      'an unknown app',
      '127.0.0.1:3001: { name: app-a }',
      '127.0.0.1:3001: { name: app-a, app: nope }',
      [
        'scenario.backends["127.0.0.1:3001"].app: must be one of echo, site, api, slow, flaky, caching',
      ],
    ],
    [
      'a request that is not a URL, from an unknown client',
      '    request: { url: http://example.com/ }',
      '    request: { url: example.com/, client: 10.0.0.1 }',
      [
        'quiz[1].request.url: must be an http:// or https:// URL with a host',
        'quiz[1].request.client: must be one of 127.0.0.1, 127.0.0.2, 127.0.0.3',
      ],
    ],
    [
      'an unknown observation',
      'observe: backend',
      'observe: upstream',
      ['quiz[1].observe: must be backend, status, cache, header:Name or upstream-header:Name'],
    ],
    [
      'an empty expectation',
      'expect: { backend: app-b }',
      'expect: {}',
      ['quiz[2].checks[1].expect: needs at least one of status, backend, cache, headers'],
    ],
    [
      'a predict question with two correct choices',
      '      - text: app-b\n',
      '      - text: app-b\n        correct: true\n',
      ['quiz[1].choices: a predict question needs exactly one correct choice'],
    ],
    [
      'two questions with one id',
      '  - id: fourth',
      '  - id: where',
      ['quiz[1].id: "where" is also the id of quiz[0]'],
    ],
    ['no steps', /steps:\n[^\n]*\n[^\n]*\n/, 'steps: []\n', ['steps: needs at least 1 step']],
    [
      'invalid YAML',
      'summary: Round robin',
      'summary: [Round robin',
      [
        '(frontmatter): not valid YAML at line 6: Flow sequence in block collection must be sufficiently indented and end with a ]',
      ],
    ],
    [
      'an unknown code language',
      '```nginx',
      '```ngnix',
      [
        'body: code block language "ngnix" is not highlighted; use nginx, http, shell, bash, json, xml, javascript or text',
      ],
    ],
    [
      'a # heading',
      '## Round robin {#round-robin}',
      '# Round robin {#round-robin}',
      [
        `body: "# Round robin": use ## for a section; the lesson's title is its only # heading`,
        'quiz[0].section: no ## heading has the slug "round-robin" (the sections are: weights)',
        'quiz[1].section: no ## heading has the slug "round-robin" (the sections are: weights)',
      ],
    ],
  ] as const)('reports %s', (_what, from, to, expected) => {
    expect(problems('01-valid.md', (s) => s.replace(from, to))).toEqual(
      expected.map((m) => `test/fixtures/lessons/01-valid.md: ${m}`),
    );
  });

  it('needs frontmatter', () => {
    expect(loadLesson('lessons/01-x.md', '# Hello\n').problems.map(formatProblem)).toEqual([
      'lessons/01-x.md: a lesson starts with YAML frontmatter between two --- lines',
    ]);
  });
});
