import { page, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-svelte';
import { describe, expect, it } from 'vitest';
import LivePanels from './LivePanels.svelte';
import { liveProxy, sampleSession } from '../../explain/live-support';

describe('LivePanels', () => {
  it('shows the access log, who answered, the cache entry and the limit_req bucket from real exchanges', async () => {
    const { exchanges } = await sampleSession();
    // The panel is shown 5 s into the sandbox: the entry stored at 1 s for 10 s has 7 s left.
    let time = 5000;
    render(LivePanels, { exchanges, now: () => time });

    await expect.element(page.getByText('18 lines written.')).toBeVisible();
    await expect
      .element(page.getByText('127.0.0.1 "GET /cached/page HTTP/1.1" 200 HIT', { exact: false }))
      .toBeVisible();

    await page.getByRole('tab', { name: 'Distribution' }).click();
    await expect.element(page.getByText('app-a')).toBeVisible();
    await expect.element(page.getByText('4 (22%)').first()).toBeVisible();
    await expect.element(page.getByText('3 (17%)')).toBeVisible();
    await expect.element(page.getByText('from the cache × 1 (6%)')).toBeVisible();
    await expect.element(page.getByText('error page × 6 (33%)')).toBeVisible();

    await page.getByRole('tab', { name: 'Cache' }).click();
    await expect.element(page.getByRole('cell', { name: 'http://app/cached/page' })).toBeVisible();
    await expect.element(page.getByRole('cell', { name: 'HIT' })).toBeVisible();
    await expect.element(page.getByRole('cell', { name: '10 s', exact: true })).toBeVisible();
    await expect.element(page.getByText('7 s left')).toBeVisible();
    // The TTL counts down while the panel is shown.
    time = 6000;
    await expect.element(page.getByText('6 s left'), { timeout: 3000 }).toBeVisible();
    time = 13_000;
    await expect.element(page.getByText('stale (expired)'), { timeout: 3000 }).toBeVisible();

    await page.getByRole('tab', { name: 'limit_req' }).click();
    await expect.element(page.getByText('zone perip, key 127.0.0.1')).toBeVisible();
    await expect.element(page.getByText('10 requests: 4 passed, 6 rejected.')).toBeVisible();
    await expect
      .element(page.getByRole('img', { name: 'Timeline: 4 passed, 6 rejected' }))
      .toBeVisible();
    // At 13 s the bucket (3 at 4 s, draining 2 a second) is empty again.
    await expect.element(page.getByText('Bucket: 0 of 3 excess requests')).toBeVisible();
  });

  it('moves between tabs with the arrow keys, and says so when there is nothing to show', async () => {
    render(LivePanels, { exchanges: [], now: () => 0 });
    await expect.element(page.getByText('No requests yet: the access log fills')).toBeVisible();
    await page.getByRole('tab', { name: 'Access log' }).click();
    await userEvent.keyboard('{ArrowRight}');
    await expect.element(page.getByRole('tab', { name: 'Distribution' })).toHaveFocus();
    await expect.element(page.getByText('No requests yet: send some')).toBeVisible();
    await userEvent.keyboard('{ArrowRight}');
    await expect.element(page.getByText('Nothing cached yet')).toBeVisible();
    await userEvent.keyboard('{End}');
    await expect
      .element(page.getByRole('tab', { name: 'limit_req' }))
      .toHaveAttribute('aria-selected', 'true');
    await expect.element(page.getByText('No rate limits hit yet')).toBeVisible();
  });

  it('notes when the config writes no access log lines', async () => {
    const { send } = liveProxy();
    render(LivePanels, { exchanges: [await send('/quiet/')], now: () => 0 });
    await expect.element(page.getByText('These requests wrote no access log lines')).toBeVisible();
  });

  it('shows what nginx writes by default when the config never mentions access_log', async () => {
    const { send } = liveProxy(`events {}
http {
  server { listen 80; location / { return 204; } }
}
`);
    render(LivePanels, { exchanges: [await send('/')], now: () => 0 });
    await expect.element(page.getByText('1 line written.')).toBeVisible();
    await expect
      .element(page.getByRole('list', { name: 'Access log, last lines' }))
      .toHaveTextContent(/^127\.0\.0\.1 - - \[[^\]]+\] "GET \/ HTTP\/1\.1" 204 0 "-" "[^"]*"$/);
    await expect.element(page.getByText('turns access_log off')).not.toBeInTheDocument();
  });
});
