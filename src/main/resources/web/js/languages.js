// Comments in other languages than English: counted (the search facet "language", the discovery
// state's "otherLanguages" and "otherLanguagesNote"), searchable, but given no themes and no
// sentiment. The page says so, in the server's words where it has them.

import { h, fmtInt } from './dom.js';

const NAMES = { eng: 'English', fra: 'French', spa: 'Spanish', deu: 'German', ita: 'Italian', por: 'Portuguese', nld: 'Dutch' };

/**
 * "French" for fra: the browser's names (Intl.DisplayNames knows the ISO 639-3 codes the server
 * sends, as the JDK's names the server writes), the table where it lacks them, else the code.
 */
export function languageName(code) {
  try {
    const name = new Intl.DisplayNames(['en'], { type: 'language' }).of(code);
    if (name && name !== code) {
      return name;
    }
  } catch (e) {
    // an old browser without Intl.DisplayNames, or a code it refuses
  }
  return NAMES[code] || code;
}

/**
 * The notice above the pain points: the server's sentence (GET /themes's
 * discovery.otherLanguagesNote, over the filtered responses, as earful themes prints it); null
 * when every comment is in English.
 */
export function otherLanguagesNotice(discovery) {
  const note = discovery && discovery.otherLanguagesNote;
  return note ? h('p', { className: 'notice small', id: 'other-languages' }, note) : null;
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
