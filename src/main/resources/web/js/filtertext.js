// A rule's filter as text: the API's query parameters, "account=Acme&category=detractor" (or
// one per line), read into the {when} object of alert and follow-up rules, and written back.

/** "account=Acme&category=detractor" (or one per line) to the API's {when} object. */
export function parseWhen(text) {
  const out = {};
  for (const part of String(text || '').split(/[&\n]/)) {
    const s = part.trim();
    if (!s) {
      continue;
    }
    const eq = s.indexOf('=');
    const key = (eq < 0 ? s : s.slice(0, eq)).trim();
    const value = eq < 0 ? '' : s.slice(eq + 1).trim();
    (out[key] ||= []).push(value);
  }
  for (const key of Object.keys(out)) {
    if (out[key].length === 1) {
      out[key] = out[key][0];
    }
  }
  return out;
}

export function whenText(w) {
  const parts = [];
  for (const [key, values] of Object.entries(w || {})) {
    for (const v of Array.isArray(values) ? values : [values]) {
      parts.push(key + '=' + v);
    }
  }
  return parts.join('&');
}
