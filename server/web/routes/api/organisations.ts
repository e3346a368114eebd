// The participating organisations over JSON, so API clients can find the organisation they need.
import { Router } from 'express';
import { featureRouter } from '../routing.js';
import { AppError } from '../../../errors.js';
import type { Organisation } from '../../../store/store.js';
import type { Services } from '../../../services.js';

const collator = new Intl.Collator('nl-BE');

export const presentOrganisation = (o: Organisation) => ({
  id: o.id, kind: o.kind, country: o.country, code: o.code, name: o.name, province: o.province, arrondissement: o.arrondissement,
});

/** `GET /api/organisations?province=Limburg`: the organisations, sorted by name. */
export function apiOrganisationsRouter({ organisations: directory }: Pick<Services, 'organisations'>): Router {
  const router = featureRouter();
  router.get('/api/organisations', async (req, res) => {
    const { province } = req.query;
    if (province !== undefined && (typeof province !== 'string' || province.length > 60)) {
      throw new AppError('validation_failed', 'errors.validation_failed', { fields: { province: { key: 'errors.field.invalid' } } });
    }
    const organisations = await directory.list(province ? { province } : {});
    res.json({ items: organisations.sort((a, b) => collator.compare(a.name, b.name)).map(presentOrganisation) });
  });
  return router;
}
