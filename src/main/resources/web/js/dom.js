// Small DOM and formatting helpers shared by the views.

/** Creates an element: h('a', {href: '#', onclick: f}, 'text', child). */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name.startsWith('on') && typeof value === 'function') {
      el.addEventListener(name.slice(2), value);
    } else if (name === 'dataset') {
      Object.assign(el.dataset, value);
    } else if (name === 'className') {
      el.className = value;
    } else {
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === undefined || c === null || c === false) {
      continue;
    }
    if (Array.isArray(c)) {
      append(el, c);
    } else {
      el.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
  }
}

export function $(selector) {
  return document.querySelector(selector);
}

export function clear(el) {
  el.replaceChildren();
  return el;
}

/**
 * Turns a highlighted snippet from the service into nodes, keeping only text and <mark>: the
 * markup is parsed in an inert document, so nothing in a comment can run or style the page.
 */
export function highlighted(html) {
  const doc = new DOMParser().parseFromString('<body>' + (html || ''), 'text/html');
  const out = document.createDocumentFragment();
  const walk = (node, into) => {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) {
        into.append(document.createTextNode(child.textContent));
      } else if (child.nodeType === Node.ELEMENT_NODE && child.tagName === 'MARK') {
        const mark = document.createElement('mark');
        walk(child, mark);
        into.append(mark);
      } else if (child.nodeType === Node.ELEMENT_NODE) {
        walk(child, into);
      }
    }
  };
  walk(doc.body, out);
  return out;
}

const integer = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function isNumber(x) {
  return typeof x === 'number' && Number.isFinite(x);
}

// A figure below zero is written with a true minus sign ("−25.0", as signed1 and the targets write
// one), not the hyphen Intl.NumberFormat gives: the Accounts tab showed "-100.0" beside the
// Compare tab's "−3.0". The CSV exports write the API's numbers, not these.
function minus(text) {
  return text.replace('-', '−');
}

// A text the server wrote (an alert's title: "NPS for 'Acme' fell 150.00 points: -100.00 over the
// last 7 days") with the page's minus: a hyphen before a digit that follows no letter or digit, so
// "2024-05-01", "t-7" and "COVID-19" keep theirs. The server writes ASCII for the webhook, the
// command line and the PDF (whose standard fonts have no U+2212); the page showed "-100.00" in the
// title beside its own "−100.00".
export function minusSigns(text) {
  return text == null ? text : String(text).replace(/(^|[^\p{L}\p{N}])-(?=\d)/gu, '$1−');
}

export function fmtInt(x) {
  return isNumber(x) ? minus(integer.format(x)) : '–';
}

export function fmt1(x) {
  return isNumber(x) ? minus(oneDecimal.format(x)) : '–';
}

export function fmt2(x) {
  return isNumber(x) ? minus(twoDecimals.format(x)) : '–';
}

export function pct(x) {
  return isNumber(x) ? minus(oneDecimal.format(x * 100)) + '%' : '–';
}

// The business review's rounding of a percentage (ReportNumbers.percent): once, half to even, from
// the exact value of 100 * part / whole. The API's rates come rounded to 4 decimals, and rounding
// those again showed 59 detractors of 88 mentions (67.045%, sent as 0.6705) as 67.1% where the review
// and earful themes say 67.0%. Not by Intl: its halfEven rounds the shortest decimal that reads as
// the double (3 of 2000, 0.15 written but 0.14999... exactly, read 0.2% where the review says 0.1%),
// and a browser without roundingMode (Intl.NumberFormat v3) rounds a tie half up (1 of 16, 6.25%,
// read 6.3%). toFixed rounds the exact value in every browser, half up; at one decimal a double can
// only tie on an exact quarter (x.25, x.75), which is taken half to even here.
function percentText(x) {
  const size = Math.abs(x);
  let t = size.toFixed(1);
  if (Number.isInteger(size * 4) && !Number.isInteger(size * 2)) {
    const tenths = Math.floor(size * 10);
    t = ((tenths % 2 === 0 ? tenths : tenths + 1) / 10).toFixed(1);
  }
  return x < 0 && t !== '0.0' ? '-' + t : t;
}

/** {@code part} of {@code whole} as a percentage rounded once ("67.0%"); "–" when whole is 0. */
export function pctOf(part, whole) {
  return isNumber(part) && isNumber(whole) && whole > 0 ? percentText(100 * (part / whole)) + '%' : '–';
}

// A score (the NPS, % satisfied, the CES mean, their intervals and changes, a target's goal and
// distance, an account's level, a theme's leave-one-out impact) has two decimals everywhere, as the
// business review and earful metrics print it (ReportNumbers.SCORE_DECIMALS): the page's header
// printed a CSAT with one decimal where the review prints two. Rounded half to even on the decimal,
// as ReportNumbers.score prints one: the API sends an impact or an alert's values with 3 decimals,
// and -4.135 is -4.14 and 0.125 is 0.12 on the page as in earful themes and earful alerts.
const scoreDecimals = new Intl.NumberFormat('en', {
  minimumFractionDigits: 2, maximumFractionDigits: 2, roundingMode: 'halfEven',
});

// roundingMode came with Intl.NumberFormat v3 (Chromium 106, Firefox 116, Safari 15.4); an older
// browser ignores it and rounds half up (0.125 would read 0.13). There the score is first rounded
// half to even on its shortest decimal by halfEven2, which Intl's own rounding then leaves alone.
const scoreRoundsHalfEven = scoreDecimals.resolvedOptions().roundingMode === 'halfEven';

/**
 * {@code x} rounded to two decimals half to even on its shortest decimal, as BigDecimal.valueOf
 * and Intl's halfEven round it (-4.135 to -4.14, 0.125 to 0.12); the fallback of a browser without
 * roundingMode. A number written with an exponent (below 1e-6 or 1e21 and above) is returned as is.
 */
export function halfEven2(x) {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(String(x));
  if (!m || !m[3] || m[3].length <= 2) {
    return x;
  }
  const kept = Number(m[2] + m[3].slice(0, 2));
  const rest = m[3].slice(2);
  const up = rest[0] > '5' || (rest[0] === '5' && (/[1-9]/.test(rest.slice(1)) || kept % 2 === 1));
  const r = (up ? kept + 1 : kept) / 100;
  return m[1] ? -r : r;
}

// A score that rounds to zero reads "0.00" whichever side of zero it lies on, as ReportNumbers
// prints it (a zero BigDecimal has no sign); Intl keeps the sign of -0.004 and of -0: "-0.00".
export function fmtScore(x) {
  if (!isNumber(x)) {
    return '–';
  }
  const t = minus(scoreDecimals.format(scoreRoundsHalfEven ? x : halfEven2(x)));
  return t === '−0.00' ? '0.00' : t;
}

// A risk (0 to 1) of an account's health and its parts: three decimals, as the review prints it.
const threeDecimals = new Intl.NumberFormat('en', { minimumFractionDigits: 3, maximumFractionDigits: 3 });

export function fmtRisk(x) {
  return isNumber(x) ? minus(threeDecimals.format(x)) : '–';
}

/**
 * {@code x} with its sign, "+" above zero, "−" below, its size written by {@code f}; "–" for none.
 * The sign is the rounded text's: 0.004 is "0.00", not "+0.00", and -0.004 not "−0.00" (a score,
 * as ReportNumbers.signedScore prints it); -0.04 points is "0.0" on the theme's card, as earful
 * themes prints it, not "−0.0".
 */
export function signed(x, f) {
  if (!isNumber(x)) {
    return '–';
  }
  const t = f(Math.abs(x));
  return t === f(0) ? t : (x > 0 ? '+' : '−') + t;
}

export function signedScore(x) {
  return signed(x, fmtScore);
}

export function signed1(x) {
  return signed(x, fmt1);
}

export function interval(ci, f = fmt1) {
  return Array.isArray(ci) && ci.length === 2 && isNumber(ci[0]) && isNumber(ci[1])
    ? '[' + f(ci[0]) + ', ' + f(ci[1]) + ']'
    : '';
}

export function date(iso) {
  if (!iso) {
    return '';
  }
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : d.toISOString().slice(0, 10);
}

/** Saves text as a file the browser downloads. */
export function download(filename, text, type = 'text/csv') {
  const url = URL.createObjectURL(new Blob([text], { type: type + ';charset=utf-8' }));
  const a = h('a', { href: url, download: filename, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/**
 * One CSV field per RFC 4180. Text starting with =, +, -, @, tab or CR gets a leading ' so
 * spreadsheets keep it as text (the server's rule for its CSV, ImpactDocuments.cell); numbers are
 * numbers and stay as they are. Text that merely starts like a number ("-1+1+cmd|...") is text.
 */
export function csvField(value) {
  let s = value === undefined || value === null ? '' : String(value);
  if (typeof value !== 'number' && /^[=+\-@\t\r]/.test(s)) {
    s = "'" + s;
  }
  return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

export function csvRow(fields) {
  return fields.map(csvField).join(',') + '\r\n';
}
