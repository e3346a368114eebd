/**
 * The board's cluster cards and programme numbers, computed one way for everything that sends them: kept
 * as running sums, so that a live update costs what changed (one idea's endorsements, one placement)
 * instead of a rebuild over every idea; a snapshot builds a fresh tally from the whole board (`summarise`).
 *
 *   const tally = new BoardTally(organisations);
 *   tally.resetCounts(await store.countPerIdea());  // every idea's endorsements and connections
 *   tally.put(boardIdea);  tally.remove(id);        // an idea on the board, or off it
 *   tally.setCounts(row);  tally.setLabels(view);    // one idea's counts; the clusters' labels
 *   tally.cards(); tally.numbers();
 */
import { THEMES, type IdeaCounts, type Organisation, type Theme } from '../../store/store.js';
import { byName } from './diff.js';
import type { BoardCluster, BoardIdea, BoardNumbers } from './types.js';

interface Entry { idea: BoardIdea; province: string; endorsements: number; connections: number }
interface Sums { size: number; endorsements: number; connections: number; endorsed: number; connected: number; themes: Map<Theme, number>; orgs: Map<string, number> }
interface ClusterSums extends Sums { card: BoardCluster | null; orgList: BoardCluster['organisations'] | null }

const emptySums = (): Sums => ({ size: 0, endorsements: 0, connections: 0, endorsed: 0, connected: 0, themes: new Map(), orgs: new Map() });
const bump = <K>(m: Map<K, number>, k: K, by: number): boolean => {
  const n = (m.get(k) ?? 0) + by;
  if (n === 0) m.delete(k);
  else m.set(k, n);
  return n === 0 || n === by; // a key came or went
};
const share = (n: number, of: number) => (of === 0 ? 0 : Math.round((n / of) * 1000) / 1000);

export class BoardTally {
  private readonly entries = new Map<string, Entry>();
  private readonly counts = new Map<string, { endorsements: number; connections: number }>(); // every idea in the store
  private readonly clusters = new Map<number, ClusterSums>();
  private readonly labels = new Map<number, string>();
  private readonly representatives = new Map<number, string | null>();
  private readonly all = emptySums();
  private readonly provinces = new Map<string, number>();
  /** Endorsements and connections of every idea (any status): compared with the store's totals to notice changes no event told of. */
  totals = { endorsements: 0, connections: 0 };

  constructor(private readonly organisations: ReadonlyMap<string, Organisation>) {}

  clusterOf(id: string): number | null | undefined {
    const e = this.entries.get(id);
    return e ? e.idea.clusterId : undefined;
  }

  put(idea: BoardIdea): void {
    const c = this.counts.get(idea.id);
    const province = this.organisations.get(idea.organisationId)?.province ?? '';
    const was = this.entries.get(idea.id);
    // Only moved on the map (a recompute gives every idea a new position): no sum changes. Taking it
    // out of every sum and back in cost most of an update's 40-75 ms after a recompute at 10,000 ideas.
    if (was && was.idea.clusterId === idea.clusterId && was.idea.theme === idea.theme && was.idea.organisationId === idea.organisationId
      && was.province === province && was.endorsements === (c?.endorsements ?? 0) && was.connections === (c?.connections ?? 0)) {
      if (was.idea.title !== idea.title && idea.clusterId !== null) { const s = this.clusters.get(idea.clusterId); if (s) s.card = null; }
      was.idea = idea;
      return;
    }
    this.remove(idea.id);
    const entry: Entry = { idea, province, endorsements: c?.endorsements ?? 0, connections: c?.connections ?? 0 };
    this.entries.set(idea.id, entry);
    this.apply(entry, 1);
  }

  remove(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    this.apply(entry, -1);
    this.entries.delete(id);
  }

  setCounts(row: IdeaCounts): void {
    const before = this.counts.get(row.ideaId) ?? { endorsements: 0, connections: 0 };
    this.totals.endorsements += row.endorsements - before.endorsements;
    this.totals.connections += row.connections - before.connections;
    if (row.endorsements === 0 && row.connections === 0) this.counts.delete(row.ideaId);
    else this.counts.set(row.ideaId, { endorsements: row.endorsements, connections: row.connections });
    const entry = this.entries.get(row.ideaId);
    if (entry) this.put(entry.idea);
  }

  /** Replaces every idea's counts (`rows`: the ideas with any; the others have none). */
  resetCounts(rows: IdeaCounts[]): void {
    const fresh = new Map(rows.map((r) => [r.ideaId, r]));
    for (const id of [...this.counts.keys()]) if (!fresh.has(id)) this.setCounts({ ideaId: id, endorsements: 0, connections: 0 });
    for (const r of rows) {
      const before = this.counts.get(r.ideaId);
      if (before?.endorsements !== r.endorsements || before.connections !== r.connections) this.setCounts(r);
    }
  }

  /** The labels of the clusters as they are now (the matching service's view). */
  setLabels(clusters: ReadonlyMap<number, { label: string; members?: string[]; representative?: string | null }>): void {
    for (const [id, c] of clusters) {
      const representative = c.representative && c.members?.includes(c.representative) ? c.representative : c.members?.[0] ?? null;
      if (this.labels.get(id) === c.label && this.representatives.get(id) === representative) continue;
      this.labels.set(id, c.label);
      this.representatives.set(id, representative);
      const sums = this.clusters.get(id);
      if (sums) sums.card = null;
    }
  }

  cards(): BoardCluster[] {
    const out: BoardCluster[] = [];
    for (const [id, s] of this.clusters) out.push(s.card ??= this.card(id, s));
    return out.sort((a, b) => b.size - a.size || a.id - b.id);
  }

  numbers(): BoardNumbers {
    const posted = this.all.size;
    return {
      ideas: posted,
      perTheme: THEMES.map((theme) => ({ theme, count: this.all.themes.get(theme) ?? 0 })),
      perProvince: [...this.provinces].filter(([p]) => p !== '').map(([province, count]) => ({ province, count }))
        .sort((a, b) => byName(a.province, b.province)),
      endorsements: this.all.endorsements,
      connections: this.all.connections,
      funnel: { posted, endorsed: this.all.endorsed, connected: this.all.connected, endorsedShare: share(this.all.endorsed, posted), connectedShare: share(this.all.connected, posted) },
    };
  }

  private apply(e: Entry, sign: 1 | -1): void {
    const add = (s: Sums): boolean => {
      s.size += sign;
      s.endorsements += sign * e.endorsements;
      s.connections += sign * e.connections;
      if (e.endorsements > 0) s.endorsed += sign;
      if (e.connections > 0) s.connected += sign;
      bump(s.themes, e.idea.theme, sign);
      return bump(s.orgs, e.idea.organisationId, sign);
    };
    add(this.all);
    bump(this.provinces, e.province, sign);
    const id = e.idea.clusterId;
    if (id === null) return;
    let s = this.clusters.get(id);
    if (!s) this.clusters.set(id, s = { ...emptySums(), card: null, orgList: null });
    if (add(s)) s.orgList = null;
    s.card = null;
    if (s.size === 0) this.clusters.delete(id);
  }

  /** The matching's most central idea while it is in the cluster here; else the first member found. */
  private representative(id: number): BoardCluster['representative'] {
    const r = this.representatives.get(id);
    const e = r ? this.entries.get(r) : undefined;
    if (e && e.idea.clusterId === id) return { id: e.idea.id, title: e.idea.title };
    for (const x of this.entries.values()) if (x.idea.clusterId === id) return { id: x.idea.id, title: x.idea.title };
    return null;
  }

  private card(id: number, s: ClusterSums): BoardCluster {
    s.orgList ??= [...s.orgs.keys()].map((orgId) => {
      const org = this.organisations.get(orgId);
      return { id: orgId, name: org?.name ?? '', code: org?.kind === 'municipality' ? org.code : null };
    }).sort((a, b) => byName(a.name, b.name));
    return {
      id,
      label: this.labels.get(id) ?? '',
      size: s.size,
      representative: this.representative(id),
      organisations: s.orgList,
      themes: THEMES.filter((t) => s.themes.has(t)).map((theme) => ({ theme, count: s.themes.get(theme)! })),
      endorsements: s.endorsements,
      connections: s.connections,
    };
  }
}

/** The cards and numbers of a whole board (pure): the ideas on it, every idea's counts, the clusters' labels. */
export function summarise(input: {
  ideas: Iterable<BoardIdea>;
  counts: IdeaCounts[];
  clusters: ReadonlyMap<number, { label: string; members?: string[]; representative?: string | null }>;
  organisations: ReadonlyMap<string, Organisation>;
}): { clusters: BoardCluster[]; numbers: BoardNumbers } {
  const tally = new BoardTally(input.organisations);
  tally.resetCounts(input.counts);
  tally.setLabels(input.clusters);
  for (const idea of input.ideas) tally.put(idea);
  return { clusters: tally.cards(), numbers: tally.numbers() };
}
