/** For tests: the ConfigError a config is refused with, or null when it loads. */
import { compileConfig, isConfigError, type ConfigError } from '../../src/engine';

export function refusalOf(config: string): ConfigError | null {
  try {
    compileConfig(config, { stockFiles: false });
    return null;
  } catch (e) {
    if (isConfigError(e)) return e;
    throw e;
  }
}
