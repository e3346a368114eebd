export { createMongoStore, type MongoStoreOptions } from './mongo-store.js';
export { databaseNameOf, maskMongoUri } from './uri.js';
