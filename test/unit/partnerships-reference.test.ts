// The shipped calls and catalogue are hand-edited JSON: these tests keep them valid, consistent with
// each other and with the municipalities list, written in Dutch, and true to Brussels time.
import { expect } from 'chai';
import { detectLanguage } from '../../server/engine/language.js';
import { FLEMISH_MUNICIPALITIES, municipalityId } from '../../server/domain/organisations.js';
import {
  brusselsOffset, brusselsWallClock, callStatus, checkSubmission, countdown, openCall,
} from '../../server/domain/partnerships/calls.js';
import { gzgReference, parseReference, referenceProblems } from '../../server/domain/partnerships/reference.js';
import callsFile from '../../server/domain/partnerships/reference/calls-gzg.json' with { type: 'json' };
import projectsFile from '../../server/domain/partnerships/reference/projects-gzg.json' with { type: 'json' };

const { calls, projects } = gzgReference();
const callNumber = (n: number) => calls.find((c) => c.number === n)!;
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe('partnerships: the shipped GzG calls and projects', () => {
  it('when the files are loaded, then there are the 7 calls, numbered 1 to 7, and 38 projects', () => {
    expect(calls.map((c) => c.number)).to.deep.equal([1, 2, 3, 4, 5, 6, 7]);
    expect(projects).to.have.length(38);
  });

  it('when checked against each other and the municipalities list, then there is no problem', () => {
    expect(referenceProblems(calls, projects, FLEMISH_MUNICIPALITIES)).to.deep.equal([]);
  });

  it('when every project is looked up, then its call exists and each named municipality is in the list under that name', () => {
    const names = new Map(FLEMISH_MUNICIPALITIES.map((m) => [municipalityId(m.nis), m.name]));
    for (const p of projects) {
      expect(callNumber(p.call), p.id).to.not.equal(undefined);
      for (const ref of [...(p.lead ? [p.lead] : []), ...p.partners, ...p.adopters]) expect(names.get(ref.organisationId), p.id).to.equal(ref.name);
    }
  });

  it('when the catalogue is counted per call, then it holds 10, 9, 6, 6, 5, 2 projects for calls 1 to 6 and none for call 7', () => {
    const perCall = [1, 2, 3, 4, 5, 6, 7].map((n) => projects.filter((p) => p.call === n).length);
    expect(perCall).to.deep.equal([10, 9, 6, 6, 5, 2, 0]);
  });

  it('when the summaries are read, then each is one or two sentences and in Dutch', () => {
    for (const p of projects) {
      expect(p.summary.trim(), p.id).to.not.equal('');
      expect(p.summary.match(/[.!?](\s|$)/g)?.length ?? 0, p.id).to.be.within(1, 2);
      expect(detectLanguage(p.summary, { fallback: 'en' }), `${p.id}: ${p.summary}`).to.equal('nl');
    }
  });

  it('when a source gives the lead in other words (a city company, an intercommunale), then that wording is kept beside the mapping', () => {
    const parking = projects.find((p) => p.title.startsWith('Digitalisering parkeervergunning'))!;
    expect(parking.lead).to.deep.equal({ organisationId: 'be-nis-11002', name: 'Antwerpen' });
    expect(parking.leadLabel).to.equal('Stad Antwerpen (Mobiliteitsbedrijf)');
    const iok = projects.find((p) => p.leadLabel?.startsWith('IOK'))!;
    expect(iok.lead).to.equal(null);
    expect(iok.theme).to.equal('democracy');
  });

  it('when a source names a municipality by its name before the 2025 mergers, then it maps to the merged one', () => {
    const geraardsbergen = projects.find((p) => p.lead?.name === 'Geraardsbergen')!;
    expect(geraardsbergen.partners.map((r) => r.name)).to.include('Merelbeke-Melle');
  });
});

describe('partnerships: the shipped calls keep Brussels time', () => {
  it('when a call opens or closes, then it is at 00:00:00 or 23:59:59 on a Brussels wall clock, with the offset of that day', () => {
    for (const c of calls) {
      for (const [iso, time] of [[c.opensAt, '00:00:00'], [c.closesAt, '23:59:59']] as const) {
        if (iso === null) continue;
        const w = brusselsWallClock(new Date(iso));
        const wall = [w.hour, w.minute, w.second].map((n) => String(n).padStart(2, '0')).join(':');
        expect(`${c.id} ${wall} ${iso.slice(-6)}`).to.equal(`${c.id} ${time} ${brusselsOffset(new Date(iso))}`);
      }
    }
  });

  it('when call 1 closes on 12 November 2021, then it is in winter time, while it opened in summer time', () => {
    expect(callNumber(1).opensAt).to.equal('2021-09-20T00:00:00+02:00');
    expect(callNumber(1).closesAt).to.equal('2021-11-12T23:59:59+01:00');
  });

  it('when it is 10 January 2022, then calls 2, 3 and 4 are open and the board shows call 2, closing first', () => {
    const now = new Date('2022-01-10T12:00:00+01:00');
    expect(calls.filter((c) => callStatus(c, now) === 'open').map((c) => c.number)).to.deep.equal([2, 3, 4]);
    expect(openCall(calls, now)?.number).to.equal(2);
    expect(countdown(callNumber(2), now)).to.deep.equal({ days: 25, hours: 11, minutes: 59 });
  });

  it('when it is today, then every call is decided', () => {
    expect(calls.map((c) => callStatus(c, new Date('2026-12-07T12:00:00Z')))).to.deep.equal(Array(7).fill('decided'));
  });

  it('when call 3\'s decision day came, then it is decided from then on and closed before', () => {
    expect(callStatus(callNumber(3), new Date('2022-05-12T12:00:00+02:00'))).to.equal('closed');
    expect(callStatus(callNumber(3), new Date('2022-05-13T00:00:00+02:00'))).to.equal('decided');
  });
});

describe('partnerships: the shipped call rules', () => {
  const inCall1 = new Date('2021-10-01T12:00:00+02:00');

  it('when 17 municipalities apply to the shipped call 1, then no partner cap stops them (16 was the largest funded partnership, and 17 applied)', () => {
    expect(callNumber(1).rules).to.deep.equal({});
    expect(checkSubmission({ call: callNumber(1), now: inCall1, partnerCount: 17 })).to.deep.equal([]);
  });

  it('when one local government applies alone to call 6, then the rule of at least one other is named', () => {
    const inCall6 = new Date('2022-07-01T12:00:00+02:00');
    expect(checkSubmission({ call: callNumber(6), now: inCall6, partnerCount: 1 })).to.deep.equal([{ code: 'too_few_partners', min: 2, actual: 1 }]);
  });
});

describe('partnerships: a broken reference file is caught', () => {
  it('when a project names a call that does not exist or a municipality that is not in the list, then each is a problem', () => {
    const broken = clone(projects).slice(0, 1);
    broken[0]!.call = 9;
    broken[0]!.partners.push({ organisationId: 'be-nis-99999', name: 'Nergenshuizen' });
    const problems = referenceProblems(calls, broken, FLEMISH_MUNICIPALITIES);
    expect(problems).to.deep.equal(['project gzg-1-01: call 9 does not exist', 'project gzg-1-01: be-nis-99999 is not a municipality']);
  });

  it('when the catalogue lists more approved projects for a call than the call approved, then that is a problem', () => {
    const extra = { ...clone(projects.find((p) => p.call === 5)!), id: 'gzg-5-06' };
    expect(referenceProblems(calls, [...projects, extra], FLEMISH_MUNICIPALITIES)).to.deep.equal(['call 5: 6 approved projects listed, 5 approved']);
  });

  it('when a project reports more municipalities than its call allows, then that is a problem', () => {
    const capped = clone(calls).map((c) => (c.number === 6 ? { ...c, rules: { ...c.rules, maxPartners: 12 } } : c));
    expect(referenceProblems(capped, projects, FLEMISH_MUNICIPALITIES)).to.deep.equal(['project gzg-6-01: more partners than call 6 allows']);
  });

  it('when a closing time has no offset, then the file is refused and the field is named', () => {
    const raw = clone(callsFile);
    raw.calls[0]!.closesAt = '2021-11-12T23:59:59';
    expect(() => parseReference({ calls: raw, projects: projectsFile })).to.throw(/closesAt/);
  });

  it('when a project has a theme the product does not know, then the file is refused', () => {
    const raw = clone(projectsFile);
    raw.projects[0]!.theme = 'mobility';
    expect(() => parseReference({ calls: callsFile, projects: raw })).to.throw(/theme/);
  });
});
