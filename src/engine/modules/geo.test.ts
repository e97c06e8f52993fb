/**
 * `geo`: a variable from the client address. Checked against nginx 1.22.1
 * (recorded case security-geo-deny-and-limits, config-errors.json).
 */
import { describe, expect, it } from 'vitest';
import { serveFiles } from '../../../test/support/serve-files';

const get = serveFiles(
  `events {}
http {
  geo $arg_ip $zone { default none; 10.0.0.0/8 ten; 10.1.0.0/16 ten-one; 10.1.2.3 host; 10.1.2.3/32 again; delete 10.1.0.0/16; }
  geo $rng { ranges; default out; 127.0.0.1-127.0.0.9 wide; 127.0.0.1-127.0.0.3 low; }
  server { listen 80; return 200 "$zone $rng"; }
}`,
  {},
);

describe('geo', () => {
  it('takes the longest network; a repeated one replaces, delete removes', async () => {
    expect((await get('/?ip=10.1.2.3')).body).toBe('again low');
    expect((await get('/?ip=10.1.9.9')).body).toBe('ten low');
    expect((await get('/?ip=192.168.0.1')).body).toBe('none low');
  });

  it('ranges: the latest range holding the address wins', async () => {
    expect((await get('/', { client: '127.0.0.7' })).body).toBe('none wide');
    expect((await get('/', { client: '127.0.0.20' })).body).toBe('none out');
  });
});
