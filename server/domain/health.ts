// Whether this instance can serve: the one store read /healthz needs, so the route never holds the store.
import type { Store } from '../store/store.js';

export function createHealth({ store }: { store: Pick<Store, 'ping'> }) {
  return {
    /** True when the store answers; a failing ping counts as down. */
    storeUp: (): Promise<boolean> => store.ping().catch(() => false),
  };
}

export type Health = ReturnType<typeof createHealth>;
