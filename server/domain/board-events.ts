/**
 * The live board's bus handlers (board.ts): each domain event changes what the board knows
 * (board-state.ts), may note a timeline event for the next update, and schedules that update
 * (board-updates.ts). Events from other instances were written there: they only go into `seen`.
 */
import type { Idea } from '../store/store.js';
import type { BoardDeps } from './board.js';
import { currentClusterView, organisationsOf, orgName, visible, type BoardState } from './board-state.js';
import { CLUSTERS_WAIT_MS, type BoardUpdates } from './board-updates.js';
import type { ClusterView } from './board-diff.js';

/** Puts an idea in a view's cluster (null: none, undefined: off the board), members included. */
function setIn(view: ClusterView, id: string, clusterId: number | null | undefined): void {
  const was = view.ideas.get(id);
  const from = was === undefined || was === null ? undefined : view.clusters.get(was);
  if (from) from.members = from.members.filter((m) => m !== id);
  if (clusterId === undefined) { view.ideas.delete(id); return; }
  view.ideas.set(id, clusterId);
  if (clusterId !== null) view.clusters.get(clusterId)?.members.push(id);
}

export function boardHandlers(s: BoardState, { store, bus, matching, logger, peers }: BoardDeps, { schedule, clustersChanged }: Pick<BoardUpdates, 'schedule' | 'clustersChanged'>) {
  /** After a recompute another instance ran (and wrote): its view becomes `seen`, except what was taken here and is not written yet. */
  function absorbAll(): void {
    const view = currentClusterView(s, matching);
    for (const id of s.localIdeas) setIn(view, id, s.seen.ideas.get(id));
    for (const id of s.localLabels) {
      const was = s.seen.clusters.get(id);
      const now = view.clusters.get(id);
      if (was && now) now.label = was.label;
    }
    s.seen = view;
  }

  const note = (kind: string, idea: Idea, extra: Record<string, string> = {}) =>
    s.pending.push({ kind, params: { organisations: orgName(s, idea.id) || s.organisations.get(idea.organisationId)?.name || '', title: idea.title, ...extra }, clusterId: s.seen.ideas.get(idea.id) ?? null, ideaId: idea.id });

  const handlers = {
    'idea:created': (idea: Idea) => {
      if (visible(idea)) s.ideas.set(idea.id, idea);
      s.localIdeas.add(idea.id);
      s.changed.add(idea.id);
      clustersChanged();
      void organisationsOf(s, store, [idea]).then(() => schedule());
    },
    'idea:updated': (idea: Idea, previous: Idea) => {
      s.localIdeas.add(idea.id);
      s.changed.add(idea.id);
      clustersChanged();
      if (!visible(idea)) {
        if (s.ideas.delete(idea.id)) s.departed.set(idea.id, idea);
        s.positions.delete(idea.id);
        return schedule();
      }
      const wasOn = s.ideas.has(idea.id);
      s.ideas.set(idea.id, idea);
      if (wasOn && (idea.title !== previous.title || idea.description !== previous.description || idea.theme !== previous.theme)) note('idea_edited', idea);
      schedule();
    },
    // Placed after a post or an edit here (written with it), or on another instance (written there).
    'idea:placed': (e: { ideaId: string; x: number; y: number }) => {
      s.positions.set(e.ideaId, { x: e.x, y: e.y });
      s.changed.add(e.ideaId);
      clustersChanged();
      schedule(false);
    },
    'clusters:recomputed': (e: { items: { id: string; x: number; y: number }[]; followed?: true }) => {
      for (const i of e.items) { s.positions.set(i.id, { x: i.x, y: i.y }); s.changed.add(i.id); }
      clustersChanged();
      if (e.followed && peers) absorbAll();
      schedule(!e.followed);
    },
    'endorsement:created': (en: { organisationId: string }, ctx: { idea: Idea }) => endorsementNote('endorsed', en.organisationId, ctx.idea),
    'endorsement:withdrawn': (en: { organisationId: string }, ctx: { idea: Idea }) => endorsementNote('endorsement_withdrawn', en.organisationId, ctx.idea),
    'cluster:labelled': (e: { clusterId: number }) => { s.localLabels.add(e.clusterId); clustersChanged(); schedule(); }, // the rename itself comes out of the diff
    // Taken on another instance, which writes the events: straight into `seen` (unless changed here too).
    'idea:elsewhere': (e: { ideaId: string; idea: Idea | null }) => {
      s.changed.add(e.ideaId);
      clustersChanged();
      if (e.idea && visible(e.idea)) s.ideas.set(e.ideaId, e.idea);
      else { s.ideas.delete(e.ideaId); s.positions.delete(e.ideaId); }
      if (!s.localIdeas.has(e.ideaId)) setIn(s.seen, e.ideaId, currentClusterView(s, matching).ideas.get(e.ideaId));
      void organisationsOf(s, store, e.idea ? [e.idea] : []).then(() => schedule(false));
    },
    'cluster:labelled-elsewhere': (e: { clusterId: number }) => {
      const cluster = s.seen.clusters.get(e.clusterId);
      const label = matching.clusters().find((c) => c.id === e.clusterId)?.label;
      if (cluster && label !== undefined && !s.localLabels.has(e.clusterId)) cluster.label = label;
      clustersChanged();
      schedule(false);
    },
    'board:elsewhere': (e: { version: number; clusters: number }) => {
      s.written = Math.max(s.written, e.version);
      if (e.clusters > matching.version) {
        if (s.clustersNeeded <= matching.version) s.waitingSince = Date.now();
        s.clustersNeeded = Math.max(s.clustersNeeded, e.clusters);
        // Announced when the leader's clusters arrive (a followed recompute), at the latest after the wait.
        setTimeout(() => schedule(false), CLUSTERS_WAIT_MS).unref();
      }
      schedule(false);
    },
  } as const;

  function endorsementNote(kind: string, organisationId: string, idea: Idea): void {
    void (async () => {
      const org = s.organisations.get(organisationId) ?? await store.getOrganisation(organisationId);
      if (org) s.organisations.set(org.id, org);
      note(kind, idea, { by: org?.name ?? '' });
      s.recount.add(idea.id);
      schedule();
    })().catch((err: unknown) => logger.error({ err }, 'board: endorsement event failed'));
  }

  return {
    on: () => { for (const [event, fn] of Object.entries(handlers)) bus.on(event as 'idea:created', fn as never); },
    off: () => { for (const [event, fn] of Object.entries(handlers)) bus.off(event as 'idea:created', fn as never); },
  };
}
