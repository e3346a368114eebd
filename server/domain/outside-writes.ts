// Another process writing to the same SQLite file (npm run seed:demo) must show up without a restart
// (issue 16.1).
import type { Logger } from 'pino';
import type { Store } from '../store/store.js';
import type { DomainBus } from './events.js';
import type { Matching } from './matching.js';

/**
 * Picks up what another process wrote to the same store (issue 16.1: `npm run seed:demo` while the app
 * runs used to leave it without similar ideas or clusters until a restart). Every `pollMs` it asks the
 * store whether anyone else committed (SQLite's data_version: a cheap read that changes only on another
 * connection's commit); when so, it calls the matching's existing `resync` (which compares the whole
 * store with what the engine holds, places what is new and schedules a recompute) and tells the board,
 * exactly as server/scale-out does when another instance announces a resync. Then `onChange` (the mail
 * outbox looks for mail owed). Kept out of matching.ts on purpose: this only calls its entry point.
 *
 * With several instances (Redis) they tell each other; the MongoDB store answers null and this stops.
 */
export async function watchOutsideWrites(deps: {
  store: Pick<Store, 'outsideChangeMarker'>; matching: Pick<Matching, 'resync'>; bus: DomainBus; logger: Logger;
  pollMs: number; onChange?: () => void;
}): Promise<{ check(): Promise<boolean>; close(): Promise<void> }> {
  const { store, matching, bus, logger } = deps;
  let last = await store.outsideChangeMarker();
  let timer: NodeJS.Timeout | undefined;
  let checking: Promise<boolean> | null = null;
  let stopped = false;

  const take = async (): Promise<boolean> => {
    const marker = await store.outsideChangeMarker();
    if (marker === null || marker === last || stopped) return false;
    last = marker;
    const { ideas, labels } = await matching.resync();
    for (const e of ideas) bus.emit('idea:elsewhere', e);
    for (const clusterId of labels) bus.emit('cluster:labelled-elsewhere', { clusterId });
    if (ideas.length > 0) logger.info({ ideas: ideas.length }, 'took ideas another process wrote to the store');
    deps.onChange?.();
    return true;
  };
  /** One check at a time; resolves true when it found (and took) another process's writes. */
  const check = (): Promise<boolean> => (checking ??= take()
    .catch((err: unknown) => { logger.warn({ err }, 'checking the store for outside writes failed'); return false; })
    .finally(() => { checking = null; }));

  if (last !== null && deps.pollMs > 0) {
    const tick = () => { void check().finally(() => { if (!stopped) { timer = setTimeout(tick, deps.pollMs); timer.unref(); } }); };
    timer = setTimeout(tick, deps.pollMs);
    timer.unref();
  }
  return {
    check,
    async close() {
      stopped = true;
      clearTimeout(timer);
      await checking;
    },
  };
}
