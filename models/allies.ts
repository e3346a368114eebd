import { Schema } from 'mongoose';
import { ENDORSEMENT_MESSAGE_MAX } from '../server/domain/endorsements.js';
import {
  DELIVERIES,
  MAIL_KINDS,
  NOTIFICATION_KINDS,
  type Delivery,
  type MailKind,
  type OutboxMail,
  type ClusterState,
  type Connection,
  type ConnectionVia,
  type DigestFrequency,
  type DigestItem,
  type Endorsement,
  type Notification,
} from '../server/store/store.js';
import { SCHEMA_OPTIONS, isoString, nullableString, stringId } from './common.js';

const VIAS: readonly ConnectionVia[] = ['endorsement', 'introduction'];
const FREQUENCIES: readonly DigestFrequency[] = ['immediate', 'daily', 'never'];

export type EndorsementDoc = Omit<Endorsement, 'id'> & { _id: string };

/** One endorsement per organisation and idea. */
export function endorsementSchema(): Schema<EndorsementDoc> {
  const schema = new Schema<EndorsementDoc>({
    _id: stringId,
    ideaId: { type: String, required: true },
    organisationId: { type: String, required: true },
    userId: { type: String, required: true },
    message: { type: String, default: null, maxlength: ENDORSEMENT_MESSAGE_MAX },
    createdAt: isoString,
  }, { ...SCHEMA_OPTIONS, collection: 'endorsements' });
  schema.index({ ideaId: 1, organisationId: 1 }, { unique: true, name: 'endorsements_idea_organisation' });
  schema.index({ organisationId: 1, createdAt: -1 }, { name: 'endorsements_organisation' });
  schema.index({ createdAt: -1, _id: -1 }, { name: 'endorsements_newest' });
  return schema;
}

export type ConnectionDoc = Omit<Connection, 'id'> & { _id: string };

/**
 * The pair is kept ordered (organisationA < organisationB, see `orderedPair`), so one document stands
 * for (A,B) and (B,A); unique per idea + pair + via.
 */
export function connectionSchema(): Schema<ConnectionDoc> {
  const schema = new Schema<ConnectionDoc>({
    _id: stringId,
    ideaId: { type: String, required: true },
    organisationA: { type: String, required: true },
    organisationB: {
      type: String,
      required: true,
      validate: {
        validator(this: ConnectionDoc, b: string) { return this.organisationA < b; },
        message: 'organisationA must sort before organisationB',
      },
    },
    via: { type: String, required: true, enum: VIAS },
    createdAt: isoString,
  }, { ...SCHEMA_OPTIONS, collection: 'connections' });
  schema.index({ ideaId: 1, organisationA: 1, organisationB: 1, via: 1 }, { unique: true, name: 'connections_idea_pair_via' });
  schema.index({ organisationA: 1, organisationB: 1 }, { name: 'connections_pair' });
  schema.index({ organisationB: 1 }, { name: 'connections_b' });
  return schema;
}

export type NotificationDoc = Omit<Notification, 'id'> & { _id: string };

export function notificationSchema(): Schema<NotificationDoc> {
  const schema = new Schema<NotificationDoc>({
    _id: stringId,
    userId: { type: String, required: true },
    kind: { type: String, required: true, enum: NOTIFICATION_KINDS },
    params: { type: Schema.Types.Mixed, required: true, default: {} },
    link: { type: String, required: true },
    createdAt: isoString,
    readAt: nullableString,
    groupKey: { type: String, required: false },
  }, { ...SCHEMA_OPTIONS, collection: 'notifications' });
  schema.index({ userId: 1, createdAt: -1, _id: -1 }, { name: 'notifications_user' });
  schema.index({ userId: 1, readAt: 1 }, { name: 'notifications_unread' });
  schema.index({ userId: 1, groupKey: 1, createdAt: -1 }, { name: 'notifications_group', partialFilterExpression: { groupKey: { $type: 'string' } } });
  return schema;
}

/** `_id` is the user id: one settings document per user, absent until the user changes a setting. */
export interface NotificationSettingsDoc extends Partial<Record<MailKind, Delivery>> {
  _id: string;
  clusterJoined: DigestFrequency;
}

export function notificationSettingsSchema(): Schema<NotificationSettingsDoc> {
  return new Schema<NotificationSettingsDoc>({
    _id: stringId,
    clusterJoined: { type: String, required: true, enum: FREQUENCIES },
    // issue 16: a delivery per mail kind; absent in older documents, which read as the default.
    ...Object.fromEntries(MAIL_KINDS.map((k) => [k, { type: String, required: false, enum: DELIVERIES }])),
  }, { ...SCHEMA_OPTIONS, collection: 'notification_settings' });
}

export type DigestItemDoc = Omit<DigestItem, 'id'> & { _id: string };

export function digestItemSchema(): Schema<DigestItemDoc> {
  const schema = new Schema<DigestItemDoc>({
    _id: stringId,
    userId: { type: String, required: true },
    ideaId: { type: String, required: true },
    createdAt: isoString,
  }, { ...SCHEMA_OPTIONS, collection: 'digest_items' });
  schema.index({ createdAt: 1, _id: 1 }, { name: 'digest_items_oldest' });
  return schema;
}

/** One document (`_id: CLUSTER_STATE_ID`): the matching engine's opaque state, written optimistically on version. */
export const CLUSTER_STATE_ID = 'current';
export type ClusterStateDoc = ClusterState & { _id: string };

export function clusterStateSchema(): Schema<ClusterStateDoc> {
  return new Schema<ClusterStateDoc>({
    _id: stringId,
    version: { type: Number, required: true },
    state: { type: String, required: true },
    updatedAt: isoString,
  }, { ...SCHEMA_OPTIONS, collection: 'cluster_state' });
}

export type OutboxMailDoc = Omit<OutboxMail, 'id'> & { _id: string };

/** The mail outbox (issue 16): `_id` is the notification's id; written in the notification's transaction. */
export function outboxMailSchema(): Schema<OutboxMailDoc> {
  const schema = new Schema<OutboxMailDoc>({
    _id: stringId,
    userId: { type: String, required: true },
    kind: { type: String, required: true, enum: NOTIFICATION_KINDS },
    params: { type: Schema.Types.Mixed, required: true, default: {} },
    link: { type: String, required: true },
    state: { type: String, required: true, enum: ['pending', 'sending', 'sent', 'skipped', 'failed'] },
    attempts: { type: Number, required: true, default: 0 },
    nextAttemptAt: isoString,
    leaseUntil: nullableString,
    lastError: nullableString,
    createdAt: isoString,
    doneAt: nullableString,
  }, { ...SCHEMA_OPTIONS, collection: 'mail_outbox' });
  schema.index({ state: 1, nextAttemptAt: 1 }, { name: 'mail_outbox_due' });
  schema.index({ userId: 1, createdAt: -1 }, { name: 'mail_outbox_user' });
  return schema;
}
