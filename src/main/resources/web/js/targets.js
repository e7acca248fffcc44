// Targets beside the headline metric: each goal set for the metric in view, with the distance of
// the metric (over the page's period) to the goal, its 95% interval, and whether the goal lies
// inside the interval. The figures are GET /api/v1/targets's; nothing is computed here.

import { call } from './api.js';
import { h, fmtScore, interval, signed } from './dom.js';

const VERDICT = {
  above: 'met: the whole interval is above the goal',
  below: 'missed: the whole interval is below the goal',
  within: 'goal inside the interval',
  'no-data': 'no responses in this period',
};

/**
 * The targets of {@code metric} measured over {@code from}-{@code to} (either may be empty), as a
 * list; an empty element when none is set for this metric.
 */
export async function targetList(metric, from, to) {
  const doc = await call('/targets', { params: { from, to } });
  const f = fmtScore;
  const mine = (doc.targets || []).filter((t) => !metric || t.metric === metric);
  if (mine.length === 0) {
    return h('span', { id: 'targets', hidden: true });
  }
  return h('ul', { id: 'targets', className: 'targets', 'aria-label': 'Targets' },
    mine.map((t) => {
      const p = t.progress || {};
      const d = p.distance || {};
      return h('li', { className: 'target', dataset: { status: p.status, id: t.id } },
        h('span', { className: 'target-name' }, t.name + ': goal ' + f(t.goal)),
        h('span', { className: 'target-distance' },
          'distance ' + signed(d.value, f) + ' ' + interval(d.ci95, (x) => signed(x, f))),
        h('span', { className: 'target-verdict' }, VERDICT[p.status] || ''));
    }));
}
