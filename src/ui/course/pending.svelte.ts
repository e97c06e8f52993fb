/** A promise as state a page can show: loading, ready with its value, or failed with the reason. */
export type Loaded<T> =
  { status: 'loading' } | { status: 'ready'; value: T } | { status: 'failed'; message: string };

export class Pending<T> {
  // Raw: the value is handed on as it came (a proxy would not survive structuredClone).
  current = $state.raw<Loaded<T>>({ status: 'loading' });

  constructor(promise: Promise<T>) {
    promise.then(
      (value) => (this.current = { status: 'ready', value }),
      (error: unknown) =>
        (this.current = {
          status: 'failed',
          message: error instanceof Error ? error.message : String(error),
        }),
    );
  }
}
