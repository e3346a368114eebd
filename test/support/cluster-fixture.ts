/**
 * A small world for the programme team's tools: three municipalities with near-duplicate appointment
 * ideas (they cluster together), a few ideas about other things, a programme-team user, clusters
 * recomputed once. Used by the clusters, moderation and exports integration tests.
 *
 *   const w = await clusterWorld();          // w.app, w.orgs.lier, w.users.lier, w.ideas.lier, w.clusterId
 *   after(() => w.app.close());
 */
import { actorOf } from '../../server/domain/actor.js';
import type { Idea, Organisation, User } from '../../server/store/store.js';
import { startTestApp, type TestApp } from './start-test-app.js';

export const TEXTS = {
  lier: { title: 'Online afsprakensysteem voor het loket burgerzaken', description: 'Inwoners boeken zelf een afspraak aan het loket burgerzaken via de website, met een herinnering per sms en minder wachtrijen aan de balie.' },
  geel: { title: 'Digitaal afspraken maken bij de dienst burgerzaken', description: 'Burgers plannen via een online agenda een afspraak voor hun identiteitskaart, rijbewijs of paspoort, zodat er geen wachtrij meer staat aan het loket.' },
  mol: { title: 'Afspraak boeken aan het loket burgerzaken', description: 'Een online agenda waarin inwoners een afspraak boeken voor burgerzaken, met een herinnering per sms.' },
  glas: { title: 'Slimme sensoren in ondergrondse glascontainers', description: 'Sensoren meten de vulgraad van de glasbollen zodat de ophaling van glas efficiënter gepland wordt en overvolle containers verdwijnen.' },
  begroting: { title: 'Burgerbudget met digitale stemming', description: 'Inwoners dienen projectvoorstellen in voor hun wijk en stemmen digitaal over de besteding van een deel van het gemeentebudget.' },
  parkeren: { title: 'Parkeersensoren in de dorpskern', description: 'Sensoren tonen vrije parkeerplaatsen in een app, zodat er minder zoekverkeer is in het centrum en op de markt.' },
} as const;

type Town = 'lier' | 'geel' | 'mol' | 'herk';

export interface ClusterWorld {
  app: TestApp;
  orgs: Record<Town, Organisation>;
  users: Record<Town, User>;
  programme: User;
  ideas: { lier: Idea; geel: Idea; mol: Idea; glas: Idea; begroting: Idea; parkeren: Idea };
  /** The cluster of the appointment ideas (Lier's idea's cluster after the first recompute). */
  clusterId: number;
}

export async function clusterWorld(env: Record<string, string> = {}): Promise<ClusterWorld> {
  const app = await startTestApp({ env: { RECOMPUTE_DEBOUNCE_MS: '20', ...env } });
  const names: Record<Town, string> = { lier: 'Lier', geel: 'Geel', mol: 'Mol', herk: 'Herk-de-Stad' };
  const orgs = {} as Record<Town, Organisation>;
  const users = {} as Record<Town, User>;
  for (const town of Object.keys(names) as Town[]) {
    orgs[town] = await app.createOrganisation({ name: `${names[town]} (test ${Math.random().toString(36).slice(2, 6)})` });
    users[town] = await app.createMember(orgs[town].id, { name: `Medewerker ${names[town]}`, phone: '+32 3 123 45 67' });
  }
  const post = (user: User, text: { title: string; description: string }) =>
    app.services.ideas.create(actorOf(user), { ...text, theme: 'services', contact: { name: user.name, email: user.email, phone: user.phone ?? '' } });
  const ideas = {
    lier: await post(users.lier, TEXTS.lier),
    geel: await post(users.geel, TEXTS.geel),
    mol: await post(users.mol, TEXTS.mol),
    glas: await post(users.herk, TEXTS.glas),
    begroting: await post(users.lier, TEXTS.begroting),
    parkeren: await post(users.geel, TEXTS.parkeren),
  };
  await app.services.matching.recomputeNow();
  const cluster = app.services.matching.clusterOf(ideas.lier.id);
  if (!cluster) throw new Error("Lier's idea joined no cluster");
  const programme = await app.createProgramme({ name: 'Programmateam Test' });
  return { app, orgs, users, programme, ideas, clusterId: cluster.id };
}
