/**
 * Themes: discovery over stored comments ({@link dev.earful.themes.ThemeDiscoverer}), the editable
 * taxonomy kept in {@code <data>/taxonomy.json} ({@link dev.earful.themes.Taxonomy}, which is the
 * {@link dev.earful.domain.ThemeCatalog}), matching comments to themes ({@link
 * dev.earful.themes.ThemeMatcher}) and debounced re-discovery ({@link
 * dev.earful.themes.DiscoveryScheduler}). Discovery groups candidate phrases by meaning with the
 * sentence encoder of {@code embed} and tells names, dates and handles from issues with the
 * background frequencies in corpora/background. Imports domain, nlp, embed, Smile and store (its
 * atomic file writes only); Jackson's tree model only to read and write the taxonomy file.
 */
package dev.earful.themes;
