/**
 * Loads the programme's seven calls (server/domain/partnerships/reference/calls-gzg.json) into the
 * store of this installation; safe to run again: a call that exists (by number) is left alone, or
 * brought back to the reference when it differs. Says what it did.
 *
 *   npm run calls:load
 */
import { createAudit } from '../server/domain/audit.js';
import { loadReferenceCalls } from '../server/domain/calls-reference.js';
import { systemClock } from '../server/domain/clock.js';
import { loadConfig } from '../server/config.js';
import { createStore, describeStore } from '../server/store/index.js';

const config = loadConfig(process.env);
const store = await createStore(config);
await store.init();
try {
  const report = await loadReferenceCalls({ store, clock: systemClock, audit: createAudit({ store, clock: systemClock }) });
  const list = (numbers: number[]) => (numbers.length ? numbers.join(', ') : 'none');
  console.log(`Calls loaded into ${describeStore(config)}: added ${list(report.added)}; updated ${list(report.updated)}; unchanged ${list(report.unchanged)}.`);
} finally {
  await store.close();
}
