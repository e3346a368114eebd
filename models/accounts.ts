import { Schema } from 'mongoose';
import type { Invitation, Organisation, Role, User } from '../server/store/store.js';
import { SCHEMA_OPTIONS, isoString, nullableString, stringId } from './common.js';

const ORGANISATION_KINDS: readonly Organisation['kind'][] = ['municipality', 'ocmw', 'intermunicipal', 'other'];
const ROLES: readonly Role[] = ['member', 'programme'];
const LOCALES: readonly User['locale'][] = ['nl', 'en'];

export type OrganisationDoc = Omit<Organisation, 'id'> & { _id: string };

/** One organisation per natural key: country + kind + national code (the NIS code in Belgium). */
export function organisationSchema(): Schema<OrganisationDoc> {
  const schema = new Schema<OrganisationDoc>({
    _id: stringId,
    kind: { type: String, required: true, enum: ORGANISATION_KINDS },
    country: { type: String, required: true },
    code: { type: String, required: true },
    name: { type: String, required: true },
    province: nullableString,
    arrondissement: nullableString,
    createdAt: isoString,
  }, { ...SCHEMA_OPTIONS, collection: 'organisations' });
  schema.index({ country: 1, kind: 1, code: 1 }, { unique: true, name: 'organisation_natural_key' });
  schema.index({ province: 1 }, { name: 'organisations_province' });
  return schema;
}

/**
 * `emailKey` is the e-mail trimmed and lower-cased by the adapter (JavaScript, so beyond ASCII too);
 * the one-account-per-e-mail rule is a unique index on it, while `email` keeps what the domain stored.
 */
export type UserDoc = Omit<User, 'id'> & { _id: string; emailKey: string };

export function userSchema(): Schema<UserDoc> {
  const schema = new Schema<UserDoc>({
    _id: stringId,
    email: { type: String, required: true, maxlength: 254 },
    emailKey: { type: String, required: true, maxlength: 254 },
    name: { type: String, required: true },
    phone: nullableString,
    passwordHash: nullableString,
    role: { type: String, required: true, enum: ROLES },
    organisationId: nullableString,
    locale: { type: String, required: true, enum: LOCALES },
    active: { type: Boolean, required: true },
    createdAt: isoString,
    updatedAt: isoString,
  }, { ...SCHEMA_OPTIONS, collection: 'users' });
  schema.index({ emailKey: 1 }, { unique: true, name: 'users_email_key' });
  schema.index({ organisationId: 1, active: 1 }, { name: 'users_organisation' });
  return schema;
}

export type InvitationDoc = Omit<Invitation, 'id'> & { _id: string };

/** The token itself is never stored; its sha-256 hash is unique. */
export function invitationSchema(): Schema<InvitationDoc> {
  const schema = new Schema<InvitationDoc>({
    _id: stringId,
    tokenHash: { type: String, required: true },
    email: { type: String, required: true, maxlength: 254 },
    name: { type: String, required: true },
    role: { type: String, required: true, enum: ROLES },
    organisationId: nullableString,
    invitedBy: nullableString,
    createdAt: isoString,
    expiresAt: isoString,
    usedAt: nullableString,
    revokedAt: nullableString,
  }, { ...SCHEMA_OPTIONS, collection: 'invitations' });
  schema.index({ tokenHash: 1 }, { unique: true, name: 'invitations_token_hash' });
  schema.index({ createdAt: -1, _id: -1 }, { name: 'invitations_newest' });
  return schema;
}

/**
 * A signed-in (or anonymous) browser session; `_id` is the session id. `expiresAt` is what the port
 * reads and compares; `purgeAt` is the same moment as a Date, only so MongoDB's TTL monitor removes
 * expired sessions by itself (it runs about once a minute, so reads still filter on `expiresAt`).
 */
export interface SessionDoc {
  _id: string;
  userId: string | null;
  data: string;
  expiresAt: string;
  purgeAt: Date;
}

export function sessionSchema(): Schema<SessionDoc> {
  const schema = new Schema<SessionDoc>({
    _id: stringId,
    userId: nullableString,
    data: { type: String, required: true },
    expiresAt: isoString,
    purgeAt: { type: Date, required: true },
  }, { ...SCHEMA_OPTIONS, collection: 'sessions' });
  schema.index({ purgeAt: 1 }, { expireAfterSeconds: 0, name: 'sessions_ttl' });
  schema.index({ userId: 1 }, { name: 'sessions_user' });
  schema.index({ expiresAt: 1 }, { name: 'sessions_expires' });
  return schema;
}
