import { afterEach, expect, test, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import '../../app.css';
import type { PlaygroundScenario } from '../../playground/playground-scenario';
import { scenarioFileText } from '../../playground/scenario-file';
import { encodeScenario, readShareLink } from '../../playground/share';
import ShareMenu from './ShareMenu.svelte';

const scenario: PlaygroundScenario = {
  title: 'Two apps',
  config: 'events {}\nhttp { server { listen 80; location / { proxy_pass http://pool; } } }\n',
  backends: {
    '127.0.0.1:3000': { name: 'app-a', app: 'echo' },
    '127.0.0.1:3001': { name: 'app-b', app: 'slow', latencyMs: 250 },
  },
  files: { '/var/www/index.html': '<h1>hi</h1>' },
  request: {
    method: 'GET',
    url: 'http://example.com/',
    headers: [['Accept', 'text/html']],
    body: null,
    client: '127.0.0.2',
  },
};

const jsonFile = (text: string, name = 'proxy-sandbox-two-apps.json') =>
  new File([text], name, { type: 'application/json' });

afterEach(() => {
  vi.restoreAllMocks();
});

async function renderMenu(current: PlaygroundScenario = scenario) {
  const onload = vi.fn<(scenario: PlaygroundScenario) => void>();
  const screen = await render(ShareMenu, { scenario: current, onload });
  return { screen, onload };
}

test('Copy link puts a playground link on the clipboard that opens this scenario', async () => {
  const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue();
  const { screen } = await renderMenu();

  await screen.getByRole('button', { name: 'Copy link' }).click();

  await expect.element(screen.getByRole('status')).toHaveTextContent(/^Link copied\./);
  expect(writeText).toHaveBeenCalledTimes(1);
  const url = writeText.mock.calls[0]?.[0] ?? '';
  expect(
    url.startsWith(`${location.origin}${location.pathname}${location.search}#/playground?s=v1.`),
  ).toBe(true);
  expect(readShareLink(url)).toEqual({ ok: true, scenario });
});

test('when the clipboard refuses, the link is shown selected in a read-only field', async () => {
  vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new DOMException('denied'));
  const { screen } = await renderMenu();

  await screen.getByRole('button', { name: 'Copy link' }).click();

  const field = screen.getByRole('textbox', { name: 'Link to this scenario' });
  await expect.element(field).toHaveFocus();
  await expect.element(field).toHaveAttribute('readonly');
  const input = field.element() as HTMLInputElement;
  expect(input.selectionStart).toBe(0);
  expect(input.selectionEnd).toBe(input.value.length);
  expect(readShareLink(input.value)).toEqual({ ok: true, scenario });
  await expect.element(screen.getByRole('status')).toHaveTextContent(/did not let the page copy/);
});

test('Download saves proxy-sandbox-<title>.json holding the scenario', async () => {
  const created = vi.spyOn(URL, 'createObjectURL');
  const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
  const { screen } = await renderMenu();

  await screen.getByRole('button', { name: 'Download' }).click();

  await expect
    .element(screen.getByRole('status'))
    .toHaveTextContent('Saved as proxy-sandbox-two-apps.json.');
  const link = click.mock.contexts[0] as HTMLAnchorElement;
  expect(link.download).toBe('proxy-sandbox-two-apps.json');
  expect(link.href).toBe(created.mock.results[0]?.value);
  const blob = created.mock.calls[0]?.[0] as Blob;
  expect(await blob.text()).toBe(scenarioFileText(scenario));
});

test('opening a valid file loads its scenario and says so', async () => {
  const { screen, onload } = await renderMenu({ ...scenario, title: 'Before' });

  await screen.getByLabelText('Open a file…').upload(jsonFile(scenarioFileText(scenario)));

  await expect
    .element(screen.getByRole('status'))
    .toHaveTextContent('Opened “Two apps” from proxy-sandbox-two-apps.json.');
  expect(onload).toHaveBeenCalledExactlyOnceWith(scenario);
  expect(screen.container.querySelector('[role="alert"]')).toBeNull();
});

test('a tampered file is refused with the field at fault, and nothing is loaded', async () => {
  const tampered = scenarioFileText(scenario).replace('"latencyMs": 250', '"latencyMs": -5');
  const { screen, onload } = await renderMenu();

  await screen.getByLabelText('Open a file…').upload(jsonFile(tampered));

  await expect
    .element(screen.getByRole('alert'))
    .toHaveTextContent(
      'This file’s scenario is not one the sandbox can open: backends["127.0.0.1:3001"].latencyMs: must be between 0 and 60000 (ms).',
    );
  expect(onload).not.toHaveBeenCalled();
});

test('a file that is not a scenario at all is refused in words', async () => {
  const { screen, onload } = await renderMenu();

  await screen.getByLabelText('Open a file…').upload(jsonFile('<html>', 'page.json'));

  await expect
    .element(screen.getByRole('alert'))
    .toHaveTextContent('This file is not a sandbox scenario: it is not JSON.');
  expect(onload).not.toHaveBeenCalled();
});

test('a pasted link opens its scenario; a tampered one is refused and loads nothing', async () => {
  const { screen, onload } = await renderMenu();
  const field = screen.getByRole('textbox', { name: 'Open a shared link' });
  const link = `${location.origin}/#/playground?s=${encodeScenario(scenario)}`;
  const tampered = link.slice(0, -10) + 'AAAAAAAAAA';

  await field.fill(tampered);
  await screen.getByRole('button', { name: 'Open link' }).click();
  await expect
    .element(screen.getByRole('alert'))
    .toHaveTextContent(/^This link is (damaged|cut short)/);
  expect(onload).not.toHaveBeenCalled();

  await field.fill(link);
  await userEvent.keyboard('{Enter}');
  await expect
    .element(screen.getByRole('status'))
    .toHaveTextContent('Opened “Two apps” from the link.');
  expect(onload).toHaveBeenCalledExactlyOnceWith(scenario);
  await expect.element(field).toHaveValue('');
  expect(screen.container.querySelector('[role="alert"]')).toBeNull();
});

test('markup in a loaded scenario is shown as text, never as HTML', async () => {
  const title = '<img src=x onerror="window.hacked=1"><script>window.hacked=2</script>';
  const hostile = { ...scenario, title, backends: { '127.0.0.1:3000': { name: title } } };
  const { screen, onload } = await renderMenu();

  await screen.getByLabelText('Open a file…').upload(jsonFile(scenarioFileText(hostile)));

  await expect.element(screen.getByRole('status')).toHaveTextContent(`Opened “${title}”`);
  expect(onload).toHaveBeenCalledExactlyOnceWith(hostile);
  expect(screen.container.querySelector('img, script')).toBeNull();
  expect((window as { hacked?: number }).hacked).toBeUndefined();
});

test('a scenario that could not be opened again is not shared', async () => {
  const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue();
  const { screen } = await renderMenu({ ...scenario, config: '#'.repeat(100 * 1024 + 1) });

  await screen.getByRole('button', { name: 'Copy link' }).click();

  await expect
    .element(screen.getByRole('alert'))
    .toHaveTextContent('This scenario cannot be shared or saved: config: must be at most 100 KB.');
  expect(writeText).not.toHaveBeenCalled();
});

test('every control is reached by Tab, the file picker included, with a focus ring', async () => {
  const { screen } = await renderMenu();

  await userEvent.tab();
  await expect.element(screen.getByRole('button', { name: 'Copy link' })).toHaveFocus();
  await userEvent.tab();
  await expect.element(screen.getByRole('button', { name: 'Download' })).toHaveFocus();
  await userEvent.tab();
  const picker = screen.getByLabelText('Open a file…');
  await expect.element(picker).toHaveFocus();
  const label = picker.element().closest('label') as HTMLElement;
  expect(getComputedStyle(label).outlineStyle).toBe('solid');
  await userEvent.tab();
  await expect.element(screen.getByRole('textbox', { name: 'Open a shared link' })).toHaveFocus();
});
