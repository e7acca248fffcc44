// The whole state of the page lives in the URL's query string, so a link can be shared: the
// filters use the API's own parameter names, the rest (view, open theme, compare setup) sit beside.

export const FILTER_NAMES = ['q', 'metric', 'from', 'to', 'minScore', 'maxScore', 'category', 'sentiment', 'account', 'customer'];
const PAGE_NAMES = ['view', 'open', 'response', 'interval', 'order', 'rankBy', 'minMentions', 'by', 'key', 'a', 'b', 'aFrom', 'aTo', 'bFrom', 'bTo', 'sort', 'find', 'person', 'weights'];
// The Accounts tab's own fields: its sort column, name box, open customer and health weights.
const ACCOUNT_NAMES = ['sort', 'find', 'person', 'weights'];
export const VIEWS = ['comments', 'themes', 'theme', 'compare', 'followups', 'accounts', 'alerts'];

/** Reads the state from a query string. */
export function parse(search) {
  const p = new URLSearchParams(search);
  const filters = { theme: p.getAll('theme'), segments: {} };
  for (const name of FILTER_NAMES) {
    filters[name] = p.get(name) || '';
  }
  for (const [name, value] of p) {
    if (name.startsWith('segment.') && name.length > 8 && value) {
      const key = name.slice(8);
      (filters.segments[key] ||= []).push(value);
    }
  }
  const page = {};
  for (const name of PAGE_NAMES) {
    page[name] = p.get(name) || '';
  }
  if (!VIEWS.includes(page.view)) {
    page.view = page.open ? 'theme' : 'comments';
  }
  if (page.view === 'theme' && !page.open) {
    page.view = 'themes';
  }
  if (!['week', 'month'].includes(page.interval)) {
    page.interval = 'month';
  }
  return { filters, page };
}

/** The API parameters of a set of filters (segment.<key> repeated per value). */
export function filterParams(filters, overrides = {}) {
  const f = { ...filters, ...overrides };
  const params = {};
  for (const name of FILTER_NAMES) {
    if (f[name]) {
      params[name] = f[name];
    }
  }
  if (f.theme && f.theme.length) {
    params.theme = [...f.theme];
  }
  for (const [key, values] of Object.entries(f.segments || {})) {
    if (values && values.length) {
      params['segment.' + key] = [...values];
    }
  }
  return params;
}

/** Writes a state back to a query string, leaving out defaults. */
export function serialize(state) {
  const q = new URLSearchParams();
  for (const [name, value] of Object.entries(filterParams(state.filters))) {
    for (const v of Array.isArray(value) ? value : [value]) {
      q.append(name, v);
    }
  }
  const page = state.page;
  if (page.view && page.view !== 'comments') {
    q.set('view', page.view);
  }
  for (const name of PAGE_NAMES) {
    if (name === 'view' || !page[name]) {
      continue;
    }
    if (name === 'interval' && page.interval === 'month') {
      continue;
    }
    if ((name === 'open' && page.view !== 'theme') || (name === 'rankBy' && page.view !== 'themes')) {
      continue;
    }
    if (['by', 'key', 'a', 'b', 'aFrom', 'aTo', 'bFrom', 'bTo'].includes(name) && page.view !== 'compare') {
      continue;
    }
    if (ACCOUNT_NAMES.includes(name) && page.view !== 'accounts') {
      continue;
    }
    q.set(name, page[name]);
  }
  const s = q.toString();
  return s ? '?' + s : location.pathname;
}
