/**
 * The board's clusters as they are now, kept up to date by what changed instead of rebuilt over every
 * idea on each update: rebuilding, copying and diffing the view held the main thread for 10-16 ms at
 * 10,000 ideas in a bench of the board's state alone, and 104-120 ms in issue 19's profiled load run,
 * garbage collection included. A recompute (a new matching version) still rebuilds it.
 *
 *   const live = new LiveView();
 *   live.onOrOff(id);                                    // an idea put on or taken off the board
 *   const changed = live.refresh(onBoard, clusters, version);  // 'all', or the ideas that may have changed
 *   live.view                                             // what clusterView(onBoard, clusters) gives
 */
import { emptyView, type ClusterView } from './diff.js';
import type { MatchedCluster } from './view.js';

export class LiveView {
  /** The clusters and the ideas on the board, as of the last refresh. */
  view: ClusterView = emptyView();
  private version = 0;                                      // the matching version the view was rebuilt for
  private rebuildNext = true;
  private readonly raw = new Map<number, string[]>();       // every cluster's members as the matching last listed them (a copy)
  private readonly rawOf = new Map<string, number>();       // idea id -> its cluster in `raw`
  private readonly putOnOrOff = new Set<string>();          // ideas put on or taken off the board since the last refresh

  /** The matching version the view was last rebuilt for. */
  get builtFor(): number { return this.version; }

  /** An idea came onto the board or left it (the map of ideas on the board changed for it). */
  onOrOff(id: string): void { this.putOnOrOff.add(id); }

  /** The next refresh rebuilds the view over every idea. */
  invalidate(): void { this.rebuildNext = true; }

  /**
   * Brings `view` to `clusterView(onBoard, clusters)`. After a new `version`, over every idea ('all');
   * otherwise only over what changed: the clusters whose member list is not the one last listed (a
   * placement) and the ideas put on or off the board. Returns every idea whose cluster may have changed.
   */
  refresh(onBoard: ReadonlyMap<string, unknown>, clusters: readonly MatchedCluster[], version: number): 'all' | ReadonlySet<string> {
    if (this.rebuildNext || version !== this.version) {
      this.rebuild(onBoard, clusters, version);
      return 'all';
    }
    const listed = new Map<number, MatchedCluster>();
    for (const c of clusters) listed.set(c.id, c);
    const affected = new Set(this.putOnOrOff);
    this.putOnOrOff.clear();
    const touched = new Set<number>();
    // The clusters whose member list changed: the ideas that joined or left one may have changed
    // cluster (an idea moving between two is set by the one it joined, whichever comes first).
    const relist = (id: number, members: readonly string[]) => {
      const { joined, left } = listChange(this.raw.get(id) ?? [], members);
      for (const m of left) {
        if (this.rawOf.get(m) === id) this.rawOf.delete(m);
        affected.add(m);
      }
      for (const m of joined) { this.rawOf.set(m, id); affected.add(m); }
      touched.add(id);
    };
    for (const c of clusters) {
      if (sameList(this.raw.get(c.id), c.members)) continue;
      relist(c.id, c.members);
      this.raw.set(c.id, c.members.slice());
    }
    for (const id of [...this.raw.keys()]) {
      if (listed.has(id)) continue;
      relist(id, []);
      this.raw.delete(id);
    }
    // The clusters those ideas were in or are in now: their members on the board, again.
    for (const id of affected) {
      const was = this.view.ideas.get(id);
      if (typeof was === 'number') touched.add(was);
      const is = this.rawOf.get(id);
      if (is !== undefined && onBoard.has(id)) touched.add(is);
    }
    const next: ClusterView['clusters'] = new Map();
    for (const c of clusters) {
      const members = touched.has(c.id) ? this.raw.get(c.id)!.filter((m) => onBoard.has(m)) : this.view.clusters.get(c.id)?.members;
      if (members && members.length > 0) next.set(c.id, { label: c.label, members, representative: c.representative });
    }
    this.view.clusters = next;
    for (const id of affected) {
      const is = this.rawOf.get(id);
      if (!onBoard.has(id)) this.view.ideas.delete(id);
      else this.view.ideas.set(id, is !== undefined && next.has(is) ? is : null);
    }
    return affected;
  }

  /** `clusterView(onBoard, clusters)` and the upkeep's own maps in one pass over every cluster's members. */
  private rebuild(onBoard: ReadonlyMap<string, unknown>, clusters: readonly MatchedCluster[], version: number): void {
    this.rebuildNext = false;
    this.version = version;
    const view = emptyView();
    for (const id of onBoard.keys()) view.ideas.set(id, null);
    this.raw.clear();
    this.rawOf.clear();
    for (const c of clusters) {
      const members: string[] = [];
      for (const m of c.members) {
        this.rawOf.set(m, c.id);
        if (onBoard.has(m)) { members.push(m); view.ideas.set(m, c.id); }
      }
      this.raw.set(c.id, c.members.slice());
      if (members.length > 0) view.clusters.set(c.id, { label: c.label, members, representative: c.representative });
    }
    this.view = view;
    this.putOnOrOff.clear();
  }
}

const sameList = (a: readonly string[] | undefined, b: readonly string[]): boolean => {
  if (!a || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};

/**
 * Who joined and who left a member list (`was` -> `is`). Lists come in the matching's order, so most
 * changes are ideas appended at the end; past the common start, the rest is compared as sets.
 */
export function listChange(was: readonly string[], is: readonly string[]): { joined: readonly string[]; left: readonly string[] } {
  let i = 0;
  const n = Math.min(was.length, is.length);
  while (i < n && was[i] === is[i]) i++;
  if (i === was.length) return { joined: is.slice(i), left: [] };
  if (i === is.length) return { joined: [], left: was.slice(i) };
  const before = new Set(was.slice(i));
  const after = new Set(is.slice(i));
  return { joined: is.slice(i).filter((m) => !before.has(m)), left: was.slice(i).filter((m) => !after.has(m)) };
}
