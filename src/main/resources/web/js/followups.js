// The follow-up queue: overdue first, each with its status, assignee, due date and a note box;
// changes go to PATCH /followups/{id} with who made them. Below, the latest alerts and their
// delivery. Uses the account and customer of the filter form.

import { call } from './api.js';
import { h, $, clear, fmtInt } from './dom.js';
import * as followupRules from './followuprules.js';

const STATUSES = [['open', 'Open'], ['contacted', 'Contacted'], ['resolved', 'Resolved'], ['no_action', 'No action']];
const WHO_STORAGE = 'earful.who';

function when(iso) {
  return iso ? iso.slice(0, 16).replace('T', ' ') : '';
}

function params(ctx) {
  const f = ctx.state.filters;
  const p = {};
  if (f.account) {
    p.account = f.account;
  }
  if (f.customer) {
    p.customer = f.customer;
  }
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
    call('/followups', { params: { ...params(ctx), limit: 200 } }),
    call('/alerts', { params: { limit: 20 } }),
    followupRules.render(ctx, generation),
  ]);
  if (generation !== ctx.generation) {
    return;
  }
  $('#followup-count').textContent = fmtInt(queue.total) + ' follow-ups, ' + fmtInt(queue.overdue) + ' overdue';
  const list = clear($('#followups'));
  for (const f of queue.followups || []) {
    list.append(item(ctx, f));
  }
  if (!(queue.followups || []).length) {
    list.append(h('li', { className: 'empty' }, 'No follow-ups match.'));
  }
  const log = clear($('#alerts'));
  for (const a of alerts.alerts || []) {
    log.append(h('li', { className: 'alert ' + a.delivery, dataset: { id: a.id } },
      h('time', { datetime: a.raisedAt }, when(a.raisedAt)), ' ',
      h('span', { className: 'alert-title' }, a.title), ' ',
      h('span', { className: 'delivery ' + a.delivery }, a.delivery + ' (' + (a.attempts || []).length + ' attempts)')));
  }
  if (!(alerts.alerts || []).length) {
    log.append(h('li', { className: 'empty' }, 'No alerts raised.'));
  }
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
  return h('li', { className: 'followup' + (f.overdue ? ' overdue' : ''), dataset: { id: f.id } },
    h('div', { className: 'hit-meta' },
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
  const who = sessionStorage.getItem(WHO_STORAGE) || '';
  const body = { by: who || 'web page' };
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
  followupRules.wire(ctx);
  $('#export-followups').addEventListener('click', () => ctx.busy(exportCsv(ctx)).catch(ctx.showError));
}
