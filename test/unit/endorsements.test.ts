import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { actorOf, type Actor } from '../../server/domain/actor.js';
import { systemClock, type Clock } from '../../server/domain/clock.js';
import { createEndorsements, type Endorsements } from '../../server/domain/endorsements.js';
import { DomainBus, type DomainEvents } from '../../server/domain/events.js';
import { AppError } from '../../server/errors.js';
import { newId } from '../../server/store/ids.js';
import { createSqliteStore } from '../../server/store/sqlite/index.js';
import { orderedPair, type Idea, type Organisation, type Store, type User } from '../../server/store/store.js';
import { T0, at, makeIdea, makeOrganisation, makeUser } from '../support/factories.js';

describe('endorsements (domain, on a SQLite file)', () => {
  let dir: string;
  let store: Store;
  let now: string;
  let bus: DomainBus;
  let endorsements: Endorsements;
  let events: { name: keyof DomainEvents; args: unknown[] }[];
  let lier: Org;
  let mol: Org;
  let geel: Org;
  let programme: Actor;
  let idea: Idea;

  interface Org { org: Organisation; users: User[]; actor: Actor }

  const clock: Clock = { ...systemClock, now: () => new Date(now) };

  async function org(name: string, extraUsers: Partial<User>[] = []): Promise<Org> {
    const o = makeOrganisation({ name });
    await store.upsertOrganisations([o]);
    const users = [makeUser(o.id), ...extraUsers.map((over) => makeUser(o.id, over))];
    for (const u of users) await store.createUser(u);
    return { org: o, users, actor: actorOf(users[0]!) };
  }

  async function postIdea(by: Org, over: Partial<Idea> = {}): Promise<Idea> {
    const i = makeIdea(by.org.id, by.users[0]!.id, { title: `Digitaal afsprakensysteem van ${by.org.name}`, ...over });
    await store.createIdea(i);
    return i;
  }

  /** Everything a failed attempt must leave untouched. */
  async function snapshot(): Promise<unknown> {
    const users = [...lier.users, ...mol.users, ...geel.users];
    return {
      endorsements: await store.listEndorsements(),
      connections: await store.listConnections(),
      unread: await Promise.all(users.map((u) => store.countUnread(u.id))),
    };
  }

  async function failure(p: Promise<unknown>): Promise<AppError> {
    const err = await p.then(() => null, (e: unknown) => e);
    expect(err, 'expected an AppError').to.be.instanceOf(AppError);
    return err as AppError;
  }

  const kinds = async (user: User): Promise<string[]> =>
    (await store.listNotifications(user.id, { limit: 100 })).map((n) => n.kind).sort();

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'medestander-endorsements-'));
    store = createSqliteStore({ file: join(dir, 'store.sqlite') });
    await store.init();
    now = T0;
    bus = new DomainBus();
    events = [];
    for (const name of ['endorsement:created', 'endorsement:withdrawn', 'notification:created'] as const) {
      bus.on(name, (...args: unknown[]) => events.push({ name, args }));
    }
    endorsements = createEndorsements({ store, clock, bus });
    lier = await org('Lier', [{}, { active: false }]);
    mol = await org('Mol', [{}]);
    geel = await org('Geel');
    const admin = makeUser(null, { role: 'programme' });
    await store.createUser(admin);
    programme = actorOf(admin);
    idea = await postIdea(lier);
  });

  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  describe('endorse', () => {
    it('when Mol endorses Lier\'s open idea with a message, then it is stored trimmed and the two are connected around the idea', async () => {
      now = at(60);
      const e = await endorsements.endorse(mol.actor, idea.id, { message: '  We delen graag de kost van de boekingsmodule.  ' });
      expect(e).to.include({ ideaId: idea.id, organisationId: mol.org.id, userId: mol.actor.id, message: 'We delen graag de kost van de boekingsmodule.', createdAt: at(60) });
      expect(await store.listEndorsements({ ideaId: idea.id })).to.deep.equal([e]);
      const [a, b] = orderedPair(lier.org.id, mol.org.id);
      expect(await store.listConnections({ ideaId: idea.id })).to.have.deep.members([
        { id: (await store.listConnections())[0]!.id, ideaId: idea.id, organisationA: a, organisationB: b, via: 'endorsement', createdAt: at(60) },
      ]);
    });

    it('when the message is blank or missing, then it is stored as null', async () => {
      expect((await endorsements.endorse(mol.actor, idea.id, { message: '   ' })).message).to.equal(null);
      expect((await endorsements.endorse(geel.actor, idea.id)).message).to.equal(null);
    });

    it('when the message is longer than 500 characters, then 400 naming message and nothing changes', async () => {
      const before = await snapshot();
      const err = await failure(endorsements.endorse(mol.actor, idea.id, { message: 'x'.repeat(501) }));
      expect(err.status).to.equal(400);
      expect(err.fields).to.have.property('message');
      expect(await snapshot()).to.deep.equal(before);
    });

    it('when the same organisation endorses twice (even another member), then 409 and nothing changes', async () => {
      await endorsements.endorse(mol.actor, idea.id);
      const before = await snapshot();
      events = [];
      const err = await failure(endorsements.endorse(actorOf(mol.users[1]!), idea.id, { message: 'Nog eens' }));
      expect(err).to.include({ status: 409, message: 'errors.already_endorsed' });
      expect(await snapshot()).to.deep.equal(before);
      expect(events).to.deep.equal([]);
    });

    it('when an organisation endorses its own idea, then 403 (a rule, not a passing state) and nothing changes', async () => {
      const before = await snapshot();
      const err = await failure(endorsements.endorse(lier.actor, idea.id));
      expect(err).to.include({ status: 403, message: 'errors.endorse_own_idea' });
      expect(await snapshot()).to.deep.equal(before);
    });

    it('when the idea is withdrawn, then 409 and nothing changes', async () => {
      const withdrawn = await postIdea(lier, { status: 'withdrawn' });
      const before = await snapshot();
      const err = await failure(endorsements.endorse(mol.actor, withdrawn.id));
      expect(err).to.include({ status: 409, message: 'errors.endorse_withdrawn_idea' });
      expect(await snapshot()).to.deep.equal(before);
    });

    it('when the idea is hidden or unknown, then 404', async () => {
      const hidden = await postIdea(lier, { hidden: true });
      expect((await failure(endorsements.endorse(mol.actor, hidden.id))).status).to.equal(404);
      expect((await failure(endorsements.endorse(mol.actor, newId()))).status).to.equal(404);
    });

    it('when a visitor or the programme team endorses, then 401 and 403 and nothing changes', async () => {
      const before = await snapshot();
      expect((await failure(endorsements.endorse(null, idea.id))).status).to.equal(401);
      expect((await failure(endorsements.endorse(programme, idea.id))).status).to.equal(403);
      expect(await snapshot()).to.deep.equal(before);
    });

    it('when Mol endorses, then Lier\'s active users get one notice (endorsed, saying they are now connected), Mol\'s users get connected, and nobody else anything', async () => {
      await endorsements.endorse(mol.actor, idea.id);
      const [lier1, lier2, lierInactive] = lier.users;
      expect(await kinds(lier1!)).to.deep.equal(['endorsed']);
      expect(await kinds(lier2!)).to.deep.equal(['endorsed']);
      expect(await kinds(lierInactive!)).to.deep.equal([]);
      for (const u of mol.users) expect(await kinds(u)).to.deep.equal(['connected']);
      expect(await kinds(geel.users[0]!)).to.deep.equal([]);
      expect(await store.countUnread(programme.id)).to.equal(0);
      const [endorsed] = await store.listNotifications(lier1!.id, { limit: 100 }).then((l) => l.filter((n) => n.kind === 'endorsed'));
      expect(endorsed).to.include({ link: `/ideas/${idea.id}`, readAt: null });
      expect(endorsed!.params).to.deep.equal({ organisation: 'Mol', idea: idea.title, connected: 'yes' });
      const [toMol] = await store.listNotifications(mol.users[0]!.id, { limit: 1 });
      expect(toMol!.params).to.deep.equal({ organisation: 'Lier', idea: idea.title });
    });

    it('when Mol endorses, then the bus says endorsement:created (newly connected) and notification:created for exactly those users', async () => {
      const e = await endorsements.endorse(mol.actor, idea.id);
      expect(events.map((x) => x.name)).to.deep.equal(['endorsement:created', 'notification:created']);
      const [endorsement, context] = events[0]!.args as DomainEvents['endorsement:created'];
      expect(endorsement).to.deep.equal(e);
      expect(context).to.include({ newlyConnected: true });
      expect(context.idea.id).to.equal(idea.id);
      const [{ userIds, notifications }] = events[1]!.args as DomainEvents['notification:created'];
      expect(userIds).to.have.members([lier.users[0]!.id, lier.users[1]!.id, mol.users[0]!.id, mol.users[1]!.id]);
      expect(notifications).to.have.length(4); // one per person: Lier's two (endorsed, now connected), Mol's two (connected)
    });

    it('when the two were already introduced around the idea, then only endorsed notices go out and they stay connected', async () => {
      const [a, b] = orderedPair(lier.org.id, mol.org.id);
      await store.createConnection({ id: newId(), ideaId: idea.id, organisationA: a, organisationB: b, via: 'introduction', createdAt: T0 });
      await endorsements.endorse(mol.actor, idea.id);
      expect(await kinds(lier.users[0]!)).to.deep.equal(['endorsed']);
      expect(await kinds(mol.users[0]!)).to.deep.equal([]);
      expect((events[0]!.args as DomainEvents['endorsement:created'])[1].newlyConnected).to.equal(false);
    });
  });

  describe('contact visibility', () => {
    it('when nobody has endorsed, then only the programme team and the idea\'s own organisation see the contact', async () => {
      expect(await endorsements.canSeeContact(programme, idea)).to.equal(true);
      expect(await endorsements.canSeeContact(actorOf(lier.users[1]!), idea)).to.equal(true);
      expect(await endorsements.canSeeContact(mol.actor, idea)).to.equal(false);
      expect(await endorsements.canSeeContact(null, idea)).to.equal(false);
      expect(await endorsements.contactFor(mol.actor, idea)).to.equal(null);
    });

    it('when Mol endorses, then Mol sees the contact from then on, Geel and visitors still do not', async () => {
      await endorsements.endorse(mol.actor, idea.id);
      expect(await endorsements.canSeeContact(actorOf(mol.users[1]!), idea)).to.equal(true);
      expect(await endorsements.contactFor(mol.actor, idea)).to.deep.equal(idea.contact);
      expect(await endorsements.canSeeContact(geel.actor, idea)).to.equal(false);
      expect(await endorsements.canSeeContact(null, idea)).to.equal(false);
    });

    it('when Mol is connected around another idea of Lier, then that does not open this idea\'s contact', async () => {
      const other = await postIdea(lier, { title: 'Een ander idee van Lier' });
      await endorsements.endorse(mol.actor, other.id);
      expect(await endorsements.canSeeContact(mol.actor, idea)).to.equal(false);
      expect(await endorsements.canSeeContact(mol.actor, other)).to.equal(true);
    });
  });

  describe('withdraw', () => {
    it('when Mol takes its endorsement back, then it is gone, the connection ends and the contact is hidden again', async () => {
      const e = await endorsements.endorse(mol.actor, idea.id);
      events = [];
      expect(await endorsements.withdraw(actorOf(mol.users[1]!), idea.id)).to.deep.equal(e);
      expect(await store.listEndorsements()).to.deep.equal([]);
      expect(await store.listConnections()).to.deep.equal([]);
      expect(await endorsements.canSeeContact(mol.actor, idea)).to.equal(false);
      expect(events.map((x) => x.name)).to.deep.equal(['endorsement:withdrawn']);
      expect((events[0]!.args as DomainEvents['endorsement:withdrawn'])[1].connectionEnded).to.equal(true);
    });

    it('when an introduction also holds the pair, then withdrawing keeps them connected', async () => {
      await endorsements.endorse(mol.actor, idea.id);
      const [a, b] = orderedPair(lier.org.id, mol.org.id);
      await store.createConnection({ id: newId(), ideaId: idea.id, organisationA: a, organisationB: b, via: 'introduction', createdAt: at(1) });
      await endorsements.withdraw(mol.actor, idea.id);
      expect(await endorsements.canSeeContact(mol.actor, idea)).to.equal(true);
      expect((await store.listConnections()).map((c) => c.via)).to.deep.equal(['introduction']);
      expect((events.at(-1)!.args as DomainEvents['endorsement:withdrawn'])[1].connectionEnded).to.equal(false);
    });

    it('when Mol and Geel both endorse and Mol withdraws, then Geel stays connected and Mol does not', async () => {
      await endorsements.endorse(mol.actor, idea.id);
      await endorsements.endorse(geel.actor, idea.id);
      await endorsements.withdraw(mol.actor, idea.id);
      expect(await endorsements.canSeeContact(geel.actor, idea)).to.equal(true);
      expect(await endorsements.canSeeContact(mol.actor, idea)).to.equal(false);
      expect((await store.listEndorsements({ ideaId: idea.id })).map((e) => e.organisationId)).to.deep.equal([geel.org.id]);
    });

    it('when there is nothing to take back, then it answers null, says nothing and changes nothing', async () => {
      const before = await snapshot();
      expect(await endorsements.withdraw(mol.actor, idea.id)).to.equal(null);
      expect(events).to.deep.equal([]);
      expect(await snapshot()).to.deep.equal(before);
    });

    it('when the idea was withdrawn after the endorsement, then the endorsement can still be taken back', async () => {
      await endorsements.endorse(mol.actor, idea.id);
      await store.updateIdea(idea.id, { status: 'withdrawn' }, 1, at(5));
      expect(await endorsements.withdraw(mol.actor, idea.id)).to.not.equal(null);
    });

    it('when taken back, then the organisation can endorse again and is connected again', async () => {
      await endorsements.endorse(mol.actor, idea.id);
      await endorsements.withdraw(mol.actor, idea.id);
      await endorsements.endorse(mol.actor, idea.id, { message: 'Toch wel' });
      expect(await endorsements.canSeeContact(mol.actor, idea)).to.equal(true);
    });

    it('when a visitor, the programme team or an unknown idea, then 401, 403 and 404', async () => {
      expect((await failure(endorsements.withdraw(null, idea.id))).status).to.equal(401);
      expect((await failure(endorsements.withdraw(programme, idea.id))).status).to.equal(403);
      expect((await failure(endorsements.withdraw(mol.actor, newId()))).status).to.equal(404);
    });
  });

  describe('listForIdea', () => {
    it('when listed, then newest first with organisation names; messages only for those who may see the contact', async () => {
      now = at(1);
      await endorsements.endorse(mol.actor, idea.id, { message: 'Van Mol' });
      now = at(2);
      await endorsements.endorse(geel.actor, idea.id, { message: 'Van Geel' });
      const third = await org('Herentals');

      const forLier = await endorsements.listForIdea(lier.actor, idea.id);
      expect(forLier.map((e) => [e.organisation.name, e.message, e.mine])).to.deep.equal([['Geel', 'Van Geel', false], ['Mol', 'Van Mol', false]]);
      const forMol = await endorsements.listForIdea(mol.actor, idea.id);
      expect(forMol.map((e) => [e.organisation.name, e.message, e.mine])).to.deep.equal([['Geel', 'Van Geel', false], ['Mol', 'Van Mol', true]]);
      expect((await endorsements.listForIdea(third.actor, idea.id)).map((e) => e.message)).to.deep.equal([null, null]);
      expect((await endorsements.listForIdea(null, idea.id)).map((e) => e.organisation.name)).to.deep.equal(['Geel', 'Mol']);
      expect(await endorsements.hasEndorsed(mol.actor, idea.id)).to.equal(true);
      expect(await endorsements.hasEndorsed(third.actor, idea.id)).to.equal(false);
    });

    it('when the idea is hidden, then 404 for members and the list for the programme team', async () => {
      const hidden = await postIdea(lier, { hidden: true });
      expect((await failure(endorsements.listForIdea(mol.actor, hidden.id))).status).to.equal(404);
      expect(await endorsements.listForIdea(programme, hidden.id)).to.deep.equal([]);
    });
  });
});
