// The page: reads its state from the URL, keeps the filter form in step with it, and renders the
// view in view. Every change of filter or view is a new URL, so Back works and links can be shared.

import { call, apiKey, setApiKey, onKeyNeeded } from './api.js';
import { parse, serialize, filterParams } from './state.js';
import { h, $, clear, fmtInt, isNumber } from './dom.js';
import * as comments from './comments.js';
import * as painPoints from './painpoints.js';
import * as themeView from './theme.js';
import * as compare from './compare.js';
import * as followups from './followups.js';
import * as accounts from './accounts.js';
import * as alerts from './alerts.js';
import { metricCard, label } from './metrics.js';
import { targetList } from './targets.js';

const CATEGORIES = {
  '': [['detractor', 'Detractors (negative)'], ['passive', 'Passives (middle)'], ['promoter', 'Promoters (positive)']],
  nps: [['detractor', 'Detractors (0-6)'], ['passive', 'Passives (7-8)'], ['promoter', 'Promoters (9-10)']],
  csat: [['dissatisfied', 'Dissatisfied (1-2)'], ['neutral', 'Neutral (3)'], ['satisfied', 'Satisfied (4-5)']],
  ces: [['difficult', 'Difficult (1-3)'], ['neutral', 'Neutral (4)'], ['easy', 'Easy (5-7)']],
};

const GROUP_OF = {
  promoter: 'positive', satisfied: 'positive', easy: 'positive',
  passive: 'middle', neutral: 'middle',
  detractor: 'negative', dissatisfied: 'negative', difficult: 'negative',
};

/** What every view gets: the state, navigation, shared look-ups and messages. */
const ctx = {
  state: parse(location.search),
  themeNames: new Map(),
  taxonomy: [],
  segmentFacets: {},
  defaultMetric: '',
  generation: 0,

  /** Changes the state (filters and/or page fields) and renders it under a new URL. */
  navigate(patch, { replace = false, quiet = false } = {}) {
    const next = {
      filters: { ...ctx.state.filters, ...(patch.filters || {}) },
      page: { ...ctx.state.page, ...(patch.page || {}) },
    };
    ctx.state = next;
    const url = serialize(next);
    if (replace) {
      history.replaceState(null, '', url);
    } else {
      history.pushState(null, '', url);
    }
    if (!quiet) {
      render();
    }
  },

  /** Filters with one theme added (clicking a theme means: read its comments). */
  filterByTheme(id) {
    const themes = ctx.state.filters.theme.includes(id) ? ctx.state.filters.theme : [...ctx.state.filters.theme, id];
    ctx.navigate({ filters: { theme: themes }, page: { view: 'comments', open: '' } });
  },

  openTheme(id) {
    ctx.navigate({ page: { view: 'theme', open: id } });
  },

  params(overrides) {
    return filterParams(ctx.state.filters, overrides);
  },

  /** The metric whose headline is shown: the filter's, or the one the service reports by default. */
  metric() {
    return ctx.state.filters.metric || ctx.defaultMetric || 'nps';
  },

  groupOf(category) {
    return GROUP_OF[category] || 'middle';
  },

  remember(themes) {
    for (const t of themes || []) {
      if (t && t.id && t.name) {
        ctx.themeNames.set(String(t.id), t.name);
      }
    }
  },

  themeName(id) {
    return ctx.themeNames.get(String(id)) || String(id);
  },

  /** Re-reads the taxonomy (after an edit) and, unless told not to, renders again. */
  async refreshTaxonomy({ render: again = true } = {}) {
    await loadTaxonomy();
    if (again) {
      render();
    }
  },

  showError,
  notify,
  busy,
};

function showError(e) {
  const box = $('#message');
  box.className = 'message error';
  clear(box).append(
    h('span', {}, e && e.message ? e.message : String(e)),
    h('button', { type: 'button', className: 'ghost', 'aria-label': 'Dismiss message', onclick: () => (box.hidden = true) }, '×'),
  );
  box.hidden = false;
}

function notify(text) {
  const box = $('#message');
  box.className = 'message ok';
  clear(box).append(
    h('span', {}, text),
    h('button', { type: 'button', className: 'ghost', 'aria-label': 'Dismiss message', onclick: () => (box.hidden = true) }, '×'),
  );
  box.hidden = false;
}

// data-settled counts the moments when no request is left open; the browser tests wait on it.
let pending = 0;
let settled = 0;
async function busy(promise) {
  pending++;
  document.body.classList.add('loading');
  document.body.setAttribute('aria-busy', 'true');
  try {
    return await promise;
  } finally {
    pending--;
    if (pending === 0) {
      document.body.classList.remove('loading');
      document.body.removeAttribute('aria-busy');
      document.body.dataset.settled = String(++settled);
    }
  }
}

// ---- filter form ------------------------------------------------------------------------------

function fillCategories(metric, selected) {
  const select = $('#f-category');
  clear(select).append(h('option', { value: '' }, 'Any'));
  const options = CATEGORIES[metric] || CATEGORIES[''];
  for (const [value, label] of options) {
    select.append(h('option', { value }, label));
  }
  if (selected && !options.some(([v]) => v === selected)) {
    select.append(h('option', { value: selected }, selected));
  }
  select.value = selected || '';
}

function fillThemePicker() {
  const select = $('#f-theme');
  clear(select).append(h('option', { value: '' }, ctx.state.filters.theme.length ? 'Add a theme…' : 'Any'));
  const names = [...ctx.taxonomy].sort((a, b) => a.name.localeCompare(b.name));
  for (const t of names) {
    if (!ctx.state.filters.theme.includes(String(t.id))) {
      select.append(h('option', { value: t.id }, t.name));
    }
  }
  select.value = '';
  const chips = clear($('#active-themes'));
  for (const id of ctx.state.filters.theme) {
    chips.append(
      h('span', { className: 'chip active' }, 'Theme: ' + ctx.themeName(id),
        h('button', {
          type: 'button',
          className: 'chip-x',
          'aria-label': 'Remove theme filter ' + ctx.themeName(id),
          onclick: () => ctx.navigate({ filters: { theme: ctx.state.filters.theme.filter((x) => x !== id) } }),
        }, '×')),
    );
  }
}

function fillSegments() {
  const box = clear($('#segment-fields'));
  const chosen = ctx.state.filters.segments;
  const keys = new Set([...Object.keys(ctx.segmentFacets), ...Object.keys(chosen)]);
  for (const key of [...keys].sort()) {
    const id = 'f-seg-' + key.replace(/[^A-Za-z0-9_-]/g, '_');
    const select = h('select', { id, name: 'segment.' + key, dataset: { segment: key } }, h('option', { value: '' }, 'Any'));
    const counts = ctx.segmentFacets[key] || {};
    const values = new Set([...Object.keys(counts), ...(chosen[key] || [])]);
    for (const v of [...values].sort()) {
      select.append(h('option', { value: v }, v + (isNumber(counts[v]) ? ' (' + fmtInt(counts[v]) + ')' : '')));
    }
    select.value = (chosen[key] || [])[0] || '';
    box.append(h('div', { className: 'field' }, h('label', { for: id }, label(key)), select));
  }
}

function syncForm() {
  const f = ctx.state.filters;
  const active = Object.values(filterParams(f)).reduce((n, v) => n + (Array.isArray(v) ? v.length : 1), 0);
  $('#filters-box > summary').textContent = active ? 'Filters (' + active + ' active)' : 'Filters';
  $('#f-q').value = f.q;
  $('#f-metric').value = f.metric;
  fillCategories(f.metric, f.category);
  $('#f-sentiment').value = f.sentiment;
  $('#f-from').value = f.from.slice(0, 10);
  $('#f-to').value = f.to.slice(0, 10);
  $('#f-account').value = f.account || '';
  $('#f-customer').value = f.customer || '';
  fillThemePicker();
  fillSegments();
}

function readForm() {
  const segments = {};
  for (const select of document.querySelectorAll('#segment-fields select')) {
    if (select.value) {
      segments[select.dataset.segment] = [select.value];
    }
  }
  const picked = $('#f-theme').value;
  const themes = picked && !ctx.state.filters.theme.includes(picked) ? [...ctx.state.filters.theme, picked] : ctx.state.filters.theme;
  return {
    q: $('#f-q').value.trim(),
    metric: $('#f-metric').value,
    category: $('#f-category').value,
    sentiment: $('#f-sentiment').value,
    from: $('#f-from').value,
    to: $('#f-to').value,
    account: $('#f-account').value.trim(),
    customer: $('#f-customer').value.trim(),
    theme: themes,
    segments,
  };
}

// ---- headline metrics ---------------------------------------------------------------------------

async function renderHeadline(generation) {
  const box = $('#headline');
  const metric = ctx.metric();
  try {
    const m = await call('/metrics', { params: { ...ctx.params(), metric } });
    if (generation !== ctx.generation) {
      return;
    }
    clear(box).append(metricCard(m, metric));
  } catch (e) {
    if (generation === ctx.generation) {
      clear(box).append(h('span', { className: 'muted' }, 'Metrics unavailable'));
      showError(e);
    }
    return;
  }
  try {
    const { from, to } = ctx.state.filters;
    const targets = await targetList(metric, from, to);
    if (generation === ctx.generation) {
      box.append(targets);
    }
  } catch (e) {
    if (generation === ctx.generation) {
      showError(e);
    }
  }
}

// ---- loading shared data -----------------------------------------------------------------------

async function loadTaxonomy() {
  try {
    const result = await call('/themes', { params: { limit: 1000 } });
    ctx.taxonomy = (result.themes || []).map((t) => ({ id: String(t.id), name: t.name }));
    ctx.remember(ctx.taxonomy);
  } catch (e) {
    showError(e);
  }
}

/** With no metric chosen, the service describes the metric most responses have. */
async function chooseDefaultMetric() {
  try {
    const m = await call('/metrics');
    ctx.defaultMetric = m.metric || '';
  } catch (e) {
    showError(e);
  }
}

// ---- rendering ----------------------------------------------------------------------------------

function showView(view) {
  for (const name of ['comments', 'themes', 'theme', 'compare', 'followups', 'accounts', 'alerts']) {
    $('#view-' + name).hidden = name !== view;
  }
  for (const tab of document.querySelectorAll('.tabs a')) {
    const current = tab.dataset.view === view || (view === 'theme' && tab.dataset.view === 'themes');
    if (current) {
      tab.setAttribute('aria-current', 'page');
    } else {
      tab.removeAttribute('aria-current');
    }
    const page = { ...ctx.state.page, view: tab.dataset.view };
    tab.href = serialize({ filters: ctx.state.filters, page });
  }
}

function render() {
  const generation = ++ctx.generation;
  $('#message').hidden = true;
  const { page } = ctx.state;
  syncForm();
  showView(page.view);
  busy(renderHeadline(generation));
  if (page.view !== 'comments' && !Object.keys(ctx.segmentFacets).length) {
    busy(loadFacets(generation)).catch(showError);
  }
  const views = { comments, themes: painPoints, theme: themeView, compare, followups, accounts, alerts };
  busy(views[page.view].render(ctx, generation)).catch(showError);
  if (page.response) {
    busy(comments.openResponse(ctx, page.response));
  }
}

/** The segment keys and values for the filter form, when the view in sight does not search. */
async function loadFacets(generation) {
  const result = await call('/search', { params: { ...ctx.params(), limit: 1 } });
  if (generation === ctx.generation) {
    ctx.setFacets(result.facets || {});
  }
}

// Facets from the latest search feed the segment selects of the filter form.
ctx.setFacets = (facets) => {
  const segments = {};
  for (const [name, counts] of Object.entries(facets || {})) {
    if (name.startsWith('segment.')) {
      segments[name.slice(8)] = Array.isArray(counts)
        ? Object.fromEntries(counts.map((c) => [c.value ?? c.label ?? c.name, c.count]))
        : counts;
    }
  }
  ctx.segmentFacets = segments;
  fillSegments();
  if (ctx.state.page.view === 'compare') {
    compare.syncForm(ctx);
  }
};

// ---- events -------------------------------------------------------------------------------------

function wire() {
  $('#filters').addEventListener('submit', (e) => {
    e.preventDefault();
    const filters = readForm();
    ctx.navigate({ filters, page: ctx.state.page.view === 'theme' ? {} : {} });
  });
  $('#f-metric').addEventListener('change', () => fillCategories($('#f-metric').value, ''));
  $('#reset').addEventListener('click', () => {
    ctx.navigate({
      filters: { q: '', metric: '', from: '', to: '', minScore: '', maxScore: '', category: '', sentiment: '', account: '', customer: '', theme: [], segments: {} },
    });
  });
  for (const tab of document.querySelectorAll('.tabs a')) {
    tab.addEventListener('click', (e) => {
      if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) {
        return;
      }
      e.preventDefault();
      ctx.navigate({ page: { view: tab.dataset.view } });
    });
  }
  $('#back-to-themes').addEventListener('click', (e) => {
    e.preventDefault();
    ctx.navigate({ page: { view: 'themes', open: '' } });
  });
  $('#home-link').addEventListener('click', (e) => {
    e.preventDefault();
    ctx.navigate({ filters: { q: '', metric: '', from: '', to: '', minScore: '', maxScore: '', category: '', sentiment: '', account: '', customer: '', theme: [], segments: {} }, page: { view: 'comments', open: '', response: '' } });
  });
  window.addEventListener('popstate', () => {
    ctx.state = parse(location.search);
    render();
  });
  $('#key-button').addEventListener('click', () => askKey('Enter the API key of this service. It is kept for this browser tab only.').then((given) => {
    if (given) {
      start();
    }
  }));
  onKeyNeeded(askKey);
  comments.wire(ctx);
  painPoints.wire(ctx);
  themeView.wire(ctx);
  compare.wire(ctx);
  followups.wire(ctx);
  accounts.wire(ctx);
  alerts.wire(ctx);
}

function askKey(reason) {
  const dialog = $('#key-dialog');
  $('#key-reason').textContent = reason;
  $('#api-key').value = apiKey();
  return new Promise((resolve) => {
    dialog.addEventListener('close', function done() {
      dialog.removeEventListener('close', done);
      if (dialog.returnValue === 'save' && $('#api-key').value.trim()) {
        setApiKey($('#api-key').value.trim());
        updateKeyButton();
        resolve(true);
      } else {
        if (dialog.returnValue === 'clear') {
          setApiKey('');
          updateKeyButton();
        }
        resolve(false);
      }
    });
    dialog.showModal();
    $('#api-key').focus();
  });
}

function updateKeyButton() {
  $('#key-button').textContent = apiKey() ? 'API key ✓' : 'API key';
}

/** Loads the taxonomy and the default metric, then renders; settles once everything is shown. */
function start() {
  return busy((async () => {
    await Promise.all([loadTaxonomy(), ctx.state.filters.metric ? null : chooseDefaultMetric()]);
    render();
  })());
}

// On a narrow screen the filters fold away under their summary until asked for.
const narrow = window.matchMedia('(max-width: 800px)');
$('#filters-box').open = !narrow.matches;
narrow.addEventListener('change', () => {
  $('#filters-box').open = !narrow.matches;
});
wire();
updateKeyButton();
start();
