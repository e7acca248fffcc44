package dev.earful.store;

/**
 * How far the upgrade of a data folder to {@link StoredFormat#CURRENT} has come: written by the
 * thread that re-analyses the responses, read by the health check (and the gate that answers 503
 * meanwhile) on any request thread, hence the volatile fields. One per open data folder; a folder
 * already in the current format has none.
 */
public final class FormatUpgrade {

  private final int from;
  private final int to;
  private volatile long done;
  private volatile long total;
  private volatile boolean finished;

  public FormatUpgrade(int from, int to, long total) {
    this.from = from;
    this.to = to;
    this.total = total;
  }

  /** The format the folder was found in. */
  public int from() {
    return from;
  }

  /** The format it is upgraded to. */
  public int to() {
    return to;
  }

  /** Responses re-analysed and written back so far. */
  public long done() {
    return done;
  }

  /** Responses to re-analyse in all. */
  public long total() {
    return total;
  }

  /** True once the folder is in the new format (format file written). */
  public boolean finished() {
    return finished;
  }

  /** Records progress: {@code done} of {@code total} responses. */
  public void progress(long done, long total) {
    this.total = total;
    this.done = done;
  }

  public void finish() {
    this.finished = true;
  }
}
