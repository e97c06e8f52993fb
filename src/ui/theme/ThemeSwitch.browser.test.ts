import { afterEach, expect, test } from 'vitest';
import { cdp, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import '../../app.css';
import { THEME_STORAGE_KEY } from './theme';
import ThemeSwitch from './ThemeSwitch.svelte';

// app.css's --bg and --fg, light and dark, as the browser computes them.
const LIGHT = { background: 'rgb(251, 251, 249)', text: 'rgb(31, 35, 40)' };
const DARK = { background: 'rgb(22, 24, 28)', text: 'rgb(230, 230, 230)' };

function pageColours() {
  const style = getComputedStyle(document.documentElement);
  return { background: style.backgroundColor, text: style.color };
}

async function emulateSystemScheme(scheme: 'light' | 'dark') {
  await cdp().send('Emulation.setEmulatedMedia', {
    features: [{ name: 'prefers-color-scheme', value: scheme }],
  });
}

afterEach(async () => {
  localStorage.removeItem(THEME_STORAGE_KEY);
  delete document.documentElement.dataset['theme'];
  await emulateSystemScheme('light');
});

test('Dark and Light change the page’s background and text, and the choice is stored', async () => {
  await emulateSystemScheme('light');
  const screen = await render(ThemeSwitch);
  await expect.element(screen.getByRole('radio', { name: 'System' })).toBeChecked();
  expect(pageColours()).toEqual(LIGHT);

  await screen.getByRole('radio', { name: 'Dark' }).click();
  await expect.poll(pageColours).toEqual(DARK);
  expect(localStorage.getItem(THEME_STORAGE_KEY)).toBe('dark');

  await screen.getByRole('radio', { name: 'Light' }).click();
  await expect.poll(pageColours).toEqual(LIGHT);
  expect(localStorage.getItem(THEME_STORAGE_KEY)).toBe('light');
});

test('System follows the operating system’s preference, and Light overrides a dark system', async () => {
  await emulateSystemScheme('dark');
  const screen = await render(ThemeSwitch);
  await expect.poll(pageColours).toEqual(DARK);

  await screen.getByRole('radio', { name: 'Light' }).click();
  await expect.poll(pageColours).toEqual(LIGHT);

  await screen.getByRole('radio', { name: 'System' }).click();
  await expect.poll(pageColours).toEqual(DARK);
  expect(localStorage.getItem(THEME_STORAGE_KEY)).toBeNull();
});

test('a remembered choice applies on the next visit', async () => {
  localStorage.setItem(THEME_STORAGE_KEY, 'dark');
  const screen = await render(ThemeSwitch);
  await expect.element(screen.getByRole('radio', { name: 'Dark' })).toBeChecked();
  expect(pageColours()).toEqual(DARK);
});

test('a corrupted stored value falls back to System without a word', async () => {
  localStorage.setItem(THEME_STORAGE_KEY, '{"theme":"dark"}');
  const screen = await render(ThemeSwitch);
  await expect.element(screen.getByRole('radio', { name: 'System' })).toBeChecked();
  expect(document.documentElement.dataset['theme']).toBeUndefined();
  expect(pageColours()).toEqual(LIGHT);
});

test('is a labelled group worked by keyboard, with a visible focus ring', async () => {
  const screen = await render(ThemeSwitch);
  await expect.element(screen.getByRole('group', { name: 'Theme' })).toBeVisible();

  await userEvent.tab();
  const system = screen.getByRole('radio', { name: 'System' });
  await expect.element(system).toHaveFocus();
  expect(getComputedStyle(system.element()).outlineStyle).toBe('solid');

  await userEvent.keyboard('{ArrowRight}');
  await expect.element(screen.getByRole('radio', { name: 'Light' })).toBeChecked();
  await userEvent.keyboard('{ArrowRight}');
  await expect.element(screen.getByRole('radio', { name: 'Dark' })).toBeChecked();
  await expect.poll(pageColours).toEqual(DARK);
});
