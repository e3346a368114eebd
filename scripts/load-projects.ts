/**
 * Loads the programme's 38 funded projects (server/domain/partnerships/reference/projects-gzg.json)
 * into the store of this installation, each linked to its call when `npm run calls:load` loaded it;
 * safe to run again: a project that exists (by its reference key) is left alone, only linked to a call
 * loaded since. Says what it did. A running app picks the catalogue up within a minute.
 *
 *   npm run projects:load
 */
import { createAudit } from '../server/domain/audit.js';
import { systemClock } from '../server/domain/clock.js';
import { loadReferenceProjects } from '../server/domain/projects-reference.js';
import { loadConfig } from '../server/config.js';
import { createStore, describeStore } from '../server/store/index.js';

const config = loadConfig(process.env);
const store = await createStore(config);
await store.init();
try {
  const report = await loadReferenceProjects({ store, clock: systemClock, audit: createAudit({ store, clock: systemClock }) });
  const list = (keys: string[]) => (keys.length ? keys.join(', ') : 'none');
  console.log(`Projects loaded into ${describeStore(config)}: added ${report.added.length} (${list(report.added)}); ` +
    `linked to their call ${list(report.linked)}; unchanged ${report.unchanged.length}.`);
} finally {
  await store.close();
}
