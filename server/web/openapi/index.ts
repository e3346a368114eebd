/**
 * The OpenAPI 3.1 description of the JSON API, generated from the operations (./*.ts) and the zod
 * schemas the routes validate and answer with. Served at `/api/openapi.json`, rendered at `/api/docs`.
 */
import { accountOperations } from './accounts.js';
import { boardOperations } from './board.js';
import { callOperations } from './calls.js';
import { checkInOperations } from './check-ins.js';
import { endorsementOperations } from './endorsements.js';
import { generate, type OpenApiDocument } from './generate.js';
import { ideaOperations } from './ideas.js';
import { metaOperations } from './meta.js';
import { moderationOperations } from './moderation.js';
import { notificationOperations } from './notifications.js';
import { partnershipOperations } from './partnerships.js';
import { projectOperations } from './projects.js';
import { referralOperations } from './referrals.js';
import type { ApiOperation } from './operation.js';
import type { Operation } from './tidy.js';

export type { ApiOperation } from './operation.js';
export type { OpenApiDocument } from './generate.js';

/** Every operation, in the order the document lists them. */
export const apiOperations: readonly ApiOperation[] = [
  ...metaOperations, ...accountOperations, ...ideaOperations, ...endorsementOperations,
  ...notificationOperations, ...moderationOperations, ...boardOperations, ...callOperations, ...referralOperations,
  ...partnershipOperations,
  ...projectOperations,
  ...checkInOperations,
];

const INFO = {
  title: 'Medestander API',
  version: '0.1.0',
  description:
    'The JSON API behind Medestander: the same rules as the pages. Sign in with `POST /api/session`; the session cookie then ' +
    'authenticates, and every state-changing call sends the returned token in the `X-CSRF-Token` header. Errors are ' +
    '`{ error: { code, message, fields? } }` in the language of the `lang` cookie (nl by default, en). Bodies over 100 kB: 413; ' +
    'a body that is not JSON: 415. Sign-in failures, forgotten-password requests and writes are limited per user, account and address: ' +
    '429 with `Retry-After`.',
};

const TAGS = [
  { name: 'session', description: 'Signing in and out, passwords' },
  { name: 'ideas', description: 'Ideas for digital projects' },
  { name: 'organisations', description: 'Local governments' },
  { name: 'endorsements', description: '"We find this valuable too": endorsements, the connections they make, and "My organisation"' },
  { name: 'invitations', description: 'Accounts by invitation (programme team)' },
  { name: 'users', description: 'User accounts: list, deactivate, reactivate, personal data (programme team)' },
  { name: 'notifications', description: 'Your notifications and their settings (live: socket.io events `notification:created`, `notifications:unread`)' },
  { name: 'clusters', description: 'Clusters of similar ideas: labels (override and undo) and "introduce all" (programme team)' },
  { name: 'moderation', description: 'Hiding ideas, the audit log and exports (programme team)' },
  { name: 'board', description: "The programme team's live board (live: join the socket.io room `board`; events `board:updated`, request `board:since {version}`)" },
  { name: 'calls', description: 'Calls for proposals: public to read, managed by the programme team' },
  { name: 'partnerships', description: 'Partnerships around an idea: a lead and partners who consent; invitations, requests to join, the lead role and the status' },
  { name: 'projects', description: 'Projects already under way: public catalogue kept by the programme team; members ask to join, the lead (or the programme team) answers' },
  { name: 'check-ins', description: 'Check-ins with the programme team: requested by members, confirmed or moved by the programme team, with a calendar file' },
  { name: 'meta', description: 'Health and this description' },
];

let generated: OpenApiDocument | undefined;

/** Made on first use, not at start-up: generating takes a few hundred milliseconds. */
export const openapiDocument = (): OpenApiDocument => (generated ??= generate(apiOperations, INFO, TAGS));

/** The operations in document order, for the docs page and for tests: `{ method, path, operation }`. */
export function operations(doc: OpenApiDocument = openapiDocument()) {
  return Object.entries(doc.paths ?? {}).flatMap(([path, methods]) =>
    Object.entries(methods as Record<string, Operation>).map(([method, operation]) => ({ method, path, operation })),
  );
}
