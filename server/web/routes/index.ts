// Every URL the app answers, in one table a reader can scan, mounted in one place.
import type { Express } from 'express';
import { resetLimiter, signInLimiter } from '../middleware/rate-limit.js';
import { mountWriteLimits } from '../middleware/write-limits.js';
import { accountRouter } from './account.js';
import { accountPageRouter } from './account-page.js';
import { mailRouter } from './mail.js';
import { personalDataRouter } from './personal-data.js';
import { adminRouter } from './admin.js';
import { adminUsersRouter } from './admin-users.js';
import { apiAccountRouter } from './api/account.js';
import { apiEndorsementsRouter } from './api/endorsements.js';
import { apiCallsRouter } from './api/calls.js';
import { apiCheckInsRouter } from './api/check-ins.js';
import { apiClustersRouter } from './api/clusters.js';
import { apiIdeasRouter } from './api/ideas.js';
import { apiInvitationsRouter } from './api/invitations.js';
import { apiModerationRouter } from './api/moderation.js';
import { apiNotificationsRouter } from './api/notifications.js';
import { apiOrganisationsRouter } from './api/organisations.js';
import { apiPartnershipsRouter } from './api/partnerships.js';
import { apiProjectsRouter } from './api/projects.js';
import { apiSessionRouter } from './api/session.js';
import { apiUsersRouter } from './api/users.js';
import { authRouter } from './auth.js';
import { boardRouter } from './board.js';
import { callsRouter } from './calls.js';
import { checkInsRouter } from './check-ins.js';
import { clustersRouter } from './clusters.js';
import type { RouteDeps } from './deps.js';
import { endorsementsRouter } from './endorsements.js';
import { healthRouter } from './health.js';
import { homeRouter } from './home.js';
import { ideasRouter } from './ideas.js';
import { infoRouter } from './info.js';
import { langRouter } from './lang.js';
import { moderationRouter } from './moderation.js';
import { notificationsRouter } from './notifications.js';
import { openapiRouter } from './openapi.js';
import { organisationsRouter } from './organisations.js';
import { partnershipsRouter } from './partnerships.js';
import { projectsRouter } from './projects.js';
import { referralsRouter } from './referrals.js';

/**
 * The route table, readable at a glance:
 *   GET  /healthz                                  health for load balancers
 *   GET  /lang/:locale                             language switch (nl, en)
 *   GET  /                                         home
 *   GET  /help, /contact, /privacy, /cookies, /accessibility   information pages (footer)
 *   GET|POST /signin, POST /signout                sign in and out
 *   GET|POST /invitations/:token                   set a password through a one-time link
 *   GET|POST /account/password, /password/forgot, /password/reset/:token   change or reset a password
 *   GET /account, POST /account/profile|notifications   the account page (issue 16)
 *   GET|POST /mail/unsubscribe/:token              unsubscribe from one kind of mail, no sign-in
 *   GET /admin/users/:id/personal-data[.json], POST /admin/users/:id/erase, /api/users/:id/personal-data   personal data
 *   GET|POST /admin/invitations                    programme team: invite people
 *   POST /admin/invitations/:id/resend|revoke, GET /admin/users, POST /admin/users/:id/deactivate|reactivate   accounts
 *   GET  /ideas, GET|POST /ideas/new, GET /ideas/:id, GET|POST /ideas/:id/edit,
 *   POST /ideas/:id/withdraw, POST /ideas/:id/reopen
 *   GET  /organisations, GET /organisations/:id
 *   POST /ideas/:id/endorse, POST /ideas/:id/unendorse, GET /my-organisation   endorsements and our allies
 *   GET  /notifications, POST /notifications/read, GET|POST /settings/notifications   inbox and settings
 *   GET  /clusters, GET /clusters/:id, POST /clusters/:id/label[/reset|/undo], GET|POST /clusters/:id/introduce   clusters
 *   POST /ideas/:id/hide|unhide, GET /admin/audit, GET /admin/exports       moderation, audit log, exports
 *   /api/session, /api/account/password, /api/password/forgot|reset, /api/invitations, /api/users, /api/organisations, /api/ideas,
 *   /api/notifications, /api/settings/notifications                  the JSON API
 *   /api/clusters, /api/ideas/:id/hide|unhide, /api/audit, /api/exports/:dataset.:format   (programme team tools)
 *   GET  /board, GET /api/board, GET /api/board/events   the programme team's live board (/board?call=&partnership=: funnel per call, members on the map)
 *   GET  /calls, GET /calls/:id, GET|POST /admin/calls/new, GET|POST /calls/:id/edit   calls for proposals (forms: programme team)
 *   GET  /api/calls, GET /api/calls/:id, POST /api/calls, PATCH /api/calls/:id   calls for proposals (writes: programme team)
 *   GET  /partnerships, GET /partnerships/:id, POST /partnerships/:id/<step>, POST /ideas/:id/partnership   partnerships (pages)
 *   /api/partnerships[/:id[/invitations|join-requests|lead|leave|status|suggestions…]]   partnerships (JSON)
 *   GET  /projects, GET /projects/:id, GET|POST /admin/projects/new, GET|POST /projects/:id/edit (programme team),
 *   POST /projects/:id/join, POST /projects/:id/join-requests/:organisationId/accept|decline   projects under way
 *   GET  /api/projects, GET /api/projects/:id, POST /api/projects, PATCH /api/projects/:id (programme team),
 *   POST /api/projects/:id/join-requests[/:organisationId/accept|decline]   projects under way and asks to join
 *   GET|POST /calls/:id/referrals, GET|POST /api/calls/:id/referrals   referrals after a decided call (programme team)
 *   GET  /check-ins, GET /check-ins/new, POST /check-ins, POST /check-ins/:id/confirm|propose|accept|ask-again|cancel,
 *   GET  /check-ins/:id.ics                        check-ins with the programme team (issue 17.5)
 *   GET|POST /api/check-ins, GET /api/check-ins/:id, POST /api/check-ins/:id/confirm|propose|accept|ask-again|cancel
 *   GET  /api/openapi.json, GET /api/docs          its description
 */
export function mountRoutes(app: Express, { services: s, config, clock, ...deps }: RouteDeps): void {
  const stores = deps.scaleOut ? (name: string) => deps.scaleOut!.rateLimitStore(name) : undefined;
  const limiter = signInLimiter({ ...config.signin, stores });
  const limits = { signIn: limiter, reset: resetLimiter({ perAccount: 5, perAddress: 30, windowMs: config.signin.windowMs, stores }) };
  const ideaPage = { ideas: s.ideas, organisations: s.organisations, contacts: s.contacts, endorsements: s.endorsements, moderation: s.moderation, calls: s.calls, partnerships: s.partnerships };
  const cards = { ideas: s.ideas, organisations: s.organisations, endorsements: s.endorsements, matching: s.matching };
  mountWriteLimits(app, config.limits, stores);
  app.use(healthRouter(s.health.storeUp, deps.scaleOut ? () => deps.scaleOut!.health() : undefined));
  app.use(langRouter({ secure: config.env === 'production' }));
  app.use(homeRouter({ ...cards, calls: s.calls }));
  app.use(infoRouter({ config }));
  app.use(authRouter({ accounts: s.accounts, bus: s.bus }, limiter));
  app.use(accountRouter({ passwords: s.passwords, bus: s.bus }, limits));
  app.use(accountPageRouter({ profile: s.profile, notifications: s.notifications, config }));
  app.use(mailRouter({ profile: s.profile }));
  app.use(personalDataRouter({ profile: s.profile }));
  app.use(adminRouter({ accounts: s.accounts, organisations: s.organisations, clock }));
  app.use(adminUsersRouter({ users: s.users, organisations: s.organisations }));
  app.use(ideasRouter({ ...ideaPage, matching: s.matching, projects: s.projects }));
  app.use(endorsementsRouter({ ...ideaPage, myOrganisation: s.myOrganisation }));
  app.use(organisationsRouter(cards));
  app.use(notificationsRouter({ notifications: s.notifications, config }));
  app.use(boardRouter({ board: s.board, calls: s.calls, checkIns: s.checkIns, config }));
  app.use(callsRouter({ calls: s.calls }));
  app.use(partnershipsRouter({ partnerships: s.partnerships, calls: s.calls }));
  app.use(projectsRouter({ projects: s.projects, calls: s.calls, organisations: s.organisations }));
  app.use(referralsRouter({ referrals: s.referrals }));
  app.use(checkInsRouter({ checkIns: s.checkIns, config }));
  app.use(clustersRouter({ clusters: s.clusters, audit: s.audit, partnerships: s.partnerships }));
  app.use(moderationRouter({ ...ideaPage, audit: s.audit }));
  app.use(apiSessionRouter({ accounts: s.accounts, bus: s.bus }, limiter));
  app.use(apiAccountRouter({ passwords: s.passwords, bus: s.bus }, limits));
  app.use(apiInvitationsRouter({ accounts: s.accounts, organisations: s.organisations, clock }));
  app.use(apiUsersRouter({ users: s.users, organisations: s.organisations }));
  app.use(apiOrganisationsRouter({ organisations: s.organisations }));
  app.use(apiEndorsementsRouter({ endorsements: s.endorsements, ideas: s.ideas, organisations: s.organisations, contacts: s.contacts, myOrganisation: s.myOrganisation })); // /api/ideas/:id/endorsements…, /api/my-organisation: before the ideas API
  app.use(apiIdeasRouter({ ideas: s.ideas, organisations: s.organisations, contacts: s.contacts, endorsements: s.endorsements, matching: s.matching, projects: s.projects }));
  app.use(apiNotificationsRouter({ notifications: s.notifications }));
  app.use(apiClustersRouter({ clusters: s.clusters }));
  app.use(apiModerationRouter({ organisations: s.organisations, contacts: s.contacts, moderation: s.moderation, audit: s.audit, exports: s.exports }));
  app.use(apiCallsRouter({ calls: s.calls }));
  app.use(apiPartnershipsRouter({ partnerships: s.partnerships }));
  app.use(apiProjectsRouter({ projects: s.projects }));
  app.use(apiCheckInsRouter({ checkIns: s.checkIns }));
  app.use(openapiRouter());
}
