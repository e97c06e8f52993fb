/** The status line a client reads, reason phrase included, as nginx writes it. */
import { REASONS } from '../engine';

export function statusLine(status: number): string {
  const reason = REASONS[status];
  return reason ? `HTTP/1.1 ${status} ${reason}` : `HTTP/1.1 ${status}`;
}
