// Comments in other languages than English: counted (the search facet "language", the discovery
// state's "otherLanguages"), searchable, but given no themes and no sentiment. The page says so.

import { h, fmtInt } from './dom.js';

const NAMES = { eng: 'English', fra: 'French', spa: 'Spanish', deu: 'German', ita: 'Italian', por: 'Portuguese', nld: 'Dutch' };

/** "French" for fra, the code itself for a language without a name here. */
export function languageName(code) {
  return NAMES[code] || code;
}

function listed(counts) {
  return Object.entries(counts)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([code, n]) => languageName(code) + ' ' + fmtInt(n))
    .join(', ');
}

/** The notice above the pain points when the last discovery left comments out; null otherwise. */
export function otherLanguagesNotice(discovery) {
  const other = (discovery && discovery.otherLanguages) || {};
  const total = Object.values(other).reduce((a, b) => a + b, 0);
  if (!total) {
    return null;
  }
  return h('p', { className: 'notice small', id: 'other-languages' },
    fmtInt(total) + (total === 1 ? ' comment is' : ' comments are') + ' not in English (' + listed(other)
      + '): Earful finds themes and sentiment in English only, so they are searchable but not in these themes.');
}

/**
 * The facet box of the comment languages (counts only: a language is not a filter); "none" counts
 * the responses with no comment, so the box adds up to the hits.
 */
export function languageFacet(counts) {
  const entries = Object.entries(counts || {});
  if (!entries.length) {
    return null;
  }
  const list = h('ul', { id: 'language-facet' });
  for (const [code, n] of entries.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) {
    list.append(h('li', { dataset: { language: code } },
      h('span', {}, code === 'none' ? 'No comment' : languageName(code) + (code === 'eng' ? '' : ' (not analysed)')),
      h('span', { className: 'count' }, fmtInt(n))));
  }
  return h('section', {}, h('h3', {}, 'Languages'), list);
}
