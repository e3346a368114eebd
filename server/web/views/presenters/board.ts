// The live board's first render on the server, made to agree exactly with what public/js/board.js draws.
import { readFileSync } from 'node:fs';
import type { BoardSnapshot } from '../../../domain/board/index.js';
import { catalogues, formatDate, formatNumber, formatTime, t, type Locale } from '../../../i18n/index.js';
import type { BoardEvent } from '../../../store/store.js';
import { clusterCentres, markersOf, placeLabels } from '../../../../public/js/board-merge.js';

/** The map of Flanders, built by scripts/build-flanders-map.ts (committed; never the source data at runtime). */
interface FlandersMap { viewBox: string; municipalities: { nis: string; name: string; d: string }[] }
export const FLANDERS: FlandersMap = JSON.parse(readFileSync(new URL('../../board/flanders-map.json', import.meta.url), 'utf8')) as FlandersMap;

/**
 * The same numbers as MAP and toViewBox in public/js/board-merge.js, deliberately duplicated (the browser module is plain JS).
 * The markers and label places are not duplicated: they are imported from board-merge.js (pure, typed by its .d.ts), so the
 * first render and the live board can never disagree on which cluster has which colour, shape and number.
 */
const MAP = { width: 1000, height: 600, pad: 24, range: 1.1 };
const clamp = (v: number) => Math.max(-MAP.range, Math.min(MAP.range, v));
const round1 = (v: number) => Math.round(v * 10) / 10;
export function toViewBox(x: number, y: number): { cx: number; cy: number } {
  return {
    cx: round1(MAP.pad + ((clamp(x) + MAP.range) / (2 * MAP.range)) * (MAP.width - 2 * MAP.pad)),
    cy: round1(MAP.pad + ((MAP.range - clamp(y)) / (2 * MAP.range)) * (MAP.height - 2 * MAP.pad)),
  };
}

const percent = (share: number) => `${Math.round(share * 100)}%`;


export function presentEvent(e: BoardEvent, locale: Locale) {
  return {
    seq: e.seq, kind: e.kind, createdAt: e.createdAt, time: formatDate(locale, e.createdAt, true),
    text: t(locale, `board.event.${e.kind}`, e.params), link: e.ideaId ? `/ideas/${e.ideaId}` : null,
  };
}

/** "herberekend om 14:02:05 (1.234 ideeën, 3,2 s)"; the same text as public/js/board.js writes live. */
export function presentRecompute(last: BoardSnapshot['lastRecompute'], locale: Locale): string {
  if (!last) return t(locale, 'board.recomputed_none');
  return t(locale, 'board.recomputed', { time: formatTime(locale, last.at), ideas: formatNumber(locale, last.ideas), seconds: formatNumber(locale, last.seconds) });
}

/** Everything the page shows, from a snapshot; `selected`: the cluster whose municipalities the map of Flanders highlights. */
export function presentBoard(snapshot: BoardSnapshot, locale: Locale, selected: number | null) {
  const selectedCluster = snapshot.clusters.find((c) => c.id === selected) ?? null;
  const highlighted = new Set(selectedCluster?.organisations.map((o) => o.code).filter((c): c is string => c !== null) ?? []);
  const n = snapshot.numbers;
  const i18n = Object.fromEntries(Object.entries(catalogues[locale]).filter(([k]) => k.startsWith('board.') || k.startsWith('themes.') || k.startsWith('provinces.')));
  // The same markers, numbers and label places as public/js/board.js draws live (one function, board-merge.js).
  const markers = markersOf(snapshot.clusters);
  const centres = clusterCentres(snapshot.ideas);
  const labelOf = new Map(snapshot.clusters.map((c) => [c.id, c.label]));
  const clusterName = (id: number | null) => {
    const m = id === null ? undefined : markers.get(id);
    return m ? t(locale, 'board.map.cluster_name', { number: m.number, label: labelOf.get(id!) ?? '' }) : t(locale, 'board.map.unclustered');
  };
  const unmatched = snapshot.ideas.filter((i) => i.clusterId === null).length;
  const kpis = [
    { key: 'ideas', count: n.ideas }, { key: 'clusters', count: snapshot.clusters.length }, { key: 'unmatched', count: unmatched },
    { key: 'endorsements', count: n.endorsements }, { key: 'connections', count: n.connections },
  ].map((k) => ({ ...k, label: t(locale, `board.kpi.${k.key}`, { count: k.count }) }));
  const rows = [...snapshot.ideas].sort((a, b) => (markers.get(a.clusterId ?? -1)?.number ?? 1e9) - (markers.get(b.clusterId ?? -1)?.number ?? 1e9) || a.title.localeCompare(b.title));
  return {
    kpis,
    rows: rows.map((i) => ({ id: i.id, title: i.title, organisation: i.organisation, clusterName: clusterName(i.clusterId) })),
    labels: placeLabels(snapshot.clusters, centres).map((l) => ({ ...l, ...markers.get(l.id)!, short: l.text })),
    version: snapshot.version,
    recomputed: presentRecompute(snapshot.lastRecompute, locale),
    i18n: JSON.stringify(i18n),
    dots: snapshot.ideas.filter((i) => i.x !== null && i.y !== null).map((i) => ({
      ...i, ...toViewBox(i.x!, i.y!),
      colour: (i.clusterId !== null && markers.get(i.clusterId)?.colour) || 'none',
      shape: i.clusterId !== null && markers.has(i.clusterId) ? markers.get(i.clusterId)!.shape : 'none',
      clusterName: clusterName(i.clusterId),
      tip: t(locale, 'board.dot.title', { title: i.title, organisation: i.organisation }),
    })),
    ideaCount: snapshot.ideas.length,
    unmatchedText: t(locale, 'board.clusters.unmatched', { count: unmatched }),
    map: MAP,
    clusters: snapshot.clusters.map((c) => ({
      ...c,
      marker: markers.get(c.id)!,
      selected: c.id === selected,
      organisationNames: c.organisations.map((o) => o.name).join(', '),
      themes: c.themes.map((th) => ({ ...th, label: t(locale, `themes.${th.theme}`) })),
    })),
    selected: selectedCluster ? { id: selectedCluster.id, label: selectedCluster.label, municipalities: selectedCluster.organisations.filter((o) => o.code !== null) } : null,
    flanders: { viewBox: FLANDERS.viewBox, paths: FLANDERS.municipalities.map((m) => ({ ...m, on: highlighted.has(m.nis) })) },
    numbers: {
      ...n,
      perTheme: n.perTheme.map((r) => ({ ...r, label: t(locale, `themes.${r.theme}`) })),
      perProvince: n.perProvince.map((r) => ({ ...r, label: t(locale, `provinces.${r.province}`) })),
      funnel: [
        { key: 'posted', label: t(locale, 'board.numbers.posted'), count: n.funnel.posted, share: percent(n.funnel.posted ? 1 : 0) },
        { key: 'endorsed', label: t(locale, 'board.numbers.endorsed'), count: n.funnel.endorsed, share: percent(n.funnel.endorsedShare) },
        { key: 'connected', label: t(locale, 'board.numbers.connected'), count: n.funnel.connected, share: percent(n.funnel.connectedShare) },
      ],
      json: JSON.stringify(n),
    },
    timeline: snapshot.events.filter((e) => e.kind !== 'refreshed').map((e) => presentEvent(e, locale)),
  };
}
