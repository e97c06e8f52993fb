import { describe, expect, test } from 'vitest';
import { markHeaderChanges } from './headerChanges';

describe('markHeaderChanges', () => {
  test('marks headers the proxy added or changed, and leaves the ones it passed on', () => {
    const sent: [string, string][] = [
      ['Host', 'example.com:80'],
      ['X-Test', '1'],
      ['Connection', 'keep-alive'],
    ];
    const received: [string, string][] = [
      ['Host', 'example.com'],
      ['X-Real-IP', '127.0.0.1'],
      ['Connection', 'close'],
      ['X-Test', '1'],
    ];
    expect(markHeaderChanges(sent, received)).toEqual(['changed', 'added', 'changed', null]);
  });

  test('compares names without regard to case', () => {
    expect(markHeaderChanges([['x-test', '1']], [['X-TEST', '1']])).toEqual([null]);
  });

  test('keeps a repeated header that carries any value the client sent', () => {
    const sent: [string, string][] = [
      ['Cookie', 'a=1'],
      ['Cookie', 'b=2'],
    ];
    expect(markHeaderChanges(sent, [...sent, ['Cookie', 'c=3']])).toEqual([null, null, 'changed']);
  });
});
