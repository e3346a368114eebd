// The live board's state and how updates merge into it, with no DOM: board.js draws what this decides,
// and test/integration/board.test.ts checks it. Every update carries a version that only grows; an update
// not newer than what the board has is stale (late, or seen twice) and changes nothing.

/** The ideas map's viewBox; the server's presenter (server/web/views/presenters/board.ts) uses the same numbers. */
export var MAP = { width: 1000, height: 600, pad: 24, range: 1.1 };
/** Okabe–Ito: eight colours that stay apart with the common colour-vision deficiencies (main.css .c-0 … .c-7). */
export var PALETTE_SIZE = 8;
/** Where the colours run out the marker's shape changes too (circle, square, triangle, diamond: #shape-0 … #shape-3). */
export var SHAPES = 4;

/** Map coordinates (about -1..1) to the viewBox; y grows upwards on the map, downwards in SVG. */
export function toViewBox(x, y) {
  var clamp = function (v) { return Math.max(-MAP.range, Math.min(MAP.range, v)); };
  var w = MAP.width - 2 * MAP.pad;
  var h = MAP.height - 2 * MAP.pad;
  return {
    cx: Math.round((MAP.pad + ((clamp(x) + MAP.range) / (2 * MAP.range)) * w) * 10) / 10,
    cy: Math.round((MAP.pad + ((MAP.range - clamp(y)) / (2 * MAP.range)) * h) * 10) / 10,
  };
}

/** The palette slot of a cluster id on its own (null: no cluster yet). The board uses markersOf, which never repeats a colour and shape among 32 clusters. */
export function colourOf(clusterId) {
  return clusterId === null || clusterId === undefined ? 'none' : String(((clusterId % PALETTE_SIZE) + PALETTE_SIZE) % PALETTE_SIZE);
}

/**
 * Each cluster's marker on the board: its colour slot, its shape and the number that names it on the map
 * and on its card. Given by cluster id, oldest first, so a marker stays the same while its cluster lives;
 * the first 8 clusters differ by colour, the next ones by colour and shape.
 */
export function markersOf(clusters) {
  var ids = clusters.map(function (c) { return c.id; }).sort(function (a, b) { return a - b; });
  var out = new Map();
  ids.forEach(function (id, i) { out.set(id, { colour: String(i % PALETTE_SIZE), shape: Math.floor(i / PALETTE_SIZE) % SHAPES, number: i + 1 }); });
  return out;
}

/** A cluster's name on the map, cut to fit beside its number. */
export function shortLabel(label) { return label.length > 28 ? label.slice(0, 27) + '…' : label; }

/**
 * Where each cluster's label goes: at the middle of its dots, its name to the right of its number (to the
 * left near the right edge, `flip`), moved down, top to bottom, until it overlaps no label placed before
 * it (the width estimated from the text). Pure: the server's first render and the live board agree.
 */
export function placeLabels(clusters, centres) {
  var placed = [];
  var items = clusters.filter(function (c) { return centres.has(c.id); }).map(function (c) {
    var at = centres.get(c.id);
    return { id: c.id, cx: at.cx, cy: at.cy, text: shortLabel(c.label), flip: at.cx > MAP.width - 230 };
  }).sort(function (a, b) { return a.cy - b.cy || a.cx - b.cx; });
  items.forEach(function (l) {
    var w = 30 + 7 * l.text.length;
    var x0 = l.flip ? l.cx - w + 12 : l.cx - 12;
    var x1 = l.flip ? l.cx + 12 : l.cx + w;
    var y = l.cy;
    for (var guard = 0; guard < 40; guard++) {
      var hit = placed.find(function (p) { return p.x0 < x1 && x0 < p.x1 && Math.abs(p.cy - y) < 22; });
      if (!hit) break;
      y = hit.cy + 22;
    }
    placed.push({ id: l.id, cx: l.cx, cy: Math.min(y, MAP.height - 12), text: l.text, flip: l.flip, x0: x0, x1: x1 });
  });
  return placed.map(function (p) { return { id: p.id, cx: p.cx, cy: p.cy, text: p.text, flip: p.flip }; });
}

/** The middle of each cluster's dots on the map (viewBox units): where its number label goes. */
export function clusterCentres(ideas) {
  var sums = new Map();
  ideas.forEach(function (i) {
    if (i.clusterId === null || i.clusterId === undefined || i.x === null || i.y === null) return;
    var p = toViewBox(i.x, i.y);
    var s = sums.get(i.clusterId) || { x: 0, y: 0, n: 0 };
    s.x += p.cx; s.y += p.cy; s.n += 1;
    sums.set(i.clusterId, s);
  });
  var out = new Map();
  sums.forEach(function (s, id) { out.set(id, { cx: Math.round(s.x / s.n * 10) / 10, cy: Math.round(s.y / s.n * 10) / 10 }); });
  return out;
}

/** Fills `{name}` in a template with params (text only: the caller sets it with textContent). */
export function fill(template, params) {
  return String(template).replace(/\{(\w+)\}/g, function (m, name) {
    return params && Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : m;
  });
}

export function createState(snapshot) {
  var state = { version: 0, ideas: new Map(), clusters: [], numbers: null, perCall: null, timeline: [] };
  state.version = snapshot.version;
  for (var i = 0; i < snapshot.ideas.length; i++) state.ideas.set(snapshot.ideas[i].id, snapshot.ideas[i]);
  state.clusters = snapshot.clusters;
  state.numbers = snapshot.numbers;
  state.perCall = snapshot.perCall || null;
  state.timeline = snapshot.events.slice();
  return state;
}

function addEvents(state, events) {
  var known = new Set(state.timeline.map(function (e) { return e.seq; }));
  var added = events.filter(function (e) { return !known.has(e.seq); });
  state.timeline = added.slice().reverse().concat(state.timeline).sort(function (a, b) { return b.seq - a.seq; });
  return added;
}

/** The cards with `changed` put in (by id) and `removed` taken out, in the server's order: by size, largest first, then by id. */
function mergeCards(cards, changed, removed) {
  var byId = new Map(cards.map(function (c) { return [c.id, c]; }));
  for (var i = 0; i < changed.length; i++) byId.set(changed[i].id, changed[i]);
  for (var j = 0; j < removed.length; j++) byId.delete(removed[j]);
  return Array.from(byId.values()).sort(function (a, b) { return b.size - a.size || a.id - b.id; });
}

function applyChanges(state, changes) {
  var upserts = (changes.ideas || []).slice();
  // Ideas that only moved come in short, [id, x, y, clusterId], onto the idea the board holds.
  var moved = changes.moved || [];
  for (var m = 0; m < moved.length; m++) {
    var was = state.ideas.get(moved[m][0]);
    if (was) upserts.push(Object.assign({}, was, { x: moved[m][1], y: moved[m][2], clusterId: moved[m][3] }));
  }
  var removed = (changes.removed || []).slice();
  if (changes.replace) {
    var keep = new Set(upserts.map(function (i) { return i.id; }));
    state.ideas.forEach(function (_, id) { if (!keep.has(id)) removed.push(id); });
  }
  for (var i = 0; i < upserts.length; i++) state.ideas.set(upserts[i].id, upserts[i]);
  for (var j = 0; j < removed.length; j++) state.ideas.delete(removed[j]);
  if (changes.clusters) state.clusters = changes.clusters; // every card (a catch-up)
  if (changes.cards || changes.cardsRemoved) state.clusters = mergeCards(state.clusters, changes.cards || [], changes.cardsRemoved || []);
  if (changes.numbers) state.numbers = changes.numbers;
  if (changes.perCall) state.perCall = changes.perCall; // absent: unchanged
  return { upserts: upserts, removed: removed };
}

/**
 * A live `board:updated`. Stale (version not above the board's): `{ applied: false }`, nothing changed.
 * Otherwise applied; `gap` says some versions in between never arrived (ask `board:since`).
 */
export function applyUpdate(state, update) {
  if (!update || typeof update.version !== 'number' || update.version <= state.version) return { applied: false };
  var first = update.events && update.events.length ? update.events[0].seq : update.version;
  var gap = first > state.version + 1;
  var added = addEvents(state, update.events || []);
  var changed = applyChanges(state, update.changes || {});
  state.version = update.version;
  return { applied: true, gap: gap, events: added, upserts: changed.upserts, removed: changed.removed };
}

/**
 * The answer to `board:since`. Missed events are added to the timeline; the board as it was when the
 * answer was made replaces the ideas only when that is not older than what a live update brought meanwhile.
 */
export function applyCatchUp(state, result) {
  if (!result || result.reload) return { reload: true };
  var added = addEvents(state, result.events || []);
  if (!result.changes || result.version < state.version) return { reload: false, applied: false, events: added, upserts: [], removed: [] };
  var changed = applyChanges(state, result.changes);
  state.version = Math.max(state.version, result.version);
  return { reload: false, applied: true, events: added, upserts: changed.upserts, removed: changed.removed };
}
