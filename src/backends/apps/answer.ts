/**
 * How every app answers: the given headers, then `x-backend: NAME` so the
 * learner sees who answered, then a `content-length`; a HEAD request gets
 * the same status and headers without the body (the echo format's rule).
 */
import { textEncoder, type HeaderList } from '../../http/message';
import { wireResponse } from '../wire';

export interface Answer {
  status?: number;
  headers?: HeaderList;
  body?: string | Uint8Array;
}

export function answer(name: string, method: string, a: Answer): Response {
  const body = typeof a.body === 'string' ? textEncoder.encode(a.body) : (a.body ?? EMPTY);
  return wireResponse({
    status: a.status ?? 200,
    headers: [...(a.headers ?? []), ['x-backend', name], ['content-length', String(body.length)]],
    body: method === 'HEAD' ? EMPTY : body,
  });
}

/** A JSON answer; `value` is printed with two-space indents so it reads well in the console. */
export function answerJson(
  name: string,
  method: string,
  status: number,
  value: unknown,
  headers: HeaderList = [],
): Response {
  return answer(name, method, {
    status,
    headers: [['content-type', 'application/json'], ...headers],
    body: JSON.stringify(value, null, 2) + '\n',
  });
}

const EMPTY = new Uint8Array(0);
