// The Services contract: what the edges (routes, socket handlers) may call. Edges import this, never
// app.ts, so the composition root can import every edge without an import cycle.
import type { Accounts } from './domain/accounts.js';
import type { Audit } from './domain/audit.js';
import type { Board } from './domain/board/index.js';
import type { Calls } from './domain/calls.js';
import type { CheckIns } from './domain/check-ins.js';
import type { ClusterNews } from './domain/cluster-news.js';
import type { Clusters } from './domain/clusters.js';
import type { Endorsements } from './domain/endorsements.js';
import type { DomainBus } from './domain/events.js';
import type { Exports } from './domain/exports.js';
import type { Health } from './domain/health.js';
import type { Ideas } from './domain/ideas.js';
import type { Matching } from './domain/matching.js';
import type { Moderation } from './domain/moderation.js';
import type { MyOrganisation } from './domain/my-organisation.js';
import type { Notifications } from './domain/notifications.js';
import type { Organisations } from './domain/organisations.js';
import type { Partnerships } from './domain/partnerships/service.js';
import type { Passwords } from './domain/passwords.js';
import type { Profile } from './domain/profile.js';
import type { Projects } from './domain/projects.js';
import type { Referrals } from './domain/referrals.js';
import type { Contacts } from './domain/rules/contacts.js';
import type { Users } from './domain/users.js';

/**
 * One member per feature; built once by app.ts (createServices). A router or socket handler declares
 * the members it uses in its own signature, e.g. `ideasRouter({ ideas, matching, organisations })`.
 */
export interface Services {
  /** What changed, announced to the realtime edge, the board and the matching. */
  bus: DomainBus;
  audit: Audit;
  accounts: Accounts;
  passwords: Passwords;
  users: Users;
  organisations: Organisations;
  ideas: Ideas;
  endorsements: Endorsements;
  /** Whose contact person a viewer sees (rules/contacts.ts). */
  contacts: Contacts;
  myOrganisation: MyOrganisation;
  notifications: Notifications;
  clusterNews: ClusterNews;
  profile: Profile;
  matching: Matching;
  board: Board;
  clusters: Clusters;
  moderation: Moderation;
  exports: Exports;
  /** Calls for proposals: public to read, managed by the programme team. */
  calls: Calls;
  /** Partnerships around an idea: a lead and partners who consented, their steps (issue 17). */
  partnerships: Partnerships;
  /** The projects under way: public catalogue, matching beside the similar ideas, asks to join. */
  projects: Projects;
  /** After a decided call: not-funded ideas and partnerships referred to funded projects (programme team). */
  referrals: Referrals;
  /** Check-ins with the programme team: asked by members, confirmed or moved by the programme team. */
  checkIns: CheckIns;
  health: Health;
}
