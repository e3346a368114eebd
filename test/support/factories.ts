/**
 * Plain, typed records for tests. Each call makes a unique record (ids, e-mails, codes, token hashes);
 * pass `over` to set what the test is about. Nothing here touches a store.
 *
 *   const org = makeOrganisation({ province: 'Limburg' });
 *   const user = makeUser(org.id, { role: 'member' });
 *   const idea = makeIdea(org.id, user.id, { title: 'Digitaal e-loket voor vergunningen' });
 */
import { createHash } from 'node:crypto';
import { newId } from '../../server/store/ids.js';
import type { CallRecord, Idea, Invitation, Organisation, ProjectJoinRequest, ProjectRecord, User } from '../../server/store/store.js';

let counter = 0;
const next = (): number => ++counter;

/** A fixed instant, so tests never depend on the wall clock. */
export const T0 = '2026-01-15T09:00:00.000Z';

/** `T0` shifted by a number of seconds (negative for earlier), as an ISO string. */
export function at(seconds: number, from: string = T0): string {
  return new Date(Date.parse(from) + seconds * 1000).toISOString();
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function makeOrganisation(over: Partial<Organisation> = {}): Organisation {
  const n = next();
  return {
    id: newId(),
    kind: 'municipality',
    country: 'BE',
    code: String(90000 + n),
    name: `Testgemeente ${n}`,
    province: 'Antwerpen',
    arrondissement: 'Antwerpen',
    createdAt: T0,
    ...over,
  };
}

export function makeUser(organisationId: string | null, over: Partial<User> = {}): User {
  const n = next();
  return {
    id: newId(),
    email: `medewerker${n}@gemeente.test`,
    name: `Medewerker ${n}`,
    phone: null,
    passwordHash: null,
    role: organisationId === null ? 'programme' : 'member',
    organisationId,
    locale: 'nl',
    active: true,
    createdAt: T0,
    updatedAt: T0,
    ...over,
  };
}

export function makeIdea(organisationId: string, authorId: string, over: Partial<Idea> = {}): Idea {
  const n = next();
  return {
    id: newId(),
    organisationId,
    authorId,
    title: `Idee nummer ${n}`,
    description: `Een beschrijving van idee ${n}, lang genoeg om als echte beschrijving door te gaan.`,
    theme: 'services',
    tags: [],
    contact: { name: `Contact ${n}`, email: `contact${n}@gemeente.test`, phone: null },
    status: 'open',
    language: 'nl',
    hidden: false,
    callId: null,
    version: 1,
    createdAt: T0,
    updatedAt: T0,
    ...over,
  };
}

export function makeInvitation(over: Partial<Invitation> = {}): Invitation {
  const n = next();
  return {
    id: newId(),
    tokenHash: sha256(`token-${n}-${newId()}`),
    email: `genodigde${n}@gemeente.test`,
    name: `Genodigde ${n}`,
    role: 'member',
    organisationId: null,
    invitedBy: null,
    createdAt: T0,
    expiresAt: at(7 * 24 * 3600),
    usedAt: null,
    revokedAt: null,
    ...over,
  };
}

let callNumber = 100;
/** A concept call with a number of its own, open through December 2026 (Brussels time). */
export function makeCall(over: Partial<CallRecord> = {}): CallRecord {
  const number = over.number ?? ++callNumber;
  return {
    id: newId(), number, name: `Oproep ${number} – innovatieve concepten`, type: 'concept', themes: ['services'],
    opensAt: '2026-11-01T00:00:00+01:00', closesAt: '2026-12-31T23:59:59+01:00', decided: false, decidedOn: null,
    maxSubsidyEur: 150_000, maxDurationMonths: 12, realiseBy: null, rules: { minPartners: 2 },
    description: 'Samen een nieuw digitaal concept uitwerken met minstens één ander lokaal bestuur.',
    sourceUrls: ['https://gzg.vlaanderen.be/oproep'], createdAt: T0, updatedAt: T0, ...over,
  };
}

let projectNumber = 0;
/** A funded concept project of call 1, led by `leadOrganisationId` (null: a lead known only by name). */
export function makeProject(over: Partial<ProjectRecord> = {}): ProjectRecord {
  const n = ++projectNumber;
  return {
    id: newId(), title: `Digitaal loket ${n}`, summary: 'Een digitaal loket waar inwoners hun aanvragen online indienen en opvolgen.',
    callId: null, callNumber: 1, type: 'concept', theme: 'services', leadOrganisationId: null, leadName: 'Gent', partnerOrganisationIds: [],
    otherPartners: [], status: 'funded', url: 'https://gzg.vlaanderen.be/projecten', partnershipId: null, source: 'programme', referenceKey: null,
    createdAt: T0, updatedAt: T0, ...over,
  };
}

/** An open request of `organisationId` to join `projectId`. */
export function makeJoinRequest(projectId: string, organisationId: string, requestedBy: string, over: Partial<ProjectJoinRequest> = {}): ProjectJoinRequest {
  return {
    id: newId(), projectId, organisationId, requestedBy, message: 'Wij willen graag aansluiten.', status: 'open', createdAt: T0,
    answeredAt: null, answeredBy: null, ...over,
  };
}
