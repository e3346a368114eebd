// Users set their own name, language and how notices reach them on one page, working without JavaScript.
import type { Request, Response, Router } from 'express';
import { isAppError } from '../../errors.js';
import { DELIVERIES, MAIL_KINDS } from '../../domain/notifications.js';
import type { DigestFrequency, NotificationSettings } from '../../store/store.js';
import { csrfToken } from '../middleware/csrf.js';
import { translateFields } from '../middleware/errors.js';
import { LOCALE_COOKIE } from '../middleware/locale.js';
import type { Config } from '../../config.js';
import type { Services } from '../../services.js';
import { signInFirst } from '../middleware/sign-in-first.js';
import { featureRouter } from './routing.js';

const FREQUENCIES: readonly DigestFrequency[] = ['immediate', 'daily', 'never'];
const str = (v: unknown) => (typeof v === 'string' ? v : '');

/**
 * The account page (issue 16.6): name, phone and language (also the language of the mails), the
 * notification settings per kind (mail, in the app only, never; and how often similar ideas are told),
 * and the way to change the password, in one place. Plain forms, input kept on an error.
 *   GET /account, POST /account/profile, POST /account/notifications
 */
export function accountPageRouter({ profile, notifications, config }: Pick<Services, 'profile' | 'notifications'> & { config: Pick<Config, 'digestHour' | 'mail' | 'env'> }): Router {
  const router = featureRouter();
  const toAccount = signInFirst('/account');

  async function render(req: Request, res: Response, status: number, over: {
    profileValues?: Record<string, string>; profileErrors?: Record<string, { message: string }>;
    settings?: Partial<Record<keyof NotificationSettings, string>>; settingsErrors?: Record<string, { message: string }>;
  } = {}) {
    const user = await profile.get(req.actor);
    const stored = await notifications.getSettings(req.actor);
    const values = over.profileValues ?? { name: user.name, phone: user.phone ?? '', locale: user.locale };
    const settings = { ...stored, ...over.settings };
    const errors = { ...over.profileErrors, ...over.settingsErrors };
    res.status(status).render('pages/account/index', {
      titleKey: 'account.page.title',
      csrfToken: csrfToken(req),
      email: user.email,
      values,
      locales: (['nl', 'en'] as const).map((value) => ({ value, checked: values.locale === value })),
      kinds: MAIL_KINDS.map((kind) => ({
        kind, error: errors[kind],
        options: DELIVERIES.map((value) => ({ value, checked: settings[kind] === value })),
      })),
      clusterJoined: FREQUENCIES.map((value) => ({ value, checked: settings.clusterJoined === value })),
      digestHour: config.digestHour,
      mailOff: config.mail.transport === 'off',
      errors,
      errorSummary: Object.entries(errors).map(([id, e]) => ({ id, message: e!.message })),
    });
  }

  router.get('/account', toAccount, (req, res) => render(req, res, 200));

  router.post('/account/profile', toAccount, async (req, res) => {
    const values = { name: str(req.body.name), phone: str(req.body.phone), locale: str(req.body.locale) };
    try {
      const user = await profile.update(req.actor, values);
      // The interface follows the language chosen here (the mails do so through the stored locale).
      res.cookie(LOCALE_COOKIE, user.locale, { maxAge: 365 * 24 * 3600_000, sameSite: 'lax', httpOnly: true, secure: config.env === 'production' });
      req.session.flash = { key: 'account.page.profile_saved' };
      res.redirect(303, '/account');
    } catch (err) {
      if (!isAppError(err) || err.code !== 'validation_failed') throw err;
      await render(req, res, 400, { profileValues: values, profileErrors: translateFields(req.locale, err.fields) });
    }
  });

  router.post('/account/notifications', toAccount, async (req, res) => {
    const input: Record<string, string> = {};
    for (const key of ['clusterJoined', ...MAIL_KINDS]) input[key] = str(req.body[key]);
    try {
      await notifications.updateSettings(req.actor, input);
      req.session.flash = { key: 'notifications.flash.settings_saved' };
      res.redirect(303, '/account#notification-settings');
    } catch (err) {
      if (!isAppError(err) || err.code !== 'validation_failed') throw err;
      await render(req, res, 400, { settings: input, settingsErrors: translateFields(req.locale, err.fields) });
    }
  });

  return router;
}
