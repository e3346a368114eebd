/**
 * The OpenAPI document against the real app: each documented operation is sent its documented example,
 * as the role it needs, and the answer must have the documented status and match the documented zod
 * schema exactly (no field the document does not name). Checked with the zod schemas themselves, the
 * ones the document is generated from: one source, and zod checks what JSON Schema only annotates
 * here (date-time and e-mail formats) without a second validator to configure.
 */
import { expect } from 'chai';
import request, { type Agent } from 'supertest';
import { z, type ZodTypeAny } from 'zod';
import type { Mailer } from '../../server/mail.js';
import type { Organisation, User } from '../../server/store/store.js';
import { apiOperations, type ApiOperation } from '../../server/web/openapi/index.js';
import { ERROR_RESPONSES } from '../../server/web/openapi/operation.js';
import { SIGN_IN_EXAMPLE } from '../../server/web/openapi/accounts.js';
import { ErrorBody } from '../../server/web/schemas/common.js';
import { TEXTS } from '../support/cluster-fixture.js';
import { signIn, startTestApp, type TestApp } from '../support/start-test-app.js';

/** `schema` with every object closed (unless it says passthrough), so an undocumented field fails. */
function strictly(schema: ZodTypeAny): ZodTypeAny {
  const def = schema._def as Record<string, unknown>;
  const Same = schema.constructor as new (def: unknown) => ZodTypeAny;
  if (schema instanceof z.ZodObject) {
    if (def.unknownKeys === 'passthrough') return schema;
    const shape = Object.fromEntries(Object.entries(schema.shape as Record<string, ZodTypeAny>).map(([k, v]) => [k, strictly(v)]));
    return new Same({ ...def, unknownKeys: 'strict', shape: () => shape });
  }
  if (schema instanceof z.ZodArray) return new Same({ ...def, type: strictly(schema.element) });
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) return new Same({ ...def, innerType: strictly(schema.unwrap()) });
  if (schema instanceof z.ZodUnion) return new Same({ ...def, options: (schema.options as ZodTypeAny[]).map(strictly) });
  if (schema instanceof z.ZodRecord) return new Same({ ...def, valueType: strictly(schema.valueSchema) });
  return schema;
}

function expectMatches(schema: ZodTypeAny, body: unknown, what: string): void {
  const result = strictly(schema).safeParse(body);
  expect(result.success, `${what}: ${result.success ? '' : JSON.stringify(result.error.issues.slice(0, 5))}\n${JSON.stringify(body).slice(0, 600)}`).to.equal(true);
}

/** A real mailer's contract, keeping what it would send: the reset link arrives here. */
function outbox(): Mailer & { sent: { to: string; text: string }[] } {
  const sent: { to: string; text: string }[] = [];
  return { enabled: true, sent, send: async (m) => { sent.push(m); } };
}

interface Caller { agent: Agent; csrf: string }
const operation = (id: string): ApiOperation => apiOperations.find((o) => o.operationId === id)!;
/** What an operation is sent besides its example: real path ids, and a body field the example cannot know. */
interface Prepared { params?: Record<string, string | number>; body?: Record<string, unknown> }

describe('OpenAPI contract: every documented operation answers as documented', () => {
  let app: TestApp;
  const mail = outbox();
  const orgs = {} as Record<'lier' | 'geel' | 'mol', Organisation>;
  const members = {} as Record<'lier' | 'geel' | 'mol', User>;
  let programme: User;
  let clusterId: number;
  const ideaIds = {} as Record<'lier' | 'geel' | 'mol', string>;

  // Signed in once per user (argon2 is slow on purpose); operations that end sessions get fresh users.
  const callers = new Map<string, Promise<Caller>>();
  const as = (user: User): Promise<Caller> => {
    if (!callers.has(user.id)) {
      const agent = request.agent(app.baseUrl);
      callers.set(user.id, signIn(agent, user.email).then((csrf) => ({ agent, csrf })));
    }
    return callers.get(user.id)!;
  };
  const freshMember = () => app.createMember(orgs.lier.id);
  /** A new idea of Lier's, posted over the API, for an operation that changes it. */
  const freshIdea = async (): Promise<string> => {
    const lier = await as(members.lier);
    const res = await lier.agent.post('/api/ideas').set('X-CSRF-Token', lier.csrf)
      .send({ title: `Afval sorteren met een app ${Math.random().toString(36).slice(2, 8)}`, description: 'Een app die inwoners helpt hun afval juist te sorteren, met ophaaldagen en meldingen.', theme: 'services' });
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return res.body.id as string;
  };
  let callNumber = 100;
  /** A new call, added over the API by the programme team (numbers of its own: the example's is 8). */
  const freshCall = async (): Promise<string> =>
    (await call(programme, 'post', '/api/calls', { ...(operation('createCall').body!.example as object), number: ++callNumber })).body.id as string;
  /** A call open now (minimum two local governments), for a partnership that is to be submitted. */
  const openCallNow = async (): Promise<string> => {
    const offset = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().replace(/\.\d+Z$/, '+00:00');
    return (await call(programme, 'post', '/api/calls', { ...(operation('createCall').body!.example as object), number: ++callNumber, opensAt: offset(-1), closesAt: offset(30) })).body.id as string;
  };
  /** A partnership of Lier's for a fresh idea, with the steps given already taken (Geel invited, Geel a partner …). */
  const freshPartnership = async (steps: ('invite' | 'accept' | 'request' | 'offer')[] = [], callId?: string): Promise<string> => {
    const id = (await call(members.lier, 'post', '/api/partnerships', { ideaId: await freshIdea(), ...(callId ? { callId } : {}) })).body.id as string;
    for (const s of steps) {
      if (s === 'invite') await call(members.lier, 'post', `/api/partnerships/${id}/invitations`, { organisationId: orgs.geel.id });
      if (s === 'accept') await call(members.geel, 'post', `/api/partnerships/${id}/invitations/${orgs.geel.id}/accept`);
      if (s === 'request') await call(members.mol, 'post', `/api/partnerships/${id}/join-requests`);
      if (s === 'offer') await call(members.lier, 'post', `/api/partnerships/${id}/lead`, { organisationId: orgs.geel.id });
    }
    return id;
  };
  /** A new project led by `leadId`, added over the API by the programme team. */
  const freshProject = async (leadId: string): Promise<string> =>
    (await call(programme, 'post', '/api/projects', { ...(operation('createProject').body!.example as object), leadOrganisationId: leadId })).body.id as string;
  /** A new project of Lier's that Mol asked to join. */
  const askedToJoin = async (): Promise<string> => {
    const id = await freshProject(orgs.lier.id);
    await call(members.mol, 'post', `/api/projects/${id}/join-requests`, {});
    return id;
  };
  /** A decided call with an idea of Lier's aiming at it, and a funded project of Geel's about the same subject (for referrals). */
  const decidedCallWithIdea = async (): Promise<{ callId: string; ideaId: string; projectId: string }> => {
    const offset = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().replace(/\.\d+Z$/, '+00:00');
    const callId = (await call(programme, 'post', '/api/calls', { ...(operation('createCall').body!.example as object), number: ++callNumber, opensAt: offset(-60), closesAt: offset(-10), decided: true })).body.id as string;
    const ideaId = await freshIdea();
    await call(members.lier, 'patch', `/api/ideas/${ideaId}`, { callId });
    const projectId = (await call(programme, 'post', '/api/projects', {
      title: 'Afval sorteren met een app', summary: 'Een app die inwoners helpt hun afval juist te sorteren, met ophaaldagen en meldingen.',
      type: 'concept', theme: 'services', status: 'funded', leadOrganisationId: orgs.geel.id,
    })).body.id as string;
    return { callId, ideaId, projectId };
  };
  /** A new check-in of Lier's about a fresh idea, asked for at the example's moments (so the confirm example picks one of them). */
  const freshCheckIn = async (): Promise<string> => {
    const example = operation('requestCheckIn').body!.example as { moments: string[] };
    return (await call(members.lier, 'post', '/api/check-ins', { subject: { type: 'idea', id: await freshIdea() }, moments: example.moments })).body.id as string;
  };
  const proposedCheckIn = async (): Promise<string> => {
    const id = await freshCheckIn();
    await call(programme, 'post', `/api/check-ins/${id}/propose`, operation('proposeCheckIn').body!.example);
    return id;
  };
  const call = async (user: User, method: 'post' | 'put' | 'patch' | 'delete', path: string, body?: unknown) => {
    const c = await as(user);
    const res = await c.agent[method](path).set('X-CSRF-Token', c.csrf).send(body as object);
    expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).to.be.within(200, 299);
    return res;
  };

  /** Per operation: what must exist before its example can succeed, and who sends it. */
  const prepare: Record<string, () => Promise<Prepared & { by?: User }>> = {
    signIn: async () => ({}),
    changePassword: async () => ({ by: await freshMember() }),
    signOut: async () => ({ by: await freshMember() }),
    resetPassword: async () => {
      const user = await freshMember();
      await request(app.baseUrl).post('/api/password/forgot').send({ email: user.email }).expect(202);
      const link = mail.sent.filter((m) => m.to === user.email).map((m) => /\/password\/reset\/(\S+)/.exec(m.text)?.[1]).find(Boolean);
      return { body: { token: link } };
    },
    getIdea: async () => ({ params: { id: ideaIds.lier } }),
    updateIdea: async () => ({ params: { id: await freshIdea() }, by: members.lier }),
    withdrawIdea: async () => ({ params: { id: await freshIdea() }, by: members.lier }),
    reopenIdea: async () => {
      const id = await freshIdea();
      await call(members.lier, 'delete', `/api/ideas/${id}`);
      return { params: { id }, by: members.lier };
    },
    similarToIdea: async () => ({ params: { id: ideaIds.lier } }),
    listEndorsements: async () => ({ params: { id: ideaIds.lier } }),
    endorseIdea: async () => ({ params: { id: await freshIdea() }, by: members.mol }),
    withdrawEndorsement: async () => {
      const id = await freshIdea();
      await call(members.mol, 'post', `/api/ideas/${id}/endorsements`, {});
      return { params: { id }, by: members.mol };
    },
    resendInvitation: async () => ({ params: { id: (await call(programme, 'post', '/api/invitations', { email: `uitnodiging-${Date.now()}@lier.test`, name: 'Els Wouters', organisationId: orgs.lier.id })).body.invitation.id } }),
    revokeInvitation: async () => ({ params: { id: (await call(programme, 'post', '/api/invitations', { email: `intrekking-${Date.now()}@lier.test`, name: 'Bart Peeters', organisationId: orgs.lier.id })).body.invitation.id } }),
    deactivateUser: async () => ({ params: { id: (await freshMember()).id } }),
    reactivateUser: async () => {
      const user = await freshMember();
      await call(programme, 'post', `/api/users/${user.id}/deactivate`);
      return { params: { id: user.id } };
    },
    exportPersonalData: async () => ({ params: { id: members.geel.id } }),
    erasePersonalData: async () => ({ params: { id: (await freshMember()).id } }),
    getCluster: async () => ({ params: { id: clusterId } }),
    setClusterLabel: async () => ({ params: { id: clusterId } }),
    undoClusterLabel: async () => {
      await call(programme, 'put', `/api/clusters/${clusterId}/label`, { label: 'Afspraken aan het loket' });
      return { params: { id: clusterId } };
    },
    introduceCluster: async () => ({ params: { id: clusterId } }),
    getCall: async () => ({ params: { id: await freshCall() } }),
    updateCall: async () => ({ params: { id: await freshCall() } }),
    getPartnership: async () => ({ params: { id: await freshPartnership() } }),
    openPartnership: async () => ({ body: { ideaId: await freshIdea() } }),
    updatePartnership: async () => ({ params: { id: await freshPartnership() } }),
    partnershipSuggestions: async () => ({ params: { id: await freshPartnership() } }),
    invitePartner: async () => ({ params: { id: await freshPartnership() }, body: { organisationId: orgs.geel.id } }),
    acceptPartnershipInvitation: async () => ({ params: { id: await freshPartnership(['invite']), organisationId: orgs.geel.id }, by: members.geel }),
    declinePartnershipInvitation: async () => ({ params: { id: await freshPartnership(['invite']), organisationId: orgs.geel.id }, by: members.geel }),
    requestToJoinPartnership: async () => ({ params: { id: await freshPartnership() }, by: members.mol }),
    acceptPartnershipJoinRequest: async () => ({ params: { id: await freshPartnership(['request']), organisationId: orgs.mol.id } }),
    declinePartnershipJoinRequest: async () => ({ params: { id: await freshPartnership(['request']), organisationId: orgs.mol.id } }),
    offerPartnershipLead: async () => ({ params: { id: await freshPartnership(['invite', 'accept']) }, body: { organisationId: orgs.geel.id } }),
    acceptPartnershipLead: async () => ({ params: { id: await freshPartnership(['invite', 'accept', 'offer']) }, by: members.geel }),
    declinePartnershipLead: async () => ({ params: { id: await freshPartnership(['invite', 'accept', 'offer']) }, by: members.geel }),
    withdrawPartnershipLeadOffer: async () => ({ params: { id: await freshPartnership(['invite', 'accept', 'offer']) } }),
    leavePartnership: async () => ({ params: { id: await freshPartnership(['invite', 'accept']) }, by: members.geel }),
    setPartnershipStatus: async () => ({ params: { id: await freshPartnership(['invite', 'accept'], await openCallNow()) } }),
    getProject: async () => ({ params: { id: await freshProject(orgs.lier.id) } }),
    updateProject: async () => ({ params: { id: await freshProject(orgs.lier.id) } }),
    askToJoinProject: async () => ({ params: { id: await freshProject(orgs.geel.id) }, by: members.lier }),
    acceptProjectJoinRequest: async () => ({ params: { id: await askedToJoin(), organisationId: orgs.mol.id }, by: members.lier }),
    declineProjectJoinRequest: async () => ({ params: { id: await askedToJoin(), organisationId: orgs.mol.id }, by: members.lier }),
    listReferralCandidates: async () => ({ params: { id: (await decidedCallWithIdea()).callId } }),
    refer: async () => {
      const { callId, ideaId, projectId } = await decidedCallWithIdea();
      return { params: { id: callId }, body: { referrals: [{ subjectType: 'idea', subjectId: ideaId, projectId }] } };
    },
    requestCheckIn: async () => ({ body: { subject: { type: 'idea', id: await freshIdea() } } }),
    getCheckIn: async () => ({ params: { id: await freshCheckIn() } }),
    confirmCheckIn: async () => ({ params: { id: await freshCheckIn() } }),
    proposeCheckIn: async () => ({ params: { id: await freshCheckIn() } }),
    acceptCheckIn: async () => ({ params: { id: await proposedCheckIn() } }),
    askCheckInAgain: async () => ({ params: { id: await proposedCheckIn() } }),
    cancelCheckIn: async () => ({ params: { id: await freshCheckIn() } }),
    hideIdea: async () => ({ params: { id: await freshIdea() } }),
    unhideIdea: async () => {
      const id = await freshIdea();
      await call(programme, 'post', `/api/ideas/${id}/hide`, { reason: 'Even nakijken.' });
      return { params: { id } };
    },
  };

  before(async function () {
    this.timeout(60_000); // a small world: three towns with an idea each, clustered once, a dozen sign-ins and posts
    app = await startTestApp({ mailer: mail, env: { RECOMPUTE_DEBOUNCE_MS: '20', LIMIT_IDEAS_PER_HOUR: '500', LIMIT_WRITES_PER_MINUTE: '1000' } });
    for (const town of ['lier', 'geel', 'mol'] as const) {
      orgs[town] = await app.createOrganisation({ province: 'Limburg' });
      members[town] = await app.createMember(orgs[town].id);
      const c = await as(members[town]);
      const res = await c.agent.post('/api/ideas').set('X-CSRF-Token', c.csrf).send({ ...TEXTS[town], theme: 'services' });
      expect(res.status).to.equal(201);
      ideaIds[town] = res.body.id as string;
    }
    await app.createMember(orgs.geel.id, { email: SIGN_IN_EXAMPLE.email });
    programme = await app.createProgramme();
    // So that the list and search examples find something to answer with.
    await call(members.geel, 'post', '/api/ideas', operation('createIdea').body!.example);
    await call(members.mol, 'post', `/api/ideas/${ideaIds.lier}/endorsements`, { message: 'Dit willen wij ook.' });
    await call(programme, 'post', '/api/invitations', { email: 'wachtend@lier.test', name: 'Wachtende Genodigde', organisationId: orgs.lier.id });
    await app.services.matching.recomputeNow();
    const cluster = app.services.matching.clusterOf(ideaIds.lier);
    if (!cluster) throw new Error("Lier's idea joined no cluster");
    clusterId = cluster.id;
  });
  after(() => app?.close());

  /** The role's default sender: members and any signed-in user as a member of Lier, or the programme team. */
  const senderFor = (op: ApiOperation): User | undefined =>
    op.role === 'programme' ? programme : op.role ? members.lier : undefined;

  async function send(op: ApiOperation, prepared: Prepared & { by?: User }, opts: { visitor?: boolean } = {}) {
    const params = { ...op.example?.params, ...prepared.params };
    const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(params[name] ?? 'geen-id')));
    const user = opts.visitor ? undefined : prepared.by ?? senderFor(op);
    const caller = user ? await as(user) : { agent: request.agent(app.baseUrl), csrf: '' };
    let req = caller.agent[op.method](path).query(op.example?.query ?? {});
    if (caller.csrf && op.method !== 'get') req = req.set('X-CSRF-Token', caller.csrf);
    if (op.body && !opts.visitor) req = req.send({ ...(op.body.example as object), ...prepared.body });
    return req;
  }

  describe('the examples', () => {
    for (const op of apiOperations) {
      it(`${op.operationId}: when its examples are checked, then every body, path and query example is valid`, () => {
        if (op.body) expect(op.body.schema.safeParse(op.body.example).success, 'body example').to.equal(true);
        if (op.query) {
          expect(op.example?.query, 'a query example').to.be.an('object');
          expect(op.query.safeParse(op.example!.query).success, 'query example').to.equal(true);
        }
        if (op.params) {
          const examples = Object.fromEntries(Object.entries(op.params.shape as Record<string, ZodTypeAny>).map(([name, s]) => [name, op.example?.params?.[name] ?? (s._def as { openapi?: { metadata?: { example?: unknown } } }).openapi?.metadata?.example]));
          expect(op.params.safeParse(examples).success, `path examples ${JSON.stringify(examples)}`).to.equal(true);
        }
      });
    }
  });

  describe('the answers', () => {
    for (const op of apiOperations) {
      it(`${op.operationId}: when ${op.method.toUpperCase()} ${op.path} is sent its example${op.role ? ` as ${op.role === 'programme' ? 'the programme team' : 'a member'}` : ''}, then ${op.answer.status} as documented`, async () => {
        const res = await send(op, await (prepare[op.operationId] ?? (async () => ({})))());
        expect(res.status, JSON.stringify(res.body).slice(0, 400)).to.equal(op.answer.status);
        if (op.answer.contentType) expect(res.headers['content-type']).to.match(new RegExp(`^${op.answer.contentType}`));
        if (op.answer.schema) expectMatches(op.answer.schema, res.body, `${op.operationId} ${op.answer.status}`);
        else if (!op.answer.contentType) expect(res.text ?? '').to.equal('');
      });
    }
  });

  describe('the errors', () => {
    for (const op of apiOperations) {
      it(`${op.operationId}: when a visitor sends it without a body or real ids, then the answer is one it documents, errors in the Error envelope`, async () => {
        const res = await send(op, {}, { visitor: true });
        const documented = [op.answer.status, ...(op.also ?? []).map((a) => a.status), ...op.errors.map((e) => ERROR_RESPONSES[e].status)];
        expect(documented, `${res.status} ${JSON.stringify(res.body).slice(0, 300)}`).to.include(res.status);
        if (res.status >= 400) expectMatches(ErrorBody, res.body, `${op.operationId} ${res.status}`);
      });
    }
  });
});
