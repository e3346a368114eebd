// What our middleware adds to Express's request and session, declared once so every route is typed by it.
import type { Actor } from '../domain/actor.js';
import type { Locale } from '../i18n/index.js';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** The signed-in user, or null for a visitor. Set by middleware/auth.ts. */
      actor: Actor | null;
      locale: Locale;
    }
  }
}

declare module 'express-session' {
  interface SessionData {
    userId: string;
    csrfToken: string;
    /** A one-time message for the next page ("Idea posted"), as an i18n key. */
    flash: { key: string; params?: Record<string, string> };
  }
}

export {};
