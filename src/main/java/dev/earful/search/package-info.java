/**
 * The index schema (every field name and the one {@code FacetsConfig} in {@link
 * dev.earful.search.Schema}), the stored-analysis codec, filters, the people's query syntax, search
 * with facets, highlights and cursors, and the {@link dev.earful.search.ResponseIndex} every other
 * package reads and writes responses through: other packages ask its snapshots for bit sets,
 * columns and ids and never read Lucene's index structures themselves. Imports domain, store and
 * Lucene.
 */
package dev.earful.search;
