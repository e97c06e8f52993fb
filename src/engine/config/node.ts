/** The parsed configuration, in the shape nginx tooling (crossplane) uses. */
export interface ConfigNode {
  directive: string;
  args: string[];
  /** The line nginx reports for this directive: where its `;` or `{` was read. */
  line: number;
  /** The line where the directive's name starts (what an editor highlights). */
  startLine: number;
  /** The file it came from: `nginx.conf` or an included file. */
  file: string;
  /** Which arguments were written in quotes. */
  quoted: boolean[];
  block?: ConfigNode[];
  /** For a block: the line of its closing `}` (where nginx reports what it checks once a block is read). */
  endLine?: number;
  /** Set by the directive's parser at load time (a directive module's typed value). */
  value?: unknown;
  /** The arguments listed in the declaration's `values`, compiled (index → value). */
  compiled?: Map<number, import('../variables').ComplexValue>;
}

/** Where a directive may appear, after nginx's NGX_*_CONF flags. */
export type Context =
  | 'main'
  | 'events'
  | 'http'
  | 'server'
  | 'location'
  | 'upstream'
  /** `if` inside `server` */
  | 'sif'
  /** `if` inside `location` */
  | 'lif'
  /** `limit_except` */
  | 'lmt';

/** Blocks whose contents are data lines rather than directives (`types`, `map`, `split_clients`). */
export type DataBlock = 'types' | 'map' | 'split_clients' | 'geo';
