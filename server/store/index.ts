// Which store backs this run, MongoDB or SQLite, is decided here from the settings and nowhere else.
import type { Config } from '../config.js';
import { maskMongoUri } from './mongo/uri.js';
import { createSqliteThreadStore } from './sqlite/index.js';
import type { Store } from './store.js';

/**
 * Picks the store from the settings: MongoDB when MONGODB_URI is set (several instances sharing one
 * database; sessions live there too), else the embedded SQLite file, its writes on a thread of their
 * own so that their commits and fsyncs never hold the event loop (sqlite/thread.ts). mongoose is
 * imported only in the MongoDB case, so the default start does not pay for loading it.
 */
export async function createStore(config: Pick<Config, 'mongodbUri' | 'sqliteFile'>): Promise<Store> {
  if (config.mongodbUri) {
    const { createMongoStore } = await import('./mongo/index.js');
    return createMongoStore({ uri: config.mongodbUri });
  }
  return createSqliteThreadStore({ file: config.sqliteFile });
}

/** Where the data lives, safe for a log line (a MongoDB password is masked). */
export function describeStore(config: Pick<Config, 'mongodbUri' | 'sqliteFile'>): string {
  return config.mongodbUri ? `mongodb ${maskMongoUri(config.mongodbUri)}` : config.sqliteFile;
}
