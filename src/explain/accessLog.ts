/** The access log as nginx wrote it: every line the exchanges carry, in order, and the last few to show. */
import type { Exchange } from '../runtime/types';

export interface AccessLogTail {
  /** Lines written by all the exchanges. */
  total: number;
  /** The last `limit` lines, oldest first. */
  lines: { path: string; line: string }[];
  /** More than one log file was written to, so each line should say which. */
  severalFiles: boolean;
}

export function tailAccessLog(exchanges: readonly Exchange[], limit = 50): AccessLogTail {
  let total = 0;
  for (const ex of exchanges) total += ex.accessLog.length;
  const lines: { path: string; line: string }[] = [];
  // Walk back from the newest exchange only as far as the tail needs.
  for (let i = exchanges.length - 1; i >= 0 && lines.length < limit; i--) {
    const log = exchanges[i]!.accessLog;
    for (let j = log.length - 1; j >= 0 && lines.length < limit; j--) lines.push(log[j]!);
  }
  lines.reverse();
  const paths = new Set(lines.map((l) => l.path));
  return { total, lines, severalFiles: paths.size > 1 };
}
