import { describe, expect, it } from 'vitest';
import { SandboxCore } from '../../runtime/sandbox-core';
import { scenarioSchema } from '../scenario';
import { SCENARIOS, scenarioById } from '.';

describe('the built-in scenarios', () => {
  it('have unique ids, each found by its id', () => {
    const ids = SCENARIOS.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const s of SCENARIOS) expect(scenarioById(s.id)).toBe(s);
  });

  it.each(SCENARIOS.map((s) => [s.id, s] as const))(
    '%s: is a scenario as the schema reads it, every field written out',
    (_id, scenario) => {
      expect(scenarioSchema.parse(scenario)).toEqual(scenario);
    },
  );

  it.each(SCENARIOS.map((s) => [s.id, s] as const))(
    '%s: nginx accepts the config and answers the starting request',
    async (_id, scenario) => {
      const core = new SandboxCore();
      expect(core.load({ config: scenario.config, backends: scenario.backends })).toEqual({
        ok: true,
      });
      const exchange = await core.send(scenario.request);
      expect(exchange.response?.status).toBe(200);
    },
  );
});
