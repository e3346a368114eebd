// Every setting of the app in one validated, frozen object, so no other file reads the environment.
import path from 'node:path';
import { z } from 'zod';

/**
 * Settings, read once from the environment by server/main.ts (the only reader of process.env) and
 * passed down. Every setting has a safe development default except the session secret in production,
 * where the app refuses to start without a real one.
 */
export const DEV_SESSION_SECRET = 'medestander-development-secret-do-not-use-in-production';

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).optional(),
  DATA_DIR: z.string().min(1).default('data'),
  SESSION_SECRET: z.string().min(1).optional(),
  SESSION_TTL_HOURS: z.coerce.number().positive().max(24 * 30).default(12),
  SESSION_PURGE_MINUTES: z.coerce.number().positive().max(24 * 60).default(60),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  BASE_URL: z.string().url().optional(),
  // false; true (one proxy in front: the hop it adds is trusted); or the proxies' addresses/subnets
  // ('loopback', '10.0.0.0/8, 192.168.1.2'): X-Forwarded-For is then believed only from those.
  TRUST_PROXY: z.union([bool, z.string().regex(/^[\w.:/, -]{1,500}$/, 'true, false, or a comma-separated list of addresses, subnets or loopback/linklocal/uniquelocal')]).default('false'),
  INVITATION_TTL_HOURS: z.coerce.number().positive().max(24 * 60).default(24 * 7),
  SIGNIN_MAX_FAILURES: z.coerce.number().int().positive().default(10),
  SIGNIN_WINDOW_MINUTES: z.coerce.number().positive().default(15),
  SIGNIN_MAX_FAILURES_PER_ADDRESS: z.coerce.number().int().positive().default(100),
  SIGNIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().positive().default(50),
  LIMIT_IDEAS_PER_HOUR: z.coerce.number().int().positive().default(30),
  LIMIT_ENDORSEMENTS_PER_HOUR: z.coerce.number().int().positive().default(60),
  LIMIT_WRITES_PER_MINUTE: z.coerce.number().int().positive().default(120),
  LIMIT_SOCKET_REQUESTS_PER_MINUTE: z.coerce.number().int().positive().default(120),
  PASSWORD_RESET_TTL_MINUTES: z.coerce.number().positive().max(24 * 60).default(60),
  MAIL_TRANSPORT: z.enum(['off', 'smtp']).default('off'),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().min(3).default('Medestander <noreply@medestander.invalid>'),
  MAIL_RETRY_SECONDS: z.coerce.number().positive().max(86_400).default(30),
  MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(15),
  MAIL_POLL_SECONDS: z.coerce.number().positive().max(3600).default(30),
  OUTSIDE_WRITES_POLL_MS: z.coerce.number().int().min(0).max(600_000).default(1000),
  RECOMPUTE_DEBOUNCE_MS: z.coerce.number().int().min(0).max(600_000).default(2000),
  VIEW_CACHE: bool.default('true'),
  RECOMPUTE_MAX_WAIT_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  RECOMPUTE_WORKER_IDLE_MS: z.coerce.number().int().min(0).max(86_400_000).default(15_000),
  DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(7),
  // A connection string, not z.string().url(): WHATWG URLs reject the multi-host form of a replica set
  // (mongodb://h1:27017,h2:27017/db?replicaSet=rs0).
  MONGODB_URI: z.string().regex(/^mongodb(\+srv)?:\/\/\S+$/, 'a mongodb:// or mongodb+srv:// connection string').optional(),
  REDIS_URL: z.string().regex(/^rediss?:\/\/\S+$/, 'a redis:// or rediss:// URL').optional(),
  REDIS_PREFIX: z.string().regex(/^[\w.:-]{1,64}$/, 'letters, digits and . _ : - (at most 64)').default('medestander:'),
  REDIS_LOCK_TTL_MS: z.coerce.number().int().min(500).max(600_000).default(10_000),
  CONTACT_EMAIL: z.string().email().optional(),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string | undefined;
  dataDir: string;
  sqliteFile: string;
  sessionSecret: string;
  sessionTtlMs: number;
  /** How often expired sessions are deleted from the store (they are never read again, but SQLite keeps the rows). */
  sessionPurgeMs: number;
  logLevel: string;
  baseUrl: string;
  /** Express's 'trust proxy': false, 1 (one hop) or the list of proxies whose X-Forwarded-For is believed. */
  trustProxy: false | 1 | string;
  invitationTtlMs: number;
  /**
   * Failed sign-ins per window: per account and address pair (`maxFailures`: a colleague behind the same
   * town-hall address is not locked out), per address over all accounts, and per account over all addresses.
   */
  signin: { maxFailures: number; maxPerAddress: number; maxPerAccount: number; windowMs: number };
  /** How long a forgotten-password link stays valid. */
  passwordResetTtlMs: number;
  /** Write limits per user (web/middleware/write-limits.ts) and requests per socket (realtime/socket-limit.ts). */
  limits: { ideasPerHour: number; endorsementsPerHour: number; writesPerMinute: number; socketRequestsPerMinute: number };
  mail: { transport: 'off' } | { transport: 'smtp'; url: string; from: string };
  /**
   * The mail outbox (server/mail-outbox.ts): the first retry after `retryMs`, doubling up to an hour;
   * given up (kept as 'failed') after `maxAttempts`; the store is looked at every `pollMs` for mail
   * owed by another instance or process (this instance's own notifications start a send at once).
   */
  mailOutbox: { retryMs: number; maxAttempts: number; pollMs: number };
  /** How often the SQLite file is checked for writes of another process (seed:demo); 0: never (issue 16.1). */
  outsideWritesPollMs: number;
  /** Quiet time after the last idea change before the clusters are fully recomputed. */
  recomputeDebounceMs: number;
  /** Compiled templates are kept (express 'view cache'); off only while editing templates. */
  viewCache: boolean;
  /** The longest a change waits for its recompute while changes keep coming (the quiet time never puts it off longer). */
  recomputeMaxWaitMs: number;
  recomputeWorkerIdleMs: number;
  /** The hour (0–23, Europe/Brussels) at which the daily notification digest goes out. */
  digestHour: number;
  /** MongoDB connection string: when set, the store (and so the sessions) live in MongoDB. Secret: log it masked. */
  mongodbUri: string | undefined;
  /**
   * Redis, when set: socket.io across instances, one clustering leader, shared sign-in limits (server/scale-out/).
   * `prefix` starts every key and channel; `lockTtlMs` is how long a stopped leader's lock outlives it.
   */
  redis: { url: string; prefix: string; lockTtlMs: number } | null;
  /** The programme team's address on the contact, privacy and accessibility pages (CONTACT_EMAIL); null: not set. */
  contactEmail: string | null;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid settings:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/**
 * A secret an attacker could guess: fewer than 8 distinct characters (32 random hex digits have about
 * 14, and fewer than 8 practically never), or a short pattern repeated ('abcabcabc…').
 */
export function lowEntropy(secret: string): boolean {
  if (new Set(secret).size < 8) return true;
  for (let n = 1; n <= secret.length / 3; n++) if (secret === secret.slice(0, n).repeat(Math.ceil(secret.length / n)).slice(0, secret.length)) return true;
  return false;
}

export function loadConfig(env: Record<string, string | undefined>): Readonly<Config> {
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')));
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];
  if (e.NODE_ENV === 'production' && (!e.SESSION_SECRET || e.SESSION_SECRET === DEV_SESSION_SECRET || e.SESSION_SECRET.length < 32 || lowEntropy(e.SESSION_SECRET))) {
    problems.push('SESSION_SECRET: in production set a random secret of at least 32 characters (for example: openssl rand -hex 32); repeated characters, short patterns and few distinct characters are refused');
  }
  if (e.MAIL_TRANSPORT === 'smtp' && !e.SMTP_URL) problems.push('SMTP_URL: required when MAIL_TRANSPORT=smtp');
  if (problems.length) throw new ConfigError(problems);

  const dataDir = path.resolve(e.DATA_DIR);
  return Object.freeze({
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir,
    sqliteFile: path.join(dataDir, 'medestander.sqlite'),
    sessionSecret: e.SESSION_SECRET ?? DEV_SESSION_SECRET,
    sessionTtlMs: e.SESSION_TTL_HOURS * 3600_000,
    sessionPurgeMs: Math.max(1, Math.round(e.SESSION_PURGE_MINUTES * 60_000)),
    logLevel: e.LOG_LEVEL ?? (e.NODE_ENV === 'test' ? 'silent' : 'info'),
    baseUrl: (e.BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    trustProxy: e.TRUST_PROXY === true ? 1 : e.TRUST_PROXY === false ? false : e.TRUST_PROXY.split(',').map((v) => v.trim()).filter(Boolean).join(','),
    invitationTtlMs: e.INVITATION_TTL_HOURS * 3600_000,
    signin: {
      maxFailures: e.SIGNIN_MAX_FAILURES, maxPerAddress: e.SIGNIN_MAX_FAILURES_PER_ADDRESS,
      maxPerAccount: e.SIGNIN_MAX_FAILURES_PER_ACCOUNT, windowMs: e.SIGNIN_WINDOW_MINUTES * 60_000,
    },
    passwordResetTtlMs: e.PASSWORD_RESET_TTL_MINUTES * 60_000,
    limits: {
      ideasPerHour: e.LIMIT_IDEAS_PER_HOUR, endorsementsPerHour: e.LIMIT_ENDORSEMENTS_PER_HOUR,
      writesPerMinute: e.LIMIT_WRITES_PER_MINUTE, socketRequestsPerMinute: e.LIMIT_SOCKET_REQUESTS_PER_MINUTE,
    },
    mail: e.MAIL_TRANSPORT === 'smtp' ? { transport: 'smtp' as const, url: e.SMTP_URL!, from: e.MAIL_FROM } : { transport: 'off' as const },
    mailOutbox: { retryMs: e.MAIL_RETRY_SECONDS * 1000, maxAttempts: e.MAIL_MAX_ATTEMPTS, pollMs: e.MAIL_POLL_SECONDS * 1000 },
    outsideWritesPollMs: e.OUTSIDE_WRITES_POLL_MS,
    recomputeDebounceMs: e.RECOMPUTE_DEBOUNCE_MS,
    recomputeMaxWaitMs: e.RECOMPUTE_MAX_WAIT_MS,
    recomputeWorkerIdleMs: e.RECOMPUTE_WORKER_IDLE_MS,
    viewCache: e.VIEW_CACHE,
    digestHour: e.DIGEST_HOUR,
    mongodbUri: e.MONGODB_URI,
    redis: e.REDIS_URL ? { url: e.REDIS_URL, prefix: e.REDIS_PREFIX, lockTtlMs: e.REDIS_LOCK_TTL_MS } : null,
    contactEmail: e.CONTACT_EMAIL ?? null,
  } satisfies Config);
}
