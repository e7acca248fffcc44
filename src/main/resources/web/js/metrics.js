// The headline card of a metric (NPS, CSAT or CES) with its interval and counts.

import { h, fmt1, fmt2, fmtScore, fmtInt, interval, isNumber } from './dom.js';

export const METRIC_NAMES = { nps: 'NPS', csat: 'CSAT', ces: 'CES' };

/** "department_name" -> "Department name". */
export function label(key) {
  const s = String(key).replace(/[_-]+/g, ' ');
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** How a metric's headline number reads: NPS -100..100, CSAT % satisfied, CES mean 1-7. */
function formatterOf(metric) {
  switch (metric) {
    case 'csat': return (x) => (isNumber(x) ? fmtScore(x) + '%' : '–');
    default: return fmtScore;
  }
}

// The counts of each metric's groups, by name: the card took every whole-valued field of GET
// /metrics for a count, so a CSAT mean of exactly 4 printed "Mean 4  Mean 4.00".
const COUNTS = {
  nps: ['promoters', 'passives', 'detractors'],
  csat: ['satisfied', 'neutral', 'dissatisfied'],
  ces: ['easy', 'neutral', 'difficult'],
};

const MAIN_LABEL = { nps: 'NPS', csat: 'CSAT (% satisfied)', ces: 'CES (mean, 7 = easy)' };

/** A card with a metric's main number, its 95% interval and its counts. */
export function metricCard(m, metric) {
  const name = (m && m.metric) || metric;
  const show = formatterOf(name);
  const value = m ? m[name] : undefined;
  const ci = m ? m[name + 'Ci95'] : undefined;
  const counts = [];
  for (const k of COUNTS[name] || []) {
    if (m && Number.isInteger(m[k])) {
      counts.push(h('span', {}, label(k) + ' ' + fmtInt(m[k])));
    }
  }
  if (name === 'ces' && isNumber(m.percentEasy)) {
    counts.push(h('span', {}, 'Easy ' + fmt1(m.percentEasy) + '%'));
  }
  if (name === 'csat' && isNumber(m.mean)) {
    counts.push(h('span', {}, 'Mean ' + fmt2(m.mean)));
  }
  return h('div', { className: 'metric-card', dataset: { metric: name } },
    h('span', { className: 'metric-name' }, MAIN_LABEL[name] || name),
    h('strong', { className: 'metric-value' }, show(value)),
    h('span', { className: 'metric-ci' }, Array.isArray(ci) && ci.length === 2 ? '95% CI ' + interval(ci, show) : ''),
    h('span', { className: 'metric-count' }, fmtInt(m && m.count) + ' responses'),
    h('span', { className: 'metric-split' }, counts));
}
