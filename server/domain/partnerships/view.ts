/**
 * A partnership as one viewer may see it: everybody sees its title, idea, call, lead, partners and
 * status; its members (and the programme team) also see who is invited or asked to join and each
 * partner's contact person. One place decides, so the pages, the API and the exports agree.
 */
import type { ContactPerson, MembershipState, Partnership, PartnershipMembership, PartnershipStatus } from '../../store/store.js';
import type { Viewer } from '../actor.js';
import { isProgramme } from '../rules/who-may-act.js';
import type { CallStatus } from './calls.js';
import { nextStatuses } from './status.js';

export interface OrgRef { id: string; name: string }

export interface PartnerView {
  organisation: OrgRef;
  lead: boolean;
  joinedAt: string;
  /** Only for the partnership's members and the programme team; null otherwise (or when nobody is known). */
  contact: ContactPerson | null;
}

export interface PendingView { organisation: OrgRef; since: string }

/** What the viewer may do here: the pages show these buttons, the service checks the same rules. */
export interface PartnershipAbilities {
  invite: boolean;
  answerInvitation: boolean;
  requestJoin: boolean;
  answerRequests: boolean;
  offerLead: boolean;
  answerLeadOffer: boolean;
  withdrawLeadOffer: boolean;
  leave: boolean;
  edit: boolean;
  statuses: PartnershipStatus[];
}

export interface PartnershipView {
  id: string;
  title: string;
  idea: { id: string; title: string } | null;
  call: { id: string; number: number; name: string; status: CallStatus } | null;
  status: PartnershipStatus;
  lead: OrgRef;
  /** The lead first, then the partners in the order they joined. */
  partners: PartnerView[];
  /** Null when the viewer may not see them (visitors, other local governments). */
  invitations: PendingView[] | null;
  requests: PendingView[] | null;
  leadOfferedTo: OrgRef | null;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
  decidedAt: string | null;
  version: number;
  viewer: {
    /** How the viewer's own local government stands in it (null: not at all, or no local government). */
    state: MembershipState | null;
    isLead: boolean;
    isMember: boolean;
    isProgramme: boolean;
    /** The partnership's private side: its members and the programme team. */
    seesPrivate: boolean;
    may: PartnershipAbilities;
  };
}

/** The viewer's local government's membership, if any. */
export const membershipOf = (p: Partnership, organisationId: string | null | undefined): PartnershipMembership | null =>
  (organisationId ? p.memberships.find((m) => m.organisationId === organisationId) : undefined) ?? null;

export const membersOf = (p: Partnership): PartnershipMembership[] => p.memberships.filter((m) => m.state === 'member');

/** The user who committed the local government: who opened it, accepted the invitation or asked to join. */
export const committedBy = (m: PartnershipMembership): string | null => (m.via === 'invitation' ? m.answeredBy : m.startedBy);

/** What this viewer may do, from the partnership alone (the service enforces the same rules). */
export function abilities(viewer: Viewer, p: Partnership): PartnershipAbilities {
  const own = viewer && !isProgramme(viewer) ? viewer.organisationId : null;
  const state = membershipOf(p, own)?.state ?? null;
  const isLead = own !== null && own === p.leadOrganisationId;
  const forming = p.status === 'forming';
  const member = state === 'member';
  const waiting = (s: MembershipState) => p.memberships.some((m) => m.state === s);
  const statuses = isProgramme(viewer) ? nextStatuses(p.status, 'programme') : isLead ? nextStatuses(p.status, 'lead') : [];
  return {
    invite: isLead && forming,
    answerInvitation: state === 'invited' && forming,
    requestJoin: own !== null && viewer?.role === 'member' && forming && (state === null || state === 'declined' || state === 'left'),
    answerRequests: isLead && forming && waiting('requested'),
    offerLead: isLead && p.status !== 'ended' && p.leadOfferedTo === null && membersOf(p).length > 1,
    answerLeadOffer: own !== null && member && p.leadOfferedTo === own,
    withdrawLeadOffer: isLead && p.leadOfferedTo !== null,
    leave: member && !isLead && forming,
    edit: isLead && forming,
    statuses,
  };
}

export interface ViewLookups {
  name(organisationId: string): string;
  /** The contact person behind a membership (committedBy), or null when unknown or deactivated. */
  contact(m: PartnershipMembership): ContactPerson | null;
  idea: { id: string; title: string } | null;
  call: PartnershipView['call'];
}

/** The partnership as `viewer` sees it; `lookups` carries what the service read from the store. */
export function viewPartnership(viewer: Viewer, p: Partnership, lookups: ViewLookups): PartnershipView {
  const own = viewer && !isProgramme(viewer) ? viewer.organisationId : null;
  const mine = membershipOf(p, own);
  const seesPrivate = isProgramme(viewer) || mine?.state === 'member';
  const ref = (id: string): OrgRef => ({ id, name: lookups.name(id) });
  const members = membersOf(p).sort((a, b) => Number(b.organisationId === p.leadOrganisationId) - Number(a.organisationId === p.leadOrganisationId));
  const pending = (state: MembershipState): PendingView[] =>
    p.memberships.filter((m) => m.state === state).map((m) => ({ organisation: ref(m.organisationId), since: m.createdAt }));
  const offerVisible = seesPrivate || (own !== null && p.leadOfferedTo === own);
  return {
    id: p.id, title: p.title, idea: lookups.idea, call: lookups.call, status: p.status, lead: ref(p.leadOrganisationId),
    partners: members.map((m) => ({
      organisation: ref(m.organisationId), lead: m.organisationId === p.leadOrganisationId,
      joinedAt: m.answeredAt ?? m.createdAt, contact: seesPrivate ? lookups.contact(m) : null,
    })),
    invitations: seesPrivate ? pending('invited') : null,
    requests: seesPrivate ? pending('requested') : null,
    leadOfferedTo: offerVisible && p.leadOfferedTo ? ref(p.leadOfferedTo) : null,
    createdAt: p.createdAt, updatedAt: p.updatedAt, submittedAt: p.submittedAt, decidedAt: p.decidedAt, version: p.version,
    viewer: {
      state: mine?.state ?? null, isLead: own !== null && own === p.leadOrganisationId, isMember: mine?.state === 'member',
      isProgramme: isProgramme(viewer), seesPrivate, may: abilities(viewer, p),
    },
  };
}
