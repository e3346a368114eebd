// A copy button for one-time links (views/pages/admin/invitations.hbs). The button is in the page, hidden;
// with JavaScript and a clipboard it shows, copies its field's text and says so in its own live region.
(function () {
  'use strict';
  document.querySelectorAll('button[data-copy]').forEach(function (button) {
    var field = document.getElementById(button.dataset.copy);
    var status = document.getElementById(button.dataset.copy + '-status');
    if (!field || !navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener('click', function () {
      navigator.clipboard.writeText(field.value).then(function () {
        if (status) status.textContent = button.dataset.doneText || '';
      }, function () {
        field.focus();
        field.select(); // the person copies it by hand
        if (status) status.textContent = button.dataset.failText || '';
      });
    });
  });
})();
