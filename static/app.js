// Progressive enhancement only: every page works without this file.
import { initAll } from '/static/govuk-frontend.min.js';

document.body.classList.add('govuk-frontend-supported');
initAll();

// A long list of checkboxes (e.g. partner organisations on the initiative form) gets a search
// box that hides the options not matching what is typed; checked options always stay visible,
// and a status line says how many are shown. Without JavaScript the whole list is shown.
function enhanceFilterList(list, n) {
  const items = Array.from(list.querySelectorAll('.govuk-checkboxes__item'));
  if (items.length < 2) return;
  const id = `gt-filter-${n}`;
  const group = document.createElement('div');
  group.className = 'govuk-form-group govuk-!-margin-bottom-3';
  const label = document.createElement('label');
  label.className = 'govuk-label';
  label.htmlFor = id;
  label.textContent = list.dataset.gtFilterLabel || 'Find';
  const input = document.createElement('input');
  input.className = 'govuk-input govuk-!-width-two-thirds';
  input.type = 'search';
  input.id = id;
  input.autocomplete = 'off';
  input.spellcheck = false;
  const status = document.createElement('p');
  status.className = 'govuk-body-s govuk-!-margin-top-1';
  status.setAttribute('role', 'status');
  group.append(label, input, status);
  list.before(group);
  const update = () => {
    const q = input.value.trim().toLowerCase();
    let shown = 0;
    for (const item of items) {
      const box = item.querySelector('input');
      const match = !q || item.textContent.toLowerCase().includes(q) || (box && box.checked);
      item.hidden = !match;
      if (match) shown += 1;
    }
    status.textContent = q ? `${shown} of ${items.length} shown` : '';
  };
  input.addEventListener('input', update);
  // Enter in the search box must not submit the whole form.
  input.addEventListener('keydown', (e) => { if (e.key === 'Enter') e.preventDefault(); });
}

document.querySelectorAll('[data-gt-filter-list]').forEach(enhanceFilterList);

// Live conversations: each vote is sent with fetch and the next statement replaces the
// current one without a reload. Without JavaScript (or when fetch fails) the form posts
// and the server redirects to the next statement.
function enhanceLiveVote(form) {
  const card = form.closest('[data-live-card]');
  const progress = document.querySelector('[data-live-progress]');
  form.addEventListener('submit', async (e) => {
    const button = e.submitter;
    if (!button || !window.fetch) return;
    e.preventDefault();
    const body = new URLSearchParams(new FormData(form));
    body.set('vote', button.value);
    let answer;
    try {
      const res = await fetch(form.action, {
        method: 'POST',
        body,
        headers: { Accept: 'application/json' },
        credentials: 'same-origin',
      });
      if (!res.ok) throw new Error(String(res.status));
      answer = await res.json();
    } catch {
      form.submit();
      return;
    }
    if (progress) progress.textContent = `${answer.progress.voted} of ${answer.progress.total}`;
    form.querySelector('[data-live-skipped]').value = answer.skipped || '';
    const yours = form.querySelector('[data-live-yours]');
    if (yours) yours.remove();
    if (!answer.statement) {
      const done = document.createElement('p');
      done.className = 'govuk-body';
      done.setAttribute('data-live-done', '');
      done.textContent = 'You have voted on every statement. Thank you.';
      card.replaceChildren(done);
      return;
    }
    form.querySelector('[data-live-tid]').value = answer.statement.tid;
    const text = form.querySelector('[data-live-text]');
    text.textContent = answer.statement.text;
    text.setAttribute('tabindex', '-1');
    text.focus();
  });
}

document.querySelectorAll('[data-live-vote]').forEach(enhanceLiveVote);

// A survey question shown only for one answer to an earlier question (data-show-if names the
// earlier question's group, data-show-value the answer) is hidden until that answer is chosen.
// Without JavaScript every question is shown, with the condition written beside it, and the
// server ignores an answer whose condition does not hold.
function enhanceConditions(form) {
  const conditional = Array.from(form.querySelectorAll('[data-show-if]'));
  if (!conditional.length) return;
  const update = () => {
    for (const group of conditional) {
      const chosen = form.querySelector(`input[name="${group.dataset.showIf}"]:checked`);
      group.hidden = !(chosen && chosen.value === group.dataset.showValue);
    }
  };
  form.addEventListener('change', update);
  update();
}

document.querySelectorAll('form').forEach(enhanceConditions);

// The live board: a region marked data-live-topic (a solution room's advice and next steps,
// an event's rooms and pledges) listens to its page's event stream (the topic's address + /live). On each
// event it fetches the page again and replaces the region with the fresh one, keeping what
// the reader was typing, and a polite status line says what changed. Without JavaScript or
// EventSource nothing happens: a reload shows the same.
const liveLabels = {
  advice: 'Advice updated',
  'next-steps': 'Next steps updated',
  rooms: 'Solution rooms updated',
  pledges: 'Pledges updated',
};

function enhanceLiveRegion(region) {
  const topic = region.dataset.liveTopic;
  if (!window.EventSource || !window.fetch || !window.DOMParser || !region.id || !topic) return;
  const status = document.createElement('p');
  status.className = 'govuk-visually-hidden';
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');
  status.setAttribute('data-live-status', '');
  region.after(status);
  let running = false;
  let queued = null;
  const refresh = async (name) => {
    if (running) {
      queued = name;
      return;
    }
    running = true;
    try {
      const res = await fetch(topic, { credentials: 'same-origin', headers: { Accept: 'text/html' } });
      if (res.ok) {
        const fresh = new DOMParser().parseFromString(await res.text(), 'text/html').getElementById(region.id);
        if (fresh) {
          const kept = new Map();
          region.querySelectorAll('textarea[id], input[type="text"][id], select[id]').forEach((f) => kept.set(f.id, f.value));
          const focused = region.contains(document.activeElement) ? document.activeElement.id : '';
          region.innerHTML = fresh.innerHTML;
          kept.forEach((value, id) => {
            const f = document.getElementById(id);
            if (f && region.contains(f) && value) f.value = value;
          });
          if (focused) document.getElementById(focused)?.focus();
          initAll({ scope: region });
          status.textContent = '';
          window.setTimeout(() => { status.textContent = liveLabels[name] || 'This page has been updated'; }, 50);
        }
      }
    } catch {
      // The page still works: a reload shows the change.
    } finally {
      running = false;
    }
    if (queued) {
      const next = queued;
      queued = null;
      refresh(next);
    }
  };
  const source = new EventSource(`${topic}/live`);
  for (const name of Object.keys(liveLabels)) source.addEventListener(name, () => refresh(name));
  window.addEventListener('pagehide', () => source.close());
}

document.querySelectorAll('[data-live-topic]').forEach(enhanceLiveRegion);
