// A mail must be stoppable from the mail itself, without signing in, and a link scanner must not do it.
import type { Router } from 'express';
import { t } from '../../i18n/index.js';
import type { Services } from '../../services.js';
import { featureRouter } from './routing.js';

/**
 * Unsubscribing from one kind of mail through the signed link in every mail (issue 16.2), without
 * signing in. GET shows what the link does and a button (a mail scanner that follows links changes
 * nothing); POST does it, from that button or as RFC 8058 one-click from the mail client. The link is
 * its own authority (web/middleware/csrf.ts lets these POSTs through without a session token).
 *   GET|POST /mail/unsubscribe/:token
 */
export function mailRouter({ profile }: Pick<Services, 'profile'>): Router {
  const router = featureRouter();

  router.get('/mail/unsubscribe/:token', async (req, res) => {
    const found = await profile.checkUnsubscribe(req.params.token);
    if (!found) return res.status(404).render('pages/mail/unsubscribe', { titleKey: 'mail.unsubscribe_page.title', invalid: true });
    res.render('pages/mail/unsubscribe', {
      titleKey: 'mail.unsubscribe_page.title', token: req.params.token, email: found.email,
      what: t(req.locale, `mail.what.${found.kind}`), done: !found.mailed,
    });
  });

  router.post('/mail/unsubscribe/:token', async (req, res) => {
    const done = await profile.unsubscribe(req.params.token);
    if (!done) return res.status(404).render('pages/mail/unsubscribe', { titleKey: 'mail.unsubscribe_page.title', invalid: true });
    res.render('pages/mail/unsubscribe', { titleKey: 'mail.unsubscribe_page.title', done: true, what: t(req.locale, `mail.what.${done.kind}`) });
  });
  return router;
}
