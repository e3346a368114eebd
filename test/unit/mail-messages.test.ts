import { expect } from 'chai';
import { mailMessage } from '../../server/domain/mail-messages.js';
import { unsubscribeTokens } from '../../server/domain/unsubscribe-tokens.js';
import { backoffMs } from '../../server/mail-outbox.js';
import type { NotificationKind, OutboxMail } from '../../server/store/store.js';

const tokens = unsubscribeTokens('a test secret that is long enough for this');
const opts = { baseUrl: 'https://medestander.example.be', tokens, host: 'medestander.example.be' };
const user = { id: 'u1', email: 'jan@lier.test', name: 'Jan', locale: 'nl' as const };
const mail = (kind: NotificationKind, params: Record<string, string>, link = '/ideas/i1'): OutboxMail => ({
  id: 'n1', userId: 'u1', kind, params, link, state: 'sending', attempts: 1, nextAttemptAt: '', leaseUntil: null, lastError: null, createdAt: '', doneAt: null,
});

describe('mail messages (issue 16.2)', () => {
  it('when each kind is rendered in Dutch and English, then subject and text are in that language, with the page link and the kind\'s own unsubscribe link', () => {
    const cases: [NotificationKind, Record<string, string>, string, string][] = [
      ['endorsed', { organisation: 'Mol', idea: 'Loket' }, 'Mol steunt je idee ‘Loket’', 'Mol supports your idea ‘Loket’'],
      ['connected', { organisation: 'Mol', idea: 'Loket' }, 'Je bent in contact met Mol', 'You are in contact with Mol'],
      ['introduced', { organisation: 'Mol (Jan, jan@mol.test)', idea: 'Afspraken', cluster: '3' }, 'Het programmateam bracht je in contact rond ‘Afspraken’', 'The programme team put you in contact around ‘Afspraken’'],
      ['cluster_digest', { count: '3', organisations: 'Mol, Geel' }, 'Nieuwe gelijkaardige ideeën op Medestander', 'New similar ideas on Medestander'],
      ['idea_hidden', { idea: 'Loket', reason: 'Dubbel' }, 'Je idee ‘Loket’ werd verborgen', 'Your idea ‘Loket’ was hidden'],
    ];
    const kindOf: Record<string, string> = { endorsed: 'endorsed', connected: 'connected', introduced: 'introduced', cluster_digest: 'digest', idea_hidden: 'hidden' };
    for (const [kind, params, nl, en] of cases) {
      const dutch = mailMessage(mail(kind, params), user, opts);
      const english = mailMessage(mail(kind, params), { ...user, locale: 'en' }, opts);
      expect(dutch.subject).to.equal(nl);
      expect(english.subject).to.equal(en);
      expect(dutch.text).to.include('Dag Jan,').and.include('https://medestander.example.be/ideas/i1');
      expect(english.text).to.include('Hello Jan,');
      const link = /\/mail\/unsubscribe\/(\S+)/.exec(dutch.text)![1]!;
      expect(tokens.verify(decodeURIComponent(link))).to.deep.equal({ userId: 'u1', kind: kindOf[kind] });
      expect(dutch.headers['List-Unsubscribe']).to.equal(`<https://medestander.example.be/mail/unsubscribe/${link}>`);
      expect(dutch.messageId).to.equal('<n1@medestander.example.be>');
      expect(dutch.to).to.equal('jan@lier.test');
    }
  });

  it('when a link is not a path of the app, or a subject holds a line break, then the mail links to the inbox and the subject stays one line', () => {
    const m = mailMessage(mail('endorsed', { organisation: 'Mol\r\nBcc: x@evil.test', idea: 'Loket' }, 'https://evil.test/x'), user, opts);
    expect(m.text).to.include('https://medestander.example.be/notifications').and.not.include('evil.test/x');
    expect(m.subject).not.to.match(/[\r\n]/);
  });

  it('when an unsubscribe token is changed in any part, then it is refused', () => {
    const good = tokens.sign('u1', 'endorsed');
    const [id, kind, sig] = good.split('.');
    for (const bad of [`u2.${kind}.${sig}`, `${id}.connected.${sig}`, `${id}.${kind}.${sig!.slice(0, -1)}A`, `${good}.x`, '', null, 42]) {
      expect(tokens.verify(bad)).to.equal(null);
    }
    expect(unsubscribeTokens('another secret, another key, also long').verify(good)).to.equal(null);
  });

  it('when retries follow each other, then the wait doubles from the first, up to an hour', () => {
    expect([1, 2, 3, 4].map((a) => backoffMs(a, 30_000))).to.deep.equal([30_000, 60_000, 120_000, 240_000]);
    expect(backoffMs(20, 30_000)).to.equal(3600_000);
  });
});
