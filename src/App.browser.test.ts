import { afterAll, afterEach, expect, test } from 'vitest';
import { render } from 'vitest-browser-svelte';
import { unregisterWorkers } from '../test/browser/workers';
import App from './App.svelte';
import { SCENARIOS } from './scenarios';
import { classicProxy } from './scenarios/classic-proxy';
import type { Scenario } from './scenarios/scenario';

// The App starts the real service worker; it must not stay registered for other test files.
afterAll(unregisterWorkers);

afterEach(() => history.replaceState(null, '', location.pathname + location.search));

// A second scenario of our own, so these tests do not depend on which ones the course has.
const second: Scenario = {
  ...classicProxy,
  id: 'second',
  title: 'The same proxy, a second time',
  summary: 'Only here so the picker has a choice.',
};
const scenarios = [classicProxy, second];

test('the picker lists the scenarios by title and opens the chosen one, remembered in the hash', async () => {
  const screen = await render(App, { scenarios });
  const picker = screen.getByLabelText('Scenario');
  await expect
    .element(screen.getByRole('heading', { level: 2, name: classicProxy.title }))
    .toBeVisible();
  expect([...(picker.element() as HTMLSelectElement).options].map((o) => o.textContent)).toEqual([
    classicProxy.title,
    second.title,
  ]);

  await picker.selectOptions(second.title);
  await expect.element(screen.getByRole('heading', { level: 2, name: second.title })).toBeVisible();
  expect(location.hash).toBe('#scenario=second');

  // The back button goes back to the scenario before.
  history.back();
  await expect
    .element(screen.getByRole('heading', { level: 2, name: classicProxy.title }))
    .toBeVisible();
  await expect.element(picker).toHaveValue(classicProxy.id);
});

test('a link with #scenario=<id> opens that scenario', async () => {
  history.replaceState(null, '', '#scenario=second');
  const screen = await render(App, { scenarios });
  await expect.element(screen.getByRole('heading', { level: 2, name: second.title })).toBeVisible();
  await expect.element(screen.getByLabelText('Scenario')).toHaveValue('second');
  await expect.element(screen.getByText(/There is no scenario/)).not.toBeInTheDocument();
});

test('an unknown id in the hash opens the first scenario and says so', async () => {
  history.replaceState(null, '', '#scenario=no-such-thing');
  const screen = await render(App);
  const first = SCENARIOS[0]!;
  await expect.element(screen.getByRole('heading', { level: 2, name: first.title })).toBeVisible();
  await expect
    .element(screen.getByRole('status').filter({ hasText: 'There is no scenario' }))
    .toHaveTextContent(
      `There is no scenario called “no-such-thing”, so this is the first one: ${first.title}.`,
    );
  await expect.element(screen.getByRole('button', { name: 'Send request' })).toBeVisible();
});

test('the header carries the theme control', async () => {
  const screen = await render(App, { scenarios });
  await expect
    .element(screen.getByRole('banner').getByRole('group', { name: 'Theme' }))
    .toBeVisible();
});
