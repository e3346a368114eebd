/**
 * The two errors every port may throw, shared by the feature ports so none of them imports another
 * for its errors. Adapters turn their drivers' unique-key and version failures into these.
 */

export class StoreConflictError extends Error {
  constructor(readonly what: 'email' | 'organisation' | 'invitation' | 'idea' | 'endorsement' | 'connection' | 'notification' | 'call' | 'partnership', message = `${what} already exists`) {
    super(message);
    this.name = 'StoreConflictError';
  }
}

export class StoreVersionError extends Error {
  constructor(readonly currentVersion: number) {
    super(`version conflict: stored version is ${currentVersion}`);
    this.name = 'StoreVersionError';
  }
}
