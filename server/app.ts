// The composition root: the one place that builds the services and wires them to Express, socket.io and
// scale-out, so no other file needs to know how the whole is put together.
import { createServer, type Server as HttpServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { pino, type Logger } from 'pino';
import { Server as IoServer } from 'socket.io';
import { createScaleOut, type ScaleOut } from './scale-out/index.js';
import { createViews } from './web/views/templates.js';
import type { Config } from './config.js';
import { createAccounts } from './domain/accounts.js';
import { createAudit } from './domain/audit.js';
import { createCalls } from './domain/calls.js';
import { createPartnerships } from './domain/partnerships/service.js';
import { createProjects, followPartnerships } from './domain/projects.js';
import { createReferrals } from './domain/referrals.js';
import { createCheckIns } from './domain/check-ins.js';
import { createBoard } from './domain/board/index.js';
import { createProgrammeServices } from './domain/programme.js';
import { systemClock, type Clock } from './domain/clock.js';
import { DomainBus } from './domain/events.js';
import { createEndorsements } from './domain/endorsements.js';
import { createIdeas } from './domain/ideas.js';
import { createMatching } from './domain/matching.js';
import { createMyOrganisation } from './domain/my-organisation.js';
import { createClusterNews } from './domain/cluster-news.js';
import { createNotifications } from './domain/notifications.js';
import { createPasswords } from './domain/passwords.js';
import { createProfile } from './domain/profile.js';
import { unsubscribeTokens } from './domain/unsubscribe-tokens.js';
import { createUsers } from './domain/users.js';
import { createOrganisations, loadMunicipalities } from './domain/organisations.js';
import { createHealth } from './domain/health.js';
import { createContacts } from './domain/rules/contacts.js';
import type { Services } from './services.js';
import { detectLanguage } from './engine/language.js';
import { scheduleDailyDigest } from './digest-schedule.js';
import { createMailer, type Mailer } from './mail.js';
import { startMailOutbox, type MailOutbox } from './mail-outbox.js';
import { watchOutsideWrites } from './domain/outside-writes.js';
import type { ClientToServerEvents, InterServerEvents, IoServer as RealtimeServer, ServerToClientEvents, SocketData } from './realtime/events.js';
import { sameOriginOnly } from './realtime/origin.js';
import { attachRealtime } from './realtime/io.js';
import type { Store } from './store/store.js';
import { loadActor } from './web/middleware/auth.js';
import { verifyCsrf } from './web/middleware/csrf.js';
import { errorHandler, notFound } from './web/middleware/errors.js';
import { jsonBodiesOnly } from './web/middleware/json-only.js';
import { localeMiddleware } from './web/middleware/locale.js';
import { pageLocals } from './web/middleware/page-locals.js';
import { requireSecureTransport } from './web/middleware/secure-transport.js';
import { sessionMiddleware } from './web/middleware/session.js';
import { unreadBadge } from './web/middleware/unread-badge.js';
import { mountRoutes } from './web/routes/index.js';
import { helpers } from './web/views/helpers/index.js';
import './web/types.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface AppDeps {
  store: Store;
  clock?: Clock;
  logger?: Logger;
  mailer?: Mailer;
}

export interface AppHandle {
  app: Express;
  httpServer: HttpServer;
  io: RealtimeServer;
  services: Services;
  /** The mail outbox's sender (issue 16.2). */
  mailOutbox: MailOutbox;
  /** Picks up writes of another process to the SQLite file (issue 16.1). */
  outsideWrites: { check(): Promise<boolean> };
  /** Stops accepting connections, closes sockets, then the store. Safe to call twice. */
  close(): Promise<void>;
}

export type { Services } from './services.js';

function createServices(deps: Required<AppDeps>, config: Readonly<Config>, scaleOut?: Pick<ScaleOut, 'coordination' | 'boardPeers'>): Services {
  const coordination = scaleOut?.coordination;
  const bus = new DomainBus();
  const { store, clock, mailer } = deps;
  const contacts = createContacts({ store });
  const endorsements = createEndorsements({ store, clock, bus, contacts });
  const notifications = createNotifications({ store, clock, bus });
  const clusterNews = createClusterNews({ store, clock, bus, logger: deps.logger });
  const audit = createAudit({ store, clock });
  const accounts = createAccounts({ store, clock, mailer, log: deps.logger, baseUrl: config.baseUrl, invitationTtlMs: config.invitationTtlMs, audit, logLinks: config.env === 'development' });
  const services = {
    bus,
    audit,
    accounts,
    passwords: createPasswords({
      store, clock, bus, mailer, log: deps.logger, baseUrl: config.baseUrl, secret: config.sessionSecret,
      resetTtlMs: config.passwordResetTtlMs, logLinks: config.env === 'development', hashPassword: accounts.hashPassword,
    }),
    users: createUsers({ store, clock, bus, audit }),
    organisations: createOrganisations({ store }),
    ideas: createIdeas({ store, clock, bus, detectLanguage: (text) => detectLanguage(text) }),
    endorsements,
    contacts,
    myOrganisation: createMyOrganisation({ store, contacts }),
    notifications,
    clusterNews,
    profile: createProfile({ store, clock, bus, audit, tokens: unsubscribeTokens(config.sessionSecret) }),
    health: createHealth({ store }),
    calls: createCalls({ store, clock, audit, bus }),
    projects: createProjects({ store, clock, bus, audit }),
    checkIns: createCheckIns({ store, clock, bus, audit }),
    matching: createMatching({ store, clock, bus, clusterNews, logger: deps.logger, options: { debounceMs: config.recomputeDebounceMs, maxWaitMs: config.recomputeMaxWaitMs, workerIdleMs: config.recomputeWorkerIdleMs }, ...(coordination ? { coordination } : {}) }),
  };
  const board = createBoard({ store, clock, bus, matching: services.matching, logger: deps.logger, ...(scaleOut ? { peers: scaleOut.boardPeers } : {}) });
  const partnerships = createPartnerships({ store, clock, bus, audit, matching: services.matching, organisations: services.organisations });
  followPartnerships({ bus, projects: services.projects, logger: deps.logger });
  const referrals = createReferrals({ store, clock, bus, audit, projects: services.projects });
  return { ...services, board, partnerships, referrals, ...createProgrammeServices({ store, clock, bus, audit, contacts, matching: services.matching }) };
}

/**
 * The composition root: builds the store-backed services, the Express app, the HTTP server and
 * socket.io, and returns a handle that closes all of them. It does not listen: main.ts (or a test)
 * calls `httpServer.listen`.
 */
export async function createApp(input: AppDeps, config: Readonly<Config>): Promise<AppHandle> {
  const deps: Required<AppDeps> = {
    store: input.store,
    clock: input.clock ?? systemClock,
    logger: input.logger ?? pino({ level: config.logLevel }),
    mailer: input.mailer ?? createMailer(config.mail),
  };
  const { store, clock, logger } = deps;
  await store.init();
  const added = await loadMunicipalities(store, clock.now().toISOString());
  if (added) logger.info({ added }, 'municipalities loaded');

  // Several instances (REDIS_URL): socket.io across them, one clustering leader, shared limits (server/scale-out/).
  const scaleOut = config.redis ? createScaleOut(config.redis, logger) : null;
  const services = createServices(deps, config, scaleOut ?? undefined);
  await services.matching.start();
  await services.board.start();
  const app = express();
  app.disable('x-powered-by');
  // '/api/Session' and '/api/session/' are not '/api/session' (feature routers: web/routes/routing.ts).
  app.set('case sensitive routing', true);
  app.set('strict routing', true);
  if (config.trustProxy) app.set('trust proxy', config.trustProxy);

  const views = createViews(path.join(ROOT, 'views'), helpers);
  app.engine('hbs', views.engine);
  app.set('view engine', 'hbs');
  // Express caches compiled templates only in production by default; without it every page read and
  // compiled its templates and partials again (in `npm start`'s development mode: 4x slower pages and
  // RSS growing by hundreds of MB under load, issue 19). VIEW_CACHE=false while editing templates.
  app.set('view cache', config.viewCache);
  app.set('views', path.join(ROOT, 'views'));
  // After start, one template per turn (templates.ts): not at each page's first render under load.
  if (config.viewCache) views.compileAll().catch((err: unknown) => logger.warn({ err }, 'views: compiling the templates ahead failed (they compile at first use)'));

  app.use(helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        upgradeInsecureRequests: config.env === 'production' ? [] : null,
      },
    },
  }));
  app.use('/static', express.static(path.join(ROOT, 'public'), { maxAge: config.env === 'production' ? '1d' : 0 }));
  // Every dynamic answer may depend on who is signed in (contacts, inbox, CSRF tokens): never kept by a
  // browser or a shared cache (issue 15.8). Static files above keep their own caching.
  app.use((_req, res, next) => { res.set('Cache-Control', 'no-store'); next(); });
  app.use(localeMiddleware);
  app.use(express.json({ limit: '100kb' }));
  app.use(express.urlencoded({ extended: false, limit: '100kb' }));
  // One instance for the pages and for socket.io: a socket is signed in exactly when its page is.
  const session = sessionMiddleware({ store, clock, secret: config.sessionSecret, ttlMs: config.sessionTtlMs, secure: config.env === 'production' });
  app.use(requireSecureTransport({ secure: config.env === 'production', logger }));
  app.use(session);
  app.use(loadActor(services.accounts));
  app.use(verifyCsrf);
  app.use(jsonBodiesOnly); // after the CSRF check: a forged form is refused as forged, whatever its type
  app.use(pageLocals);
  app.use(unreadBadge({ notifications: services.notifications, clock, logger }));
  mountRoutes(app, { services, config, clock, scaleOut });
  app.use(notFound);
  app.use(errorHandler(logger));

  const httpServer = createServer(app);
  // serveClient: the browser client at /socket.io/socket.io.min.js, same origin, so the CSP allows it.
  const io = new IoServer<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>(httpServer, {
    serveClient: true,
    allowRequest: sameOriginOnly(config.baseUrl),
  });
  // socket.io serves its client itself, before Express (and helmet) see the request: its headers here.
  httpServer.prependListener('request', (req, res) => {
    if (req.url?.startsWith('/socket.io/socket.io')) res.setHeader('X-Content-Type-Options', 'nosniff');
  });
  scaleOut?.attach({ io, bus: services.bus, matching: services.matching });
  const realtime = attachRealtime(io, { sessionMiddleware: session, localeMiddleware, services, logger, clock, socketRequestsPerMinute: config.limits.socketRequestsPerMinute });
  // With several instances only the clustering leader sends the digest (else each would); its queue waits in the store otherwise.
  const digest = scheduleDailyDigest({
    hour: config.digestHour, clock, logger,
    run: async (now) => (!scaleOut || scaleOut.coordination.isLeader() ? services.notifications.dailyDigest(now) : []),
  });

  // Mail for notifications (issue 16.2), from the durable outbox in the store, never on the request path.
  const mailOutbox = startMailOutbox({
    store, clock, bus: services.bus, mailer: deps.mailer, logger, baseUrl: config.baseUrl, secret: config.sessionSecret, options: config.mailOutbox,
    logText: config.env !== 'production', ...(config.mail.transport === 'smtp' ? { from: config.mail.from } : {}),
  });
  // seed:demo (or any other process) writing to the same SQLite file while the app runs (issue 16.1).
  // With several instances they tell each other through Redis instead.
  const outsideWrites = await watchOutsideWrites({
    store, matching: services.matching, bus: services.bus, logger, pollMs: scaleOut ? 0 : config.outsideWritesPollMs, onChange: mailOutbox.kick,
  });

  // Expired sessions are never read again (getSession checks the expiry), but SQLite keeps the rows
  // until they are purged; MongoDB's TTL index does the same there. Hourly by default, off the request path.
  const purgeSessions = setInterval(() => {
    store.purgeExpiredSessions(clock.now().toISOString()).catch((err: unknown) => logger.warn({ err }, 'purging expired sessions failed'));
  }, config.sessionPurgeMs);
  purgeSessions.unref();

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      clearInterval(purgeSessions);
      digest.stop();
      await outsideWrites.close();
      await mailOutbox.close();
      realtime.close();
      await scaleOut?.release(); // the next leader takes over now, not after the lock's TTL
      await new Promise<void>((resolve) => {
        io.close(() => resolve()); // also closes the HTTP server
        httpServer.closeAllConnections?.();
      });
      await services.board.close();
      await services.matching.close();
      await services.clusterNews.close();
      await scaleOut?.close();
      await store.close();
    })());

  return { app, httpServer, io, services, mailOutbox, outsideWrites, close };
}
