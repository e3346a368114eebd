// Load balancers must know whether this instance can serve, yet not drop every instance when Redis is away.
import { Router } from 'express';
import { featureRouter } from './routing.js';
import type { ScaleOutHealth } from '../../scale-out/index.js';

/**
 * For load balancers and orchestrators: 200 `{"status":"ok"}` when the store answers, 503 otherwise.
 * With Redis (several instances, server/scale-out/): its state and whether this instance leads the clustering are added, and
 * Redis being away answers 200 `{"status":"degraded","redis":"down"}`: the instance still serves
 * every page and request (only live updates across instances and recomputes wait), and as all
 * instances share the one Redis, a 503 would take every one of them out of rotation at once.
 */
export function healthRouter(storeUp: () => Promise<boolean>, scaleOut?: () => ScaleOutHealth): Router {
  const router = featureRouter();
  router.get('/healthz', async (_req, res) => {
    const ok = await storeUp();
    const redis = scaleOut?.();
    if (!ok) return void res.status(503).json({ status: 'unavailable', store: 'down', ...redis });
    if (!redis) return void res.json({ status: 'ok' });
    res.json({ status: redis.redis === 'up' ? 'ok' : 'degraded', ...redis });
  });
  return router;
}
