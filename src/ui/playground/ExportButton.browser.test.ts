import { unzipSync, strFromU8 } from 'fflate';
import { afterEach, expect, test, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import '../../app.css';
import ExportButton from './ExportButton.svelte';

const scenario = {
  title: 'Two apps',
  config:
    'events {}\nhttp { server { listen 80; root /var/www; location / { proxy_pass http://127.0.0.1:3000; } } }\n',
  backends: {
    '127.0.0.1:3000': { name: 'app-a' },
    '127.0.0.1:3001': { name: 'site', app: 'site' as const },
  },
  files: { '/var/www/index.html': '<h1>hi</h1>' } as Record<string, string>,
};

afterEach(() => {
  vi.restoreAllMocks();
});

/** Clicks Export and returns what was handed to the download: the zip's name and its files. */
async function exportFrom(props: { scenario: typeof scenario; name: string }) {
  const blobs: Blob[] = [];
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    blobs.push(blob as Blob);
    return 'blob:export';
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
  const names: string[] = [];
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    names.push(this.download);
  });
  const screen = await render(ExportButton, props);
  await userEvent.click(screen.getByRole('button', { name: 'Export for nginx' }));
  return { screen, blobs, names };
}

test('downloads <name>-nginx.zip with the export inside and nginx.conf exactly as written', async () => {
  const { screen, blobs, names } = await exportFrom({ scenario, name: 'two-apps' });
  expect(names).toEqual(['two-apps-nginx.zip']);
  expect(blobs).toHaveLength(1);
  const files = unzipSync(new Uint8Array(await blobs[0]!.arrayBuffer()));
  expect(Object.keys(files).sort()).toEqual([
    'two-apps-nginx/README.md',
    'two-apps-nginx/backends.json',
    'two-apps-nginx/backends.mjs',
    'two-apps-nginx/compose.yaml',
    'two-apps-nginx/files/var/www/index.html',
    'two-apps-nginx/nginx.conf',
    'two-apps-nginx/setup.sh',
    'two-apps-nginx/start.sh',
  ]);
  expect(strFromU8(files['two-apps-nginx/nginx.conf']!)).toBe(scenario.config);
  expect(strFromU8(files['two-apps-nginx/files/var/www/index.html']!)).toBe('<h1>hi</h1>');
  await expect
    .element(screen.getByRole('status'))
    .toHaveTextContent('Downloaded two-apps-nginx.zip.');
  await expect.element(screen.getByText(/nginx\.conf.*unchanged/)).toBeVisible();
});

test('says why when the scenario cannot be exported, and downloads nothing', async () => {
  const { screen, blobs } = await exportFrom({
    scenario: { ...scenario, files: { '../outside': 'x' } },
    name: 'bad',
  });
  expect(blobs).toHaveLength(0);
  await expect.element(screen.getByRole('alert')).toHaveTextContent('cannot leave the export');
});
