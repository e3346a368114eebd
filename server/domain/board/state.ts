/**
 * Everything the live board knows and owes, in one place and synchronous: the bus handlers (intake.ts)
 * tell it what happened; the updates (updates.ts) take from it what to write to the timeline and what
 * to announce, and do the store's I/O around it. Nothing else holds a reference to its maps.
 */
import type { BoardEvent, Idea, IdeaCounts, Organisation } from '../../store/store.js';
import { diffClusters, emptyView, type ClusterView, type DiffEvent } from './diff.js';
import { BoardTally, summarise } from './tally.js';
import type { BoardChanges, BoardCluster, BoardIdea, BoardMove, BoardNumbers } from './types.js';
import { LiveView } from './live-view.js';
import { boardIdea, clusterView, onlyMoved, sameBoardIdea, setIn, visible, type MatchedCluster } from './view.js';

/** How long a board waits for the leader's clusters that another instance's events describe, before it announces them anyway. */
export const CLUSTERS_WAIT_MS = 2000;

/** The clusters of a view, sharing nothing with it (the board changes `seen` in place). */
function copyClusters(clusters: ClusterView['clusters']): ClusterView['clusters'] {
  const copy: ClusterView['clusters'] = new Map();
  for (const [id, c] of clusters) copy.set(id, { ...c, members: c.members.slice() });
  return copy;
}
const copyView = (view: ClusterView): ClusterView => ({ clusters: copyClusters(view.clusters), ideas: new Map(view.ideas) });

/** What the board reads of the matching service: its clusters now, and their version. */
export interface MatchingView { clusters(): readonly MatchedCluster[]; readonly version: number }

export class BoardState {
  // What the board knows.
  private readonly ideas = new Map<string, Idea>();
  private readonly organisations = new Map<string, Organisation>();
  private readonly positions = new Map<string, { x: number; y: number }>();
  private readonly departed = new Map<string, Idea>();      // left the board since the last write: still named in its events
  // What the timeline owes: the clusters as last written, and what happened since.
  private seen = emptyView();
  private pending: DiffEvent[] = [];
  private readonly localIdeas = new Set<string>();          // ideas posted or edited here since the last write
  private readonly localLabels = new Set<number>();         // clusters renamed here since the last write
  private writing = false;                                  // a change taken here waits to be written
  private diffNeeded = false;                               // the clusters may have changed since `seen` was written
  // What was announced. An update costs what changed: the ideas in `changed`, the counts of the ideas in
  // `recount`, and the cluster view's upkeep for the ideas that moved (over every idea only after a recompute).
  private readonly tally = new BoardTally(this.organisations);
  private readonly sent = new Map<string, BoardIdea>();     // idea id -> the BoardIdea last announced
  private readonly sentCards = new Map<number, BoardCluster>(); // cluster id -> the card last announced (the tally keeps a card until it changes)
  private viewDirty = false;                                // the clusters may have changed since the tally took them
  private announcing: { ids: string[]; done: number; ideas: BoardIdea[]; moved: BoardMove[]; removed: string[] } | null = null; // an announcement under way
  // The clusters now, kept up to date by what changed (live-view.ts); the diff compares `seen` with it
  // only where it may differ.
  private readonly live = new LiveView();
  private get now(): ClusterView { return this.live.view; }
  private readonly unseen = new Set<string>();              // ideas whose cluster in `seen` may differ from `now`
  private unseenAll = false;                                // ... any idea (after a rebuild)
  private readonly changed = new Set<string>();             // ideas whose BoardIdea may differ from the one announced
  private readonly recount = new Set<string>();             // ideas whose endorsements or connections may have changed
  // With peers: the last version announced here, the highest it may announce, and the matching version those events describe.
  private pushed = 0;
  private written = 0;
  private clustersNeeded = 0;
  private waitingSince = 0;

  constructor(private readonly matching: MatchingView, private readonly peers: boolean) {}

  /** The board as loaded counts as written and announced (no update for it). */
  load(ideas: Idea[], organisations: Organisation[], counts: IdeaCounts[], version: number): void {
    for (const idea of ideas) if (visible(idea)) this.ideas.set(idea.id, idea);
    for (const org of organisations) this.organisations.set(org.id, org);
    this.live.invalidate();
    this.refresh();
    this.seen = copyView(this.now);
    this.unseen.clear();
    this.unseenAll = false;
    this.tally.resetCounts(counts);
    for (const id of this.changed) {
      const now = this.boardIdea(this.ideas.get(id)!);
      this.tally.put(now);
      this.sent.set(id, now);
    }
    this.changed.clear();
    for (const card of this.tally.cards()) this.sentCards.set(card.id, card);
    this.pushed = this.written = version;
  }

  // --- What happened (intake.ts) ---

  /** The organisations of `ideas` (default: every idea on the board) not known yet. */
  unknownOrganisations(ideas: Iterable<Idea> = this.ideas.values()): string[] {
    return [...new Set([...ideas].map((i) => i.organisationId))].filter((id) => !this.organisations.has(id));
  }
  organisation(id: string): Organisation | undefined { return this.organisations.get(id); }
  addOrganisation(org: Organisation): void { this.organisations.set(org.id, org); }

  /** `local`: a change taken here, to be written; otherwise only announced (another instance wrote it). Alone, every change is local. */
  owe(local: boolean): void { if (local || !this.peers) this.writing = true; }

  ideaCreated(idea: Idea): void {
    if (visible(idea)) this.ideas.set(idea.id, idea);
    this.touched(idea.id);
  }

  ideaUpdated(idea: Idea, previous: Idea): void {
    this.touched(idea.id);
    if (!visible(idea)) {
      if (this.ideas.delete(idea.id)) this.departed.set(idea.id, idea);
      this.positions.delete(idea.id);
      return;
    }
    const wasOn = this.ideas.has(idea.id);
    this.ideas.set(idea.id, idea);
    if (wasOn && (idea.title !== previous.title || idea.description !== previous.description || idea.theme !== previous.theme)) this.note('idea_edited', idea);
  }

  placed(items: { id: string; x: number; y: number }[]): void {
    for (const i of items) { this.positions.set(i.id, { x: i.x, y: i.y }); this.changed.add(i.id); }
    this.clustersChanged();
  }

  /** A recompute another instance ran (and wrote): its view becomes `seen`, except what was taken here and is not written yet. */
  followed(): void {
    this.live.invalidate();
    this.refresh();
    const view = copyView(this.now);
    for (const id of this.localIdeas) setIn(view, id, this.seen.ideas.get(id));
    for (const id of this.localLabels) {
      const was = this.seen.clusters.get(id);
      const now = view.clusters.get(id);
      if (was && now) now.label = was.label;
    }
    this.seen = view;
  }

  endorsement(kind: string, idea: Idea, by: Organisation | undefined): void {
    if (by) this.organisations.set(by.id, by);
    this.note(kind, idea, { by: by?.name ?? '' });
    this.recount.add(idea.id);
  }

  /** The rename itself comes out of the diff. */
  labelled(clusterId: number): void {
    this.localLabels.add(clusterId);
    this.clustersChanged();
  }

  /** Taken on another instance, which writes the events: straight into `seen` (unless changed here too). */
  ideaElsewhere(id: string, idea: Idea | null): void {
    this.changed.add(id);
    this.clustersChanged();
    if (idea && visible(idea)) this.ideas.set(id, idea);
    else { this.ideas.delete(id); this.positions.delete(id); }
    this.live.onOrOff(id);
    this.refresh();
    if (!this.localIdeas.has(id)) setIn(this.seen, id, this.now.ideas.get(id));
  }

  labelledElsewhere(clusterId: number): void {
    const cluster = this.seen.clusters.get(clusterId);
    const label = this.matching.clusters().find((c) => c.id === clusterId)?.label;
    if (cluster && label !== undefined && !this.localLabels.has(clusterId)) cluster.label = label;
    this.clustersChanged();
  }

  /** Another instance wrote up to `version`; true when its events describe clusters not here yet (wait for them). */
  writtenElsewhere(e: { version: number; clusters: number }, now: number): boolean {
    this.written = Math.max(this.written, e.version);
    if (e.clusters <= this.matching.version) return false;
    if (this.clustersNeeded <= this.matching.version) this.waitingSince = now;
    this.clustersNeeded = Math.max(this.clustersNeeded, e.clusters);
    return true;
  }

  // --- What to write and announce (updates.ts) ---

  /** True after a recompute until the cluster view is rebuilt over every idea (by prepare, or takeWrite). */
  get rebuildDue(): boolean { return this.matching.version !== this.live.builtFor; }

  /**
   * Brings the cluster view up to the matching's clusters now: takeWrite does it first, and updates.ts
   * calls it a turn ahead after a recompute, so that the rebuild over every idea and the diff that
   * follows do not hold the main thread in one turn (42 ms together under load at 10,000 ideas).
   */
  prepare(): void {
    if (this.rebuildDue) this.clustersChanged();
    if (this.viewDirty) this.refresh();
    this.viewDirty = false;
  }

  /** Takes what waits to be written, as timeline events (at least one); null when nothing taken here waits. */
  takeWrite(): DiffEvent[] | null {
    const write = this.writing;
    this.writing = false;
    this.prepare();
    if (!write) return null;
    // Without a cluster change since the last write, the view is `seen` and the diff would be empty.
    const describe = (id: string) => ({ organisation: this.orgName(id), title: this.ideaOf(id)?.title ?? '' });
    let moves: DiffEvent[] = [];
    if (this.diffNeeded) {
      moves = diffClusters(this.seen, this.now, describe, this.unseenAll ? undefined : this.unseen);
      this.seen = this.unseenAll ? copyView(this.now) : this.caughtUp(this.seen);
      this.unseen.clear();
      this.unseenAll = false;
    }
    const events = [...this.pending, ...moves];
    this.pending = [];
    this.diffNeeded = false;
    this.departed.clear();
    this.localIdeas.clear();
    this.localLabels.clear();
    // Moves on the map and new counts without a timeline-worthy change still need a new version.
    if (events.length === 0) events.push({ kind: 'refreshed', params: {}, clusterId: null, ideaId: null });
    return events;
  }

  /** With peers: this instance wrote up to `seq`; returns the highest version it may announce. */
  wrote(seq: number): number { return (this.written = Math.max(this.written, seq)); }

  /**
   * With peers: the version after which stored events wait to be announced; null while there are none,
   * or while the leader's clusters they describe are on their way (unless that takes too long: then the
   * wait is over).
   */
  announceAfter(now: number): number | null {
    if (this.clustersNeeded > this.matching.version && now - this.waitingSince < CLUSTERS_WAIT_MS) return null;
    this.clustersNeeded = 0;
    return this.written <= this.pushed ? null : this.pushed;
  }
  /** Of the stored events, the ones this instance may announce (the idea or label behind each is here already). */
  announceable(events: BoardEvent[]): BoardEvent[] { return events.filter((e) => e.seq <= this.written); }
  /** The last version announced here. */
  get announced(): number { return this.pushed; }

  /** The ideas whose counts to fetch before announcing `events` (cleared: they are about to be counted). */
  takeRecount(events: BoardEvent[]): string[] {
    for (const e of events) if (e.ideaId !== null) this.recount.add(e.ideaId);
    const ids = [...this.recount];
    this.recount.clear();
    return ids;
  }
  setCounts(rows: IdeaCounts[]): void { for (const row of rows) this.tally.setCounts(row); }
  /** True when the store's totals differ from the tally's: a change no event told of (an introduction). */
  countsDiffer(totals: { endorsements: number; connections: number }): boolean {
    return totals.endorsements !== this.tally.totals.endorsements || totals.connections !== this.tally.totals.connections;
  }
  resetCounts(rows: IdeaCounts[]): void { this.tally.resetCounts(rows); }

  /**
   * Takes the ideas changed so far for the next announcement, to go through a few at a time
   * (`announceStep`) with the main thread given back in between: after a recompute every idea on the
   * board changed (a new place on the map), 10,000 of them in one turn held it for 15-45 ms (issue 19).
   * What changes meanwhile is taken by the announcement after this one.
   */
  beginAnnounce(): void {
    if (this.announcing) return;
    this.announcing = { ids: [...this.changed], done: 0, ideas: [], moved: [], removed: [] };
    this.changed.clear();
  }

  /** Goes through up to `limit` more of the ideas taken; true when none is left. */
  announceStep(limit: number): boolean {
    this.beginAnnounce();
    const a = this.announcing!;
    const end = Math.min(a.ids.length, a.done + limit);
    for (; a.done < end; a.done++) {
      const id = a.ids[a.done]!;
      const idea = this.ideas.get(id);
      if (!idea) {
        this.tally.remove(id);
        if (this.sent.delete(id)) a.removed.push(id);
        continue;
      }
      const now = this.boardIdea(idea);
      this.tally.put(now);
      // Compared field by field: after a recompute every idea has a new position, and a JSON string of
      // each of 10,000 ideas held the main thread for 40-75 ms (issue 19).
      const was = this.sent.get(id);
      if (sameBoardIdea(was, now)) continue;
      if (was && onlyMoved(was, now)) a.moved.push([id, now.x, now.y, now.clusterId]); else a.ideas.push(now);
      this.sent.set(id, now);
    }
    return a.done === a.ids.length;
  }

  /** What changed since the last announcement, which is now `version` (the ideas taken and not gone through yet, at once). */
  announce(version: number): BoardChanges {
    this.announceStep(Infinity);
    const { ideas, moved, removed } = this.announcing!;
    this.announcing = null;
    this.pushed = version;
    const { cards, cardsRemoved } = this.cardsChanged();
    return { ideas, ...(moved.length > 0 ? { moved } : {}), removed, cards, ...(cardsRemoved.length > 0 ? { cardsRemoved } : {}), numbers: this.tally.numbers() };
  }

  /** The cards that are not the ones last announced, and the clusters whose card is gone. */
  private cardsChanged(): { cards: BoardCluster[]; cardsRemoved: number[] } {
    const all = this.tally.cards();
    const cards = all.filter((card) => this.sentCards.get(card.id) !== card);
    const ids = new Set(all.map((card) => card.id));
    const cardsRemoved = [...this.sentCards.keys()].filter((id) => !ids.has(id));
    for (const id of cardsRemoved) this.sentCards.delete(id);
    for (const card of cards) this.sentCards.set(card.id, card);
    return { cards, cardsRemoved };
  }

  /** The whole board as it is now (not as last announced), with every idea's `counts`: through the same tally as the updates. */
  picture(counts: IdeaCounts[]): { ideas: BoardIdea[]; clusters: BoardCluster[]; numbers: BoardNumbers } {
    const view = clusterView(this.ideas, this.matching.clusters());
    const ideas = [...this.ideas.values()].map((i) => boardIdea(i, view.ideas.get(i.id) ?? null, this.positions.get(i.id), this.organisations));
    return { ideas, ...summarise({ ideas, counts, clusters: view.clusters, organisations: this.organisations }) };
  }

  // --- Inside ---

  /** Something moved ideas between clusters, put one on or off the board, or renamed a cluster. */
  private clustersChanged(): void { this.viewDirty = true; this.diffNeeded = true; }

  /** Posted or edited here. */
  private touched(id: string): void {
    this.live.onOrOff(id);
    this.localIdeas.add(id);
    this.changed.add(id);
    this.clustersChanged();
  }

  /**
   * Brings `now` to the matching's clusters and the ideas on the board (live-view.ts), and the tally's
   * labels with it; the ideas whose cluster differs from the tally's become `changed`.
   */
  private refresh(): void {
    const changed = this.live.refresh(this.ideas, this.matching.clusters(), this.matching.version);
    if (changed === 'all') {
      this.unseenAll = true;
      for (const [id, clusterId] of this.now.ideas) if (this.tally.clusterOf(id) !== clusterId) this.changed.add(id);
    } else {
      for (const id of changed) {
        this.unseen.add(id);
        const clusterId = this.now.ideas.get(id);
        if (clusterId !== undefined && this.tally.clusterOf(id) !== clusterId) this.changed.add(id);
      }
    }
    this.tally.setLabels(this.now.clusters);
  }

  /** `seen` brought to `now` where it may differ (the ideas in `unseen`); the clusters copied. */
  private caughtUp(seen: ClusterView): ClusterView {
    for (const id of this.unseen) {
      const clusterId = this.now.ideas.get(id);
      if (clusterId === undefined) seen.ideas.delete(id); else seen.ideas.set(id, clusterId);
    }
    return { ideas: seen.ideas, clusters: copyClusters(this.now.clusters) };
  }

  private boardIdea(i: Idea): BoardIdea {
    return boardIdea(i, this.now.ideas.get(i.id) ?? null, this.positions.get(i.id), this.organisations);
  }

  private ideaOf(id: string): Idea | undefined { return this.ideas.get(id) ?? this.departed.get(id); }
  private orgName(ideaId: string): string { return this.organisations.get(this.ideaOf(ideaId)?.organisationId ?? '')?.name ?? ''; }

  private note(kind: string, idea: Idea, extra: Record<string, string> = {}): void {
    const organisations = this.orgName(idea.id) || this.organisations.get(idea.organisationId)?.name || '';
    this.pending.push({ kind, params: { organisations, title: idea.title, ...extra }, clusterId: this.seen.ideas.get(idea.id) ?? null, ideaId: idea.id });
  }
}
