// The domain's one notion of who is acting, so no feature needs the full user record or an HTTP request.
import type { Role, User } from '../store/store.js';

/** Who is acting: a signed-in user (as far as the domain cares) or a visitor (null). */
export interface Actor {
  id: string;
  role: Role;
  organisationId: string | null;
  name: string;
  email: string;
  phone: string | null;
}

export type Viewer = Actor | null;

export const actorOf = (u: User): Actor => ({
  id: u.id, role: u.role, organisationId: u.organisationId, name: u.name, email: u.email, phone: u.phone,
});
