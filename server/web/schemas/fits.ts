/**
 * Compile-time half of "one source": each presenter's answer and its documented schema must describe
 * the same fields both ways, so changing one without the other fails `npm run typecheck`. The contract
 * test (test/integration/openapi-contract.test.ts) checks the same at run time, extra fields included.
 */
import type { z } from 'zod';
import type { BoardPerCall as PerCall } from '../../domain/board/index.js';
import type { OrganisationOverview as Overview } from '../../domain/my-organisation.js';
import { presentInvitation, presentUser } from '../views/presenters/accounts.js';
import { presentIdea } from '../views/presenters/ideas.js';
import { presentAuditEntry, presentCluster, presentClusterCard, presentUnmatched } from '../views/presenters/moderation.js';
import type { NotificationView } from '../views/presenters/notifications.js';
import { presentPartnershipJson } from '../views/presenters/partnerships.js';
import { presentSimilar } from '../views/presenters/similar.js';
import type { Invitation, UserAccount } from './accounts.js';
import type { Idea, SimilarIdeas } from './ideas.js';
import type { AuditEntry, Cluster, ClusterCard, UnmatchedIdea } from './moderation.js';
import type { Notification } from './notifications.js';
import type { Partnership } from './partnerships.js';
import type { OrganisationOverview } from './endorsements.js';
import { presentCheckInJson } from '../views/presenters/check-ins.js';
import type { CheckIn } from './check-ins.js';
import type { BoardPerCall } from './board.js';

/** True only when `A` and `B` are assignable to each other; a mismatch shows both in the error. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : ['presenter and schema differ', A, B]) : ['presenter and schema differ', A, B];
type Out<S extends z.ZodTypeAny> = z.output<S>;

export type Checks = [
  Same<ReturnType<typeof presentIdea>, Out<typeof Idea>>,
  Same<ReturnType<typeof presentSimilar>[number]['score'], Out<typeof SimilarIdeas>['items'][number]['score']>,
  Same<ReturnType<typeof presentInvitation>, Out<typeof Invitation>>,
  Same<ReturnType<typeof presentUser>, Out<typeof UserAccount>>,
  Same<NotificationView, Out<typeof Notification>>,
  Same<ReturnType<typeof presentClusterCard>, Out<typeof ClusterCard>>,
  Same<ReturnType<typeof presentCluster>, Out<typeof Cluster>>,
  Same<ReturnType<typeof presentUnmatched>[number], Out<typeof UnmatchedIdea>>,
  Same<ReturnType<typeof presentAuditEntry>, Out<typeof AuditEntry>>,
  Same<Overview, Out<typeof OrganisationOverview>>,
  Same<ReturnType<typeof presentPartnershipJson>, Out<typeof Partnership>>,
  Same<ReturnType<typeof presentCheckInJson>, Out<typeof CheckIn>>,
  Same<PerCall, Out<typeof BoardPerCall>>,
];
export const checks: Checks = [true, true, true, true, true, true, true, true, true, true, true, true, true];
