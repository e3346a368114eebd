/**
 * Fills an empty store with the demo: the 285 municipalities, a programme-team account, one member
 * account per demo municipality, the ideas in scripts/demo/ideas.json (written by the team), the
 * programme's seven calls (as `npm run calls:load` loads them), one demo call open today and the
 * catalogue of 38 funded projects (as `npm run projects:load` loads it).
 * Applies the migrations itself, so it works whether or not the app has ever started.
 *
 *   npm run seed:demo -- --password 'een-lang-wachtwoord'
 *
 * Prints the demo accounts, one e-mail address per line. Refuses to touch a store that already has
 * users or ideas (it never mixes demo data into real data).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { loadConfig } from '../server/config.js';
import { actorOf } from '../server/domain/actor.js';
import { createAccounts } from '../server/domain/accounts.js';
import { createAudit } from '../server/domain/audit.js';
import { createCalls } from '../server/domain/calls.js';
import { brusselsDayAt, loadReferenceCalls } from '../server/domain/calls-reference.js';
import { brusselsDate } from '../server/domain/partnerships/calls.js';
import { loadReferenceProjects } from '../server/domain/projects-reference.js';
import { systemClock, type Clock } from '../server/domain/clock.js';
import { DomainBus } from '../server/domain/events.js';
import { createIdeas } from '../server/domain/ideas.js';
import { loadMunicipalities, municipalityId } from '../server/domain/organisations.js';
import { detectLanguage } from '../server/engine/language.js';
import { isAppError } from '../server/errors.js';
import { createMailer } from '../server/mail.js';
import { newId } from '../server/store/ids.js';
import { createStore, describeStore } from '../server/store/index.js';
import type { Theme, User } from '../server/store/store.js';

interface DemoIdea {
  key: string;
  nis: string;
  theme: Theme;
  title: string;
  description: string;
  tags: string[];
  contact: { name: string; email: string; phone?: string };
  daysAgo: number;
}

export const PROGRAMME_EMAIL = 'programma@demo.medestander.be';

const { values } = parseArgs({ options: { password: { type: 'string' } } });
if (!values.password || values.password.length < 10) {
  console.error('Usage: npm run seed:demo -- --password <password of at least 10 characters>');
  process.exit(2);
}

const ideas = JSON.parse(readFileSync(new URL('./demo/ideas.json', import.meta.url), 'utf8')) as DemoIdea[];
const config = loadConfig(process.env);
const store = await createStore(config);
await store.init();
try {
  if ((await store.countUsers()) > 0 || (await store.listIdeas({ limit: 1, offset: 0 })).total > 0) {
    console.error(`The store at ${describeStore(config)} is not empty: the demo only fills an empty store. Use another DATA_DIR or remove that file.`);
    process.exit(1);
  }
  const realNow = Date.now();
  let now = new Date(realNow);
  const clock: Clock = { ...systemClock, now: () => now };
  await loadMunicipalities(store, new Date(realNow).toISOString());

  const accounts = createAccounts({
    store, clock, mailer: createMailer({ transport: 'off' }), log: pino({ level: 'silent' }),
    baseUrl: config.baseUrl, invitationTtlMs: config.invitationTtlMs,
  });
  const ideaService = createIdeas({ store, clock, bus: new DomainBus(), detectLanguage });
  // One hash for every demo account: they share the password, and argon2 is slow on purpose.
  const passwordHash = await accounts.hashPassword(values.password);
  const stamp = new Date(realNow).toISOString();
  const makeUser = (over: Partial<User> & Pick<User, 'email' | 'name' | 'role' | 'organisationId'>): User => ({
    id: newId(), phone: null, passwordHash, locale: 'nl', active: true, createdAt: stamp, updatedAt: stamp, ...over,
  });

  const programme = makeUser({ email: PROGRAMME_EMAIL, name: 'Programmateam Medestander', role: 'programme', organisationId: null });
  await store.createUser(programme);
  const members = new Map<string, User>();
  // Oldest first, so that the ideas get increasing timestamps like real posts.
  for (const idea of [...ideas].sort((a, b) => b.daysAgo - a.daysAgo)) {
    const organisationId = municipalityId(idea.nis);
    let member = members.get(organisationId);
    if (!member) {
      member = makeUser({ email: idea.contact.email, name: idea.contact.name, phone: idea.contact.phone ?? null, role: 'member', organisationId });
      await store.createUser(member);
      members.set(organisationId, member);
    }
    now = new Date(realNow - idea.daysAgo * 86_400_000 - (idea.key.length % 7) * 3_600_000);
    await ideaService.create(actorOf(member), {
      title: idea.title, description: idea.description, theme: idea.theme, tags: idea.tags,
      contact: { name: idea.contact.name, email: idea.contact.email, ...(idea.contact.phone ? { phone: idea.contact.phone } : {}) },
    });
  }
  now = new Date(realNow);
  const audit = createAudit({ store, clock });
  await loadReferenceCalls({ store, clock, audit });
  // The seven calls are history; so that the demo shows an open call and its countdown, one made-up call
  // opened three weeks ago and closes in about three weeks. Never written by calls:load.
  const day = (offsetDays: number) => brusselsDate(new Date(realNow + offsetDays * 86_400_000));
  await createCalls({ store, clock, audit }).create(actorOf(programme), {
    number: 8, name: 'Oproep 8 – demo (innovatieve concepten)', type: 'concept', themes: null,
    opensAt: brusselsDayAt(day(-21), '00:00:00', 0), closesAt: brusselsDayAt(day(24), '23:59:59', 22), rules: { minPartners: 2 },
    description: 'Een oproep voor de demo: ze bestaat niet in het echte programma. Dien samen met minstens één ander bestuur een innovatief digitaal concept in.',
  });
  // The catalogue of funded projects, as `npm run projects:load` loads it, linked to the calls above.
  const projects = await loadReferenceProjects({ store, clock, audit });
  console.log(`Demo loaded: ${ideas.length} ideas from ${members.size} municipalities and 8 calls (the last one a demo call, open now) into ${describeStore(config)}.`);
  console.log(`Projects catalogue: ${projects.added.length} added, ${projects.unchanged.length + projects.linked.length} there already.`);
  console.log(`Every demo account signs in with the password you gave. Programme team first, then one per municipality:`);
  console.log(PROGRAMME_EMAIL);
  for (const m of members.values()) console.log(m.email);
} catch (err) {
  if (isAppError(err)) console.error(`Demo data rejected: ${err.message} ${JSON.stringify(err.fields ?? {})}`);
  throw err;
} finally {
  await store.close();
}
