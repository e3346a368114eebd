// Live notifications for signed-in users (progressive enhancement; the inbox works without it).
// Connects with the page's own session cookie, shows each new notification as a dismissable toast in an
// aria-live region (an aggregated notice that comes again, updated, replaces its toast), keeps the header badge current, and remembers the newest notification it has seen so
// that a reconnect (or the next page) asks the server for what it missed. DOM changes use textContent only.
(function () {
  'use strict';
  var region = document.getElementById('live-notifications');
  if (!region || typeof window.io !== 'function') return;

  var KEY = 'medestander.notifications.since';
  var MAX_TOASTS = 5;
  var shown = new Map(); // notification id -> the createdAt last shown (an aggregated notice comes again, updated)

  // Several tabs of the same browser each get every push (issue 16.3): a notice shown in one tab is not
  // shown again in another. localStorage remembers what any tab showed (id -> createdAt); a
  // BroadcastChannel tells the other tabs at once, and when two tabs showed the same notice at the same
  // moment, the tab with the smaller id keeps it. Closing a toast closes it in every tab.
  var SEEN_KEY = 'medestander.notifications.seen';
  var SEEN_MAX = 200;
  var tab = Math.random().toString(36).slice(2) + Date.now().toString(36);
  var channel = typeof window.BroadcastChannel === 'function' ? new window.BroadcastChannel('medestander-notifications') : null;

  function seen() {
    try { return JSON.parse(window.localStorage.getItem(SEEN_KEY) || '{}') || {}; } catch (e) { return {}; }
  }
  function markSeen(n) {
    var map = seen();
    map[n.id] = n.createdAt;
    var ids = Object.keys(map);
    if (ids.length > SEEN_MAX) {
      ids.sort(function (a, b) { return map[a] < map[b] ? -1 : 1; });
      for (var i = 0; i < ids.length - SEEN_MAX; i++) delete map[ids[i]];
    }
    try { window.localStorage.setItem(SEEN_KEY, JSON.stringify(map)); } catch (e) { /* private mode: this tab still shows each once */ }
  }
  function tell(message) {
    if (channel) { message.tab = tab; channel.postMessage(message); }
  }
  function toastOf(id) {
    return region.querySelector('[data-notification-id="' + (window.CSS && CSS.escape ? CSS.escape(id) : id) + '"]');
  }

  function stored() {
    try { return window.sessionStorage.getItem(KEY) || ''; } catch (e) { return ''; }
  }
  function remember(createdAt) {
    if (typeof createdAt !== 'string' || createdAt <= since()) return;
    try { window.sessionStorage.setItem(KEY, createdAt); } catch (e) { /* private mode: catch-up falls back to the page time */ }
    region.dataset.since = createdAt;
  }
  // The newest of what this tab has seen and the moment this page was rendered (which showed the inbox count).
  function since() {
    var a = stored();
    var b = region.dataset.since || '';
    return a > b ? a : b;
  }

  function updateBadge(count) {
    var link = document.querySelector('[data-unread-link]');
    var badge = document.querySelector('[data-unread-count]');
    if (!link || !badge || typeof count !== 'number') return;
    badge.textContent = ' (' + count + ')';
    badge.hidden = count === 0;
    var label = count === 0 ? link.dataset.labelNone : (link.dataset.labelSome || '').replace('{count}', String(count));
    if (label) link.setAttribute('aria-label', label);
  }

  function dismiss(toast) {
    if (toast.parentNode) toast.parentNode.removeChild(toast);
  }

  function showToast(n) {
    // An updated notice replaces its toast when that is still there.
    var old = toastOf(n.id);
    if (old) dismiss(old);
    var toast = document.createElement('div');
    toast.dataset.notificationId = n.id;
    toast.dataset.createdAt = n.createdAt;
    toast.className = 'toast';
    var text = document.createElement('p');
    text.className = 'toast-text';
    var link = document.createElement('a');
    link.href = typeof n.link === 'string' && n.link.charAt(0) === '/' && n.link.charAt(1) !== '/' ? n.link : '/notifications';
    link.textContent = n.text;
    text.appendChild(link);
    var close = document.createElement('button');
    close.type = 'button';
    close.className = 'toast-close';
    close.setAttribute('aria-label', region.dataset.dismissLabel || 'Close');
    close.textContent = '\u00d7';
    close.addEventListener('click', function () { dismiss(toast); tell({ type: 'dismissed', id: n.id }); });
    toast.appendChild(text);
    toast.appendChild(close);
    region.appendChild(toast);
    while (region.children.length > MAX_TOASTS) dismiss(region.children[0]);
  }

  var socket = window.io({
    // Called on every (re)connect, so the server always sends what came after the newest one seen.
    auth: function (cb) { var s = since(); cb(s ? { since: s } : {}); },
  });

  socket.on('notification:created', function (n) {
    if (!n || typeof n.id !== 'string' || shown.get(n.id) === n.createdAt) return;
    shown.set(n.id, n.createdAt);
    remember(n.createdAt);
    // Already read (in another tab, or the inbox), or already shown by another tab: no pop-up.
    if (n.readAt || seen()[n.id] === n.createdAt) return;
    markSeen(n);
    showToast(n);
    tell({ type: 'shown', id: n.id, createdAt: n.createdAt });
  });
  socket.on('notifications:unread', function (p) {
    if (!p) return;
    updateBadge(p.count);
    // Everything was read (here or in another tab): the pop-ups have nothing left to say.
    if (p.count === 0) while (region.firstChild) dismiss(region.firstChild);
  });
  if (channel) {
    channel.onmessage = function (e) {
      var m = e.data || {};
      if (typeof m.id !== 'string' || m.tab === tab) return;
      var own = toastOf(m.id);
      if (m.type === 'shown') {
        shown.set(m.id, m.createdAt);
        if (own && own.dataset.createdAt === m.createdAt && m.tab < tab) dismiss(own);
      } else if (m.type === 'dismissed' && own) {
        dismiss(own);
      }
    };
  }
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape' && region.lastElementChild && region.contains(document.activeElement)) dismiss(region.lastElementChild);
  });
})();
