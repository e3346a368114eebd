import { expect } from 'chai';
import request, { type Agent } from 'supertest';
import { actorOf } from '../../server/domain/actor.js';
import type { Idea } from '../../server/store/store.js';
import { clusterWorld, type ClusterWorld } from '../support/cluster-fixture.js';
import { signIn } from '../support/start-test-app.js';

/** RFC 4180 with `;`: quoted fields, doubled quotes, CRLF rows. Returns the rows as arrays of cells. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = []; let cell = ''; let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') quoted = false; else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ';') { row.push(cell); cell = ''; }
    else if (ch === '\r' && text[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i++; }
    else cell += ch;
  }
  if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

const records = (text: string) => {
  const [header, ...rows] = parseCsv(text);
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
};

/** supertest buffers unknown types; read the body as UTF-8 text, BOM included. */
const asText = (res: request.Response) => (typeof res.text === 'string' && res.text.length ? res.text : Buffer.from(res.body as Buffer).toString('utf8'));
const binary = (req: request.Test) => req.buffer(true).parse((res, cb) => { const chunks: Buffer[] = []; res.on('data', (c: Buffer) => chunks.push(c)); res.on('end', () => cb(null, Buffer.concat(chunks).toString('utf8'))); });

describe('exports: CSV and JSON for the programme team', () => {
  let w: ClusterWorld;
  let programme: Agent;
  let mol: Agent; let molCsrf: string;
  let tricky: Idea;

  before(async () => {
    w = await clusterWorld();
    programme = request.agent(w.app.baseUrl);
    await signIn(programme, w.programme.email);
    mol = request.agent(w.app.baseUrl);
    molCsrf = await signIn(mol, w.users.mol.email);
    tricky = await w.app.services.ideas.create(actorOf(w.users.herk), {
      title: '=HYPERLINK("http://evil.test";"klik")', theme: 'workplace',
      description: '+Eén loket; met "aanhalingstekens",\nover twee regels – voor Sint-Truiden en Überherrn.',
      tags: ['-min', '@at'], contact: { name: '@Jan Peeters', email: 'jan@herk.test' },
    });
    await w.app.services.moderation.hide(actorOf(w.programme), w.ideas.parkeren.id, { reason: 'Buiten het programma' });
    await mol.post(`/api/ideas/${w.ideas.lier.id}/endorsements`).set('X-CSRF-Token', molCsrf).send({ message: '=1+1 wij ook' }).expect(201);
  });
  after(() => w?.app.close());

  const get = (path: string, agent: Agent = programme) => binary(agent.get(path));
  const exportAudits = async () => (await w.app.store.listAudit({ limit: 100, actions: ['export.downloaded'] })).length;

  it('when a member or a visitor asks for an export or the exports page, then 401/403 and nothing is logged', async () => {
    await request(w.app.baseUrl).get('/api/exports/ideas.csv').expect(401);
    await mol.get('/api/exports/ideas.csv').expect(403);
    await mol.get('/api/exports/clusters.json').expect(403);
    await mol.get('/admin/exports').expect(403);
    expect(await exportAudits()).to.equal(0);
  });

  it('when the programme team opens the exports page, then it links every dataset in both formats', async () => {
    const res = await programme.get('/admin/exports').expect(200);
    for (const d of ['ideas', 'endorsements', 'connections', 'clusters']) for (const f of ['csv', 'json']) expect(res.text).to.include(`/api/exports/${d}.${f}`);
  });

  it('when ideas.csv is downloaded, then it is a dated attachment, UTF-8 with BOM, ;-separated, parses back, and formulas are neutralised', async () => {
    const res = await get('/api/exports/ideas.csv').expect(200).expect('Content-Type', /text\/csv; charset=utf-8/);
    expect(res.headers['content-disposition']).to.match(/^attachment; filename="?medestander-ideas-\d{4}-\d{2}-\d{2}\.csv"?$/);
    const text = asText(res);
    expect(text.charCodeAt(0)).to.equal(0xfeff);
    const rows = records(text.slice(1));
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(rows.length).to.equal(7);
    const t = byId.get(tricky.id)!;
    expect(t.title).to.equal(`'=HYPERLINK("http://evil.test";"klik")`);
    expect(t.description).to.equal(`'+Eén loket; met "aanhalingstekens",\nover twee regels – voor Sint-Truiden en Überherrn.`);
    expect(t.contactName).to.equal("'@Jan Peeters");
    expect(t.tags).to.equal("'-min | @at");
    expect(byId.get(w.ideas.parkeren.id)!.hidden).to.equal('true');
    const lier = byId.get(w.ideas.lier.id)!;
    expect(lier).to.include({ organisation: w.orgs.lier.name, contactEmail: w.users.lier.email, clusterId: String(w.clusterId), endorsements: '1' });
    for (const r of rows) for (const v of Object.values(r)) expect(v).not.to.match(/^[=+\-@]/);
  });

  it('when ideas.json is downloaded, then it parses and holds every idea, hidden ones marked', async () => {
    const res = await get('/api/exports/ideas.json').expect(200).expect('Content-Type', /application\/json/);
    expect(res.headers['content-disposition']).to.match(/^attachment; filename="?medestander-ideas-\d{4}-\d{2}-\d{2}\.json"?$/);
    const body = JSON.parse(asText(res)) as { dataset: string; items: { id: string; hidden: boolean; title: string; tags: string[] }[] };
    expect(body.dataset).to.equal('ideas');
    expect(body.items).to.have.length(7);
    expect(body.items.find((i) => i.id === w.ideas.parkeren.id)!.hidden).to.equal(true);
    expect(body.items.find((i) => i.id === tricky.id)!.title).to.equal('=HYPERLINK("http://evil.test";"klik")');
  });

  it('when endorsements and connections are downloaded, then they hold the endorsement and its connection', async () => {
    const e = records(asText(await get('/api/exports/endorsements.csv').expect(200)).slice(1));
    expect(e).to.have.length(1);
    expect(e[0]).to.include({ ideaId: w.ideas.lier.id, organisation: w.orgs.mol.name, ideaOrganisation: w.orgs.lier.name, message: "'=1+1 wij ook" });
    const c = JSON.parse(asText(await get('/api/exports/connections.json').expect(200))) as { items: { ideaId: string; via: string; organisationA: string; organisationB: string }[] };
    expect(c.items).to.have.length(1);
    expect(c.items[0]).to.include({ ideaId: w.ideas.lier.id, via: 'endorsement' });
    expect([c.items[0]!.organisationA, c.items[0]!.organisationB].sort()).to.deep.equal([w.orgs.lier.name, w.orgs.mol.name].sort());
  });

  it('when clusters are downloaded, then each has its label and member ideas and organisations, in CSV and JSON', async () => {
    await w.app.services.clusters.setLabel(actorOf(w.programme), w.clusterId, { label: 'Afspraken burgerzaken' });
    const json = JSON.parse(asText(await get('/api/exports/clusters.json').expect(200))) as { items: { id: number; label: string; override: string | null; ideaIds: string[]; organisations: string[]; ideas: { id: string; title: string }[] }[] };
    const mine = json.items.find((c) => c.id === w.clusterId)!;
    expect(mine).to.include({ label: 'Afspraken burgerzaken', override: 'Afspraken burgerzaken' });
    expect(mine.ideaIds).to.include.members([w.ideas.lier.id, w.ideas.geel.id, w.ideas.mol.id]);
    expect(mine.organisations).to.include.members([w.orgs.lier.name, w.orgs.geel.name, w.orgs.mol.name]);
    expect(mine.ideas.map((i) => i.title)).to.include(w.ideas.lier.title);
    expect(json.items.flatMap((c) => c.ideaIds)).not.to.include(w.ideas.parkeren.id);
    const csv = records(asText(await get('/api/exports/clusters.csv').expect(200)).slice(1));
    const row = csv.find((r) => r.id === String(w.clusterId))!;
    expect(row.label).to.equal('Afspraken burgerzaken');
    expect(row.ideaIds!.split(' | ')).to.include.members([w.ideas.lier.id, w.ideas.geel.id]);
    expect(row.ideaTitles).to.include(w.ideas.geel.title);
  });

  it('when downloads happen, then each is in the audit log; an unknown export is 404 and not logged', async () => {
    const before = await exportAudits();
    await get('/api/exports/ideas.csv').expect(200);
    expect(await exportAudits()).to.equal(before + 1);
    const [latest] = await w.app.store.listAudit({ limit: 1 });
    expect(latest).to.deep.include({ action: 'export.downloaded', targetId: 'ideas.csv', actorId: w.programme.id });
    await programme.get('/api/exports/passwords.csv').expect(404);
    await programme.get('/api/exports/ideas.xlsx').expect(404);
    expect(await exportAudits()).to.equal(before + 1);
  });
});
