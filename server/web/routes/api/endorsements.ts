// Endorsements and "My organisation" over JSON for API clients, by the same domain rules as the pages.
import { Router } from 'express';
import { featureRouter } from '../routing.js';
import type { Endorsement } from '../../../store/store.js';
import { requireUser } from '../../middleware/auth.js';
import type { Services } from '../../../services.js';

/**
 * Endorsements and "My organisation" over JSON, with the pages' rules (the domain enforces them):
 *   GET    /api/ideas/:id/endorsements        anyone; messages and endorsers' contacts as the contact policy allows
 *   POST   /api/ideas/:id/endorsements        201 { endorsement, newlyConnected, contact }
 *   DELETE /api/ideas/:id/endorsements/mine   200 { endorsement, connected } when taken back; 204 when there was none
 *   GET    /api/my-organisation               members: the same overview as the page
 * Paths have more segments than `/api/ideas/:id`, so no route of the ideas API can shadow them.
 */
export function apiEndorsementsRouter({ endorsements, ideas, organisations, contacts, myOrganisation }: Pick<Services, 'endorsements' | 'ideas' | 'organisations' | 'contacts' | 'myOrganisation'>): Router {
  const router = featureRouter();

  async function present(e: Endorsement) {
    const org = await organisations.get(e.organisationId);
    return { id: e.id, ideaId: e.ideaId, organisation: { id: e.organisationId, name: org?.name ?? e.organisationId }, message: e.message, createdAt: e.createdAt, mine: true };
  }

  router.get('/api/ideas/:id/endorsements', async (req, res) => {
    res.json({ items: await endorsements.listForIdea(req.actor, String(req.params.id)) });
  });

  router.post('/api/ideas/:id/endorsements', requireUser, async (req, res) => {
    const idea = await ideas.get(req.actor, String(req.params.id));
    // Asked before, so the answer can say whether this endorsement made the connection (or one already held it).
    const connectedBefore = await endorsements.canSeeContact(req.actor, idea);
    const endorsement = await endorsements.endorse(req.actor!, idea.id, req.body ?? {});
    res.status(201).location(`/api/ideas/${idea.id}/endorsements`).json({
      endorsement: await present(endorsement),
      newlyConnected: !connectedBefore,
      contact: idea.contact,
    });
  });

  router.delete('/api/ideas/:id/endorsements/mine', requireUser, async (req, res) => {
    const removed = await endorsements.withdraw(req.actor!, String(req.params.id));
    if (!removed) return void res.status(204).end();
    // Whatever the idea's state now (withdrawn, hidden): did another connection keep its contact in view?
    res.json({ endorsement: await present(removed), connected: await contacts.canSeeById(req.actor, removed.ideaId) });
  });

  router.get('/api/my-organisation', async (req, res) => {
    res.json(await myOrganisation.overview(req.actor));
  });

  return router;
}
