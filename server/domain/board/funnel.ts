/**
 * The board per call, from plain counts (pure): a funnel for every call and one for the whole programme,
 * and the partnerships as the map of Flanders lists them. The store counts (countIdeasByCall,
 * countPartnershipsByCall); per-call.ts reads them and snapshots and live updates both come through here.
 *
 *   const perCall = boardPerCall({ calls, ideas: await store.countIdeasByCall(),
 *     partnerships: await partnerships.countPartnershipsByCall(), list: await partnerships.listPartnerships(), organisations });
 */
import { PARTNERSHIP_STATUSES, type CallRecord, type IdeaCallCounts, type Organisation, type Partnership, type PartnershipCount, type PartnershipStatus } from '../../store/store.js';
import { FUNNEL_STEPS, type BoardFunnel, type BoardPartnership, type BoardPerCall, type FunnelStep } from './types.js';

const byName = new Intl.Collator('nl').compare;

/** Which statuses a step counts: a partnership that got further still went through the step. */
const REACHED: Record<'forming' | 'submitted' | 'approved', readonly PartnershipStatus[]> = {
  forming: PARTNERSHIP_STATUSES,
  submitted: ['submitted', 'approved', 'not_approved', 'running', 'ended'],
  approved: ['approved', 'running', 'ended'],
};

const share = (n: number, of: number) => (of === 0 ? 0 : Math.round((n / of) * 1000) / 1000);

/** One funnel from the rows that belong to it (one call's, or every row for the whole programme). */
export function funnel(callId: string | null, ideas: readonly IdeaCallCounts[], partnerships: readonly PartnershipCount[]): BoardFunnel {
  const sum = (key: 'ideas' | 'endorsed' | 'connected') => ideas.reduce((n, r) => n + r[key], 0);
  const byStatus = new Map<PartnershipStatus, number>(PARTNERSHIP_STATUSES.map((s) => [s, 0]));
  for (const r of partnerships) byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + r.count);
  const reached = (step: keyof typeof REACHED) => REACHED[step].reduce((n, s) => n + (byStatus.get(s) ?? 0), 0);
  const counts: Record<FunnelStep, number> = {
    ideas: sum('ideas'), endorsed: sum('endorsed'), connected: sum('connected'),
    forming: reached('forming'), submitted: reached('submitted'), approved: reached('approved'),
  };
  return {
    callId,
    steps: FUNNEL_STEPS.map((step) => ({ step, count: counts[step], share: share(counts[step], counts.ideas) })),
    statuses: PARTNERSHIP_STATUSES.map((status) => ({ status, count: byStatus.get(status)! })),
  };
}

/** A partnership's public face: its members now (not the invited, asking, declined or left), the lead first. */
export function boardPartnership(p: Partnership, organisations: ReadonlyMap<string, Organisation>): BoardPartnership {
  const members = p.memberships.filter((m) => m.state === 'member').map((m) => {
    const org = organisations.get(m.organisationId);
    return { id: m.organisationId, name: org?.name ?? '', code: org?.kind === 'municipality' ? org.code : null, lead: m.organisationId === p.leadOrganisationId };
  }).sort((a, b) => Number(b.lead) - Number(a.lead) || byName(a.name, b.name));
  return { id: p.id, title: p.title, callId: p.callId, status: p.status, members };
}

/**
 * Every call (by number) with its funnel, the whole programme's funnel first, and the partnerships by title.
 * Rows of a call that is not in `calls` count only for the whole programme.
 */
export function boardPerCall(input: {
  calls: readonly Pick<CallRecord, 'id' | 'number' | 'name'>[];
  ideas: readonly IdeaCallCounts[];
  partnerships: readonly PartnershipCount[];
  list: readonly Partnership[];
  organisations: ReadonlyMap<string, Organisation>;
}): BoardPerCall {
  const calls = [...input.calls].sort((a, b) => a.number - b.number).map((c) => ({ id: c.id, number: c.number, name: c.name }));
  const funnels = [
    funnel(null, input.ideas, input.partnerships),
    ...calls.map((c) => funnel(c.id, input.ideas.filter((r) => r.callId === c.id), input.partnerships.filter((r) => r.callId === c.id))),
  ];
  const partnerships = input.list.map((p) => boardPartnership(p, input.organisations)).sort((a, b) => byName(a.title, b.title) || a.id.localeCompare(b.id));
  return { calls, funnels, partnerships };
}
