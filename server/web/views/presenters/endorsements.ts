// An idea page's endorsement section: which buttons a viewer gets, and why they see a contact person.
import type { Viewer } from '../../../domain/actor.js';
import { ENDORSEMENT_MESSAGE_MAX, type EndorsementWithContact } from '../../../domain/endorsements.js';
import type { ContactPolicy } from '../../../domain/rules/contacts.js';
import { isMember } from '../../../domain/rules/who-may-act.js';
import type { Idea } from '../../../store/store.js';

/** The endorse form as the user left it: what they typed and, after a 400, what is wrong with it. */
export interface EndorseForm {
  values: { message: string };
  errors?: Record<string, { code: string; message: string }>;
  errorSummary?: { id: string | null; message: string }[];
}

/**
 * The "Wij vinden dit ook waardevol" section of an idea page (`views/partials/ideas/endorsements.hbs`).
 * Which buttons show follows the domain's rules (members of another organisation, open ideas, once per
 * organisation); the domain still checks them on every post. `contactReason` explains to a member why
 * they see the contact person of an idea that is not theirs, or who sees theirs.
 */
export function presentEndorsementSection(viewer: Viewer, idea: Idea, list: EndorsementWithContact[], contacts: ContactPolicy, form?: EndorseForm) {
  const member = isMember(viewer);
  const own = member && viewer.organisationId === idea.organisationId;
  const endorsed = list.some((e) => e.mine);
  let contactReason: string | null = null;
  if (own) contactReason = 'endorsements.contact_reason.own';
  else if (member && contacts.seesIdeaContact(idea)) contactReason = endorsed ? 'endorsements.contact_reason.endorsed' : 'endorsements.contact_reason.introduced';
  return {
    ideaId: idea.id,
    maxLength: ENDORSEMENT_MESSAGE_MAX,
    signIn: !viewer && idea.status === 'open',
    canEndorse: member && !own && !endorsed && idea.status === 'open',
    closed: member && !own && !endorsed && idea.status !== 'open',
    endorsed: member && endorsed,
    contactReason,
    items: list.map((e) => ({ organisation: e.organisation, message: e.message, createdAt: e.createdAt, mine: e.mine, contact: e.contact })),
    values: form?.values ?? { message: '' },
    errors: form?.errors ?? {},
    errorSummary: form?.errorSummary ?? [],
  };
}
