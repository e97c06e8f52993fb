import { describe, expect, it } from 'vitest';
import type { HeaderList } from '../../http/message';
import { judgeHeaders, validFor, variantOf } from './rules';

const NOW = 1_000_000;
const none = new Set<string>();

function judge(headers: HeaderList, ignore: ReadonlySet<string> = none) {
  return judgeHeaders(headers, ignore, NOW);
}

describe('judgeHeaders (nginx 1.22 header handlers, in arrival order)', () => {
  it('takes max-age, and s-maxage before it', () => {
    expect(judge([['Cache-Control', 'public, max-age=60']])).toMatchObject({
      cacheable: true,
      validSec: NOW + 60,
    });
    expect(judge([['cache-control', 'max-age=60, s-maxage=5']]).validSec).toBe(NOW + 5);
  });

  it('refuses no-cache, no-store and private anywhere in the value, in any case', () => {
    for (const value of ['no-store', 'PRIVATE', 'no-cache="set-cookie", max-age=60']) {
      const v = judge([['Cache-Control', value]]);
      expect(v.cacheable).toBe(false);
      expect(v.reason).toMatch(/not stored/);
    }
  });

  it('refuses max-age=0 and a max-age that is not a number', () => {
    expect(judge([['Cache-Control', 'max-age=0']]).cacheable).toBe(false);
    expect(judge([['Cache-Control', 'max-age=abc']]).cacheable).toBe(false);
  });

  it('lets an earlier X-Accel-Expires silence Cache-Control, and a later one override it', () => {
    const first = judge([
      ['X-Accel-Expires', '10'],
      ['Cache-Control', 'no-store'],
    ]);
    expect(first).toMatchObject({ cacheable: true, validSec: NOW + 10 });
    const last = judge([
      ['Cache-Control', 'max-age=60'],
      ['X-Accel-Expires', '1'],
    ]);
    expect(last.validSec).toBe(NOW + 1);
    expect(
      judge([
        ['Cache-Control', 'no-store'],
        ['X-Accel-Expires', '10'],
      ]).cacheable,
    ).toBe(false);
  });

  it('treats X-Accel-Expires: 0 as "do not store", @N as an absolute time and junk as absent', () => {
    expect(judge([['X-Accel-Expires', '0']]).cacheable).toBe(false);
    expect(judge([['X-Accel-Expires', '@2000000']]).validSec).toBe(2_000_000);
    expect(judge([['X-Accel-Expires', 'soon']])).toMatchObject({ cacheable: true, validSec: 0 });
  });

  it('uses Expires only when nothing set a time before it, and refuses a past or bad date', () => {
    expect(judge([['Expires', 'Thu, 01 Jan 2037 00:00:00 GMT']]).validSec).toBe(2114380800);
    expect(
      judge([
        ['Expires', 'Thu, 01 Jan 2037 00:00:00 GMT'],
        ['Cache-Control', 'max-age=1'],
      ]).validSec,
    ).toBe(NOW + 1);
    expect(judge([['Expires', 'Thu, 01 Jan 1970 00:00:01 GMT']]).cacheable).toBe(false);
    expect(judge([['Expires', 'garbage']]).cacheable).toBe(false);
    // A past Expires after max-age is never read: max-age already set the time.
    expect(
      judge([
        ['Cache-Control', 'max-age=60'],
        ['Expires', 'Thu, 01 Jan 1970 00:00:01 GMT'],
      ]),
    ).toMatchObject({ cacheable: true, validSec: NOW + 60 });
  });

  it('refuses Set-Cookie and Vary: *, unless proxy_ignore_headers names them', () => {
    expect(judge([['Set-Cookie', 'a=1']]).cacheable).toBe(false);
    expect(judge([['Vary', '*']]).cacheable).toBe(false);
    expect(judge([['Set-Cookie', 'a=1']], new Set(['set-cookie'])).cacheable).toBe(true);
    expect(judge([['Vary', '*']], new Set(['vary']))).toMatchObject({
      cacheable: true,
      vary: null,
    });
  });

  it('keeps an ignored X-Accel-Expires as "seen", so a Cache-Control after an Expires is skipped', () => {
    const v = judge(
      [
        ['Expires', 'Thu, 01 Jan 2037 00:00:00 GMT'],
        ['X-Accel-Expires', '5'],
        ['Cache-Control', 'no-store'],
      ],
      new Set(['x-accel-expires']),
    );
    expect(v).toMatchObject({ cacheable: true, validSec: 2114380800 });
  });

  it('reads stale-while-revalidate and stale-if-error', () => {
    const v = judge([['Cache-Control', 'max-age=1, stale-while-revalidate=5, stale-if-error=60']]);
    expect(v).toMatchObject({ updatingSec: 5, errorSec: 60 });
  });
});

describe('validFor (proxy_cache_valid)', () => {
  const rules = [
    { status: 404, seconds: 2 },
    { status: 0, seconds: 60 },
    { status: 200, seconds: 600 },
  ];

  it('takes the first rule for the status, `any` where it stands', () => {
    expect(validFor(rules, 404)).toBe(2);
    expect(validFor(rules, 200)).toBe(60);
    expect(validFor([{ status: 200, seconds: 5 }], 500)).toBe(0);
  });
});

describe('variantOf (Vary)', () => {
  const req = (entries: [string, string[]][]) => new Map(entries);

  it('depends only on the headers Vary names, names in any case', () => {
    const a = variantOf('k', 'Accept-Encoding', req([['accept-encoding', ['gzip']]]));
    const b = variantOf(
      'k',
      'accept-encoding',
      req([
        ['accept-encoding', ['gzip']],
        ['x', ['1']],
      ]),
    );
    const c = variantOf('k', 'Accept-Encoding', req([['accept-encoding', ['br']]]));
    expect(a).toBe(b);
    expect(a).not.toBe(c);
    expect(variantOf('other', 'Accept-Encoding', req([['accept-encoding', ['gzip']]]))).not.toBe(a);
  });

  it('normalises spaces and commas for Accept-Encoding but not for other headers', () => {
    const ae = (v: string) => variantOf('k', 'Accept-Encoding', req([['accept-encoding', [v]]]));
    expect(ae('gzip,br')).toBe(ae('gzip, br'));
    const foo = (v: string) => variantOf('k', 'X-Foo', req([['x-foo', [v]]]));
    expect(foo('a,b')).not.toBe(foo('a, b'));
  });
});
