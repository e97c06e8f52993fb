import { expect, test, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import LazyConfigEditor from './LazyConfigEditor.svelte';

type Loaded = { default: typeof import('./ConfigEditor.svelte').default };

const CONFIG = 'events {}\nhttp {}\n';

async function renderLazy(load?: () => Promise<Loaded>) {
  const onchange = vi.fn<(text: string) => void>();
  const onapply = vi.fn<(text: string) => void>();
  const props = { value: CONFIG, label: 'nginx.conf', problem: null, onchange, onapply };
  return {
    onchange,
    onapply,
    screen: await render(LazyConfigEditor, load ? { ...props, load } : props),
  };
}

test('shows an editable text box with the same text until the editor arrives, then the editor', async () => {
  let arrive: (module: Loaded) => void = () => {};
  const { screen, onchange, onapply } = await renderLazy(
    () => new Promise<Loaded>((resolve) => (arrive = resolve)),
  );
  const box = screen.getByRole('textbox', { name: 'nginx.conf' });
  await expect.element(box).toHaveValue(CONFIG);
  expect(screen.container.querySelector('.cm-editor')).toBeNull();

  await box.fill('events {}\nhttp { gzip on; }\n');
  expect(onchange).toHaveBeenLastCalledWith('events {}\nhttp { gzip on; }\n');
  await screen.getByRole('button', { name: 'Apply' }).click();
  expect(onapply).toHaveBeenCalledExactlyOnceWith('events {}\nhttp { gzip on; }\n');

  arrive(await import('./ConfigEditor.svelte'));
  await expect.poll(() => document.querySelector('.cm-editor')).not.toBeNull();
  expect(document.querySelector('textarea')).toBeNull();
  // The editor starts from what was typed in the stand-in.
  await expect
    .element(screen.getByRole('textbox', { name: 'nginx.conf' }))
    .toHaveTextContent('http { gzip on; }');
});

test('fetches the real editor on its own', async () => {
  const { screen } = await renderLazy();
  await expect.poll(() => document.querySelector('.cm-editor'), { timeout: 10_000 }).not.toBeNull();
  await expect
    .element(screen.getByRole('textbox', { name: 'nginx.conf' }))
    .toHaveTextContent('events {}');
});

test('keeps the text box, with a note, when the editor cannot be loaded', async () => {
  const { screen, onapply } = await renderLazy(() => Promise.reject(new Error('offline')));
  await expect
    .element(screen.getByText('The full editor could not be loaded', { exact: false }))
    .toBeVisible();
  const box = screen.getByRole('textbox', { name: 'nginx.conf' });
  await expect.element(box).toHaveAccessibleDescription(/could not be loaded/);
  await box.click();
  await userEvent.keyboard('{Control>}{End}{/Control}# more');
  await screen.getByRole('button', { name: 'Apply' }).click();
  expect(onapply).toHaveBeenCalledExactlyOnceWith(`${CONFIG}# more`);
});
