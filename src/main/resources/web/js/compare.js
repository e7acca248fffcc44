// Side-by-side comparison of two segments (same key, two values) or two periods, each on top of
// the current filters: the headline metric of each side and the pain points of both in one table.

import { call } from './api.js';
import { h, $, clear, fmt1, signedScore, interval, isNumber } from './dom.js';
import { themeRates, rankingParams, minMentionsTyped, DEFAULT_MIN_MENTIONS } from './painpoints.js';
import { metricCard, label, METRIC_NAMES } from './metrics.js';

const TOP = 15;

function sides(ctx) {
  const p = ctx.state.page;
  if (p.by === 'period') {
    if (!p.aFrom && !p.aTo && !p.bFrom && !p.bTo) {
      return null;
    }
    return [
      { name: periodName(p.aFrom, p.aTo), overrides: { from: p.aFrom, to: p.aTo } },
      { name: periodName(p.bFrom, p.bTo), overrides: { from: p.bFrom, to: p.bTo } },
    ];
  }
  if (!p.key || !p.a || !p.b) {
    return null;
  }
  const segments = (value) => ({ segments: { ...ctx.state.filters.segments, [p.key]: [value] } });
  return [
    { name: label(p.key) + ': ' + p.a, overrides: segments(p.a) },
    { name: label(p.key) + ': ' + p.b, overrides: segments(p.b) },
  ];
}

function periodName(from, to) {
  return (from || 'start') + ' to ' + (to || 'now');
}

export async function render(ctx, generation) {
  syncForm(ctx);
  const out = clear($('#comparison'));
  const chosen = sides(ctx);
  if (!chosen) {
    out.append(h('p', { className: 'muted' },
      'Pick a segment and two of its values, or two periods, then Compare. The current filters apply to both sides.'));
    return;
  }
  const metric = ctx.metric();
  const results = await Promise.all(chosen.map(async (side) => {
    const params = ctx.params(side.overrides);
    const [metrics, themes] = await Promise.all([
      call('/metrics', { params: { ...params, metric } }),
      call('/themes', { params: { ...params, ...rankingParams(ctx), limit: 100 } }),
    ]);
    return { ...side, metrics, themes: themes.themes || [], note: themes.unrankedNote, set: { count: themes.count, detractors: themes.detractors } };
  }));
  if (generation !== ctx.generation) {
    return;
  }
  for (const r of results) {
    ctx.remember(r.themes);
  }
  // append() writes a null as the text "null": the parts a comparison may lack are left out.
  out.append(...[
    h('div', { className: 'compare-cards' }, results.map((r, i) => h('section', { className: 'panel', 'aria-label': 'Side ' + 'AB'[i] },
      h('h3', {}, 'AB'[i] + ': ' + r.name), metricCard(r.metrics, metric)))),
    difference(results, metric),
    unrankedNotes(results),
    themeTable(ctx, results)].filter(Boolean));
}

/**
 * A side with no theme at its minimum mentions (a small segment) says so and what to lower, in the
 * API's words: its column read "–" throughout and nothing said why, with no box to lower the bar.
 */
function unrankedNotes(results) {
  const notes = results.map((r, i) => (r.note ? h('p', { className: 'notice compare-unranked' }, 'AB'[i] + ': ' + r.note) : null))
    .filter(Boolean);
  return notes.length ? h('div', { id: 'compare-notes' }, notes) : null;
}

function difference(results, metric) {
  const [a, b] = results.map((r) => r.metrics && r.metrics[r.metrics.metric || metric]);
  if (!isNumber(a) || !isNumber(b)) {
    return null;
  }
  const text = signedScore(b - a) + (metric === 'ces' ? '' : ' points');
  return h('p', { className: 'compare-diff' }, 'B − A: ', h('strong', {}, text),
    ' (' + (METRIC_NAMES[metric] || metric) + ')');
}

function themeTable(ctx, results) {
  const byId = new Map();
  results.forEach((r, side) => {
    for (const t of r.themes) {
      const row = byId.get(String(t.id)) || { id: String(t.id), name: t.name, sides: [null, null] };
      row.sides[side] = t;
      byId.set(String(t.id), row);
    }
  });
  const score = (t) => (t && t.attributableDetractors && isNumber(t.attributableDetractors.value) ? t.attributableDetractors.value : -Infinity);
  // A theme neither side mentions is no pain point of either: it filled the top rows of two small
  // segments by name, its figures all 0.0% and "–". Unranked themes follow by mentions.
  const mentions = (t) => (t && t.mentions) || 0;
  const rows = [...byId.values()]
    .filter((row) => mentions(row.sides[0]) + mentions(row.sides[1]) > 0)
    .sort((x, y) => Math.max(score(y.sides[0]), score(y.sides[1])) - Math.max(score(x.sides[0]), score(x.sides[1])) ||
      Math.max(mentions(y.sides[0]), mentions(y.sides[1])) - Math.max(mentions(x.sides[0]), mentions(x.sides[1])) ||
      x.name.localeCompare(y.name))
    .slice(0, TOP);
  const cells = (t, set) => [
    h('td', { className: 'num' }, t ? themeRates(t, set).share : '–'),
    h('td', { className: 'num' }, t ? themeRates(t, set).rate : '–'),
    h('td', { className: 'num' }, t && t.attributableDetractors && isNumber(t.attributableDetractors.value)
      ? [fmt1(t.attributableDetractors.value), ' ', h('span', { className: 'muted small' }, interval(t.attributableDetractors.ci95))]
      : '–'),
  ];
  return h('div', { className: 'table-wrap' },
    h('table', { className: 'data', id: 'compare-table' },
      h('caption', {}, 'Pain points on each side'),
      h('thead', {},
        h('tr', {}, h('th', { scope: 'col', rowspan: 2 }, 'Theme'),
          h('th', { scope: 'colgroup', colspan: 3 }, 'A: ' + results[0].name),
          h('th', { scope: 'colgroup', colspan: 3 }, 'B: ' + results[1].name)),
        h('tr', {}, [0, 1].map(() => [
          h('th', { scope: 'col', className: 'num' }, 'Share'),
          h('th', { scope: 'col', className: 'num' }, 'Detractor rate'),
          h('th', { scope: 'col', className: 'num' }, 'Attributable detractors')]))),
      h('tbody', {}, rows.length
        ? rows.map((row) => h('tr', {},
          h('th', { scope: 'row' }, h('button', { type: 'button', className: 'link', onclick: () => ctx.openTheme(row.id) }, row.name)),
          cells(row.sides[0], results[0].set), cells(row.sides[1], results[1].set)))
        : h('tr', {}, h('td', { colspan: 7, className: 'empty' }, 'No themes on either side.')))));
}

/** Puts the comparison's setup from the URL into its form (segment keys come from the facets). */
export function syncForm(ctx) {
  const p = ctx.state.page;
  const by = p.by || 'segment';
  $('#c-by').value = by;
  for (const el of document.querySelectorAll('.by-segment')) {
    el.hidden = by !== 'segment';
  }
  for (const el of document.querySelectorAll('.by-period')) {
    el.hidden = by !== 'period';
  }
  const keys = Object.keys(ctx.segmentFacets).sort();
  const keySelect = clear($('#c-key'));
  for (const k of keys) {
    keySelect.append(h('option', { value: k }, label(k)));
  }
  if (p.key && !keys.includes(p.key)) {
    keySelect.append(h('option', { value: p.key }, label(p.key)));
  }
  keySelect.value = p.key || keys[0] || '';
  fillValues(ctx);
  $('#c-a').value = p.a || $('#c-a').value;
  $('#c-b').value = p.b || $('#c-b').value;
  $('#c-afrom').value = p.aFrom;
  $('#c-ato').value = p.aTo;
  $('#c-bfrom').value = p.bFrom;
  $('#c-bto').value = p.bTo;
  $('#c-min-mentions').value = p.minMentions || String(DEFAULT_MIN_MENTIONS);
}

function fillValues(ctx) {
  const key = $('#c-key').value;
  const counts = ctx.segmentFacets[key] || {};
  const values = Object.keys(counts).sort((x, y) => counts[y] - counts[x] || x.localeCompare(y));
  for (const [i, id] of ['#c-a', '#c-b'].entries()) {
    const select = clear($(id));
    for (const v of values) {
      select.append(h('option', { value: v }, v));
    }
    select.value = values[i] || values[0] || '';
  }
}

export function wire(ctx) {
  $('#c-by').addEventListener('change', () => {
    const by = $('#c-by').value;
    for (const el of document.querySelectorAll('.by-segment')) {
      el.hidden = by !== 'segment';
    }
    for (const el of document.querySelectorAll('.by-period')) {
      el.hidden = by !== 'period';
    }
  });
  $('#c-key').addEventListener('change', () => fillValues(ctx));
  $('#compare-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const by = $('#c-by').value;
    const page = by === 'period'
      ? { by, key: '', a: '', b: '', aFrom: $('#c-afrom').value, aTo: $('#c-ato').value, bFrom: $('#c-bfrom').value, bTo: $('#c-bto').value }
      : { by, key: $('#c-key').value, a: $('#c-a').value, b: $('#c-b').value, aFrom: '', aTo: '', bFrom: '', bTo: '' };
    // The ranking's minimum, shared with the pain points (an emptied box keeps the current one).
    const wanted = minMentionsTyped($('#c-min-mentions').value);
    if (wanted !== null) {
      page.minMentions = wanted;
    }
    ctx.navigate({ page });
  });
}
