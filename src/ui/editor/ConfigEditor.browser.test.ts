import { forEachDiagnostic } from '@codemirror/lint';
import { EditorView } from '@codemirror/view';
import { expect, test, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { directiveHelp } from '../../playground/directive-help';
import { formatConfig } from '../../playground/format-config';
import ConfigEditor from './ConfigEditor.svelte';

const CONFIG = [
  'events {}',
  'http {',
  '  server {',
  '    listen 80;',
  '    location / { proxy_pass http://127.0.0.1:3001; }',
  '  }',
  '}',
  '',
].join('\n');

type Problem = { message: string; line: number | null } | null;

async function renderEditor(value = CONFIG, problem: Problem = null) {
  const onchange = vi.fn<(text: string) => void>();
  const onapply = vi.fn<(text: string) => void>();
  const screen = await render(ConfigEditor, {
    value,
    label: 'nginx.conf',
    problem,
    onchange,
    onapply,
  });
  const dom = screen.container.querySelector<HTMLElement>('.cm-editor')!;
  const view = EditorView.findFromDOM(dom)!;
  return { screen, view, onchange, onapply };
}

/** Puts the cursor just after the first `after` in the text and focuses the editor. */
function placeCursor(view: EditorView, after: string) {
  const at = view.state.doc.toString().indexOf(after) + after.length;
  view.focus();
  view.dispatch({ selection: { anchor: at } });
}

/** The diagnostics as the linter shows them: line number, message, where they came from. */
function diagnostics(view: EditorView) {
  const found: { line: number; message: string; source: string | undefined }[] = [];
  forEachDiagnostic(view.state, (d, from) => {
    found.push({ line: view.state.doc.lineAt(from).number, message: d.message, source: d.source });
  });
  return found;
}

test('typing a broken directive shows nginx’s message at its line; fixing it clears it', async () => {
  const { screen, view } = await renderEditor();
  placeCursor(view, 'proxy_pass');
  await userEvent.keyboard('{Backspace}');

  await expect
    .poll(() => diagnostics(view))
    .toEqual([{ line: 5, message: 'unknown directive "proxy_pas"', source: 'nginx' }]);
  await expect
    .element(screen.getByRole('status'))
    .toHaveTextContent('Line 5: unknown directive "proxy_pas"');
  const marked = screen.container.querySelector('.cm-lintRange-error');
  expect(marked?.textContent).toBe('proxy_pas');
  expect(screen.container.querySelectorAll('.cm-lint-marker-error')).toHaveLength(1);

  await userEvent.keyboard('s');
  await expect.poll(() => diagnostics(view)).toEqual([]);
  await expect.element(screen.getByRole('status')).toHaveTextContent('');
  expect(screen.container.querySelector('.cm-lint-marker-error')).toBeNull();
});

test('shows what the last Apply was refused for at the line it names', async () => {
  const { screen, view } = await renderEditor(CONFIG, {
    message: 'host not found in upstream "app-x"',
    line: 5,
  });
  await expect
    .poll(() => diagnostics(view))
    .toEqual([{ line: 5, message: 'host not found in upstream "app-x"', source: 'last Apply' }]);
  await expect
    .element(screen.getByRole('status'))
    .toHaveTextContent('The last Apply was refused, so the config before it is still serving');
});

test('a successful Apply clears the last Apply’s mark at once, without a keystroke', async () => {
  const { screen, view } = await renderEditor(CONFIG, {
    message: 'host not found in upstream "app-x"',
    line: 5,
  });
  await expect.poll(() => diagnostics(view)).toHaveLength(1);
  await screen.rerender({ problem: null });
  await expect.poll(() => diagnostics(view)).toEqual([]);
  expect(screen.container.querySelector('.cm-lint-marker-error')).toBeNull();
});

test('offers proxy_pass with what it does and where it goes after typing proxy_p', async () => {
  const { view } = await renderEditor(
    'events {}\nhttp {\n  server {\n    location / {\n      \n    }\n  }\n}\n',
  );
  placeCursor(view, 'location / {\n      ');
  await userEvent.keyboard('proxy_p');

  const labels = () =>
    [...document.querySelectorAll('.cm-tooltip-autocomplete li .cm-completionLabel')].map(
      (l) => l.textContent,
    );
  await expect.poll(labels).toContain('proxy_pass');
  while (
    document.querySelector('.cm-tooltip-autocomplete li[aria-selected] .cm-completionLabel')
      ?.textContent !== 'proxy_pass'
  ) {
    await userEvent.keyboard('{ArrowDown}');
  }
  const help = directiveHelp().find((h) => h.name === 'proxy_pass')!;
  const info = () => document.querySelector('.cm-completionInfo')?.textContent ?? '';
  await expect.poll(info).toContain(help.summary.replaceAll('`', ''));
  expect(info()).toContain('Allowed in: location, if in location, limit_except');

  // CodeMirror ignores Enter for a moment after the list changes (its interactionDelay).
  await new Promise((resolve) => setTimeout(resolve, 100));
  await userEvent.keyboard('{Enter}');
  expect(view.state.doc.line(5).text).toBe('      proxy_pass');
});

test('Format re-indents by braces, from the button and from Shift-Alt-F', async () => {
  const messy = 'events {}\nhttp {\nserver { listen 80;\n        location / { return 204; } }\n}\n';
  const { screen, view, onchange } = await renderEditor(messy);
  await screen.getByRole('button', { name: 'Format' }).click();
  const formatted = formatConfig(messy);
  expect(formatted).toContain('\n    location / {\n      return 204;\n');
  expect(view.state.doc.toString()).toBe(formatted);
  expect(onchange).toHaveBeenLastCalledWith(formatted);

  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: messy } });
  view.focus();
  await userEvent.keyboard('{Shift>}{Alt>}f{/Alt}{/Shift}');
  expect(view.state.doc.toString()).toBe(formatted);
});

test('Ctrl-Enter and the Apply button hand the text to onapply', async () => {
  const { screen, view, onapply } = await renderEditor();
  placeCursor(view, 'listen 80;');
  await userEvent.keyboard(' # edited');
  await userEvent.keyboard('{Control>}{Enter}{/Control}');
  const edited = CONFIG.replace('listen 80;', 'listen 80; # edited');
  expect(onapply).toHaveBeenCalledExactlyOnceWith(edited);
  expect(view.state.doc.toString()).toBe(edited);

  await screen.getByRole('button', { name: 'Apply' }).click();
  expect(onapply).toHaveBeenLastCalledWith(edited);
});

test('is labelled and described, Tab indents, and Esc then Tab leaves the editor', async () => {
  const { screen, view } = await renderEditor();
  const content = screen.getByRole('textbox', { name: 'nginx.conf' });
  await expect.element(content).toHaveAccessibleDescription(/press Esc and then Tab/);
  await expect
    .element(screen.getByText(/To leave the editor, press Esc and then Tab/))
    .toBeVisible();

  placeCursor(view, 'listen 80;');
  await userEvent.keyboard('{Tab}');
  expect(view.hasFocus).toBe(true);
  expect(view.state.doc.line(4).text).toBe('      listen 80;');

  await userEvent.keyboard('{Escape}{Tab}');
  expect(view.hasFocus).toBe(false);
  expect(view.state.doc.line(4).text).toBe('      listen 80;');
});

test('takes a new value from outside (a scenario loaded)', async () => {
  const { screen, view } = await renderEditor();
  await screen.rerender({ value: 'events {}\n' });
  expect(view.state.doc.toString()).toBe('events {}\n');
});

test('offers only the directives allowed where the cursor is', async () => {
  const { view } = await renderEditor();
  const labels = () =>
    [...document.querySelectorAll('.cm-tooltip-autocomplete .cm-completionLabel')].map(
      (l) => l.textContent,
    );
  placeCursor(view, 'location / {');
  await userEvent.keyboard('{Enter}upstr');
  await expect.poll(labels).toContain('proxy_next_upstream');
  expect(labels()).not.toContain('upstream');

  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: CONFIG } });
  placeCursor(view, 'http {');
  await userEvent.keyboard('{Enter}upstr');
  await expect.poll(labels).toContain('upstream');
});
