import { expect, test, vi } from 'vitest';
import { render } from 'vitest-browser-svelte';
import type { ClientRequest } from '../scenario';
import RequestForm from './RequestForm.svelte';

async function renderForm(initial?: ClientRequest) {
  const onsend = vi.fn<(request: ClientRequest) => void>();
  const screen = await render(RequestForm, initial ? { onsend, initial } : { onsend });
  return { onsend, screen };
}

test('sends what the learner typed, headers split into pairs', async () => {
  const { onsend, screen } = await renderForm();
  await screen.getByLabelText('Method').selectOptions('POST');
  await screen.getByLabelText('Host').fill('api.example.com');
  await screen.getByLabelText('Path').fill('/api/items?page=2');
  await screen.getByLabelText('Headers').fill('Accept: application/json\n\nX-Note: a: b');
  await screen.getByLabelText('Body').fill('{"name":"box"}');
  await screen.getByLabelText('Client address').selectOptions('127.0.0.3');
  await screen.getByRole('button', { name: 'Send request' }).click();

  expect(onsend).toHaveBeenCalledExactlyOnceWith({
    method: 'POST',
    url: 'http://api.example.com/api/items?page=2',
    headers: [
      ['Accept', 'application/json'],
      ['X-Note', 'a: b'],
    ],
    body: '{"name":"box"}',
    client: '127.0.0.3',
  });
});

test('sends a plain GET / to example.com from 127.0.0.1 by default, with no body field', async () => {
  const { onsend, screen } = await renderForm();
  await expect.element(screen.getByLabelText('Body')).not.toBeInTheDocument();
  await screen.getByRole('button', { name: 'Send request' }).click();

  expect(onsend).toHaveBeenCalledExactlyOnceWith({
    method: 'GET',
    url: 'http://example.com/',
    headers: [],
    body: null,
    client: '127.0.0.1',
  });
});

test('starts from the request it is given', async () => {
  const { onsend, screen } = await renderForm({
    method: 'DELETE',
    url: 'http://shop.test/cart',
    headers: [['X-Test', '1']],
    body: null,
    client: '127.0.0.1',
  });
  await expect.element(screen.getByLabelText('Host')).toHaveValue('shop.test');
  await expect.element(screen.getByLabelText('Path')).toHaveValue('/cart');
  await expect.element(screen.getByLabelText('Headers')).toHaveValue('X-Test: 1');
  await screen.getByRole('button', { name: 'Send request' }).click();

  expect(onsend).toHaveBeenCalledExactlyOnceWith(
    expect.objectContaining({ method: 'DELETE', url: 'http://shop.test/cart' }),
  );
});

test('sends https when it is chosen', async () => {
  const { onsend, screen } = await renderForm();
  await screen.getByLabelText('Scheme').selectOptions('https');
  await screen.getByRole('button', { name: 'Send request' }).click();
  expect(onsend).toHaveBeenLastCalledWith(expect.objectContaining({ url: 'https://example.com/' }));
});

test('starts from the scheme, body and client address of the request it is given', async () => {
  const { onsend, screen } = await renderForm({
    method: 'POST',
    url: 'https://example.com/login',
    headers: [],
    body: 'user=ada',
    client: '127.0.0.3',
  });
  await expect.element(screen.getByLabelText('Scheme')).toHaveValue('https');
  await expect.element(screen.getByLabelText('Body')).toHaveValue('user=ada');
  await screen.getByRole('button', { name: 'Send request' }).click();
  expect(onsend).toHaveBeenLastCalledWith(
    expect.objectContaining({
      url: 'https://example.com/login',
      body: 'user=ada',
      client: '127.0.0.3',
    }),
  );
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

  const alert = screen.getByRole('alert').filter({ hasText: 'Line 2' });
  await expect.element(alert).toHaveTextContent('Line 2: no colon');
  await expect.element(headers).toHaveAttribute('aria-invalid', 'true');
  expect(onsend).not.toHaveBeenCalled();

  await headers.fill('Accept: */*\nX-Fixed: yes');
  await screen.getByRole('button', { name: 'Send request' }).click();
  await expect.element(headers).toHaveAttribute('aria-invalid', 'false');
  expect(onsend).toHaveBeenCalledOnce();
});

test('refuses a path without its leading slash or a host that is not one', async () => {
  const { onsend, screen } = await renderForm();
  await screen.getByLabelText('Host').fill('example.com/x');
  await screen.getByLabelText('Path').fill('api');
  await screen.getByRole('button', { name: 'Send request' }).click();

  await expect
    .element(screen.getByLabelText('Path'))
    .toHaveAccessibleDescription(/starts with "\/"/);
  await expect.element(screen.getByLabelText('Host')).toHaveAttribute('aria-invalid', 'true');
  expect(onsend).not.toHaveBeenCalled();
});
