/** Compares the headers the backend received with those the client sent, to show what the proxy did. */
import type { HeaderList } from '../engine';

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
