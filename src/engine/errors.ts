/**
 * A configuration problem, reported the way `nginx -t` reports it:
 * `[emerg] MESSAGE in FILE:LINE`. `line` is null for problems nginx only
 * notices after reading the whole file (a missing events section, an
 * unknown variable).
 */
export class ConfigError extends Error {
  readonly line: number | null;
  readonly file: string;
  /**
   * `nginx`: nginx itself refuses the config. `sandbox`: nginx would accept
   * it, but it uses a directive the sandbox does not simulate yet.
   */
  readonly refusedBy: 'nginx' | 'sandbox';

  constructor(
    message: string,
    line: number | null,
    file = 'nginx.conf',
    refusedBy: 'nginx' | 'sandbox' = 'nginx',
  ) {
    super(message);
    this.name = 'ConfigError';
    this.line = line;
    this.file = file;
    this.refusedBy = refusedBy;
  }

  /** The text nginx prints after `[emerg] `. */
  toString(): string {
    return this.line === null ? this.message : `${this.message} in ${this.file}:${this.line}`;
  }
}

export function isConfigError(e: unknown): e is ConfigError {
  return e instanceof ConfigError;
}
