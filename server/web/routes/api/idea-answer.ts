// One idea as the JSON API answers it, shared by the ideas and moderation APIs so both show the same
// organisation and contact person (as the contact rule allows this viewer).
import type { Viewer } from '../../../domain/actor.js';
import type { Services } from '../../../services.js';
import type { Idea } from '../../../store/store.js';
import { presentIdea } from '../../views/presenters/ideas.js';

export type IdeaAnswerServices = Pick<Services, 'organisations' | 'contacts'>;

export async function ideaAnswer({ organisations, contacts }: IdeaAnswerServices, viewer: Viewer, idea: Idea) {
  const [org, policy] = await Promise.all([organisations.get(idea.organisationId), contacts.policy(viewer, { ideaId: idea.id })]);
  return presentIdea(idea, org ?? undefined, viewer, policy);
}
