/**
 * The SQLite side of erasing a user's personal data (issue 16.6): one IMMEDIATE transaction, so a
 * failure half-way leaves everything as it was. Ideas stay (they belong to the organisation); where
 * this user was the contact person, the contact given by the domain takes their place.
 */
import type { PersonalDataPort } from '../store.js';
import type { Db } from './mapping.js';

export function personalDataAdapter(db: Db): PersonalDataPort {
  return {
    async anonymiseUser({ userId, anonymous, contact, at }) {
      return db.transaction(() => {
        const user = db.prepare('SELECT email_key, organisation_id FROM users WHERE id = ?').get(userId) as { email_key: string; organisation_id: string | null } | undefined;
        if (!user) return false;
        db.prepare(`UPDATE users SET name = @name, email = @email, email_key = @emailKey, phone = NULL, password_hash = NULL,
                active = 0, updated_at = @at WHERE id = @userId`)
          .run({ name: anonymous.name, email: anonymous.email, emailKey: anonymous.email.toLowerCase(), at, userId });
        // Compared lower-cased in JavaScript, as e-mail keys are (SQLite's lower() knows ASCII only).
        const ideas = db.prepare('SELECT id, contact_email FROM ideas WHERE organisation_id IS ?').all(user.organisation_id) as { id: string; contact_email: string }[];
        const replace = db.prepare(`UPDATE ideas SET contact_name = @name, contact_email = @email, contact_phone = @phone,
                                version = version + 1, updated_at = @at WHERE id = @id`);
        for (const idea of ideas) {
          if (idea.contact_email.toLowerCase() === user.email_key) replace.run({ name: contact.name, email: contact.email, phone: contact.phone, at, id: idea.id });
        }
        db.prepare('DELETE FROM sessions WHERE user_id = ?').run(userId);
        db.prepare('DELETE FROM notifications WHERE user_id = ?').run(userId);
        db.prepare('DELETE FROM notification_settings WHERE user_id = ?').run(userId);
        db.prepare('DELETE FROM digest_items WHERE user_id = ?').run(userId);
        db.prepare(`DELETE FROM mail_outbox WHERE user_id = ? AND state IN ('pending', 'sending')`).run(userId);
        db.prepare(`UPDATE mail_outbox SET params = '{}' WHERE user_id = ?`).run(userId);
        db.prepare(`UPDATE check_ins SET note = '' WHERE requested_by = ?`).run(userId);
        db.prepare('UPDATE project_join_requests SET message = NULL WHERE requested_by = ?').run(userId);
        return true;
      }).immediate();
    },
  };
}
