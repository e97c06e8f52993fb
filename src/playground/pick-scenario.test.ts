import { describe, expect, it } from 'vitest';
import { classicProxy } from '../scenario/builtin/classic-proxy';
import type { Scenario } from '../scenario';
import { pickScenario } from './pick-scenario';

const other: Scenario = { ...classicProxy, id: 'round-robin', title: 'Round robin' };
const scenarios = [classicProxy, other];

describe('pickScenario', () => {
  it('finds the scenario with the id', () => {
    expect(pickScenario('round-robin', scenarios)).toEqual({ scenario: other, unknownId: null });
  });

  it.each([null, ''])('shows the first for %j, with no note', (id) => {
    expect(pickScenario(id, scenarios)).toEqual({ scenario: classicProxy, unknownId: null });
  });

  it('shows the first for an unknown id and says which id it was', () => {
    expect(pickScenario('nope here', scenarios)).toEqual({
      scenario: classicProxy,
      unknownId: 'nope here',
    });
  });

  it('refuses an empty list rather than render nothing', () => {
    expect(() => pickScenario(null, [])).toThrow('no scenarios');
  });
});
