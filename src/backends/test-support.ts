/** For the backend tests: requests straight to a scenario's backends, answers read as text or JSON. */
import { Cancellation, VirtualClock, type UpstreamOutcome } from '../engine';
import { bodyText, headerValue, textEncoder, type HeaderList } from '../http/message';
import { createBackendTransport } from '.';
import type { BackendControls } from './controls';
import type { BackendMap } from '../scenario';

export interface Answered {
  status: number;
  headers: HeaderList;
  body: Uint8Array;
  header(name: string): string | undefined;
  text(): string;
  json(): Record<string, unknown>;
}

export function backendsFor(backends: BackendMap, controls?: BackendControls) {
  const clock = new VirtualClock();
  const transport = createBackendTransport(backends, clock, controls);
  /** Sends one request; `target` is `ADDRESS/path`. */
  const send = (
    target: string,
    init: { method?: string; headers?: HeaderList; body?: string } = {},
  ): Promise<UpstreamOutcome> => {
    const slash = target.indexOf('/');
    return Promise.resolve(
      transport(
        {
          address: target.slice(0, slash),
          target: target.slice(slash),
          method: init.method ?? 'GET',
          httpVersion: '1.0',
          headers: [['Host', 'example.com'], ...(init.headers ?? [])],
          body: init.body === undefined ? null : textEncoder.encode(init.body),
        },
        new Cancellation(),
      ),
    );
  };
  /** Sends and expects an HTTP answer (not a refused connection). */
  const answer = async (...args: Parameters<typeof send>): Promise<Answered> => {
    const out = await send(...args);
    if (out.kind !== 'response') throw new Error(`${args[0]} was refused`);
    return {
      ...out,
      header: (name) => headerValue(out.headers, name),
      text: () => bodyText(out.body),
      json: () => JSON.parse(bodyText(out.body)) as Record<string, unknown>,
    };
  };
  return { clock, send, answer };
}
