/**
 * The engine accepts exactly the configs nginx accepts and refuses the others
 * with nginx's message and line. `config-errors.json` holds configs with the
 * answer real nginx gave (`scripts/record-config-errors.ts` records them).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileConfig, isConfigError } from '../../src/engine';

interface Entry {
  config: string;
  nginx: { message: string; line: number | null } | null;
  /** Why the sandbox knowingly differs (a feature it does not simulate yet). */
  gap?: string;
}

const entries = JSON.parse(
  readFileSync(join(import.meta.dirname, 'config-errors.json'), 'utf8'),
) as Entry[];

function engineAnswer(config: string): Entry['nginx'] {
  try {
    compileConfig(config, { stockFiles: false });
    return null;
  } catch (e) {
    if (!isConfigError(e)) throw e;
    return { message: e.message, line: e.line };
  }
}

describe('config checks agree with nginx -t', () => {
  entries.forEach((entry, i) => {
    const title = `#${i + 1} ${entry.nginx ? entry.nginx.message : 'loads'}`;
    if (entry.gap) {
      it(`${title} (known gap: ${entry.gap})`, () => {
        expect(engineAnswer(entry.config)).not.toEqual(entry.nginx);
      });
    } else {
      it(title, () => {
        expect(engineAnswer(entry.config)).toEqual(entry.nginx);
      });
    }
  });
});
