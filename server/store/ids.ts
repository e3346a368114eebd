import { randomUUID } from 'node:crypto';

/** Ids are made by the domain, never by a store, so every adapter keeps the same ones. */
export function newId(): string {
  return randomUUID();
}
