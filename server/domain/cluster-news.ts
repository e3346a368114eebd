// Owners hear when a similar idea joins their cluster, without a flood of notices when many ideas arrive.
import type { Logger } from 'pino';
import type { DigestItem, Idea, Notification, Store, User } from '../store/store.js';
import { newId } from '../store/ids.js';
import { iso, type Clock } from './clock.js';
import type { DomainBus } from './events.js';
import { isListed } from './rules/visible-ideas.js';

/** A cluster as the matching service has it now; read when the batch runs, not when the idea was placed. */
export interface ClusterHandle {
  id: number;
  label(): string;
  /** The open, visible ideas in the cluster now. */
  members(): Idea[];
}

export interface ClusterNewsOptions {
  /** At most this many placements per batch (default 1000). */
  batchSize?: number;
  /**
   * A batch takes what arrived since the previous one, at most once per this many ms (default 1000):
   * at 100 posts a second into one cluster, each owner's notice is then rewritten once a second, not 100 times.
   */
  intervalMs?: number;
  /**
   * Notices written per transaction; the main thread is given back between chunks (default 50: a
   * chunk of 200 held it for 50–85 ms under issue 19's load run, longer than the 20 ms it allows).
   */
  chunkSize?: number;
  /** A user hears of a cluster at most once per period: news after a read notice waits for the digest (default 24 h). */
  periodMs?: number;
  /**
   * A notice written here is rewritten with more news at most once per this many ms (default 30 s);
   * the news waits meanwhile, and goes into the notice (or the digest) when the time is up. A user
   * sees an unread notice's updates only in the inbox, so this costs them nothing while they are
   * away, and spares the store: under issue 19's load run every owner of every cluster that gained an
   * idea had their notice read and rewritten every second (16 clusters of up to 250 owners: up to
   * about 4,000 rewrites a second while posting).
   */
  rewriteMs?: number;
}

export interface ClusterNewsDeps {
  store: Store;
  clock: Clock;
  bus: DomainBus;
  logger: Pick<Logger, 'error'>;
  options?: ClusterNewsOptions;
}

/** At most this many organisation names in a notice's text, and idea ids remembered per notice (to count each idea once). */
const NAMES_SHOWN = 3;
const IDS_KEPT = 20;
const NAMES_KEPT = 10;
/** Tells merged into the held news per turn (see dueNow). */
const DUE_CHUNK = 500;

export const groupKeyOf = (clusterId: number): string => `cluster:${clusterId}`;
const ideaLink = (id: string) => `/ideas/${id}`;
const visible = isListed;

interface Job { idea: Idea; cluster: ClusterHandle }
/** One user to tell about `news` (ideas of other organisations) in one cluster, where `yours` is their own idea. */
interface Tell { user: User; cluster: ClusterHandle; label: string; news: Idea[]; yours: Idea }

/**
 * "A similar idea joined your cluster" (issue 19), told without flooding. The matching service calls
 * `joined` when an idea enters a cluster; that only queues it. The fan-out runs later, off the request
 * path, in batches of what arrived in the last second, written in chunks of notices (one store
 * transaction each, the main thread given back in between):
 * - Who: the owners of the ideas in the cluster (each idea's author while active; an organisation
 *   whose authors are all gone: its longest-standing active member), of organisations other than
 *   the new idea's. Not every member of every organisation.
 * - How: per user and cluster one notice, updated while unread ("3 new similar ideas in X: A, B, C")
 *   at most once per `rewriteMs`, or, per the user's setting, held for the daily digest or dropped. Once a user has read the
 *   cluster's notice, further news within `periodMs` of it is held for the digest: a project lead hears
 *   of a cluster at most once per period, plus one digest a day.
 * One `notification:created` per chunk carries the new notices (`coalesce`: the realtime edge may
 * bundle them per user); updates of unread ones are not pushed again.
 */
export function createClusterNews({ store, clock, bus, logger, options = {} }: ClusterNewsDeps) {
  const batchSize = options.batchSize ?? 1000;
  const intervalMs = options.intervalMs ?? 1000;
  const chunkSize = options.chunkSize ?? 50;
  let lastBatch = 0;
  const periodMs = options.periodMs ?? 24 * 3600_000;
  const rewriteMs = options.rewriteMs ?? 30_000;
  const queue: Job[] = [];
  const wrote = new Map<string, number>();  // user|cluster -> when (Date.now()) a notice was last written here for it
  const waiting = new Map<string, { tell: Tell; ids: Set<string> }>(); // user|cluster -> the news held until its notice may be rewritten
  const names = new Map<string, string>(); // organisation id -> name; organisations are few and rarely renamed
  let running: Promise<void> | null = null;
  let closed = false;

  function kick(): void {
    if (running || closed || (queue.length === 0 && waiting.size === 0)) return;
    running = drain().finally(() => { running = null; kick(); });
  }

  let wake: (() => void) | null = null; // ends the wait for the next batch early (settled(), close())
  let hurry = false;
  const pause = (ms: number) => new Promise<void>((resolve) => {
    if (ms <= 0 || hurry) { setImmediate(resolve); return; }
    const timer = setTimeout(() => { wake = null; resolve(); }, ms);
    wake = () => { clearTimeout(timer); wake = null; resolve(); };
  });

  async function drain(): Promise<void> {
    while ((queue.length > 0 || waiting.size > 0) && !closed) {
      // Collect, and let requests and sockets in between batches; with only held news, wait until the first of it is due.
      await pause(queue.length > 0 ? lastBatch + intervalMs - Date.now() : Math.max(lastBatch + intervalMs, firstDue()) - Date.now());
      lastBatch = Date.now();
      const batch = queue.splice(0, batchSize);
      await handle(batch).catch((err: unknown) => logger.error({ err }, 'cluster news: a batch failed'));
    }
  }

  const keyOf = (t: Tell): string => `${t.user.id}|${t.cluster.id}`;
  const dueAt = (key: string): number => (wrote.get(key) ?? 0) + rewriteMs;
  function firstDue(): number {
    let first = Infinity;
    for (const key of waiting.keys()) first = Math.min(first, dueAt(key));
    return first;
  }

  /**
   * Of `tells` and the news held so far, the ones to write now: a tell whose notice was written here
   * less than `rewriteMs` ago waits (merged with what waits already), unless hurried.
   */
  async function dueNow(tells: Tell[]): Promise<Tell[]> {
    const now = Date.now();
    for (const [key, at] of wrote) if (at + rewriteMs <= now && !waiting.has(key)) wrote.delete(key); // past its time: forgotten
    for (let i = 0; i < tells.length; i++) {
      if (i > 0 && i % DUE_CHUNK === 0) await pause(0); // 4,000 tells a second took 21-33 ms in one turn under load
      const t = tells[i]!;
      const key = keyOf(t);
      const held = waiting.get(key);
      if (!held) { waiting.set(key, { tell: t, ids: new Set(t.news.map((idea) => idea.id)) }); continue; }
      const news = held.tell.news;
      for (const idea of t.news) if (!held.ids.has(idea.id)) { held.ids.add(idea.id); news.push(idea); }
      held.tell = { ...t, news }; // the newest label and own idea, all the news
    }
    const due: Tell[] = [];
    for (const [key, { tell }] of waiting) {
      if (!hurry && dueAt(key) > now) continue;
      due.push(tell);
      waiting.delete(key);
    }
    return due;
  }

  async function nameOf(organisationId: string): Promise<string> {
    if (!names.has(organisationId)) names.set(organisationId, (await store.getOrganisation(organisationId))?.name ?? organisationId);
    return names.get(organisationId)!;
  }

  /** Who hears of each cluster's new ideas: the owners of its ideas (see above), each with one idea of theirs. */
  async function whoToTell(jobs: Job[]): Promise<Tell[]> {
    const clusters = new Map<number, { cluster: ClusterHandle; fresh: Map<string, Idea> }>();
    for (const { idea, cluster } of jobs) {
      const c = clusters.get(cluster.id) ?? clusters.set(cluster.id, { cluster, fresh: new Map() }).get(cluster.id)!;
      c.fresh.set(idea.id, idea);
    }
    const found: { cluster: ClusterHandle; members: Idea[]; fresh: Idea[] }[] = [];
    for (const { cluster, fresh } of clusters.values()) {
      if (found.length > 0) await pause(0); // a cluster at a time: 16 clusters of 600 ideas took 20-25 ms in one turn under load
      const members = cluster.members().filter(visible);
      const inside = new Set(members.map((i) => i.id));
      // An idea that moved on (or was withdrawn) since it was queued is news of where it is now, if anywhere.
      const still = [...fresh.values()].filter((i) => inside.has(i.id));
      if (still.length > 0) found.push({ cluster, members, fresh: still });
    }
    const organisations = [...new Set(found.flatMap((c) => c.members.map((i) => i.organisationId)))];
    const active = await store.listActiveMembers(organisations); // oldest first
    const byId = new Map(active.map((u) => [u.id, u]));
    const longestStanding = new Map<string, User>();
    for (const u of active) if (u.organisationId && !longestStanding.has(u.organisationId)) longestStanding.set(u.organisationId, u);

    const tells: Tell[] = [];
    for (const { cluster, members, fresh } of found) {
      if (tells.length > 0) await pause(0);
      const owners = new Map<string, { user: User; yours: Idea }>();
      for (const idea of members) {
        const author = byId.get(idea.authorId);
        if (author && author.organisationId === idea.organisationId && !owners.has(author.id)) owners.set(author.id, { user: author, yours: idea });
      }
      const covered = new Set([...owners.values()].map((o) => o.user.organisationId));
      for (const idea of members) {
        const stand = longestStanding.get(idea.organisationId);
        if (stand && !covered.has(idea.organisationId) && !owners.has(stand.id)) { owners.set(stand.id, { user: stand, yours: idea }); covered.add(idea.organisationId); }
      }
      const label = cluster.label();
      for (const { user, yours } of owners.values()) {
        const news = fresh.filter((i) => i.organisationId !== user.organisationId);
        if (news.length > 0) tells.push({ user, cluster, label, news, yours });
      }
    }
    return tells;
  }

  /** The notice for `tell`, as a new one or as `previous` (unread) with the news added; null: nothing new in it. */
  async function story(tell: Tell, previous: Notification | null, now: string): Promise<Notification | null> {
    const p = previous?.params ?? {};
    const knownIds = (p.ideaIds ?? '').split(',').filter(Boolean);
    const known = new Set(knownIds);
    const news = tell.news.filter((i) => !known.has(i.id));
    if (news.length === 0) return null;
    const count = Number(p.count ?? 0) + news.length;
    // The first NAMES_KEPT names, the known ones first: news held for a while can name a hundred ideas.
    const named = new Set((p.names ?? '').split('\n').filter(Boolean));
    for (const i of news) {
      if (named.size >= NAMES_KEPT) break;
      named.add(names.get(i.organisationId) ?? await nameOf(i.organisationId));
    }
    const orgNames = [...named];
    const first = previous ? null : news[0]!;
    const shown = orgNames.slice(0, NAMES_SHOWN).join(', ') + (orgNames.length > NAMES_SHOWN ? ', …' : '');
    return {
      id: previous?.id ?? newId(), userId: tell.user.id, kind: 'cluster_joined', createdAt: now, readAt: null, groupKey: groupKeyOf(tell.cluster.id),
      link: count === 1 && first ? ideaLink(first.id) : `/clusters/${tell.cluster.id}`,
      params: {
        // The single-idea text: "{organisation} posted an idea similar to ‘{yourIdea}’: ‘{idea}’."
        organisation: p.organisation ?? (await nameOf(first!.organisationId)), idea: p.idea ?? first!.title, yourIdea: p.yourIdea ?? tell.yours.title,
        // The aggregated text: "{count} new similar ideas in ‘{cluster}’: {organisations}."
        count: String(count), cluster: tell.label, organisations: shown,
        names: orgNames.slice(0, NAMES_KEPT).join('\n'), ideaIds: [...knownIds, ...news.slice(-IDS_KEPT).map((i) => i.id)].slice(-IDS_KEPT).join(','),
      },
    };
  }

  async function handle(jobs: Job[]): Promise<void> {
    const tells = await dueNow(jobs.length > 0 ? await whoToTell(jobs) : []);
    for (let i = 0; i < tells.length; i += chunkSize) {
      if (i > 0) await pause(0);
      await tellChunk(tells.slice(i, i + chunkSize));
    }
  }

  /** One transaction: the notices of these tells created or updated, the held news queued; then announced. */
  async function tellChunk(tells: Tell[]): Promise<void> {
    const now = iso(clock);
    const settings = await store.listNotificationSettings(tells.map((t) => t.user.id));
    const held = (t: Tell, ideas: Idea[] = t.news): DigestItem[] => ideas.map((i) => ({ id: newId(), userId: t.user.id, ideaId: i.id, createdAt: now }));
    const digest: DigestItem[] = [];
    const immediate = tells.filter((t) => {
      const frequency = settings.get(t.user.id)?.clusterJoined ?? 'immediate';
      if (frequency === 'daily') digest.push(...held(t));
      return frequency === 'immediate';
    });
    const latest = new Map((await store.latestGroupedNotifications(immediate.map((t) => ({ userId: t.user.id, groupKey: groupKeyOf(t.cluster.id) }))))
      .map((n) => [`${n.userId}|${n.groupKey}`, n]));
    const create: Notification[] = [];
    const update: Notification[] = [];
    const heldBy = new Map<string, Tell>();         // update id -> its tell, for when the notice turns out read meanwhile
    const written: string[] = [];                    // the user|cluster keys of the notices written
    for (const t of immediate) {
      const last = latest.get(`${t.user.id}|${groupKeyOf(t.cluster.id)}`) ?? null;
      if (last && last.readAt !== null && Date.parse(now) - Date.parse(last.createdAt) < periodMs) { digest.push(...held(t)); continue; }
      const n = await story(t, last?.readAt === null ? last : null, now);
      if (!n) continue;
      written.push(keyOf(t));
      if (last?.readAt === null) { update.push(n); heldBy.set(n.id, t); } else create.push(n);
    }
    if (create.length + update.length + digest.length === 0) return;
    const { stale } = await store.writeNotificationBatch({ create, update, digest });
    const at = Date.now();
    for (const key of written) wrote.set(key, at);
    // Read between our look and our write: within its period, so the news waits for the digest.
    if (stale.length > 0) await store.writeNotificationBatch({ create: [], update: [], digest: stale.flatMap((id) => held(heldBy.get(id)!)) });
    // Only new notices go out live: an update adds to a notice the user was shown already and has not
    // read, so their unread count stays; they see it as it is now in the inbox and on reconnect. Pushing
    // every update made 200,000 socket events while 10,000 ideas were posted with 500 sockets.
    if (create.length > 0) bus.emit('notification:created', { userIds: [...new Set(create.map((n) => n.userId))], notifications: create, coalesce: true });
  }

  return {
    /** `idea` entered `cluster` (a negative id: no cluster, 'not yet matched', which is no news). Queues it; returns at once. */
    joined(idea: Idea, cluster: ClusterHandle): void {
      if (closed || cluster.id < 0 || !visible(idea)) return;
      queue.push({ idea, cluster });
      kick();
    },

    /** Writes everything queued now, without waiting for the next batch's time; resolves when it is written and announced (tests). */
    async settled(): Promise<void> {
      hurry = true;
      try {
        while (running) { wake?.(); await running; }
      } finally {
        hurry = false;
      }
    },

    /** Writes what is queued, then takes nothing more. */
    async close(): Promise<void> {
      await this.settled();
      closed = true;
    },
  };
}

export type ClusterNews = ReturnType<typeof createClusterNews>;
