/**
 * The board's picture of the programme at one moment, built from plain data (pure): the ideas on the
 * map, the cluster cards and the programme's numbers. board.ts feeds it from the store and the matching
 * service; the page, the JSON API and the live updates all send what this builds.
 */
import { THEMES, type Connection, type Endorsement, type Idea, type Organisation, type Theme } from '../store/store.js';

export interface BoardIdea {
  id: string;
  title: string;
  organisationId: string;
  organisation: string;
  theme: Theme;
  clusterId: number | null;
  /** Map position (roughly -1..1 on both axes); null until the matching service has placed the idea. */
  x: number | null;
  y: number | null;
}

export interface BoardCluster {
  id: number;
  label: string;
  size: number;
  /** The cluster's most representative idea, whose title says what it is about. */
  representative: { id: string; title: string } | null;
  /** The organisations with an idea in the cluster, by name; `code` is the NIS code for the map of Flanders. */
  organisations: { id: string; name: string; code: string | null }[];
  themes: { theme: Theme; count: number }[];
  endorsements: number;
  connections: number;
}

export interface BoardNumbers {
  ideas: number;
  perTheme: { theme: Theme; count: number }[];
  perProvince: { province: string; count: number }[];
  endorsements: number;
  connections: number;
  /** Of the open ideas: how many were endorsed, how many led to a connection; shares 0..1. */
  funnel: { posted: number; endorsed: number; connected: number; endorsedShare: number; connectedShare: number };
}

export interface BoardInput {
  ideas: Idea[];
  organisations: Map<string, Organisation>;
  clusters: { id: number; label: string; members: string[]; representative?: string | null }[];
  positions: Map<string, { x: number; y: number }>;
  endorsements: Endorsement[];
  connections: Connection[];
}

const count = <K>(keys: K[]): Map<K, number> => {
  const m = new Map<K, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
};
/** The representative idea when it is on the board, else the cluster's first member on the board. */
export function representativeOf(id: string | null | undefined, members: string[], title: (id: string) => string | undefined): { id: string; title: string } | null {
  const pick = id && members.includes(id) ? id : members[0];
  const t = pick === undefined ? undefined : title(pick);
  return pick === undefined || t === undefined ? null : { id: pick, title: t };
}

const share = (n: number, of: number) => (of === 0 ? 0 : Math.round((n / of) * 1000) / 1000);

export function buildBoardView(input: BoardInput): { ideas: BoardIdea[]; clusters: BoardCluster[]; numbers: BoardNumbers } {
  const byId = new Map(input.ideas.map((i) => [i.id, i]));
  const clusterOf = new Map<string, number>();
  for (const c of input.clusters) for (const m of c.members) if (byId.has(m)) clusterOf.set(m, c.id);
  const orgName = (id: string) => input.organisations.get(id)?.name ?? '';

  const ideas: BoardIdea[] = input.ideas.map((i) => {
    const p = input.positions.get(i.id);
    return {
      id: i.id, title: i.title, organisationId: i.organisationId, organisation: orgName(i.organisationId), theme: i.theme,
      clusterId: clusterOf.get(i.id) ?? null, x: p ? p.x : null, y: p ? p.y : null,
    };
  });

  const endorsementsPerIdea = count(input.endorsements.filter((e) => byId.has(e.ideaId)).map((e) => e.ideaId));
  const connectionsPerIdea = count(input.connections.filter((c) => byId.has(c.ideaId)).map((c) => c.ideaId));
  const sum = (ids: string[], per: Map<string, number>) => ids.reduce((n, id) => n + (per.get(id) ?? 0), 0);

  const clusters: BoardCluster[] = input.clusters.map((c) => {
    const members = c.members.filter((m) => byId.has(m));
    const orgIds = [...new Set(members.map((m) => byId.get(m)!.organisationId))];
    const themes = count(members.map((m) => byId.get(m)!.theme));
    return {
      id: c.id,
      label: c.label,
      size: members.length,
      representative: representativeOf(c.representative, members, (id) => byId.get(id)?.title),
      organisations: orgIds.map((id) => ({ id, name: orgName(id), code: input.organisations.get(id)?.kind === 'municipality' ? input.organisations.get(id)!.code : null }))
        .sort((a, b) => a.name.localeCompare(b.name, 'nl')),
      themes: THEMES.filter((t) => themes.has(t)).map((theme) => ({ theme, count: themes.get(theme)! })),
      endorsements: sum(members, endorsementsPerIdea),
      connections: sum(members, connectionsPerIdea),
    };
  }).filter((c) => c.size > 0).sort((a, b) => b.size - a.size || a.id - b.id);

  const themes = count(input.ideas.map((i) => i.theme));
  const provinces = count(input.ideas.map((i) => input.organisations.get(i.organisationId)?.province ?? ''));
  const endorsed = input.ideas.filter((i) => endorsementsPerIdea.has(i.id)).length;
  const connected = input.ideas.filter((i) => connectionsPerIdea.has(i.id)).length;
  const posted = input.ideas.length;
  return {
    ideas,
    clusters,
    numbers: {
      ideas: posted,
      perTheme: THEMES.map((theme) => ({ theme, count: themes.get(theme) ?? 0 })),
      perProvince: [...provinces].filter(([p]) => p !== '').map(([province, n]) => ({ province, count: n }))
        .sort((a, b) => a.province.localeCompare(b.province, 'nl')),
      endorsements: sum(input.ideas.map((i) => i.id), endorsementsPerIdea),
      connections: sum(input.ideas.map((i) => i.id), connectionsPerIdea),
      funnel: { posted, endorsed, connected, endorsedShare: share(endorsed, posted), connectedShare: share(connected, posted) },
    },
  };
}
