import { forEachDiagnostic } from '@codemirror/lint';
import { EditorView } from '@codemirror/view';
import { afterEach, expect, test } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import '../../app.css';
import type { PlaygroundRoute } from '../../course/route';
import type { PlaygroundScenario } from '../../playground/playground-scenario';
import { editableScenario } from '../../playground/playground-state';
import { encodeScenario } from '../../playground/share';
import { createPageRuntime } from '../../runtime/page-runtime';
import { classicProxy } from '../../scenario/builtin/classic-proxy';
import type { Scenario } from '../../scenario';
import { TEST_LESSONS } from '../../course/test-lessons';
import PlaygroundPage from './PlaygroundPage.svelte';

afterEach(async () => {
  await page.viewport(414, 896);
});

/** The classic proxy with a second app beside the first, for the config to switch to. */
const twoApps: Scenario = {
  ...classicProxy,
  id: 'two-apps',
  title: 'Two apps, one proxy',
  backends: { '127.0.0.1:3000': { name: 'app' }, '127.0.0.1:3001': { name: 'other' } },
};

/** A site served from the proxy's disk. */
const site: Scenario = {
  id: 'site',
  title: 'Files from the disk',
  summary: 'nginx serves /srv/www.',
  config: `events {}
http {
  server {
    listen 80;
    root /srv/www;
  }
}
`,
  backends: {},
  files: { '/srv/www/index.html': 'the old page' },
  request: {
    method: 'GET',
    url: 'http://example.com/index.html',
    headers: [],
    body: null,
    client: '127.0.0.1',
  },
  presets: [],
};

async function renderPage(route: Partial<PlaygroundRoute> = {}) {
  const screen = await render(PlaygroundPage, {
    route: { page: 'playground', scenario: null, ...route },
    scenarios: [twoApps, site],
    lessons: TEST_LESSONS,
    runtime: createPageRuntime(),
  });
  await expect.element(screen.getByRole('button', { name: 'Send request' })).toBeVisible();
  await expect.poll(() => screen.container.querySelector('.cm-editor')).not.toBeNull();
  const view = EditorView.findFromDOM(screen.container.querySelector<HTMLElement>('.cm-editor')!)!;
  const result = screen.getByRole('status', { name: 'Result' });

  /** Sends the form's request and waits for its answer. */
  async function send(expected = 'Response: 200 OK') {
    await expect.element(screen.getByRole('button', { name: 'Send request' })).toBeVisible();
    await screen.getByRole('button', { name: 'Send request' }).click();
    await expect.element(result).toHaveTextContent(expected);
  }

  /** Waits for the proxy to reload: a new scenario clears the last answer. */
  async function reloaded() {
    await expect.element(result).toHaveTextContent('Send a request to see what the proxy does');
  }

  return { screen, view, send, reloaded };
}

/** The note under "As the backend received it" naming the backend. */
function sentTo(screen: Awaited<ReturnType<typeof render>>, address: string) {
  return screen
    .getByRole('region', { name: 'As the backend received it' })
    .getByText(`Sent to ${address}.`)
    .first();
}

function diagnostics(view: EditorView) {
  const found: { line: number; message: string }[] = [];
  forEachDiagnostic(view.state, (d, from) => {
    found.push({ line: view.state.doc.lineAt(from).number, message: d.message });
  });
  return found;
}

function replaceText(view: EditorView, from: string, to: string) {
  const at = view.state.doc.toString().indexOf(from);
  view.dispatch({ changes: { from: at, to: at + from.length, insert: to } });
}

test('a broken directive applied shows nginx’s message at its line, the old config keeps serving; fixed, the next request goes where the new config says', async () => {
  const { screen, view, send, reloaded } = await renderPage();
  await send();
  await expect.element(sentTo(screen, '127.0.0.1:3000')).toBeVisible();

  view.focus();
  view.dispatch({ selection: { anchor: view.state.doc.toString().indexOf('proxy_pass') + 10 } });
  await userEvent.keyboard('{Backspace}');
  await screen.getByRole('button', { name: 'Apply' }).click();

  const alert = screen.getByRole('alert').filter({ hasText: 'unknown directive "proxy_pas"' });
  await expect.element(alert).toHaveTextContent('The previous config keeps serving');
  await expect
    .element(screen.getByText('Not applied: the previous config keeps serving.'))
    .toBeVisible();
  await expect
    .poll(() => diagnostics(view))
    .toContainEqual({
      line: 7,
      message: 'unknown directive "proxy_pas"',
    });
  await expect
    .element(screen.getByText('Line 7: unknown directive "proxy_pas"').first())
    .toBeVisible();
  // What was typed is still there after the refusal.
  expect(view.state.doc.toString()).toContain('proxy_pas http://127.0.0.1:3000;');

  await send();
  await expect.element(sentTo(screen, '127.0.0.1:3000')).toBeVisible();

  replaceText(view, 'proxy_pas http://127.0.0.1:3000', 'proxy_pass http://127.0.0.1:3001');
  await screen.getByRole('button', { name: 'Apply' }).click();
  await expect.element(screen.getByText('Applied: the new config is serving.')).toBeVisible();
  await reloaded();
  await send();
  await expect.element(sentTo(screen, '127.0.0.1:3001')).toBeVisible();
  await expect.element(screen.getByText(/The last Apply was refused/)).not.toBeInTheDocument();
});

test('a shared link opens its scenario exactly: the config in the editor, the backends, the files, the request', async () => {
  const shared: PlaygroundScenario = {
    title: 'Blue and green',
    config: twoApps.config.replace('127.0.0.1:3000', 'blue.internal:8080'),
    backends: {
      'blue.internal:8080': { name: 'blue', app: 'api', latencyMs: 200 },
      '127.0.0.1:3009': { name: 'green', down: true },
    },
    files: { '/srv/www/a.html': '<b>not html here</b>' },
    request: {
      method: 'POST',
      url: 'http://example.com/api/items?x=1',
      headers: [['X-Try', 'yes']],
      body: '{}',
      client: '127.0.0.2',
    },
  };
  const { screen, view } = await renderPage({ shared: encodeScenario(shared) });

  expect(view.state.doc.toString()).toBe(shared.config);
  await expect
    .element(screen.getByRole('heading', { level: 2, name: 'Blue and green' }))
    .toBeVisible();
  await expect.element(screen.getByLabelText('Scenario')).toHaveValue('');
  const blue = screen.getByRole('group', { name: 'blue blue.internal:8080' });
  await expect.element(blue.getByLabelText('Name', { exact: true })).toHaveValue('blue');
  await expect.element(blue.getByLabelText('App')).toHaveValue('api');
  await expect.element(blue.getByLabelText('Latency (ms)')).toHaveValue(200);
  const green = screen.getByRole('group', { name: 'green 127.0.0.1:3009' });
  await expect.element(green.getByLabelText('Down (connections refused)')).toBeChecked();
  await expect
    .element(screen.getByLabelText('Content of /srv/www/a.html'))
    .toHaveValue('<b>not html here</b>');
  expect(screen.container.querySelector('b')).toBeNull();
  await expect
    .element(screen.getByRole('region', { name: 'Send a request' }).getByLabelText('Method'))
    .toHaveValue('POST');
  await expect
    .element(screen.getByRole('region', { name: 'Send a request' }).getByLabelText('Path'))
    .toHaveValue('/api/items?x=1');
});

test('a tampered link is refused in the decoder’s words, and the first scenario opens instead', async () => {
  const text = encodeScenario(editableScenario(twoApps));
  const tampered = `${text.slice(0, 12)}<img src=x onerror=alert(1)>${text.slice(12)}`;
  const { screen, view } = await renderPage({ shared: tampered });

  const alert = screen
    .getByRole('alert')
    .filter({ hasText: 'The shared link could not be opened.' });
  await expect.element(alert).toHaveTextContent('This link is damaged');
  await expect.element(alert).toHaveTextContent(`opened “${twoApps.title}” instead`);
  expect(screen.container.querySelector('img')).toBeNull();
  expect(view.state.doc.toString()).toBe(twoApps.config);
});

test('a backend added, named and given a header, then pointed at by the config, answers', async () => {
  const { screen, view, send, reloaded } = await renderPage();
  await screen.getByRole('button', { name: 'Add a backend' }).click();
  const added = screen.getByRole('group', { name: 'app-2 127.0.0.1:3002' });
  await expect.element(added).toBeVisible();

  await added.getByLabelText('Name', { exact: true }).fill('blue');
  await userEvent.keyboard('{Tab}');
  const blue = screen.getByRole('group', { name: 'blue 127.0.0.1:3002' });
  await blue.getByLabelText('Address (host:port)').fill('127.0.0.1:99999');
  await userEvent.keyboard('{Tab}');
  await expect.element(blue.getByText('The port must be between 1 and 65535.')).toBeVisible();
  await blue.getByLabelText('Address (host:port)').fill('127.0.0.1:4000');
  await userEvent.keyboard('{Tab}');
  const moved = screen.getByRole('group', { name: 'blue 127.0.0.1:4000' });
  await moved.getByText('Extra response headers (0)').click();
  await moved.getByLabelText('Header name').fill('X-Color');
  await moved.getByLabelText('Header value').fill('blue');
  await moved.getByRole('button', { name: 'Add header' }).click();
  await expect.element(moved.getByText('X-Color: blue')).toBeVisible();

  replaceText(view, '127.0.0.1:3000', '127.0.0.1:4000');
  await screen.getByRole('button', { name: 'Apply' }).click();
  await expect.element(screen.getByText('Applied: the new config is serving.')).toBeVisible();
  await reloaded();
  await send();
  await expect.element(sentTo(screen, '127.0.0.1:4000')).toBeVisible();
  const response = screen.getByRole('region', { name: 'What the client got back' });
  await expect.element(response).toHaveTextContent('X-Color: blue');
  await expect.element(response).toHaveTextContent('"backend": "blue"');

  await screen.getByRole('button', { name: 'Remove other' }).click();
  await expect.element(screen.getByRole('group', { name: /^other / })).not.toBeInTheDocument();
  await expect.element(screen.getByRole('button', { name: 'Add a backend' })).toHaveFocus();
});

test('a file served by root, edited and saved, is served with its new content', async () => {
  const { screen, send, reloaded } = await renderPage({ scenario: 'site' });
  await send();
  const response = screen.getByRole('region', { name: 'What the client got back' });
  await expect.element(response).toHaveTextContent('the old page');

  await screen.getByLabelText('Content of /srv/www/index.html').fill('the new page');
  await screen.getByRole('button', { name: 'Save file' }).click();
  await reloaded();
  await send();
  await expect.element(response).toHaveTextContent('the new page');

  await screen.getByLabelText('New file').fill('srv/www/b.html');
  await screen.getByRole('button', { name: 'Add file' }).click();
  await expect
    .element(screen.getByText('A file’s path is absolute: it starts with /.'))
    .toBeVisible();
  await screen.getByLabelText('New file').fill('/srv/www/b.html');
  await screen.getByRole('button', { name: 'Add file' }).click();
  await expect.element(screen.getByLabelText('Content of /srv/www/b.html')).toHaveValue('');

  // Text not saved yet stays with its file while another is open.
  await screen.getByLabelText('Content of /srv/www/b.html').fill('draft of b');
  await screen.getByRole('button', { name: '/srv/www/index.html', exact: true }).click();
  await expect
    .element(screen.getByLabelText('Content of /srv/www/index.html'))
    .toHaveValue('the new page');
  await screen.getByRole('button', { name: '/srv/www/b.html (not saved)' }).click();
  await expect
    .element(screen.getByLabelText('Content of /srv/www/b.html'))
    .toHaveValue('draft of b');

  await screen.getByRole('button', { name: 'Delete /srv/www/b.html' }).click();
  await expect.element(screen.getByLabelText('New file')).toHaveFocus();
  await expect.element(screen.getByLabelText('Content of /srv/www/index.html')).toBeVisible();
});

test('fits a phone’s width, with the ways to share and export the scenario', async () => {
  await page.viewport(375, 800);
  const { screen } = await renderPage();
  await expect.element(screen.getByRole('button', { name: 'Copy link' })).toBeVisible();
  await expect.element(screen.getByRole('button', { name: 'Export for nginx' })).toBeVisible();
  expect(document.documentElement.scrollWidth).toBeLessThanOrEqual(375);
});

test('Apply reloads nginx, so a backend the learner stopped stays stopped; opening a scenario starts it afresh', async () => {
  const { screen, send, reloaded } = await renderPage();
  await screen.getByRole('button', { name: 'Stop app', exact: true }).click();
  await expect
    .element(screen.getByRole('button', { name: 'Start app', exact: true }))
    .toBeVisible();
  await send('Response: 502 Bad Gateway');

  await screen.getByRole('button', { name: 'Apply' }).click();
  await expect.element(screen.getByText('Applied: the new config is serving.')).toBeVisible();
  await reloaded();
  await expect
    .element(screen.getByRole('button', { name: 'Start app', exact: true }))
    .toBeVisible();
  await send('Response: 502 Bad Gateway');

  await screen.rerender({ route: { page: 'playground', scenario: 'two-apps' } });
  await expect.element(screen.getByRole('button', { name: 'Stop app', exact: true })).toBeVisible();
  await send();
});
