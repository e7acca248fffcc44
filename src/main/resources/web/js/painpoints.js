// The ranked pain points for the current filters: a chart of attributable detractors with their
// intervals and the full table; a theme's name filters the comments, "Details" opens it.

import { call } from './api.js';
import { h, $, clear, fmtInt, fmt1, pct, pctOf, signedScore, interval, isNumber, download } from './dom.js';
import { impactChart } from './charts.js';
import { beneathTheirThemes } from './subthemes.js';
import { otherLanguagesNotice } from './languages.js';

const LIST_SIZE = 100;
// The API's default minimum mentions (ImpactRanker.Options.DEFAULT_MIN_MENTIONS): left out of the URL.
export const DEFAULT_MIN_MENTIONS = 30;

/**
 * The page's minMentions for a number typed in a "Minimum mentions" box: '' for the default (kept
 * out of the URL), null when the box is empty or not a whole number of at least 1 (it changes
 * nothing until a number is typed).
 */
export function minMentionsTyped(text) {
  const trimmed = String(text).trim();
  const v = Math.floor(Number(trimmed));
  if (!trimmed || !Number.isFinite(v) || v < 1) {
    return null;
  }
  return v === DEFAULT_MIN_MENTIONS ? '' : String(v);
}

/**
 * The ranking's own parameter beside the filters: the minimum mentions a theme needs to be ranked,
 * as the page's "Minimum mentions" sets it (pain points, a theme's figures, compare and the CSV).
 */
export function rankingParams(ctx) {
  const m = ctx.state.page.minMentions;
  return m ? { minMentions: m } : {};
}

const METRIC_LABEL = { nps: 'NPS', csat: 'CSAT', ces: 'CES' };

/** Ranked themes have an attributable-detractors figure; those below the minimum mentions do not. */
export function isRanked(t) {
  return t.ranked !== false && !!t.attributableDetractors && isNumber(t.attributableDetractors.value);
}

/** The leave-one-out impact on the headline score, named after the metric in view. */
export function scoreImpact(t) {
  for (const name of ['npsImpact', 'csatImpact', 'cesImpact', 'scoreImpact']) {
    if (isNumber(t[name])) {
      return t[name];
    }
  }
  return NaN;
}
const CHART_SIZE = 15;

/**
 * A theme's share, detractor rate and detractor rate without it, as shown: from the theme's counts
 * (mentions, detractors) and those of the set it was counted in ({@code count}, {@code detractors}
 * of GET /themes or a theme's context), rounded once as the business review and earful themes round
 * them (pctOf); the API's rounded rates only where a count is missing.
 */
export function themeRates(t, set) {
  const counted = set && isNumber(set.count) && isNumber(set.detractors) && isNumber(t.mentions) && isNumber(t.detractors);
  if (!counted) {
    return { share: pct(t.share), rate: pct(t.detractorRate), without: pct(t.detractorRateWithout) };
  }
  return {
    share: pctOf(t.mentions, set.count),
    rate: pctOf(t.detractors, t.mentions),
    without: pctOf(set.detractors - t.detractors, set.count - t.mentions),
  };
}

export async function render(ctx, generation) {
  const result = await call('/themes', { params: { ...ctx.params(), ...rankingParams(ctx), limit: LIST_SIZE, sort: ctx.state.page.rankBy || undefined } });
  if (generation !== ctx.generation) {
    return;
  }
  const themes = result.themes || [];
  ctx.remember(themes);
  $('#rank-by').value = ctx.state.page.rankBy || 'attributable';
  // Not while someone types in it: a render the last change started would overwrite the digits.
  if (document.activeElement !== $('#min-mentions')) {
    $('#min-mentions').value = String(result.minMentions || ctx.state.page.minMentions || DEFAULT_MIN_MENTIONS);
  }
  $('#impact-head').textContent = (METRIC_LABEL[result.metric] || METRIC_LABEL[ctx.metric()] || 'Score') + ' impact';
  renderTable(ctx, themes, result);
  const notice = clear($('#language-notice'));
  const other = otherLanguagesNotice(result.discovery);
  if (other) {
    notice.append(other);
  }
  const ranked = themes.filter(isRanked);
  const rankNotice = $('#rank-notice');
  // The API's note over the whole ranking (the page shows its first 100 themes): why nothing is
  // ranked and what to change, the words earful themes and the business review use.
  rankNotice.hidden = !(result.unrankedNote && !ranked.length);
  rankNotice.textContent = rankNotice.hidden ? '' : result.unrankedNote;
  // The chart numbers each bar by the rank the table's # column shows and names a sub-theme's
  // theme, and a click finds the bar's row: the table lists sub-themes under their theme, so a
  // sub-theme ranked 5th can sit far down (the trial's "large", #5 in the chart, row 73 under "size").
  impactChart($('#impact-chart'), ranked.slice(0, CHART_SIZE), (t) => showRow(String(t.id)),
    (t, i) => chartLabel(themes, t, i));
  // With no theme ranked (each below the minimum mentions, as in a small import) the chart was an
  // empty frame with an axis from 0 to 1; the table says why each is not ranked.
  $('#impact-chart').closest('figure').hidden = ranked.length === 0;
}

/** "5. large (in size)": a bar's rank as the table's # column shows it, and a sub-theme's theme. */
export function chartLabel(themes, t, index) {
  const parent = t.parentId == null ? '' : (t.parentName || parentName(themes, t));
  return String(t.rank ?? index + 1) + '. ' + t.name + (parent ? ' (in ' + parent + ')' : '');
}

/** Scrolls the table to a theme's row and marks it (the row's name then reads its comments). */
function showRow(id) {
  const body = $('#themes-table tbody');
  body.querySelectorAll('tr.picked').forEach((r) => r.classList.remove('picked'));
  const row = [...body.rows].find((r) => r.dataset.theme === id);
  if (!row) {
    return;
  }
  row.classList.add('picked');
  row.scrollIntoView({ block: 'center' });
  row.querySelector('.theme-link').focus({ preventScroll: true });
}

/**
 * Why the list is empty, in the server's words (GET /themes's discovery.emptyListNote, as earful
 * themes prints it) and what to do here: right after an import of 23,486 reviews the page said
 * "Import responses, then run Discover themes" through the 48 s discovery ran, and a click would
 * only have queued a second run.
 */
function noThemesText(discovery) {
  const d = discovery || {};
  const note = d.emptyListNote || 'No theme is listed.';
  if (d.running) {
    return note + ' Reload when it ends.';
  }
  if (d.responses === 0 && !d.pending) {
    return note; // a new data folder: the note says to import first
  }
  if (d.pending || d.themes === 0) {
    return note + ' Run "Discover themes" now, or create a theme.';
  }
  return note;
}

function renderTable(ctx, themes, set) {
  const body = clear($('#themes-table tbody'));
  if (!themes.length) {
    body.append(h('tr', {}, h('td', { colspan: 10, className: 'empty' }, noThemesText(set.discovery))));
    return;
  }
  // Each theme's sub-themes sit right beneath it, indented; their rank is their own. A theme no
  // response of the filter mentions comes last, after every sub-theme, named with its theme and
  // marked (under a segment or period it sat among the others as "too few mentions to rank").
  const mentioned = themes.filter((t) => (t.mentions || 0) > 0);
  const unmentioned = themes.filter((t) => !((t.mentions || 0) > 0));
  [...beneathTheirThemes(mentioned), ...unmentioned.map((t) => [t, 0])].forEach(([t, depth]) => {
    const i = themes.indexOf(t);
    const ad = t.attributableDetractors || {};
    const rankedRow = isRanked(t);
    const none = !((t.mentions || 0) > 0);
    const rates = themeRates(t, set);
    const classes = [rankedRow ? '' : 'unranked', none ? 'unmentioned' : '', depth ? 'sub-theme' : ''].filter(Boolean).join(' ');
    const parent = none && t.parentId != null ? (t.parentName || parentName(themes, t)) : '';
    body.append(h('tr', { dataset: { theme: t.id, parent: t.parentId ?? undefined }, className: classes },
      h('td', { className: 'num' }, rankedRow ? String(t.rank ?? i + 1) : ''),
      h('th', { scope: 'row' },
        depth ? h('span', { className: 'sub-mark', 'aria-label': 'sub-theme of ' + parentName(themes, t) }, '↳ ') : null,
        h('button', {
          type: 'button',
          className: 'link theme-link',
          title: 'Show the comments that mention ' + t.name,
          onclick: () => ctx.filterByTheme(String(t.id)),
        }, t.name),
        parent ? h('span', { className: 'muted' }, ' (in ' + parent + ')') : null,
        rankedRow ? null : h('span', { className: 'muted small' },
          none ? ' not mentioned in these responses' : ' too few mentions to rank')),
      h('td', { className: 'num' }, fmtInt(t.mentions)),
      h('td', { className: 'num' }, rates.share),
      h('td', { className: 'num' }, rates.rate),
      h('td', { className: 'num' }, rates.without),
      h('td', { className: 'num' }, signedScore(scoreImpact(t))),
      h('td', { className: 'num' }, rankedRow ? fmt1(ad.value) + ' ' : '–',
        h('span', { className: 'muted small' }, interval(ad.ci95))),
      h('td', {}, sentimentMix(t.sentiment)),
      h('td', {}, h('button', {
        type: 'button',
        className: 'ghost small details',
        'aria-label': 'Details of ' + t.name,
        onclick: () => ctx.openTheme(String(t.id)),
      }, 'Details'))));
  });
}

function parentName(themes, t) {
  const parent = themes.find((p) => String(p.id) === String(t.parentId));
  return parent ? parent.name : '';
}

/** A stacked bar of positive / neutral / negative mentions, with the counts as its label. */
export function sentimentMix(s) {
  if (!s) {
    return '';
  }
  const pos = s.positive || 0;
  const neu = s.neutral || 0;
  const neg = s.negative || 0;
  const total = pos + neu + neg;
  const text = fmtInt(neg) + ' negative, ' + fmtInt(neu) + ' neutral, ' + fmtInt(pos) + ' positive';
  if (!total) {
    return h('span', { className: 'muted' }, '–');
  }
  const part = (n, cls) => (n ? h('span', { className: 'mix-' + cls, style: 'width:' + (100 * n / total).toFixed(1) + '%' }) : null);
  return h('span', { className: 'mix', role: 'img', 'aria-label': text, title: text },
    part(neg, 'negative'), part(neu, 'neutral'), part(pos, 'positive'));
}

async function exportCsv(ctx) {
  const csv = await call('/themes', { params: { ...ctx.params(), ...rankingParams(ctx), limit: 1000, sort: ctx.state.page.rankBy || undefined }, accept: 'csv' });
  download('earful-pain-points.csv', csv);
  ctx.notify('Exported the ranked pain points.');
}

async function discover(ctx) {
  ctx.notify('Discovering themes… this reads every stored comment.');
  const result = await call('/themes/discover', { method: 'POST', body: {} });
  await ctx.refreshTaxonomy();
  ctx.notify(result && isNumber(result.themes) ? discoveredText(result) : 'Discovery finished.');
}

/**
 * "Discovery found 3 themes and 1 sub-theme: 0 new, 0 changed." from POST /themes/discover's answer,
 * with ", 2 no longer found" when discovered themes went away (they leave the list and the ranking).
 */
export function discoveredText(r) {
  const n = (v, one, many) => fmtInt(v) + ' ' + (v === 1 ? one : many);
  const removed = isNumber(r.removed) && r.removed > 0 ? ', ' + fmtInt(r.removed) + ' no longer found' : '';
  return 'Discovery found ' + n(r.themes, 'theme', 'themes') + ' and ' + n(r.subThemes, 'sub-theme', 'sub-themes') +
    ': ' + fmtInt(r.added) + ' new, ' + fmtInt(r.updated) + ' changed' + removed + '.';
}

function newTheme(ctx) {
  const dialog = $('#new-theme-dialog');
  $('#nt-name').value = '';
  $('#nt-phrases').value = '';
  dialog.showModal();
}

async function createTheme(ctx) {
  const name = $('#nt-name').value.trim();
  const phrases = $('#nt-phrases').value.split('\n').map((p) => p.trim()).filter(Boolean);
  const theme = await call('/themes', { method: 'POST', body: { name, phrases } });
  ctx.remember([theme]);
  await ctx.refreshTaxonomy();
  ctx.notify('Created the theme "' + theme.name + '".');
}

export function wire(ctx) {
  $('#rank-by').addEventListener('change', () => ctx.navigate({ page: { rankBy: $('#rank-by').value === 'attributable' ? '' : $('#rank-by').value } }));
  $('#min-mentions').addEventListener('change', () => {
    const wanted = minMentionsTyped($('#min-mentions').value);
    if (wanted !== null && wanted !== (ctx.state.page.minMentions || '')) {
      ctx.navigate({ page: { minMentions: wanted } });
    }
  });
  $('#export-themes').addEventListener('click', () => ctx.busy(exportCsv(ctx)).catch(ctx.showError));
  $('#discover').addEventListener('click', () => ctx.busy(discover(ctx)).catch(ctx.showError));
  $('#new-theme').addEventListener('click', () => newTheme(ctx));
  $('#new-theme-dialog').addEventListener('close', () => {
    if ($('#new-theme-dialog').returnValue === 'create') {
      ctx.busy(createTheme(ctx)).catch(ctx.showError);
    }
  });
}
