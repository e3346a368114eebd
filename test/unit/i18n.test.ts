import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import { catalogues, formatDate, formatNumber, t } from '../../server/i18n/index.js';

const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n catalogue', () => {
  it('when a key exists in Dutch, it exists in English with the same parameters, and the other way round', () => {
    const nl = catalogues.nl;
    const en = catalogues.en;
    expect(Object.keys(en).sort()).to.deep.equal(Object.keys(nl).sort());
    for (const key of Object.keys(nl)) expect(params(en[key]!), key).to.deep.equal(params(nl[key]!));
  });

  it('when a template uses a literal key, the catalogue has it', () => {
    const root = path.resolve('views');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) walk(path.join(dir, e.name));
        else if (e.name.endsWith('.hbs')) files.push(path.join(dir, e.name));
      }
    };
    walk(root);
    const missing: string[] = [];
    for (const f of files) {
      for (const m of readFileSync(f, 'utf8').matchAll(/\{\{t "([^"]+)"/g)) if (!(m[1]! in catalogues.nl) && !(`${m[1]!}.other` in catalogues.nl)) missing.push(`${path.relative(root, f)}: ${m[1]}`);
    }
    expect(missing).to.deep.equal([]);
  });

  it('when parameters are given, they are filled in and numbers are formatted for the language', () => {
    expect(t('nl', 'home.stats', { ideas: 1234, organisations: 285 })).to.contain('1.234');
    expect(t('en', 'home.stats', { ideas: 1234, organisations: 285 })).to.contain('1,234');
  });

  it('when a count is given and the key has plural forms, the form for that count is chosen', () => {
    expect(t('nl', 'board.cluster.endorsements', { count: 1 })).to.equal('1 steunbetuiging');
    expect(t('nl', 'board.cluster.endorsements', { count: 3 })).to.equal('3 steunbetuigingen');
    expect(t('en', 'board.cluster.endorsements', { count: 1 })).to.equal('1 endorsement');
    expect(t('en', 'board.cluster.endorsements', { count: 0 })).to.equal('0 endorsements');
    expect(t('nl', 'board.cluster.size', { count: 1 })).to.equal('1 idee');
    expect(t('nl', 'ideas.list.count', { count: 1 })).to.equal('1 idee gevonden');
    expect(t('nl', 'ideas.list.count', { count: 12 })).to.equal('12 ideeën gevonden');
  });

  it('when the count is a number written as text (as notifications store it), the plural form is still chosen', () => {
    expect(t('nl', 'notifications.kind.cluster_digest', { count: '1', organisations: 'Lier' })).to.equal('Een nieuw gelijkaardig idee van Lier.');
    expect(t('nl', 'notifications.kind.cluster_digest', { count: '4', organisations: 'Lier' })).to.equal('4 nieuwe gelijkaardige ideeën van Lier.');
  });

  it('when a text of the interface is read, it follows the glossary (docs/glossary.md)', () => {
    const banned = [/\bpost(en|te|ten)?\b/i, /\bgepost\b/i, /live bord/i, /\bje kunt\b/i, /\bstand\b/i, /gedeelde termen/i, /bondgeno/i, /\borganisaties?\b/i];
    const offending = Object.entries(catalogues.nl).filter(([, v]) => banned.some((b) => b.test(v))).map(([k, v]) => `${k}: ${v}`);
    expect(offending).to.deep.equal([]);
    // English: "local government", "submit", "Overview", "status"; the API's technical page (apidocs.*) aside.
    const bannedEn = [/\borganisations?\b(?![}])/i, /\bpost(ed|ing)?\b/i, /live board/i, /shared terms/i, /\ballies\b/i, /\bstate\b/i];
    const offendingEn = Object.entries(catalogues.en).filter(([k, v]) => !k.startsWith('apidocs.') && bannedEn.some((b) => b.test(v.replace(/\{\w+\}/g, '')))).map(([k, v]) => `${k}: ${v}`);
    expect(offendingEn).to.deep.equal([]);
  });

  it('when a key is missing, the key itself is shown rather than nothing', () => {
    expect(t('en', 'no.such.key')).to.equal('no.such.key');
  });

  it('when a date is formatted, it is in the language and in Brussels time', () => {
    expect(formatDate('nl', '2026-03-01T23:30:00.000Z')).to.equal('2 maart 2026');
    expect(formatDate('en', '2026-03-01T23:30:00.000Z')).to.equal('2 March 2026');
    expect(formatNumber('nl', 0.5)).to.equal('0,5');
  });
});

describe('i18n catalogue: every notification has its words', () => {
  it('when a notification kind exists, then it has a text (or texts per variant) and, when it can be mailed, a mail subject, in both languages', async () => {
    const { NOTIFICATION_KINDS, MAIL_KIND_OF, MAIL_KINDS } = await import('../../server/store/store.js');
    const missing: string[] = [];
    for (const locale of ['nl', 'en'] as const) {
      const keys = Object.keys(catalogues[locale]);
      for (const kind of NOTIFICATION_KINDS) {
        const base = `notifications.kind.${kind}`;
        if (!keys.some((k) => k === base || k === `${base}.other` || k.startsWith(`${base}.`))) missing.push(`${locale}: ${base}`);
        if (MAIL_KIND_OF[kind] && !keys.includes(`mail.subject.${kind}`)) missing.push(`${locale}: mail.subject.${kind}`);
      }
      for (const kind of MAIL_KINDS) {
        for (const key of [`mail.what.${kind}`, `account.page.kind.${kind}`, `fields.${kind}`]) if (!keys.includes(key)) missing.push(`${locale}: ${key}`);
      }
    }
    expect(missing).to.deep.equal([]);
  });
});
