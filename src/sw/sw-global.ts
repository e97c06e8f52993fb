/**
 * The few service-worker globals the worker uses. The project compiles with
 * the DOM library (which types `self` as a Window), and the WebWorker library
 * cannot sit beside it, so the worker declares what it needs here.
 */
export interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}

export interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  readonly clientId: string;
  readonly resultingClientId: string;
  respondWith(response: Response | Promise<Response>): void;
}

export interface ExtendableMessageEvent extends ExtendableEvent {
  readonly data: unknown;
  readonly ports: readonly MessagePort[];
  readonly source: { id: string } | null;
}

export interface SwClient {
  readonly id: string;
  readonly url: string;
  postMessage(message: unknown): void;
}

export interface SwClients {
  get(id: string): Promise<SwClient | undefined>;
  claim(): Promise<void>;
}

export interface SwGlobal {
  readonly location: Location;
  readonly clients: SwClients;
  skipWaiting(): Promise<void>;
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
  addEventListener(type: 'message', listener: (event: ExtendableMessageEvent) => void): void;
}

export const sw = globalThis as unknown as SwGlobal;
