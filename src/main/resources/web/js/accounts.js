// Accounts, at risk first: the account-health composite (GET /reports/accounts) with each of its
// four parts beside it, joined with the per-account rollup (GET /accounts: responses, the metric
// with its interval, last response, the latest score of each customer). Every column sorts; the
// page's filters apply and a box narrows the list by name. An account's name filters the whole
// page to it; a customer opens their history in time order (GET /customers/{id}).

import { call } from './api.js';
import { h, $, clear, fmtInt, fmt1, fmtScore, signedScore, fmtRisk, interval, isNumber, date } from './dom.js';

const LIMIT = 500;
const METRIC_LABEL = { nps: 'NPS', csat: 'CSAT', ces: 'CES' };
const POSITIVE = new Set(['promoter', 'satisfied', 'easy']);
const NEGATIVE = new Set(['detractor', 'dissatisfied', 'difficult']);

/**
 * The columns: what each shows and how it sorts. `dir` 1 sorts ascending first (a higher risk,
 * a lower score, a longer silence first: at risk on top), and a missing value always goes last.
 */
const COLUMNS = [
  { key: 'account', label: 'Account', dir: 1, value: (r) => r.account.toLowerCase(), text: true },
  { key: 'health', label: 'Health', dir: 1, value: (r) => r.health?.health, title: '100 × (1 − risk): the weighted parts on the right' },
  { key: 'level', label: 'Level', dir: 1, value: (r) => r.health?.level?.value, title: 'The score of the recent window' },
  { key: 'trend', label: 'Trend', dir: 1, value: (r) => r.health?.trend?.value, title: 'Its change from the window before' },
  { key: 'detractors', label: 'Detractors', dir: -1, value: (r) => r.health?.detractors?.value, title: 'Detractor share of the recent window' },
  { key: 'recency', label: 'Silent', dir: -1, value: (r) => r.health?.recency?.value, title: 'Days since the last response' },
  { key: 'responses', label: 'Responses', dir: -1, value: (r) => r.rollup?.responses },
  { key: 'value', label: 'All-time score', dir: 1, value: (r) => r.rollup?.value, title: 'The metric over every filtered response, with its 95% interval' },
  { key: 'last', label: 'Last response', dir: -1, value: (r) => r.rollup?.lastResponse?.submittedAt },
  { key: 'customers', label: 'Customers', dir: -1, value: (r) => r.rollup?.customerCount },
];

let shown = { rows: [], metric: 'nps', health: null };

function sortRows(rows, sortKey) {
  const desc = sortKey.startsWith('-');
  const column = COLUMNS.find((c) => c.key === (desc ? sortKey.slice(1) : sortKey)) || COLUMNS[1];
  const dir = desc ? -column.dir : column.dir;
  const present = (v) => v !== undefined && v !== null && !(typeof v === 'number' && Number.isNaN(v));
  return [...rows].sort((a, b) => {
    const x = column.value(a);
    const y = column.value(b);
    if (!present(x) || !present(y)) {
      return present(x) ? -1 : present(y) ? 1 : a.account.localeCompare(b.account);
    }
    const c = column.text ? String(x).localeCompare(String(y)) : x < y ? -1 : x > y ? 1 : 0;
    return c !== 0 ? dir * c : a.account.localeCompare(b.account);
  });
}

export async function render(ctx, generation) {
  const metric = ctx.metric();
  const params = { ...ctx.params(), metric };
  const weights = ctx.state.page.weights || undefined;
  // No matching response is a 404 from the health route: an empty list, not an error.
  const health = await call('/reports/accounts', { params: { ...params, limit: 1000, weights } }).catch((e) => {
    if (e.status === 404) {
      return { accounts: [], total: 0, metric };
    }
    throw e;
  });
  const rollupParams = { ...params, limit: LIMIT };
  if (health.asOf) {
    rollupParams.asOf = health.asOf;
  }
  const rollups = await call('/accounts', { params: rollupParams });
  if (generation !== ctx.generation) {
    return;
  }
  const byName = new Map();
  for (const a of health.accounts || []) {
    byName.set(a.account, { account: a.account, health: a });
  }
  for (const a of rollups.accounts || []) {
    const row = byName.get(a.account) || { account: a.account, health: null };
    row.rollup = a;
    byName.set(a.account, row);
  }
  shown = { rows: [...byName.values()], metric: rollups.metric || health.metric || metric, health };
  $('#accounts-weights').textContent = health.weights
    ? 'Health weights: level ' + health.weights.level + ', trend ' + health.weights.trend + ', detractors ' +
      health.weights.detractors + ', recency ' + health.weights.recency + '; windows of ' + health.windowDays +
      ' days up to ' + health.asOf + '.'
    : '';
  $('#account-find').value = ctx.state.page.find || '';
  $('#account-weights').value = ctx.state.page.weights || '';
  renderTable(ctx);
  await renderDetail(ctx, generation);
}

function renderTable(ctx) {
  const sortKey = ctx.state.page.sort || 'health';
  const find = ($('#account-find').value || '').trim().toLowerCase();
  const rows = sortRows(shown.rows, sortKey).filter((r) => !find || r.account.toLowerCase().includes(find));
  $('#account-count').textContent = fmtInt(rows.length) + (rows.length === 1 ? ' account' : ' accounts') +
    (rows.length !== shown.rows.length ? ' of ' + fmtInt(shown.rows.length) : '');
  const head = clear($('#accounts-table thead'));
  const label = METRIC_LABEL[shown.metric] || 'Score';
  head.append(h('tr', {}, COLUMNS.map((c) => {
    const active = sortKey === c.key || sortKey === '-' + c.key;
    const next = sortKey === c.key ? '-' + c.key : c.key;
    const ariaSort = !active ? 'none' : (sortKey.startsWith('-') ? -c.dir : c.dir) > 0 ? 'ascending' : 'descending';
    return h('th', { scope: 'col', className: c.text ? '' : 'num', 'aria-sort': ariaSort, title: c.title },
      h('button', {
        type: 'button',
        className: 'link sort',
        dataset: { sort: c.key },
        onclick: () => {
          ctx.navigate({ page: { sort: next } }, { replace: true, quiet: true });
          renderTable(ctx);
        },
      }, c.key === 'value' ? 'All-time ' + label : c.label, active ? (ariaSort === 'ascending' ? ' ▲' : ' ▼') : ''));
  })));
  const body = clear($('#accounts-table tbody'));
  if (!rows.length) {
    body.append(h('tr', {}, h('td', { colspan: COLUMNS.length, className: 'empty' },
      shown.rows.length ? 'No account name contains that text.' : 'No response with an account matches the filters.')));
    return;
  }
  for (const r of rows) {
    const hp = r.health;
    const ro = r.rollup;
    const selected = ctx.state.filters.account === r.account;
    body.append(h('tr', { dataset: { account: r.account }, className: selected ? 'selected' : '' },
      h('th', { scope: 'row' }, h('button', {
        type: 'button',
        className: 'link account-link',
        title: 'Filter the page to ' + r.account,
        onclick: () => ctx.navigate({ filters: { account: r.account }, page: { person: '' } }),
      }, r.account)),
      h('td', { className: 'num health' }, hp ? healthBadge(hp) : '–'),
      part(hp?.level, fmtScore),
      part(hp?.trend, signedScore),
      part(hp?.detractors, (v) => fmt1(v) + '%'),
      part(hp?.recency, (v) => fmtInt(v) + ' d'),
      h('td', { className: 'num' }, ro ? fmtInt(ro.responses) : '–'),
      h('td', { className: 'num' }, ro ? fmtScore(ro.value) + ' ' : '–', ro ? h('span', { className: 'muted small' }, interval(ro.ci95, fmtScore)) : null),
      h('td', { className: 'num' }, ro ? date(ro.lastResponse?.submittedAt) : '–'),
      h('td', { className: 'num' }, ro ? fmtInt(ro.customerCount) : '–')));
  }
}

function healthBadge(hp) {
  const level = hp.health >= 70 ? 'positive' : hp.health >= 50 ? 'middle' : 'negative';
  return h('span', { className: 'score ' + level, title: 'risk ' + fmtRisk(hp.risk) }, fmt1(hp.health));
}

/** One part of the health: its figure, and under it the risk it adds (0 healthy, 1 worst). */
function part(p, format) {
  if (!p) {
    return h('td', { className: 'num' }, '–');
  }
  return h('td', { className: 'num part' },
    isNumber(p.value) ? format(p.value) : h('span', { className: 'muted' }, 'unknown'),
    h('span', { className: 'risk muted small' }, 'risk ' + fmtRisk(p.risk)));
}

/** With one account in the filter: its customers, each with their latest score; one opened. */
async function renderDetail(ctx, generation) {
  const box = clear($('#account-detail'));
  const account = ctx.state.filters.account;
  const person = ctx.state.page.person;
  if (account) {
    const row = shown.rows.find((r) => r.account === account);
    const customers = row?.rollup?.customers || [];
    box.append(h('section', { className: 'panel', 'aria-labelledby': 'account-detail-title' },
      h('div', { className: 'view-head' },
        h('h3', { id: 'account-detail-title' }, account),
        h('button', { type: 'button', className: 'ghost', id: 'account-clear', onclick: () => ctx.navigate({ filters: { account: '' }, page: { person: '' } }) }, 'All accounts')),
      h('p', { className: 'muted' }, row?.rollup
        ? fmtInt(row.rollup.customerCount) + ' customers; the latest response of each, lowest score first.'
        : 'No rollup for this account under the filters.'),
      h('ul', { className: 'customers', id: 'account-customers' }, customers.map((c) => h('li', { dataset: { customer: c.customer } },
        h('span', { className: 'score ' + ctx.groupOf(c.category) }, String(c.score)), ' ',
        h('button', { type: 'button', className: 'link customer-link', onclick: () => ctx.navigate({ page: { person: c.customer } }) }, c.customer),
        ' ', h('span', { className: 'muted small' }, c.category + ', ' + date(c.submittedAt)))))));
  }
  if (person) {
    const history = await call('/customers/' + encodeURIComponent(person)).catch((e) => {
      if (e.status === 404) {
        return null;
      }
      throw e;
    });
    if (generation !== ctx.generation) {
      return;
    }
    box.append(customerHistory(ctx, person, history));
  }
}

/** A customer's responses in time order; a negative score followed by a positive one is called out. */
function customerHistory(ctx, person, history) {
  const responses = history ? history.responses || [] : [];
  let cameBack = null;
  let low = null;
  for (const r of responses) {
    if (NEGATIVE.has(r.category)) {
      low = r;
    } else if (low && POSITIVE.has(r.category)) {
      cameBack = [low, r];
    }
  }
  return h('section', { className: 'panel customer-history', id: 'customer-history', 'aria-labelledby': 'customer-title' },
    h('div', { className: 'view-head' },
      h('h3', { id: 'customer-title' }, 'Customer ' + person),
      h('button', { type: 'button', className: 'ghost', onclick: () => ctx.navigate({ filters: { customer: person }, page: { view: 'comments', person: '' } }) }, 'Their comments'),
      h('button', { type: 'button', className: 'ghost', 'aria-label': 'Close the history', onclick: () => ctx.navigate({ page: { person: '' } }) }, '×')),
    !history ? h('p', { className: 'empty' }, 'No responses from this customer (erased, or outside the data).') : null,
    history ? h('p', { className: 'muted' }, fmtInt(history.count) + (history.count === 1 ? ' response' : ' responses') +
      (history.accounts.length ? ' for ' + history.accounts.join(', ') : '') + ', oldest first.') : null,
    cameBack ? h('p', { className: 'came-back' },
      'Came back: ' + cameBack[0].category + ' (' + cameBack[0].score + ') on ' + date(cameBack[0].submittedAt) +
      ', ' + cameBack[1].category + ' (' + cameBack[1].score + ') on ' + date(cameBack[1].submittedAt) + '.') : null,
    h('ol', { className: 'hits history' }, responses.map((r) => h('li', { className: 'hit', dataset: { id: r.id } },
      h('div', { className: 'hit-meta' },
        h('time', { datetime: r.submittedAt }, date(r.submittedAt)),
        h('span', { className: 'score ' + ctx.groupOf(r.category) }, String(r.score)),
        h('span', { className: 'category ' + ctx.groupOf(r.category) }, r.category),
        r.account ? h('span', { className: 'account' }, r.account) : null,
        (r.themes || []).map((t) => h('span', { className: 'chip' }, t.name))),
      h('p', { className: 'snippet' }, r.comment || h('em', { className: 'muted' }, '(no comment)'))))));
}

export function wire(ctx) {
  $('#account-weights').addEventListener('change', () => {
    ctx.navigate({ page: { weights: $('#account-weights').value.replace(/\s+/g, '') } });
  });
  $('#account-find').addEventListener('input', () => {
    ctx.navigate({ page: { find: $('#account-find').value.trim() } }, { replace: true, quiet: true });
    renderTable(ctx);
  });
}
