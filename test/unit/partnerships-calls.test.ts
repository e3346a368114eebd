// Calls by hand-checkable dates: when a call is open, how long is left as Brussels counts it (across
// both daylight-saving changes), which call the home page shows, and which rules a submission breaks.
import { expect } from 'chai';
import {
  CALL_TYPES, brusselsOffset, callStatus, checkSubmission, countdown, nextCall, openCall, type Call,
} from '../../server/domain/partnerships/calls.js';

function call(over: Partial<Call> = {}): Call {
  return {
    id: 'c1', name: 'Oproep 1 – innovatieve concepten', type: 'concept', themes: ['services', 'democracy', 'workplace'],
    opensAt: '2021-09-20T00:00:00+02:00', closesAt: '2021-11-12T23:59:59+01:00', decided: false, decidedOn: null,
    ...CALL_TYPES.concept, rules: {}, ...over,
  };
}
const at = (iso: string) => new Date(iso);
const OPEN = at('2021-10-01T12:00:00+02:00');

describe('partnerships: a call and its status', () => {
  it('when the opening has not come, then it is upcoming; from the opening second on, open', () => {
    expect(callStatus(call(), at('2021-09-19T23:59:59+02:00'))).to.equal('upcoming');
    expect(callStatus(call(), at('2021-09-20T00:00:00+02:00'))).to.equal('open');
  });

  it('when the closing second is reached it is still open; one second later it is closed', () => {
    expect(callStatus(call(), at('2021-11-12T23:59:59+01:00'))).to.equal('open');
    expect(callStatus(call(), at('2021-11-13T00:00:00+01:00'))).to.equal('closed');
  });

  it('when the programme has decided, then a closed call is decided, but an open call stays open', () => {
    expect(callStatus(call({ decided: true }), at('2022-02-18T10:00:00+01:00'))).to.equal('decided');
    expect(callStatus(call({ decided: true }), OPEN)).to.equal('open');
  });

  it('when the decision day is set, then the call is decided from midnight of that day in Brussels, not in UTC', () => {
    const c = call({ decidedOn: '2022-02-18' });
    expect(callStatus(c, at('2022-02-17T22:59:59Z'))).to.equal('closed'); // 23:59:59 on the 17th in Brussels
    expect(callStatus(c, at('2022-02-17T23:00:00Z'))).to.equal('decided'); // 00:00 on the 18th in Brussels
  });

  it('when a call has no opening date, then it is never open: upcoming until its closing, then closed', () => {
    const c = call({ opensAt: null });
    expect(callStatus(c, OPEN)).to.equal('upcoming');
    expect(callStatus(c, at('2021-11-13T00:00:00+01:00'))).to.equal('closed');
  });
});

describe('partnerships: the countdown to a call\'s closing', () => {
  it('when exactly two days are left, then it says 2 days 0 hours 0 minutes', () => {
    expect(countdown(call(), at('2021-11-10T23:59:59+01:00'))).to.deep.equal({ days: 2, hours: 0, minutes: 0 });
  });

  it('when the clocks go back on the last Sunday of October, then Saturday noon to Monday noon is still 2 days (49 hours pass)', () => {
    const c = call({ opensAt: '2025-10-01T00:00:00+02:00', closesAt: '2025-10-27T12:00:00+01:00' });
    const now = at('2025-10-25T12:00:00+02:00');
    expect((Date.parse(c.closesAt) - now.getTime()) / 3_600_000).to.equal(49);
    expect(countdown(c, now)).to.deep.equal({ days: 2, hours: 0, minutes: 0 });
  });

  it('when the clocks go forward on the last Sunday of March, then Saturday noon to Monday noon is 2 days (47 hours pass)', () => {
    const c = call({ opensAt: '2026-03-01T00:00:00+01:00', closesAt: '2026-03-30T12:00:00+02:00' });
    expect(countdown(c, at('2026-03-28T12:00:00+01:00'))).to.deep.equal({ days: 2, hours: 0, minutes: 0 });
  });

  it('when the call closes at 23:59:59 and it is 13:00, then 10 hours 59 minutes are left (seconds dropped)', () => {
    expect(countdown(call(), at('2021-11-12T13:00:00+01:00'))).to.deep.equal({ days: 0, hours: 10, minutes: 59 });
  });

  it('when the call has closed, then there is no countdown', () => {
    expect(countdown(call(), at('2021-11-13T00:00:00+01:00'))).to.equal(null);
  });

  it('when asked for the Brussels offset, then winter is +01:00 and summer +02:00', () => {
    expect(brusselsOffset(at('2025-10-26T00:30:00Z'))).to.equal('+02:00'); // 02:30, before the clocks go back
    expect(brusselsOffset(at('2025-10-26T01:30:00Z'))).to.equal('+01:00'); // 02:30 again, after
  });
});

describe('partnerships: the call the home page and the board show', () => {
  const calls = [
    call({ id: 'late', opensAt: '2021-11-22T00:00:00+01:00', closesAt: '2022-03-25T23:59:59+01:00' }),
    call({ id: 'early', opensAt: '2021-11-22T00:00:00+01:00', closesAt: '2022-02-04T23:59:59+01:00' }),
    call({ id: 'next', opensAt: '2022-03-21T00:00:00+01:00', closesAt: '2022-05-27T23:59:59+02:00' }),
  ];

  it('when two calls are open, then the one closing first is shown', () => {
    expect(openCall(calls, at('2022-01-10T12:00:00+01:00'))?.id).to.equal('early');
  });

  it('when the first has closed, then the other open one is shown', () => {
    expect(openCall(calls, at('2022-02-10T12:00:00+01:00'))?.id).to.equal('late');
  });

  it('when no call is open, then none is shown and, of two opening the same day, the one closing first is announced', () => {
    expect(openCall(calls, at('2021-11-01T12:00:00+01:00'))).to.equal(null);
    expect(nextCall(calls, at('2021-11-01T12:00:00+01:00'))?.id).to.equal('early');
  });
});

describe('partnerships: the rules a submission breaks', () => {
  const capped = call({ rules: { maxPartners: 16 } });

  it('when a partnership has 17 members for call 1 capped at 16, names the rule and the numbers', () => {
    expect(checkSubmission({ call: capped, now: OPEN, partnerCount: 17 })).to.deep.equal([
      { code: 'too_many_partners', max: 16, actual: 17 },
    ]);
  });

  it('when it has 16 members, then nothing is broken', () => {
    expect(checkSubmission({ call: capped, now: OPEN, partnerCount: 16 })).to.deep.equal([]);
  });

  it('when call 6 asks for cooperation with another local government and the lead is alone, then it says 2 are needed', () => {
    const call6 = call({ type: 'transformation', ...CALL_TYPES.transformation, rules: { minPartners: 2 } });
    expect(checkSubmission({ call: call6, now: OPEN, partnerCount: 1 })).to.deep.equal([{ code: 'too_few_partners', min: 2, actual: 1 }]);
  });

  it('when the theme is not one of the call\'s, then it names the theme and the allowed ones', () => {
    const call2 = call({ themes: ['services', 'workplace'] });
    expect(checkSubmission({ call: call2, now: OPEN, partnerCount: 3, theme: 'democracy' })).to.deep.equal([
      { code: 'theme_not_allowed', theme: 'democracy', allowed: ['services', 'workplace'] },
    ]);
  });

  it('when the subsidy asked is above the type\'s maximum or above 80% of the cost, then both are named with the amounts', () => {
    expect(checkSubmission({ call: call(), now: OPEN, partnerCount: 3, subsidyEur: 150_000.01, costEur: 200_000 })).to.deep.equal([
      { code: 'subsidy_over_max', max: 150_000, actual: 150_000.01 },
    ]);
    expect(checkSubmission({ call: call(), now: OPEN, partnerCount: 3, subsidyEur: 80_000.01, costEur: 100_000 })).to.deep.equal([
      { code: 'subsidy_over_share', maxShare: 0.8, max: 80_000, actual: 80_000.01 },
    ]);
    expect(checkSubmission({ call: call(), now: OPEN, partnerCount: 3, subsidyEur: 80_000, costEur: 100_000 })).to.deep.equal([]);
  });

  it('when a concept runs 13 months or a transformation ends in 2026, then the duration or the deadline is named', () => {
    expect(checkSubmission({ call: call(), now: OPEN, partnerCount: 3, durationMonths: 13 })).to.deep.equal([
      { code: 'duration_over_max', max: 12, actual: 13 },
    ]);
    const transformation = call({ type: 'transformation', ...CALL_TYPES.transformation });
    expect(checkSubmission({ call: transformation, now: OPEN, partnerCount: 3, endsOn: '2026-01-31' })).to.deep.equal([
      { code: 'ends_after_deadline', latest: '2025-12-31', actual: '2026-01-31' },
    ]);
  });

  it('when the call has closed and the partnership is too big, then both are said, the call first', () => {
    expect(checkSubmission({ call: capped, now: at('2021-11-13T00:00:00+01:00'), partnerCount: 17 })).to.deep.equal([
      { code: 'call_not_open', status: 'closed' }, { code: 'too_many_partners', max: 16, actual: 17 },
    ]);
  });
});
