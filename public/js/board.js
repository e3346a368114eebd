// The live board (progressive enhancement of GET /board, which already shows everything as of page load).
// Loads the snapshot from /api/board, joins the board room, and merges every `board:updated` through
// board-merge.js (stale versions are ignored); on (re)connect it asks `board:since` for what it missed.
// Dots glide to their new place (requestAnimationFrame) instead of a redraw; new dots fade in; cards,
// numbers and the map of Flanders update in place; the timeline grows at the top. DOM text via textContent.
import { applyCatchUp, applyUpdate, clusterCentres, createState, fill, markersOf, placeLabels, toViewBox } from './board-merge.js';

var SVG = 'http://www.w3.org/2000/svg';
var GLIDE_MS = 900;
var MAX_TIMELINE = 100;
var reduceMotion = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;

function start() {
  var root = document.getElementById('board');
  if (!root) return;
  var i18n = {};
  try { i18n = JSON.parse(root.dataset.i18n || '{}'); } catch (e) { /* texts fall back to keys */ }
  var plural = window.Intl && Intl.PluralRules ? new Intl.PluralRules(document.documentElement.lang || 'nl-BE') : null;
  // Plural forms as on the server: `key.one` / `key.other` chosen by the count (server/i18n/index.ts).
  var tr = function (key, params) {
    var p = params || {};
    var form = typeof p.count === 'number' && plural ? i18n[key + '.' + plural.select(p.count)] || i18n[key + '.other'] : undefined;
    return fill(form || i18n[key] || key, p);
  };
  var dotsLayer = root.querySelector('[data-dots]');
  var cardsList = root.querySelector('[data-cluster-cards]');
  var timeline = root.querySelector('[data-timeline]');
  var status = root.querySelector('[data-board-status]');
  var recomputed = root.querySelector('[data-last-recompute]');
  var dots = new Map(); // idea id -> { el, use, x, y, anim }
  var markers = new Map();
  var svgMap = root.querySelector('[data-idea-map]');
  var labelsLayer = root.querySelector('[data-cluster-labels]');
  var tip = root.querySelector('[data-map-tip]');
  var mapTable = root.querySelector('[data-map-table] tbody');
  var active = null; // the idea id the arrow keys are on
  var charts = {};
  var state = null;
  var selected = null;
  var match = /[?&]cluster=(\d+)/.exec(window.location.search);
  if (match) selected = Number(match[1]);

  for (var a of dotsLayer.querySelectorAll('[data-idea-id]')) {
    var m = /translate\(([-\d.]+)[ ,]+([-\d.]+)\)/.exec(a.getAttribute('transform') || '');
    dots.set(a.dataset.ideaId, { el: a, use: a.querySelector('use'), x: m ? Number(m[1]) : 0, y: m ? Number(m[2]) : 0, anim: 0 });
  }

  function place(d) { d.el.setAttribute('transform', 'translate(' + d.x.toFixed(1) + ' ' + d.y.toFixed(1) + ')'); }

  function glide(d, to) {
    if (d.anim) cancelAnimationFrame(d.anim);
    if (reduceMotion || (Math.abs(d.x - to.cx) < 0.1 && Math.abs(d.y - to.cy) < 0.1)) { d.x = to.cx; d.y = to.cy; place(d); return; }
    var from = { x: d.x, y: d.y };
    var t0 = performance.now();
    var step = function (now) {
      var k = Math.min(1, (now - t0) / GLIDE_MS);
      var e = k < 0.5 ? 2 * k * k : 1 - Math.pow(-2 * k + 2, 2) / 2; // ease in-out
      d.x = from.x + (to.cx - from.x) * e;
      d.y = from.y + (to.cy - from.y) * e;
      place(d);
      d.anim = k < 1 ? requestAnimationFrame(step) : 0;
    };
    d.anim = requestAnimationFrame(step);
  }

  function upsertDot(idea) {
    if (idea.x === null || idea.y === null) return removeDot(idea.id);
    var to = toViewBox(idea.x, idea.y);
    var d = dots.get(idea.id);
    if (!d) {
      var el = document.createElementNS(SVG, 'g');
      el.setAttribute('class', 'dot-mark dot-new');
      el.dataset.ideaId = idea.id;
      var use = document.createElementNS(SVG, 'use');
      ['x', 'y'].forEach(function (k) { use.setAttribute(k, '-8'); });
      ['width', 'height'].forEach(function (k) { use.setAttribute(k, '16'); });
      el.appendChild(use);
      dotsLayer.appendChild(el);
      d = { el: el, use: use, x: to.cx, y: to.cy, anim: 0 };
      dots.set(idea.id, d);
      place(d);
      var empty = root.querySelector('[data-map-empty]');
      if (empty) empty.hidden = true;
    } else {
      glide(d, to);
    }
    var mk = idea.clusterId === null ? null : markers.get(idea.clusterId);
    d.use.setAttribute('class', 'dot c-' + (mk ? mk.colour : 'none'));
    d.use.setAttribute('href', '#shape-' + (mk ? mk.shape : 'none'));
    d.el.dataset.tip = tr('board.dot.title', { title: idea.title, organisation: idea.organisation });
    d.el.dataset.clusterName = clusterName(idea.clusterId);
  }

  function clusterName(id) {
    var mk = id === null || id === undefined ? null : markers.get(id);
    var c = mk && state.clusters.find(function (x) { return x.id === id; });
    return mk && c ? tr('board.map.cluster_name', { number: mk.number, label: c.label }) : tr('board.map.unclustered');
  }

  // ---- The map as one Tab stop: arrow keys move the active dot; its details show in the tip (also on hover and tap). ----
  function ordered() {
    return Array.from(dots.keys()).filter(function (id) { return state && state.ideas.has(id); }).sort(function (a, b) {
      var ia = state.ideas.get(a), ib = state.ideas.get(b);
      var na = ia.clusterId === null ? 1e9 : (markers.get(ia.clusterId) || { number: 1e9 }).number;
      var nb = ib.clusterId === null ? 1e9 : (markers.get(ib.clusterId) || { number: 1e9 }).number;
      return na - nb || dots.get(a).x - dots.get(b).x;
    });
  }

  function showTip(id, pinned) {
    var d = dots.get(id);
    if (!d || !tip) return;
    var link = tip.querySelector('[data-tip-link]');
    link.textContent = d.el.dataset.tip;
    link.href = '/ideas/' + encodeURIComponent(id);
    tip.querySelector('[data-tip-cluster]').textContent = d.el.dataset.clusterName || '';
    tip.hidden = false;
    tip.dataset.for = id;
    var wrap = svgMap.getBoundingClientRect();
    var r = d.el.getBoundingClientRect();
    var left = r.left - wrap.left + r.width / 2 + 12;
    var top = r.top - wrap.top + r.height / 2 + 12;
    tip.style.left = Math.max(0, Math.min(left, wrap.width - tip.offsetWidth)) + 'px';
    tip.style.top = Math.max(0, Math.min(top, wrap.height - tip.offsetHeight)) + 'px';
    tip.classList.toggle('is-pinned', !!pinned);
  }

  function hideTip() { if (tip) { tip.hidden = true; delete tip.dataset.for; } }

  function activate(id) {
    if (active && dots.get(active)) dots.get(active).el.classList.remove('is-active');
    active = id;
    if (!id || !dots.get(id)) { active = null; hideTip(); return; }
    dots.get(id).el.classList.add('is-active');
    showTip(id, true);
  }

  function step(delta, byCluster) {
    var list = ordered();
    if (!list.length) return;
    var i = active ? list.indexOf(active) : -1;
    if (i < 0) return activate(list[delta > 0 ? 0 : list.length - 1]);
    if (!byCluster) return activate(list[(i + delta + list.length) % list.length]);
    var cluster = state.ideas.get(list[i]).clusterId;
    var j = i;
    do { j = (j + delta + list.length) % list.length; } while (j !== i && state.ideas.get(list[j]).clusterId === cluster);
    if (delta < 0) { var c2 = state.ideas.get(list[j]).clusterId; while (j > 0 && state.ideas.get(list[j - 1]).clusterId === c2) j--; }
    activate(list[j]);
  }

  if (svgMap) {
    svgMap.addEventListener('keydown', function (e) {
      var keys = { ArrowRight: [1, false], ArrowLeft: [-1, false], ArrowDown: [1, true], ArrowUp: [-1, true] };
      if (keys[e.key]) { e.preventDefault(); step(keys[e.key][0], keys[e.key][1]); }
      else if (e.key === 'Home') { e.preventDefault(); activate(ordered()[0]); }
      else if (e.key === 'End') { e.preventDefault(); var l = ordered(); activate(l[l.length - 1]); }
      else if (e.key === 'Enter' && active) { e.preventDefault(); window.location.href = '/ideas/' + encodeURIComponent(active); }
      else if (e.key === 'Escape') { activate(null); }
    });
    svgMap.addEventListener('focus', function () { if (!active) step(1, false); });
    svgMap.addEventListener('click', function (e) {
      var g = e.target.closest && e.target.closest('[data-idea-id]');
      if (g) activate(g.dataset.ideaId); else activate(null);
    });
    svgMap.addEventListener('mouseover', function (e) {
      var g = e.target.closest && e.target.closest('[data-idea-id]');
      if (g && !active) showTip(g.dataset.ideaId, false);
    });
    svgMap.addEventListener('mouseleave', function () { if (!active) hideTip(); });
  }

  function renderLabels() {
    if (!labelsLayer) return;
    var nodes = placeLabels(state.clusters, clusterCentres(state.ideas)).filter(function (at) { return markers.has(at.id); }).map(function (at) {
      var mk = markers.get(at.id);
      var g = document.createElementNS(SVG, 'g');
      g.setAttribute('class', 'cluster-label');
      g.dataset.labelFor = String(at.id);
      g.setAttribute('transform', 'translate(' + at.cx + ' ' + at.cy + ')');
      var ring = document.createElementNS(SVG, 'circle');
      ring.setAttribute('class', 'label-ring c-' + mk.colour); ring.setAttribute('r', '11');
      var num = document.createElementNS(SVG, 'text');
      num.setAttribute('class', 'label-number'); num.setAttribute('text-anchor', 'middle'); num.setAttribute('dy', '4');
      num.textContent = String(mk.number);
      var name = document.createElementNS(SVG, 'text');
      name.setAttribute('class', 'label-name'); name.setAttribute('x', at.flip ? '-15' : '15'); name.setAttribute('dy', '4');
      if (at.flip) name.setAttribute('text-anchor', 'end'); // near the right edge: the name left of its number
      name.textContent = at.text;
      g.appendChild(ring); g.appendChild(num); g.appendChild(name);
      return g;
    });
    labelsLayer.replaceChildren.apply(labelsLayer, nodes);
  }

  function renderTable() {
    if (!mapTable) return;
    var list = Array.from(state.ideas.values()).sort(function (a, b) {
      var na = a.clusterId === null ? 1e9 : (markers.get(a.clusterId) || { number: 1e9 }).number;
      var nb = b.clusterId === null ? 1e9 : (markers.get(b.clusterId) || { number: 1e9 }).number;
      return na - nb || a.title.localeCompare(b.title);
    });
    mapTable.replaceChildren.apply(mapTable, list.map(function (i) {
      var row = document.createElement('tr');
      var c = document.createElement('td'); c.textContent = clusterName(i.clusterId);
      var th = document.createElement('th'); th.scope = 'row';
      var a = document.createElement('a'); a.href = '/ideas/' + encodeURIComponent(i.id); a.textContent = i.title; th.appendChild(a);
      var o = document.createElement('td'); o.textContent = i.organisation;
      row.appendChild(c); row.appendChild(th); row.appendChild(o);
      return row;
    }));
  }

  function removeDot(id) {
    var d = dots.get(id);
    if (!d) return;
    dots.delete(id);
    if (active === id) activate(null);
    d.el.setAttribute('class', 'dot-mark dot-leaving');
    setTimeout(function () { d.el.remove(); }, 400);
  }

  function field(card, name, text) { var el = card.querySelector('[data-field="' + name + '"]'); if (el) el.textContent = text; }

  function makeCard(c) {
    var li = document.createElement('li');
    li.className = 'cluster-card';
    li.dataset.clusterId = String(c.id);
    var h3 = document.createElement('h3');
    var swatch = document.createElementNS(SVG, 'svg');
    swatch.setAttribute('class', 'swatch'); swatch.setAttribute('viewBox', '0 0 16 16'); swatch.setAttribute('aria-hidden', 'true'); swatch.setAttribute('focusable', 'false');
    var dot = document.createElementNS(SVG, 'use');
    dot.setAttribute('width', '16'); dot.setAttribute('height', '16');
    swatch.appendChild(dot);
    h3.appendChild(swatch);
    h3.appendChild(document.createTextNode(' '));
    var number = document.createElement('span'); number.className = 'cluster-number'; number.dataset.field = 'number'; h3.appendChild(number);
    h3.appendChild(document.createTextNode(' '));
    var label = document.createElement('a'); label.dataset.field = 'label'; label.href = '/clusters/' + c.id; h3.appendChild(label);
    li.appendChild(h3);
    var meta = document.createElement('p'); meta.className = 'meta';
    ['size', 'endorsements', 'connections'].forEach(function (f, i) {
      if (i) meta.appendChild(document.createTextNode(' · '));
      var s = document.createElement('span'); s.dataset.field = f; meta.appendChild(s);
    });
    li.appendChild(meta);
    [['representative', 'board.cluster.representative', ''], ['organisations', 'board.cluster.organisations', ''], ['themes', 'board.cluster.themes', 'meta']].forEach(function (f) {
      var p = document.createElement('p'); if (f[2]) p.className = f[2];
      var hidden = document.createElement('span'); hidden.className = 'visually-hidden'; hidden.textContent = tr(f[1]) + ': ';
      var s = document.createElement('span'); s.dataset.field = f[0];
      p.appendChild(hidden); p.appendChild(s); li.appendChild(p);
    });
    var link = document.createElement('a');
    link.href = '/board?cluster=' + c.id + '#flanders';
    link.dataset.selectCluster = String(c.id);
    link.textContent = tr('board.cluster.show_on_map');
    var hiddenLabel = document.createElement('span'); hiddenLabel.className = 'visually-hidden'; hiddenLabel.dataset.field = 'map-label'; link.appendChild(hiddenLabel);
    li.appendChild(link);
    return li;
  }

  function renderClusters() {
    var existing = new Map();
    for (var li of cardsList.querySelectorAll('li[data-cluster-id]')) existing.set(Number(li.dataset.clusterId), li);
    var keep = new Set();
    state.clusters.forEach(function (c) {
      var card = existing.get(c.id) || makeCard(c);
      keep.add(c.id);
      var mk = markers.get(c.id);
      var use = card.querySelector('.swatch use');
      use.setAttribute('class', 'dot c-' + mk.colour);
      use.setAttribute('href', '#shape-' + mk.shape);
      field(card, 'number', tr('board.cluster.number', { number: mk.number }));
      field(card, 'label', c.label);
      field(card, 'map-label', ': ' + c.label);
      field(card, 'size', tr('board.cluster.size', { count: c.size }));
      field(card, 'endorsements', tr('board.cluster.endorsements', { count: c.endorsements }));
      field(card, 'connections', tr('board.cluster.connections', { count: c.connections }));
      field(card, 'representative', c.representative ? c.representative.title : '');
      field(card, 'organisations', c.organisations.map(function (o) { return o.name; }).join(', '));
      field(card, 'themes', c.themes.map(function (t) { return tr('themes.' + t.theme) + ' (' + t.count + ')'; }).join(', '));
      card.classList.toggle('is-selected', c.id === selected);
      if (cardsList.lastElementChild !== card || !card.parentNode) cardsList.appendChild(card); // keeps the server's order: biggest first
    });
    existing.forEach(function (li, id) { if (!keep.has(id)) li.remove(); });
    var empty = root.querySelector('[data-clusters-empty]');
    if (empty) empty.hidden = state.clusters.length > 0;
    var unmatched = root.querySelector('[data-unmatched]');
    if (unmatched) {
      var n = 0;
      state.ideas.forEach(function (i) { if (i.clusterId === null) n++; });
      unmatched.textContent = tr('board.clusters.unmatched', { count: n });
    }
    renderFlanders();
  }

  function renderFlanders() {
    if (root.querySelector('#flanders').dataset.partnership) return; // a partnership's members: board-funnel.js draws the map
    var cluster = state.clusters.find(function (c) { return c.id === selected; }) || null;
    var codes = new Set(cluster ? cluster.organisations.map(function (o) { return o.code; }).filter(Boolean) : []);
    for (var p of root.querySelectorAll('[data-flanders] path[data-nis]')) p.classList.toggle('is-on', codes.has(p.dataset.nis));
    var label = root.querySelector('[data-flanders-label]');
    label.textContent = cluster ? tr('board.flanders.label', { cluster: cluster.label }) : tr('board.flanders.label_none');
    var items = root.querySelector('[data-flanders-items]');
    var municipal = cluster ? cluster.organisations.filter(function (o) { return o.code; }) : [];
    root.querySelector('[data-flanders-heading]').textContent = cluster
      ? tr('board.flanders.selected', { cluster: cluster.label, count: municipal.length }) : tr('board.flanders.pick');
    items.replaceChildren.apply(items, municipal.map(function (o) { var li = document.createElement('li'); li.textContent = o.name; return li; }));
  }

  function addTimeline(events) {
    events.forEach(function (e) {
      if (e.kind === 'refreshed' || timeline.querySelector('li[data-seq="' + e.seq + '"]')) return;
      var li = document.createElement('li');
      li.dataset.seq = String(e.seq);
      li.className = 'is-new';
      var time = document.createElement('time');
      time.dateTime = e.createdAt;
      time.textContent = new Date(e.createdAt).toLocaleString(document.documentElement.lang || undefined, { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Brussels' });
      li.appendChild(time);
      li.appendChild(document.createTextNode(' '));
      var text = tr('board.event.' + e.kind, e.params);
      if (e.ideaId) { var a = document.createElement('a'); a.href = '/ideas/' + encodeURIComponent(e.ideaId); a.textContent = text; li.appendChild(a); }
      else li.appendChild(document.createTextNode(text));
      var before = Array.prototype.find.call(timeline.children, function (x) { return Number(x.dataset.seq) < e.seq; });
      timeline.insertBefore(li, before || null);
    });
    while (timeline.children.length > MAX_TIMELINE) timeline.lastElementChild.remove();
    var empty = root.querySelector('[data-timeline-empty]');
    if (empty) empty.hidden = timeline.children.length > 0;
  }

  function rows(tableName, list) {
    var body = root.querySelector('[data-table="' + tableName + '"] tbody');
    body.replaceChildren.apply(body, list.map(function (cells) {
      var tr_ = document.createElement('tr');
      cells.forEach(function (c, i) { var td = document.createElement(i ? 'td' : 'th'); if (!i) td.scope = 'row'; td.textContent = String(c); tr_.appendChild(td); });
      return tr_;
    }));
  }

  function chart(name, type, labels, data, opts) {
    if (typeof window.Chart !== 'function') return;
    if (charts[name]) { charts[name].data.labels = labels; charts[name].data.datasets[0].data = data; charts[name].update(); return; }
    var canvas = root.querySelector('canvas[data-chart="' + name + '"]');
    charts[name] = new window.Chart(canvas, {
      type: type,
      data: { labels: labels, datasets: [{ data: data, backgroundColor: ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9'] }] },
      options: Object.assign({ responsive: true, animation: { duration: reduceMotion ? 0 : 400 }, plugins: { legend: { display: false }, tooltip: { enabled: true } }, scales: { x: { beginAtZero: true }, y: { beginAtZero: true } } }, opts || {}),
    });
  }

  function renderNumbers() {
    var n = state.numbers;
    if (!n) return;
    var unmatchedCount = 0;
    state.ideas.forEach(function (i) { if (i.clusterId === null) unmatchedCount++; });
    var kpis = { ideas: n.ideas, clusters: state.clusters.length, unmatched: unmatchedCount, endorsements: n.endorsements, connections: n.connections };
    Object.keys(kpis).forEach(function (k) {
      var num = root.querySelector('[data-kpi="' + k + '"]');
      var lab = root.querySelector('[data-kpi-label="' + k + '"]');
      if (num) num.textContent = Number(kpis[k]).toLocaleString(document.documentElement.lang || undefined);
      if (lab) lab.textContent = tr('board.kpi.' + k, { count: kpis[k] });
    });
    var themes = n.perTheme.map(function (r) { return tr('themes.' + r.theme); });
    var provinces = n.perProvince.map(function (r) { return tr('provinces.' + r.province); });
    var pct = function (s) { return Math.round(s * 100) + '%'; };
    rows('theme', n.perTheme.map(function (r, i) { return [themes[i], r.count]; }));
    rows('province', n.perProvince.map(function (r, i) { return [provinces[i], r.count]; }));
    var funnel = [[tr('board.numbers.posted'), n.funnel.posted, n.funnel.posted ? 1 : 0], [tr('board.numbers.endorsed'), n.funnel.endorsed, n.funnel.endorsedShare], [tr('board.numbers.connected'), n.funnel.connected, n.funnel.connectedShare]];
    rows('funnel', funnel.map(function (f) { return [f[0], f[1], pct(f[2])]; }));
    chart('theme', 'bar', themes, n.perTheme.map(function (r) { return r.count; }));
    chart('province', 'bar', provinces, n.perProvince.map(function (r) { return r.count; }));
    chart('funnel', 'bar', funnel.map(function (f) { return f[0]; }), funnel.map(function (f) { return Math.round(f[2] * 100); }),
      { indexAxis: 'y', scales: { x: { beginAtZero: true, max: 100, ticks: { callback: function (v) { return v + '%'; } } } } });
  }

  function show(result) {
    markers = markersOf(state.clusters);
    // A marker follows its cluster's place among the clusters: restyle every dot, not only the changed ones.
    var changed = new Set((result.upserts || []).map(function (i) { return i.id; }));
    (result.upserts || []).forEach(upsertDot);
    state.ideas.forEach(function (idea, id) { if (!changed.has(id) && dots.has(id)) upsertDot(idea); });
    (result.removed || []).forEach(removeDot);
    renderClusters();
    renderLabels();
    renderTable();
    renderNumbers();
    if (active && tip && !tip.hidden) showTip(active, true);
    addTimeline((result.events || []).slice().sort(function (a, b) { return a.seq - b.seq; }));
    root.dataset.version = String(state.version);
    root.dispatchEvent(new CustomEvent('board:shown', { detail: state })); // board-funnel.js draws the board per call
  }

  // The same text as presentRecompute() on the server: "herberekend om 14:02:05 (1.234 ideeën, 3,2 s)".
  function showRecompute(last) {
    if (!recomputed || last === undefined) return;
    var lang = document.documentElement.lang || 'nl-BE';
    recomputed.textContent = !last ? tr('board.recomputed_none') : tr('board.recomputed', {
      time: new Date(last.at).toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit', second: '2-digit', timeZone: 'Europe/Brussels' }),
      ideas: Number(last.ideas).toLocaleString(lang), seconds: Number(last.seconds).toLocaleString(lang),
    });
  }

  function renderAll(snapshot) {
    showRecompute(snapshot.lastRecompute);
    var fresh = createState(snapshot);
    var removed = [];
    dots.forEach(function (_, id) { if (!fresh.ideas.has(id)) removed.push(id); });
    state = fresh;
    show({ upserts: Array.from(state.ideas.values()), removed: removed, events: state.timeline });
  }

  function loadSnapshot() {
    return fetch('/api/board', { credentials: 'same-origin', headers: { accept: 'application/json' } })
      .then(function (r) { if (!r.ok) throw new Error('board ' + r.status); return r.json(); })
      .then(renderAll);
  }

  function setStatus(key) { if (status) status.textContent = status.dataset[key] || ''; }

  cardsList.addEventListener('click', function (e) {
    var link = e.target.closest && e.target.closest('[data-select-cluster]');
    if (!link || !state) return;
    e.preventDefault();
    selected = Number(link.dataset.selectCluster);
    delete root.querySelector('#flanders').dataset.partnership; // a cluster takes the map back from a partnership (board-funnel.js)
    window.history.replaceState(null, '', '/board?cluster=' + selected);
    renderClusters();
    var section = root.querySelector('#flanders');
    section.scrollIntoView({ behavior: reduceMotion ? 'auto' : 'smooth', block: 'start' });
    section.focus({ preventScroll: true });
  });

  loadSnapshot().then(function () {
    if (typeof window.io !== 'function') return;
    var socket = window.io();
    var catchUp = function () {
      socket.emit('board:since', { version: state.version }, function (res) {
        if (!res || !res.ok) return;
        var r = applyCatchUp(state, res.data);
        if (r.reload) loadSnapshot().catch(function () { /* next reconnect tries again */ });
        else show(r);
      });
    };
    socket.on('connect', function () {
      socket.emit('room:join', { room: 'board' }, function (res) {
        if (res && res.ok) { setStatus('textLive'); catchUp(); }
      });
    });
    socket.on('disconnect', function () { setStatus('textOffline'); });
    socket.on('board:recomputed', function (p) { if (p) showRecompute(p.lastRecompute); });
    socket.on('board:updated', function (update) {
      var r = applyUpdate(state, update);
      if (!r.applied) return;
      show(r);
      if (r.gap) catchUp();
    });
  }).catch(function () { /* the server-rendered board stays as it is */ });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
