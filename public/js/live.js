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
    var old = region.querySelector('[data-notification-id="' + (window.CSS && CSS.escape ? CSS.escape(n.id) : n.id) + '"]');
    if (old) dismiss(old);
    var toast = document.createElement('div');
    toast.dataset.notificationId = n.id;
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
    close.addEventListener('click', function () { dismiss(toast); });
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
    showToast(n);
    remember(n.createdAt);
  });
  socket.on('notifications:unread', function (p) { if (p) updateBadge(p.count); });
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape' && region.lastElementChild && region.contains(document.activeElement)) dismiss(region.lastElementChild);
  });
})();
