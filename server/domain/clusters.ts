// The cluster page's use cases for the programme team: naming a cluster and introducing its organisations
// to each other, with the audit log as the label's history.
import { z } from 'zod';
import { AppError } from '../errors.js';
import { newId } from '../store/ids.js';
import type { AuditEntry, Connection, Idea, Notification, Organisation, Store, Theme } from '../store/store.js';
import type { Actor, Viewer } from './actor.js';
import type { Audit } from './audit.js';
import { iso, type Clock } from './clock.js';
import type { Contacts } from './rules/contacts.js';
import { isListed } from './rules/visible-ideas.js';
import { isProgramme, requireProgramme } from './rules/who-may-act.js';
import type { DomainBus } from './events.js';
import type { ClusterSummary, Matching } from './matching.js';
import { parse, text } from './validation.js';
import { wantedNotifications } from './notification-delivery.js';

export const CLUSTER_LABEL_MAX = 80;

const LABEL_ACTIONS = ['cluster.renamed', 'cluster.label_reset', 'cluster.label_restored'] as const;

export const labelSchema = z.object({ label: text(1, CLUSTER_LABEL_MAX).nullable() }).strict();

export interface ClustersDeps {
  store: Store;
  clock: Clock;
  bus: DomainBus;
  audit: Audit;
  matching: Pick<Matching, 'clusters' | 'setLabel' | 'unmatched'>;
  /** Whose contact person a viewer sees (rules/contacts.ts). */
  contacts: Pick<Contacts, 'policy'>;
}

export interface ClusterIdea { idea: Idea; organisation: Organisation | null; contact: Idea['contact'] | null }

/** A cluster as the pages and the API show it; contacts only where the contact policy allows. */
export interface ClusterDetail {
  id: number;
  label: string;
  autoLabel: string;
  override: string | null;
  ideas: ClusterIdea[];
  /** The idea most central to the cluster: its title says what the cluster is about. */
  representative: Idea | null;
  organisations: Organisation[];
  themes: { theme: Theme; count: number }[];
  /** Programme team only: the label changes, newest first, and what "undo" would restore (undefined: nothing to undo). */
  history?: AuditEntry[];
  undo?: { label: string | null } | undefined;
}

const representativeOf = (c: ClusterSummary, ideas: Idea[]): Idea | null => ideas.find((i) => i.id === c.representative) ?? ideas[0] ?? null;

/** Cluster ids are small non-negative integers; anything else is simply not found. */
export function parseClusterId(raw: unknown): number {
  const s = String(raw);
  if (!/^\d{1,9}$/.test(s)) throw new AppError('not_found', 'moderation.errors.cluster_not_found');
  return Number(s);
}

/**
 * The cluster page's use cases: a cluster's ideas and organisations, the label override (kept across
 * recomputations by the engine) with a one-step undo, and "introduce all".
 *
 * Label history lives in the audit log: every change records `label` (new, '' for automatic) and
 * `previous` (the override before, '' for none). Undo restores `previous` of the latest change and is
 * itself recorded ('cluster.label_restored'); an undo is not undone again (no redo ping-pong).
 *
 * "Introduce all": every organisation with an idea in the cluster is connected (via 'introduction') with
 * every other one around each of their ideas, so each sees the others' contact persons; every active
 * member of each organisation gets one 'introduced' notification naming the others and their contact
 * persons. Connections and notifications are written in one transaction. Introducing the same cluster
 * again notifies again (useful after new organisations joined) but never duplicates a connection.
 */
export function createClusters({ store, clock, bus, audit, matching, contacts }: ClustersDeps) {
  function summaryOf(id: number): ClusterSummary {
    const c = matching.clusters().find((x) => x.id === id);
    if (!c || c.size === 0) throw new AppError('not_found', 'moderation.errors.cluster_not_found');
    return c;
  }

  async function ideasOf(c: ClusterSummary): Promise<Idea[]> {
    const found = await Promise.all(c.members.map((id) => store.getIdea(id)));
    return found.filter((i): i is Idea => i !== null && isListed(i))
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
  }

  async function organisationsOf(ideas: Idea[]): Promise<Map<string, Organisation>> {
    const ids = [...new Set(ideas.map((i) => i.organisationId))];
    const orgs = await Promise.all(ids.map((id) => store.getOrganisation(id)));
    return new Map(orgs.filter((o): o is Organisation => o !== null).map((o) => [o.id, o]));
  }

  const byName = new Intl.Collator('nl', { sensitivity: 'base' });

  async function labelHistory(id: number): Promise<AuditEntry[]> {
    return audit.forTarget({ type: 'cluster', id: String(id) }, LABEL_ACTIONS);
  }

  async function changeLabel(actor: Actor, id: number, label: string | null, action: (typeof LABEL_ACTIONS)[number], extra: Record<string, string> = {}) {
    const c = summaryOf(id);
    if (!(await matching.setLabel(id, label))) throw new AppError('not_found', 'moderation.errors.cluster_not_found');
    await audit.record(actor, action, { type: 'cluster', id: String(id) }, { label: label ?? '', previous: c.override ?? '', autoLabel: c.autoLabel, ...extra });
    const after = summaryOf(id);
    bus.emit('cluster:labelled', { clusterId: id, label: after.label, previous: c.label, override: after.override, by: actor.name });
    return after;
  }

  return {
    /** Every cluster with members, largest first: for anyone (labels, sizes, organisations' names are public). */
    async list(): Promise<{ summary: ClusterSummary; representative: Idea | null; organisations: Organisation[]; themes: { theme: Theme; count: number }[] }[]> {
      const clusters = matching.clusters().filter((c) => c.size > 0).sort((a, b) => b.size - a.size || a.id - b.id);
      return Promise.all(clusters.map(async (summary) => {
        const ideas = await ideasOf(summary);
        const orgs = await organisationsOf(ideas);
        return { summary, representative: representativeOf(summary, ideas), organisations: [...orgs.values()].sort((a, b) => byName.compare(a.name, b.name)), themes: themesOf(ideas) };
      }));
    },

    /**
     * Open ideas close to no cluster, newest first: "not yet matched". Public like the clusters (titles
     * and organisations' names only); the programme team sees where an ally is still missing.
     */
    async unmatched(): Promise<{ idea: Idea; organisation: Organisation | null }[]> {
      const found = await Promise.all(matching.unmatched().map((id) => store.getIdea(id)));
      const ideas = found.filter((i): i is Idea => i !== null && isListed(i))
        .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.id < b.id ? -1 : 1));
      const orgs = await organisationsOf(ideas);
      return ideas.map((idea) => ({ idea, organisation: orgs.get(idea.organisationId) ?? null }));
    },

    async get(viewer: Viewer, id: number): Promise<ClusterDetail> {
      const c = summaryOf(id);
      const [ideas, policy] = await Promise.all([ideasOf(c), contacts.policy(viewer)]);
      const orgs = await organisationsOf(ideas);
      const detail: ClusterDetail = {
        id: c.id, label: c.label, autoLabel: c.autoLabel, override: c.override, representative: representativeOf(c, ideas),
        ideas: ideas.map((idea) => ({ idea, organisation: orgs.get(idea.organisationId) ?? null, contact: policy.seesIdeaContact(idea) ? idea.contact : null })),
        organisations: [...orgs.values()].sort((a, b) => byName.compare(a.name, b.name)),
        themes: themesOf(ideas),
      };
      if (isProgramme(viewer)) {
        detail.history = await labelHistory(id);
        const last = detail.history[0];
        detail.undo = last && last.action !== 'cluster.label_restored' ? { label: last.details.previous || null } : undefined;
      }
      return detail;
    },

    /** A human label (override); `null` goes back to the automatic label. */
    async setLabel(viewer: Viewer, id: number, input: unknown): Promise<ClusterSummary> {
      const actor = requireProgramme(viewer);
      const { label } = parse(labelSchema, input);
      return changeLabel(actor, id, label, label === null ? 'cluster.label_reset' : 'cluster.renamed');
    },

    /** Restores the label as it was before the latest change. 409 when there is nothing to undo. */
    async undoLabel(viewer: Viewer, id: number): Promise<ClusterSummary> {
      const actor = requireProgramme(viewer);
      summaryOf(id);
      const [last] = await labelHistory(id);
      if (!last || last.action === 'cluster.label_restored') throw new AppError('conflict', 'moderation.errors.nothing_to_undo');
      return changeLabel(actor, id, last.details.previous || null, 'cluster.label_restored', { undoes: last.id });
    },

    async introduce(viewer: Viewer, id: number): Promise<{ organisations: number; notified: number; newConnections: number }> {
      const actor = requireProgramme(viewer);
      const c = summaryOf(id);
      const ideas = await ideasOf(c);
      const orgs = await organisationsOf(ideas);
      if (orgs.size < 2) throw new AppError('conflict', 'moderation.errors.cluster_one_organisation');
      const now = iso(clock);
      const connections: Connection[] = [];
      for (const idea of ideas) {
        for (const other of orgs.keys()) {
          if (other === idea.organisationId) continue;
          connections.push({ id: newId(), ideaId: idea.id, organisationA: idea.organisationId, organisationB: other, via: 'introduction', createdAt: now });
        }
      }
      const members = await store.listActiveMembers([...orgs.keys()]);
      const notifications: Notification[] = await wantedNotifications(store, members.map((user) => ({
        id: newId(), userId: user.id, kind: 'introduced', link: `/clusters/${id}`, createdAt: now, readAt: null,
        params: { organisation: othersWithContacts(user.organisationId!, ideas, orgs), idea: c.label, cluster: String(id) },
      }) satisfies Notification));
      const newConnections = await store.introduce({ connections, notifications });
      await audit.record(actor, 'cluster.introduced', { type: 'cluster', id: String(id) }, {
        label: c.label, organisations: [...orgs.values()].map((o) => o.name).join(', '), notified: String(notifications.length), newConnections: String(newConnections),
      });
      if (notifications.length > 0) bus.emit('notification:created', { userIds: [...new Set(notifications.map((n) => n.userId))], notifications });
      return { organisations: orgs.size, notified: notifications.length, newConnections };
    },
  };
}

function themesOf(ideas: Idea[]): { theme: Theme; count: number }[] {
  const counts = new Map<Theme, number>();
  for (const i of ideas) counts.set(i.theme, (counts.get(i.theme) ?? 0) + 1);
  return [...counts].map(([theme, count]) => ({ theme, count })).sort((a, b) => b.count - a.count || a.theme.localeCompare(b.theme));
}

/** "Mol (Jan Peeters, jan@mol.be, 014 33 22 11); Tienen (…)": the other organisations and their ideas' contact persons. */
function othersWithContacts(own: string, ideas: Idea[], orgs: Map<string, Organisation>): string {
  const parts: string[] = [];
  for (const [orgId, org] of orgs) {
    if (orgId === own) continue;
    const seen = new Set<string>();
    const contacts: string[] = [];
    for (const i of ideas) {
      if (i.organisationId !== orgId || seen.has(i.contact.email)) continue;
      seen.add(i.contact.email);
      contacts.push([i.contact.name, i.contact.email, i.contact.phone].filter(Boolean).join(', '));
    }
    parts.push(`${org.name} (${contacts.join('; ')})`);
  }
  return parts.sort().join('; ');
}

export type Clusters = ReturnType<typeof createClusters>;
