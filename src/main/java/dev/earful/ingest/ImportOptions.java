package dev.earful.ingest;

/**
 * What one import asks of the batch listeners besides indexing.
 *
 * @param followups false: the follow-up rules open nothing for this import (a history without dates
 *     would open one per detractor, all due the same day); they still count what they would have
 *     opened, so the answer can say why none opened. Alerts are not affected.
 */
public record ImportOptions(boolean followups) {

  /** Every listener acts as configured. */
  public static final ImportOptions DEFAULT = new ImportOptions(true);

  /** {@code earful import --no-followups}, {@code POST /responses?followups=false}. */
  public static final ImportOptions NO_FOLLOWUPS = new ImportOptions(false);
}
