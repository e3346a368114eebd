// A Flemish public service must have help, contact, privacy, cookie and accessibility pages (issue 16).
import type { Request, Response } from 'express';
import { catalogues, DEFAULT_LOCALE, t, type Params } from '../../i18n/index.js';
import type { Config } from '../../config.js';
import { featureRouter } from './routing.js';

/**
 * The pages a Flemish public service must have (issue 16): help, contact, privacy statement, cookies and
 * the accessibility statement, linked from every page's footer. Their text lives in the catalogue
 * (i18n/<locale>/info-pages.json) as `info.<page>.<section>.<part>`, read in the catalogue's order:
 *   heading   the section's heading          p1, p2 …  paragraphs
 *   li1 …     items of one list              link      "text|/path" (a link on its own line)
 *   email     the programme team's address (CONTACT_EMAIL), or a sentence saying it is not set
 * Retention figures come from the settings, so the privacy statement says what the app really does.
 */
export const INFO_PAGES = ['help', 'contact', 'privacy', 'cookies', 'accessibility'] as const;

interface Part { kind: 'p' | 'list' | 'link' | 'email'; text?: string; items?: string[]; href?: string; label?: string }
interface Section { id: string; heading: string | null; parts: Part[] }

function sectionsOf(page: string, locale: Request['locale'], params: Params, contactEmail: string | null): Section[] {
  const prefix = `info.${page}.`;
  const sections: Section[] = [];
  for (const key of Object.keys(catalogues[DEFAULT_LOCALE]).filter((k) => k.startsWith(prefix))) {
    const [id, part] = key.slice(prefix.length).split('.') as [string, string | undefined];
    if (!part) continue; // title, lead
    let section = sections.find((s) => s.id === id);
    if (!section) sections.push(section = { id, heading: null, parts: [] });
    const text = t(locale, key, params);
    if (part === 'heading') section.heading = text;
    else if (/^li\d+$/.test(part)) {
      const last = section.parts[section.parts.length - 1];
      if (last?.kind === 'list') last.items!.push(text); else section.parts.push({ kind: 'list', items: [text] });
    } else if (part === 'link') {
      const [label, href] = text.split('|');
      section.parts.push({ kind: 'link', text: label, href });
    } else if (part === 'email') {
      section.parts.push(contactEmail ? { kind: 'email', label: text, href: `mailto:${contactEmail}`, text: contactEmail } : { kind: 'p', text: t(locale, 'info.email_missing') });
    } else section.parts.push({ kind: 'p', text });
  }
  return sections;
}

export function infoRouter({ config }: { config: Pick<Config, 'sessionTtlMs' | 'invitationTtlMs' | 'passwordResetTtlMs' | 'signin' | 'contactEmail'> }) {
  const router = featureRouter();
  const params: Params = {
    sessionHours: Math.round(config.sessionTtlMs / 3600_000),
    invitationDays: Math.round(config.invitationTtlMs / 86_400_000),
    resetMinutes: Math.round(config.passwordResetTtlMs / 60_000),
    windowMinutes: Math.round(config.signin.windowMs / 60_000),
  };
  for (const page of INFO_PAGES) {
    router.get(`/${page}`, (req: Request, res: Response) => {
      res.render('pages/info', {
        titleKey: `info.${page}.title`,
        page,
        lead: t(req.locale, `info.${page}.lead`, params),
        sections: sectionsOf(page, req.locale, params, config.contactEmail),
      });
    });
  }
  return router;
}
