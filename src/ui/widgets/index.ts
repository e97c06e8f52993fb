/**
 * The built-in figures a lesson can show above its sandbox, by the name its
 * `widget:` field gives (lessons/FORMAT.md). A figure takes no props: it
 * starts the way the lesson needs it. Each is fetched when a lesson shows it.
 */
import type { Component } from 'svelte';

export const WIDGETS: Readonly<Record<string, () => Promise<{ default: Component }>>> = {
  'proxy-kinds': () => import('../intro/ProxyKinds.svelte'),
  'event-loop': () => import('./EventLoop.svelte'),
};
