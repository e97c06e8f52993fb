/** Shows a message body as readable text: JSON pretty-printed, encoded bodies described, not dumped. */
import { bodyText, headerValue, type HeaderList } from '../http/message';

/** The body as text to show; '' when there is none. */
export function formatBody(headers: HeaderList, body: Uint8Array | null): string {
  if (!body || body.length === 0) return '';
  const encoding = headerValue(headers, 'content-encoding')?.trim().toLowerCase();
  if (encoding && encoding !== 'identity') return `(${body.length} bytes, ${encoding}-encoded)`;
  const text = bodyText(body);
  if (!/\bjson\b/i.test(headerValue(headers, 'content-type') ?? '')) return text;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
