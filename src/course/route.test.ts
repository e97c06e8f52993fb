import { describe, expect, it } from 'vitest';
import { lessonHash, parseRoute, routeHash, type Route } from './route';

describe('parseRoute', () => {
  it.each([
    ['', { page: 'home' }],
    ['#', { page: 'home' }],
    ['#/', { page: 'home' }],
    ['#/done', { page: 'done' }],
    ['#/done/', { page: 'done' }],
    ['#/lesson/load-balancing', { page: 'lesson', id: 'load-balancing', section: null }],
    [
      '#/lesson/load-balancing/round-robin',
      { page: 'lesson', id: 'load-balancing', section: 'round-robin' },
    ],
    ['#/lesson/caf%C3%A9', { page: 'lesson', id: 'café', section: null }],
    ['#/playground', { page: 'playground', scenario: null }],
    ['#/playground?scenario=caching', { page: 'playground', scenario: 'caching' }],
    ['#/playground?scenario=', { page: 'playground', scenario: null }],
    ['#/playground?lesson=caching', { page: 'playground', scenario: null, lesson: 'caching' }],
    ['#/playground?s=AbC-_9', { page: 'playground', scenario: null, shared: 'AbC-_9' }],
    ['#/playground?s=a%2Bb', { page: 'playground', scenario: null, shared: 'a+b' }],
    ['#/playground?lesson=', { page: 'playground', scenario: null }],
    ['#/playground?scenario=x&lesson=y&s=z', { page: 'playground', scenario: null, shared: 'z' }],
    ['#/playground?scenario=x&lesson=y', { page: 'playground', scenario: null, lesson: 'y' }],
  ] satisfies [string, Route][])('reads %j', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });

  it('still opens the playground from its first links, #scenario=<id>', () => {
    expect(parseRoute('#scenario=failover')).toEqual({ page: 'playground', scenario: 'failover' });
    expect(parseRoute('#scenario=')).toEqual({ page: 'playground', scenario: null });
  });

  it('reads an anchor inside a page as no route at all, so the page stays', () => {
    expect(parseRoute('#round-robin')).toBeNull();
    expect(parseRoute('#main')).toBeNull();
  });

  it.each(['#/nope', '#/lesson', '#/lesson/a/b/c', '#/done/again', '#/lesson/%E0%A4%A'])(
    'finds no page at %j',
    (hash) => {
      expect(parseRoute(hash)).toMatchObject({ page: 'not-found' });
    },
  );
});

describe('routeHash', () => {
  it.each([
    { page: 'home' },
    { page: 'done' },
    { page: 'lesson', id: 'load-balancing', section: null },
    { page: 'lesson', id: 'a b/c', section: 'x y' },
    { page: 'playground', scenario: null },
    { page: 'playground', scenario: 'rate limit&more' },
    { page: 'playground', scenario: null, lesson: 'load balancing&more' },
    { page: 'playground', scenario: null, shared: 'v1.a+b/c=' },
  ] satisfies Route[])('round-trips %j through parseRoute', (route) => {
    expect(parseRoute(routeHash(route))).toEqual(route);
  });

  it('writes the addresses people see', () => {
    expect(routeHash({ page: 'home' })).toBe('#/');
    expect(routeHash({ page: 'playground', scenario: 'caching' })).toBe(
      '#/playground?scenario=caching',
    );
    expect(routeHash({ page: 'playground', scenario: null, lesson: 'caching' })).toBe(
      '#/playground?lesson=caching',
    );
    expect(lessonHash('load-balancing')).toBe('#/lesson/load-balancing');
    expect(lessonHash('load-balancing', 'weights')).toBe('#/lesson/load-balancing/weights');
  });
});
