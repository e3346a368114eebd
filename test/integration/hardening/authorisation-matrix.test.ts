/**
 * The authorisation matrix (issue 15): every mounted route (read from Express's router, checked
 * against the OpenAPI document) × every role, with the expected answer in one table below.
 *
 *   ok    the request got past authorisation: 2xx, a redirect that is not to /signin, or 400/409
 *         (the input or the state was refused, not the person)
 *   auth  sign in first: 401, or a page's 303 to /signin
 *   deny  403 (not yours, not your role) or 404 (not visible to you, or an unknown one-time token)
 *
 * Columns: a visitor; a member of the organisation that owns the idea (owner); a member of another
 * organisation (other); the programme team. Two more roles are checked against the visitor's column:
 * a deactivated member and a member whose session was signed out may never get 'ok' where a visitor
 * does not ("no wrong allow"). Every request carries a valid CSRF token for its session, so the table
 * is about who may act, not about CSRF (tested in signin-csrf.test.ts). Ideas, users and invitations a
 * request could change are made fresh for each request.
 */
import { expect } from 'chai';
import request, { type Agent } from 'supertest';
import { actorOf } from '../../../server/domain/actor.js';
import type { User } from '../../../server/store/store.js';
import { clusterWorld, type ClusterWorld } from '../../support/cluster-fixture.js';
import { makeCall, makeUser } from '../../support/factories.js';
import { toBrusselsIso } from '../../../server/domain/check-in-times.js';
import { csrfFrom, signIn } from '../../support/start-test-app.js';

type Outcome = 'ok' | 'auth' | 'deny';
type Row = `${Outcome} ${Outcome} ${Outcome} ${Outcome}`;

//  route                                             visitor owner other programme
const MATRIX: Record<string, Row> = {
  'GET /healthz':                                     'ok ok ok ok',
  'GET /lang/:locale':                                'ok ok ok ok',
  'GET /':                                            'ok ok ok ok',
  'GET /help':                                        'ok ok ok ok',
  'GET /contact':                                     'ok ok ok ok',
  'GET /privacy':                                     'ok ok ok ok',
  'GET /cookies':                                     'ok ok ok ok',
  'GET /accessibility':                               'ok ok ok ok',
  'GET /signin':                                      'ok ok ok ok',
  'POST /signin':                                     'ok ok ok ok',
  'POST /signout':                                    'ok ok ok ok',
  'GET /invitations/:token':                          'deny deny deny deny',
  'POST /invitations/:token':                         'deny deny deny deny',
  'GET /account/password':                            'auth ok ok ok',
  'POST /account/password':                           'auth ok ok ok',
  'GET /account':                                     'auth ok ok ok',
  'POST /account/profile':                            'auth ok ok ok',
  'POST /account/notifications':                      'auth ok ok ok',
  'GET /mail/unsubscribe/:token':                     'deny deny deny deny',
  'POST /mail/unsubscribe/:token':                    'deny deny deny deny',
  'GET /admin/users/:id/personal-data':               'auth deny deny ok',
  'GET /admin/users/:id/personal-data.json':          'auth deny deny ok',
  'POST /admin/users/:id/erase':                      'auth deny deny ok',
  'GET /api/users/:id/personal-data':                 'auth deny deny ok',
  'DELETE /api/users/:id/personal-data':              'auth deny deny ok',
  'GET /password/forgot':                             'ok ok ok ok',
  'POST /password/forgot':                            'ok ok ok ok',
  'GET /password/reset/:token':                       'deny deny deny deny',
  'POST /password/reset/:token':                      'deny deny deny deny',
  'GET /admin/invitations':                           'auth deny deny ok',
  'POST /admin/invitations':                          'auth deny deny ok',
  'POST /admin/invitations/:id/resend':               'auth deny deny ok',
  'GET /admin/invitations/:id/revoke':                'auth deny deny ok',
  'POST /admin/invitations/:id/revoke':               'auth deny deny ok',
  'GET /admin/users':                                 'auth deny deny ok',
  'GET /admin/users/:id/deactivate':                  'auth deny deny ok',
  'POST /admin/users/:id/deactivate':                 'auth deny deny ok',
  'POST /admin/users/:id/reactivate':                 'auth deny deny ok',
  'GET /ideas':                                       'ok ok ok ok',
  'GET /ideas/new':                                   'auth ok ok deny',
  'POST /ideas/new':                                  'auth ok ok deny',
  'GET /ideas/:id':                                   'ok ok ok ok',
  'GET /ideas/:id/edit':                              'auth ok deny ok',
  'POST /ideas/:id/edit':                             'auth ok deny ok',
  'POST /ideas/:id/withdraw':                         'auth ok deny ok',
  'POST /ideas/:id/reopen':                           'auth ok deny ok',
  'POST /ideas/:id/endorse':                          'auth deny ok deny',
  'GET /ideas/:id/unendorse':                         'auth ok ok deny',
  'POST /ideas/:id/unendorse':                        'auth ok ok deny',
  'GET /my-organisation':                             'auth ok ok deny',
  'GET /organisations':                               'ok ok ok ok',
  'GET /organisations/:id':                           'ok ok ok ok',
  'GET /notifications':                               'auth ok ok ok',
  'POST /notifications/read':                         'auth ok ok ok',
  'GET /settings/notifications':                      'auth ok ok ok',
  'POST /settings/notifications':                     'auth ok ok ok',
  'GET /board':                                       'auth deny deny ok',
  'GET /api/board':                                   'auth deny deny ok',
  'GET /api/board/events':                            'auth deny deny ok',
  'GET /clusters':                                    'ok ok ok ok',
  'GET /clusters/:id':                                'ok ok ok ok',
  'POST /clusters/:id/label':                         'auth deny deny ok',
  'POST /clusters/:id/label/reset':                   'auth deny deny ok',
  'POST /clusters/:id/label/undo':                    'auth deny deny ok',
  'GET /clusters/:id/introduce':                      'auth deny deny ok',
  'POST /clusters/:id/introduce':                     'auth deny deny ok',
  'POST /ideas/:id/hide':                             'auth deny deny ok',
  'POST /ideas/:id/unhide':                           'auth deny deny ok',
  'GET /admin/audit':                                 'auth deny deny ok',
  'GET /admin/exports':                               'auth deny deny ok',
  'POST /api/session':                                'ok ok ok ok',
  'GET /api/session':                                 'ok ok ok ok',
  'DELETE /api/session':                              'ok ok ok ok',
  'POST /api/account/password':                       'auth ok ok ok',
  'POST /api/password/forgot':                        'ok ok ok ok',
  'POST /api/password/reset':                         'deny deny deny deny',
  'GET /api/invitations':                             'auth deny deny ok',
  'POST /api/invitations':                            'auth deny deny ok',
  'POST /api/invitations/:id/resend':                 'auth deny deny ok',
  'POST /api/invitations/:id/revoke':                 'auth deny deny ok',
  'GET /api/users':                                   'auth deny deny ok',
  'POST /api/users/:id/deactivate':                   'auth deny deny ok',
  'POST /api/users/:id/reactivate':                   'auth deny deny ok',
  'GET /api/organisations':                           'ok ok ok ok',
  'GET /api/ideas/:id/endorsements':                  'ok ok ok ok',
  'GET /api/my-organisation':                         'auth ok ok deny',
  'GET /api/ideas':                                   'ok ok ok ok',
  'POST /api/ideas':                                  'auth ok ok deny',
  'POST /api/ideas/similar':                          'auth ok ok ok',
  'GET /api/ideas/:id/similar':                       'ok ok ok ok',
  'GET /api/ideas/:id':                               'ok ok ok ok',
  'PATCH /api/ideas/:id':                             'auth ok deny ok',
  'DELETE /api/ideas/:id':                            'auth ok deny ok',
  'POST /api/ideas/:id/reopen':                       'auth ok deny ok',
  'POST /api/ideas/:id/endorsements':                 'auth deny ok deny',
  'DELETE /api/ideas/:id/endorsements/mine':          'auth ok ok deny',
  'GET /api/notifications':                           'auth ok ok ok',
  'POST /api/notifications/read':                     'auth ok ok ok',
  'GET /api/settings/notifications':                  'auth ok ok ok',
  'PUT /api/settings/notifications':                  'auth ok ok ok',
  'GET /api/clusters':                                'ok ok ok ok',
  'GET /api/clusters/:id':                            'ok ok ok ok',
  'PUT /api/clusters/:id/label':                      'auth deny deny ok',
  'POST /api/clusters/:id/label/undo':                'auth deny deny ok',
  'POST /api/clusters/:id/introductions':             'auth deny deny ok',
  'POST /api/ideas/:id/hide':                         'auth deny deny ok',
  'POST /api/ideas/:id/unhide':                       'auth deny deny ok',
  'GET /api/audit':                                   'auth deny deny ok',
  'GET /api/exports/:dataset.:format':                'auth deny deny ok',
  'GET /calls':                                       'ok ok ok ok',
  'GET /calls/:id':                                   'ok ok ok ok',
  'GET /admin/calls/new':                             'auth deny deny ok',
  'POST /admin/calls/new':                            'auth deny deny ok',
  'GET /calls/:id/edit':                              'auth deny deny ok',
  'POST /calls/:id/edit':                             'auth deny deny ok',
  'GET /api/calls':                                   'ok ok ok ok',
  'GET /api/calls/:id':                               'ok ok ok ok',
  'POST /api/calls':                                  'auth deny deny ok',
  'PATCH /api/calls/:id':                             'auth deny deny ok',
  'GET /calls/:id/referrals':                         'auth deny deny ok',
  'POST /calls/:id/referrals':                        'auth deny deny ok',
  'GET /api/calls/:id/referrals':                     'auth deny deny ok',
  'POST /api/calls/:id/referrals':                    'auth deny deny ok',
  'GET /partnerships':                              'ok ok ok ok',
  'GET /partnerships/:id':                          'ok ok ok ok',
  'POST /ideas/:id/partnership':                    'auth ok deny deny',
  'POST /partnerships/:id/edit':                    'auth ok deny deny',
  'POST /partnerships/:id/invite':                  'auth ok deny deny',
  'POST /partnerships/:id/join':                    'auth ok ok deny',
  'POST /partnerships/:id/leave':                   'auth ok ok deny',
  'POST /partnerships/:id/status':                  'auth ok deny deny',
  'POST /partnerships/:id/lead':                    'auth ok deny deny',
  'POST /partnerships/:id/lead/withdraw':           'auth ok deny deny',
  'POST /partnerships/:id/invitations/:organisationId/accept': 'auth deny ok deny',
  'POST /partnerships/:id/invitations/:organisationId/decline': 'auth deny ok deny',
  'POST /partnerships/:id/join-requests/:organisationId/accept': 'auth ok deny deny',
  'POST /partnerships/:id/join-requests/:organisationId/decline': 'auth ok deny deny',
  'POST /partnerships/:id/lead/accept':             'auth deny ok deny',
  'POST /partnerships/:id/lead/decline':            'auth deny ok deny',
  'GET /api/partnerships':                          'ok ok ok ok',
  'GET /api/partnerships/:id':                      'ok ok ok ok',
  'POST /api/partnerships':                         'auth ok deny deny',
  'PATCH /api/partnerships/:id':                    'auth ok deny deny',
  'GET /api/partnerships/:id/suggestions':          'auth ok deny deny',
  'POST /api/partnerships/:id/invitations':         'auth ok deny deny',
  'POST /api/partnerships/:id/invitations/:organisationId/accept': 'auth deny ok deny',
  'POST /api/partnerships/:id/invitations/:organisationId/decline': 'auth deny ok deny',
  'POST /api/partnerships/:id/join-requests':       'auth ok ok deny',
  'POST /api/partnerships/:id/join-requests/:organisationId/accept': 'auth ok deny deny',
  'POST /api/partnerships/:id/join-requests/:organisationId/decline': 'auth ok deny deny',
  'POST /api/partnerships/:id/lead':                'auth ok deny deny',
  'POST /api/partnerships/:id/lead/accept':         'auth deny ok deny',
  'POST /api/partnerships/:id/lead/decline':        'auth deny ok deny',
  'POST /api/partnerships/:id/lead/withdraw':       'auth ok deny deny',
  'POST /api/partnerships/:id/leave':               'auth ok ok deny',
  'POST /api/partnerships/:id/status':              'auth ok deny deny',
  'GET /projects':                                    'ok ok ok ok',
  'GET /projects/:id':                                'ok ok ok ok',
  'GET /admin/projects/new':                          'auth deny deny ok',
  'POST /admin/projects/new':                         'auth deny deny ok',
  'GET /projects/:id/edit':                           'auth deny deny ok',
  'POST /projects/:id/edit':                          'auth deny deny ok',
  'POST /projects/:id/join':                          'auth deny ok deny',
  'POST /projects/:id/join-requests/:organisationId/accept':  'auth ok deny ok',
  'POST /projects/:id/join-requests/:organisationId/decline': 'auth ok deny ok',
  'GET /api/projects':                                'ok ok ok ok',
  'GET /api/projects/:id':                            'ok ok ok ok',
  'POST /api/projects':                               'auth deny deny ok',
  'PATCH /api/projects/:id':                          'auth deny deny ok',
  'POST /api/projects/:id/join-requests':             'auth deny ok deny',
  'POST /api/projects/:id/join-requests/:organisationId/accept':  'auth ok deny ok',
  'POST /api/projects/:id/join-requests/:organisationId/decline': 'auth ok deny ok',
  'GET /api/openapi.json':                            'ok ok ok ok',
  'GET /api/docs':                                    'ok ok ok ok',
  'GET /check-ins':                                   'auth ok ok ok',
  'GET /check-ins/new':                               'auth ok ok ok',
  'POST /check-ins':                                  'auth ok ok deny',
  'POST /check-ins/:id/confirm':                      'auth deny deny ok',
  'POST /check-ins/:id/propose':                      'auth deny deny ok',
  'POST /check-ins/:id/accept':                       'auth ok deny deny',
  'POST /check-ins/:id/ask-again':                    'auth ok deny deny',
  'POST /check-ins/:id/cancel':                       'auth ok deny ok',
  'GET /check-ins/:id.ics':                           'auth ok deny ok',
  'GET /api/check-ins':                               'auth ok ok ok',
  'POST /api/check-ins':                              'auth ok ok deny',
  'GET /api/check-ins/:id':                           'auth ok deny ok',
  'POST /api/check-ins/:id/confirm':                  'auth deny deny ok',
  'POST /api/check-ins/:id/propose':                  'auth deny deny ok',
  'POST /api/check-ins/:id/accept':                   'auth ok deny deny',
  'POST /api/check-ins/:id/ask-again':                'auth ok deny deny',
  'POST /api/check-ins/:id/cancel':                   'auth ok deny ok',
};

const ROLES = ['visitor', 'owner', 'other', 'programme'] as const;
type Role = (typeof ROLES)[number] | 'deactivated' | 'ended';

interface Layer { route?: { path: string | string[]; methods: Record<string, boolean> }; handle?: { stack?: Layer[] } }
function mountedRoutes(stack: Layer[]): string[] {
  return [...new Set(stack.flatMap((layer): string[] => {
    if (layer.route) {
      const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
      return paths.flatMap((p) => Object.keys(layer.route!.methods).filter((m) => m !== '_all').map((m) => `${m.toUpperCase()} ${p}`));
    }
    return layer.handle?.stack ? mountedRoutes(layer.handle.stack) : [];
  }))];
}

function outcome(res: request.Response): Outcome | `unexpected ${number}` {
  if (res.status === 401 || (res.status === 303 && String(res.headers.location).startsWith('/signin'))) return 'auth';
  if (res.status === 403 || res.status === 404) return 'deny';
  if (res.status < 400 || res.status === 400 || res.status === 409) return 'ok';
  return `unexpected ${res.status}`;
}

describe('hardening: the authorisation matrix, every route × every role', () => {
  let w: ClusterWorld;
  const agents = new Map<Role, { agent: Agent; csrf: string; user?: User }>();
  let n = 0;

  async function signedIn(role: Role, user: User): Promise<void> {
    const agent = request.agent(w.app.baseUrl);
    agents.set(role, { agent, csrf: await signIn(agent, user.email), user });
  }
  async function visitor(role: Role): Promise<void> {
    const agent = request.agent(w.app.baseUrl);
    agents.set(role, { agent, csrf: csrfFrom((await agent.get('/signin')).text) });
  }

  before(async function () {
    this.timeout(120_000);
    w = await clusterWorld({ SIGNIN_MAX_FAILURES: '1000', SIGNIN_MAX_FAILURES_PER_ADDRESS: '1000', SIGNIN_MAX_FAILURES_PER_ACCOUNT: '1000', LIMIT_IDEAS_PER_HOUR: '1000', LIMIT_ENDORSEMENTS_PER_HOUR: '1000', LIMIT_WRITES_PER_MINUTE: '1000' });
    await visitor('visitor');
    await signedIn('owner', w.users.lier);
    await signedIn('other', w.users.geel);
    await signedIn('programme', w.programme);
    const gone = await w.app.createMember(w.orgs.lier.id);
    await signedIn('deactivated', gone);
    await w.app.store.setUserActive(gone.id, false, new Date().toISOString());
    const ended = await w.app.createMember(w.orgs.lier.id);
    await signedIn('ended', ended);
    await agents.get('ended')!.agent.delete('/api/session').set('X-CSRF-Token', agents.get('ended')!.csrf).expect(204);
  });
  after(() => w?.app.close());

  let lastIdeaId = '';
  const freshIdeaOfLier = async (): Promise<string> =>
    (await w.app.services.ideas.create(actorOf(w.users.lier), { title: `Partnerschap-idee nummer ${n}`, description: 'Een idee om de toegangsregels van partnerschappen mee na te gaan.', theme: 'services', contact: { name: 'Jan Peeters', email: 'jan@lier.test' } })).id;

  /** The path with its parameters filled: a fresh idea of the owner's organisation, a fresh user or invitation where the request could change it. */
  async function fill(route: string): Promise<string> {
    const [, path] = route.split(' ') as [string, string];
    n++;
    let out = path.replace(':token', 'geen-geldige-token').replace(':locale', 'en').replace(':dataset.:format', 'ideas.csv');
    if (/\/ideas\/:id/.test(out)) {
      const idea = await w.app.services.ideas.create(actorOf(w.users.lier), { title: `Matrix-idee nummer ${n}`, description: 'Een idee om de toegangsregels mee na te gaan.', theme: 'services', contact: { name: 'Jan Peeters', email: 'jan@lier.test' } });
      out = out.replace(':id', idea.id);
    }
    if (out.startsWith('/clusters/:id') || out.startsWith('/api/clusters/:id')) out = out.replace(':id', String(w.clusterId));
    if (/\/calls\/:id/.test(out)) {
      const call = makeCall();
      await w.app.store.createCall(call);
      out = out.replace(':id', call.id);
    }
    if (/\/projects\/:id/.test(out)) {
      // A project led by the owner's local government; where an answer is asked, the other's open request to join it.
      const project = await w.app.services.projects.create(actorOf(w.programme), { title: `Matrix-project ${n}`, theme: 'services', type: 'concept', leadOrganisationId: w.orgs.lier.id });
      out = out.replace(':id', project.id);
      if (out.includes(':organisationId')) {
        await w.app.services.projects.requestToJoin(actorOf(w.users.geel), project.id, {});
        out = out.replace(':organisationId', w.orgs.geel.id);
      }
    }
    if (/\/check-ins\/:id/.test(out)) {
      // A fresh check-in of the owner's local government, requested about a fresh idea of its own.
      const idea = await w.app.services.ideas.create(actorOf(w.users.lier), { title: `Matrix-check-in nummer ${n}`, description: 'Een idee om de toegangsregels mee na te gaan.', theme: 'services', contact: { name: 'Jan Peeters', email: 'jan@lier.test' } });
      const checkIn = await w.app.services.checkIns.request(actorOf(w.users.lier), { subject: { type: 'idea', id: idea.id }, moments: [toBrusselsIso(new Date(Date.now() + 7 * 86_400_000))] });
      out = out.replace(':id', checkIn.id);
    }
    if (out.startsWith('/organisations/:id')) out = out.replace(':id', w.orgs.lier.id);
    if (route === 'POST /api/partnerships') lastIdeaId = await freshIdeaOfLier();
    if (/partnerships\/:id/.test(out)) {
      // Lier's partnership, in the state the step needs: Geel invited, asking, a partner, or offered the lead role.
      const p = w.app.services.partnerships;
      const lier = actorOf(w.users.lier);
      const geel = actorOf(w.users.geel);
      const { id } = await p.open(lier, { ideaId: await freshIdeaOfLier() });
      const needs = route.includes('/invitations/:organisationId') ? ['invite'] : route.includes('/join-requests/:organisationId') ? ['request']
        : /\/lead\/(accept|decline|withdraw)$/.test(route) ? ['invite', 'accept', 'offer'] : /\/(lead|leave)$/.test(route) ? ['invite', 'accept'] : [];
      if (needs.includes('invite')) await p.invite(lier, id, { organisationId: w.orgs.geel.id });
      if (needs.includes('accept')) await p.answerInvitation(geel, id, w.orgs.geel.id, true);
      if (needs.includes('request')) await p.requestJoin(geel, id);
      if (needs.includes('offer')) await p.offerLead(lier, id, { organisationId: w.orgs.geel.id });
      out = out.replace(':id', id).replace(':organisationId', w.orgs.geel.id);
    }
    if (/users\/:id/.test(out)) {
      const user = makeUser(w.orgs.herk.id, { passwordHash: null });
      await w.app.store.createUser(user);
      out = out.replace(':id', user.id);
    }
    if (/invitations\/:id/.test(out)) {
      const { invitation } = await w.app.services.accounts.invite(actorOf(w.programme), { name: 'Matrix Persoon', email: `matrix${n}@herk.test`, organisationId: w.orgs.herk.id });
      out = out.replace(':id', invitation.id);
    }
    return out;
  }

  function bodyFor(route: string): Record<string, unknown> {
    const idea = { title: `Een matrix-idee ${n}`, description: 'Een idee om de toegangsregels mee na te gaan.', theme: 'services' };
    const bodies: Record<string, Record<string, unknown>> = {
      'POST /api/ideas': idea,
      'POST /ideas/new': { ...idea, contactName: 'Jan Peeters', contactEmail: 'jan@lier.test' },
      'PATCH /api/ideas/:id': { title: `Een nieuwe titel ${n}` },
      'POST /ideas/:id/edit': { ...idea, contactName: 'Jan Peeters', contactEmail: 'jan@lier.test' },
      'POST /ideas/:id/hide': { reason: 'Matrix' }, 'POST /api/ideas/:id/hide': { reason: 'Matrix' },
      'POST /clusters/:id/label': { label: 'Matrix' }, 'PUT /api/clusters/:id/label': { label: 'Matrix' },
      'POST /admin/invitations': { name: 'Matrix Persoon', email: `matrix-new${n}@herk.test`, role: 'member', organisationId: w.orgs.herk.id },
      'POST /api/invitations': { name: 'Matrix Persoon', email: `matrix-new${n}@herk.test`, organisationId: w.orgs.herk.id },
      'POST /settings/notifications': { clusterJoined: 'daily' }, 'PUT /api/settings/notifications': { clusterJoined: 'daily' },
      'POST /notifications/read': { all: 'true' }, 'POST /api/notifications/read': { all: true },
      'POST /account/password': { currentPassword: 'niet het wachtwoord', password: 'een lange zin als nieuw wachtwoord' },
      'POST /api/account/password': { currentPassword: 'niet het wachtwoord', password: 'een lange zin als nieuw wachtwoord' },
      'POST /password/forgot': { email: `niemand${n}@matrix.test` }, 'POST /api/password/forgot': { email: `niemand${n}@matrix.test` },
      'POST /api/password/reset': { token: 'geen-geldige-token', password: 'een lange zin als nieuw wachtwoord' },
      'POST /password/reset/:token': { password: 'een lange zin als nieuw wachtwoord' },
      'POST /account/profile': { name: '', locale: 'nl' }, // refused as input (400): the matrix is about who may, and names stay
      'POST /account/notifications': { endorsed: 'app' },
      'POST /admin/users/:id/erase': { confirm: 'yes' },
      'POST /api/calls': { number: 1000 + n, name: `Oproep ${1000 + n} – matrix`, type: 'concept', closesAt: '2027-03-31T23:59:59+02:00' },
      'POST /admin/calls/new': { number: String(2000 + n), name: `Oproep ${2000 + n} – matrix`, type: 'concept', closesAt: '2027-03-31' },
      'PATCH /api/calls/:id': { name: `Oproep matrix ${n}` },
      'POST /calls/:id/edit': { name: `Oproep matrix ${n}`, type: 'concept', closesAt: '2027-03-31' },
      'POST /api/partnerships': { ideaId: lastIdeaId },
      'PATCH /api/partnerships/:id': { title: `Een partnerschap ${n}` },
      'POST /api/partnerships/:id/invitations': { organisationId: w.orgs.geel.id }, 'POST /partnerships/:id/invite': { organisationId: w.orgs.geel.id },
      'POST /api/partnerships/:id/lead': { organisationId: w.orgs.geel.id }, 'POST /partnerships/:id/lead': { organisationId: w.orgs.geel.id },
      'POST /api/partnerships/:id/status': { status: 'submitted' }, 'POST /partnerships/:id/status': { status: 'submitted' },
      'POST /api/projects': { title: `Matrix-project ${n}`, theme: 'services', type: 'concept', leadName: 'Stad Matrix' },
      'POST /admin/projects/new': { title: `Matrix-project ${n}`, theme: 'services', type: 'concept', status: 'funded', leadName: 'Stad Matrix' },
      'PATCH /api/projects/:id': { status: 'running' },
      'POST /projects/:id/edit': { title: `Matrix-project ${n}`, theme: 'services', type: 'concept', status: 'running', leadOrganisationId: w.orgs.lier.id },
      'POST /api/ideas/similar': { title: 'Afspraken aan het loket', description: 'Een online agenda voor afspraken.' },
    };
    return bodies[route] ?? {};
  }

  async function send(role: Role, route: string): Promise<request.Response> {
    const [method] = route.split(' ') as [string, string];
    const { agent, csrf } = agents.get(role)!;
    const path = await fill(route);
    const req = agent[method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](path).set('X-CSRF-Token', csrf);
    if (method === 'GET' || method === 'DELETE') return req;
    return path.startsWith('/api/') ? req.send(bodyFor(route)) : req.type('form').send(bodyFor(route) as Record<string, string>);
  }

  const signsOut = (route: string) => route === 'POST /signout' || route === 'DELETE /api/session';

  it('when the mounted routes and the OpenAPI document are read, every route has its row in the table', async () => {
    const mounted = mountedRoutes((w.app.handle.app as unknown as { router: { stack: Layer[] } }).router.stack);
    const doc = (await request(w.app.baseUrl).get('/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`));
    expect(mounted.filter((r) => !(r in MATRIX)), 'mounted, not in the matrix').to.deep.equal([]);
    expect(documented.filter((r) => !(r in MATRIX)), 'documented, not in the matrix').to.deep.equal([]);
    expect(Object.keys(MATRIX).filter((r) => !mounted.includes(r)), 'in the matrix, not mounted').to.deep.equal([]);
  });

  it('when every role calls every route, each answer is the one in the table, and no deactivated or signed-out user is let in where a visitor is not', async function () {
    this.timeout(600_000);
    const wrong: string[] = [];
    for (const [route, row] of Object.entries(MATRIX)) {
      const expected = row.split(' ') as Outcome[];
      for (const [i, role] of ROLES.entries()) {
        const res = await send(role, route);
        const got = outcome(res);
        if (got !== expected[i]) wrong.push(`${route} as ${role}: expected ${expected[i]}, got ${got} (${res.status})`);
        if (signsOut(route)) await (role === 'visitor' ? visitor(role) : signedIn(role, role === 'programme' ? w.programme : role === 'owner' ? w.users.lier : w.users.geel));
      }
      for (const role of ['deactivated', 'ended'] as const) {
        if (signsOut(route)) continue;
        const got = outcome(await send(role, route));
        if (got === 'ok' && expected[0] !== 'ok') wrong.push(`${route} as ${role}: let in (a visitor gets ${expected[0]})`);
        if (got.startsWith('unexpected')) wrong.push(`${route} as ${role}: ${got}`);
      }
    }
    expect(wrong).to.deep.equal([]);
  });
});
