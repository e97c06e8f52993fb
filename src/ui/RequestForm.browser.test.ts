import { expect, test, vi } from 'vitest';
import { render } from 'vitest-browser-svelte';
import RequestForm, { type RequestDraft } from './RequestForm.svelte';

async function renderForm() {
  const onsend = vi.fn<(request: RequestDraft) => void>();
  const screen = await render(RequestForm, { onsend });
  return { onsend, screen };
}

test('sends what the learner typed, headers split into pairs', async () => {
  const { onsend, screen } = await renderForm();
  await screen.getByLabelText('Method').selectOptions('POST');
  await screen.getByLabelText('Path').fill('/api/items?page=2');
  await screen.getByLabelText('Headers').fill('Accept: application/json\n\nX-Note: a: b');
  await screen.getByLabelText('Body').fill('{"name":"box"}');
  await screen.getByRole('button', { name: 'Send request' }).click();

  expect(onsend).toHaveBeenCalledExactlyOnceWith({
    method: 'POST',
    path: '/api/items?page=2',
    headers: [
      ['Accept', 'application/json'],
      ['X-Note', 'a: b'],
    ],
    body: '{"name":"box"}',
  });
});

test('sends a plain GET / by default, with no body field', async () => {
  const { onsend, screen } = await renderForm();
  await expect.element(screen.getByLabelText('Body')).not.toBeInTheDocument();
  await screen.getByRole('button', { name: 'Send request' }).click();

  expect(onsend).toHaveBeenCalledExactlyOnceWith({
    method: 'GET',
    path: '/',
    headers: [],
    body: null,
  });
});

test('shows the body field only for methods that carry one', async () => {
  const { screen } = await renderForm();
  const method = screen.getByLabelText('Method');
  await method.selectOptions('PUT');
  await expect.element(screen.getByLabelText('Body')).toBeVisible();
  await method.selectOptions('HEAD');
  await expect.element(screen.getByLabelText('Body')).not.toBeInTheDocument();
});

test('shows which header line is wrong instead of sending', async () => {
  const { onsend, screen } = await renderForm();
  const headers = screen.getByLabelText('Headers');
  await headers.fill('Accept: */*\nX-Broken');
  await screen.getByRole('button', { name: 'Send request' }).click();

  await expect.element(screen.getByRole('alert')).toHaveTextContent('Line 2: no colon');
  await expect.element(headers).toHaveAttribute('aria-invalid', 'true');
  expect(onsend).not.toHaveBeenCalled();

  await headers.fill('Accept: */*\nX-Fixed: yes');
  await screen.getByRole('button', { name: 'Send request' }).click();
  await expect.element(screen.getByRole('alert')).toBeEmptyDOMElement();
  expect(onsend).toHaveBeenCalledOnce();
});
