/**
 * Themes: discovery over stored comments ({@link dev.earful.themes.ThemeDiscoverer}), the editable
 * taxonomy kept in {@code <data>/taxonomy.json} ({@link dev.earful.themes.Taxonomy}, which is the
 * {@link dev.earful.domain.ThemeCatalog}), matching comments to themes ({@link
 * dev.earful.themes.ThemeMatcher}) and debounced re-discovery ({@link
 * dev.earful.themes.DiscoveryScheduler}). Imports domain, nlp and Smile; Jackson's tree model only
 * to read and write the taxonomy file.
 */
package dev.earful.themes;
