import { describe, expect, it } from 'vitest';
import { SandboxCore } from '../runtime/sandbox-core';
import { SCENARIOS, scenarioById } from '.';

describe('the scenarios', () => {
  it('have unique ids, each found by its id', () => {
    const ids = SCENARIOS.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const s of SCENARIOS) expect(scenarioById(s.id)).toBe(s);
  });

  it.each(SCENARIOS.map((s) => [s.id, s] as const))(
    '%s: nginx accepts the config and answers the starting request',
    async (_id, scenario) => {
      const core = new SandboxCore();
      expect(core.load({ config: scenario.config, backends: scenario.backends })).toEqual({
        ok: true,
      });
      const { method, host, path, headers } = scenario.request;
      const exchange = await core.send({
        method,
        url: `http://${host}${path}`,
        headers,
        body: null,
        client: '127.0.0.1',
      });
      expect(exchange.response?.status).toBe(200);
    },
  );
});
