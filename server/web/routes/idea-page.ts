// One idea's page is rendered in one place, so a GET and a form post answered with the page look the same.
import type { Request, Response } from 'express';
import { presentEndorsementSection, type EndorseForm } from '../views/presenters/endorsements.js';
import { presentIdea } from '../views/presenters/ideas.js';
import { presentHiddenBanner, presentModeration } from '../views/presenters/moderation.js';
import { isProgramme } from '../../domain/rules/who-may-act.js';
import type { Services } from '../../services.js';
import type { Idea } from '../../store/store.js';
import { t } from '../../i18n/index.js';

/** What the idea page reads: the idea, its organisation and call, whose contacts the viewer sees, endorsements and moderation. */
export type IdeaPageServices = Pick<Services, 'ideas' | 'organisations' | 'contacts' | 'endorsements' | 'moderation' | 'calls'> & Partial<Pick<Services, 'partnerships'>>;

export interface IdeaPageOptions {
  status?: number;
  /** The endorse form as the user sent it, re-shown after a validation error. */
  endorseForm?: EndorseForm;
}

/**
 * Renders one idea's page. `GET /ideas/:id` and the form posts that answer with the page itself (an
 * endorsement with a too-long message: 400, the message kept) share it, so the page is the same either way.
 * Contact visibility is loaded once as the domain's policy and used by every part of the page.
 */
export function ideaPage(services: IdeaPageServices) {
  /** The idea's partnership (a link), or for a member of the idea's local government the form that starts one. */
  async function partnershipPart(req: Request, idea: Idea) {
    if (!services.partnerships) return null;
    const existing = await services.partnerships.forIdea(req.actor, idea.id);
    if (existing) return { existing: { href: `/partnerships/${existing.id}`, title: existing.title, status: t(req.locale, `partnerships.status.${existing.status}`) } };
    const mayStart = req.actor?.role === 'member' && req.actor.organisationId === idea.organisationId && idea.status === 'open' && !idea.hidden;
    if (!mayStart) return null;
    const calls = (await services.calls.list()).filter((c) => c.status === 'open' || c.status === 'upcoming');
    return { start: { calls: calls.map((c) => ({ id: c.id, name: c.name, selected: c.id === idea.callId })) } };
  }

  return async function renderIdeaPage(req: Request, res: Response, id: string, options: IdeaPageOptions = {}): Promise<void> {
    const idea = await services.ideas.get(req.actor, id);
    const [org, contacts, endorsements, call] = await Promise.all([
      services.organisations.get(idea.organisationId),
      services.contacts.policy(req.actor, { ideaId: idea.id }),
      services.endorsements.listForIdea(req.actor, idea.id),
      idea.callId ? services.calls.get(idea.callId).catch(() => null) : null,
    ]);
    res.status(options.status ?? 200).render('pages/ideas/show', {
      title: idea.title,
      idea: presentIdea(idea, org ?? undefined, req.actor, contacts),
      aimsAt: call ? { name: call.name, href: `/calls/${call.id}` } : null,
      paragraphs: idea.description.split(/\n\s*\n/).map((p) => p.trim()).filter(Boolean),
      endorsements: presentEndorsementSection(req.actor, idea, endorsements, contacts, options.endorseForm),
      partnership: await partnershipPart(req, idea),
      ...await (async () => {
        const note = await services.moderation.hiddenNote(req.actor, idea);
        const programme = isProgramme(req.actor);
        return { moderation: presentModeration(req.locale, programme, idea, note), hiddenBanner: programme ? null : presentHiddenBanner(req.locale, note) };
      })(),
    });
  };
}
