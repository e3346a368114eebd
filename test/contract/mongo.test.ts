/**
 * The store contract against MongoDB, run whenever MONGODB_URI is set (a replica set: the adapter
 * needs transactions), e.g.
 *
 *   MONGODB_URI='mongodb://127.0.0.1:27017/?replicaSet=rs0' npm test
 *
 * Every store the suites create gets its own database, `medestander_test_<random>`, dropped after the
 * run. Without MONGODB_URI (no MongoDB server can be installed on the development machines) the suite
 * is reported as pending, with the reason, so a green run never hides that it did not run.
 */
import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { createMongoStore } from '../../server/store/mongo/index.js';
import { runStoreContract } from './store-contract.js';

const uri = process.env.MONGODB_URI;

if (!uri) {
  const title = 'MongoDB store contract skipped: set MONGODB_URI to run it';
  process.stderr.write(`${title}\n`);
  describe.skip(title, () => {
    it('runs runStoreContract (every feature suite) against a MongoDB store', () => {});
  });
} else {
  const databases: string[] = [];
  const fresh = async () => {
    const dbName = `medestander_test_${randomBytes(6).toString('hex')}`;
    databases.push(dbName);
    return createMongoStore({ uri, dbName });
  };

  after(async function dropTestDatabases() {
    this.timeout(120_000);
    const admin = await mongoose.createConnection(uri).asPromise();
    try {
      for (const name of databases) await admin.useDb(name, { useCache: false }).dropDatabase();
    } finally {
      await admin.close();
    }
  });

  runStoreContract({ name: 'MongoDB', create: fresh });
}
