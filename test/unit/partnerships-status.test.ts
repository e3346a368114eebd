// The partnership's steps: who may take each one, and the reason given when a step is refused.
import { expect } from 'chai';
import {
  PARTNERSHIP_STATUSES, TRANSITIONS, canTransition, isFinal, nextStatuses, type PartnershipStatus,
} from '../../server/domain/partnerships/status.js';

describe('partnerships: the status machine', () => {
  it('when the lead submits a forming partnership, then the step is allowed', () => {
    expect(canTransition('forming', 'submitted', 'lead')).to.deep.equal({ ok: true });
  });

  it('when the programme team tries to submit for the partnership, then it is refused and the lead is named', () => {
    expect(canTransition('forming', 'submitted', 'programme')).to.deep.equal({ ok: false, reason: 'role_not_allowed', allowed: ['lead'] });
  });

  it('when the lead tries to approve its own submission, then it is refused: only the programme team decides', () => {
    expect(canTransition('submitted', 'approved', 'lead')).to.deep.equal({ ok: false, reason: 'role_not_allowed', allowed: ['programme'] });
    expect(canTransition('submitted', 'not_approved', 'lead')).to.deep.equal({ ok: false, reason: 'role_not_allowed', allowed: ['programme'] });
    expect(canTransition('submitted', 'approved', 'programme')).to.deep.equal({ ok: true });
  });

  it('when a forming partnership is to be approved without being submitted, then there is no such step', () => {
    expect(canTransition('forming', 'approved', 'programme')).to.deep.equal({ ok: false, reason: 'no_such_step' });
  });

  it('when the status would not change, then it says so rather than "no such step"', () => {
    expect(canTransition('running', 'running', 'lead')).to.deep.equal({ ok: false, reason: 'unchanged' });
  });

  it('when an approved project starts and later ends, then either the lead or the programme team may record it', () => {
    for (const role of ['lead', 'programme'] as const) {
      expect(canTransition('approved', 'running', role)).to.deep.equal({ ok: true });
      expect(canTransition('running', 'ended', role)).to.deep.equal({ ok: true });
    }
  });

  it('when a partnership was not approved, then its lead may reopen it to try a later call', () => {
    expect(canTransition('not_approved', 'forming', 'lead')).to.deep.equal({ ok: true });
    expect(canTransition('not_approved', 'submitted', 'lead')).to.deep.equal({ ok: false, reason: 'no_such_step' });
  });

  it('when a page asks which buttons to offer, then it gets the steps this role may take from here', () => {
    expect(nextStatuses('submitted', 'programme')).to.deep.equal(['approved', 'not_approved']);
    expect(nextStatuses('submitted', 'lead')).to.deep.equal([]);
    expect(nextStatuses('forming', 'lead')).to.deep.equal(['submitted']);
  });

  it('when the project has ended, then no step leads out of it, and only then', () => {
    expect(PARTNERSHIP_STATUSES.filter(isFinal)).to.deep.equal(['ended']);
  });

  it('when the table is walked from forming, then every status can be reached', () => {
    const seen = new Set<PartnershipStatus>(['forming']);
    for (let grew = true; grew;) {
      grew = false;
      for (const t of TRANSITIONS) if (seen.has(t.from) && !seen.has(t.to)) { seen.add(t.to); grew = true; }
    }
    expect([...seen].sort()).to.deep.equal([...PARTNERSHIP_STATUSES].sort());
  });
});
