/**
 * `map ... { hostnames; }` at run time. Checked against nginx 1.22.1
 * (recorded case abtest-map-hostnames-and-split, config-errors.json).
 */
import { describe, expect, it } from 'vitest';
import { serveFiles } from '../../../test/support/serve-files';

const get = serveFiles(
  `events {}
http {
  map $arg_h $site { hostnames; default none; example.com exact; .example.org org; *.example.com star; *.a.example.com deeper; www.example.* tail; }
  map $arg_h $plain { default none; *.example.com star; }
  server { listen 80; return 200 "$site $plain"; }
}`,
  {},
);

describe('map hostnames', () => {
  it('tries the exact name, then the most specific *.suffix, then name.*', async () => {
    expect((await get('/?h=EXAMPLE.com')).body).toBe('exact none');
    expect((await get('/?h=x.example.com')).body).toBe('star none');
    expect((await get('/?h=y.a.example.com')).body).toBe('deeper none');
    expect((await get('/?h=www.example.com')).body).toBe('star none');
    expect((await get('/?h=www.example.net')).body).toBe('tail none');
  });

  it('lets .name stand for the name itself too, and ignores one trailing dot', async () => {
    expect((await get('/?h=example.org')).body).toBe('org none');
    expect((await get('/?h=q.example.org')).body).toBe('org none');
    expect((await get('/?h=x.example.com.')).body).toBe('star none');
  });

  it('takes wildcards literally without hostnames', async () => {
    expect((await get('/?h=*.example.com')).body).toMatch(/ star$/);
    expect((await get('/?h=x.example.com')).body).toMatch(/ none$/);
  });
});
