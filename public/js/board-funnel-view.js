// The board per call as the page shows it, from the snapshot's `perCall`, with no DOM: the server's first
// render (server/web/views/presenters/board-funnel.ts) and the live board (board-funnel.js) both draw from
// these, so they never disagree on which numbers, bars and members show.

/** The selector's value for the whole programme. */
export var ALL = 'all';

/** The funnel of `call` (ALL: the whole programme); the whole programme's when the call is unknown. */
export function funnelOf(perCall, call) {
  var id = call === ALL ? null : call;
  return perCall.funnels.find(function (f) { return f.callId === id; }) || perCall.funnels[0];
}

/** The funnel's rows: each step's count, its share of the ideas in whole percent, and its bar (0..100, of the largest step). */
export function funnelRows(funnel) {
  var max = funnel.steps.reduce(function (m, s) { return Math.max(m, s.count); }, 0);
  return funnel.steps.map(function (s) {
    return { step: s.step, count: s.count, percent: Math.round(s.share * 100), bar: max === 0 ? 0 : Math.round((s.count / max) * 1000) / 10 };
  });
}

/** The partnerships of `call` (ALL: every one), in the snapshot's order (by title). */
export function partnershipsOf(perCall, call) {
  return call === ALL ? perCall.partnerships : perCall.partnerships.filter(function (p) { return p.callId === call; });
}

/** What the map of Flanders marks for a partnership: its members' NIS codes, and the lead's (null when not a municipality). */
export function membersOnMap(partnership) {
  var on = [];
  var lead = null;
  partnership.members.forEach(function (m) {
    if (!m.code) return;
    on.push(m.code);
    if (m.lead) lead = m.code;
  });
  return { on: on, lead: lead };
}
