/**
 * The built-in figures a lesson can show above its sandbox, by the name its
 * `widget:` field gives (lessons/FORMAT.md). A figure takes no props: it
 * starts the way the lesson needs it.
 */
import type { Component } from 'svelte';
import ProxyKinds from '../intro/ProxyKinds.svelte';
import EventLoop from './EventLoop.svelte';

export const WIDGETS: Readonly<Record<string, Component>> = {
  'proxy-kinds': ProxyKinds,
  'event-loop': EventLoop,
};
