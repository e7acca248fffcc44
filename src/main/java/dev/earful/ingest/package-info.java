/**
 * Getting responses in: reading request bodies (JSON array, NDJSON) and files (CSV with survey-tool
 * quirks, NDJSON), validating each record on its own ({@code ResponseValidator}), then analysing
 * and indexing the valid ones ({@code ResponseIngestor}) with a report of what was kept and why
 * not. Bad records are counted, never thrown. Imports domain, nlp and search; no HTTP, no picocli,
 * no environment.
 */
package dev.earful.ingest;
