import { describe, expect, it } from 'vitest';
import { classicProxy } from '../../scenarios/classic-proxy';
import type { Scenario } from '../../scenarios/scenario';
import { readScenarioHash, writeScenarioHash } from './scenarioHash';

const other: Scenario = { ...classicProxy, id: 'round-robin', title: 'Round robin' };
const scenarios = [classicProxy, other];

describe('readScenarioHash', () => {
  it('finds the scenario the hash names', () => {
    expect(readScenarioHash('#scenario=round-robin', scenarios)).toEqual({
      scenario: other,
      unknownId: null,
    });
  });

  it.each(['', '#', '#scenario=', '#lesson=3'])('shows the first for %j, with no note', (hash) => {
    expect(readScenarioHash(hash, scenarios)).toEqual({ scenario: classicProxy, unknownId: null });
  });

  it('shows the first for an unknown id and says which id it was', () => {
    expect(readScenarioHash('#scenario=nope%20here', scenarios)).toEqual({
      scenario: classicProxy,
      unknownId: 'nope here',
    });
  });

  it('refuses an empty list rather than render nothing', () => {
    expect(() => readScenarioHash('', [])).toThrow('no scenarios');
  });
});

describe('writeScenarioHash', () => {
  it('sets the scenario and keeps other parameters', () => {
    expect(writeScenarioHash('', 'caching')).toBe('#scenario=caching');
    expect(writeScenarioHash('#scenario=caching&step=2', 'failover')).toBe(
      '#scenario=failover&step=2',
    );
  });

  it('round-trips through readScenarioHash', () => {
    expect(readScenarioHash(writeScenarioHash('#x=1', 'round-robin'), scenarios).scenario).toBe(
      other,
    );
  });
});
