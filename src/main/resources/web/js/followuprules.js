// The rules that open follow-ups (GET/PUT /followup-rules), edited in the Follow-ups tab: each
// rule's id, name, kind, filter (the API's query parameters), due time in business days, the
// oldest response it opens a follow-up for (maxAgeDays, empty for any age) and whether it is on. The list is saved as a whole, as the API replaces it; a rule applies to the
// responses imported after the save.

import { call } from './api.js';
import { h, $, clear } from './dom.js';
import { parseWhen, whenText } from './filtertext.js';

let editing = [];

export async function render(ctx, generation) {
  const result = await call('/followup-rules');
  if (generation !== ctx.generation) {
    return;
  }
  editing = (result.rules || []).map((r) => ({ ...r, whenText: whenText(r.when) }));
  draw();
}

function draw() {
  const body = clear($('#followup-rules tbody'));
  editing.forEach((r, i) => {
    const field = (name, el) => {
      el.addEventListener('input', () => {
        r[name] = el.type === 'checkbox' ? el.checked : el.value;
      });
      el.addEventListener('change', () => {
        r[name] = el.type === 'checkbox' ? el.checked : el.value;
      });
      return el;
    };
    const kind = field('kind', h('select', { 'aria-label': 'Kind of rule ' + (i + 1), className: 'fr-kind' },
      h('option', { value: 'recover' }, 'recover'), h('option', { value: 'advocate' }, 'advocate')));
    kind.value = r.kind || 'recover';
    const enabled = field('enabled', h('input', { type: 'checkbox', 'aria-label': 'Rule ' + (i + 1) + ' is on', className: 'fr-enabled' }));
    enabled.checked = r.enabled !== false;
    body.append(h('tr', { dataset: { index: String(i) } },
      h('td', {}, field('id', h('input', { className: 'fr-id', 'aria-label': 'Id of rule ' + (i + 1), value: r.id || '', required: true, maxlength: 64, size: 10 }))),
      h('td', {}, field('name', h('input', { className: 'fr-name', 'aria-label': 'Name of rule ' + (i + 1), value: r.name || '', maxlength: 200 }))),
      h('td', {}, kind),
      h('td', {}, field('whenText', h('input', { className: 'fr-when', 'aria-label': 'Filter of rule ' + (i + 1), value: r.whenText || '', placeholder: 'every response' }))),
      h('td', {}, field('dueBusinessDays', h('input', { className: 'fr-due', type: 'number', min: 0, max: 365, 'aria-label': 'Due in business days, rule ' + (i + 1), value: r.dueBusinessDays ?? 2, size: 4 }))),
      h('td', {}, field('maxAgeDays', h('input', { className: 'fr-max-age', type: 'number', min: 1, max: 36500, 'aria-label': 'Oldest response in days, rule ' + (i + 1), value: r.maxAgeDays ?? '', placeholder: 'any', size: 4 }))),
      h('td', {}, enabled),
      h('td', {},
        h('button', { type: 'button', className: 'ghost small', 'aria-label': 'Move rule ' + (i + 1) + ' up', disabled: i === 0, onclick: () => move(i, -1) }, '↑'),
        h('button', { type: 'button', className: 'danger small fr-remove', 'aria-label': 'Remove rule ' + (i + 1), onclick: () => remove(i) }, 'Remove'))));
  });
  if (!editing.length) {
    body.append(h('tr', {}, h('td', { colspan: 8, className: 'empty' }, 'No rules: no response opens a follow-up.')));
  }
}

function move(i, by) {
  const [r] = editing.splice(i, 1);
  editing.splice(i + by, 0, r);
  draw();
}

function remove(i) {
  editing.splice(i, 1);
  draw();
}

function add() {
  let n = editing.length + 1;
  while (editing.some((r) => r.id === 'rule-' + n)) {
    n++;
  }
  editing.push({ id: 'rule-' + n, name: '', kind: 'recover', whenText: 'category=detractor', dueBusinessDays: 2, maxAgeDays: 30, enabled: true });
  draw();
}

async function save(ctx) {
  const rules = editing.map((r) => ({
    id: String(r.id || '').trim(),
    name: String(r.name || '').trim(),
    kind: r.kind,
    when: parseWhen(r.whenText),
    dueBusinessDays: Number(r.dueBusinessDays),
    maxAgeDays: r.maxAgeDays === '' || r.maxAgeDays == null ? null : Number(r.maxAgeDays),
    enabled: r.enabled !== false,
  }));
  for (const r of rules) {
    if (!r.name) {
      delete r.name;
    }
  }
  await call('/followup-rules', { method: 'PUT', body: { rules } });
  ctx.notify('Saved ' + rules.length + (rules.length === 1 ? ' follow-up rule' : ' follow-up rules') + '; they apply to responses imported from now on.');
  await render(ctx, ctx.generation);
}

export function wire(ctx) {
  $('#followup-rule-add').addEventListener('click', add);
  $('#followup-rules-form').addEventListener('submit', (e) => {
    e.preventDefault();
    ctx.busy(save(ctx)).catch(ctx.showError);
  });
  $('#followup-rules-reset').addEventListener('click', () => ctx.busy(render(ctx, ctx.generation)).catch(ctx.showError));
}
