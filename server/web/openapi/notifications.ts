/** The notifications and their settings in the API (routes/api/notifications.ts). */
import { markSchema, settingsSchema } from '../../domain/notifications.js';
import { MarkReadResult, notificationListParams, NotificationList, NotificationSettings } from '../schemas/notifications.js';
import type { ApiOperation } from './operation.js';

export const notificationOperations: ApiOperation[] = [
  {
    method: 'get', path: '/api/notifications', operationId: 'listNotifications', summary: 'Your notifications', description: 'Newest first; only your own. Any other parameter: 400.', tag: 'notifications', role: 'user',
    query: notificationListParams, example: { query: { unread: 'true', limit: 10 } },
    answer: { status: 200, description: 'The notifications and the unread count.', schema: NotificationList }, errors: ['BadRequest', 'Unauthenticated'],
  },
  {
    method: 'post', path: '/api/notifications/read', operationId: 'markNotificationsRead', summary: 'Mark notifications as read', tag: 'notifications', role: 'user',
    body: { schema: markSchema.openapi('MarkRead', { description: '`{ids}` marks those, `{all: true}` every unread one. Ids of notifications that are not yours are ignored.' }), example: { all: true } },
    answer: { status: 200, description: 'How many changed, and how many are still unread.', schema: MarkReadResult }, errors: ['BadRequest', 'Unauthenticated', 'Forbidden'],
  },
  {
    method: 'get', path: '/api/settings/notifications', operationId: 'getNotificationSettings', summary: 'Your notification settings', tag: 'notifications', role: 'user',
    answer: { status: 200, description: 'The settings.', schema: NotificationSettings }, errors: ['Unauthenticated'],
  },
  {
    method: 'put', path: '/api/settings/notifications', operationId: 'updateNotificationSettings', summary: 'Change your notification settings', tag: 'notifications', role: 'user',
    body: { schema: settingsSchema.openapi('NotificationSettingsChange', { description: 'Any of the settings; those left out stay as they were.' }), example: { clusterJoined: 'daily', endorsed: 'app' } },
    answer: { status: 200, description: 'Saved; all the settings.', schema: NotificationSettings }, errors: ['BadRequest', 'Unauthenticated', 'Forbidden'],
  },
];
