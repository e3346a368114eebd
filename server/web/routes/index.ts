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
import { apiClustersRouter } from './api/clusters.js';
import { apiIdeasRouter } from './api/ideas.js';
import { apiInvitationsRouter } from './api/invitations.js';
import { apiModerationRouter } from './api/moderation.js';
import { apiNotificationsRouter } from './api/notifications.js';
import { apiOrganisationsRouter } from './api/organisations.js';
import { apiSessionRouter } from './api/session.js';
import { apiUsersRouter } from './api/users.js';
import { authRouter } from './auth.js';
import { boardRouter } from './board.js';
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
 *   GET  /board, GET /api/board, GET /api/board/events   the programme team's live board
 *   GET  /api/openapi.json, GET /api/docs          its description
 */
export function mountRoutes(app: Express, deps: RouteDeps): void {
  const stores = deps.scaleOut ? (name: string) => deps.scaleOut!.rateLimitStore(name) : undefined;
  const limiter = signInLimiter({ ...deps.config.signin, stores });
  const limits = { signIn: limiter, reset: resetLimiter({ perAccount: 5, perAddress: 30, windowMs: deps.config.signin.windowMs, stores }) };
  mountWriteLimits(app, deps.config.limits, stores);
  app.use(healthRouter(deps.store, deps.scaleOut ? () => deps.scaleOut!.health() : undefined));
  app.use(langRouter({ secure: deps.config.env === 'production' }));
  app.use(homeRouter(deps));
  app.use(infoRouter(deps));
  app.use(authRouter(deps, limiter));
  app.use(accountRouter(deps, limits));
  app.use(accountPageRouter(deps));
  app.use(mailRouter(deps));
  app.use(personalDataRouter(deps));
  app.use(adminRouter(deps));
  app.use(adminUsersRouter(deps));
  app.use(ideasRouter(deps));
  app.use(endorsementsRouter(deps));
  app.use(organisationsRouter(deps));
  app.use(notificationsRouter(deps));
  app.use(boardRouter(deps));
  app.use(clustersRouter(deps));
  app.use(moderationRouter(deps));
  app.use(apiSessionRouter(deps, limiter));
  app.use(apiAccountRouter(deps, limits));
  app.use(apiInvitationsRouter(deps));
  app.use(apiUsersRouter(deps));
  app.use(apiOrganisationsRouter(deps));
  app.use(apiEndorsementsRouter(deps)); // /api/ideas/:id/endorsements…, /api/my-organisation: before the ideas API
  app.use(apiIdeasRouter(deps));
  app.use(apiNotificationsRouter(deps));
  app.use(apiClustersRouter(deps));
  app.use(apiModerationRouter(deps));
  app.use(openapiRouter(deps));
}
