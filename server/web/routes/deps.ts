import type { Logger } from 'pino';
import type { Services } from '../../app.js';
import type { Config } from '../../config.js';
import type { Clock } from '../../domain/clock.js';
import type { ScaleOut } from '../../scale-out/index.js';
import type { Store } from '../../store/store.js';

/** What a feature's router may use. Routers validate input and call services; they do not touch the store for writes. */
export interface RouteDeps {
  store: Store;
  services: Services;
  config: Readonly<Config>;
  logger: Logger;
  clock: Clock;
  /** Redis-backed coordination when REDIS_URL is set (shared sign-in limit, health); null on one machine. */
  scaleOut?: ScaleOut | null;
}
