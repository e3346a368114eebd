import { Router } from 'express';
import type { Store } from '../../store/store.js';

/** For load balancers and orchestrators: 200 `{"status":"ok"}` when the store answers, 503 otherwise. */
export function healthRouter(store: Store): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    const ok = await store.ping().catch(() => false);
    res.status(ok ? 200 : 503).json(ok ? { status: 'ok' } : { status: 'unavailable', store: 'down' });
  });
  return router;
}
