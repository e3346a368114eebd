// Similar ideas while typing, on the new-idea form (views/partials/ideas/similar.hbs). When typing pauses,
// asks POST /api/ideas/similar and lists the most similar ideas of other organisations in the form's live
// region, and apart from them the projects already under way ("Al in uitvoering"), filling copies of the
// server's own item markup (<template>) with textContent only. Without
// JavaScript the form's "check for similar ideas" button does the same on the server.
(function () {
  'use strict';
  var PAUSE_MS = 400;
  var section = document.getElementById('similar');
  var form = section && section.closest('form');
  var token = document.querySelector('meta[name="csrf-token"]');
  var template = document.getElementById('similar-item-template');
  var projectTemplate = document.getElementById('similar-project-template');
  if (!section || !form || !token || !template || !window.fetch || !window.AbortController) return;

  var d = section.dataset;
  var title = form.elements.namedItem('title');
  var description = form.elements.namedItem('description');
  var list = section.querySelector('[data-field="list"]');
  var projectBlock = section.querySelector('[data-field="projects-block"]');
  var projectList = section.querySelector('[data-field="projects"]');
  var status = section.querySelector('[data-field="status"]');
  var submit = form.querySelector('[data-field="submit"]');
  var check = section.querySelector('button[name="intent"]');
  var timer = null;
  var controller = null;
  var last = null;
  if (check) check.remove(); // typing does the checking now

  var plural = window.Intl && Intl.PluralRules ? new Intl.PluralRules(document.documentElement.lang || 'nl-BE') : null;
  function found(count) {
    var form = plural && plural.select(count) === 'one' ? d.foundOne : d.foundOther;
    return fill(form, { count: count });
  }

  function fill(pattern, params) {
    return pattern.replace(/\{(\w+)\}/g, function (m, name) { return name in params ? String(params[name]) : m; });
  }

  function item(hit) {
    var li = template.content.firstElementChild.cloneNode(true);
    var href = '/ideas/' + encodeURIComponent(hit.idea.id);
    var link = li.querySelector('[data-field="link"]');
    link.textContent = hit.idea.title;
    link.href = href;
    link.lang = hit.idea.language;
    li.querySelector('[data-field="score"]').textContent = fill(d.scoreText, { percent: Math.round(hit.score * 100) });
    li.querySelector('[data-field="organisation"]').textContent = hit.idea.organisation ? hit.idea.organisation.name : '';
    var terms = li.querySelector('[data-field="terms"]');
    terms.replaceChildren();
    hit.terms.forEach(function (term) {
      var tag = document.createElement('span');
      tag.className = 'tag';
      tag.textContent = term;
      terms.append(tag, ' ');
    });
    var endorse = li.querySelector('[data-field="endorse"]');
    if (endorse) endorse.href = href + '#endorse';
    return li;
  }

  // "Gent met Oostende, Brugge, Kortrijk en 8 andere besturen", as presenters/projects.ts withWhom says it.
  function withWhom(p) {
    // A lead the reference data does not know is stored as '?' (presenters/projects.ts leadName).
    var lead = !p.lead.id && p.lead.name === '?' && d.leadUnknown ? d.leadUnknown : p.lead.name;
    if (!p.partners.length) return lead;
    var names = p.partners.slice(0, 3).map(function (x) { return x.name; }).join(', ');
    var rest = p.partners.length - 3;
    var partners = rest > 0 ? fill(plural && plural.select(rest) === 'one' ? d.withMoreOne : d.withMoreOther, { names: names, count: rest }) : names;
    return fill(d.leadWith, { lead: lead, partners: partners });
  }

  function projectItem(hit) {
    var li = projectTemplate.content.firstElementChild.cloneNode(true);
    var link = li.querySelector('[data-field="link"]');
    link.textContent = hit.project.title;
    link.href = '/projects/' + encodeURIComponent(hit.project.id);
    li.querySelector('[data-field="score"]').textContent = fill(d.scoreText, { percent: Math.round(hit.score * 100) });
    li.querySelector('[data-field="with"]').textContent = withWhom(hit.project);
    return li;
  }

  function showProjects(projects) {
    if (!projectBlock || !projectList || !projectTemplate) return;
    projectList.replaceChildren.apply(projectList, projects.map(projectItem));
    projectBlock.hidden = projects.length === 0;
  }

  function show(items, message, projects) {
    list.replaceChildren.apply(list, items.map(item));
    showProjects(projects || []);
    status.textContent = message;
    if (submit) submit.textContent = items.length ? d.anywayText : d.submitText;
  }

  function lookUp() {
    var body = { title: title.value.slice(0, 140), description: description.value.slice(0, 5000) };
    var key = body.title + '\u0000' + body.description;
    if (key === last) return;
    last = key;
    if (controller) controller.abort();
    if ((body.title + body.description).replace(/\s+/g, '').length < 4) return show([], '');
    controller = new AbortController();
    section.setAttribute('aria-busy', 'true');
    status.textContent = d.checkingText;
    fetch(d.endpoint, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-CSRF-Token': token.content },
      body: JSON.stringify(body),
      signal: controller.signal,
    })
      .then(function (res) { if (!res.ok) throw new Error('HTTP ' + res.status); return res.json(); })
      .then(function (data) {
        var items = Array.isArray(data.items) ? data.items : [];
        var projects = Array.isArray(data.projects) ? data.projects : [];
        show(items, items.length ? found(items.length) : d.noneText, projects);
      })
      .catch(function (err) {
        if (err && err.name === 'AbortError') return;
        last = null;
        show([], d.unavailableText);
      })
      .finally(function () { section.removeAttribute('aria-busy'); });
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(lookUp, PAUSE_MS);
  }

  title.addEventListener('input', later);
  description.addEventListener('input', later);
})();
