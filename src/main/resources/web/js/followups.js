// The follow-up queue: overdue first, each with its status, assignee, due date and a note box;
// changes go to PATCH /followups/{id} with who made them. Many at once: tick them (or every one the
// filters match) and close, assign or snooze them with PATCH /followups?FILTER, after confirming
// the count, which the request carries as expected=N so that it changes nothing if the count moved.
// Below, the latest alerts and their delivery. Uses the filter form's filters (segment, period...).

import { call, ApiError } from './api.js';
import { h, $, clear, fmtInt, minusSigns } from './dom.js';
import * as followupRules from './followuprules.js';
import { deliveryText } from './alerts.js';

const STATUSES = [['open', 'Open'], ['contacted', 'Contacted'], ['resolved', 'Resolved'], ['no_action', 'No action']];
const WHO_STORAGE = 'earful.who';
/** How many follow-ups the list shows; a bulk action can still take every one that matches. */
const PAGE_SIZE = 200;

/**
 * What a bulk action applies to: the ticked follow-ups (ids), or every one the filters of the list
 * match (matching, with total the count the list said and params those filters).
 */
let selection = { matching: false, ids: new Set(), shown: [], total: 0, params: {} };

function who() {
  return sessionStorage.getItem(WHO_STORAGE) || 'web page';
}

function when(iso) {
  return iso ? iso.slice(0, 16).replace('T', ' ') : '';
}

function params(ctx) {
  // The page's shared filters (segment, period, theme, account, customer...): the API keeps the
  // follow-ups whose responses match them.
  const p = ctx.params();
  const status = $('#followup-status').value;
  if (status) {
    p.status = status;
  }
  if ($('#followup-kind').value) {
    p.kind = $('#followup-kind').value;
  }
  if ($('#followup-assignee').value.trim()) {
    p.assignee = $('#followup-assignee').value.trim();
  }
  if ($('#followup-overdue').checked) {
    p.overdue = 'true';
  }
  return p;
}

export async function render(ctx, generation) {
  const [queue, alerts] = await Promise.all([
    call('/followups', { params: { ...params(ctx), limit: PAGE_SIZE } }),
    call('/alerts', { params: { limit: 20 } }),
    followupRules.render(ctx, generation),
  ]);
  if (generation !== ctx.generation) {
    return;
  }
  $('#followup-count').textContent = counted(queue.total) + ', ' + fmtInt(queue.overdue) + ' overdue';
  const shown = (queue.followups || []).map((f) => f.id);
  selection = { matching: false, ids: new Set(), shown, total: queue.total, params: params(ctx) };
  const list = clear($('#followups'));
  for (const f of queue.followups || []) {
    list.append(item(ctx, f));
  }
  if (!(queue.followups || []).length) {
    list.append(h('li', { className: 'empty' }, 'No follow-ups match.'));
  }
  showMore(ctx, queue.nextCursor, generation);
  showSelection();
  const log = clear($('#alerts'));
  for (const a of alerts.alerts || []) {
    log.append(h('li', { className: 'alert ' + a.delivery, dataset: { id: a.id } },
      h('time', { datetime: a.raisedAt }, when(a.raisedAt)), ' ',
      h('span', { className: 'alert-title' }, minusSigns(a.title)), ' ',
      h('span', { className: 'delivery ' + a.delivery }, a.delivery === 'none'
        ? deliveryText(a.delivery)
        : a.delivery + ' (' + (a.attempts || []).length + ' attempts)')));
  }
  if (!(alerts.alerts || []).length) {
    log.append(h('li', { className: 'empty' }, 'No alerts raised.'));
  }
}

/**
 * The count of the rows shown and, while more match, a button that shows the next page of them
 * (the API's cursor): the list stopped at 200 of 2,407 with no way to the 201st but a narrower
 * filter.
 */
function showMore(ctx, cursor, generation) {
  const shown = selection.shown.length;
  $('#followup-shown').textContent = selection.total > shown
    ? 'Showing the first ' + fmtInt(shown) + ' of ' + fmtInt(selection.total) +
      ': the filters narrow the list, and a bulk action can take every one that matches.'
    : '';
  const old = $('#followups-more');
  if (old) {
    old.remove();
  }
  if (!cursor) {
    return;
  }
  const next = Math.min(PAGE_SIZE, selection.total - shown);
  $('#followups').after(h('button', {
    type: 'button',
    id: 'followups-more',
    className: 'ghost',
    onclick: () => ctx.busy(showNextPage(ctx, cursor, generation)).catch(ctx.showError),
  }, 'Show the next ' + fmtInt(next) + ' of ' + fmtInt(selection.total)));
}

async function showNextPage(ctx, cursor, generation) {
  const queue = await call('/followups', { params: { ...selection.params, limit: PAGE_SIZE, cursor } });
  if (generation !== ctx.generation) {
    return;
  }
  const list = $('#followups');
  for (const f of queue.followups || []) {
    list.append(item(ctx, f));
    selection.shown.push(f.id);
  }
  showMore(ctx, queue.nextCursor, generation);
  showSelection();
}

function item(ctx, f) {
  const group = ctx.groupOf(f.category);
  const status = h('select', { 'aria-label': 'Status of ' + f.id, className: 'f-status' },
    STATUSES.map(([v, l]) => h('option', { value: v }, l)));
  status.value = f.status;
  const assignee = h('input', { type: 'text', className: 'f-assignee', 'aria-label': 'Assignee of ' + f.id, placeholder: 'Assignee', value: f.assignee || '' });
  const note = h('input', { type: 'text', className: 'f-note', 'aria-label': 'Note on ' + f.id, placeholder: 'Add a note' });
  const save = h('button', {
    type: 'button',
    className: 'f-save',
    onclick: () => ctx.busy(saveChange(ctx, f, status.value, assignee.value.trim(), note.value.trim())).catch(ctx.showError),
  }, 'Save');
  const tick = h('input', {
    type: 'checkbox',
    className: 'f-select',
    'aria-label': 'Select ' + f.id + (f.customer ? ' (' + f.customer + ')' : ''),
    onchange: (e) => tickOne(f.id, e.target.checked),
  });
  return h('li', { className: 'followup' + (f.overdue ? ' overdue' : ''), dataset: { id: f.id } },
    h('div', { className: 'hit-meta' },
      tick,
      f.overdue ? h('span', { className: 'badge overdue' }, 'Overdue') : null,
      h('span', { className: 'kind' }, f.kind),
      h('span', { className: 'score ' + group }, String(f.score)),
      h('span', { className: 'category ' + group }, f.category),
      f.account ? h('span', { className: 'account' }, 'Account: ' + f.account) : null,
      f.customer ? h('span', { className: 'customer' }, 'Customer: ' + f.customer) : null,
      h('span', { className: 'due' }, 'Due ' + when(f.due))),
    h('p', { className: 'snippet' }, f.excerpt || h('em', { className: 'muted' }, '(no comment)')),
    (f.notes || []).length ? h('ul', { className: 'notes' }, f.notes.map((n) => h('li', {}, when(n.at) + ' ' + n.by + ': ' + n.text))) : null,
    h('div', { className: 'followup-edit' }, status, assignee, note, save));
}

async function saveChange(ctx, f, status, assignee, note) {
  const body = { by: who() };
  if (status !== f.status) {
    body.status = status;
  }
  if (assignee !== (f.assignee || '')) {
    body.assignee = assignee || null;
  }
  if (note) {
    body.note = note;
  }
  if (Object.keys(body).length === 1) {
    ctx.notify('Nothing to save.');
    return;
  }
  await call('/followups/' + encodeURIComponent(f.id), { method: 'PATCH', body });
  ctx.notify('Saved.');
  await render(ctx, ctx.generation);
}

function tickOne(id, on) {
  selection.matching = false;
  if (on) {
    selection.ids.add(id);
  } else {
    selection.ids.delete(id);
  }
  showSelection();
}

function tickShown(on) {
  selection.matching = false;
  selection.ids = new Set(on ? selection.shown : []);
  showSelection();
}

function selectMatching() {
  selection.matching = true;
  selection.ids = new Set(selection.shown);
  showSelection();
  $('#followup-bulk-action').focus();
}

/** How many follow-ups the bulk action would change, as far as the list knows. */
function selectedCount() {
  return selection.matching ? selection.total : selection.ids.size;
}

function showSelection() {
  const n = selectedCount();
  const allShown = selection.shown.length > 0 && selection.shown.every((id) => selection.ids.has(id));
  $('#followup-selected').textContent = selection.matching
    ? 'All ' + fmtInt(n) + ' matching follow-ups selected'
    : n ? fmtInt(n) + ' selected' : 'None selected';
  const shownBox = $('#followup-select-shown');
  shownBox.disabled = selection.shown.length === 0;
  shownBox.checked = allShown;
  shownBox.indeterminate = !allShown && selection.ids.size > 0;
  const more = $('#followup-select-matching');
  more.hidden = !(allShown && !selection.matching && selection.total > selection.shown.length);
  more.textContent = 'Select all ' + fmtInt(selection.total) + ' matching the filters';
  $('#followup-bulk-apply').disabled = n === 0;
  for (const box of document.querySelectorAll('#followups .f-select')) {
    box.checked = selection.ids.has(box.closest('li').dataset.id);
  }
}

function showActionInputs() {
  const action = $('#followup-bulk-action').value;
  $('#followup-bulk-assignee').hidden = action !== 'assign';
  $('#followup-bulk-due').hidden = action !== 'snooze';
}

function counted(n) {
  return fmtInt(n) + (n === 1 ? ' follow-up' : ' follow-ups');
}

/** The change of the bulk form as PATCH's body and the question that confirms it, or null. */
function bulkChange(ctx, n) {
  const action = $('#followup-bulk-action').value;
  const body = { by: who() };
  let question;
  if (action === 'assign') {
    body.assignee = $('#followup-bulk-assignee').value.trim() || null;
    question = body.assignee ? 'Assign ' + counted(n) + ' to ' + body.assignee : 'Unassign ' + counted(n);
  } else if (action === 'snooze') {
    body.due = $('#followup-bulk-due').value;
    if (!body.due) {
      ctx.showError('Pick the date to snooze them until: it becomes their due date.');
      return null;
    }
    question = 'Snooze ' + counted(n) + ' until ' + body.due;
  } else {
    body.status = action;
    question = action === 'contacted' ? 'Mark ' + counted(n) + ' contacted'
      : 'Close ' + counted(n) + (action === 'resolved' ? ' as resolved' : ' as no action');
  }
  const note = $('#followup-bulk-note').value.trim();
  if (note) {
    body.note = note;
    question += ', with the note "' + note + '"';
  }
  return { body, question: question + '?\n\nEach one gets its own history entry naming ' + body.by + '.' };
}

async function applyBulk(ctx) {
  const n = selectedCount();
  const change = n ? bulkChange(ctx, n) : null;
  if (!change || !confirm(change.question)) {
    return;
  }
  // expected: the count just confirmed; the service changes nothing if the filter matches another.
  const query = selection.matching
    ? { ...selection.params, expected: n }
    : { id: [...selection.ids], expected: n };
  if (selection.matching && Object.keys(selection.params).length === 0) {
    query.all = 'true';
  }
  let did;
  try {
    did = await call('/followups', { method: 'PATCH', params: query, body: change.body });
  } catch (e) {
    if (e instanceof ApiError && e.status === 409) {
      await render(ctx, ctx.generation);
      ctx.showError(e.message + '. The list is up to date again: check it and apply once more.');
      return;
    }
    throw e;
  }
  $('#followup-bulk-note').value = '';
  await render(ctx, ctx.generation);
  ctx.notify(fmtInt(did.changed) + ' of ' + counted(did.matched) + ' changed' +
    (did.changed < did.matched ? ' (the others already were as asked).' : '.'));
}

async function exportCsv(ctx) {
  const csv = await call('/followups', { params: params(ctx), accept: 'csv' });
  const blob = new Blob([csv], { type: 'text/csv' });
  const a = h('a', { href: URL.createObjectURL(blob), download: 'earful-followups.csv' });
  document.body.append(a);
  a.click();
  a.remove();
}

export function wire(ctx) {
  for (const id of ['#followup-status', '#followup-kind', '#followup-overdue']) {
    $(id).addEventListener('change', () => ctx.busy(render(ctx, ++ctx.generation)).catch(ctx.showError));
  }
  $('#followup-assignee').addEventListener('change', () => ctx.busy(render(ctx, ++ctx.generation)).catch(ctx.showError));
  // Who makes the changes, for their history; kept for this browser tab like the API key.
  $('#followup-who').value = sessionStorage.getItem(WHO_STORAGE) || '';
  $('#followup-who').addEventListener('change', () => {
    const who = $('#followup-who').value.trim();
    if (who) {
      sessionStorage.setItem(WHO_STORAGE, who);
    } else {
      sessionStorage.removeItem(WHO_STORAGE);
    }
  });
  $('#followup-select-shown').addEventListener('change', (e) => tickShown(e.target.checked));
  $('#followup-select-matching').addEventListener('click', selectMatching);
  $('#followup-bulk-action').addEventListener('change', showActionInputs);
  $('#followup-bulk-apply').addEventListener('click', () => ctx.busy(applyBulk(ctx)).catch(ctx.showError));
  followupRules.wire(ctx);
  $('#export-followups').addEventListener('click', () => ctx.busy(exportCsv(ctx)).catch(ctx.showError));
}
