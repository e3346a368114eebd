// The board per call's first render on the server (the funnel, the partnerships beside the map of Flanders),
// drawn from the same pure functions as public/js/board-funnel.js draws live.
import type { BoardPerCall } from '../../../domain/board/index.js';
import { formatNumber, t, type Locale } from '../../../i18n/index.js';
import { ALL, funnelOf, funnelRows, membersOnMap, partnershipsOf } from '../../../../public/js/board-funnel-view.js';
import { FLANDERS } from './board.js';

export { ALL as ALL_CALLS };

/** `call`: a call's id or ALL (checked by the route); `partnership`: the one whose members the map shows (ignored when not in the call). */
export function presentPerCall(perCall: BoardPerCall, locale: Locale, call: string, partnership: string | null) {
  const funnel = funnelOf(perCall, call);
  const callName = call === ALL ? t(locale, 'board.funnel.all') : perCall.calls.find((c) => c.id === call)?.name ?? '';
  const listed = partnershipsOf(perCall, call);
  const chosen = listed.find((p) => p.id === partnership) ?? null;
  const marked = chosen ? membersOnMap(chosen) : null;
  const on = new Set(marked?.on ?? []);
  const statusOf = (status: string) => t(locale, `board.funnel.status.${status}`);
  return {
    call,
    options: [{ value: ALL, label: t(locale, 'board.funnel.all') }, ...perCall.calls.map((c) => ({ value: c.id, label: c.name }))]
      .map((o) => ({ ...o, selected: o.value === call })),
    caption: t(locale, 'board.funnel.caption', { call: callName }),
    rows: funnelRows(funnel).map((r) => ({ ...r, label: t(locale, `board.funnel.step.${r.step}`), countText: formatNumber(locale, r.count), shareText: `${r.percent}%` })),
    statuses: t(locale, 'board.funnel.statuses', {
      list: funnel.statuses.map((s) => t(locale, 'board.funnel.status_count', { status: statusOf(s.status), count: s.count })).join(', '),
    }),
    partnerships: listed.map((p) => ({
      id: p.id, title: p.title, selected: p.id === chosen?.id,
      meta: t(locale, 'board.partnerships.meta', { lead: p.members.find((m) => m.lead)?.name ?? '', status: statusOf(p.status) }),
      href: `/board?call=${encodeURIComponent(call)}&partnership=${encodeURIComponent(p.id)}#flanders`,
    })),
    /** The partnership the map of Flanders shows, with its members for the text list; null: the map shows a cluster (or nothing). */
    chosen: chosen ? {
      id: chosen.id,
      label: t(locale, 'board.flanders.partnership_label', { title: chosen.title }),
      heading: t(locale, 'board.flanders.partnership_selected', { title: chosen.title, count: chosen.members.length }),
      members: chosen.members.map((m) => (m.lead ? t(locale, 'board.flanders.member_lead', { name: m.name }) : m.name)),
      paths: FLANDERS.municipalities.map((m) => ({ ...m, on: on.has(m.nis), lead: m.nis === marked!.lead })),
    } : null,
  };
}
