/** The status line a client reads, reason phrase included, as nginx writes it. */
import { STATUS_LINE_REASONS } from './pages';

export function statusLine(status: number): string {
  const reason = STATUS_LINE_REASONS[status];
  return reason ? `HTTP/1.1 ${status} ${reason}` : `HTTP/1.1 ${status}`;
}
