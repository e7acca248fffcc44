// One theme: its numbers for the current filters, its trend, example comments, and the edits
// (rename, add or drop a phrase, merge into another theme, delete) that apply at once.

import { call } from './api.js';
import { h, $, clear, fmtInt, fmt1, signed1, signedScore, interval, isNumber, date, highlighted } from './dom.js';
import { trendChart } from './charts.js';
import { sentimentMix, scoreImpact, themeRates, rankingParams } from './painpoints.js';
import { openResponse, markedComment } from './comments.js';
import { METRIC_NAMES } from './metrics.js';

let current = null;

export async function render(ctx, generation) {
  const id = ctx.state.page.open;
  const params = { ...ctx.params(), ...rankingParams(ctx), interval: ctx.state.page.interval };
  const theme = await call('/themes/' + encodeURIComponent(id), { params });
  if (!isNumber(theme.mentions)) {
    // The taxonomy answers name, phrases and examples; the figures come from the ranked list.
    const ranking = await call('/themes', { params: { ...ctx.params(), ...rankingParams(ctx), limit: 1000 } });
    const figures = (ranking.themes || []).find((t) => String(t.id) === String(theme.id));
    Object.assign(theme, figures ? { ...figures, name: theme.name, examples: theme.examples || figures.examples } : { mentions: 0 });
    // The set the figures were counted in, for rates from the counts (the detail's own context first).
    theme.context = theme.context || { count: ranking.count, detractors: ranking.detractors };
  }
  if (generation !== ctx.generation) {
    return;
  }
  current = theme;
  ctx.remember([theme]);
  $('#theme-title').textContent = theme.name;
  $('#theme-name').value = theme.name;
  $('#interval').value = ctx.state.page.interval;
  renderNumbers(ctx, theme);
  renderFamily(ctx, theme);
  renderPhrases(ctx, theme);
  renderMergeTargets(ctx, theme);
  renderExamples(ctx, theme);
  await renderTrend(ctx, theme, generation);
}

function card(title, value, note) {
  return h('div', { className: 'card' }, h('span', { className: 'card-title' }, title),
    h('strong', {}, value), note ? h('span', { className: 'muted small' }, note) : null);
}

/** Where the theme came from, and its sub-themes (each opens on click). */
function renderFamily(ctx, theme) {
  const box = clear($('#theme-family'));
  if (theme.origin) {
    box.append(h('span', { className: 'muted' }, theme.origin === 'discovered' ? 'Found by discovery' : 'Made by a person'));
  }
  if (theme.parentId) {
    box.append(' · part of ', h('button', { type: 'button', className: 'link', onclick: () => ctx.openTheme(String(theme.parentId)) }, ctx.themeName(theme.parentId)));
  }
  const subs = theme.subThemes || [];
  if (subs.length) {
    ctx.remember(subs);
    // Element.append takes nodes, not arrays (an array would print as ",[object HTMLButtonElement]").
    box.append(' · sub-themes: ', ...subs.flatMap((sub, i) => [i ? ', ' : '',
      h('button', { type: 'button', className: 'link sub-theme', onclick: () => ctx.openTheme(String(sub.id)) }, sub.name)]));
  }
}

function renderNumbers(ctx, t) {
  const n = t.numbers || t.stats || t;
  const ad = n.attributableDetractors || {};
  const diff = n.difference || {};
  const rates = themeRates(n, t.context);
  clear($('#theme-numbers')).append(
    card('Mentions', fmtInt(n.mentions), rates.share !== '–' ? rates.share + ' of comments' : ''),
    card('Detractor rate', rates.rate, 'without it: ' + rates.without),
    card('Difference', isNumber(diff.value) ? signed1(diff.value * 100) + ' pts' : '–',
      Array.isArray(diff.ci95) ? '95% CI ' + interval(diff.ci95.map((x) => x * 100)) + ' pts' : ''),
    card((METRIC_NAMES[ctx.metric()] || 'Score') + ' impact', signedScore(scoreImpact(n)), 'score change without these responses (leave-one-out)'),
    card('Attributable detractors', isNumber(ad.value) ? fmt1(ad.value) : '–',
      Array.isArray(ad.ci95) ? '95% CI ' + interval(ad.ci95) : 'too few mentions to rank'),
    h('div', { className: 'card' }, h('span', { className: 'card-title' }, 'Sentiment of mentions'), sentimentMix(n.sentiment)));
}

function renderPhrases(ctx, theme) {
  const list = clear($('#phrases'));
  const phrases = theme.phrases || [];
  for (const phrase of phrases) {
    list.append(h('li', { className: 'chip' }, phrase,
      h('button', {
        type: 'button',
        className: 'chip-x',
        'aria-label': 'Drop phrase ' + phrase,
        disabled: phrases.length < 2,
        title: phrases.length < 2 ? 'A theme needs at least one phrase' : 'Drop this phrase',
        onclick: () => edit(ctx, { dropPhrases: [phrase] }, 'Dropped "' + phrase + '".'),
      }, '×')));
  }
}

function renderMergeTargets(ctx, theme) {
  const select = clear($('#merge-target'));
  select.append(h('option', { value: '' }, 'Choose a theme…'));
  for (const t of [...ctx.taxonomy].sort((a, b) => a.name.localeCompare(b.name))) {
    if (String(t.id) !== String(theme.id)) {
      select.append(h('option', { value: t.id }, t.name));
    }
  }
}

function renderExamples(ctx, theme) {
  const list = clear($('#examples'));
  const examples = theme.examples || [];
  if (!examples.length) {
    list.append(h('li', { className: 'empty' }, 'No comment mentions this theme under these filters.'));
  }
  for (const ex of examples) {
    const text = ex.snippet
      ? highlighted(ex.snippet)
      : markedComment(ex.comment || '', [{ name: theme.name, spans: ex.spans || [] }]);
    list.append(h('li', { className: 'hit' },
      h('p', { className: 'snippet' }, text),
      h('div', { className: 'hit-foot' },
        ex.category ? h('span', { className: 'category ' + ctx.groupOf(ex.category) }, ex.category) : null,
        ex.score !== undefined ? h('span', { className: 'muted' }, 'score ' + ex.score) : null,
        ex.submittedAt ? h('time', { datetime: ex.submittedAt }, date(ex.submittedAt)) : null,
        h('button', {
          type: 'button',
          className: 'link open-response',
          'aria-label': 'Open response ' + ex.id,
          onclick: () => {
            ctx.navigate({ page: { response: String(ex.id) } }, { quiet: true });
            ctx.busy(openResponse(ctx, String(ex.id)));
          },
        }, 'Open'))));
  }
}

/** The trend points of this theme: from its own answer when present, else from /trends. */
async function trendPoints(ctx, theme) {
  const own = theme.trend && (Array.isArray(theme.trend) ? theme.trend : theme.trend.periods);
  const periods = Array.isArray(own)
    ? own
    : (await call('/trends', { params: { ...ctx.params(), interval: ctx.state.page.interval } })).periods || [];
  return periods.map((p) => {
    if (!p.themes) {
      return point(p, p);
    }
    // A period lists the themes mentioned in it: absent means no mention, a share of 0.
    const list = Array.isArray(p.themes) ? p.themes : Object.values(p.themes);
    return point(p, list.find((t) => String(t.id) === String(theme.id)) || { share: 0, detractorRate: null });
  });
}

function point(period, values) {
  const start = period.period || period.start || period.label || period.from;
  return {
    label: typeof start === 'string' ? start.slice(0, 10) : String(start),
    share: values.share,
    detractorRate: values.detractorRate,
  };
}

async function renderTrend(ctx, theme, generation) {
  const points = await trendPoints(ctx, theme);
  if (generation === ctx.generation) {
    trendChart($('#trend-chart'), points);
    const note = $('#trend-note');
    // One period means one dot, not a trend: say why, since a file imported without a timestamp
    // column puts every response at the moment of its import.
    if (points.length === 1) {
      const unit = ctx.state.page.interval === 'month' ? 'month' : 'week';
      note.textContent = 'All the matching responses fall in one ' + unit + ' (' + points[0].label
        + '), so the trend is a single point. A trend needs responses from two or more ' + unit
        + 's; responses imported without a timestamp carry the time of their import.';
      note.hidden = false;
    } else {
      note.textContent = '';
      note.hidden = true;
    }
  }
}

/** Runs an edit, then shows its effect at once: the taxonomy is re-read and the view redrawn. */
function edit(ctx, patch, message) {
  const id = current.id;
  return ctx.busy((async () => {
    const updated = await call('/themes/' + encodeURIComponent(id), { method: 'PATCH', body: patch });
    ctx.remember([updated]);
    await ctx.refreshTaxonomy();
    ctx.notify(message);
  })()).catch(ctx.showError);
}

export function wire(ctx) {
  $('#rename-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const name = $('#theme-name').value.trim();
    if (name && current && name !== current.name) {
      edit(ctx, { name }, 'Renamed "' + current.name + '" to "' + name + '".');
    }
  });
  $('#phrase-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const phrase = $('#new-phrase').value.trim();
    if (phrase && current) {
      $('#new-phrase').value = '';
      edit(ctx, { addPhrases: [phrase] }, 'Added "' + phrase + '".');
    }
  });
  $('#merge-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    const into = $('#merge-target').value;
    if (!into || !current) {
      return;
    }
    const from = current;
    ctx.busy((async () => {
      await call('/themes/' + encodeURIComponent(into) + '/merge', { method: 'POST', body: { ids: [String(from.id)] } });
      ctx.state.filters.theme = ctx.state.filters.theme.map((x) => (x === String(from.id) ? String(into) : x));
      await ctx.refreshTaxonomy({ render: false });
      ctx.navigate({ page: { open: String(into) } });
      ctx.notify('Merged "' + from.name + '" into "' + ctx.themeName(into) + '".');
    })()).catch(ctx.showError);
  });
  $('#delete-theme').addEventListener('click', async () => {
    if (!current || !confirm('Delete the theme "' + current.name + '"? Comments stay; only the theme goes.')) {
      return;
    }
    const gone = current;
    ctx.busy((async () => {
      await call('/themes/' + encodeURIComponent(gone.id), { method: 'DELETE' });
      ctx.state.filters.theme = ctx.state.filters.theme.filter((x) => x !== String(gone.id));
      await ctx.refreshTaxonomy({ render: false });
      ctx.navigate({ page: { view: 'themes', open: '' } });
      ctx.notify('Deleted "' + gone.name + '".');
    })()).catch(ctx.showError);
  });
  $('#interval').addEventListener('change', () => ctx.navigate({ page: { interval: $('#interval').value } }, { replace: true }));
  $('#theme-filter').addEventListener('click', () => current && ctx.filterByTheme(String(current.id)));
}
