import { expect, test, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { createSystemClock } from '../../engine';
import { sandboxHarness } from '../../runtime/test-harness';
import type { Exchange } from '../../runtime/types';
import type { ClientRequest } from '../../scenario';
import { classicProxy } from '../../scenario/builtin/classic-proxy';
import CurlConsole from './CurlConsole.svelte';

/**
 * The proxy and the echo app running in the page, as the runtime would run them:
 * `location / { proxy_pass http://127.0.0.1:3000; }` with X-Real-IP set.
 */
function inPageSend(): (spec: ClientRequest) => Promise<Exchange> {
  const { core } = sandboxHarness(classicProxy.config, {
    backends: classicProxy.backends,
    clock: createSystemClock(),
  });
  return (spec) => core.send(spec);
}

async function renderConsole(send = inPageSend()) {
  const screen = await render(CurlConsole, { send });
  const prompt = screen.getByLabelText('curl command');
  const output = screen.getByRole('log', { name: 'curl output' });
  const run = async (command: string) => {
    await prompt.fill(command);
    await userEvent.keyboard('{Enter}');
  };
  return { screen, prompt, output, run };
}

test('-i prints the status line, the headers and the echoed request', async () => {
  const { output, prompt, run } = await renderConsole();
  await run("curl -i -H 'X-Test: 1' http://example.com/api/users");

  await expect
    .element(output)
    .toHaveTextContent("$ curl -i -H 'X-Test: 1' http://example.com/api/users");
  await expect.element(output).toHaveTextContent('HTTP/1.1 200 OK');
  await expect.element(output).toHaveTextContent('Server: nginx/1.22.1');
  // Header names as the response carried them: the app sent this one in lower case.
  await expect.element(output).toHaveTextContent('content-type: application/json');
  await expect.element(output).toHaveTextContent('"x-test":"1"');
  await expect.element(output).toHaveTextContent('"uri":"/api/users"');
  await expect.element(prompt).toHaveValue('');
});

test('-v shows the request and response lines curl prints', async () => {
  const { output, run } = await renderConsole();
  await run('curl -v http://example.com/api/users');

  await expect.element(output).toHaveTextContent('* Connected to example.com (127.0.0.1) port 80');
  await expect.element(output).toHaveTextContent('> GET /api/users HTTP/1.1');
  await expect.element(output).toHaveTextContent('> User-Agent: curl/8.5.0');
  await expect.element(output).toHaveTextContent('< HTTP/1.1 200 OK');
});

test('a port nothing listens on fails the way curl says it', async () => {
  const { output, run } = await renderConsole();
  await run('curl http://example.com:8080/');
  await expect
    .element(output)
    .toHaveTextContent(
      "curl: (7) Failed to connect to example.com port 8080 after 0 ms: Couldn't connect to server",
    );
});

test('a mistyped option is named, and nothing is sent', async () => {
  const send = vi.fn(inPageSend());
  const { output, run } = await renderConsole(send);
  await run('curl --hed http://example.com/');
  await expect.element(output).toHaveTextContent('curl: option --hed: is unknown');
  expect(send).not.toHaveBeenCalled();
});

test('the chosen client address reaches the backend; --interface overrides it', async () => {
  const { screen, output, run } = await renderConsole();
  await screen.getByLabelText('Client address').selectOptions('127.0.0.3');
  await run('curl http://example.com/');
  await expect.element(output).toHaveTextContent('"x-real-ip":"127.0.0.3"');
  await run('curl --interface 127.0.0.2 http://example.com/');
  await expect.element(output).toHaveTextContent('"x-real-ip":"127.0.0.2"');
});

test('up and down arrows walk through earlier commands', async () => {
  const { prompt, output, run } = await renderConsole();
  await run('curl -s http://example.com/one');
  await run('curl -s http://example.com/two');
  await expect.element(output).toHaveTextContent('"uri":"/two"');

  await prompt.fill('curl -I');
  await userEvent.keyboard('{ArrowUp}');
  await expect.element(prompt).toHaveValue('curl -s http://example.com/two');
  await userEvent.keyboard('{ArrowUp}');
  await expect.element(prompt).toHaveValue('curl -s http://example.com/one');
  await userEvent.keyboard('{ArrowDown}{ArrowDown}');
  await expect.element(prompt).toHaveValue('curl -I');
});

test('an example button puts its command on the prompt, ready for Enter', async () => {
  const { screen, prompt, output } = await renderConsole();
  await screen.getByRole('button', { name: 'curl -I http://example.com/', exact: true }).click();
  await expect.element(prompt).toHaveValue('curl -I http://example.com/');
  await expect.element(prompt).toHaveFocus();
  await userEvent.keyboard('{Enter}');
  await expect.element(output).toHaveTextContent('HTTP/1.1 200 OK');
});

test('a line ending in a backslash continues on the next line', async () => {
  const { prompt, output } = await renderConsole();
  await prompt.fill('curl -i \\');
  await userEvent.keyboard('{Enter}');
  await userEvent.keyboard('http://example.com/next');
  await userEvent.keyboard('{Enter}');
  await expect.element(output).toHaveTextContent('"uri":"/next"');
});
