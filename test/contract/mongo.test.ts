/**
 * The MongoDB adapter is a later issue. Until it exists (and whenever MONGODB_URI is not set) this file
 * registers a pending suite, so the test report says why the contract did not run against MongoDB.
 * When the adapter lands: runStoreContract({ name: 'MongoDB', create: () => createMongoStore(...) }).
 */
const SKIPPED = 'MongoDB store contract skipped: set MONGODB_URI to run it';
const NOT_WRITTEN = 'MongoDB store contract skipped: the MongoDB adapter is not written yet';

const title = process.env.MONGODB_URI ? NOT_WRITTEN : SKIPPED;
process.stderr.write(`${title}\n`);

describe.skip(title, () => {
  it('runs runStoreContract against a MongoDB store', () => {});
});
