/**
 * The personal data port (issue 16.6): erasing a user's personal data in one go, across every feature
 * that holds some, so a failure half-way leaves nothing half-erased.
 */
import type { ContactPerson } from './ideas.js';

export interface AnonymiseChange {
  userId: string;
  anonymous: { name: string; email: string };
  contact: ContactPerson;
  at: string;
}

export interface PersonalDataPort {
  /**
   * Atomically: replaces the user's name, e-mail and phone with `anonymous`, removes the password, sets
   * the user inactive, ends their sessions, removes their notifications, settings, held digest items and
   * unsent mail, clears the notes of their check-in requests and the messages of their requests to join a
   * project (issue 17), and replaces the contact person of ideas where it was this user (matched on `email`) with
   * `contact`. Returns false (nothing written) when the user does not exist.
   */
  anonymiseUser(change: AnonymiseChange): Promise<boolean>;
}
