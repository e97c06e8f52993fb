/** The editor's live check: what `nginx -t` would say about a config, without starting a proxy. */
import { compileConfig, isConfigError } from '../engine';
import type { ConfigProblem, RuntimeScenario } from '../runtime/types';

/** What the config is checked against: the backends' names resolve, `include` and `root` read the files. */
export type CheckScene = Partial<Pick<RuntimeScenario, 'backends' | 'files'>>;

/**
 * The first problem nginx (or the sandbox) finds in `text`, in nginx's
 * words with the line it names, or null when the config would load. The
 * same compile the proxy runs on Apply, so the two never disagree.
 */
export function checkConfig(text: string, scene: CheckScene = {}): ConfigProblem | null {
  try {
    compileConfig(text, {
      hosts: Object.keys(scene.backends ?? {}).map(hostOf),
      files: scene.files ?? {},
    });
    return null;
  } catch (error) {
    if (isConfigError(error)) {
      const { message, line, file, refusedBy } = error;
      return { message, line, file, refusedBy };
    }
    return {
      message: `the sandbox could not check this config: ${String(error)}`,
      line: null,
      file: 'nginx.conf',
      refusedBy: 'sandbox',
    };
  }
}

/** `app-a:8080` → `app-a`; `[::1]:80` → `[::1]` (a backend's address is what nginx dials). */
function hostOf(address: string): string {
  return /^(\[[^\]]*\]|[^:]*)/.exec(address)![1]!;
}
