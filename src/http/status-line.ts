/** The status line a client reads, reason phrase included, as nginx writes it. */
import { STATUS_LINE_REASONS } from './pages';

/** `reason`: the phrase the response carries (a proxied one keeps its backend's); nginx's own by default. */
export function statusLine(status: number, reason = STATUS_LINE_REASONS[status]): string {
  return reason ? `HTTP/1.1 ${status} ${reason}` : `HTTP/1.1 ${status}`;
}
