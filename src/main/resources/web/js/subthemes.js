// Sub-themes beneath their theme: the ranked list comes flat from GET /themes (each theme names
// its parentId); the page shows each theme's narrower issues right under it, indented.

/**
 * The themes in ranked order with each theme's sub-themes (in their own ranked order) right after
 * it, as [theme, depth] pairs; a sub-theme whose theme is not in the list stays where it ranks.
 */
export function beneathTheirThemes(themes) {
  const listed = new Set(themes.map((t) => String(t.id)));
  const children = new Map();
  const top = [];
  for (const t of themes) {
    const parent = t.parentId == null ? null : String(t.parentId);
    if (parent !== null && listed.has(parent)) {
      if (!children.has(parent)) {
        children.set(parent, []);
      }
      children.get(parent).push(t);
    } else {
      top.push(t);
    }
  }
  const out = [];
  for (const t of top) {
    out.push([t, 0]);
    for (const c of children.get(String(t.id)) || []) {
      out.push([c, 1]);
    }
  }
  return out;
}
