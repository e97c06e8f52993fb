/** A tiny listener set: both runtimes hand exchanges and notices to the UI through it. */
export class Listeners<T> {
  private readonly set = new Set<(value: T) => void>();

  add(listener: (value: T) => void): () => void {
    this.set.add(listener);
    return () => this.set.delete(listener);
  }

  emit(value: T): void {
    for (const listener of this.set) {
      try {
        listener(value);
      } catch (error) {
        // One broken listener must not keep the others from hearing about the exchange.
        console.error(error);
      }
    }
  }

  clear(): void {
    this.set.clear();
  }
}
