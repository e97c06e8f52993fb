/** Vite builds for the browser benches, leaving the process as it found it. */
import { build, type InlineConfig } from 'vite';

/**
 * `vite build` sets NODE_ENV=production for the whole process; a dev server
 * started after it would then serve the app as production (and register the
 * worker as a classic script). This puts NODE_ENV back once the build is done.
 */
export async function buildKeepingNodeEnv(config: InlineConfig): Promise<void> {
  const nodeEnv = process.env['NODE_ENV'];
  try {
    await build(config);
  } finally {
    if (nodeEnv === undefined) delete process.env['NODE_ENV'];
    else process.env['NODE_ENV'] = nodeEnv;
  }
}
