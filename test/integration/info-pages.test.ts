/**
 * The pages a Flemish public service must have (issue 16): help, contact, privacy, cookies and the
 * accessibility statement, in Dutch and English, linked from the footer of every page.
 */
import { expect } from 'chai';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/start-test-app.js';

describe('information pages: help, contact, privacy, cookies, accessibility statement', () => {
  let app: TestApp;
  before(async () => { app = await startTestApp({ env: { SESSION_TTL_HOURS: '9', CONTACT_EMAIL: 'medestander@programma.test' } }); });
  after(() => app.close());
  const decode = (html: string) => html.replace(/&#x27;/g, "'").replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');

  it('when any page is opened, then its footer links to all five and to the API documentation', async () => {
    for (const path of ['/', '/ideas', '/signin', '/help']) {
      const html = (await request(app.baseUrl).get(path).expect(200)).text;
      for (const href of ['/help', '/contact', '/privacy', '/cookies', '/accessibility', '/api/docs']) expect(html, `${path} → ${href}`).to.include(`<a href="${href}">`);
    }
  });

  it('when each is opened in Dutch and in English, then it answers 200 with its own heading in that language', async () => {
    const headings: Record<string, [string, string]> = {
      '/help': ['Hulp: zo werkt Medestander', 'Help: how Medestander works'],
      '/contact': ['Contact', 'Contact'],
      '/privacy': ['Privacyverklaring', 'Privacy statement'],
      '/cookies': ['Cookies', 'Cookies'],
      '/accessibility': ['Toegankelijkheidsverklaring', 'Accessibility statement'],
    };
    for (const [path, [nl, en]] of Object.entries(headings)) {
      expect((await request(app.baseUrl).get(path).expect(200)).text).to.include(`<h1>${nl}</h1>`);
      expect((await request(app.baseUrl).get(path).set('Cookie', 'lang=en').expect(200)).text).to.include(`<h1>${en}</h1>`);
    }
  });

  it('when the privacy statement is read, then it says what is kept, who sees contact details, the real session lifetime and how to get or delete the data', async () => {
    const html = decode((await request(app.baseUrl).get('/privacy').expect(200)).text);
    expect(html).to.include('Welke gegevens bewaren we?').and.include('Wie ziet je contactgegevens?');
    expect(html).to.include('Een sessie vervalt na 9 uur zonder activiteit.');
    expect(html).to.include('exporteren en ze wissen').and.include('Vlaamse Toezichtcommissie');
    expect(html).to.include('<a href="/contact">Contacteer het programmateam</a>').and.not.include('|/');
  });

  it('when the contact page is read, then it gives the CONTACT_EMAIL address as a mail link', async () => {
    const html = (await request(app.baseUrl).get('/contact').expect(200)).text;
    expect(html).to.include('<a href="mailto:medestander@programma.test">medestander@programma.test</a>');
  });

  it('when the accessibility statement is read, then it has the parts of the Flemish model: status, limits, feedback and enforcement', async () => {
    const html = (await request(app.baseUrl).get('/accessibility').expect(200)).text;
    for (const h of ['Nalevingsstatus', 'Wat nog niet toegankelijk is', 'Opstelling van deze verklaring', 'Feedback en contactgegevens', 'Handhavingsprocedure']) expect(html).to.include(`>${h}</h2>`);
    expect(html).to.include('WCAG) 2.1, niveau AA').and.include('Vlaamse Ombudsdienst');
  });
});
