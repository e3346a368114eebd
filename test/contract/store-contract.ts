/**
 * The store contract: one suite every adapter of `server/store/store.ts` must pass.
 *
 *   runStoreContract({ name: 'SQLite', create: async () => createSqliteStore({ file: freshFile() }) });
 *
 * `create` must return a new, empty store on every call; the suite calls `init()` and `close()` itself.
 * Ordering rules pinned here: ideas and invitations newest first, ties broken by id descending;
 * organisations by name. A search with nothing searchable in it (only punctuation) is ignored, like an
 * empty one.
 */
import { expect } from 'chai';
import {
  StoreConflictError,
  StoreVersionError,
  type Idea,
  type Organisation,
  type Store,
  type User,
} from '../../server/store/store.js';
import { T0, at, makeIdea, makeInvitation, makeOrganisation, makeUser } from '../support/factories.js';

export interface StoreContractOptions {
  name: string;
  create: () => Promise<Store>;
}

export function runStoreContract({ name, create }: StoreContractOptions): void {
  describe(`store contract: ${name}`, () => {
    let store: Store;

    beforeEach(async () => {
      store = await create();
      await store.init();
    });

    afterEach(async () => {
      await store.close();
    });

    /** An organisation with one member, both stored. */
    async function orgWithMember(over: Partial<Organisation> = {}): Promise<{ org: Organisation; user: User }> {
      const org = makeOrganisation(over);
      await store.upsertOrganisations([org]);
      const user = makeUser(org.id);
      await store.createUser(user);
      return { org, user };
    }

    async function storeIdeas(ideas: Idea[]): Promise<Idea[]> {
      for (const idea of ideas) await store.createIdea(idea);
      return ideas;
    }

    const ids = (ideas: Idea[]): string[] => ideas.map((i) => i.id);

    describe('lifecycle', () => {
      it('when initialised, then ping answers true', async () => {
        expect(await store.ping()).to.equal(true);
      });

      it('when init is called again, then it succeeds and keeps the data', async () => {
        const { org } = await orgWithMember();
        await store.init();
        expect(await store.getOrganisation(org.id)).to.deep.equal(org);
      });
    });

    describe('organisations', () => {
      it('when organisations are upserted, then each can be read back as put in', async () => {
        const a = makeOrganisation({ province: null, arrondissement: null });
        const b = makeOrganisation({ kind: 'ocmw' });
        expect(await store.upsertOrganisations([a, b])).to.equal(2);
        expect(await store.getOrganisation(a.id)).to.deep.equal(a);
        expect(await store.getOrganisation(b.id)).to.deep.equal(b);
      });

      it('when an id is unknown, then getOrganisation answers null', async () => {
        expect(await store.getOrganisation('no-such-id')).to.equal(null);
      });

      it('when the same organisations are upserted twice, then the second call adds 0', async () => {
        const orgs = [makeOrganisation(), makeOrganisation()];
        expect(await store.upsertOrganisations(orgs)).to.equal(2);
        expect(await store.upsertOrganisations(orgs)).to.equal(0);
        expect(await store.listOrganisations()).to.have.length(2);
      });

      it('when an organisation with the same country, kind and code but another id comes in, then it is not added and the first stays', async () => {
        const first = makeOrganisation({ code: '11002', name: 'Antwerpen' });
        await store.upsertOrganisations([first]);
        const twin = makeOrganisation({ code: '11002', name: 'Andere naam' });
        expect(await store.upsertOrganisations([twin])).to.equal(0);
        expect(await store.getOrganisation(twin.id)).to.equal(null);
        expect(await store.getOrganisation(first.id)).to.deep.equal(first);
      });

      it('when the code is the same but the kind or country differs, then both are kept', async () => {
        const a = makeOrganisation({ code: '12345' });
        const b = makeOrganisation({ code: '12345', kind: 'ocmw' });
        const c = makeOrganisation({ code: '12345', country: 'NL' });
        expect(await store.upsertOrganisations([a, b, c])).to.equal(3);
      });

      it('when listing, then organisations come sorted by name and filter on province and kind', async () => {
        const zoersel = makeOrganisation({ name: 'Zoersel', province: 'Antwerpen' });
        const aalst = makeOrganisation({ name: 'Aalst', province: 'Oost-Vlaanderen' });
        const mol = makeOrganisation({ name: 'Mol', province: 'Antwerpen' });
        const ocmw = makeOrganisation({ name: 'OCMW Mol', province: 'Antwerpen', kind: 'ocmw' });
        await store.upsertOrganisations([zoersel, aalst, mol, ocmw]);
        expect((await store.listOrganisations()).map((o) => o.name)).to.deep.equal(['Aalst', 'Mol', 'OCMW Mol', 'Zoersel']);
        expect(await store.listOrganisations({ province: 'Antwerpen', kind: 'municipality' })).to.deep.equal([mol, zoersel]);
        expect(await store.listOrganisations({ kind: 'ocmw' })).to.deep.equal([ocmw]);
        expect(await store.listOrganisations({ province: 'Limburg' })).to.deep.equal([]);
      });
    });

    describe('users', () => {
      it('when a user is created, then getUser and getUserByEmail return it as put in', async () => {
        const org = makeOrganisation();
        await store.upsertOrganisations([org]);
        const user = makeUser(org.id, { phone: '+32 3 123 45 67', passwordHash: '$argon2id$x', locale: 'en' });
        await store.createUser(user);
        expect(await store.getUser(user.id)).to.deep.equal(user);
        expect(await store.getUserByEmail(user.email)).to.deep.equal(user);
      });

      it('when a programme-team user has no organisation, then it is stored with organisationId null', async () => {
        const admin = makeUser(null, { role: 'programme' });
        await store.createUser(admin);
        expect(await store.getUser(admin.id)).to.deep.equal(admin);
      });

      it('when looking up an e-mail in another case, then the user is found', async () => {
        const user = makeUser(null, { email: 'an.peeters@mol.be' });
        await store.createUser(user);
        expect(await store.getUserByEmail('An.Peeters@MOL.be')).to.deep.equal(user);
      });

      it('when an e-mail is taken in another case, then createUser throws StoreConflictError and adds nobody', async () => {
        await store.createUser(makeUser(null, { email: 'an.peeters@mol.be' }));
        const twin = makeUser(null, { email: 'AN.PEETERS@mol.be' });
        const err = await store.createUser(twin).then(() => null, (e: unknown) => e);
        expect(err).to.be.instanceOf(StoreConflictError);
        expect((err as StoreConflictError).what).to.equal('email');
        expect(await store.getUser(twin.id)).to.equal(null);
        expect(await store.countUsers()).to.equal(1);
      });

      it('when unknown, then getUser and getUserByEmail answer null', async () => {
        expect(await store.getUser('nobody')).to.equal(null);
        expect(await store.getUserByEmail('nobody@nowhere.test')).to.equal(null);
      });

      it('when a user is updated, then only the given fields and updatedAt change', async () => {
        const user = makeUser(null, { phone: '011 22 33 44' });
        await store.createUser(user);
        const updated = await store.updateUser(user.id, { name: 'Nieuwe Naam', active: false, phone: null }, at(60));
        const expected: User = { ...user, name: 'Nieuwe Naam', active: false, phone: null, updatedAt: at(60) };
        expect(updated).to.deep.equal(expected);
        expect(await store.getUser(user.id)).to.deep.equal(expected);
      });

      it('when passwordHash and locale are updated, then they are stored', async () => {
        const user = makeUser(null);
        await store.createUser(user);
        await store.updateUser(user.id, { passwordHash: 'hash', locale: 'en' }, at(1));
        expect(await store.getUser(user.id)).to.include({ passwordHash: 'hash', locale: 'en', updatedAt: at(1) });
      });

      it('when the patch is empty or its keys are undefined, then only updatedAt changes', async () => {
        const user = makeUser(null, { phone: '011 22 33 44' });
        await store.createUser(user);
        await store.updateUser(user.id, {}, at(1));
        await store.updateUser(user.id, { name: undefined, phone: undefined }, at(2));
        expect(await store.getUser(user.id)).to.deep.equal({ ...user, updatedAt: at(2) });
      });

      it('when the user does not exist, then updateUser answers null', async () => {
        expect(await store.updateUser('nobody', { name: 'X' }, T0)).to.equal(null);
      });

      it('when counting, then countUsers counts all or one role', async () => {
        const org = makeOrganisation();
        await store.upsertOrganisations([org]);
        await store.createUser(makeUser(org.id));
        await store.createUser(makeUser(org.id));
        await store.createUser(makeUser(null, { role: 'programme' }));
        expect(await store.countUsers()).to.equal(3);
        expect(await store.countUsers({ role: 'member' })).to.equal(2);
        expect(await store.countUsers({ role: 'programme' })).to.equal(1);
      });
    });

    describe('invitations', () => {
      it('when an invitation is created, then it is found by its token hash as put in', async () => {
        const { org, user } = await orgWithMember();
        const inv = makeInvitation({ organisationId: org.id, invitedBy: user.id });
        await store.createInvitation(inv);
        expect(await store.getInvitationByTokenHash(inv.tokenHash)).to.deep.equal(inv);
        expect(await store.getInvitationByTokenHash('unknown')).to.equal(null);
      });

      it('when two invitations share a token hash, then the second throws StoreConflictError', async () => {
        const first = makeInvitation();
        await store.createInvitation(first);
        const err = await store.createInvitation(makeInvitation({ tokenHash: first.tokenHash })).then(() => null, (e: unknown) => e);
        expect(err).to.be.instanceOf(StoreConflictError);
        expect(await store.listInvitations()).to.have.length(1);
      });

      it('when listing, then invitations come newest first', async () => {
        const old = makeInvitation({ createdAt: at(-100) });
        const recent = makeInvitation({ createdAt: at(100) });
        const middle = makeInvitation({ createdAt: T0 });
        for (const inv of [old, recent, middle]) await store.createInvitation(inv);
        expect(await store.listInvitations()).to.deep.equal([recent, middle, old]);
      });

      it('when a valid invitation is accepted, then the user exists and the invitation is used at now', async () => {
        const org = makeOrganisation();
        await store.upsertOrganisations([org]);
        const inv = makeInvitation({ organisationId: org.id });
        await store.createInvitation(inv);
        const user = makeUser(org.id, { email: inv.email, passwordHash: 'hash' });
        expect(await store.acceptInvitation(inv.id, user, at(60))).to.equal(true);
        expect(await store.getUser(user.id)).to.deep.equal(user);
        expect(await store.getInvitationByTokenHash(inv.tokenHash)).to.deep.equal({ ...inv, usedAt: at(60) });
      });

      it('when the invitation was already used, then accept answers false and writes nothing', async () => {
        const inv = makeInvitation();
        await store.createInvitation(inv);
        expect(await store.acceptInvitation(inv.id, makeUser(null, { email: inv.email }), at(1))).to.equal(true);
        const second = makeUser(null, { email: 'someone.else@gemeente.test' });
        expect(await store.acceptInvitation(inv.id, second, at(2))).to.equal(false);
        expect(await store.getUser(second.id)).to.equal(null);
        expect((await store.getInvitationByTokenHash(inv.tokenHash))?.usedAt).to.equal(at(1));
      });

      it('when the invitation is revoked, then accept answers false and writes nothing', async () => {
        const inv = makeInvitation({ revokedAt: at(-1) });
        await store.createInvitation(inv);
        const user = makeUser(null, { email: inv.email });
        expect(await store.acceptInvitation(inv.id, user, T0)).to.equal(false);
        expect(await store.getUser(user.id)).to.equal(null);
        expect(await store.getInvitationByTokenHash(inv.tokenHash)).to.deep.equal(inv);
      });

      it('when the invitation expired (expiresAt at or before now), then accept answers false and writes nothing', async () => {
        const inv = makeInvitation({ expiresAt: at(10) });
        await store.createInvitation(inv);
        const user = makeUser(null, { email: inv.email });
        expect(await store.acceptInvitation(inv.id, user, at(10))).to.equal(false);
        expect(await store.acceptInvitation(inv.id, user, at(11))).to.equal(false);
        expect(await store.getUser(user.id)).to.equal(null);
        expect(await store.getInvitationByTokenHash(inv.tokenHash)).to.deep.equal(inv);
      });

      it('when the invitation does not exist, then accept answers false and writes nothing', async () => {
        const user = makeUser(null);
        expect(await store.acceptInvitation('no-such-invitation', user, T0)).to.equal(false);
        expect(await store.getUser(user.id)).to.equal(null);
      });

      it('when the e-mail is taken, then accept throws StoreConflictError and the invitation stays unused', async () => {
        await store.createUser(makeUser(null, { email: 'taken@gemeente.test' }));
        const inv = makeInvitation({ email: 'taken@gemeente.test' });
        await store.createInvitation(inv);
        const user = makeUser(null, { email: 'Taken@Gemeente.test' });
        const err = await store.acceptInvitation(inv.id, user, T0).then(() => null, (e: unknown) => e);
        expect(err).to.be.instanceOf(StoreConflictError);
        expect(await store.getUser(user.id)).to.equal(null);
        expect(await store.getInvitationByTokenHash(inv.tokenHash)).to.deep.equal(inv);
      });

      it('when two accepts of one invitation race, then exactly one succeeds', async () => {
        const inv = makeInvitation();
        await store.createInvitation(inv);
        const results = await Promise.all([
          store.acceptInvitation(inv.id, makeUser(null, { email: 'een@gemeente.test' }), T0),
          store.acceptInvitation(inv.id, makeUser(null, { email: 'twee@gemeente.test' }), T0),
        ]);
        expect(results.filter(Boolean)).to.have.length(1);
        expect(await store.countUsers()).to.equal(1);
      });
    });

    describe('sessions', () => {
      it('when a session is set, then it is read back until it expires', async () => {
        const user = makeUser(null);
        await store.createUser(user);
        const session = { sid: 's1', userId: user.id, data: '{"cookie":{}}', expiresAt: at(3600) };
        await store.setSession(session);
        expect(await store.getSession('s1', T0)).to.deep.equal(session);
        expect(await store.getSession('s1', at(3599))).to.deep.equal(session);
        expect(await store.getSession('s1', at(3600))).to.equal(null);
        expect(await store.getSession('unknown', T0)).to.equal(null);
      });

      it('when a session without a user is set, then it is stored with userId null', async () => {
        const session = { sid: 'anon', userId: null, data: '{}', expiresAt: at(60) };
        await store.setSession(session);
        expect(await store.getSession('anon', T0)).to.deep.equal(session);
      });

      it('when a session is set again, then it is replaced', async () => {
        const user = makeUser(null);
        await store.createUser(user);
        await store.setSession({ sid: 's1', userId: null, data: '{"a":1}', expiresAt: at(60) });
        const replaced = { sid: 's1', userId: user.id, data: '{"a":2}', expiresAt: at(7200) };
        await store.setSession(replaced);
        expect(await store.getSession('s1', at(3600))).to.deep.equal(replaced);
      });

      it('when a session is destroyed, then it is gone and others stay', async () => {
        await store.setSession({ sid: 's1', userId: null, data: '{}', expiresAt: at(60) });
        await store.setSession({ sid: 's2', userId: null, data: '{}', expiresAt: at(60) });
        await store.destroySession('s1');
        await store.destroySession('never-existed');
        expect(await store.getSession('s1', T0)).to.equal(null);
        expect(await store.getSession('s2', T0)).to.not.equal(null);
      });

      it("when a user's sessions are destroyed, then only theirs go and the count is returned", async () => {
        const a = makeUser(null);
        const b = makeUser(null);
        await store.createUser(a);
        await store.createUser(b);
        await store.setSession({ sid: 'a1', userId: a.id, data: '{}', expiresAt: at(60) });
        await store.setSession({ sid: 'a2', userId: a.id, data: '{}', expiresAt: at(60) });
        await store.setSession({ sid: 'b1', userId: b.id, data: '{}', expiresAt: at(60) });
        expect(await store.destroyUserSessions(a.id)).to.equal(2);
        expect(await store.getSession('a1', T0)).to.equal(null);
        expect(await store.getSession('a2', T0)).to.equal(null);
        expect(await store.getSession('b1', T0)).to.not.equal(null);
        expect(await store.destroyUserSessions(a.id)).to.equal(0);
      });

      it('when expired sessions are purged, then only those expired at now go', async () => {
        await store.setSession({ sid: 'old', userId: null, data: '{}', expiresAt: at(-1) });
        await store.setSession({ sid: 'edge', userId: null, data: '{}', expiresAt: T0 });
        await store.setSession({ sid: 'live', userId: null, data: '{}', expiresAt: at(1) });
        expect(await store.purgeExpiredSessions(T0)).to.equal(2);
        expect(await store.getSession('live', T0)).to.not.equal(null);
        expect(await store.purgeExpiredSessions(T0)).to.equal(0);
      });
    });

    describe('ideas: create, read, update', () => {
      it('when an idea is created, then getIdea returns it as put in', async () => {
        const { org, user } = await orgWithMember();
        const idea = makeIdea(org.id, user.id, {
          tags: ['e-loket', 'Vergunningen', 'café'],
          contact: { name: 'An Peeters', email: 'an@mol.be', phone: '+32 14 33 08 00' },
          theme: 'democracy', language: 'fr', hidden: true, status: 'withdrawn', version: 3,
          createdAt: at(-60), updatedAt: at(60),
        });
        await store.createIdea(idea);
        expect(await store.getIdea(idea.id)).to.deep.equal(idea);
        expect(await store.getIdea('unknown')).to.equal(null);
      });

      it('when an idea id is used twice, then createIdea throws StoreConflictError', async () => {
        const { org, user } = await orgWithMember();
        const idea = makeIdea(org.id, user.id);
        await store.createIdea(idea);
        const err = await store.createIdea({ ...idea, title: 'Een ander idee' }).then(() => null, (e: unknown) => e);
        expect(err).to.be.instanceOf(StoreConflictError);
        expect(await store.getIdea(idea.id)).to.deep.equal(idea);
      });

      it('when updated with the current version, then the patch is applied, version +1 and updatedAt set', async () => {
        const { org, user } = await orgWithMember();
        const idea = makeIdea(org.id, user.id, { tags: ['oud'] });
        await store.createIdea(idea);
        const patch = {
          title: 'Nieuwe titel voor het idee', tags: ['nieuw', 'e-loket'], theme: 'workplace' as const,
          contact: { name: 'Jan', email: 'jan@mol.be', phone: null }, status: 'withdrawn' as const,
          language: 'en' as const, hidden: true, description: 'Een nieuwe beschrijving die lang genoeg is.',
        };
        const updated = await store.updateIdea(idea.id, patch, 1, at(120));
        const expected: Idea = { ...idea, ...patch, version: 2, updatedAt: at(120) };
        expect(updated).to.deep.equal(expected);
        expect(await store.getIdea(idea.id)).to.deep.equal(expected);
      });

      it('when a patch gives only one field, then the others stay', async () => {
        const { org, user } = await orgWithMember();
        const idea = makeIdea(org.id, user.id, { tags: ['a', 'b'] });
        await store.createIdea(idea);
        await store.updateIdea(idea.id, { title: 'Alleen de titel verandert', description: undefined, tags: undefined }, 1, at(1));
        expect(await store.getIdea(idea.id)).to.deep.equal({ ...idea, title: 'Alleen de titel verandert', version: 2, updatedAt: at(1) });
      });

      it('when updated with a stale version, then StoreVersionError carries the stored version and nothing is written', async () => {
        const { org, user } = await orgWithMember();
        const idea = makeIdea(org.id, user.id);
        await store.createIdea(idea);
        await store.updateIdea(idea.id, { title: 'Eerste wijziging' }, 1, at(1));
        const err = await store.updateIdea(idea.id, { title: 'Te late wijziging' }, 1, at(2)).then(() => null, (e: unknown) => e);
        expect(err).to.be.instanceOf(StoreVersionError);
        expect((err as StoreVersionError).currentVersion).to.equal(2);
        expect(await store.getIdea(idea.id)).to.include({ title: 'Eerste wijziging', version: 2, updatedAt: at(1) });
      });

      it('when the idea does not exist, then updateIdea answers null', async () => {
        expect(await store.updateIdea('unknown', { title: 'Wat dan ook' }, 1, T0)).to.equal(null);
      });

      it('when the text is updated, then search finds the new words and not the old', async () => {
        const { org, user } = await orgWithMember();
        const idea = makeIdea(org.id, user.id, { title: 'Parkeerkaart aanvragen', tags: ['parkeren'] });
        await store.createIdea(idea);
        await store.updateIdea(idea.id, { title: 'Bibliotheekpas aanvragen', tags: ['bibliotheek'] }, 1, at(1));
        const find = async (q: string) => ids((await store.listIdeas({ q, limit: 10, offset: 0 })).items);
        expect(await find('parkeerkaart')).to.deep.equal([]);
        expect(await find('parkeren')).to.deep.equal([]);
        expect(await find('bibliotheekpas')).to.deep.equal([idea.id]);
        expect(await find('bibliotheek')).to.deep.equal([idea.id]);
      });
    });

    describe('plain data', () => {
      it('when records are read, then they are plain objects and arrays that survive a JSON round trip', async () => {
        const { org, user } = await orgWithMember();
        const idea = makeIdea(org.id, user.id, { tags: ['a'] });
        await store.createIdea(idea);
        const read = await store.getIdea(idea.id);
        for (const value of [read, read?.contact, await store.getUser(user.id), await store.getOrganisation(org.id)]) {
          expect(Object.getPrototypeOf(value)).to.equal(Object.prototype);
        }
        expect(Array.isArray(read?.tags)).to.equal(true);
        expect(JSON.parse(JSON.stringify(read))).to.deep.equal(read);
      });

      it('when the caller changes a record after storing or reading it, then the stored record does not change', async () => {
        const { org, user } = await orgWithMember();
        const idea = makeIdea(org.id, user.id, { tags: ['origineel'] });
        const original = structuredClone(idea);
        await store.createIdea(idea);
        idea.tags.push('erbij');
        idea.contact.name = 'Iemand anders';
        const read = await store.getIdea(idea.id);
        read!.tags.push('ook erbij');
        read!.title = 'Gewijzigd buiten de store';
        expect(await store.getIdea(idea.id)).to.deep.equal(original);
      });
    });

    describe('ideas: listing', () => {
      it('when listing without filters, then visible ideas of every status come newest first with the total', async () => {
        const { org, user } = await orgWithMember();
        const [a, b, c] = await storeIdeas([
          makeIdea(org.id, user.id, { createdAt: at(1) }),
          makeIdea(org.id, user.id, { createdAt: at(3), status: 'withdrawn' }),
          makeIdea(org.id, user.id, { createdAt: at(2) }),
        ]);
        const page = await store.listIdeas({ limit: 10, offset: 0 });
        expect(page.total).to.equal(3);
        expect(page.items).to.deep.equal([b, c, a]);
      });

      it('when two ideas have the same createdAt, then the one with the greater id comes first', async () => {
        const { org, user } = await orgWithMember();
        const [x, y] = await storeIdeas([makeIdea(org.id, user.id), makeIdea(org.id, user.id)]);
        const expected = [x!, y!].sort((p, q) => (p.id < q.id ? 1 : -1)).map((i) => i.id);
        expect(ids((await store.listIdeas({ limit: 10, offset: 0 })).items)).to.deep.equal(expected);
      });

      it('when filter keys are present but undefined, then they are ignored', async () => {
        const { org, user } = await orgWithMember();
        const [idea] = await storeIdeas([makeIdea(org.id, user.id)]);
        const page = await store.listIdeas({
          q: undefined, theme: undefined, province: undefined, organisationId: undefined,
          status: undefined, includeHidden: undefined, limit: 10, offset: 0,
        });
        expect(page).to.deep.equal({ items: [idea], total: 1 });
      });

      it('when paging, then limit and offset cut the list and total counts all matches', async () => {
        const { org, user } = await orgWithMember();
        const all = await storeIdeas(Array.from({ length: 7 }, (_, n) => makeIdea(org.id, user.id, { createdAt: at(n) })));
        const newestFirst = ids([...all].reverse());
        const first = await store.listIdeas({ limit: 3, offset: 0 });
        const second = await store.listIdeas({ limit: 3, offset: 3 });
        const last = await store.listIdeas({ limit: 3, offset: 6 });
        const beyond = await store.listIdeas({ limit: 3, offset: 10 });
        expect([first.total, second.total, last.total, beyond.total]).to.deep.equal([7, 7, 7, 7]);
        expect(ids([...first.items, ...second.items, ...last.items])).to.deep.equal(newestFirst);
        expect(beyond.items).to.deep.equal([]);
      });

      it('when hidden ideas exist, then they are left out unless includeHidden is set', async () => {
        const { org, user } = await orgWithMember();
        const [shown, hidden] = await storeIdeas([
          makeIdea(org.id, user.id, { createdAt: at(1) }),
          makeIdea(org.id, user.id, { createdAt: at(2), hidden: true }),
        ]);
        expect(await store.listIdeas({ limit: 10, offset: 0 })).to.deep.equal({ items: [shown], total: 1 });
        expect(await store.listIdeas({ limit: 10, offset: 0, includeHidden: false })).to.deep.equal({ items: [shown], total: 1 });
        expect(await store.listIdeas({ limit: 10, offset: 0, includeHidden: true })).to.deep.equal({ items: [hidden, shown], total: 2 });
      });

      it('when filtering on theme, status or organisation, then only matching ideas come back', async () => {
        const one = await orgWithMember();
        const two = await orgWithMember();
        const [a, b, c, d] = await storeIdeas([
          makeIdea(one.org.id, one.user.id, { theme: 'services', createdAt: at(1) }),
          makeIdea(one.org.id, one.user.id, { theme: 'democracy', status: 'withdrawn', createdAt: at(2) }),
          makeIdea(two.org.id, two.user.id, { theme: 'democracy', createdAt: at(3) }),
          makeIdea(two.org.id, two.user.id, { theme: 'workplace', createdAt: at(4) }),
        ]);
        const list = async (q: Partial<Parameters<Store['listIdeas']>[0]>) => store.listIdeas({ limit: 10, offset: 0, ...q });
        expect(await list({ theme: 'democracy' })).to.deep.equal({ items: [c, b], total: 2 });
        expect(await list({ status: 'open' })).to.deep.equal({ items: [d, c, a], total: 3 });
        expect(await list({ status: 'withdrawn' })).to.deep.equal({ items: [b], total: 1 });
        expect(await list({ organisationId: one.org.id })).to.deep.equal({ items: [b, a], total: 2 });
        expect(await list({ organisationId: 'unknown' })).to.deep.equal({ items: [], total: 0 });
      });

      it("when filtering on province, then ideas of that province's organisations come back", async () => {
        const mol = await orgWithMember({ province: 'Antwerpen' });
        const genk = await orgWithMember({ province: 'Limburg' });
        const [a, b] = await storeIdeas([
          makeIdea(mol.org.id, mol.user.id, { createdAt: at(1) }),
          makeIdea(genk.org.id, genk.user.id, { createdAt: at(2) }),
        ]);
        expect(await store.listIdeas({ province: 'Antwerpen', limit: 10, offset: 0 })).to.deep.equal({ items: [a], total: 1 });
        expect(await store.listIdeas({ province: 'Limburg', limit: 10, offset: 0 })).to.deep.equal({ items: [b], total: 1 });
        expect(await store.listIdeas({ province: 'West-Vlaanderen', limit: 10, offset: 0 })).to.deep.equal({ items: [], total: 0 });
      });

      it('when every filter is combined with a search, then only ideas matching all of them come back, paged', async () => {
        const mol = await orgWithMember({ province: 'Antwerpen' });
        const geel = await orgWithMember({ province: 'Antwerpen' });
        const genk = await orgWithMember({ province: 'Limburg' });
        const loket = { title: 'Digitaal loket voor vergunningen', theme: 'services' as const };
        const hits = await storeIdeas([1, 2, 3].map((n) => makeIdea(mol.org.id, mol.user.id, { ...loket, createdAt: at(n) })));
        await storeIdeas([
          makeIdea(mol.org.id, mol.user.id, { ...loket, theme: 'workplace', createdAt: at(10) }),
          makeIdea(mol.org.id, mol.user.id, { ...loket, status: 'withdrawn', createdAt: at(11) }),
          makeIdea(mol.org.id, mol.user.id, { ...loket, hidden: true, createdAt: at(12) }),
          makeIdea(mol.org.id, mol.user.id, { title: 'Burgerbudget online', createdAt: at(13) }),
          makeIdea(geel.org.id, geel.user.id, { ...loket, createdAt: at(14) }),
          makeIdea(genk.org.id, genk.user.id, { ...loket, createdAt: at(15) }),
        ]);
        const query = { q: 'loket', theme: 'services' as const, province: 'Antwerpen', organisationId: mol.org.id, status: 'open' as const };
        const page1 = await store.listIdeas({ ...query, limit: 2, offset: 0 });
        const page2 = await store.listIdeas({ ...query, limit: 2, offset: 2 });
        expect(page1.total).to.equal(3);
        expect(page2.total).to.equal(3);
        expect(ids([...page1.items, ...page2.items])).to.deep.equal(ids([...hits].reverse()));
        const withHidden = await store.listIdeas({ ...query, includeHidden: true, limit: 10, offset: 0 });
        expect(withHidden.total).to.equal(4);
        const province = await store.listIdeas({ q: 'loket', province: 'Antwerpen', status: 'open', limit: 10, offset: 0 });
        expect(province.total).to.equal(5);
      });
    });

    describe('ideas: search', () => {
      async function searchIds(q: string): Promise<string[]> {
        return ids((await store.listIdeas({ q, limit: 100, offset: 0 })).items);
      }

      async function corpus(): Promise<Record<'loket' | 'beleid' | 'cafe' | 'tagged' | 'other', Idea>> {
        const { org, user } = await orgWithMember();
        const [loket, beleid, cafe, tagged, other] = await storeIdeas([
          makeIdea(org.id, user.id, { title: 'Een e-loket voor alle aanvragen', createdAt: at(1) }),
          makeIdea(org.id, user.id, { title: 'Beleidsplan digitaal opvolgen', description: 'Het meerjarenbeleid van de gemeente transparant maken voor inwoners.', createdAt: at(2) }),
          makeIdea(org.id, user.id, { title: 'Praatcafé over digitale inclusie', createdAt: at(3) }),
          makeIdea(org.id, user.id, { title: 'Registratie van vrijwilligers', tags: ['Vrijwilligerswerk', 'OCMW-samenwerking'], createdAt: at(4) }),
          makeIdea(org.id, user.id, { title: 'Slimme verlichting op het plein', description: 'Sensoren sturen de straatverlichting en de afvalophaling aan.', createdAt: at(5) }),
        ]);
        return { loket: loket!, beleid: beleid!, cafe: cafe!, tagged: tagged!, other: other! };
      }

      it('when searching a word of the title or description, then the ideas with it come back, any case', async () => {
        const c = await corpus();
        expect(await searchIds('verlichting')).to.deep.equal([c.other.id]);
        expect(await searchIds('AFVALOPHALING')).to.deep.equal([c.other.id]);
      });

      it('when searching a tag, then ideas with that tag come back', async () => {
        const c = await corpus();
        expect(await searchIds('vrijwilligerswerk')).to.deep.equal([c.tagged.id]);
        expect(await searchIds('ocmw-samenwerking')).to.deep.equal([c.tagged.id]);
      });

      it('when searching a hyphenated word, then "e-loket", "E loket" and "e.loket" find the same idea', async () => {
        const c = await corpus();
        expect(await searchIds('e-loket')).to.deep.equal([c.loket.id]);
        expect(await searchIds('E loket')).to.deep.equal([c.loket.id]);
        expect(await searchIds('e.loket')).to.deep.equal([c.loket.id]);
        expect(await searchIds('"e-loket"')).to.deep.equal([c.loket.id]);
      });

      it('when the last word is the start of a longer word, then it matches as a prefix', async () => {
        const c = await corpus();
        expect(await searchIds('beleid')).to.deep.equal([c.beleid.id]);
        expect(await searchIds('digitaal opvol')).to.deep.equal([c.beleid.id]);
      });

      it('when a word is not the last one, then it must match a whole word', async () => {
        const c = await corpus();
        expect(await searchIds('beleid plan')).to.deep.equal([]);
        expect(await searchIds('beleidsplan digitaal')).to.deep.equal([c.beleid.id]);
      });

      it('when searching with or without diacritics, then "café", "cafe" and "praatcafe" all match', async () => {
        const c = await corpus();
        expect(await searchIds('praatcafé')).to.deep.equal([c.cafe.id]);
        expect(await searchIds('praatcafe')).to.deep.equal([c.cafe.id]);
        expect(await searchIds('PRAATCAFÉ')).to.deep.equal([c.cafe.id]);
        expect(await searchIds('inclusie praatcafe')).to.deep.equal([c.cafe.id]);
      });

      it('when stored text has diacritics the query lacks, or the reverse, then they still match', async () => {
        const { org, user } = await orgWithMember();
        const [idea] = await storeIdeas([makeIdea(org.id, user.id, { title: 'Réservation du café communal', language: 'fr' })]);
        expect(await searchIds('reservation cafe')).to.deep.equal([idea!.id]);
        expect(await searchIds('réservation café')).to.deep.equal([idea!.id]);
      });

      it('when several words are given, then every word must match', async () => {
        const c = await corpus();
        expect(await searchIds('digita')).to.have.members([c.beleid.id, c.cafe.id]);
        expect(await searchIds('digitaal beleidsplan')).to.deep.equal([c.beleid.id]);
        expect(await searchIds('digitaal vrijwilligers')).to.deep.equal([]);
      });

      it('when FTS operators are typed, then they are plain words and never throw', async () => {
        const c = await corpus();
        expect(await searchIds('loket OR verlichting')).to.deep.equal([]);
        expect(await searchIds('loket AND')).to.deep.equal([]);
        expect(await searchIds('NOT loket')).to.deep.equal([]);
        expect(await searchIds('loket NEAR aanvragen')).to.deep.equal([]);
        expect(await searchIds('title:loket')).to.deep.equal([]);
        expect(await searchIds('loket aanvragen')).to.deep.equal([c.loket.id]);
      });

      for (const hostile of ['"', '*', 'OR', 'AND', 'NOT', ')', '(', '(loket', 'loket)', '"loket', 'loket*', '^loket', '-', 'e-', ':', 'NEAR(', '""', "'", '\\', '%', '_', '{title}: x', '   ', '\u0000']) {
        it(`when the search is ${JSON.stringify(hostile)}, then it answers a page and never throws`, async () => {
          const c = await corpus();
          const page = await store.listIdeas({ q: hostile, limit: 100, offset: 0 });
          expect(page.total).to.equal(page.items.length);
          expect(page.total).to.be.at.most(Object.keys(c).length);
        });
      }

      it('when the search holds nothing searchable, then it is ignored like an empty search', async () => {
        const c = await corpus();
        expect(await searchIds('*')).to.have.length(Object.keys(c).length);
        expect(await searchIds('"")(')).to.have.length(Object.keys(c).length);
        expect(await searchIds('')).to.have.length(Object.keys(c).length);
      });

      it('when punctuation wraps a word, then the result is the same as for the bare word', async () => {
        const c = await corpus();
        for (const q of ['loket', '"loket"', 'loket*', '(loket)', 'loket!', '«loket»', 'loket,']) {
          expect(await searchIds(q), q).to.deep.equal([c.loket.id]);
        }
      });
    });

    describe('ideas: allOpenIdeas', () => {
      it('when asked, then every open, visible idea comes back, and no withdrawn or hidden one', async () => {
        const one = await orgWithMember();
        const two = await orgWithMember();
        const [a, , , d] = await storeIdeas([
          makeIdea(one.org.id, one.user.id, { createdAt: at(1) }),
          makeIdea(one.org.id, one.user.id, { createdAt: at(2), status: 'withdrawn' }),
          makeIdea(two.org.id, two.user.id, { createdAt: at(3), hidden: true }),
          makeIdea(two.org.id, two.user.id, { createdAt: at(4) }),
        ]);
        const open = await store.allOpenIdeas();
        expect(open).to.have.deep.members([a, d]);
        expect(open).to.have.length(2);
      });

      it('when the store is empty, then allOpenIdeas answers an empty list', async () => {
        expect(await store.allOpenIdeas()).to.deep.equal([]);
      });
    });
  });
}
