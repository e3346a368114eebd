// The SQLite store with its writes on a thread of its own: the same port, and the fsyncs off the main thread.
//
//   const store = await createSqliteThreadStore({ file: 'data/medestander.db' });
//   await store.init();                      // a write or the life cycle: answered by the thread
//   await store.listIdeas({ limit: 20 });    // a read: here, on a read-only connection
//   await store.close();                     // closes both connections and ends the thread
//
// Why (issue 19): better-sqlite3 is synchronous, and with `synchronous = FULL` (the SPEC: an
// acknowledged write survives a crash) every commit waits for an fsync: about 1.7 ms per post on
// average and 20–60 ms when the disk is slow, on the main thread, where every open socket and request
// waited with it. Here the writing connection lives in a worker thread; the main thread posts a
// message per write and carries on. A write is still acknowledged only after its commit (the reply
// comes after it), writes are answered in the order they were made (one connection, one queue), and
// each method stays atomic as before: nothing about the port's rules changes, only where the work happens.
//
// Reads stay on the main thread, on a second, read-only connection (WAL lets it read beside the
// writer). A read is a few indexed statements, cheaper than a message each way and a clone. In the
// thread, under load, it would also queue behind other requests' reads: with every call in the
// thread, an endorsement's dozen reads took its notification's p99 from 56 to 59–158 ms over three
// runs, and the app's CPU per request rose by 0.6–0.8 ms on the list and home pages
// (docs/measurements.md). A read waits for the calls sent to the thread before it (a write not
// awaited yet), so a read never misses a write made before it; it runs in one read transaction, so
// its statements see one state of the file. `:memory:` has no second connection: everything runs in
// the thread then.
//
// This file is both the client (main thread) and the thread's entry. Arguments and results cross by
// structured clone, which the port's rule "plain objects only" makes safe; the two store errors are
// rebuilt as their own classes so `instanceof StoreConflictError` still holds for the domain.

import { isMainThread, parentPort, workerData, type Worker } from 'node:worker_threads';
import { startModuleThread } from '../../threads.js';
import { StoreConflictError, StoreVersionError, type Store } from '../store.js';
import type { Db } from './mapping.js';
import { createSqliteReader, createSqliteStore, type SqliteStoreOptions } from './sqlite-store.js';

const MARKER = 'medestander-sqlite-thread';

/**
 * The port's reads (getIdea, listIdeas, countUnread, allOpenIdeas, areConnected, latest…, next…): with a
 * file, they run here on a second, read-only connection, without a message each way or a clone. A
 * method wrongly counted among them would fail at once with SQLITE_READONLY (the contract suite runs here).
 */
const READ = /^(get|list|count|all|are|latest|next)[A-Z]/;

interface Call { id: number; method: string; args: unknown[] }
interface FlatError { name: string; message: string; stack?: string; what?: string; currentVersion?: number; code?: string }
type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: FlatError };
type Hello = { ready: true; methods: string[] } | { ready: false; error: FlatError };

function flatten(err: unknown): FlatError {
  if (!(err instanceof Error)) return { name: 'Error', message: String(err) };
  const extra = err as Error & { what?: string; currentVersion?: number; code?: unknown };
  return {
    name: err.name, message: err.message, stack: err.stack,
    ...(typeof extra.what === 'string' ? { what: extra.what } : {}),
    ...(typeof extra.currentVersion === 'number' ? { currentVersion: extra.currentVersion } : {}),
    ...(typeof extra.code === 'string' ? { code: extra.code } : {}),
  };
}

/** The error as the domain expects it: the port's own classes where it was one of them. */
function revive(flat: FlatError): Error {
  let err: Error;
  if (flat.name === 'StoreConflictError' && flat.what !== undefined) {
    err = new StoreConflictError(flat.what as StoreConflictError['what'], flat.message);
  } else if (flat.name === 'StoreVersionError' && flat.currentVersion !== undefined) {
    err = new StoreVersionError(flat.currentVersion);
  } else {
    err = new Error(flat.message);
    err.name = flat.name;
    if (flat.code !== undefined) (err as Error & { code?: string }).code = flat.code;
  }
  // Where it went wrong is in the thread: its stack says more than the message handler's here.
  if (flat.stack) err.stack = `${flat.stack}\n    (in the SQLite thread)`;
  return err;
}

/**
 * Opens the SQLite file in a new thread and resolves with the Store once the connection is open (an
 * unopenable file rejects here, as createSqliteStore would throw). The thread keeps the process alive
 * only while a call is waiting, as an open connection on the main thread did not keep it alive at all.
 */
export function createSqliteThreadStore(options: SqliteStoreOptions): Promise<Store> {
  const worker = startModuleThread(new URL(import.meta.url), { marker: MARKER, options });
  return new Promise<Store>((resolve, reject) => {
    const onStartExit = (code: number) => reject(new Error(`the SQLite thread stopped while opening ${options.file} (exit code ${code})`));
    worker.once('error', reject);
    worker.once('exit', onStartExit);
    worker.once('message', (hello: Hello) => {
      worker.off('error', reject);
      worker.off('exit', onStartExit);
      if (!hello.ready) {
        void worker.terminate();
        reject(revive(hello.error));
        return;
      }
      let reader: Reader | null = null;
      if (options.file !== ':memory:' && !options.file.startsWith('file:')) {
        try {
          const opened = createSqliteReader(options.file);
          reader = { db: opened.db, store: opened.store as unknown as Reader['store'] };
        } catch (err) {
          void worker.terminate();
          reject(err);
          return;
        }
      }
      resolve(threadClient(worker, hello.methods, reader));
    });
  });
}

type Reader = { db: Db; store: Record<string, (...args: unknown[]) => Promise<unknown>> };

function threadClient(worker: Worker, methods: string[], reader: Reader | null): Store {
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (err: Error) => void }>();
  let nextId = 1;
  /** The last call sent to the thread, settled either way: a read waits for it while calls are pending. */
  let lastSent: Promise<unknown> = Promise.resolve();
  /** Set once the thread is gone (closed, crashed): later calls fail at once instead of waiting for ever. */
  let dead: Error | null = null;

  const settle = (): void => { if (pending.size === 0) worker.unref(); };
  const failAll = (err: Error): void => {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
    settle();
  };
  worker.unref();
  worker.on('message', (reply: Reply) => {
    const p = pending.get(reply.id);
    if (!p) return;
    pending.delete(reply.id);
    settle();
    if (reply.ok) p.resolve(reply.value);
    else p.reject(revive(reply.error));
  });
  // A reply that cannot be deserialised cannot be matched to its call: fail every waiting call.
  worker.on('messageerror', (err) => failAll(err));
  worker.on('error', (err) => { dead ??= err; failAll(err); });
  worker.on('exit', (code) => { dead ??= new Error(`the SQLite thread stopped (exit code ${code})`); failAll(dead); });

  const call = (method: string, args: unknown[]): Promise<unknown> => {
    if (dead) return Promise.reject(dead);
    const id = nextId++;
    const answered = new Promise((resolve, reject) => {
      if (pending.size === 0) worker.ref();
      pending.set(id, { resolve, reject });
      try {
        worker.postMessage({ id, method, args } satisfies Call);
      } catch (err) {
        // An argument that cannot be cloned (a function, a class with private state) is the caller's
        // mistake; say which method it was instead of leaving the call waiting.
        pending.delete(id);
        settle();
        reject(new Error(`store.${method}: its arguments cannot be sent to the SQLite thread (${err instanceof Error ? err.message : String(err)})`));
      }
    });
    lastSent = answered.then(() => undefined, () => undefined);
    return answered;
  };

  const readHere = (r: Reader, method: string, args: unknown[]): Promise<unknown> => {
    if (dead) return Promise.reject(dead);
    // The adapters' bodies are synchronous: the whole read runs between BEGIN and COMMIT. Whatever
    // fails (the driver, a body that throws before its promise) comes back as a rejection, as from the thread.
    try {
      r.db.prepare('BEGIN').run();
      try {
        return Promise.resolve(r.store[method]!(...args));
      } finally {
        r.db.prepare('COMMIT').run();
      }
    } catch (err) {
      return Promise.reject(err);
    }
  };
  const read = (r: Reader, method: string, args: unknown[]): Promise<unknown> =>
    (pending.size > 0 ? lastSent.then(() => readHere(r, method, args)) : readHere(r, method, args));

  const client: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  for (const method of methods) {
    client[method] = reader && READ.test(method) && typeof reader.store[method] === 'function'
      ? (...args: unknown[]) => read(reader, method, args)
      : (...args: unknown[]) => call(method, args);
  }
  client.close = async () => {
    if (dead) return;
    await call('close', []);
    dead = new Error('the SQLite store is closed');
    if (reader?.db.open) reader.db.close();
    await worker.terminate();
  };
  client.ping = async () => {
    if (dead) return false;
    return (await call('ping', [])) as boolean;
  };
  return client as unknown as Store;
}

if (!isMainThread && parentPort && (workerData as { marker?: string } | null)?.marker === MARKER) {
  const port = parentPort;
  let store: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  try {
    store = createSqliteStore((workerData as { options: SqliteStoreOptions }).options) as unknown as typeof store;
    port.postMessage({ ready: true, methods: Object.keys(store).filter((k) => typeof store[k] === 'function') } satisfies Hello);
  } catch (err) {
    port.postMessage({ ready: false, error: flatten(err) } satisfies Hello);
  }
  port.on('message', (msg: Call) => {
    // Each call runs to its end before the next message is read (the adapters are synchronous inside),
    // so the order of calls is the order of answers, as on the main thread before.
    const answer = (reply: Reply): void => {
      try {
        port.postMessage(reply);
      } catch (err) {
        port.postMessage({ id: msg.id, ok: false, error: flatten(new Error(`store.${msg.method}: its result cannot be sent back (${err instanceof Error ? err.message : String(err)})`)) } satisfies Reply);
      }
    };
    const method = store[msg.method];
    if (typeof method !== 'function') {
      answer({ id: msg.id, ok: false, error: { name: 'TypeError', message: `store.${msg.method} is not a method of the store` } });
      return;
    }
    method(...msg.args).then(
      (value) => answer({ id: msg.id, ok: true, value }),
      (err: unknown) => answer({ id: msg.id, ok: false, error: flatten(err) }),
    );
  });
}
