import { EventEmitter } from 'node:events';
import type { Idea } from '../store/store.js';

/**
 * What the domain announces after a change is stored. The matching engine and the realtime edge
 * subscribe; the domain does not know who listens.
 */
export interface DomainEvents {
  'idea:created': [idea: Idea];
  'idea:updated': [idea: Idea, previous: Idea];
}

export class DomainBus extends EventEmitter<DomainEvents> {}
