// The page's side of the course: virtual:lessons reaches the browser as data, and the quiz's
// engine runner works there as it does in node.
import { expect, it } from 'vitest';
import { LESSONS, loadLesson } from './lessons';
import { defaultRequest } from './load-default-request';
import { observe } from '../quiz/run-quiz';

it('virtual:lessons gives the lessons in order, with unique ids, each rendered in its own chunk', async () => {
  const orders = LESSONS.map((l) => l.order);
  expect(orders).toEqual([...orders].sort((a, b) => a - b));
  expect(new Set(LESSONS.map((l) => l.id)).size).toBe(LESSONS.length);
  for (const entry of LESSONS) {
    expect(entry).not.toHaveProperty('html');
    const lesson = await loadLesson(entry.id);
    expect(lesson).toMatchObject(entry);
    expect(lesson.file).toMatch(/^lessons\/\d[^/]*\.md$/);
    expect(lesson.html).not.toMatch(/<script/i);
  }
  await expect(loadLesson('no-such-lesson')).rejects.toThrow('there is no lesson called');
});

it('observe runs a question through the engine in the browser', async () => {
  const config = `events {}
http {
  upstream app { server 127.0.0.1:3001; server 127.0.0.1:3002; }
  server { listen 80; server_name example.com; location / { proxy_pass http://app; } }
}
`;
  const home = defaultRequest(config);
  const scenario = {
    config,
    backends: { '127.0.0.1:3001': { name: 'app-a' }, '127.0.0.1:3002': { name: 'app-b' } },
    files: {},
    requests: [home],
  };
  expect((await observe(scenario, [home], home, 'backend')).value).toBe('app-b');
});
