/**
 * The hostile-input corpus (test/fixtures/hostile-inputs.ts) against every JSON write route, one field
 * at a time (the other fields valid), plus wrong types and wrong whole bodies, and the full-text search.
 * Asserts: never a 5xx; every 400 names the field that was bad; nothing stored holds control or
 * invisible characters, and an idea is stored exactly when the answer said so.
 */
import { expect } from 'chai';
import request, { type Agent } from 'supertest';
import { hasVisible } from '../../../server/domain/validation.js';
import { clusterWorld, type ClusterWorld } from '../../support/cluster-fixture.js';
import { signIn } from '../../support/start-test-app.js';
import { HOSTILE_BODIES, HOSTILE_STRINGS, HOSTILE_VALUES } from '../../fixtures/hostile-inputs.js';

// What no stored text may hold (as validation.ts removes): controls but tab/LF, bidi controls, zero-width spaces, fillers.
const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u115f\u1160\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u3164\ufeff\uffa0]/;

/** `value` put at `path` ('contact.name', 'tags.0') in a copy of `base`. */
function withField(base: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const copy = structuredClone(base);
  const keys = path.split('.');
  let at: Record<string, unknown> = copy;
  for (const k of keys.slice(0, -1)) at = at[k] as Record<string, unknown>;
  at[keys[keys.length - 1]!] = value;
  return copy;
}

describe('hardening: the hostile-input corpus against every write route', () => {
  let w: ClusterWorld;
  let member: Agent; let memberCsrf: string;
  let programme: Agent; let programmeCsrf: string;
  const problems: string[] = [];
  let created = 0;

  before(async function () {
    this.timeout(120_000);
    w = await clusterWorld({
      SIGNIN_MAX_FAILURES: '100000', SIGNIN_MAX_FAILURES_PER_ADDRESS: '100000', SIGNIN_MAX_FAILURES_PER_ACCOUNT: '100000',
      LIMIT_IDEAS_PER_HOUR: '100000', LIMIT_ENDORSEMENTS_PER_HOUR: '100000', LIMIT_WRITES_PER_MINUTE: '100000',
    });
    member = request.agent(w.app.baseUrl); memberCsrf = await signIn(member, w.users.mol.email);
    programme = request.agent(w.app.baseUrl); programmeCsrf = await signIn(programme, w.programme.email);
  });
  after(() => w?.app.close());

  /** Sends, and checks the answer: no 5xx; a 400 names `field` (or, for a whole body, some field). */
  async function check(label: string, send: () => request.Test, field: string | null): Promise<request.Response> {
    const res = await send().timeout(10_000);
    if (res.status >= 500) problems.push(`${label}: ${res.status}`);
    if (res.status === 400) {
      const fields = Object.keys((res.body?.error?.fields ?? {}) as object);
      const named = field === null ? fields.length > 0 : fields.some((f) => f === field || f.startsWith(`${field}.`) || field.startsWith(`${f}.`));
      if (!named) problems.push(`${label}: 400 without naming ${field ?? 'a field'} (${JSON.stringify(res.body).slice(0, 200)})`);
      for (const f of Object.values((res.body?.error?.fields ?? {}) as Record<string, { message?: string }>)) if (!f.message) problems.push(`${label}: a field error without a message`);
    }
    return res;
  }

  const idea = { title: 'Een idee om de invoer te testen', description: 'Een beschrijving die lang genoeg is voor de regels van een idee.', theme: 'services', tags: ['loket'], contact: { name: 'An Peeters', email: 'an@mol.test' } };

  beforeEach(() => { problems.length = 0; });

  it('when ideas are posted with every hostile value in each field, or as a hostile body, nothing breaks and what is stored is clean', async function () {
    this.timeout(600_000);
    const before = (await w.app.store.listIdeas({ limit: 1, offset: 0, includeHidden: true })).total;
    const all = [...HOSTILE_STRINGS, ...HOSTILE_VALUES];
    // The whole corpus on the title; on the other fields every fifth value (the same validation, and each post costs the engine).
    for (const field of ['title', 'description', 'tags.0', 'contact.name', 'contact.email', 'theme']) {
      for (const value of field === 'title' ? all : all.filter((_, i) => i % 5 === 0)) {
        const res = await check(`POST /api/ideas ${field}`, () => member.post('/api/ideas').set('X-CSRF-Token', memberCsrf).send(withField(idea, field, value)), field);
        if (res.status === 201) created++;
      }
    }
    for (const body of HOSTILE_BODIES) {
      const res = await check('POST /api/ideas (body)', () => member.post('/api/ideas').set('X-CSRF-Token', memberCsrf).set('Content-Type', 'application/json').send(JSON.stringify(body)), null);
      if (res.status === 201) created++;
    }
    const after = await w.app.store.listIdeas({ limit: 100, offset: 0, includeHidden: true });
    expect(after.total - before, 'ideas stored = ideas answered 201').to.equal(created);
    for (let offset = 0; offset < after.total; offset += 100) {
      for (const i of (await w.app.store.listIdeas({ limit: 100, offset, includeHidden: true })).items) {
        for (const text of [i.title, i.description, i.contact.name, ...i.tags]) {
          if (INVISIBLE.test(text) || !hasVisible(text)) problems.push(`stored idea ${i.id} holds ${JSON.stringify(text.slice(0, 40))}`);
        }
      }
    }
    expect(problems).to.deep.equal([]);
  });

  it('when the other write routes and the search get the corpus, nothing breaks and every 400 names its field', async function () {
    this.timeout(600_000);
    const target = w.ideas.lier.id;
    // Every fourth value on each route (every twelfth on those that hash a password or mail); the search gets all strings.
    const strings = [...HOSTILE_STRINGS, ...HOSTILE_VALUES].filter((_, i) => i % 4 === 0);
    const sample = [...HOSTILE_STRINGS, ...HOSTILE_VALUES].filter((_, i) => i % 12 === 0);
    const routes: [string, string, (v: unknown) => request.Test, unknown[]][] = [
      ['PATCH /api/ideas/:id title', 'title', (v) => member.patch(`/api/ideas/${w.ideas.mol.id}`).set('X-CSRF-Token', memberCsrf).send({ title: v }), strings],
      ['POST /api/ideas/:id/endorsements message', 'message', (v) => member.post(`/api/ideas/${target}/endorsements`).set('X-CSRF-Token', memberCsrf).send({ message: v }), strings],
      ['POST /api/ideas/similar title', 'title', (v) => member.post('/api/ideas/similar').set('X-CSRF-Token', memberCsrf).send({ title: v, description: 'afspraken aan het loket' }), strings],
      ['POST /api/notifications/read ids', 'ids', (v) => member.post('/api/notifications/read').set('X-CSRF-Token', memberCsrf).send({ ids: [v] }), strings],
      ['PUT /api/settings/notifications', 'clusterJoined', (v) => member.put('/api/settings/notifications').set('X-CSRF-Token', memberCsrf).send({ clusterJoined: v }), strings],
      ['PUT /api/clusters/:id/label', 'label', (v) => programme.put(`/api/clusters/${w.clusterId}/label`).set('X-CSRF-Token', programmeCsrf).send({ label: v }), strings],
      ['POST /api/ideas/:id/hide reason', 'reason', (v) => programme.post(`/api/ideas/${w.ideas.parkeren.id}/hide`).set('X-CSRF-Token', programmeCsrf).send({ reason: v }), strings],
      ['POST /api/invitations name', 'name', (v) => programme.post('/api/invitations').set('X-CSRF-Token', programmeCsrf).send({ name: v, email: `x${Math.random().toString(36).slice(2)}@herk.test`, organisationId: w.orgs.herk.id }), strings],
      ['POST /api/invitations email', 'email', (v) => programme.post('/api/invitations').set('X-CSRF-Token', programmeCsrf).send({ name: 'Iemand Nieuw', email: v, organisationId: w.orgs.herk.id }), strings],
      ['POST /api/session email', 'email', (v) => request(w.app.baseUrl).post('/api/session').send({ email: v, password: 'niet het wachtwoord' }), sample],
      ['POST /api/password/forgot email', 'email', (v) => request(w.app.baseUrl).post('/api/password/forgot').send({ email: v }), sample],
      ['POST /api/password/reset token', 'token', (v) => request(w.app.baseUrl).post('/api/password/reset').send({ token: v, password: 'een lange zin als wachtwoord' }), sample],
      ['GET /api/ideas?q', 'q', (v) => request(w.app.baseUrl).get('/api/ideas').query({ q: typeof v === 'string' ? v.slice(0, 300) : String(v) }), HOSTILE_STRINGS],
    ];
    for (const [label, field, send, values] of routes) {
      for (const v of values) await check(label, () => send(v), field);
    }
    for (const body of HOSTILE_BODIES) {
      await check('PATCH /api/ideas/:id (body)', () => member.patch(`/api/ideas/${w.ideas.mol.id}`).set('X-CSRF-Token', memberCsrf).set('Content-Type', 'application/json').send(JSON.stringify(body)), null);
      await check('POST /api/notifications/read (body)', () => member.post('/api/notifications/read').set('X-CSRF-Token', memberCsrf).set('Content-Type', 'application/json').send(JSON.stringify(body)), null);
    }
    const stored = [
      ...(await w.app.store.listEndorsements({ ideaId: target })).map((e) => e.message ?? 'x'),
      ...(await w.app.store.listInvitations()).map((i) => i.name),
    ];
    for (const text of stored) if (INVISIBLE.test(text)) problems.push(`stored text holds ${JSON.stringify(text.slice(0, 40))}`);
    expect(problems).to.deep.equal([]);
  });
});
