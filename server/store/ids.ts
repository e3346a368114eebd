// Ids are made by the domain, never by a store, so every adapter keeps the same ones.
import { randomUUID } from 'node:crypto';

export function newId(): string {
  return randomUUID();
}
