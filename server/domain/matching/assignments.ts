// Which cluster each idea is in, as matching holds it between recomputes, and the cluster summaries
// built from it: kept apart from the life cycle in matching.ts because both are plain data work.
import type { ClusterInfo } from '../../engine/types.js';

export interface ClusterRef { id: number; label: string; size: number }
export interface ClusterSummary extends ClusterRef {
  autoLabel: string;
  override: string | null;
  members: string[];
  /** The idea most central to the cluster (its title says what the cluster is about); null when it has none. */
  representative: string | null;
}

/**
 * Idea -> cluster, keeping the size of every cluster as it changes: clusterOf() is asked for each
 * card of a list page, and counting the members by a scan cost 10 ms of every /ideas at 10,000 ideas.
 */
export class Assignments extends Map<string, number> {
  private readonly sizes = new Map<number, number>();
  /** Every cluster's members in this map's order, made by one pass when asked and kept until the next change. */
  private members: Map<number, string[]> | null = null;

  override set(ideaId: string, clusterId: number): this {
    this.members = null;
    const before = super.get(ideaId);
    if (before !== undefined) this.count(before, -1);
    this.count(clusterId, 1);
    return super.set(ideaId, clusterId);
  }

  override delete(ideaId: string): boolean {
    this.members = null;
    const before = super.get(ideaId);
    if (before !== undefined) this.count(before, -1);
    return super.delete(ideaId);
  }

  override clear(): void {
    this.members = null;
    this.sizes.clear();
    super.clear();
  }

  sizeOf(clusterId: number): number {
    return this.sizes.get(clusterId) ?? 0;
  }

  /**
   * A cluster's ideas, in this map's order (do not change the list). The news of a batch asks for
   * the members of every cluster it touches, and a scan of every idea per cluster held the main
   * thread for 20-60 ms at 10,000 ideas under load (issue 19): one pass serves them all.
   */
  membersOf(clusterId: number): readonly string[] {
    if (!this.members) {
      this.members = new Map();
      for (const [id, c] of this) {
        const list = this.members.get(c);
        if (list) list.push(id); else this.members.set(c, [id]);
      }
    }
    return this.members.get(clusterId) ?? [];
  }

  private count(clusterId: number, by: number): void {
    const n = (this.sizes.get(clusterId) ?? 0) + by;
    if (n === 0) this.sizes.delete(clusterId);
    else this.sizes.set(clusterId, n);
  }
}

/** The engine's clusters with their members as assigned now. */
export function summarise(clusters: ClusterInfo[], assignment: Iterable<[string, number]>): ClusterSummary[] {
  const members = new Map<number, string[]>();
  for (const [id, c] of assignment) {
    const list = members.get(c);
    if (list) list.push(id);
    else members.set(c, [id]);
  }
  return clusters.map((c) => {
    const m = members.get(c.id) ?? [];
    // The recompute's most central idea while it is still a member; else the first (a live placement changed it).
    const representative = c.representative && m.includes(c.representative) ? c.representative : m[0] ?? null;
    return { id: c.id, label: c.label, autoLabel: c.autoLabel, override: c.override, size: m.length, members: m, representative };
  });
}
