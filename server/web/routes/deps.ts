// What the route table (index.ts) is given to hand out: each router takes only the services it names.
import type { Services } from '../../services.js';
import type { ScaleOut } from '../../scale-out/index.js';
import type { Config } from '../../config.js';
import type { Clock } from '../../domain/clock.js';

/** Routers validate input and call services; none is given the store. */
export interface RouteDeps {
  services: Services;
  config: Readonly<Config>;
  clock: Clock;
  /** Redis-backed coordination when REDIS_URL is set (shared sign-in limit, health); null on one machine. */
  scaleOut?: ScaleOut | null;
}
