/**
 * An XState actor's snapshot as Svelte 5 state: read `.current` in a
 * component or effect and it re-runs when the actor moves. The actor is
 * subscribed to only while something reads it, and let go when nothing does.
 */
import { createSubscriber } from 'svelte/reactivity';
import type { AnyActorRef, SnapshotFrom } from 'xstate';

export interface ActorState<TActor extends AnyActorRef> {
  readonly current: SnapshotFrom<TActor>;
}

export function useActor<TActor extends AnyActorRef>(actor: TActor): ActorState<TActor> {
  const subscribe = createSubscriber((update) => {
    const subscription = actor.subscribe(update);
    return () => subscription.unsubscribe();
  });
  return {
    get current() {
      subscribe();
      return actor.getSnapshot() as SnapshotFrom<TActor>;
    },
  };
}
