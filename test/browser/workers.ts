/**
 * A root-scoped worker would control the test pages that come after this
 * file and Vitest's own page; every worker test file removes it when done.
 */
export async function unregisterWorkers(): Promise<void> {
  const registrations = await navigator.serviceWorker.getRegistrations();
  await Promise.all(registrations.map((r) => r.unregister()));
}
