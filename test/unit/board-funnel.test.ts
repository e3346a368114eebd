import { expect } from 'chai';
import { boardPartnership, boardPerCall, funnel } from '../../server/domain/board/funnel.js';
import type { Organisation, Partnership, PartnershipMembership, PartnershipStatus } from '../../server/store/store.js';
import { T0, makeOrganisation } from '../support/factories.js';

const lier = makeOrganisation({ id: 'lier', name: 'Lier', code: '12021' });
const mol = makeOrganisation({ id: 'mol', name: 'Mol', code: '13025' });
const geel = makeOrganisation({ id: 'geel', name: 'Geel', code: '13008' });
const vvsg = makeOrganisation({ id: 'vvsg', name: 'VVSG', kind: 'other', code: 'vvsg' });
const organisations = new Map<string, Organisation>([lier, mol, geel, vvsg].map((o) => [o.id, o]));

const counts = (steps: Record<string, number>) => Object.entries(steps).map(([step, count]) => ({ step, count }));
const stepsOf = (f: ReturnType<typeof funnel>) => f.steps.map(({ step, count }) => ({ step, count }));

function membership(organisationId: string, state: PartnershipMembership['state']): PartnershipMembership {
  return { partnershipId: 'p', organisationId, state, via: 'invitation', startedBy: 'u', answeredBy: null, createdAt: T0, answeredAt: null };
}
function partnership(id: string, title: string, status: PartnershipStatus, callId: string | null, memberships: PartnershipMembership[]): Partnership {
  return {
    id, ideaId: `idea-${id}`, callId, title, leadOrganisationId: memberships[0]!.organisationId, status, leadOfferedTo: null,
    createdAt: T0, updatedAt: T0, submittedAt: null, decidedAt: null, version: 1, memberships,
  };
}

describe('board: the funnel per call (funnel.ts)', () => {
  it('when a call has ideas and partnerships in every status, then each step counts what reached it, and approved counts approved, running and ended', () => {
    const f = funnel('c1', [{ callId: 'c1', ideas: 10, endorsed: 6, connected: 4 }], [
      { callId: 'c1', status: 'forming', count: 2 }, { callId: 'c1', status: 'submitted', count: 1 },
      { callId: 'c1', status: 'approved', count: 1 }, { callId: 'c1', status: 'not_approved', count: 1 },
      { callId: 'c1', status: 'running', count: 1 }, { callId: 'c1', status: 'ended', count: 1 },
    ]);
    expect(f.callId).to.equal('c1');
    expect(stepsOf(f)).to.deep.equal(counts({ ideas: 10, endorsed: 6, connected: 4, forming: 7, submitted: 5, approved: 3 }));
    expect(f.steps.map((s) => s.share)).to.deep.equal([1, 0.6, 0.4, 0.7, 0.5, 0.3]);
    expect(f.statuses).to.deep.equal([
      { status: 'forming', count: 2 }, { status: 'submitted', count: 1 }, { status: 'approved', count: 1 },
      { status: 'not_approved', count: 1 }, { status: 'running', count: 1 }, { status: 'ended', count: 1 },
    ]);
  });

  it('when nothing aims at a call, then every step is 0 with share 0 (no division by zero)', () => {
    const f = funnel('c9', [], []);
    expect(stepsOf(f)).to.deep.equal(counts({ ideas: 0, endorsed: 0, connected: 0, forming: 0, submitted: 0, approved: 0 }));
    expect(f.steps.every((s) => s.share === 0)).to.equal(true);
    expect(f.statuses.every((s) => s.count === 0)).to.equal(true);
  });

  it('when the programme has calls, then the whole programme comes first (every row, a call or none), then each call by number with only its own rows', () => {
    const perCall = boardPerCall({
      calls: [{ id: 'c2', number: 2, name: 'Oproep 2' }, { id: 'c1', number: 1, name: 'Oproep 1' }],
      ideas: [
        { callId: 'c1', ideas: 3, endorsed: 2, connected: 1 }, { callId: 'c2', ideas: 2, endorsed: 0, connected: 0 },
        { callId: null, ideas: 4, endorsed: 1, connected: 1 }, { callId: 'gone', ideas: 1, endorsed: 1, connected: 1 },
      ],
      partnerships: [{ callId: 'c1', status: 'submitted', count: 1 }, { callId: null, status: 'forming', count: 2 }],
      list: [],
      organisations,
    });
    expect(perCall.calls).to.deep.equal([{ id: 'c1', number: 1, name: 'Oproep 1' }, { id: 'c2', number: 2, name: 'Oproep 2' }]);
    expect(perCall.funnels.map((f) => f.callId)).to.deep.equal([null, 'c1', 'c2']);
    expect(stepsOf(perCall.funnels[0]!)).to.deep.equal(counts({ ideas: 10, endorsed: 4, connected: 3, forming: 3, submitted: 1, approved: 0 }));
    expect(stepsOf(perCall.funnels[1]!)).to.deep.equal(counts({ ideas: 3, endorsed: 2, connected: 1, forming: 1, submitted: 1, approved: 0 }));
    expect(stepsOf(perCall.funnels[2]!)).to.deep.equal(counts({ ideas: 2, endorsed: 0, connected: 0, forming: 0, submitted: 0, approved: 0 }));
  });

  it('when a partnership has members, invited, asking, declined and departed organisations, then only the members show, the lead first, municipalities with their NIS code', () => {
    const p = partnership('p1', 'Digitaal loket', 'forming', 'c1', [
      membership('mol', 'member'), membership('lier', 'member'), membership('vvsg', 'member'), membership('geel', 'invited'),
      membership('x', 'requested'), membership('y', 'declined'), membership('z', 'left'),
    ]);
    expect(boardPartnership(p, organisations)).to.deep.equal({
      id: 'p1', title: 'Digitaal loket', callId: 'c1', status: 'forming',
      members: [
        { id: 'mol', name: 'Mol', code: '13025', lead: true },
        { id: 'lier', name: 'Lier', code: '12021', lead: false },
        { id: 'vvsg', name: 'VVSG', code: null, lead: false },
      ],
    });
  });

  it('when partnerships are listed, then they come by title', () => {
    const perCall = boardPerCall({
      calls: [], ideas: [], partnerships: [], organisations,
      list: [partnership('b', 'Zwerfvuil', 'forming', null, [membership('lier', 'member')]), partnership('a', 'Afspraken', 'submitted', 'c1', [membership('mol', 'member')])],
    });
    expect(perCall.partnerships.map((p) => p.title)).to.deep.equal(['Afspraken', 'Zwerfvuil']);
  });
});
