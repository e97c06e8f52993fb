/**
 * Lessons for the course screens' tests, so they do not depend on what the
 * course holds: three small lessons on the classic proxy, with quizzes.
 */
import type { ChoiceQuestion, Lesson, LessonRequest } from './types';
import { classicProxy } from '../scenario/builtin/classic-proxy';

function request(url: string, extra: Partial<LessonRequest> = {}): LessonRequest {
  return { method: 'GET', url, headers: [], body: null, client: '127.0.0.1', waitMs: 0, ...extra };
}

function question(id: string, prompt: string, right: string, wrong: string): ChoiceQuestion {
  return {
    id,
    kind: 'single',
    promptHtml: prompt,
    section: 'first',
    choices: [
      { html: right, correct: true, whyHtml: 'Because it is.' },
      { html: wrong, correct: false, whyHtml: 'Because it is not.' },
    ],
  };
}

function lesson(order: number, id: string, title: string, quiz: ChoiceQuestion[]): Lesson {
  return {
    id,
    title,
    order,
    summary: `What ${title.toLowerCase()} is about, in one sentence.`,
    file: `lessons/0${order}-${id}.md`,
    widget: null,
    html: `<p>The text of ${title}.</p><h2 id="first">First things</h2><p>More words.</p>`,
    sections: [{ slug: 'first', title: 'First things' }],
    scenario: {
      config: classicProxy.config,
      backends: classicProxy.backends,
      files: {},
      requests: [
        request('http://example.com/', { label: 'The home page' }),
        request('http://example.com/api/items?page=2', {
          label: 'An API call from another client',
          client: '127.0.0.2',
          headers: [['Accept', 'application/json']],
        }),
      ],
    },
    steps: [
      { doHtml: 'Send <strong>the request</strong>.', lookHtml: 'The answer comes from app.' },
      { doHtml: 'Send it again.', lookHtml: 'Nothing changes.' },
    ],
    quiz,
  };
}

export const TEST_LESSONS: readonly Lesson[] = [
  lesson(1, 'what-is-a-proxy', 'What is a proxy', [
    question('where', 'Where does the proxy sit?', 'In front', 'Behind'),
    question('who', 'Who talks to the app?', 'The proxy', 'The client'),
  ]),
  {
    ...lesson(2, 'headers', 'Headers on the way', [
      question('host', 'Which Host?', 'Same', 'Other'),
    ]),
    widget: 'proxy-kinds',
  },
  lesson(3, 'last-words', 'Last words', [question('end', 'Is this the end?', 'Yes', 'No')]),
];
