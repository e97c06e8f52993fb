/** What the proxy did to headers, in words: the trace's header changes, and received headers marked against those sent. */
import type { HeaderList } from '../engine';
import type { EventOf } from './lastEvent';

/**
 * `added X-Real-IP, Via; hid Server`, or `no change`. With `values`, each
 * added header is written out in full (`X-Real-IP: 127.0.0.1`).
 */
export function headerChangeWords(
  event: Pick<EventOf<'headers'>, 'added' | 'hidden'>,
  { values = false }: { values?: boolean } = {},
): string {
  const parts: string[] = [];
  if (event.added.length)
    parts.push(`added ${event.added.map(([n, v]) => (values ? `${n}: ${v}` : n)).join(', ')}`);
  if (event.hidden.length) parts.push(`hid ${event.hidden.join(', ')}`);
  return parts.join('; ') || 'no change';
}

/** `added`: the client sent no header of that name; `changed`: it did, with other values. */
export type HeaderMark = 'added' | 'changed' | null;

/** One mark per received header, in the same order. Names compare case-insensitively. */
export function markHeaderChanges(sent: HeaderList, received: HeaderList): HeaderMark[] {
  const sentValues = new Map<string, string[]>();
  for (const [name, value] of sent) {
    const key = name.toLowerCase();
    sentValues.set(key, [...(sentValues.get(key) ?? []), value]);
  }
  return received.map(([name, value]) => {
    const values = sentValues.get(name.toLowerCase());
    if (!values) return 'added';
    return values.includes(value) ? null : 'changed';
  });
}
