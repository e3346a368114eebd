/**
 * The real app for integration tests: a fresh SQLite file in a temporary folder, listening on port 0.
 *
 *   let app: TestApp;
 *   before(async () => { app = await startTestApp(); });
 *   after(() => app.close());
 *
 *   const org = await app.createOrganisation({ province: 'Limburg' });
 *   const member = await app.createMember(org.id);              // password: TEST_PASSWORD
 *   const agent = request.agent(app.baseUrl);
 *   const csrf = await signIn(agent, member.email);              // X-CSRF-Token for later calls
 *
 * Passwords are hashed once per app (argon2 is slow on purpose) and shared by every user it creates.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request, { type Agent } from 'supertest';
import { createApp, type AppHandle, type Services } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import type { Clock } from '../../server/domain/clock.js';
import type { Mailer } from '../../server/mail.js';
import type { Logger } from 'pino';
import { createStore } from '../../server/store/index.js';
import { SESSION_COOKIE } from '../../server/web/middleware/session.js';
import type { Organisation, Store, User } from '../../server/store/store.js';
import { makeOrganisation, makeUser } from './factories.js';

export const TEST_PASSWORD = 'correct horse battery staple';

/**
 * Settings for a test that recomputes the clusters only when it asks (`matching.recomputeNow()`), so it
 * sees exactly the updates it causes: a quiet time and a maximum wait (RECOMPUTE_MAX_WAIT_MS, 30 s by
 * default) longer than any test. Lifting only the quiet time let a slow run recompute on its own.
 */
export const RECOMPUTE_ON_REQUEST = { RECOMPUTE_DEBOUNCE_MS: '600000', RECOMPUTE_MAX_WAIT_MS: '600000' } as const;

export interface TestApp {
  baseUrl: string;
  handle: AppHandle;
  store: Store;
  services: Services;
  /** The app's SQLite file (another connection to it plays another process, e.g. seed:demo). */
  sqliteFile: string;
  /** A new organisation of its own (a unique test municipality), so a test's data does not mix with another's. */
  createOrganisation(over?: Partial<Organisation>): Promise<Organisation>;
  /** A member of `organisationId` who can sign in with TEST_PASSWORD. */
  createMember(organisationId: string, over?: Partial<User>): Promise<User>;
  /** A programme-team user who can sign in with TEST_PASSWORD. */
  createProgramme(over?: Partial<User>): Promise<User>;
  close(): Promise<void>;
}

/** `port`: listen there instead of on a free one (a test that needs BASE_URL to be the real address, e.g. links in mails). */
export async function startTestApp(opts: { clock?: Clock; env?: Record<string, string>; mailer?: Mailer; logger?: Logger; port?: number } = {}): Promise<TestApp> {
  const dir = await mkdtemp(path.join(tmpdir(), 'medestander-test-'));
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dir, ...opts.env });
  const store = await createStore(config);
  const handle = await createApp({ store, ...(opts.clock ? { clock: opts.clock } : {}), ...(opts.mailer ? { mailer: opts.mailer } : {}), ...(opts.logger ? { logger: opts.logger } : {}) }, config);
  await new Promise<void>((resolve) => handle.httpServer.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const { port } = handle.httpServer.address() as AddressInfo;

  let hash: Promise<string> | undefined;
  const passwordHash = () => (hash ??= handle.services.accounts.hashPassword(TEST_PASSWORD));
  const createUser = async (organisationId: string | null, over: Partial<User>) => {
    const user = makeUser(organisationId, { passwordHash: await passwordHash(), ...over });
    await store.createUser(user);
    return user;
  };

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    handle,
    store,
    services: handle.services,
    sqliteFile: config.sqliteFile,
    async createOrganisation(over = {}) {
      const org = makeOrganisation(over);
      await store.upsertOrganisations([org]);
      return org;
    },
    createMember: (organisationId, over = {}) => createUser(organisationId, { role: 'member', ...over }),
    createProgramme: (over = {}) => createUser(null, { role: 'programme', ...over }),
    async close() {
      await handle.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Signs the agent in through `POST /api/session` and returns the CSRF token for its later state-changing calls. */
export async function signIn(agent: Agent, email: string, password: string = TEST_PASSWORD): Promise<string> {
  const res = await agent.post('/api/session').send({ email, password });
  if (res.status !== 201) throw new Error(`sign-in of ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body as { csrfToken: string }).csrfToken;
}

/** The `_csrf` value of the first form on an HTML page (for posting forms the way a browser does). */
export function csrfFrom(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('no CSRF token on this page');
  return match[1];
}

/** Signs in over HTTP and returns the session cookie (`name=value`) as a browser holds it: for socket.io clients. */
export async function sessionCookie(baseUrl: string, email: string, password: string = TEST_PASSWORD): Promise<string> {
  const res = await request(baseUrl).post('/api/session').send({ email, password });
  if (res.status !== 201) throw new Error(`sign-in of ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  const session = ([] as string[]).concat(res.headers['set-cookie'] ?? []).map((h) => h.split(';')[0]!).find((h) => h.startsWith(`${SESSION_COOKIE}=`));
  if (!session) throw new Error('no session cookie');
  return session;
}
