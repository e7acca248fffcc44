// The comments view: search hits with highlights, theme chips and sentiment; facet counts; cursor
// paging; one response opened in a dialog; the results exported as CSV.

import { call } from './api.js';
import { h, $, clear, highlighted, fmtInt, fmt2, date, download, csvRow } from './dom.js';
import { label } from './metrics.js';
import { languageFacet, languageName } from './languages.js';

const NOT_ANALYSED = 'Earful finds themes and sentiment in English only: this comment is searchable and counted, but has no sentiment and no themes';

const PAGE_SIZE = 20;
const EXPORT_PAGE_SIZE = 200;
const EXPORT_LIMIT = 50000;

let nextCursor = null;
let shown = 0;

export async function render(ctx, generation) {
  const list = $('#hits');
  $('#order').value = ctx.state.page.order;
  const result = await call('/search', { params: { ...ctx.params(), sort: ctx.state.page.order, limit: PAGE_SIZE } });
  if (generation !== ctx.generation) {
    return;
  }
  clear(list);
  shown = 0;
  append(ctx, result);
  renderFacets(ctx, result.facets || {});
  ctx.setFacets(result.facets || {});
  $('#result-count').textContent = countText(result.total);
}

function countText(total) {
  return total === 1 ? '1 comment' : fmtInt(total) + ' comments';
}

function append(ctx, result) {
  const list = $('#hits');
  for (const hit of result.hits || []) {
    ctx.remember(hit.themes);
    list.append(hitItem(ctx, hit));
  }
  shown += (result.hits || []).length;
  nextCursor = result.nextCursor || null;
  $('#more').hidden = !nextCursor;
  if (!shown) {
    list.append(h('li', { className: 'empty' }, 'No comments match these filters.'));
  }
}

/** One search hit: score and category, date, segments, snippet, theme chips, sentiment. */
export function hitItem(ctx, hit) {
  const group = ctx.groupOf(hit.category);
  const snippet = h('p', { className: 'snippet' });
  const highlights = Array.isArray(hit.highlights) ? hit.highlights.filter(Boolean) : [];
  if (highlights.length) {
    highlights.forEach((s, i) => {
      if (i) {
        snippet.append(' … ');
      }
      snippet.append(highlighted(s));
    });
  } else {
    snippet.append(hit.comment ? hit.comment : h('em', { className: 'muted' }, '(no comment)'));
  }
  return h('li', { className: 'hit', dataset: { id: hit.id } },
    h('div', { className: 'hit-meta' },
      h('span', { className: 'score ' + group, title: (hit.metric || '').toUpperCase() + ' score' }, String(hit.score)),
      h('span', { className: 'category ' + group }, hit.category || ''),
      h('span', { className: 'muted' }, (hit.metric || '').toUpperCase()),
      h('time', { datetime: hit.submittedAt || '' }, date(hit.submittedAt)),
      Object.entries(hit.segments || {}).map(([k, v]) => h('span', { className: 'segment' }, label(k) + ': ' + v)),
      hit.account ? h('button', { type: 'button', className: 'link account', title: 'Show this account\'s comments',
        onclick: () => ctx.navigate({ filters: { account: hit.account } }) }, 'Account: ' + hit.account) : null,
      hit.customer ? h('button', { type: 'button', className: 'link customer', title: 'Show this customer\'s comments',
        onclick: () => ctx.navigate({ filters: { customer: hit.customer } }) }, 'Customer: ' + hit.customer) : null,
      sentimentBadge(hit.sentiment, hit.language)),
    snippet,
    h('div', { className: 'hit-foot' },
      h('span', { className: 'chips' }, (hit.themes || []).map((t) => themeChip(ctx, t))),
      h('button', {
        type: 'button',
        className: 'link open-response',
        'aria-label': 'Open response ' + hit.id,
        onclick: () => {
          ctx.navigate({ page: { response: String(hit.id) } }, { quiet: true });
          ctx.busy(openResponse(ctx, String(hit.id)));
        },
      }, 'Open')));
}

/**
 * The sentiment label and score; for a comment in another language than English, what it is and
 * that it is not analysed, since its neutral 0 is no reading of it (the API's "language").
 */
export function sentimentBadge(sentiment, language) {
  if (language && language !== 'eng') {
    return h('span', { className: 'sentiment not-analysed', title: NOT_ANALYSED },
      languageName(language) + ', not analysed');
  }
  if (!sentiment || !sentiment.label) {
    return null;
  }
  const score = typeof sentiment.score === 'number' ? ' ' + fmt2(sentiment.score) : '';
  return h('span', { className: 'sentiment ' + sentiment.label, title: 'Sentiment' }, sentiment.label + score);
}

function themeChip(ctx, theme) {
  const name = theme.name || ctx.themeName(theme.id);
  const polarity = typeof theme.sentiment === 'string' ? theme.sentiment : theme.sentiment && theme.sentiment.label;
  return h('button', {
    type: 'button',
    className: 'chip theme-chip' + (polarity ? ' ' + polarity : ''),
    title: 'Show comments about ' + name,
    onclick: () => ctx.filterByTheme(String(theme.id)),
  }, name);
}

function renderFacets(ctx, facets) {
  const box = clear($('#facets'));
  const order = ['category', 'sentiment', 'themes', ...Object.keys(facets).filter((k) => k.startsWith('segment.')).sort()];
  for (const name of order) {
    const counts = entries(facets[name]);
    if (!counts.length) {
      continue;
    }
    const title = name === 'themes' ? 'Themes' : name.startsWith('segment.') ? label(name.slice(8)) : label(name);
    const list = h('ul', {});
    for (const [value, count, display] of counts.slice(0, 12)) {
      list.append(h('li', {},
        h('button', {
          type: 'button',
          className: 'link facet',
          onclick: () => applyFacet(ctx, name, value),
        }, display || (name === 'themes' ? ctx.themeName(value) : value)),
        h('span', { className: 'count' }, fmtInt(count))));
    }
    box.append(h('section', {}, h('h3', {}, title), list));
  }
  const languages = languageFacet(facets.language);
  if (languages) {
    box.append(languages);
  }
}

/** Facet counts as [value, count, display] sorted by count, from a map or a list of objects. */
function entries(facet) {
  if (!facet) {
    return [];
  }
  const rows = Array.isArray(facet)
    ? facet.map((f) => [String(f.id ?? f.value ?? f.label), f.count, f.name])
    : Object.entries(facet).map(([k, v]) => (typeof v === 'object' && v ? [k, v.count, v.name] : [k, v]));
  return rows.filter((r) => typeof r[1] === 'number').sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

function applyFacet(ctx, name, value) {
  if (name === 'themes') {
    ctx.filterByTheme(value);
  } else if (name.startsWith('segment.')) {
    ctx.navigate({ filters: { segments: { ...ctx.state.filters.segments, [name.slice(8)]: [value] } } });
  } else {
    ctx.navigate({ filters: { [name]: value } });
  }
}

async function more(ctx) {
  if (!nextCursor) {
    return;
  }
  const generation = ctx.generation;
  const result = await call('/search', { params: { ...ctx.params(), sort: ctx.state.page.order, limit: PAGE_SIZE, cursor: nextCursor } });
  if (generation === ctx.generation) {
    append(ctx, result);
  }
}

/** Opens one response with its analysis in a dialog; closing it takes the id off the URL. */
export async function openResponse(ctx, id) {
  const dialog = $('#response-dialog');
  const body = clear($('#response-body'));
  $('#response-title').textContent = 'Response ' + id;
  if (!dialog.open) {
    dialog.showModal();
  }
  try {
    const r = await call('/responses/' + encodeURIComponent(id));
    renderResponse(ctx, body, r);
  } catch (e) {
    body.append(h('p', { className: 'message error' }, e.message));
  }
}

function renderResponse(ctx, body, r) {
  const response = r.response || r;
  const analysis = r.analysis || r;
  ctx.remember(r.themes || analysis.themes);
  const group = ctx.groupOf(response.category || r.category);
  const comment = response.comment || '';
  const language = r.language || analysis.language;
  const english = !language || language === 'eng';
  body.append(
    h('div', { className: 'hit-meta' },
      h('span', { className: 'score ' + group }, String(response.score)),
      h('span', { className: 'category ' + group }, response.category || r.category || ''),
      h('span', { className: 'muted' }, String(response.metric || '').toUpperCase()),
      h('time', { datetime: response.submittedAt || '' }, date(response.submittedAt)),
      sentimentBadge(r.sentiment || analysis.sentiment, language)),
    h('dl', { className: 'segments' },
      Object.entries(response.segments || {}).map(([k, v]) => [h('dt', {}, label(k)), h('dd', {}, v)]),
      response.account ? [h('dt', {}, 'Account'), h('dd', { className: 'account' }, response.account)] : [],
      response.customer ? [h('dt', {}, 'Customer'), h('dd', { className: 'customer' }, response.customer)] : []),
    h('blockquote', { className: 'full-comment' }, markedComment(comment, r.themes || analysis.themes || [])),
  );
  const sentences = english ? analysis.sentences || [] : [];
  if (sentences.length) {
    const items = sentences.map((s) => h('li', {},
      h('span', {}, sentenceText(comment, s)), ' ', sentimentBadge(s.sentiment)));
    body.append(h('h3', {}, 'Sentences'), h('ol', { className: 'sentences' }, items));
    explainSentences(comment, items, r.sentimentStage || analysis.sentimentStage);
  }
  const themes = r.themes || analysis.themes || [];
  body.append(h('h3', {}, 'Themes'),
    themes.length
      ? h('ul', { className: 'chips' }, themes.map((t) => h('li', {}, themeChip(ctx, t),
        ' ', h('span', { className: 'sentiment ' + polarityOf(t) }, polarityOf(t)))))
      : h('p', { className: 'muted', id: 'no-themes' }, english ? 'No theme mentioned.'
        : 'No themes and no sentiment: this comment reads as ' + languageName(language)
          + ', and Earful finds themes and sentiment in English only.'));
}

/**
 * Adds to each sentence the words that carried its label (POST /analyze on the same text gives the
 * same sentences), and under them which sentiment model judged it and how it scored.
 */
async function explainSentences(comment, items, stage) {
  try {
    const [result, model] = await Promise.all([
      call('/analyze', { method: 'POST', body: { text: comment } }),
      call('/sentiment/model'),
    ]);
    (result.sentences || []).forEach((s, i) => {
      const words = (s.carriers || []).map((c) => c.words);
      // The carriers are the fast model's words; a sentence the encoder also read is more than them.
      const parts = [];
      if (words.length) {
        parts.push('carried by: ' + words.join(', '));
      }
      if (s.readBy) {
        parts.push((words.length ? 'also read by ' : 'read by ') + s.readBy);
      }
      if (items[i] && parts.length) {
        items[i].append(' ', h('span', { className: 'muted carriers' }, parts.join('; ')));
      }
    });
    const parent = items.length ? items[0].parentNode : null;
    if (parent && model) {
      const scores = model.scores || {};
      const shown = Object.keys(scores).slice(0, 8).map((k) => k + ': ' + scores[k]);
      const last = model.lastTraining;
      const features = model.featureSet;
      if (model.own && features && features.warning) {
        // A folder's own model from an older release reads today's features: say so, first.
        shown.unshift('this model was ' + features.warning + ': train it again with earful train-sentiment --data');
      }
      if (last) {
        // How both models scored on this folder's own comments, so a reader sees why it uses the one it does.
        shown.unshift('last trained on this data folder (' + last.responses + ' responses): kept the '
          + (last.kept === 'new' ? 'new model' : 'current model') + '; current ' + last.current + '; new ' + last.new);
      }
      // While the background refinement (--sentiment-stage refine) has comments left, say how far
      // it has come: those comments still show the fast model's labels.
      const refinement = model.refinement && model.refinement.note ? '; ' + model.refinement.note : '';
      // The stage is named only for a comment it scored: one still on the fast model's labels says so.
      const used = model.stage && model.stage.used;
      const pending = used && stage === 'fast';
      parent.after(h('details', { className: 'model-line' },
        h('summary', { className: 'muted' }, 'Sentiment model: ' + (model.own ? 'this data folder\'s own' : 'built-in')
          // the model may carry the embedding stage while --sentiment-stage fast leaves it unused
          + ' (' + model.fast + (used && !pending
            ? ' + ' + model.stage.encoder.split(' (')[0] + ' stage' : '') + ')'
          + (pending ? '; this comment has the fast model\'s labels until it is refined' : '') + refinement),
        h('ul', {}, shown.map((line) => h('li', { className: 'muted' }, line)))));
    }
  } catch (e) {
    // The explanation is extra: the sentences above stand without it.
  }
}

function polarityOf(theme) {
  return typeof theme.sentiment === 'string' ? theme.sentiment : (theme.sentiment && theme.sentiment.label) || '';
}

function sentenceText(comment, s) {
  if (typeof s.text === 'string') {
    return s.text;
  }
  return Number.isInteger(s.start) && Number.isInteger(s.end) ? comment.slice(s.start, s.end) : '';
}

/** The comment with each theme mention's characters marked. */
export function markedComment(comment, themes) {
  const spans = [];
  for (const t of themes) {
    for (const span of t.spans || []) {
      const [start, end] = Array.isArray(span) ? span : [span.start, span.end];
      if (Number.isInteger(start) && Number.isInteger(end) && end > start) {
        spans.push([start, end, t.name || '']);
      }
    }
  }
  spans.sort((a, b) => a[0] - b[0]);
  const out = [];
  let at = 0;
  for (const [start, end, name] of spans) {
    if (start < at) {
      continue;
    }
    out.push(comment.slice(at, start), h('mark', { title: name }, comment.slice(start, end)));
    at = end;
  }
  out.push(comment.slice(at));
  return out;
}

/** Pages through every hit of the current filters and saves them as CSV. */
async function exportCsv(ctx) {
  const rows = [];
  const segmentKeys = new Set();
  let cursor = null;
  do {
    const result = await call('/search', {
      params: { ...ctx.params(), sort: ctx.state.page.order, limit: EXPORT_PAGE_SIZE, cursor },
    });
    for (const hit of result.hits || []) {
      rows.push(hit);
      Object.keys(hit.segments || {}).forEach((k) => segmentKeys.add(k));
    }
    cursor = result.nextCursor || null;
    ctx.notify('Exporting… ' + fmtInt(rows.length) + ' of ' + fmtInt(result.total) + ' comments');
  } while (cursor && rows.length < EXPORT_LIMIT);
  const keys = [...segmentKeys].sort();
  // language last: a column added after the others moves none of them for a file read by position
  let csv = csvRow(['id', 'metric', 'score', 'category', 'submittedAt', 'sentiment', 'sentimentScore', 'themes',
    ...keys.map((k) => 'segment.' + k), 'account', 'customer', 'comment', 'language']);
  for (const hit of rows) {
    csv += csvRow([hit.id, hit.metric, hit.score, hit.category, hit.submittedAt,
      hit.sentiment && hit.sentiment.label, hit.sentiment && hit.sentiment.score,
      (hit.themes || []).map((t) => t.name || ctx.themeName(t.id)).join('; '),
      ...keys.map((k) => (hit.segments || {})[k] ?? ''), hit.account ?? '', hit.customer ?? '', hit.comment,
      hit.language ?? '']);
  }
  download('earful-comments.csv', csv);
  ctx.notify('Exported ' + fmtInt(rows.length) + ' comments' + (cursor ? ' (the first ' + fmtInt(EXPORT_LIMIT) + ')' : '') + '.');
}

export function wire(ctx) {
  $('#order').addEventListener('change', () => ctx.navigate({ page: { order: $('#order').value } }));
  $('#more').addEventListener('click', () => ctx.busy(more(ctx)).catch(ctx.showError));
  $('#export-comments').addEventListener('click', () => ctx.busy(exportCsv(ctx)).catch(ctx.showError));
  $('#response-dialog').addEventListener('close', () => {
    if (ctx.state.page.response) {
      ctx.navigate({ page: { response: '' } }, { quiet: true });
    }
  });
}
