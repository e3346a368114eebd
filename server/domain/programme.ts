// The programme team's tools beside the board (clusters, moderation, exports), built together so the
// composition root stays short.
import type { Store } from '../store/store.js';
import type { Audit } from './audit.js';
import type { Clock } from './clock.js';
import { createClusters } from './clusters.js';
import type { Contacts } from './rules/contacts.js';
import type { DomainBus } from './events.js';
import { createExports } from './exports.js';
import type { Matching } from './matching.js';
import { createModeration } from './moderation.js';

/** The programme team's tools beside the board: the cluster page (labels, introductions), moderation and exports. */
export function createProgrammeServices(deps: { store: Store; clock: Clock; bus: DomainBus; audit: Audit; contacts: Pick<Contacts, 'policy'>; matching: Matching }) {
  const { store, clock, bus, audit, contacts, matching } = deps;
  return {
    clusters: createClusters({ store, clock, bus, audit, matching, contacts }),
    moderation: createModeration({ store, clock, bus, audit }),
    exports: createExports({ store, clock, audit, matching }),
  };
}
