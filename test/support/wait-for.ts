/**
 * For a condition a test can only see by looking again (no event says it changed, e.g. a worker thread
 * ended on an idle timer): polls with a deadline and names what never came. Prefer awaiting an event.
 *
 *   await waitFor(() => !matching.workerRunning, { what: 'the idle worker ended' });
 */
export async function waitFor<T>(
  check: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  { within = 5000, every = 10, what = 'the condition' }: { within?: number; every?: number; what?: string } = {},
): Promise<T> {
  const until = Date.now() + within;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > until) throw new Error(`${what}: not within ${within} ms`);
    await new Promise((r) => setTimeout(r, every));
  }
}

/** One turn of the event loop: every promise callback already due has run (e.g. a queued run has started). */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
