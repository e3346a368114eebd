// The MongoDB adapter's front door: store/index.ts imports it lazily, so mongoose loads only when used.
export { createMongoStore, type MongoStoreOptions } from './mongo-store.js';
export { databaseNameOf, maskMongoUri } from './uri.js';
