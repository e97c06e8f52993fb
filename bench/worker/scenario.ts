/** What both bench pages answer: one echo app behind a proxy, and the request sent to it. */
import type { ClientRequest } from '../../src/scenario';
import { ECHO_SCENARIO } from '../../test/support/echo-scenario';

export const SCENARIO = ECHO_SCENARIO;

export const REQUEST: ClientRequest = {
  method: 'GET',
  url: 'http://example.com/api/items?page=2',
  headers: [['User-Agent', 'bench']],
  body: null,
  client: '127.0.0.1',
};

/** What a page exposes to the bench runner. */
export interface BenchPage {
  /** One request; its round trip in ms, measured in the page. */
  roundTrip(): Promise<number>;
  /** `n` requests at once: how long until all answered, how many answered 200, how many exchanges arrived. */
  burst(n: number): Promise<{ ms: number; ok: number; exchanges: number }>;
  /** The same burst as the sandbox's burst panel sends it: one message carrying n requests. */
  burstInOne?(n: number): Promise<{ ms: number; ok: number; exchanges: number }>;
}

declare global {
  interface Window {
    bench?: BenchPage;
    benchError?: string;
  }
}
