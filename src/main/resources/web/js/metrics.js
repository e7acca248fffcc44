// The headline card of a metric (NPS, CSAT or CES) with its interval and counts.

import { h, fmt1, fmtInt, pct, interval, isNumber } from './dom.js';

export const METRIC_NAMES = { nps: 'NPS', csat: 'CSAT', ces: 'CES' };

/** "department_name" -> "Department name". */
export function label(key) {
  const s = String(key).replace(/[_-]+/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A card with a metric's main number, its 95% interval and its counts. */
export function metricCard(m, metric) {
  const name = (m && m.metric) || metric;
  const value = m ? m[name] : undefined;
  const ci = m ? m[name + 'Ci95'] : undefined;
  const counts = [];
  for (const [k, v] of Object.entries(m || {})) {
    if (k !== 'count' && k !== name && Number.isInteger(v) && !k.endsWith('Ci95')) {
      counts.push(h('span', {}, label(k) + ' ' + fmtInt(v)));
    }
  }
  const asPercent = name !== 'nps' && isNumber(value) && Math.abs(value) <= 1;
  const show = (x) => (asPercent ? pct(x) : fmt1(x));
  return h('div', { className: 'metric-card', dataset: { metric: name } },
    h('span', { className: 'metric-name' }, METRIC_NAMES[name] || name),
    h('strong', { className: 'metric-value' }, isNumber(value) ? show(value) : '–'),
    h('span', { className: 'metric-ci' }, Array.isArray(ci) ? '95% CI ' + interval(ci, show) : ''),
    h('span', { className: 'metric-count' }, fmtInt(m && m.count) + ' responses'),
    h('span', { className: 'metric-split' }, counts));
}

