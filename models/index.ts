/**
 * The mongoose models of every entity the store keeps, built on a connection passed in. Nothing is
 * registered on the global mongoose instance at import: each store opens its own connection
 * (`mongoose.createConnection()`) and calls `buildModels(conn)` once. Imported only by server/store/mongo.
 *
 *   const conn = mongoose.createConnection();
 *   const models = buildModels(conn);
 *   await conn.openUri(uri);
 *   await conn.syncIndexes();
 */
import type { Connection, Model } from 'mongoose';
import { invitationSchema, organisationSchema, sessionSchema, userSchema } from './accounts.js';
import type { InvitationDoc, OrganisationDoc, SessionDoc, UserDoc } from './accounts.js';
import { ideaSchema, type IdeaDoc } from './ideas.js';
import {
  clusterStateSchema,
  connectionSchema,
  digestItemSchema,
  endorsementSchema,
  notificationSchema,
  notificationSettingsSchema,
  outboxMailSchema,
} from './allies.js';
import type {
  ClusterStateDoc,
  ConnectionDoc,
  DigestItemDoc,
  EndorsementDoc,
  NotificationDoc,
  NotificationSettingsDoc,
  OutboxMailDoc,
} from './allies.js';
import { metaSchema, type MetaDoc } from './meta.js';
import { boardEventSchema, counterSchema, type BoardEventDoc, type CounterDoc } from './board.js';
import { auditEntrySchema, type AuditEntryDoc } from './moderation.js';
import { callSchema, type CallDoc } from './calls.js';
import { partnershipMembershipSchema, partnershipSchema, type PartnershipDoc, type PartnershipMembershipDoc } from './partnerships.js';

export interface Models {
  Organisation: Model<OrganisationDoc>;
  User: Model<UserDoc>;
  Invitation: Model<InvitationDoc>;
  Session: Model<SessionDoc>;
  Idea: Model<IdeaDoc>;
  Endorsement: Model<EndorsementDoc>;
  Connection: Model<ConnectionDoc>;
  Notification: Model<NotificationDoc>;
  NotificationSettings: Model<NotificationSettingsDoc>;
  DigestItem: Model<DigestItemDoc>;
  ClusterState: Model<ClusterStateDoc>;
  Meta: Model<MetaDoc>;
  BoardEvent: Model<BoardEventDoc>;
  Counter: Model<CounterDoc>;
  AuditEntry: Model<AuditEntryDoc>;
  OutboxMail: Model<OutboxMailDoc>;
  Call: Model<CallDoc>;
  Partnership: Model<PartnershipDoc>;
  PartnershipMembership: Model<PartnershipMembershipDoc>;
}

/** Compiles the models on `conn`. Call once per connection (mongoose refuses a model name twice). */
export function buildModels(conn: Connection): Models {
  return {
    Organisation: conn.model<OrganisationDoc>('Organisation', organisationSchema()),
    User: conn.model<UserDoc>('User', userSchema()),
    Invitation: conn.model<InvitationDoc>('Invitation', invitationSchema()),
    Session: conn.model<SessionDoc>('Session', sessionSchema()),
    Idea: conn.model<IdeaDoc>('Idea', ideaSchema()),
    Endorsement: conn.model<EndorsementDoc>('Endorsement', endorsementSchema()),
    Connection: conn.model<ConnectionDoc>('Connection', connectionSchema()),
    Notification: conn.model<NotificationDoc>('Notification', notificationSchema()),
    NotificationSettings: conn.model<NotificationSettingsDoc>('NotificationSettings', notificationSettingsSchema()),
    DigestItem: conn.model<DigestItemDoc>('DigestItem', digestItemSchema()),
    ClusterState: conn.model<ClusterStateDoc>('ClusterState', clusterStateSchema()),
    Meta: conn.model<MetaDoc>('Meta', metaSchema()),
    BoardEvent: conn.model<BoardEventDoc>('BoardEvent', boardEventSchema()),
    Counter: conn.model<CounterDoc>('Counter', counterSchema()),
    AuditEntry: conn.model<AuditEntryDoc>('AuditEntry', auditEntrySchema()),
    OutboxMail: conn.model<OutboxMailDoc>('OutboxMail', outboxMailSchema()),
    Call: conn.model<CallDoc>('Call', callSchema()),
    Partnership: conn.model<PartnershipDoc>('Partnership', partnershipSchema()),
    PartnershipMembership: conn.model<PartnershipMembershipDoc>('PartnershipMembership', partnershipMembershipSchema()),
  };
}

export type { InvitationDoc, OrganisationDoc, SessionDoc, UserDoc } from './accounts.js';
export type { IdeaDoc } from './ideas.js';
export type {
  ClusterStateDoc,
  ConnectionDoc,
  DigestItemDoc,
  EndorsementDoc,
  NotificationDoc,
  NotificationSettingsDoc,
  OutboxMailDoc,
} from './allies.js';
export { CLUSTER_STATE_ID } from './allies.js';
export { MONGO_SCHEMA_VERSION, SCHEMA_META_ID, type MetaDoc } from './meta.js';
export { BOARD_EVENTS_COUNTER, type BoardEventDoc, type CounterDoc } from './board.js';
export type { AuditEntryDoc } from './moderation.js';
export type { CallDoc } from './calls.js';
export type { PartnershipDoc, PartnershipMembershipDoc } from './partnerships.js';
