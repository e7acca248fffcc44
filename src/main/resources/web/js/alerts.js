// The Alerts tab: the alert rules (GET/POST/DELETE /alert-rules) with a form for each of the three
// kinds, and the alerts raised (GET /alerts), newest first, with their delivery and each attempt.
// A rule's filter is written as the API's query parameters ("account=Acme&category=detractor");
// "Use the page's filters" fills it from the filter form above.

import { call } from './api.js';
import { h, $, clear, fmtInt, fmtScore, minusSigns } from './dom.js';
import { parseWhen, whenText } from './filtertext.js';

const TYPE_LABEL = {
  new_response: 'New matching response',
  metric_drop: 'Metric drop',
  emerging_theme: 'Emerging theme',
};

function when(iso) {
  return iso ? iso.slice(0, 16).replace('T', ' ') : '';
}

/** What a rule waits for, in words. */
function settings(r) {
  if (r.type === 'metric_drop') {
    return 'drop > ' + r.minDrop + ' points, last ' + r.windowDays + ' d vs ' + r.baselineDays +
      ' d before, p < ' + r.alpha + ', ≥ ' + r.minResponses + ' responses each side';
  }
  if (r.type === 'emerging_theme') {
    return 'q < ' + r.alpha + ' (Benjamini-Hochberg), ≥ ' + r.minResponses + ' responses';
  }
  return 'each new matching response ' + (r.maxAgeDays === null || r.maxAgeDays === undefined
    ? 'of any age' : 'submitted within ' + r.maxAgeDays + ' d') + ', one alert per import batch';
}

export async function render(ctx, generation) {
  const delivery = $('#alert-delivery').value;
  const ruleId = $('#alert-rule-filter').value;
  const [rules, alerts] = await Promise.all([
    call('/alert-rules'),
    call('/alerts', { params: { limit: 100, delivery, ruleId } }),
  ]);
  if (generation !== ctx.generation) {
    return;
  }
  const list = rules.rules || [];
  const names = new Map(list.map((r) => [r.id, r.name]));
  renderRules(ctx, list);
  const picker = clear($('#alert-rule-filter'));
  picker.append(h('option', { value: '' }, 'all rules'), list.map((r) => h('option', { value: r.id }, r.name)));
  if (ruleId && !names.has(ruleId)) {
    picker.append(h('option', { value: ruleId }, ruleId + ' (deleted)'));
  }
  picker.value = ruleId;
  $('#alert-total').textContent = fmtInt(alerts.total) + (alerts.total === 1 ? ' alert' : ' alerts');
  const log = clear($('#alert-log'));
  for (const a of alerts.alerts || []) {
    log.append(alertItem(a, names));
  }
  if (!(alerts.alerts || []).length) {
    log.append(h('li', { className: 'empty' }, 'No alerts raised.'));
  }
}

const OUTCOME_LABEL = {
  fired: 'Fired',
  dipping: 'Still dipping (alerted before)',
  no_drop: 'No drop',
  not_significant: 'Not significant',
  too_few_responses: 'Too few responses',
};


export function pText(p) {
  if (p === null || p === undefined) {
    return 'not tested';
  }
  return p < 0.001 ? 'p < 0.001' : 'p = ' + Number(p.toPrecision(2));
}

const EMERGING_LABEL = {
  fired: 'Fired',
  still_emerging: 'Still emerging (alerted before)',
  nothing_emerging: 'Nothing emerging',
  too_few_responses: 'Too few responses',
};

/**
 * A rule's last evaluation: when, fired or not, and the reason in the rule's own settings; for a
 * metric drop the two values compared with their responses and p, for an emerging theme each theme
 * found with its mentions in the two weeks and q. A new-response rule has none (its alerts are).
 */
export function evaluationCell(r) {
  if (r.type !== 'metric_drop' && r.type !== 'emerging_theme') {
    return h('span', { className: 'muted' }, '–');
  }
  const e = r.lastEvaluation;
  if (!e) {
    return h('span', { className: 'muted last-evaluation never' }, 'Not yet: evaluated after each import and every 15 minutes');
  }
  if (r.type === 'emerging_theme') {
    return h('div', { className: 'last-evaluation ' + e.outcome },
      h('div', {},
        h('time', { datetime: e.at }, when(e.at)), ' ',
        h('strong', { className: 'outcome' }, EMERGING_LABEL[e.outcome] || e.outcome)),
      (e.emerging || []).length
        ? h('ul', { className: 'emerging' }, ...e.emerging.map((t) => h('li', {},
          t.name + ': ' + fmtInt(t.previousMentions) + ' → ' + fmtInt(t.mentions) + ' mentions, ' +
          (t.qValue === null || t.qValue === undefined ? 'q not computed' : pText(t.qValue).replace('p ', 'q ')))))
        : null,
      h('div', { className: 'muted reason' }, e.reason));
  }
  const m = e.metric.toUpperCase();
  return h('div', { className: 'last-evaluation ' + e.outcome },
    h('div', {},
      h('time', { datetime: e.at }, when(e.at)), ' ',
      h('strong', { className: 'outcome' }, OUTCOME_LABEL[e.outcome] || e.outcome)),
    h('div', { className: 'compared' },
      m + ' ' + fmtScore(e.window.value) + ' (' + fmtInt(e.window.responses) + ' responses, last ' + r.windowDays + ' d) vs ' +
      fmtScore(e.baseline.value) + ' (' + fmtInt(e.baseline.responses) + ', ' + r.baselineDays + ' d before); ' + pText(e.pValue)),
    h('div', { className: 'muted reason' }, e.reason));
}

function renderRules(ctx, rules) {
  const body = clear($('#alert-rules tbody'));
  if (!rules.length) {
    body.append(h('tr', {}, h('td', { colspan: 7, className: 'empty' }, 'No alert rules yet: add one below.')));
  }
  for (const r of rules) {
    body.append(h('tr', { dataset: { rule: r.id } },
      h('th', { scope: 'row' }, r.name),
      h('td', {}, TYPE_LABEL[r.type] || r.type),
      h('td', {}, h('code', {}, whenText(r.when) || 'every response')),
      h('td', { className: 'small' }, settings(r)),
      h('td', { className: 'small' }, evaluationCell(r)),
      h('td', { className: 'small' }, r.webhook
        ? [r.webhook.url, h('br'), h('span', { className: 'muted' },
          'secret ' + r.webhook.secret + ', ' + r.webhook.maxAttempts + ' attempts, backoff ' + r.webhook.backoffMillis + ' ms')]
        : h('span', { className: 'muted no-webhook' }, 'none: alerts listed here only')),
      h('td', {}, h('button', {
        type: 'button',
        className: 'danger small delete-rule',
        'aria-label': 'Delete rule ' + r.name,
        onclick: () => {
          if (confirm('Delete the alert rule "' + r.name + '"? Its alerts stay in the log.')) {
            ctx.busy(deleteRule(ctx, r)).catch(ctx.showError);
          }
        },
      }, 'Delete'))));
  }
}

export function alertItem(a, names) {
  const attempts = a.attempts || [];
  return h('li', { className: 'alert ' + a.delivery, dataset: { id: a.id } },
    h('div', { className: 'hit-meta' },
      h('time', { datetime: a.raisedAt }, when(a.raisedAt)),
      h('span', { className: 'kind' }, TYPE_LABEL[a.type] || a.type),
      h('span', { className: 'rule-name' }, names.get(a.ruleId) || a.ruleId),
      h('span', { className: 'delivery ' + a.delivery }, deliveryText(a.delivery)),
      a.delivery === 'none' ? null : h('span', { className: 'muted' }, attempts.length + (attempts.length === 1 ? ' attempt' : ' attempts') +
        (a.delivery === 'pending' && a.nextAttemptAt ? ', next at ' + when(a.nextAttemptAt) : ''))),
    h('p', { className: 'alert-title' }, minusSigns(a.title)),
    h('details', {},
      h('summary', {}, 'Delivery log and body'),
      h('ol', { className: 'attempts' }, attempts.map((t) => h('li', {},
        when(t.at) + ' ' + (t.status ? 'HTTP ' + t.status : 'no answer') + (t.error ? ': ' + t.error : '')))),
      h('pre', { className: 'alert-body' }, JSON.stringify(a.body, null, 2))));
}

// 'none': the rule has no webhook, so the alert is only listed, never sent.
export function deliveryText(delivery) {
  return delivery === 'none' ? 'not sent (no webhook)' : delivery;
}

async function deleteRule(ctx, r) {
  await call('/alert-rules/' + encodeURIComponent(r.id), { method: 'DELETE' });
  ctx.notify('Deleted the alert rule "' + r.name + '".');
  await render(ctx, ctx.generation);
}

function number(id) {
  const v = $(id).value.trim();
  return v === '' ? undefined : Number(v);
}

function showFields() {
  const type = $('#ar-type').value;
  for (const el of document.querySelectorAll('#alert-rule-form [data-types]')) {
    el.hidden = !el.dataset.types.split(' ').includes(type);
  }
}

async function create(ctx) {
  const type = $('#ar-type').value;
  const body = {
    name: $('#ar-name').value.trim(),
    type,
    when: parseWhen($('#ar-when').value),
  };
  // No webhook when nothing of it is filled in; anything filled in is sent, so a secret or an
  // attempt count without a URL is refused by the service rather than silently dropped.
  const hook = {
    url: $('#ar-url').value.trim(),
    secret: $('#ar-secret').value,
    maxAttempts: number('#ar-attempts'),
    backoffMillis: number('#ar-backoff'),
  };
  if (hook.url || hook.secret || hook.maxAttempts !== undefined || hook.backoffMillis !== undefined) {
    body.webhook = hook;
  }
  if (type === 'metric_drop') {
    Object.assign(body, { minDrop: number('#ar-mindrop'), windowDays: number('#ar-window'), baselineDays: number('#ar-baseline') });
  }
  if (type !== 'new_response') {
    Object.assign(body, { minResponses: number('#ar-minresponses'), alpha: number('#ar-alpha') });
  } else {
    // Empty: the service's default (30 days); "any": responses of any age (an imported history too).
    const age = $('#ar-maxage').value.trim();
    if (/^any$/i.test(age)) {
      body.maxAgeDays = null;
    } else if (age !== '') {
      // Anything but digits goes as typed, for the service to refuse by name (NaN would read as null).
      body.maxAgeDays = /^\d+$/.test(age) ? Number(age) : age;
    }
  }
  const rule = await call('/alert-rules', { method: 'POST', body: JSON.parse(JSON.stringify(body)) });
  // The secret is write-only: the service never shows it again, so the form forgets it too.
  $('#ar-secret').value = '';
  $('#ar-name').value = '';
  ctx.notify('Added the alert rule "' + rule.name + '".');
  await render(ctx, ctx.generation);
}

export function wire(ctx) {
  $('#ar-type').addEventListener('change', showFields);
  showFields();
  $('#ar-use-filters').addEventListener('click', () => {
    const params = ctx.params();
    delete params.from;
    delete params.to;
    $('#ar-when').value = whenText(params);
  });
  $('#alert-rule-form').addEventListener('submit', (e) => {
    e.preventDefault();
    ctx.busy(create(ctx)).catch(ctx.showError);
  });
  for (const id of ['#alert-delivery', '#alert-rule-filter']) {
    $(id).addEventListener('change', () => ctx.busy(render(ctx, ++ctx.generation)).catch(ctx.showError));
  }
}
