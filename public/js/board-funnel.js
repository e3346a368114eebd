// The board per call, live (progressive enhancement of the funnel and the partnerships beside the map of
// Flanders, which GET /board renders as of page load). board.js merges every update and then fires
// `board:shown` with its state; this draws the chosen call's funnel and partnerships from `state.perCall`
// through board-funnel-view.js (the server's first render uses the same). Choosing a call or a partnership
// works in place; without JavaScript they are a form and links. DOM text via textContent.
import { ALL, funnelOf, funnelRows, membersOnMap, partnershipsOf } from './board-funnel-view.js';
import { fill } from './board-merge.js';

function start() {
  var root = document.getElementById('board');
  var section = root && root.querySelector('[data-funnel]');
  if (!section) return;
  var flanders = root.querySelector('#flanders');
  var i18n = {};
  try { i18n = JSON.parse(root.dataset.i18n || '{}'); } catch (e) { /* texts fall back to keys */ }
  var lang = document.documentElement.lang || 'nl-BE';
  var plural = window.Intl && Intl.PluralRules ? new Intl.PluralRules(lang) : null;
  var tr = function (key, params) {
    var p = params || {};
    var form = typeof p.count === 'number' && plural ? i18n[key + '.' + plural.select(p.count)] || i18n[key + '.other'] : undefined;
    return fill(form || i18n[key] || key, p);
  };
  var select = section.querySelector('[data-funnel-call]');
  var call = section.dataset.call || ALL;
  var perCall = null;

  function el(tag, text, cls) { var e = document.createElement(tag); if (text !== undefined) e.textContent = text; if (cls) e.className = cls; return e; }

  function renderFunnel() {
    var funnel = funnelOf(perCall, call);
    var callName = call === ALL ? tr('board.funnel.all') : (perCall.calls.find(function (c) { return c.id === call; }) || { name: '' }).name;
    section.querySelector('[data-funnel-caption]').textContent = tr('board.funnel.caption', { call: callName });
    funnelRows(funnel).forEach(function (r) {
      var row = section.querySelector('tr[data-step="' + r.step + '"]');
      if (!row) return;
      row.querySelector('[data-field="count"]').textContent = Number(r.count).toLocaleString(lang);
      row.querySelector('[data-field="share"]').textContent = r.percent + '%';
      row.querySelector('.funnel-bar-fill').setAttribute('width', String(r.bar));
    });
    section.querySelector('[data-funnel-statuses]').textContent = tr('board.funnel.statuses', {
      list: funnel.statuses.map(function (s) { return tr('board.funnel.status_count', { status: tr('board.funnel.status.' + s.status), count: s.count }); }).join(', '),
    });
    // The options follow the calls (a call added since the page loaded).
    var options = [{ value: ALL, label: tr('board.funnel.all') }].concat(perCall.calls.map(function (c) { return { value: c.id, label: c.name }; }));
    if (select.options.length !== options.length) {
      select.replaceChildren.apply(select, options.map(function (o) { var opt = el('option', o.label); opt.value = o.value; opt.selected = o.value === call; return opt; }));
    }
  }

  function chosen() {
    var id = flanders.dataset.partnership;
    return id ? partnershipsOf(perCall, call).find(function (p) { return p.id === id; }) || null : null;
  }

  function renderPartnerships() {
    var list = root.querySelector('[data-partnership-items]');
    var current = chosen();
    list.replaceChildren.apply(list, partnershipsOf(perCall, call).map(function (p) {
      var li = el('li');
      li.dataset.partnershipId = p.id;
      if (current && current.id === p.id) li.className = 'is-selected';
      var a = el('a', p.title);
      a.href = '/board?call=' + encodeURIComponent(call) + '&partnership=' + encodeURIComponent(p.id) + '#flanders';
      a.dataset.selectPartnership = p.id;
      if (current && current.id === p.id) a.setAttribute('aria-current', 'true');
      a.appendChild(el('span', ' – ' + tr('board.partnerships.show'), 'visually-hidden'));
      li.appendChild(a);
      li.appendChild(document.createTextNode(' '));
      var lead = p.members.find(function (m) { return m.lead; });
      li.appendChild(el('span', tr('board.partnerships.meta', { lead: lead ? lead.name : '', status: tr('board.funnel.status.' + p.status) }), 'meta'));
      return li;
    }));
    root.querySelector('[data-partnerships-empty]').hidden = list.children.length > 0;
  }

  /** The chosen partnership's members on the map and in the text list; none chosen: the map is board.js's again (cleared here). */
  function renderMap() {
    var p = chosen();
    var marked = p ? membersOnMap(p) : { on: [], lead: null };
    var on = new Set(marked.on);
    if (!p && !flanders.dataset.partnership && root.querySelector('[data-flanders-key]').hidden) return; // board.js's map: leave it alone
    for (var path of flanders.querySelectorAll('path[data-nis]')) {
      path.classList.toggle('is-on', on.has(path.dataset.nis));
      path.classList.toggle('is-lead', path.dataset.nis === marked.lead);
    }
    var items = flanders.querySelector('[data-flanders-items]');
    root.querySelector('[data-flanders-key]').hidden = !p;
    if (!p) {
      delete flanders.dataset.partnership;
      flanders.querySelector('[data-flanders-label]').textContent = tr('board.flanders.label_none');
      flanders.querySelector('[data-flanders-heading]').textContent = tr('board.flanders.pick');
      items.setAttribute('aria-label', tr('board.flanders.list'));
      items.replaceChildren();
      return;
    }
    flanders.querySelector('[data-flanders-label]').textContent = tr('board.flanders.partnership_label', { title: p.title });
    flanders.querySelector('[data-flanders-heading]').textContent = tr('board.flanders.partnership_selected', { title: p.title, count: p.members.length });
    items.setAttribute('aria-label', tr('board.flanders.partnership_list'));
    items.replaceChildren.apply(items, p.members.map(function (m) { return el('li', m.lead ? tr('board.flanders.member_lead', { name: m.name }) : m.name); }));
  }

  function render() {
    if (!perCall) return;
    renderFunnel();
    renderPartnerships();
    renderMap();
  }

  function remember() {
    var id = flanders.dataset.partnership;
    window.history.replaceState(null, '', '/board?call=' + encodeURIComponent(call) + (id ? '&partnership=' + encodeURIComponent(id) : '') + window.location.hash);
  }

  root.addEventListener('board:shown', function (e) {
    if (!e.detail || !e.detail.perCall) return;
    perCall = e.detail.perCall;
    render();
  });

  section.querySelector('[data-funnel-form]').addEventListener('submit', function (e) {
    if (!perCall) return; // not live yet: the form reloads the page
    e.preventDefault();
    call = select.value;
    if (!chosen()) delete flanders.dataset.partnership;
    remember();
    render();
  });
  // Live, a choice redraws in place (no change of context); before that, the button sends the form.
  select.addEventListener('change', function () { if (perCall) section.querySelector('[data-funnel-form]').requestSubmit(); });

  root.addEventListener('click', function (e) {
    var link = e.target.closest && e.target.closest('[data-select-partnership]');
    if (link && perCall) {
      e.preventDefault();
      flanders.dataset.partnership = link.dataset.selectPartnership;
      remember();
      render();
      flanders.scrollIntoView({ block: 'start' });
      flanders.focus({ preventScroll: true });
      return;
    }
    // A cluster took the map back (board.js cleared the partnership): unmark the list.
    if (e.target.closest && e.target.closest('[data-select-cluster]') && perCall) {
      root.querySelector('[data-flanders-key]').hidden = true;
      for (var path of flanders.querySelectorAll('path.is-lead')) path.classList.remove('is-lead');
      renderPartnerships();
    }
  });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
