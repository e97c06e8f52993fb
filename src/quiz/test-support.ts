/**
 * For the quiz's tests: a lesson as the course hands it over (rendered, checked),
 * with one question of each kind on a round-robin scenario, run by the real engine.
 */
import type { Lesson, LessonRequest, Question } from '../course/types';

/** A request as the lesson loader fills it in: GET from 127.0.0.1, no headers, sent at once. */
export function request(url: string): LessonRequest {
  return { method: 'GET', url, headers: [], body: null, client: '127.0.0.1', waitMs: 0 };
}

const CONFIG = (api: string) => `events {}
http {
  upstream app {
    server 127.0.0.1:3001;
    server 127.0.0.1:3002;
    server 127.0.0.1:3003;
  }
  server {
    listen 80;
    server_name example.com;
    location / {
      proxy_pass http://app;
    }
    location /api/ {
${api}
    }
  }
}
`;

/** Where /api/ goes: a port nothing listens on (the fix question's start), or app-c. */
export const BROKEN_CONFIG = CONFIG('      proxy_pass http://127.0.0.1:3009;');
export const FIXED_CONFIG = CONFIG('      proxy_pass http://127.0.0.1:3003;');
/** nginx refuses it: `proxy_pas` is not a directive. */
export const TYPO_CONFIG = CONFIG('      proxy_pas http://127.0.0.1:3003;');

export const LESSON: Lesson = {
  id: 'load-balancing',
  title: 'Load balancing',
  order: 5,
  summary: 'One proxy, three copies of an app, and how nginx takes turns between them.',
  file: 'lessons/05-load-balancing.md',
  widget: null,
  html: '<h2 id="round-robin">Round robin</h2><p>Each in turn.</p><h2 id="locations">Locations</h2><p>By path.</p>',
  sections: [
    { slug: 'round-robin', title: 'Round robin' },
    { slug: 'locations', title: 'Locations' },
  ],
  scenario: {
    config: FIXED_CONFIG,
    backends: {
      '127.0.0.1:3001': { name: 'app-a' },
      '127.0.0.1:3002': { name: 'app-b' },
      '127.0.0.1:3003': { name: 'app-c' },
    },
    files: {},
    requests: [{ ...request('http://example.com/'), label: 'The home page' }],
  },
  steps: [{ doHtml: 'Send the request three times.', lookHtml: 'A different backend each time.' }],
  quiz: [
    {
      id: 'where',
      kind: 'single',
      section: 'round-robin',
      promptHtml: 'Where does a reverse proxy sit?',
      choices: [
        {
          html: 'In front of the servers, answering clients on their behalf.',
          correct: true,
          whyHtml: 'Clients talk to the proxy; only the proxy talks to the servers.',
        },
        {
          html: 'In front of the clients, on their own network.',
          correct: false,
          whyHtml: 'That is a <em>forward</em> proxy.',
        },
      ],
    },
    {
      id: 'methods',
      kind: 'multiple',
      section: 'round-robin',
      promptHtml: 'Which of these are ways nginx can pick a server in an <code>upstream</code>?',
      choices: [
        {
          html: '<code>least_conn</code>',
          correct: true,
          whyHtml: 'It picks the server with the fewest active connections.',
        },
        {
          html: '<code>ip_hash</code>',
          correct: true,
          whyHtml: 'The same client address goes to the same server.',
        },
        {
          html: '<code>fastest_first</code>',
          correct: false,
          whyHtml: 'nginx has no such directive.',
        },
      ],
    },
    {
      id: 'fourth',
      kind: 'predict',
      section: 'round-robin',
      promptHtml: 'After three requests, which backend answers the fourth?',
      before: [
        request('http://example.com/'),
        request('http://example.com/'),
        request('http://example.com/'),
      ],
      request: request('http://example.com/'),
      observe: 'backend',
      choices: [
        {
          value: 'app-a',
          html: 'app-a',
          correct: true,
          whyHtml: 'Round robin starts again at the top after app-c.',
        },
        {
          value: 'app-b',
          html: 'app-b',
          correct: false,
          whyHtml: 'app-b answered the second request; the turn has moved on.',
        },
        {
          value: 'app-c',
          html: 'app-c',
          correct: false,
          whyHtml: 'app-c answered the third request.',
        },
      ],
    },
    {
      id: 'api',
      kind: 'fix',
      section: 'locations',
      promptHtml: 'Send requests for <code>/api/</code> to app-c (127.0.0.1:3003).',
      config: BROKEN_CONFIG,
      solution: FIXED_CONFIG,
      checks: [
        {
          request: request('http://example.com/api/users'),
          expect: { status: 200, backend: 'app-c' },
          describe: 'A request for /api/users reaches app-c.',
        },
        {
          request: request('http://example.com/'),
          expect: { backend: 'app-a' },
          describe: 'The home page still goes to the pool, starting with app-a.',
        },
      ],
      hintHtml: 'Look at the port in the <code>proxy_pass</code> of <code>location /api/</code>.',
    },
  ],
};

/** One of LESSON's questions, by id, of the kinds given. */
export function question<K extends Question['kind']>(
  id: string,
  ...kinds: K[]
): Extract<Question, { kind: K }> {
  const found = LESSON.quiz.find((q) => q.id === id);
  if (!found) throw new Error(`no question ${id}`);
  if (!(kinds as string[]).includes(found.kind))
    throw new Error(`${id} is a ${found.kind} question`);
  return found as Extract<Question, { kind: K }>;
}
