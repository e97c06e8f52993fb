import { describe, expect, it } from 'vitest';
import { backendNotes } from './backendNotes';

const BACKENDS = {
  '127.0.0.1:3001': { name: 'app-a' },
  '127.0.0.1:3002': { name: 'app-b', latencyMs: 300 },
};

describe('backendNotes', () => {
  it('says what each backend did and what was done to it, in words', () => {
    const { notes, stopped } = backendNotes(
      BACKENDS,
      { '127.0.0.1:3001': { down: true } },
      { answeredBy: { '127.0.0.1:3002': 5 }, failedAt: { '127.0.0.1:3001': 2 } },
      { '127.0.0.1:3002': 3 },
    );
    expect(notes['backend:127.0.0.1:3001']).toEqual(['stopped', '0 answered, 2 failed']);
    expect(notes['backend:127.0.0.1:3002']).toEqual([
      'slow: +300 ms',
      '5 answered',
      '3 in progress',
    ]);
    expect([...stopped]).toEqual(['backend:127.0.0.1:3001']);
  });

  it('a learner’s change overrides the scenario’s settings', () => {
    const { notes, stopped } = backendNotes(
      { '127.0.0.1:3001': { name: 'a', down: true } },
      { '127.0.0.1:3001': { down: false, failRate: 0.25 } },
      { answeredBy: {}, failedAt: {} },
    );
    expect(stopped.size).toBe(0);
    expect(notes['backend:127.0.0.1:3001']).toEqual(['failing 25%', '0 answered']);
  });

  it('a backend only the traces know of still gets its counts', () => {
    const { notes } = backendNotes({}, {}, { answeredBy: { '10.0.0.1:80': 1 }, failedAt: {} });
    expect(notes['backend:10.0.0.1:80']).toEqual(['1 answered']);
  });
});
