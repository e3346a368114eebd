import { expect } from 'chai';
import request from 'supertest';
import { signIn, startTestApp, type TestApp } from '../../support/start-test-app.js';

/** Reads CSV as a spreadsheet does: quotes respected, fields split on `separator`. */
function parseCsv(text: string, separator: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = []; let cell = ''; let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') quoted = false; else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === separator) { row.push(cell); cell = ''; }
    else if (ch === '\r' && text[i + 1] === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; i++; }
    else cell += ch;
  }
  if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

const FORMULA = /^[=+\-@\t\r]/;
const binary = (req: request.Test) => req.buffer(true).parse((res, cb) => { const chunks: Buffer[] = []; res.on('data', (c: Buffer) => chunks.push(c)); res.on('end', () => cb(null, Buffer.concat(chunks).toString('utf8'))); });

describe('hardening: CSV exports hold no formula cell, split on ; or , (issue 15.6)', () => {
  let app: TestApp;
  before(async () => { app = await startTestApp(); });
  after(() => app.close());

  it('when texts hide formulas after a comma, a semicolon or a quote, no export has a cell that starts a formula, with either separator', async () => {
    const [orgA, orgB] = [await app.createOrganisation(), await app.createOrganisation()];
    const a = request.agent(app.baseUrl);
    const aCsrf = await signIn(a, (await app.createMember(orgA.id)).email);
    const posted = await a.post('/api/ideas').set('X-CSRF-Token', aCsrf).send({
      title: "Idee,=2+5+cmd|' /C calc'!A0,rest",
      description: 'Een loket; =HYPERLINK("http://evil.test") en ,@SUM(1,2) en "=1+1" na een aanhalingsteken.',
      theme: 'services', tags: ['x,=1+1', ' -2+3'],
      contact: { name: '"=Jan", Peeters', email: 'jan@lier.test' },
    });
    expect(posted.status, JSON.stringify(posted.body)).to.equal(201);
    const b = request.agent(app.baseUrl);
    const bCsrf = await signIn(b, (await app.createMember(orgB.id)).email);
    expect((await b.post(`/api/ideas/${posted.body.idea?.id ?? posted.body.id}/endorsements`).set('X-CSRF-Token', bCsrf).send({ message: 'Wij ook,=1+1;+2 "@3"' })).status).to.equal(201);

    const programme = request.agent(app.baseUrl);
    await signIn(programme, (await app.createProgramme()).email);
    let formulaCells = 0;
    let cells = 0;
    for (const dataset of ['ideas', 'endorsements', 'connections', 'clusters']) {
      const res = await binary(programme.get(`/api/exports/${dataset}.csv`)).expect(200);
      const text = String(res.body).replace(/^\uFEFF/, '');
      for (const separator of [';', ',']) {
        for (const row of parseCsv(text, separator)) for (const cell of row) { cells++; if (FORMULA.test(cell)) formulaCells++; }
      }
      if (dataset === 'ideas') {
        const [header, ...rows] = parseCsv(text, ';');
        const title = rows.map((r) => r[header!.indexOf('title')]).find((t) => t?.includes('calc'));
        expect(title, 'the title still reads back whole, as text').to.equal("Idee,=2+5+cmd|' /C calc'!A0,rest");
      }
    }
    expect(cells).to.be.greaterThan(20);
    expect(formulaCells).to.equal(0);
  });
});
