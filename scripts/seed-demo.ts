/**
 * Fills an empty store with the demo: the 285 municipalities, a programme-team account, one member
 * account per demo municipality, the ideas in scripts/demo/ideas.json (written by the team), the
 * programme's seven calls (as `npm run calls:load` loads them), one demo call open today (the ideas of its
 * last three weeks aim at it), the catalogue of 38 funded projects (as `npm run projects:load` loads it),
 * six endorsements among the ideas aimed at the demo call, two partnerships (one forming for the demo
 * call, one approved, hence in the catalogue) and two check-ins (one asked for, one confirmed this week). Every step goes through the domain services, as
 * the pages take it, with the clock set back to when it happened.
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
import { createCheckIns } from '../server/domain/check-ins.js';
import { createEndorsements } from '../server/domain/endorsements.js';
import { brusselsWeek, toBrusselsIso } from '../server/domain/check-in-times.js';
import { brusselsDayAt, loadReferenceCalls } from '../server/domain/calls-reference.js';
import { brusselsDate } from '../server/domain/partnerships/calls.js';
import { loadReferenceProjects } from '../server/domain/projects-reference.js';
import { systemClock, type Clock } from '../server/domain/clock.js';
import { DomainBus } from '../server/domain/events.js';
import { createIdeas } from '../server/domain/ideas.js';
import { createOrganisations, loadMunicipalities, municipalityId } from '../server/domain/organisations.js';
import { createPartnerships } from '../server/domain/partnerships/service.js';
import { createProjects } from '../server/domain/projects.js';
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
/** The demo call opened this many days ago. */
const DEMO_CALL_OPEN_DAYS = 21;
/** The decided demo call (number 9) was open from 150 to 50 days before the demo is loaded. */
const DECIDED_CALL_OPENED_DAYS = 150;
const DECIDED_CALL_CLOSED_DAYS = 50;

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
  const bus = new DomainBus();
  const audit = createAudit({ store, clock });
  const ideaService = createIdeas({ store, clock, bus, detectLanguage });
  // One hash for every demo account: they share the password, and argon2 is slow on purpose.
  const passwordHash = await accounts.hashPassword(values.password);
  const stamp = new Date(realNow).toISOString();
  const makeUser = (over: Partial<User> & Pick<User, 'email' | 'name' | 'role' | 'organisationId'>): User => ({
    id: newId(), phone: null, passwordHash, locale: 'nl', active: true, createdAt: stamp, updatedAt: stamp, ...over,
  });

  const programme = makeUser({ email: PROGRAMME_EMAIL, name: 'Programmateam Medestander', role: 'programme', organisationId: null });
  await store.createUser(programme);
  await loadReferenceCalls({ store, clock, audit });
  // The seven calls are history; so that the demo shows an open call and its countdown, one made-up call
  // opened three weeks ago and closes in about three weeks. Never written by calls:load.
  const day = (offsetDays: number) => brusselsDate(new Date(realNow + offsetDays * 86_400_000));
  const demoCall = await createCalls({ store, clock, audit }).create(actorOf(programme), {
    number: 8, name: 'Oproep 8 – demo (innovatieve concepten)', type: 'concept', themes: null,
    opensAt: brusselsDayAt(day(-DEMO_CALL_OPEN_DAYS), '00:00:00', 0), closesAt: brusselsDayAt(day(24), '23:59:59', 22), rules: { minPartners: 2 },
    description: 'Een oproep voor de demo: ze bestaat niet in het echte programma. Dien samen met minstens één ander bestuur een innovatief digitaal concept in.',
  });
  // A second made-up call, thematic and decided already, so that the referrals after a decision have
  // something to show: the older ideas aimed at it and were not funded (calls overlap, as GzG's did).
  const decidedCall = await createCalls({ store, clock, audit }).create(actorOf(programme), {
    number: 9, name: 'Oproep 9 – demo, beslist (thematische projecten)', type: 'thematic', themes: null,
    opensAt: brusselsDayAt(day(-DECIDED_CALL_OPENED_DAYS), '00:00:00', 0), closesAt: brusselsDayAt(day(-DECIDED_CALL_CLOSED_DAYS), '23:59:59', 22),
    decided: true, decidedOn: day(-DECIDED_CALL_CLOSED_DAYS + 25),
    description: 'Een oproep voor de demo: ze bestaat niet in het echte programma. De jury besliste al; geen van de demo-ideeën kreeg steun.',
  });
  const members = new Map<string, User>();
  const ideaIds = new Map<string, string>();
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
    const posted = await ideaService.create(actorOf(member), {
      title: idea.title, description: idea.description, theme: idea.theme, tags: idea.tags,
      // Posted while the demo call was open: aimed at it, so that the board's funnel for the call has ideas.
      callId: idea.daysAgo <= DEMO_CALL_OPEN_DAYS ? demoCall.id
        : idea.daysAgo > DECIDED_CALL_CLOSED_DAYS && idea.daysAgo <= DECIDED_CALL_OPENED_DAYS ? decidedCall.id : null,
      contact: { name: idea.contact.name, email: idea.contact.email, ...(idea.contact.phone ? { phone: idea.contact.phone } : {}) },
    });
    ideaIds.set(idea.key, posted.id);
  }
  now = new Date(realNow);
  // The catalogue of funded projects, as `npm run projects:load` loads it, linked to the calls above.
  const projects = await loadReferenceProjects({ store, clock, audit });

  // Two partnerships and two check-ins, each step taken through the services as the pages take it, at
  // the moment it happened. The listener that turns an approved partnership into a project runs in the
  // app, not here: the seed asks the projects service itself.
  const at = (daysAgo: number) => { now = new Date(realNow - daysAgo * 86_400_000); };
  const partnerships = createPartnerships({
    store, clock, bus, audit, organisations: createOrganisations({ store }),
    // Suggestions are not asked for here: no clusters needed.
    matching: { clusterOf: () => null, clusters: () => [], similarToIdea: async () => [] },
  });
  const projectService = createProjects({ store, clock, bus, audit });
  const memberOf = (nis: string): User => {
    const m = members.get(municipalityId(nis));
    if (!m) throw new Error(`no demo member for ${nis}`);
    return m;
  };
  const idea = (key: string): string => {
    const id = ideaIds.get(key);
    if (!id) throw new Error(`no demo idea ${key}`);
    return id;
  };
  // Support among the ideas aimed at the demo call, so that the board's funnel shows every step:
  // each endorsement also connects the two local governments.
  const endorsements = createEndorsements({ store, clock, bus });
  for (const [nis, key, daysAgo, message] of [
    ['12021', 'ieper-afsprakenplanner', 6, 'Lier werkt aan hetzelfde: doe mee in ons partnerschap?'],
    ['34041', 'kraainem-assistant-virtuel', 8, 'Onze chatbot kan ook in het Frans antwoorden. Samen verder?'],
    ['72042', 'zwevegem-notulering-zittingen', 7, 'Wij zoeken ook een oplossing voor de verslagen.'],
    ['13011', 'deinze-meedenken-platform', 10, ''],
    ['34002', 'lommel-documenten-digitaal-tekenen', 12, 'E-signing staat ook bij ons op de planning.'],
    ['72004', 'riemst-cijfers-vergelijken', 15, ''],
  ] as const) {
    at(daysAgo);
    await endorsements.endorse(actorOf(memberOf(nis)), idea(key), { message });
  }

  /** The lead opens a partnership for its idea, aimed at a call, and invites; the invited answer in turn. */
  async function partnership(o: { idea: string; lead: string; callId: string; openedDaysAgo: number; accepted: [nis: string, daysAgo: number][]; waiting?: [nis: string, daysAgo: number][] }) {
    at(o.openedDaysAgo);
    const lead = actorOf(memberOf(o.lead));
    const p = await partnerships.open(lead, { ideaId: idea(o.idea), callId: o.callId });
    for (const [nis] of o.accepted) await partnerships.invite(lead, p.id, { organisationId: municipalityId(nis) });
    for (const [nis, daysAgo] of o.accepted) {
      at(daysAgo);
      await partnerships.answerInvitation(actorOf(memberOf(nis)), p.id, municipalityId(nis), true);
    }
    for (const [nis, daysAgo] of o.waiting ?? []) {
      at(daysAgo);
      await partnerships.invite(lead, p.id, { organisationId: municipalityId(nis) });
    }
    return { id: p.id, lead };
  }
  // Forming: Lier with Zottegem and Beringen (online appointments) for the open call, Ieper invited and
  // not answered yet. Lier's idea aimed at Oproep 9 without being funded: it tries again, together.
  const forming = await partnership({ idea: 'lier-afspraken', lead: '12021', callId: demoCall.id, openedDaysAgo: 12, accepted: [['41081', 10], ['71004', 9]], waiting: [['33011', 5]] });
  // Approved in the decided Oproep 9: Wevelgem's chatbot with Wichelen and Bilzen-Hoeselt, hence a project
  // in the catalogue (and one the referrals after that call suggest to other chatbot ideas).
  const approved = await partnership({ idea: 'wevelgem-chatbot', lead: '34041', callId: decidedCall.id, openedDaysAgo: 95, accepted: [['42026', 93], ['73110', 92]] });
  at(DECIDED_CALL_CLOSED_DAYS + 5);
  await partnerships.setStatus(approved.lead, approved.id, { status: 'submitted' });
  at(DECIDED_CALL_CLOSED_DAYS - 25);
  await partnerships.setStatus(actorOf(programme), approved.id, { status: 'approved' });
  const decided = await store.getPartnership(approved.id);
  if (decided) await projectService.followPartnership(decided);

  // Check-ins: Lier's partnership has one confirmed this week; Geel asked for one about its idea, for next week.
  const checkIns = createCheckIns({ store, clock, bus, audit });
  const week = brusselsWeek(new Date(realNow));
  const moment = (offsetDays: number, time: string) => brusselsDayAt(day(offsetDays), `${time}:00`, 9);
  const inWeek = (iso: string) => Date.parse(iso) >= Date.parse(week.from) && Date.parse(iso) < Date.parse(week.to);
  const thisWeek = [moment(1, '10:00'), moment(0, '16:00'), toBrusselsIso(new Date(realNow + 3_600_000))].find(inWeek) ?? moment(1, '10:00');
  at(3);
  const asked = await checkIns.request(forming.lead, {
    subject: { type: 'partnership', id: forming.id }, moments: [thisWeek, moment(8, '14:00')],
    note: 'We willen onze aanvraag voor oproep 8 aftoetsen voor we ze indienen.',
  });
  at(2);
  await checkIns.confirm(actorOf(programme), asked.id, { moment: thisWeek, durationMinutes: 45, place: 'Online (de link volgt per mail)' });
  at(1);
  await checkIns.request(actorOf(memberOf('13008')), {
    subject: { type: 'idea', id: idea('geel-participatieplatform-klimaat') }, moments: [moment(7, '10:00'), moment(9, '14:00')],
    note: 'Past ons participatieplatform bij een oproep, en met wie zouden we kunnen samenwerken?',
  });
  now = new Date(realNow);
  console.log(`Demo loaded: ${ideas.length} ideas from ${members.size} municipalities and 8 calls (the last one a demo call, open now) into ${describeStore(config)}.`);
  console.log(`Projects catalogue: ${projects.added.length} added, ${projects.unchanged.length + projects.linked.length} there already.`);
  console.log('Partnerships: one forming (Lier, for the demo call), one approved and in the catalogue (Wevelgem); check-ins: one confirmed this week, one asked for.');
  console.log(`Every demo account signs in with the password you gave. Programme team first, then one per municipality:`);
  console.log(PROGRAMME_EMAIL);
  for (const m of members.values()) console.log(m.email);
} catch (err) {
  if (isAppError(err)) console.error(`Demo data rejected: ${err.message} ${JSON.stringify(err.fields ?? {})}`);
  throw err;
} finally {
  await store.close();
}
