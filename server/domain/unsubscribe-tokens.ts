// Every mail must be stoppable from the mail itself, without signing in: signed unsubscribe links.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { MAIL_KINDS, type MailKind } from '../store/store.js';

/**
 * Signed unsubscribe links (issue 16.2): `<userId>.<kind>.<signature>`, signed with a key derived from
 * SESSION_SECRET (never the secret itself). They do not expire: a mail read a year later must still
 * stop the next ones. They only ever switch one kind of mail off for one user, which is also why
 * they need no sign-in.
 *
 *   const tokens = unsubscribeTokens(secret);
 *   const token = tokens.sign(user.id, 'endorsed');
 *   tokens.verify(token) // { userId, kind } or null
 */
export function unsubscribeTokens(secret: string) {
  const key = createHmac('sha256', secret).update('medestander unsubscribe v1').digest();
  const mac = (userId: string, kind: MailKind) => createHmac('sha256', key).update(`${userId}.${kind}`).digest('base64url');
  return {
    sign(userId: string, kind: MailKind): string {
      return `${userId}.${kind}.${mac(userId, kind)}`;
    },
    verify(token: unknown): { userId: string; kind: MailKind } | null {
      if (typeof token !== 'string' || token.length > 200) return null;
      const [userId, kind, signature, ...rest] = token.split('.');
      if (rest.length > 0 || !userId || !signature || !(MAIL_KINDS as readonly string[]).includes(kind ?? '')) return null;
      const expected = Buffer.from(mac(userId, kind as MailKind));
      const given = Buffer.from(signature);
      return expected.length === given.length && timingSafeEqual(expected, given) ? { userId, kind: kind as MailKind } : null;
    },
  };
}

export type UnsubscribeTokens = ReturnType<typeof unsubscribeTokens>;
